#include "services/inbox.hpp"

namespace mh::services {

InboxPage inbox_page(sql::Connection& db, const Person& person, bool unread_only, int limit,
                     std::optional<std::int64_t> before) {
  InboxPage page;
  // One more than asked tells whether another page follows.
  page.items = storage::notifications_of(db, person.id, unread_only, limit + 1, before);
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(static_cast<std::size_t>(limit));
    page.next_cursor = page.items.back().id;
  }
  page.unread = storage::unread_notifications(db, person.id);
  return page;
}

Status mark_read(sql::Connection& db, const Person& person, std::int64_t notification, TimePoint now) {
  if (!storage::mark_notification_read(db, person.id, notification, now)) return not_found("no such notification");
  return {};
}

Status dismiss(sql::Connection& db, const Person& person, std::int64_t notification, TimePoint now) {
  if (!storage::dismiss_notification(db, person.id, notification, now)) return not_found("no such notification");
  return {};
}

int mark_all_read(sql::Connection& db, const Person& person, TimePoint now) {
  return storage::mark_all_notifications_read(db, person.id, now);
}

}  // namespace mh::services
