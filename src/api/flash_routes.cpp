// Flash mentoring: a mentor publishes topics with bookable slots in their own timezone; a
// mentee books one with a question (a slot is booked once: the loser of a race gets 409 with
// the topic's next free slots); either cancels until 2 hours before; after the session the
// mentee records a takeaway and a rating and the mentor may add a resource link; either may
// propose a one-to-one relationship from it, through the same code path as
// POST /api/v1/relationships. Administrators get counts only.
#include <algorithm>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "services/availability.hpp"
#include "services/flash.hpp"
#include "services/video.hpp"
#include "common/timezones.hpp"
#include "common/typed_time.hpp"
#include "domain/availability.hpp"
#include "domain/flash.hpp"
#include "storage/flash_repo.hpp"
#include "storage/people_repo.hpp"

namespace mh::api {

namespace {

constexpr int kNextFreeSlotsShown = 3;


// The mentor's timezone, for showing and reading slot times as they wrote them.
struct Zone {
  std::string name = "UTC";
  int offset_at(TimePoint t) const { return utc_offset_minutes(name, t).value_or(0); }
};

Zone zone_of(const std::optional<Person>& mentor) {
  return Zone{mentor ? zone_or_utc(mentor->timezone) : "UTC"};
}

json slot_times(TimePoint starts_at, int duration_minutes, const Zone& zone) {
  return {{"starts_at", format_iso8601(starts_at)},
          {"ends_at", format_iso8601(starts_at + std::chrono::minutes(duration_minutes))},
          {"duration_minutes", duration_minutes},
          {"local_start", format_local_minutes(starts_at, zone.offset_at(starts_at))},
          {"timezone", zone.name}};
}

// A slot as `viewer` sees it: whether it is free; who booked it only for the mentor or the booker.
json slot_json(sql::Connection& db, const FlashSlot& s, const Zone& zone, PersonId viewer) {
  json j = slot_times(s.starts_at, s.duration_minutes, zone);
  j["id"] = id_json(s.id);
  j["topic_id"] = id_json(s.topic_id);
  j["withdrawn"] = s.withdrawn;
  const auto booking = storage::live_booking_of_slot(db, s.id);
  j["free"] = !booking && !s.withdrawn;
  j["booked_by_me"] = booking && booking->mentee_id == viewer;
  j["booking_id"] = booking && (viewer == s.mentor_id || viewer == booking->mentee_id) ? id_json(booking->id) : json(nullptr);
  if (viewer == s.mentor_id)
    j["booked_by"] = booking ? person_ref(storage::find_person(db, booking->mentee_id), booking->mentee_id) : json(nullptr);
  return j;
}

}  // namespace

json topic_json(sql::Connection& db, const FlashTopic& t, PersonId viewer, TimePoint now, bool with_slots) {
  const auto mentor = storage::find_person(db, t.mentor_id);
  const Zone zone = zone_of(mentor);
  const auto free = storage::free_slots_of_topic(db, t.id, now, 1000);
  json j{{"id", id_json(t.id)},
         {"mentor", person_ref(mentor, t.mentor_id)},
         {"title", t.title},
         {"description", t.description},
         {"published", t.published},
         {"timezone", zone.name},
         {"free_slots", free.empty() || !t.published ? 0 : static_cast<int>(free.size())},
         {"next_free_slot", free.empty() || !t.published ? json(nullptr) : slot_json(db, free.front(), zone, viewer)},
         {"created_at", format_iso8601(t.created_at)},
         {"updated_at", format_iso8601(t.updated_at)}};
  if (with_slots) {
    json slots = json::array();
    for (const auto& s : storage::slots_of_topic(db, t.id)) {
      // Upcoming slots; the mentor also sees the ones they withdrew.
      if (s.starts_at <= now || (s.withdrawn && viewer != t.mentor_id)) continue;
      slots.push_back(slot_json(db, s, zone, viewer));
    }
    j["slots"] = slots;
  }
  return j;
}

namespace {

}  // namespace

json booking_json(sql::Connection& db, const FlashBooking& b, PersonId viewer, TimePoint now) {
  const auto mentee = storage::find_person(db, b.mentee_id);
  const auto mentor = storage::find_person(db, b.mentor_id);
  const auto topic = storage::find_flash_topic(db, b.topic_id);
  json j = slot_times(b.starts_at, b.duration_minutes, zone_of(mentor));
  j["id"] = id_json(b.id);
  j["phase"] = to_string(phase(b, now));
  j["status"] = to_string(b.status);
  j["topic"] = {{"id", id_json(b.topic_id)}, {"title", topic ? json(topic->title) : json(nullptr)}};
  j["slot_id"] = id_json(b.slot_id);
  j["mentee"] = person_ref(mentee, b.mentee_id);
  j["mentor"] = person_ref(mentor, b.mentor_id);
  j["my_role"] = viewer == b.mentee_id ? "mentee" : "mentor";
  j["question"] = b.question;
  j["booked_at"] = format_iso8601(b.booked_at);
  j["cancel_until"] = format_iso8601(b.cancel_until());
  j["cancelled_at"] = opt_time_json(b.cancelled_at);
  j["cancelled_by"] = b.cancelled_by ? id_json(*b.cancelled_by) : json(nullptr);
  j["cancel_reason"] = b.cancel_reason;
  j["follow_up_until"] = format_iso8601(b.follow_up_until());
  j["takeaway"] = b.takeaway.empty() ? json(nullptr) : json(b.takeaway);
  j["rating"] = b.rating ? json(*b.rating) : json(nullptr);
  j["takeaway_at"] = opt_time_json(b.takeaway_at);
  j["resource_url"] = b.resource_url.empty() ? json(nullptr) : json(b.resource_url);
  j["resource_note"] = b.resource_note;
  j["resource_at"] = opt_time_json(b.resource_at);
  j["relationship_id"] = b.relationship_id ? id_json(*b.relationship_id) : json(nullptr);
  j["video_url"] = link_or_null(services::flash_booking_video_link(db, services::current_video_settings(db), b, ""));
  return j;
}

namespace {

struct NewSlot {
  std::string start;
  int duration_minutes = 30;
  std::string field;
};

std::vector<NewSlot> slots_from_json(const json& v) {
  if (!v.is_array()) throw_invalid("slots", "must be a list of {start, duration_minutes}");
  if (v.size() > kMaxSlotsPerCall) throw_invalid("slots", "at most 50 slots at once");
  std::vector<NewSlot> out;
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string f = "slots[" + std::to_string(i) + "]";
    if (!v[i].is_object()) throw_invalid(f, "must be an object {start, duration_minutes}");
    reject_unknown_fields(v[i], {"start", "duration_minutes"}, f);
    NewSlot s;
    s.field = f;
    if (!v[i].contains("start")) throw_invalid(f + ".start", "is required");
    s.start = string_field(v[i]["start"], f + ".start");
    if (v[i].contains("duration_minutes")) {
      const auto d = int_field(v[i]["duration_minutes"], f + ".duration_minutes");
      if (d < kMinFlashMinutes || d > kMaxFlashMinutes)
        throw_invalid(f + ".duration_minutes", "must be between 10 and 120 minutes: a flash session is short");
      s.duration_minutes = static_cast<int>(d);
    }
    out.push_back(std::move(s));
  }
  return out;
}

// The slots' starts as the caller typed them, in their own timezone.
Result<std::vector<services::NewFlashSlot>> typed_slots(const Ctx& ctx, const std::vector<NewSlot>& slots) {
  const Zone zone = zone_of(ctx.me());
  std::vector<services::NewFlashSlot> out;
  for (const NewSlot& n : slots) {
    auto start = parse_typed_time(n.start, offsets_of_zone(zone.name));
    if (!start) return invalid(n.field + ".start", typed_time_hint(zone.name));
    out.push_back({*start, n.duration_minutes, n.field});
  }
  return out;
}

http::Response create_topic(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"title", "description", "slots"});
  services::NewFlashTopic topic;
  if (!body.contains("title")) throw_invalid("title", "is required");
  topic.title = string_field(body["title"], "title");
  if (body.contains("description")) topic.description = string_field(body["description"], "description");
  const auto slots = body.contains("slots") ? slots_from_json(body["slots"]) : std::vector<NewSlot>{};
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(typed, typed_slots(ctx, slots));
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(t, services::publish_flash_topic(uc, ctx.me(), topic, typed));
    return topic_json(db, t, ctx.me().id, ctx.now, true);
  });
  if (!out) return error_response(out.error());
  auto resp = json_response(201, *out);
  resp.set_header("Location", "/api/v1/flash/topics/" + (*out)["id"].get<std::string>());
  return resp;
}

