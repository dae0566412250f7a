// Requests and offers, their answers, and the relationship's states and audit trail.
#include <algorithm>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "storage/people_repo.hpp"

namespace mh::api {

namespace {

// Everything the hard rules need, read in the same transaction as the write they guard.
struct Pair {
  std::optional<Person> mentee, mentor;
  PairFacts facts() const { return {mentee ? &*mentee : nullptr, mentor ? &*mentor : nullptr}; }
};

PairFacts read_pair_facts(sql::Connection& db, const Pair& pair, bool include_engagement) {
  PairFacts f = pair.facts();
  if (!f.mentee || !f.mentor) return f;
  if (include_engagement) f.live_relationship_between_them = storage::pair_is_engaged(db, f.mentee->id, f.mentor->id);
  f.mentor_live_relationships = storage::live_mentees_of(db, f.mentor->id);
  f.mentee_open_requests = storage::open_requests_sent_by(db, f.mentee->id);
  return f;
}

json full_json(sql::Connection& db, const Relationship& r, PersonId viewer) {
  auto mentee = storage::find_person(db, r.mentee_id);
  auto mentor = storage::find_person(db, r.mentor_id);
  json j = relationship_json(r, viewer, mentee ? &*mentee : nullptr, mentor ? &*mentor : nullptr);
  json questions = json::array();
  for (const auto& q : storage::info_requests_of(db, r.id)) questions.push_back(info_request_json(q));
  j["questions"] = questions;
  return j;
}

http::Response create(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"mentor_id", "mentee_id", "format", "message", "draft_purpose"});
  const bool has_mentor = body.contains("mentor_id"), has_mentee = body.contains("mentee_id");
  if (has_mentor == has_mentee)
    throw_invalid("mentor_id", "give mentor_id to request a mentor, or mentee_id to offer to mentor someone");
  if (body.contains("format") && string_field(body["format"], "format") != "one_to_one")
    throw_invalid("format", "must be one_to_one here; circles and flash sessions have their own pages");
  const PersonId me = ctx.me().id;
  const PersonId other = id_from_json(has_mentor ? body["mentor_id"] : body["mentee_id"], has_mentor ? "mentor_id" : "mentee_id");
  const std::string message = body.contains("message") ? string_field(body["message"], "message") : "";
  const std::string draft = body.contains("draft_purpose") ? string_field(body["draft_purpose"], "draft_purpose") : "";
  const PersonId mentee = has_mentor ? me : other, mentor = has_mentor ? other : me;

  auto created = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, create_relationship_request(db, ctx, mentee, mentor, has_mentor, message, draft));
    return full_json(db, r, me);
  });
  if (!created) return error_response(created.error());
  auto resp = json_response(201, *created);
  resp.set_header("Location", "/api/v1/relationships/" + (*created)["id"].get<std::string>());
  return resp;
}

http::Response list(Ctx& ctx) {
  std::optional<RelState> state;
  if (const std::string* s = ctx.req.query_param("state")) {
    state = parse_rel_state(*s);
    if (!state) throw_invalid("state", "is not a relationship state");
  }
  std::optional<Role> role;
  if (const std::string* s = ctx.req.query_param("role")) {
    if (*s != "mentee" && *s != "mentor") throw_invalid("role", "must be mentee or mentor");
    role = *s == "mentee" ? Role::mentee : Role::mentor;
  }
  const int limit = limit_param(ctx.req, 50, 100);
  const auto cursor = cursor_param(ctx.req);
  auto page = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    json items = json::array();
    std::optional<RelationshipId> next;
    for (const Relationship& r : storage::relationships_of(db, ctx.me().id, state)) {
      if (role && r.role_of(ctx.me().id) != role) continue;
      if (cursor && r.id >= *cursor) continue;  // newest first: the cursor is the last id seen
      if (static_cast<int>(items.size()) == limit) {
        next = std::stoll(items.back()["id"].get<std::string>());
        break;
      }
      auto mentee = storage::find_person(db, r.mentee_id);
      auto mentor = storage::find_person(db, r.mentor_id);
      items.push_back(relationship_json(r, ctx.me().id, mentee ? &*mentee : nullptr, mentor ? &*mentor : nullptr));
    }
    return json{{"items", items}, {"next_cursor", next ? id_json(*next) : json(nullptr)}};
  });
  if (!page) return error_response(page.error());
  return json_response(200, *page);
}

