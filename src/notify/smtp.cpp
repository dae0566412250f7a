#include "notify/smtp.hpp"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace mh::notify {

namespace {

struct Upload {
  const std::string* content = nullptr;
  std::size_t offset = 0;
  const std::function<bool()>* before_end = nullptr;
  bool handed_over = false;
  bool abandoned = false;
};

std::size_t read_body(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = u->content->size() - u->offset;
  // Before the last bytes go out (after them curl sends the end of the message, and a message
  // of known size may never be asked for more), record the hand-over: a sender that cannot
  // record it does not let the server have the whole message.
  if (left <= room && !u->handed_over) {
    if (u->before_end && *u->before_end && !(*u->before_end)()) {
      u->abandoned = true;
      return CURL_READFUNC_ABORT;
    }
    u->handed_over = true;
  }
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, u->content->data() + u->offset, n);
  u->offset += n;
  return n;
}

}  // namespace

struct SmtpClient::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl) curl_easy_cleanup(curl);
  }
};

void init_smtp() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

SmtpClient::SmtpClient(SmtpSettings settings) : settings_(std::move(settings)), handle_(std::make_unique<Handle>()) {
  init_smtp();
}

SmtpClient::~SmtpClient() = default;

SendResult SmtpClient::send(const std::string& recipient, const std::string& content,
                            const std::function<bool()>& before_end) {
  SendResult result;
  if (!handle_->curl) handle_->curl = curl_easy_init();
  CURL* c = handle_->curl;
  if (!c) {
    result.error = "cannot start curl";
    return result;
  }
  Upload upload{&content, 0, &before_end};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + recipient + ">").c_str());
  char errors[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + settings_.from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, settings_.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(10L, settings_.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errors);
  if (settings_.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode code = curl_easy_perform(c);
  curl_slist_free_all(rcpt);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  result.handed_over = upload.handed_over;
  if (code == CURLE_OK) {
    result.sent = true;
    return result;
  }
  result.error = errors[0] ? errors : curl_easy_strerror(code);
  if (reply >= 400) result.error += " (server replied " + std::to_string(reply) + ")";
  // A reply of 4xx or 5xx is the server's answer: it did not take the message (5xx: never will).
  // Without one after the hand-over, the server may have kept it.
  result.permanent = reply >= 500 && reply < 600;
  result.doubtful = upload.handed_over && !upload.abandoned && reply < 400;
  // A broken connection is not reused for the next message.
  curl_easy_cleanup(c);
  handle_->curl = nullptr;
  return result;
}

}  // namespace mh::notify
