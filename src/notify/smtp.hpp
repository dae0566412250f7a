// Sends one message to a mail server with libcurl's SMTP client: plain SMTP, STARTTLS required
// (--smtp-starttls) or SMTPS (an smtps:// address), with optional credentials. It keeps its
// connection between messages. One SmtpClient belongs to one thread. The only place that
// includes curl.
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace mh::notify {

struct SmtpSettings {
  std::string url;  // "smtp://host:port" or "smtps://host:port"
  std::string user;
  std::string password;
  bool starttls = false;  // refuse to send unless the server upgrades to TLS
  std::string from;       // the envelope sender (MAIL FROM)
  long timeout_seconds = 30;
};

struct SendResult {
  bool sent = false;
  bool handed_over = false;  // the end of the message was released to the server
  bool permanent = false;    // the server refused for good (5xx): retrying cannot help
  bool doubtful = false;     // handed over, then no answer: the server may have kept it
  std::string error;
};

class SmtpClient {
 public:
  explicit SmtpClient(SmtpSettings settings);
  ~SmtpClient();
  SmtpClient(const SmtpClient&) = delete;
  SmtpClient& operator=(const SmtpClient&) = delete;

  // Sends `content` (an RFC 5322 message) to `recipient`. `before_end` is called before the last
  // bytes of the message go to the server (so before the end of the message can): returning
  // false abandons the message before the server can accept it.
  SendResult send(const std::string& recipient, const std::string& content, const std::function<bool()>& before_end);

 private:
  SmtpSettings settings_;
  struct Handle;
  std::unique_ptr<Handle> handle_;
};

// curl's global set-up, once per process, before any thread sends.
void init_smtp();

}  // namespace mh::notify
