// The outbox's sender: a background thread in every server that, every few seconds (or at once
// when woken), claims due messages (storage/outbox_repo.hpp: a lease, so each message goes to
// one sender even when several servers share a PostgreSQL), renders them once (composer.hpp),
// sends them (smtp.hpp) and marks them sent, or schedules a retry with exponential back-off while
// the mail server is down; and once a day per person queues their digest. Thread-safe: run_once
// and run_digests may be called from other threads (the test build's route) while it runs.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "common/clock.hpp"
#include "notify/composer.hpp"
#include "notify/smtp.hpp"
#include "storage/store.hpp"

namespace mh::notify {

struct SenderOptions {
  std::chrono::milliseconds interval{2000};  // how often it looks for due messages
  int batch = 16;                            // messages claimed per transaction
  Seconds lease{300};                        // how long a claim holds if its sender dies
  int digest_hour = 7;                       // a person's digest goes after this hour, their time
};

struct PassReport {
  int sent = 0;
  int retried = 0;
  int failed = 0;
  int skipped = 0;
  int doubtful = 0;
  int digests = 0;
};

class OutboxSender {
 public:
  OutboxSender(Store& store, const Clock& clock, const Composer& composer, SmtpSettings smtp, SenderOptions options);
  ~OutboxSender();
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  void start();
  // Finishes the messages it claimed (so a restart leaves nothing in doubt), then stops.
  void stop();
  void wake();

  // Sends every due message now (bounded by `max_batches` claims); queues due digests first when
  // `digests`.
  PassReport run_once(bool digests, int max_batches = 1000);
  // Queues the digests that are due: one per person with something new since their last one,
  // after the digest hour of their own day.
  int run_digests();

  // Test build only (api/test_hooks): called at named points of a message's way ("claimed",
  // "handed_over", "sent"), so a test can make the process die there.
  void set_fault_for_test(std::function<void(const char* point)> fault);

 private:
  void loop();
  void fault(const char* point);

  Store& store_;
  const Clock& clock_;
  const Composer& composer_;
  SmtpSettings smtp_settings_;
  SenderOptions options_;
  std::string owner_;
  std::mutex pass_mutex_;  // one pass at a time in a process; the lease keeps processes apart
  std::mutex wake_mutex_;
  std::condition_variable wake_cv_;
  bool woken_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex fault_mutex_;
  std::function<void(const char*)> fault_;
};

}  // namespace mh::notify