http::Response list_topics(Ctx& ctx) {
  storage::FlashTopicFilter f;
  if (const std::string* v = ctx.req.query_param("mentor_id")) f.mentor = id_from_json(json(*v), "mentor_id");
  if (const std::string* v = ctx.req.query_param("q")) {
    if (v->size() > 200) throw_invalid("q", "is longer than 200 characters");
    f.text = *v;
  }
  // A mentor listing their own topics sees the unpublished ones too.
  f.published_only = !(f.mentor && *f.mentor == ctx.me().id);
  f.limit = limit_param(ctx.req, 50, 100) + 1;
  f.after = cursor_param(ctx.req);
  const int limit = f.limit - 1;
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    auto topics = storage::list_flash_topics(db, f);
    json next = nullptr;
    if (static_cast<int>(topics.size()) > limit) {
      topics.resize(static_cast<size_t>(limit));
      next = id_json(topics.back().id);
    }
    json items = json::array();
    for (const auto& t : topics) items.push_back(topic_json(db, t, ctx.me().id, ctx.now, false));
    return json{{"items", items}, {"next_cursor", next}};
  });
  return respond(out, 200);
}

http::Response get_topic(Ctx& ctx) {
  const FlashTopicId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    auto t = storage::find_flash_topic(db, id);
    if (!t || (!t->published && t->mentor_id != ctx.me().id)) return not_found("no such flash topic");
    return topic_json(db, *t, ctx.me().id, ctx.now, true);
  });
  return respond(out, 200);
}

