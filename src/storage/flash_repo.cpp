#include "storage/flash_repo.hpp"

#include "domain/text.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"
#include "storage/video_repo.hpp"

namespace mh::storage {

using sql::Value;

namespace {

using sql::unix_seconds;

constexpr const char* kTopicColumns = "id, mentor_id, title, description, published, created_at, updated_at";

FlashTopic topic_from_row(const sql::Row& r) {
  return {r.int64(0), r.int64(1), r.text(2), r.text(3), r.int64(4) != 0, sql::time_of(r, 5), sql::time_of(r, 6)};
}

constexpr const char* kSlotColumns = "id, topic_id, mentor_id, starts_at, duration_minutes, withdrawn, created_at";

FlashSlot slot_from_row(const sql::Row& r) {
  return {r.int64(0), r.int64(1), r.int64(2), sql::time_of(r, 3), static_cast<int>(r.int64(4)), r.int64(5) != 0,
          sql::time_of(r, 6)};
}

constexpr const char* kBookingColumns =
    "id, slot_id, topic_id, mentee_id, mentor_id, question, status, starts_at, duration_minutes, booked_at, "
    "cancelled_at, cancelled_by, cancel_reason, takeaway, rating, takeaway_at, resource_url, resource_note, "
    "resource_at, relationship_id";

FlashBooking booking_from_row(const sql::Row& r) {
  FlashBooking b;
  b.id = r.int64(0);
  b.slot_id = r.int64(1);
  b.topic_id = r.int64(2);
  b.mentee_id = r.int64(3);
  b.mentor_id = r.int64(4);
  b.question = r.text(5);
  b.status = sql::decoded(r.text(6), parse_booking_status, "booking status");
  b.starts_at = sql::time_of(r, 7);
  b.duration_minutes = static_cast<int>(r.int64(8));
  b.booked_at = sql::time_of(r, 9);
  b.cancelled_at = sql::optional_time_of(r, 10);
  b.cancelled_by = r.opt_int64(11);
  b.cancel_reason = r.text(12);
  b.takeaway = r.text(13);
  if (auto v = r.opt_int64(14)) b.rating = static_cast<int>(*v);
  b.takeaway_at = sql::optional_time_of(r, 15);
  b.resource_url = r.text(16);
  b.resource_note = r.text(17);
  b.resource_at = sql::optional_time_of(r, 18);
  b.relationship_id = r.opt_int64(19);
  return b;
}

// LIKE with our own escape character, so "%" and "_" in the text match themselves.
std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (char c : ascii_lower(text)) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out + "%";
}

}  // namespace

FlashTopicId insert_flash_topic(sql::Connection& db, const FlashTopic& t) {
  return sql::returned_id(
      db,
      "INSERT INTO flash_topics (mentor_id, title, description, published, created_at, updated_at) VALUES (?, "
      "?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{t.mentor_id, t.title, t.description, std::int64_t{t.published ? 1 : 0},
                         unix_seconds(t.created_at), unix_seconds(t.updated_at)});
}

void update_flash_topic(sql::Connection& db, const FlashTopic& t) {
  db.execute("UPDATE flash_topics SET title = ?, description = ?, published = ?, updated_at = ? WHERE id = ?",
             std::vector<Value>{t.title, t.description, std::int64_t{t.published ? 1 : 0}, unix_seconds(t.updated_at), t.id});
}

std::optional<FlashTopic> find_flash_topic(sql::Connection& db, FlashTopicId id) {
  return sql::first_row<FlashTopic>(db, std::string("SELECT ") + kTopicColumns + " FROM flash_topics WHERE id = ?",
                                    std::vector<Value>{id}, topic_from_row);
}

