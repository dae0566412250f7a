// Flash mentoring: a mentor publishes topics with bookable slots in their own timezone; a
// mentee books one with a question (a slot is booked once: the loser of a race gets 409 with
// the topic's next free slots); either cancels until 2 hours before; after the session the
// mentee records a takeaway and a rating and the mentor may add a resource link; either may
// propose a one-to-one relationship from it, through the same code path as
// POST /api/v1/relationships. Administrators get counts only.
#include <algorithm>
#include <functional>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "services/availability.hpp"
#include "services/flash.hpp"
#include "services/flash_views.hpp"
#include "services/relationship_views.hpp"
#include "common/timezones.hpp"
#include "common/typed_time.hpp"
#include "domain/availability.hpp"
#include "domain/flash.hpp"

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

// A slot as the viewer may see it (services::FlashSlotView holds who may see what).
json slot_json(const services::FlashSlotView& v, const Zone& zone) {
  const FlashSlot& s = v.slot;
  json j = slot_times(s.starts_at, s.duration_minutes, zone);
  j["id"] = id_json(s.id);
  j["topic_id"] = id_json(s.topic_id);
  j["withdrawn"] = s.withdrawn;
  j["free"] = v.free;
  j["booked_by_me"] = v.booked_by_me;
  j["booking_id"] = v.booking_id ? id_json(*v.booking_id) : json(nullptr);
  if (v.sees_booker) j["booked_by"] = v.booked_by ? person_ref(v.booked_by->person, v.booked_by->id) : json(nullptr);
  return j;
}

}  // namespace

json topic_json(const services::FlashTopicView& v) {
  const FlashTopic& t = v.topic;
  const Zone zone = zone_of(v.mentor);
  json j{{"id", id_json(t.id)},
         {"mentor", person_ref(v.mentor, t.mentor_id)},
         {"title", t.title},
         {"description", t.description},
         {"published", t.published},
         {"timezone", zone.name},
         {"free_slots", v.free_slots},
         {"next_free_slot", v.next_free_slot ? slot_json(*v.next_free_slot, zone) : json(nullptr)},
         {"created_at", format_iso8601(t.created_at)},
         {"updated_at", format_iso8601(t.updated_at)}};
  if (v.slots) {
    json slots = json::array();
    for (const auto& s : *v.slots) slots.push_back(slot_json(s, zone));
    j["slots"] = slots;
  }
  return j;
}

json booking_json(const services::FlashBookingView& v, PersonId viewer, TimePoint now) {
  const FlashBooking& b = v.booking;
  json j = slot_times(b.starts_at, b.duration_minutes, zone_of(v.mentor));
  j["id"] = id_json(b.id);
  j["phase"] = to_string(phase(b, now));
  j["status"] = to_string(b.status);
  j["topic"] = {{"id", id_json(b.topic_id)}, {"title", v.topic_title ? json(*v.topic_title) : json(nullptr)}};
  j["slot_id"] = id_json(b.slot_id);
  j["mentee"] = person_ref(v.mentee, b.mentee_id);
  j["mentor"] = person_ref(v.mentor, b.mentor_id);
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
  j["video_url"] = link_or_null(v.video_link);
  return j;
}

namespace {

// A topic or a session the caller has just changed, as they now see it.
json topic_view_json(sql::Connection& db, const Ctx& ctx, const FlashTopic& t) {
  return topic_json(services::flash_topic_view(db, ctx.me(), t, ctx.now, services::FlashSlotsShown::upcoming));
}
json booking_view_json(sql::Connection& db, const Ctx& ctx, const FlashBooking& b) {
  return booking_json(services::flash_booking_view(db, b), ctx.me().id, ctx.now);
}

// A use case that changes a topic (or its slots), answered with `status` and the topic as the
// caller now sees it.
http::Response topic_write(Ctx& ctx, int status,
                           const std::function<Result<FlashTopic>(services::UseCase&)>& use_case) {
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(t, use_case(uc));
    return topic_view_json(uc.db(), ctx, t);
  });
  return respond(out, status);
}

// A use case that changes a booking, answered with the booking as the caller now sees it.
http::Response booking_write(Ctx& ctx, const std::function<Result<FlashBooking>(services::UseCase&)>& use_case) {
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(b, use_case(uc));
    return booking_view_json(uc.db(), ctx, b);
  });
  return respond(out, 200);
}

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
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(typed, typed_slots(ctx, slots));
    MH_TRY(t, services::publish_flash_topic(uc, ctx.me(), topic, typed));
    return topic_view_json(uc.db(), ctx, t);
  });
  if (!out) return error_response(out.error());
  auto resp = json_response(201, *out);
  resp.set_header("Location", "/api/v1/flash/topics/" + (*out)["id"].get<std::string>());
  return resp;
}

http::Response list_topics(Ctx& ctx) {
  services::FlashTopicQuery query;
  if (const std::string* v = ctx.req.query_param("mentor_id")) query.mentor = id_from_json(json(*v), "mentor_id");
  if (const std::string* v = ctx.req.query_param("q")) {
    if (v->size() > 200) throw_invalid("q", "is longer than 200 characters");
    query.text = *v;
  }
  query.limit = limit_param(ctx.req, 50, 100);
  query.after = cursor_param(ctx.req);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    const auto page = services::flash_topic_page(db, ctx.me(), query, ctx.now);
    json items = json::array();
    for (const auto& v : page.items) items.push_back(topic_json(v));
    return json{{"items", items}, {"next_cursor", page.next_after ? id_json(*page.next_after) : json(nullptr)}};
  });
  return respond(out, 200);
}

