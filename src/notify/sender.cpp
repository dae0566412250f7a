#include "notify/sender.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <map>

#include "common/crypto.hpp"
#include "common/timezones.hpp"
#include "storage/people_repo.hpp"

namespace mh::notify {

namespace {

// Whether a person's digest is due at `now`: past the digest hour of their own day, and none
// sent since that hour.
bool digest_due(const Person& p, std::optional<TimePoint> last, TimePoint now, int hour) {
  const int offset = utc_offset_minutes(p.timezone, now).value_or(0);
  const auto local = now + std::chrono::minutes(offset);
  const auto due_local = std::chrono::floor<std::chrono::days>(local) + std::chrono::hours(hour);
  if (local < due_local) return false;
  const TimePoint due = TimePoint(std::chrono::duration_cast<Seconds>((due_local - std::chrono::minutes(offset)).time_since_epoch()));
  return !last || *last < due;
}

}  // namespace

OutboxSender::OutboxSender(Store& store, const Clock& clock, const Composer& composer, SmtpSettings smtp,
                           SenderOptions options)
    : store_(store), clock_(clock), composer_(composer), smtp_settings_(std::move(smtp)), options_(options) {
  // Who holds a lease: unique per process, readable in the database when someone looks.
  char host[128] = {0};
  gethostname(host, sizeof host - 1);
  owner_ = std::string(host) + ":" + std::to_string(getpid()) + ":" + random_token().substr(0, 8);
}

OutboxSender::~OutboxSender() { stop(); }

void OutboxSender::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void OutboxSender::stop() {
  stopping_ = true;
  wake();
  if (thread_.joinable()) thread_.join();
}

void OutboxSender::wake() {
  {
    std::lock_guard lock(wake_mutex_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

void OutboxSender::set_fault_for_test(std::function<void(const char*)> fault) {
  std::lock_guard lock(fault_mutex_);
  fault_ = std::move(fault);
}

void OutboxSender::fault(const char* point) {
  std::function<void(const char*)> f;
  {
    std::lock_guard lock(fault_mutex_);
    f = fault_;
  }
  if (f) f(point);
}

void OutboxSender::loop() {
  while (!stopping_) {
    try {
      run_once(true);
    } catch (const std::exception& e) {
      spdlog::error("mail: the outbox pass failed: {}", e.what());
    }
    std::unique_lock lock(wake_mutex_);
    wake_cv_.wait_for(lock, options_.interval, [this] { return woken_ || stopping_.load(); });
    woken_ = false;
  }
}

PassReport OutboxSender::run_once(bool digests, int max_batches) {
  std::lock_guard pass(pass_mutex_);
  PassReport report;
  if (digests) report.digests = run_digests();
  SmtpClient smtp(smtp_settings_);
  for (int b = 0; b < max_batches && !stopping_; ++b) {
    const TimePoint now = clock_.now();
    auto due = store_.read_value<bool>([&](sql::Connection& db) -> Result<bool> { return storage::mail_due(db, now); });
    if (due && !*due) break;
    auto claimed = store_.write_value<std::vector<storage::OutboxMessage>>(
        [&](sql::Connection& db) -> Result<std::vector<storage::OutboxMessage>> {
          return storage::claim_mail(db, owner_, now, options_.lease, options_.batch);
        });
    if (!claimed) {
      spdlog::warn("mail: cannot claim messages: {}", claimed.error().message);
      break;
    }
    if (claimed->empty()) break;
    fault("claimed");
    for (auto& m : *claimed) {
      // Rendered once, in the claim's lease, and kept: a retry sends the same bytes.
      auto composed = store_.write_value<Composer::Outcome>([&](sql::Connection& db) -> Result<Composer::Outcome> {
        auto out = composer_.compose(db, m, clock_.now());
        if (out.mail && !m.content) storage::save_rendered_mail(db, m.id, owner_, out.mail->recipient, out.mail->content);
        if (!out.mail) storage::skip_mail(db, m.id, owner_, out.skipped_because);
        return out;
      });
      if (!composed) {
        spdlog::warn("mail: cannot render message {}: {}", m.id, composed.error().message);
        continue;
      }
      if (!composed->mail) {
        ++report.skipped;
        continue;
      }
      const std::function<bool()> before_end = [&]() {
        auto ok = store_.write_value<bool>(
            [&](sql::Connection& db) -> Result<bool> { return storage::hand_over_mail(db, m.id, owner_); });
        if (!ok || !*ok) return false;
        fault("handed_over");
        return true;
      };
      const SendResult sent = smtp.send(composed->mail->recipient, composed->mail->content, before_end);
      if (sent.sent) fault("sent");
      const TimePoint done_at = clock_.now();
      auto marked = store_.write([&](sql::Connection& db) -> Status {
        if (sent.sent) {
          storage::mark_mail_sent(db, m.id, owner_, done_at);
        } else if (sent.doubtful) {
          // Handed over and then no answer: sending it again could deliver it twice.
          storage::mark_mail_unconfirmed(db, m.id, owner_, sent.error);
        } else {
          storage::retry_mail(db, m.id, owner_, done_at, sent.error, sent.permanent);
        }
        return {};
      });
      if (!marked) spdlog::warn("mail: cannot record message {}: {}", m.id, marked.error().message);
      if (sent.sent) {
        ++report.sent;
      } else if (sent.doubtful) {
        ++report.doubtful;
        spdlog::warn("mail: message {} may or may not have been delivered: {}", m.id, sent.error);
      } else if (sent.permanent || m.attempts >= kMaxMailAttempts) {
        ++report.failed;
        spdlog::warn("mail: message {} to {} failed for good: {}", m.id, composed->mail->recipient, sent.error);
      } else {
        ++report.retried;
        spdlog::info("mail: message {} will be tried again: {}", m.id, sent.error);
      }
    }
  }
  return report;
}

int OutboxSender::run_digests() {
  constexpr int kPage = 5000;
  int queued = 0;
  PersonId after = 0;
  for (;;) {
    const TimePoint now = clock_.now();
    auto page = store_.write_value<std::pair<int, PersonId>>(
        [&](sql::Connection& db) -> Result<std::pair<int, PersonId>> {
          // Notifications older than a day are never news to someone who had no digest yet.
          auto rows = storage::digest_candidates(db, now - std::chrono::days(1), after, kPage);
          if (rows.empty()) return std::pair<int, PersonId>{0, -1};
          std::map<PersonId, std::vector<storage::DigestItem>> by_person;
          for (auto& r : rows) by_person[r.person_id].push_back(std::move(r));
          // A full page may end in the middle of someone's notifications: they wait for the next page,
          // unless they are the whole page.
          PersonId last_complete = by_person.rbegin()->first;
          if (static_cast<int>(rows.size()) == kPage && by_person.size() > 1) {
            by_person.erase(std::prev(by_person.end()));
            last_complete = by_person.rbegin()->first;
          }
          int made = 0;
          for (const auto& [person_id, items] : by_person) {
            auto person = storage::find_person(db, person_id);
            if (!person) continue;
            if (!digest_due(*person, storage::last_digest_at(db, person_id), now, options_.digest_hour)) continue;
            if (auto m = composer_.digest(db, person_id, items, now)) {
              storage::enqueue_mail(db, std::move(*m));
              ++made;
            }
            storage::mark_digested(db, person_id, items.back().notification_id, now);
          }
          return std::pair<int, PersonId>{made, last_complete};
        });
    if (!page) {
      spdlog::warn("mail: cannot queue digests: {}", page.error().message);
      break;
    }
    queued += page->first;
    if (page->second < 0) break;
    after = page->second;
  }
  return queued;
}

}  // namespace mh::notify