http::Response patch_topic(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"title", "description", "published"});
  const FlashTopicId id = id_param(ctx.req, "id");
  services::FlashTopicChange change;
  if (body.contains("title")) change.title = string_field(body["title"], "title");
  if (body.contains("description")) change.description = string_field(body["description"], "description");
  if (body.contains("published")) change.published = bool_field(body["published"], "published");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(t, services::change_flash_topic(uc, ctx.me(), id, change));
    return topic_json(db, t, ctx.me().id, ctx.now, true);
  });
  return respond(out, 200);
}

http::Response post_slots(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"slots"});
  if (!body.contains("slots")) throw_invalid("slots", "is required");
  const auto slots = slots_from_json(body["slots"]);
  if (slots.empty()) throw_invalid("slots", "name at least one slot");
  const FlashTopicId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(t, services::own_flash_topic(db, ctx.me(), id));
    MH_TRY(typed, typed_slots(ctx, slots));
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_CHECK(status_of(services::add_flash_slots(uc, ctx.me(), t, typed)));
    return topic_json(db, t, ctx.me().id, ctx.now, true);
  });
  return respond(out, 201);
}

// Slots offered from the mentor's availability over a range of their local dates.
http::Response post_slots_from_availability(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"from", "to", "duration_minutes"});
  const auto date = [&](const char* field) {
    if (!body.contains(field)) throw_invalid(field, "is required: a date, YYYY-MM-DD");
    const auto d = parse_day(string_field(body[field], field));
    if (!d) throw_invalid(field, "must be a date, YYYY-MM-DD");
    return *d;
  };
  const auto from = date("from"), to = date("to");
  int duration = 30;
  if (body.contains("duration_minutes"))
    duration = int_in_range(body["duration_minutes"], "duration_minutes", kMinFlashMinutes, kMaxFlashMinutes);
  const FlashTopicId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(added, services::offer_flash_slots_from_availability(uc, ctx.me(), id, from, to, duration));
    MH_TRY(t, services::own_flash_topic(db, ctx.me(), id));
    json j = topic_json(db, t, ctx.me().id, ctx.now, true);
    j["added_slots"] = static_cast<int>(added.size());
    return j;
  });
  return respond(out, 201);
}

http::Response delete_slot(Ctx& ctx) {
  const FlashTopicId id = id_param(ctx.req, "id");
  const FlashSlotId slot_id = id_param(ctx.req, "slot_id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(t, services::withdraw_flash_slot(uc, ctx.me(), id, slot_id));
    return topic_json(db, t, ctx.me().id, ctx.now, true);
  });
  return respond(out, 200);
}