std::vector<FlashTopic> list_flash_topics(sql::Connection& db, const FlashTopicFilter& f) {
  std::string q = std::string("SELECT ") + kTopicColumns + " FROM flash_topics WHERE 1 = 1";
  std::vector<Value> params;
  if (f.published_only) q += " AND published = 1";
  if (f.mentor) {
    q += " AND mentor_id = ?";
    params.emplace_back(*f.mentor);
  }
  if (f.text && !f.text->empty()) {
    q += " AND (LOWER(title) LIKE ? ESCAPE '!' OR LOWER(description) LIKE ? ESCAPE '!')";
    params.emplace_back(like_pattern(*f.text));
    params.emplace_back(like_pattern(*f.text));
  }
  if (f.after) {
    q += " AND id > ?";
    params.emplace_back(*f.after);
  }
  q += " ORDER BY id LIMIT ?";
  params.emplace_back(std::int64_t{f.limit});
  return sql::all_rows<FlashTopic>(db, q, params, topic_from_row);
}

std::vector<FlashTopic> all_flash_topics(sql::Connection& db) {
  return sql::all_rows<FlashTopic>(db, std::string("SELECT ") + kTopicColumns + " FROM flash_topics ORDER BY id", {},
                                   topic_from_row);
}

FlashSlotId insert_flash_slot(sql::Connection& db, const FlashSlot& s) {
  return sql::returned_id(
      db,
      "INSERT INTO flash_slots (topic_id, mentor_id, starts_at, duration_minutes, withdrawn, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{s.topic_id, s.mentor_id, unix_seconds(s.starts_at), std::int64_t{s.duration_minutes},
                         std::int64_t{s.withdrawn ? 1 : 0}, unix_seconds(s.created_at)});
}

void set_slot_withdrawn(sql::Connection& db, FlashSlotId id, bool withdrawn) {
  db.execute("UPDATE flash_slots SET withdrawn = ? WHERE id = ?", std::vector<Value>{std::int64_t{withdrawn ? 1 : 0}, id});
}

std::optional<FlashSlot> find_flash_slot(sql::Connection& db, FlashSlotId id) {
  return sql::first_row<FlashSlot>(db, std::string("SELECT ") + kSlotColumns + " FROM flash_slots WHERE id = ?",
                                   std::vector<Value>{id}, slot_from_row);
}

std::vector<FlashSlot> slots_of_topic(sql::Connection& db, FlashTopicId topic) {
  return sql::all_rows<FlashSlot>(
      db, std::string("SELECT ") + kSlotColumns + " FROM flash_slots WHERE topic_id = ? ORDER BY starts_at, id",
      std::vector<Value>{topic}, slot_from_row);
}

std::vector<FlashSlot> live_slots_of_mentor(sql::Connection& db, PersonId mentor, TimePoint from) {
  // A slot lasts at most kMaxFlashMinutes, so one starting earlier than that has ended.
  return sql::all_rows<FlashSlot>(
      db,
      std::string("SELECT ") + kSlotColumns +
          " FROM flash_slots WHERE mentor_id = ? AND withdrawn = 0 AND starts_at > ? ORDER BY starts_at, id",
      std::vector<Value>{mentor, unix_seconds(from) - std::int64_t{kMaxFlashMinutes} * 60}, slot_from_row);
}

std::vector<FlashSlot> free_slots_of_topic(sql::Connection& db, FlashTopicId topic, TimePoint now, int limit) {
  return sql::all_rows<FlashSlot>(
      db,
      std::string("SELECT ") + kSlotColumns +
          " FROM flash_slots s WHERE topic_id = ? AND withdrawn = 0 AND starts_at > ? AND NOT EXISTS (SELECT 1 FROM "
          "flash_bookings b WHERE b.slot_id = s.id AND b.status = 'booked') ORDER BY starts_at, id LIMIT ?",
      std::vector<Value>{topic, unix_seconds(now), std::int64_t{limit}}, slot_from_row);
}

std::vector<FlashSlot> all_flash_slots(sql::Connection& db) {
  return sql::all_rows<FlashSlot>(db, std::string("SELECT ") + kSlotColumns + " FROM flash_slots ORDER BY id", {},
                                  slot_from_row);
}