http::Response events(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    // The trail is states and dates only, which administrators may see too.
    if (ctx.is_admin()) {
      if (!storage::find_relationship(db, id)) return not_found("no such relationship");
    } else {
      MH_TRY(r, participant_relationship(db, ctx, id));
    }
    json items = json::array();
    for (const auto& c : storage::state_changes_of(db, id)) items.push_back(state_change_json(c));
    return json{{"items", items}};
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response accept(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    MH_CHECK(check_can_answer(r, ctx.me().id, ctx.now));
    Pair pair{storage::find_person(db, r.mentee_id), storage::find_person(db, r.mentor_id)};
    MH_CHECK(check_can_accept(read_pair_facts(db, pair, false)));
    MH_CHECK(storage::change_state(db, r, RelState::accepted, ctx.me().id, ctx.now));
    MH_CHECK(storage::change_state(db, r, RelState::starting, std::nullopt, ctx.now,
                                   "get to know one another, then define the purpose"));
    nudge(db, r.initiator_id, r.id, "request_accepted",
          ctx.me().name + " accepted. At your first meeting, get to know one another and define the purpose.",
          ctx.now);
    return full_json(db, r, ctx.me().id);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response decline(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"reason"});
  if (!body.contains("reason")) throw_invalid("reason", "is required: tell the requester why, kindly");
  const std::string reason = string_field(body["reason"], "reason");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) throw_invalid("reason", "must not be empty");
  if (reason.size() > 2000) throw_invalid("reason", "is longer than 2000 characters");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    MH_CHECK(check_can_answer(r, ctx.me().id, ctx.now));
    r.decline_reason = reason;
    MH_CHECK(storage::change_state(db, r, RelState::declined, ctx.me().id, ctx.now));
    nudge(db, r.initiator_id, r.id, "request_declined", ctx.me().name + " declined: " + reason, ctx.now);
    return full_json(db, r, ctx.me().id);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response withdraw(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    MH_CHECK(check_can_withdraw(r, ctx.me().id, ctx.now));
    MH_CHECK(storage::change_state(db, r, RelState::withdrawn, ctx.me().id, ctx.now));
    return full_json(db, r, ctx.me().id);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

std::string required_text(const json& body, const char* field, size_t max) {
  if (!body.contains(field)) throw_invalid(field, "is required");
  std::string text = string_field(body[field], field);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw_invalid(field, "must not be empty");
  if (text.size() > max) throw_invalid(field, "is longer than " + std::to_string(max) + " characters");
  return text;
}

http::Response ask(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"question"});
  const std::string question = required_text(body, "question", 2000);
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    MH_CHECK(check_can_answer(r, ctx.me().id, ctx.now));
    storage::insert_info_request(db, {0, r.id, ctx.me().id, question, std::nullopt, ctx.now, std::nullopt});
    nudge(db, r.initiator_id, r.id, "question_asked",
          ctx.me().name + " would like to know more before answering: " + question, ctx.now);
    return full_json(db, r, ctx.me().id);
  });
  if (!out) return error_response(out.error());
  return json_response(201, *out);
}