http::Response book(Ctx& ctx) {
  const FlashSlotId slot_id = id_param(ctx.req, "slot_id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"question"});
  if (!body.contains("question")) throw_invalid("question", "is required: what do you want answered?");
  const std::string question = string_field(body["question"], "question");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(b, services::book_flash_slot(uc, ctx.me(), slot_id, question));
    return booking_json(db, b, ctx.me().id, ctx.now);
  });
  if (out) {
    auto resp = json_response(201, *out);
    resp.set_header("Location", "/api/v1/flash/bookings/" + (*out)["id"].get<std::string>());
    return resp;
  }
  // Another booking won the slot (seen by the use case, or by the one-booking-per-slot index):
  // 409, with the topic's next free slots to choose from instead.
  const Error& e = out.error();
  const bool taken = e.code == ErrorCode::conflict &&
                     (e.field.empty() || e.message.find("already booked") != std::string::npos);
  if (!taken) return error_response(e);
  auto next = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    auto slot = storage::find_flash_slot(db, slot_id);
    if (!slot) return json::array();
    const FlashTopicId topic_id = slot->topic_id;
    auto topic = storage::find_flash_topic(db, topic_id);
    const Zone zone = zone_of(topic ? storage::find_person(db, topic->mentor_id) : std::nullopt);
    json slots = json::array();
    if (topic && topic->published)
      for (const auto& s : storage::free_slots_of_topic(db, topic_id, ctx.now, kNextFreeSlotsShown))
        slots.push_back(slot_json(db, s, zone, ctx.me().id));
    return slots;
  });
  if (!next) return error_response(next.error());
  std::string message = "this slot is already booked";
  message += next->empty() ? "; this topic has no other free slot at the moment"
                           : "; the next free slots of this topic are listed in next_free_slots";
  return json_response(409, {{"error", {{"code", "conflict"}, {"message", message}, {"field", "slot_id"},
                                        {"next_free_slots", *next}}}});
}

http::Response list_bookings(Ctx& ctx) {
  std::optional<std::string> role;
  if (const std::string* v = ctx.req.query_param("role")) {
    if (*v != "mentee" && *v != "mentor") throw_invalid("role", "must be mentee or mentor");
    role = *v;
  }
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    json items = json::array();
    for (const auto& b : storage::flash_bookings_of(db, ctx.me().id)) {
      if (role && (*role == "mentee") != (b.mentee_id == ctx.me().id)) continue;
      items.push_back(booking_json(db, b, ctx.me().id, ctx.now));
    }
    return json{{"items", items}};
  });
  return respond(out, 200);
}

http::Response get_booking(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(b, services::participant_booking(db, ctx.me(), id));
    return booking_json(db, b, ctx.me().id, ctx.now);
  });
  return respond(out, 200);
}

http::Response cancel_booking(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  const json body = optional_object_body(ctx.req);
  reject_unknown_fields(body, {"reason"});
  const std::string reason = body.contains("reason") ? text_field(body, "reason", 2000) : "";
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(cancelled, services::cancel_flash_booking(uc, ctx.me(), id, reason));
    return booking_json(db, cancelled, ctx.me().id, ctx.now);
  });
  return respond(out, 200);
}

http::Response put_takeaway(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"takeaway", "rating"});
  if (!body.contains("takeaway")) throw_invalid("takeaway", "is required");
  if (!body.contains("rating")) throw_invalid("rating", "is required: from 1 to 5");
  const std::string takeaway = string_field(body["takeaway"], "takeaway");
  const auto rating = int_field(body["rating"], "rating");
  if (rating < 1 || rating > 5) throw_invalid("rating", "must be between 1 and 5");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(b, services::record_flash_takeaway(uc, ctx.me(), id, takeaway, static_cast<int>(rating)));
    return booking_json(db, b, ctx.me().id, ctx.now);
  });
  return respond(out, 200);
}

http::Response put_resource(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"resource_url", "note"});
  if (!body.contains("resource_url")) throw_invalid("resource_url", "is required");
  const std::string url = string_field(body["resource_url"], "resource_url");
  const std::string note = body.contains("note") ? string_field(body["note"], "note") : "";
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(b, services::share_flash_resource(uc, ctx.me(), id, url, note));
    return booking_json(db, b, ctx.me().id, ctx.now);
  });
  return respond(out, 200);
}

