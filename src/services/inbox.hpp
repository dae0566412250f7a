// A person's notifications, as they read and clear them: a page of their own (newest first,
// optionally only the unread), marking one or all read, dismissing one. Every use case is scoped
// to the person acting, so another person's notification is simply not found. No JSON, no HTTP.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "services/use_case.hpp"
#include "storage/notifications_repo.hpp"

namespace mh::services {

struct InboxPage {
  std::vector<storage::Notification> items;   // at most `limit`, newest first
  std::optional<std::int64_t> next_cursor;    // the last item's id when more follow
  int unread = 0;                             // all of the person's unread, not only this page's
};

// `before`: the cursor of the previous page (an id), or none for the newest.
InboxPage inbox_page(sql::Connection& db, const Person& person, bool unread_only, int limit,
                     std::optional<std::int64_t> before);

// Not found when the notification is not the person's (or does not exist).
Status mark_read(sql::Connection& db, const Person& person, std::int64_t notification, TimePoint now);
Status dismiss(sql::Connection& db, const Person& person, std::int64_t notification, TimePoint now);

// How many were unread and are now read.
int mark_all_read(sql::Connection& db, const Person& person, TimePoint now);

}  // namespace mh::services