http::Response answer(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const std::int64_t qid = id_param(ctx.req, "question_id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"answer"});
  const std::string text = required_text(body, "answer", 4000);
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    if (ctx.me().id != r.initiator_id) return forbidden("only the person who sent the request answers its questions");
    if (r.state != RelState::requested || has_expired(r, ctx.now))
      return conflict(std::string("the request is ") + (has_expired(r, ctx.now) ? "expired" : to_string(r.state)) +
                          "; questions are closed",
                      "state");
    const auto questions = storage::info_requests_of(db, r.id);
    auto q = std::find_if(questions.begin(), questions.end(), [&](const auto& x) { return x.id == qid; });
    if (q == questions.end()) return not_found("no such question");
    if (q->answer) return conflict("this question is already answered");
    storage::answer_info_request(db, qid, text, ctx.now);
    nudge(db, r.recipient(), r.id, "question_answered", ctx.me().name + " answered your question.", ctx.now);
    return full_json(db, r, ctx.me().id);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

}  // namespace

// The request's hard rules, its audit event and the recipient's nudge: POST /api/v1/relationships
// and a flash session's proposal both come through here.
Result<Relationship> create_relationship_request(sql::Connection& db, const Ctx& ctx, PersonId mentee, PersonId mentor,
                                                 bool as_mentee, const std::string& message, const std::string& draft,
                                                 const std::string& note) {
  const PersonId me = ctx.me().id;
  const PersonId other = as_mentee ? mentor : mentee;
  Pair pair{storage::find_person(db, mentee), storage::find_person(db, mentor)};
  if (!pair.mentee || !pair.mentor) return invalid(as_mentee ? "mentor_id" : "mentee_id", "no person has this id");
  MH_CHECK(check_can_request(read_pair_facts(db, pair, true), me, ctx.settings.lifecycle));
  MH_TRY(r, new_request(me, mentee, mentor, message, draft, ctx.now, ctx.settings.lifecycle));
  r.id = storage::insert_relationship(db, r);
  storage::insert_state_change(db, {r.id, me, RelState::requested, RelState::requested, ctx.now,
                                    !note.empty() ? note : as_mentee ? "requested a mentor" : "offered to mentor"});
  nudge(db, other, r.id, "request_received",
        ctx.me().name + (as_mentee ? " asks you to be their mentor." : " offers to mentor you.") +
            " Please answer within " + std::to_string(ctx.settings.lifecycle.request_expiry_days) + " days.",
        ctx.now);
  return r;
}

Result<Relationship> create_proposed_relationship(sql::Connection& db, const Person& mentee, const Person& mentor,
                                                  std::optional<PersonId> actor, const std::string& message,
                                                  const std::string& note, TimePoint now,
                                                  const LifecycleSettings& lifecycle) {
  Pair pair{mentee, mentor};
  MH_CHECK(check_can_request(read_pair_facts(db, pair, true), mentee.id, lifecycle));
  MH_TRY(r, new_request(mentee.id, mentee.id, mentor.id, message, "", now, lifecycle));
  r.id = storage::insert_relationship(db, r);
  storage::insert_state_change(db, {r.id, actor, RelState::requested, RelState::requested, now, note});
  const std::string days = std::to_string(lifecycle.request_expiry_days);
  nudge(db, mentor.id, r.id, "request_received",
        "The program proposes that you mentor " + mentee.name + ". Please accept or decline within " + days + " days.",
        now);
  nudge(db, mentee.id, r.id, "mentor_proposed",
        "The program proposes " + mentor.name + " as your mentor; they will answer within " + days +
            " days, and you may withdraw.",
        now);
  return r;
}

void add_relationship_routes(Routes& routes) {
  routes.add("POST", "/api/v1/relationships", Access::person, create);
  routes.add("GET", "/api/v1/relationships", Access::person, list);
  routes.add("GET", "/api/v1/relationships/{id}/events", Access::person, events);
  routes.add("POST", "/api/v1/relationships/{id}/accept", Access::person, accept);
  routes.add("POST", "/api/v1/relationships/{id}/decline", Access::person, decline);
  routes.add("POST", "/api/v1/relationships/{id}/withdraw", Access::person, withdraw);
  routes.add("POST", "/api/v1/relationships/{id}/questions", Access::person, ask);
  routes.add("POST", "/api/v1/relationships/{id}/questions/{question_id}/answer", Access::person, answer);
}

}  // namespace mh::api