http::Response get_topic(Ctx& ctx) {
  const FlashTopicId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(v, services::visible_flash_topic(db, ctx.me(), id, ctx.now));
    return topic_json(v);
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
  return topic_write(ctx, 200,
                     [&](services::UseCase& uc) { return services::change_flash_topic(uc, ctx.me(), id, change); });
}

http::Response post_slots(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const auto slots = slots_from_json(sole_field(body, "slots"));
  if (slots.empty()) throw_invalid("slots", "name at least one slot");
  const FlashTopicId id = id_param(ctx.req, "id");
  return topic_write(ctx, 201, [&](services::UseCase& uc) -> Result<FlashTopic> {
    MH_TRY(t, services::own_flash_topic(uc.db(), ctx.me(), id));
    MH_TRY(typed, typed_slots(ctx, slots));
    MH_CHECK(status_of(services::add_flash_slots(uc, ctx.me(), t, typed)));
    return t;
  });
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
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(added, services::offer_flash_slots_from_availability(uc, ctx.me(), id, from, to, duration));
    MH_TRY(t, services::own_flash_topic(uc.db(), ctx.me(), id));
    json j = topic_view_json(uc.db(), ctx, t);
    j["added_slots"] = static_cast<int>(added.size());
    return j;
  });
  return respond(out, 201);
}

http::Response delete_slot(Ctx& ctx) {
  const FlashTopicId id = id_param(ctx.req, "id");
  const FlashSlotId slot_id = id_param(ctx.req, "slot_id");
  return topic_write(ctx, 200,
                     [&](services::UseCase& uc) { return services::withdraw_flash_slot(uc, ctx.me(), id, slot_id); });
}

http::Response book(Ctx& ctx) {
  const FlashSlotId slot_id = id_param(ctx.req, "slot_id");
  const json body = parse_object_body(ctx.req);
  const std::string question = string_field(sole_field(body, "question", "what do you want answered?"), "question");
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(b, services::book_flash_slot(uc, ctx.me(), slot_id, question));
    return booking_view_json(uc.db(), ctx, b);
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
    const auto instead = services::free_slots_instead_of(db, ctx.me(), slot_id, ctx.now, kNextFreeSlotsShown);
    const Zone zone = zone_of(instead.mentor);
    json slots = json::array();
    for (const auto& s : instead.slots) slots.push_back(slot_json(s, zone));
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
  std::optional<Role> role;
  if (const std::string* v = ctx.req.query_param("role")) {
    if (*v != "mentee" && *v != "mentor") throw_invalid("role", "must be mentee or mentor");
    role = *v == "mentee" ? Role::mentee : Role::mentor;
  }
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    json items = json::array();
    for (const auto& v : services::my_flash_bookings(db, ctx.me(), role)) items.push_back(booking_json(v, ctx.me().id, ctx.now));
    return json{{"items", items}};
  });
  return respond(out, 200);
}

http::Response get_booking(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(b, services::participant_booking(db, ctx.me(), id));
    return booking_view_json(db, ctx, b);
  });
  return respond(out, 200);
}

http::Response cancel_booking(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  const json body = optional_object_body(ctx.req);
  reject_unknown_fields(body, {"reason"});
  const std::string reason = body.contains("reason") ? text_field(body, "reason", 2000) : "";
  return booking_write(ctx,
                       [&](services::UseCase& uc) { return services::cancel_flash_booking(uc, ctx.me(), id, reason); });
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
  return booking_write(ctx, [&](services::UseCase& uc) {
    return services::record_flash_takeaway(uc, ctx.me(), id, takeaway, static_cast<int>(rating));
  });
}

http::Response put_resource(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"resource_url", "note"});
  if (!body.contains("resource_url")) throw_invalid("resource_url", "is required");
  const std::string url = string_field(body["resource_url"], "resource_url");
  const std::string note = body.contains("note") ? string_field(body["note"], "note") : "";
  return booking_write(
      ctx, [&](services::UseCase& uc) { return services::share_flash_resource(uc, ctx.me(), id, url, note); });
}

http::Response propose_relationship(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  const json body = optional_object_body(ctx.req);
  reject_unknown_fields(body, {"message", "draft_purpose"});
  services::FlashProposal proposal;
  if (body.contains("message")) proposal.message = string_field(body["message"], "message");
  if (body.contains("draft_purpose")) proposal.draft_purpose = string_field(body["draft_purpose"], "draft_purpose");
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(r, services::propose_from_flash_session(uc, ctx.me(), id, proposal));
    MH_TRY(card, services::relationship_card(uc.db(), ctx.me(), r));
    json j = relationship_card_json(card, ctx.me().id, false);
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
    MH_TRY(o, services::flash_overview(db, ctx.me(), ctx.now));
    json phases = json::object();
    for (const auto& [p, n] : o.bookings) phases[to_string(p)] = n;
    return json{{"topics", o.topics},
                {"published_topics", o.published_topics},
                {"slots", o.slots},
                {"free_upcoming_slots", o.free_upcoming_slots},
                {"bookings", phases},
                {"takeaways", o.takeaways},
                {"ratings", {{"count", o.ratings}, {"average", o.average_rating ? json(*o.average_rating) : json(nullptr)}}},
                {"resources", o.resources},
                {"relationships_proposed", o.relationships_proposed}};
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