FlashBookingId insert_flash_booking(sql::Connection& db, const FlashBooking& b) {
  const FlashBookingId id = db
      .execute("INSERT INTO flash_bookings (slot_id, topic_id, mentee_id, mentor_id, question, status, starts_at, "
               "duration_minutes, booked_at, cancelled_at, cancelled_by, cancel_reason, takeaway, rating, takeaway_at, "
               "resource_url, resource_note, resource_at, relationship_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
               "?, ?, ?, ?, ?, ?, ?) RETURNING id",
               std::vector<Value>{b.slot_id, b.topic_id, b.mentee_id, b.mentor_id, b.question, to_string(b.status),
                                  unix_seconds(b.starts_at), std::int64_t{b.duration_minutes}, unix_seconds(b.booked_at),
                                  sql::optional_time(b.cancelled_at), sql::optional_id(b.cancelled_by), b.cancel_reason, b.takeaway,
                                  b.rating ? Value(std::int64_t{*b.rating}) : Value(nullptr), sql::optional_time(b.takeaway_at),
                                  b.resource_url, b.resource_note, sql::optional_time(b.resource_at), sql::optional_id(b.relationship_id)})
      .rows.at(0)
      .int64(0);
  create_video_room(db, VideoSubject::flash_booking, id, b.booked_at);
  return id;
}

void update_flash_booking(sql::Connection& db, const FlashBooking& b) {
  db.execute("UPDATE flash_bookings SET status = ?, cancelled_at = ?, cancelled_by = ?, cancel_reason = ?, takeaway = "
             "?, rating = ?, takeaway_at = ?, resource_url = ?, resource_note = ?, resource_at = ?, relationship_id = ? "
             "WHERE id = ?",
             std::vector<Value>{to_string(b.status), sql::optional_time(b.cancelled_at), sql::optional_id(b.cancelled_by), b.cancel_reason,
                                b.takeaway, b.rating ? Value(std::int64_t{*b.rating}) : Value(nullptr),
                                sql::optional_time(b.takeaway_at), b.resource_url, b.resource_note, sql::optional_time(b.resource_at),
                                sql::optional_id(b.relationship_id), b.id});
}

std::optional<FlashBooking> find_flash_booking(sql::Connection& db, FlashBookingId id) {
  return sql::first_row<FlashBooking>(db,
                                      std::string("SELECT ") + kBookingColumns + " FROM flash_bookings WHERE id = ?",
                                      std::vector<Value>{id}, booking_from_row);
}

std::optional<FlashBooking> live_booking_of_slot(sql::Connection& db, FlashSlotId slot) {
  return sql::first_row<FlashBooking>(
      db, std::string("SELECT ") + kBookingColumns + " FROM flash_bookings WHERE slot_id = ? AND status = 'booked'",
      std::vector<Value>{slot}, booking_from_row);
}

std::vector<FlashBooking> flash_bookings_of(sql::Connection& db, PersonId person) {
  return sql::all_rows<FlashBooking>(
      db,
      std::string("SELECT ") + kBookingColumns +
          " FROM flash_bookings WHERE mentee_id = ? OR mentor_id = ? ORDER BY starts_at, id",
      std::vector<Value>{person, person}, booking_from_row);
}

std::vector<FlashBooking> upcoming_bookings_of_mentee(sql::Connection& db, PersonId mentee, TimePoint now) {
  return sql::all_rows<FlashBooking>(
      db,
      std::string("SELECT ") + kBookingColumns +
          " FROM flash_bookings WHERE mentee_id = ? AND status = 'booked' AND starts_at > ? ORDER BY starts_at, id",
      std::vector<Value>{mentee, unix_seconds(now)}, booking_from_row);
}

std::vector<FlashBooking> all_flash_bookings(sql::Connection& db) {
  return sql::all_rows<FlashBooking>(db, std::string("SELECT ") + kBookingColumns + " FROM flash_bookings ORDER BY id",
                                     {}, booking_from_row);
}

}  // namespace mh::storage