http::Response propose_relationship(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  const json body = optional_object_body(ctx.req);
  reject_unknown_fields(body, {"message", "draft_purpose"});
  services::FlashProposal proposal;
  if (body.contains("message")) proposal.message = string_field(body["message"], "message");
  if (body.contains("draft_purpose")) proposal.draft_purpose = string_field(body["draft_purpose"], "draft_purpose");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(r, services::propose_from_flash_session(uc, ctx.me(), id, proposal));
    auto mentee = storage::find_person(db, r.mentee_id);
    auto mentor = storage::find_person(db, r.mentor_id);
    json j = relationship_json(r, ctx.me().id, mentee ? &*mentee : nullptr, mentor ? &*mentor : nullptr);
    j["flash_booking_id"] = id_json(id);
    return j;
  });
  if (!out) return error_response(out.error());
  auto resp = json_response(201, *out);
  resp.set_header("Location", "/api/v1/relationships/" + (*out)["id"].get<std::string>());
  return resp;
}

// Counts only: an administrator watches health, never the questions or the takeaways.
http::Response admin_overview(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    const auto topics = storage::all_flash_topics(db);
    const auto slots = storage::all_flash_slots(db);
    const auto bookings = storage::all_flash_bookings(db);
    json phases = {{"upcoming", 0}, {"follow_up", 0}, {"completed", 0}, {"cancelled", 0}};
    int rated = 0, rating_sum = 0, takeaways = 0, resources = 0, proposals = 0;
    for (const auto& b : bookings) {
      const char* p = to_string(phase(b, ctx.now));
      phases[p] = phases[p].get<int>() + 1;
      if (b.rating) ++rated, rating_sum += *b.rating;
      if (!b.takeaway.empty()) ++takeaways;
      if (!b.resource_url.empty()) ++resources;
      if (b.relationship_id) ++proposals;
    }
    int free_upcoming = 0;
    for (const auto& s : slots)
      if (!s.withdrawn && s.starts_at > ctx.now &&
          std::none_of(bookings.begin(), bookings.end(),
                       [&](const FlashBooking& b) { return b.slot_id == s.id && b.status == BookingStatus::booked; }))
        ++free_upcoming;
    return json{{"topics", static_cast<int>(topics.size())},
                {"published_topics", static_cast<int>(std::count_if(topics.begin(), topics.end(),
                                                                     [](const FlashTopic& t) { return t.published; }))},
                {"slots", static_cast<int>(slots.size())},
                {"free_upcoming_slots", free_upcoming},
                {"bookings", phases},
                {"takeaways", takeaways},
                {"ratings", {{"count", rated},
                             {"average", rated ? json(static_cast<double>(rating_sum) / rated) : json(nullptr)}}},
                {"resources", resources},
                {"relationships_proposed", proposals}};
  });
  return respond(out, 200);
}

}  // namespace

void add_flash_routes(Routes& routes) {
  routes.add("POST", "/api/v1/flash/topics", Access::person, create_topic);
  routes.add("GET", "/api/v1/flash/topics", Access::person, list_topics);
  routes.add("GET", "/api/v1/flash/topics/{id}", Access::person, get_topic);
  routes.add("PATCH", "/api/v1/flash/topics/{id}", Access::person, patch_topic);
  routes.add("POST", "/api/v1/flash/topics/{id}/slots", Access::person, post_slots);
  routes.add("POST", "/api/v1/flash/topics/{id}/slots/from-availability", Access::person,
             post_slots_from_availability);
  routes.add("DELETE", "/api/v1/flash/topics/{id}/slots/{slot_id}", Access::person, delete_slot);
  routes.add("POST", "/api/v1/flash/slots/{slot_id}/book", Access::person, book);
  routes.add("GET", "/api/v1/flash/bookings", Access::person, list_bookings);
  routes.add("GET", "/api/v1/flash/bookings/{id}", Access::person, get_booking);
  routes.add("POST", "/api/v1/flash/bookings/{id}/cancel", Access::person, cancel_booking);
  routes.add("PUT", "/api/v1/flash/bookings/{id}/takeaway", Access::person, put_takeaway);
  routes.add("PUT", "/api/v1/flash/bookings/{id}/resource", Access::person, put_resource);
  routes.add("POST", "/api/v1/flash/bookings/{id}/propose-relationship", Access::person, propose_relationship);
  routes.add("GET", "/api/v1/admin/flash", Access::admin, admin_overview);
}

}  // namespace mh::api
