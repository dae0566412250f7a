#include "notify/composer.hpp"

#include "calendar/ics.hpp"
#include "domain/video.hpp"
#include "storage/video_repo.hpp"
#include "common/crypto.hpp"
#include "domain/calendar.hpp"
#include "storage/access_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::notify {

namespace {

std::string when_text(TimePoint t) {
  // "2026-12-04 09:00 UTC": the invitation carries the time for each calendar's own zone.
  std::string iso = format_iso8601(t);
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

const char* medium_words(Medium m) {
  switch (m) {
    case Medium::in_person: return "in person";
    case Medium::video: return "by video";
    case Medium::phone: return "by phone";
    default: return "as you agreed";
  }
}

}  // namespace

std::string MailConfig::message_id_domain() const {
  const auto at = from.address.rfind('@');
  if (at == std::string::npos || at + 1 == from.address.size()) return "mentorhub.invalid";
  return from.address.substr(at + 1);
}

std::string Composer::link(const std::string& path) const {
  std::string base = config_.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path;
}

std::string Composer::unsubscribe_url(const std::string& token, MailKind kind) const {
  return link("/mail/unsubscribe/" + token + "/" + std::string(to_string(kind)));
}

TemplateValues Composer::common_values(sql::Connection& db, const Person& p, MailKind kind) const {
  TemplateValues v;
  v["organisation"] = config_.organisation;
  v["recipient_name"] = p.name;
  v["kind_description"] = std::string(describe(kind));
  v["unsubscribe_url"] = unsubscribe_url(storage::mail_token_of(db, p.id), kind);
  v["settings_url"] = link("/profile/mail");
  return v;
}

Composer::Outcome Composer::compose_account(sql::Connection& db, const storage::OutboxMessage& m,
                                            AccessPurpose purpose, TimePoint now) const {
  if (m.content && m.recipient) return {Composed{*m.recipient, *m.content}, {}};
  auto person = storage::find_person(db, m.person_id);
  if (!person || !person->active) return {std::nullopt, "the person is no longer active"};
  if (person->email.empty()) return {std::nullopt, "the person has no e-mail address"};
  // A mail that waited longer than its link lives (no mail server until now), or whose link was
  // replaced (resent), revoked or used meanwhile, would only disappoint.
  if (now - m.created_at >= lifetime_of(purpose)) return {std::nullopt, "the link in it has expired"};
  const auto hash_at = m.link.rfind('#');
  const auto stored = hash_at == std::string::npos
                        ? std::nullopt
                        : storage::find_access_link_by_hash(db, token_hash(std::string_view(m.link).substr(hash_at + 1)));
  if (!stored || state_of(*stored, now) != LinkState::pending)
    return {std::nullopt, "the link in it no longer works (replaced, revoked or used)"};
  TemplateValues v;
  v["organisation"] = config_.organisation;
  v["recipient_name"] = person->name;
  v["recipient_email"] = person->email;
  v["message"] = m.message;
  v["link"] = link(m.link);
  const auto rendered = templates_.render(to_string(purpose), v, "account_layout");
  MailMessage mail;
  address(mail, *person, m.token, now);
  mail.subject = rendered.subject;
  mail.text = rendered.text;
  mail.html = rendered.html;
  return {Composed{person->email, build_mime(mail)}, {}};
}

Composer::Outcome Composer::compose(sql::Connection& db, const storage::OutboxMessage& m, TimePoint now) const {
  if (const auto purpose = access_purpose_from(m.kind)) return compose_account(db, m, *purpose, now);
  const auto kind = mail_kind_from(m.kind);
  if (!kind) return {std::nullopt, "unknown kind of mail: " + m.kind};
  if (m.content && m.recipient) return {Composed{*m.recipient, *m.content}, {}};  // rendered once, sent as it is
  auto person = storage::find_person(db, m.person_id);
  if (!person || !person->active) return {std::nullopt, "the person is no longer active"};
  if (person->email.empty()) return {std::nullopt, "the person has no e-mail address"};
  if (!storage::mail_kind_on(db, person->id, *kind)) return {std::nullopt, "the person switched this kind of mail off"};

  TemplateValues v = common_values(db, *person, *kind);
  v["message"] = m.message;
  v["link"] = link(m.link.empty() ? "/" : m.link);
  MailMessage mail;
  if (*kind == MailKind::meetings && m.meeting_id) {
    std::optional<Meeting> meeting;
    std::optional<Relationship> r;
    if (auto found = db.execute("SELECT relationship_id FROM meetings WHERE id = ?",
                                std::vector<sql::Value>{*m.meeting_id});
        !found.rows.empty()) {
      r = storage::find_relationship(db, found.rows[0].int64(0));
      if (r) meeting = storage::find_meeting(db, r->id, *m.meeting_id);
    }
    if (!meeting) return {std::nullopt, "the meeting no longer exists"};
    auto mentee = storage::find_person(db, r->mentee_id);
    auto mentor = storage::find_person(db, r->mentor_id);
    if (!mentee || !mentor) return {std::nullopt, "a participant no longer exists"};
    CalendarEntry entry = meeting_entry(*meeting, *mentee, *mentor, now);
    // The room's link, when the meeting is held by video and the organisation has a video service.
    const VideoSettings video_settings = storage::load_video_settings(db);
    const std::string video = video_link(
        video_settings, storage::video_room(db, VideoSubject::meeting, meeting->id),
        meeting->medium == Medium::video, meeting->status == MeetingStatus::cancelled,
        link(meeting_join_path(meeting->relationship_id, meeting->id)));
    add_video_link(entry, video_settings, video);
    v["meeting_title"] = std::string(entry.cancelled ? "Cancelled: " : "") + entry.summary;
    v["meeting_when"] = when_text(meeting->starts_at);
    v["meeting_minutes"] = std::to_string(meeting->duration_minutes);
    v["meeting_where"] = !video.empty() ? "Video call, " + video
                         : meeting->where.empty() ? medium_words(meeting->medium) : meeting->where;
    mail.calendar = CalendarAttachment{entry.cancelled ? "CANCEL" : "REQUEST", calendar::invitation_ics(entry)};
  }
  const auto rendered = templates_.render(to_string(*kind), v);
  address(mail, *person, m.token, now);
  mail.subject = rendered.subject;
  mail.text = rendered.text;
  mail.html = rendered.html;
  mail.list_unsubscribe = v["unsubscribe_url"];
  return {Composed{person->email, build_mime(mail)}, {}};
}

std::optional<storage::OutboxMessage> Composer::digest(sql::Connection& db, PersonId person_id,
                                                       const std::vector<storage::DigestItem>& items,
                                                       TimePoint now) const {
  auto person = storage::find_person(db, person_id);
  if (!person || !person->active || person->email.empty() || items.empty()) return std::nullopt;
  TemplateValues v = common_values(db, *person, MailKind::digest);
  std::string text_items, html_items;
  for (const auto& item : items) {
    TemplateValues iv{{"message", item.message}, {"link", link(item.link.empty() ? "/" : item.link)}, {"kind", item.kind}};
    text_items += templates_.piece("digest_item.txt", iv);
    html_items += templates_.piece("digest_item.html", iv);
  }
  v["count"] = std::to_string(items.size());
  v["link"] = link("/");
  TemplateValues tv = v, hv = v;
  tv["items"] = text_items;
  hv["items"] = html_items;
  const auto text = templates_.render("digest", tv);
  const auto html = templates_.render("digest", hv);

  storage::OutboxMessage m;
  m.person_id = person->id;
  m.kind = std::string(to_string(MailKind::digest));
  m.message = std::to_string(items.size()) + " new";
  m.link = "/";
  m.token = random_token();
  m.created_at = m.next_attempt_at = now;
  MailMessage mail;
  address(mail, *person, m.token, now);
  mail.subject = text.subject;
  mail.text = text.text;
  mail.html = html.html;
  mail.list_unsubscribe = v["unsubscribe_url"];
  m.recipient = person->email;
  m.content = build_mime(mail);
  return m;
}

void Composer::address(MailMessage& mail, const Person& to, const std::string& token, TimePoint now) const {
  mail.from = config_.from;
  mail.to = {to.name, to.email};
  mail.date = now;
  mail.message_id = "<" + token + "@" + config_.message_id_domain() + ">";
}

}  // namespace mh::notify
