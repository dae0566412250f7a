#include "services/reminders.hpp"

#include <map>

#include "storage/people_repo.hpp"
#include "storage/reminders_repo.hpp"

namespace mh::services {

namespace {

// Names, read once per pass.
class Names {
 public:
  explicit Names(sql::Connection& db) : db_(db) {}
  const std::string& of(PersonId id) {
    auto it = names_.find(id);
    if (it != names_.end()) return it->second;
    auto p = storage::find_person(db_, id);
    return names_[id] = p ? p->name : "your partner";
  }

 private:
  sql::Connection& db_;
  std::map<PersonId, std::string> names_;
};

std::string day_of(TimePoint t) { return format_iso8601(t).substr(0, 10); }

int count(std::optional<std::int64_t> written) { return written ? 1 : 0; }

// A day ahead or within the hour: which reminder, for something starting at `starts`.
const char* starting_kind(const UseCase& uc, TimePoint starts) {
  return starts <= uc.now() + kHourBefore ? "meeting_soon" : "meeting_tomorrow";
}

std::string when(const UseCase& uc, TimePoint starts) {
  return (starts <= uc.now() + kHourBefore ? "starts within the hour, at " : "is on ") + format_iso8601(starts);
}

int remind_meetings(UseCase& uc, Names& names) {
  int sent = 0;
  for (const auto& m : storage::meetings_starting_between(uc.db(), uc.now(), uc.now() + kDayBefore)) {
    const char* kind = starting_kind(uc, m.starts_at);
    for (PersonId p : m.people) {
      const PersonId other = p == m.people[0] ? m.people[1] : m.people[0];
      sent += count(uc.notify(Notice{p, kind, subject("meeting", m.id), "at:" + format_iso8601(m.starts_at),
                                     "Your meeting with " + names.of(other) + " " + when(uc, m.starts_at) + ".",
                                     relationship_page(m.within, "meetings"), m.within}));
    }
  }
  for (const auto& s : storage::circle_sessions_starting_between(uc.db(), uc.now(), uc.now() + kDayBefore)) {
    const char* kind = starting_kind(uc, s.starts_at);
    for (PersonId p : s.people)
      sent += count(uc.notify(Notice{p, kind, subject("circle_session", s.id), "at:" + format_iso8601(s.starts_at),
                                     "The session of the circle \"" + s.title + "\" " + when(uc, s.starts_at) + ".",
                                     circle_page(s.within), std::nullopt}));
  }
  for (const auto& b : storage::flash_bookings_starting_between(uc.db(), uc.now(), uc.now() + kDayBefore)) {
    const char* kind = starting_kind(uc, b.starts_at);
    for (PersonId p : b.people) {
      const PersonId other = p == b.people[0] ? b.people[1] : b.people[0];
      sent += count(uc.notify(Notice{p, kind, subject("flash_booking", b.id), "at:" + format_iso8601(b.starts_at),
                                     "Your flash session \"" + b.title + "\" with " + names.of(other) + " " +
                                         when(uc, b.starts_at) + ".",
                                     kFlashPage, std::nullopt}));
    }
  }
  return sent;
}

int remind_overdue(UseCase& uc) {
  int sent = 0;
  // Due on a day means by its end: overdue once the whole day has passed.
  const TimePoint day_start = uc.now() - std::chrono::days(1);
  for (const auto& t : storage::overdue_tasks(uc.db(), day_start))
    sent += count(uc.notify(Notice{t.owner, "task_overdue", subject("task", t.id), "due:" + day_of(t.due),
                                   "Your task \"" + t.title + "\" was due on " + day_of(t.due) +
                                       ". Do it, give it a new date, or drop it.",
                                   relationship_page(t.within, "plan"), t.within}));
  for (const auto& a : storage::overdue_action_items(uc.db(), day_start))
    sent += count(uc.notify(Notice{a.owner, "task_overdue", subject("action_item", a.id), "due:" + day_of(a.due),
                                   "Your action item \"" + a.title + "\" was due on " + day_of(a.due) +
                                       ". Do it, give it a new date, or drop it.",
                                   circle_page(a.within), std::nullopt}));
  return sent;
}

int remind_reviews(UseCase& uc, Names& names) {
  int sent = 0;
  for (const auto& r : storage::reviews_due(uc.db(), uc.now()))
    for (PersonId p : {r.mentee, r.mentor})
      sent += count(uc.notify(Notice{p, "review_due", subject("relationship", r.relationship),
                                     "review:" + day_of(r.review_date),
                                     "The review date of your mentoring with " +
                                         names.of(p == r.mentee ? r.mentor : r.mentee) + " has come (" +
                                         day_of(r.review_date) +
                                         "). Discuss the natural end: conclude with a debrief, or agree what comes "
                                         "next and a new review date.",
                                     relationship_page(r.relationship, "logistics"), r.relationship}));
  return sent;
}

int remind_expiring(UseCase& uc, Names& names) {
  int sent = 0;
  for (const Relationship& r : storage::requests_expiring(uc.db(), uc.now(), uc.now() + kExpiryReminder)) {
    const bool offer = r.initiator_id == r.mentor_id;
    const std::string expires = format_iso8601(r.expires_at);
    sent += count(uc.notify(relationship_notice(r, r.recipient(), "request_expiring",
                                                names.of(r.initiator_id) + (offer ? "'s offer to mentor you" : "'s request") +
                                                    " is waiting for your answer; it expires on " + expires +
                                                    ". Accept, decline, or ask a question.")
                                .at(kRequestsPage)));
    sent += count(uc.notify(relationship_notice(r, r.initiator_id, "request_expiring",
                                                names.of(r.recipient()) + " has not answered your " +
                                                    (offer ? "offer" : "request") + " yet; it expires on " + expires +
                                                    ". You may withdraw it and ask someone else.")
                                .at(kRequestsPage)));
  }
  return sent;
}

}  // namespace

RemindersSent send_due_reminders(UseCase& uc) {
  Names names(uc.db());
  RemindersSent sent;
  sent.requests_expiring = remind_expiring(uc, names);
  sent.starting_soon = remind_meetings(uc, names);
  sent.overdue = remind_overdue(uc);
  sent.reviews = remind_reviews(uc, names);
  return sent;
}

}  // namespace mh::services
