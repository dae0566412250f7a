"""Authorization, route by route (issue 20): every operation of docs/openapi.yaml, called by every
role, gets the status its row says, and no answer carries content the role may not see.

The roles: no session, an unrelated person, the mentee and the mentor of a relationship (the
mentor also publishes the flash topic), a circle's host and one of its members, someone who
booked a flash slot, the mentee's manager, an external expert and the administrator. Each piece
of content below carries a marker naming who may see it (MARKERS); every answer of every cell is
searched for every marker the role may not see. An operation of the spec without a row fails
`test_every_route_of_the_spec_has_a_row`, and so does a row naming an operation the spec lacks.

Writes that succeed change what they act on for good, so an allowed write (a 2xx cell) of a row
marked `fresh` acts on a context of its own, built for that cell: the role then names that
context's person (a new mentee, host, booker...). Refused writes act on the shared contexts,
which must come out unchanged (each row's `before` snapshot is compared after the refusals)."""
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import pytest
import yaml

from conftest import error_of, unique_email
from lifecycle_helpers import (Pair, clock_lab, clock_server, day, debrief_body, iso, json_of, lab,  # noqa: F401
                               objectives)

ROLES = ("anonymous", "unrelated", "mentee", "mentor", "host", "member", "booker", "manager", "external", "admin")
SPEC = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "openapi.yaml")

# Markers carried by content, and the roles that may see each. A marker is a prefix; the texts
# that carry it are made unique where a test needs them apart.
REL = "SECRET-REL-"              # a relationship's shared content
NOTE_MENTEE = "SECRET-NOTEMENTEE-"  # the mentee's private note on a meeting
NOTE_MENTOR = "SECRET-NOTEMENTOR-"  # the mentor's private note
CIRCLE = "SECRET-CIRCLE-"        # a circle's content (purpose, sessions, stories)
ITEM = "SECRET-ITEM-"            # the member's own action item
FLASH = "SECRET-FLASH-"          # a booking's question
ASPIRATION = "SECRET-ASPIRATION-"  # the mentee's private profile field
MARKERS = {
    REL: {"mentee", "mentor"},
    NOTE_MENTEE: {"mentee"},
    NOTE_MENTOR: {"mentor"},
    CIRCLE: {"host", "member"},
    ITEM: {"host", "member"},
    FLASH: {"booker", "mentor"},
    ASPIRATION: {"mentee", "admin"},
}
# The mentee's e-mail address is a contact detail: every employee and the administrator see it,
# an external expert without an accepted relationship and a caller without a session do not.
EMAIL_SEEN_BY = {"unrelated", "mentee", "mentor", "host", "member", "booker", "manager", "admin"}

SIGNED_IN = [r for r in ROLES if r != "anonymous"]


def statuses(ok, who, others=403):
    """`ok` for the roles in `who`, 401 without a session, `others` for everyone else."""
    return {r: 401 if r == "anonymous" else ok if r in who else others for r in ROLES}


def everyone(ok):
    return statuses(ok, SIGNED_IN)


def admin_only(ok=200):
    return statuses(ok, {"admin"})


# ---------------------------------------------------------------------------------------------
# The world: people in every role and content everywhere content can be


class Ctx:
    """Ids the routes need and the actor for each role; fresh contexts copy it and replace
    what they build."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def copy(self, **kw):
        c = Ctx(**self.__dict__)
        c.actors = dict(self.actors)
        c.__dict__.update(kw)
        return c


def tag(marker):
    return marker + unique_email("x").split("@")[0]


def relationship(lab, manager, state, mentor=None):
    """A new mentee (reporting to `manager`) and a relationship with `mentor` (new if None) in
    `state`, with marked content everywhere."""
    mentor = mentor or lab.person(formats_offered=["one_to_one", "flash"], mentor_capacity=20, name="Authz Mentor")
    mentee = lab.mentee(manager=manager, name="Authz Mentee",
                        aspirations={"roles": [tag(ASPIRATION)], "departments": [], "skills": []})
    created = json_of(mentee.post("/api/v1/relationships", json={
        "mentor_id": mentor.id, "message": tag(REL), "draft_purpose": tag(REL)}), 201)
    pair = Pair(lab, created, mentee=mentee, mentor=mentor)
    ids = {"rel": pair.id}
    ws = json_of(mentor.post(pair.path("/questions"), json={"question": tag(REL)}), 201)
    ids["question"] = ws["questions"][0]["id"]
    ids["notification"] = mentee.notifications(pair.id, "question_asked")[0]["id"]
    if state == "requested":
        return pair, ids
    json_of(mentee.post(pair.path(f"/questions/{ids['question']}/answer"), json={"answer": tag(REL)}), 200)
    pair.accept()
    pair.draft(objective_list=objectives(tag=tag(REL)), outcome=tag(REL))
    ws = pair.agree_both()
    ids["version"] = ws["purpose"]["version"]
    ids["objectives"] = [o["id"] for o in ws["purpose"]["objectives"]]
    json_of(mentee.put(pair.path("/logistics"), json={"cadence_days": 14, "medium": "video", "where": tag(REL)}), 200)
    ids["task"] = pair.add_task(title=tag(REL), notes=tag(REL))["id"]
    ids["meeting"] = pair.schedule(starts_at=lab.later(hours=1), where=tag(REL))["id"]
    lab.advance(hours=2)
    mpath = pair.path(f"/meetings/{ids['meeting']}")
    json_of(mentor.patch(mpath, json={"shared_notes": tag(REL)}), 200)
    json_of(mentee.put(mpath + "/private-note", json={"text": tag(NOTE_MENTEE)}), 200)
    json_of(mentor.put(mpath + "/private-note", json={"text": tag(NOTE_MENTOR)}), 200)
    story = json_of(mentor.post(mpath + "/stories", json={"story": tag(REL), "point": tag(REL)}), 201)["story"]
    ids["story"] = story["id"]
    json_of(mentee.post(pair.path(f"/stories/{ids['story']}/reflection"), json={"reflection": tag(REL)}), 200)
    if state == "active":
        return pair, ids
    pair.conclude()
    if state == "concluding":
        return pair, ids
    for who in (mentee, mentor):
        pair.debrief(who, achieved=tag(REL), still_to_do=tag(REL), do_differently=tag(REL))
    return pair, ids


def circle(lab):
    """A circle with its host, one member with an action item, an agreed purpose, a session that
    was held, a story and its reflection."""
    host = lab.person(formats_offered=["one_to_one", "circle"], mentor_capacity=2, name="Authz Host")
    member = lab.person(name="Authz Member")
    card = json_of(host.post("/api/v1/circles", json={
        "topic": "Leading without the title", "description": "Open to all.", "size_limit": 4, "cadence_days": 14,
        "medium": "video", "membership": "open"}), 201)
    path = f"/api/v1/circles/{card['id']}"
    json_of(member.post(path + "/join", json={}), 200)
    ws = json_of(host.put(path + "/purpose", json={"objectives": objectives(tag=tag(CIRCLE)),
                                                    "desired_outcome": tag(CIRCLE)}), 200)
    ws = json_of(host.post(path + "/purpose/agree", json={"version": ws["purpose"]["version"]}), 200)
    objective_ids = [o["id"] for o in ws["purpose"]["objectives"]]
    session = json_of(host.post(path + "/sessions", json={"starts_at": iso(lab.later(hours=1)),
                                                          "duration_minutes": 60, "where": tag(CIRCLE)}), 201)
    lab.advance(hours=2)
    json_of(host.patch(path + f"/sessions/{session['id']}", json={"status": "held", "notes": tag(CIRCLE)}), 200)
    story = json_of(host.post(path + f"/sessions/{session['id']}/stories",
                              json={"story": tag(CIRCLE), "point": tag(CIRCLE)}), 201)["story"]
    json_of(member.post(path + f"/stories/{story['id']}/reflection", json={"reflection": tag(CIRCLE)}), 200)
    item = json_of(member.post(path + "/action-items", json={"title": tag(ITEM), "objective_id": objective_ids[0]}),
                   201)
    return host, member, {"circle": card["id"], "session": session["id"], "circle_story": story["id"],
                          "item": item["id"], "circle_objectives": objective_ids}


def flash(lab, mentor):
    """A topic of `mentor` with three slots, one of them booked by a new person. The slots are
    two months ahead, so they are still to come however far the contexts built later move the
    clock (each relationship and circle moves it two hours)."""
    booker = lab.person(name="Authz Booker")
    topic = json_of(mentor.post("/api/v1/flash/topics", json={
        "title": "Building a pivot table", "description": "From raw rows to an answer.",
        "slots": [{"start": iso(lab.later(hours=h)), "duration_minutes": 30} for h in (1440, 1442, 1444)]}), 201)
    slots = [s["id"] for s in topic["slots"]]
    booking = json_of(booker.post(f"/api/v1/flash/slots/{slots[0]}/book", json={"question": tag(FLASH)}), 201)
    return booker, {"topic": topic["id"], "slot": slots[1], "spare_slot": slots[2], "booking": booking["id"]}


class World:
    def __init__(self, lab):
        self.lab = lab
        # Video rooms on Jitsi, so that joining answers the participants with their room.
        json_of(lab.admin.put("/api/v1/admin/video", json={"provider": "jitsi", "jitsi_url": "https://meet.example.org"}),
                200)
        self.manager = lab.person(name="Authz Manager")
        self.unrelated = lab.person(name="Authz Unrelated")
        self.external = lab.person(name="Authz Expert", is_external=True, organisation="Fernwood Advisory",
                                   mentor_capacity=2, formats_offered=["one_to_one"])
        self.spare_mentor = lab.person(formats_offered=["one_to_one"], mentor_capacity=20, name="Authz Spare Mentor")
        self.mentor = lab.person(formats_offered=["one_to_one", "flash"], mentor_capacity=20, name="Authz Mentor")
        self.pairs = {}
        self.contexts = {}
        host, member, circle_ids = circle(lab)
        booker, flash_ids = flash(lab, self.mentor)
        self.cohort, self.matching = self.cohort_and_matching()
        self.program = self.new_program()
        self.signup_cohort = self.new_signup_cohort()
        join_circle = json_of(host.post("/api/v1/circles", json={
            "topic": "Open to everyone", "description": "Join us.", "size_limit": 20, "cadence_days": 14,
            "medium": "video", "membership": "open"}), 201)["id"]
        book_topic = json_of(self.mentor.post("/api/v1/flash/topics", json={
            "title": "Reading a cash flow statement", "description": "Operating first.",
            "slots": [{"start": iso(lab.later(hours=1500 + 2 * i)), "duration_minutes": 30}
                      for i in range(len(ROLES))]}), 201)
        book_slots = [slot["id"] for slot in book_topic["slots"]]
        for state in ("requested", "active", "concluding", "concluded"):
            pair, ids = relationship(lab, self.manager, state, mentor=self.mentor)
            actors = {"anonymous": lab.anonymous(), "unrelated": self.unrelated, "mentee": pair.mentee,
                      "mentor": pair.mentor, "host": host, "member": member, "booker": booker,
                      "manager": self.manager, "external": self.external, "admin": lab.admin}
            self.contexts[state] = Ctx(state=state, actors=actors, pair=pair, mentee_id=pair.mentee.id,
                                       spare_mentor=self.spare_mentor.id, cohort=self.cohort["id"],
                                       matching=self.matching["id"], join_circle=join_circle,
                                       program=self.program["id"], signup_cohort=self.signup_cohort["id"],
                                       book_slots=book_slots, **ids, **circle_ids, **flash_ids)

    def cohort_and_matching(self):
        admin = self.lab.admin
        mentee = self.lab.person(name="Authz Cohort Mentee")
        cohort = json_of(admin.post("/api/v1/cohorts", json={
            "name": "Authz cohort " + unique_email("c"), "mentee_ids": [mentee.id],
            "mentor_ids": [self.spare_mentor.id]}), 201)
        return cohort, self.finished_matching(cohort)

    def new_program(self):
        return json_of(self.lab.admin.post("/api/v1/admin/programs",
                                           json={"name": "Authz program " + unique_email("p")}), 201)

    def new_signup_cohort(self):
        return json_of(self.lab.admin.post("/api/v1/cohorts", json={
            "name": "Authz sign-up " + unique_email("s"), "signup_open": True}), 201)

    def finished_matching(self, cohort):
        admin = self.lab.admin
        job = json_of(admin.post(f"/api/v1/cohorts/{cohort['id']}/matchings", json={}), 202)
        for _ in range(2000):
            job = json_of(admin.get(f"/api/v1/matchings/{job['id']}"), 200)
            if job["state"] not in ("queued", "running"):
                break
        assert job["state"] == "done", job
        return job

    def fresh(self, kind, state):
        """A context in which the write of a 2xx cell acts on things of its own."""
        base = self.contexts[state]
        if kind == "rel":
            pair, ids = relationship(self.lab, self.manager, state)
            actors = dict(base.actors, mentee=pair.mentee, mentor=pair.mentor)
            return base.copy(actors=actors, pair=pair, mentee_id=pair.mentee.id, **ids)
        if kind == "circle":
            host, member, ids = circle(self.lab)
            return base.copy(actors=dict(base.actors, host=host, member=member), **ids)
        if kind == "flash":
            mentor = self.lab.person(formats_offered=["one_to_one", "flash"], mentor_capacity=2)
            booker, ids = flash(self.lab, mentor)
            return base.copy(actors=dict(base.actors, booker=booker, mentor=mentor), **ids)
        if kind == "cohort":
            cohort, matching = self.cohort_and_matching()
            return base.copy(cohort=cohort["id"], matching=matching["id"])
        if kind == "program":
            return base.copy(program=self.new_program()["id"])
        if kind == "signup":
            return base.copy(signup_cohort=self.new_signup_cohort()["id"])
        if kind == "person":
            return base.copy(mentee_id=self.lab.person(name="Authz Target").id)
        raise AssertionError(kind)


@pytest.fixture(scope="module")
def world(lab):
    return World(lab)


# ---------------------------------------------------------------------------------------------
# The table


@dataclass
class Row:
    method: str
    route: str  # as in docs/openapi.yaml
    expect: dict  # role -> status
    body: Any = None  # a dict, or a function of (ctx, role)
    path: Optional[Callable] = None  # (ctx, role) -> the path; by default the route with ctx's ids
    state: str = "active"  # which relationship context the row acts on
    fresh: Optional[str] = None  # a 2xx cell acts on a fresh context of this kind
    new_session: bool = False  # the call is made on a new session of the role's person
    snapshot: Optional[Callable] = None  # (ctx) -> what a refused write must leave unchanged
    follow_redirects: bool = True  # False for routes that answer 303 (the status is the cell)

    @property
    def name(self):
        return f"{self.method} {self.route}"


def rel_snapshot(ctx):
    pair = ctx.pair
    seen = [pair.workspace(), json_of(pair.mentee.get(pair.path("/debrief")), 200), pair.events()]
    if getattr(ctx, "meeting", None):
        seen += [json_of(who.get(pair.path(f"/meetings/{ctx.meeting}")), 200) for who in (pair.mentee, pair.mentor)]
    return seen


def circle_snapshot(ctx):
    host = ctx.actors["host"]
    return [json_of(host.get(f"/api/v1/circles/{ctx.circle}/workspace"), 200),
            json_of(host.get(f"/api/v1/circles/{ctx.circle}/action-items"), 200)]


def flash_snapshot(ctx):
    return [json_of(ctx.actors["mentor"].get(f"/api/v1/flash/topics/{ctx.topic}"), 200),
            json_of(ctx.actors["booker"].get(f"/api/v1/flash/bookings/{ctx.booking}"), 200)]


def cohort_snapshot(ctx):
    admin = ctx.actors["admin"]
    return [json_of(admin.get(f"/api/v1/cohorts/{ctx.cohort}"), 200),
            json_of(admin.get(f"/api/v1/matchings/{ctx.matching}"), 200)]


def program_snapshot(ctx):
    return json_of(ctx.actors["admin"].get(f"/api/v1/admin/programs/{ctx.program}"), 200)


def signup_snapshot(ctx):
    return json_of(ctx.actors["admin"].get(f"/api/v1/cohorts/{ctx.signup_cohort}"), 200)


def person_snapshot(ctx):
    return json_of(ctx.actors["admin"].get(f"/api/v1/people/{ctx.mentee_id}"), 200)


def own_token(ctx, role):
    """A token of the role's own to revoke (any id without a session)."""
    actor = ctx.actors[role]
    if role == "anonymous":
        return "/api/v1/me/tokens/1"
    token = json_of(actor.post("/api/v1/me/tokens", json={"label": "to revoke"}), 201)
    return f"/api/v1/me/tokens/{token['id']}"


def own_session(ctx, role):
    """One of the role's own ways in to end: a new API token (any id without a session)."""
    actor = ctx.actors[role]
    if role == "anonymous":
        return "/api/v1/me/sessions/" + "0" * 16
    token = json_of(actor.post("/api/v1/me/tokens", json={"label": "to end"}), 201)
    return f"/api/v1/me/sessions/{token['id']}"


def never_signed_in(ctx):
    """A new person with no password: someone an administrator may invite."""
    made = json_of(ctx.actors["admin"].post("/api/v1/people", json={
        "email": unique_email("authz-invite"), "name": "Authz Invitee"}), 201)
    return made["id"]


def invitation_path(action):
    def path(ctx, role):
        if not ctx.expect_ok:
            return f"/api/v1/invitations/1/{action}"
        made = json_of(ctx.actors["admin"].post("/api/v1/invitations", json={"person_id": never_signed_in(ctx)}), 201)
        return f"/api/v1/invitations/{made['id']}/{action}"
    return path


def deactivated_target(ctx, role):
    if ctx.expect_ok:
        json_of(ctx.actors["admin"].post(f"/api/v1/people/{ctx.mentee_id}/deactivate", json={}), 200)
    return f"/api/v1/people/{ctx.mentee_id}/reactivate"


def hours_then_generate(ctx, role):
    """The topic's slots-from-availability route, after the role's person set weekly hours (so the
    mentor's call has something to offer)."""
    if ctx.expect_ok:
        json_of(ctx.actors[role].put("/api/v1/me/availability", json={
            "timezone": "UTC", "windows": [{"day": d, "start": "09:00", "end": "12:00"} for d in (
                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")],
            "exceptions": []}), 200)
    return f"/api/v1/flash/topics/{ctx.topic}/slots/from-availability"


def login_body(ctx, role):
    actor = ctx.actors[role]
    if role == "anonymous":
        return {"email": "nobody@example.com", "password": "not a password"}
    return {"email": actor.email, "password": actor.password}


R = "/api/v1/relationships/{id}"
C = "/api/v1/circles/{id}"
PARTICIPANTS = {"mentee", "mentor"}
CIRCLE_PEOPLE = {"host", "member"}

ROWS = [
    # --- before signing in: what the sign-in page shows (demo accounts on a demo database only)
    Row("GET", "/api/v1/config", {r: 200 for r in ROLES}),
    # --- sessions and one's own account
    Row("POST", "/api/v1/auth/login", dict(everyone(200), anonymous=401), body=login_body, new_session=True),
    Row("POST", "/api/v1/auth/logout", everyone(204), new_session=True),
    # Single sign-on is not configured in this world: the browser's routes refuse everyone alike.
    Row("GET", "/api/v1/auth/sso/start", {r: 404 for r in ROLES}),
    Row("GET", "/api/v1/auth/sso/callback", {r: 401 for r in ROLES}),
    Row("GET", "/api/v1/admin/sso", admin_only()),
    Row("GET", "/api/v1/admin/scim-tokens", admin_only()),
    # An empty name: refused, so no token is made by the table.
    Row("POST", "/api/v1/admin/scim-tokens", admin_only(422), body={"name": ""}),
    Row("DELETE", "/api/v1/admin/scim-tokens/{id}", admin_only(404), path=lambda c, r: "/api/v1/admin/scim-tokens/999999"),
    Row("GET", "/api/v1/admin/video", admin_only()),
    # The same Jitsi settings again: the join rows below still find them.
    Row("PUT", "/api/v1/admin/video", admin_only(),
        body={"provider": "jitsi", "jitsi_url": "https://meet.example.org"}),
    # An invalid issuer, so the settings stay unconfigured for the rows above.
    Row("PUT", "/api/v1/admin/sso", admin_only(422),
        body={"display_name": "X", "issuer": "ftp://nowhere", "client_id": "c", "public_url": "http://127.0.0.1:9"}),
    Row("DELETE", "/api/v1/admin/sso", admin_only(404)),
    Row("POST", "/api/v1/admin/sso/check", admin_only(404)),
    Row("GET", "/api/v1/me/tokens", everyone(200)),
    Row("POST", "/api/v1/me/tokens", everyone(201), body={"label": "authz"}),
    Row("DELETE", "/api/v1/me/tokens/{id}", everyone(204), path=own_token),
    # --- getting in without a provider: forgot password and one-time links need no session, and
    # answer alike for everyone (an unknown address is accepted like a known one)
    Row("POST", "/api/v1/auth/password-reset", {r: 202 for r in ROLES},
        body=lambda c, r: {"email": f"nobody-{r}@example.com"}),
    Row("POST", "/api/v1/auth/link", {r: 404 for r in ROLES}, body={"token": "0" * 64}),
    Row("POST", "/api/v1/auth/set-password", {r: 404 for r in ROLES},
        body={"token": "0" * 64, "password": "a long password 1"}),
    Row("GET", "/api/v1/invitations", admin_only()),
    Row("POST", "/api/v1/invitations", admin_only(201),
        body=lambda c, r: {"person_id": never_signed_in(c) if r == "admin" else c.mentee_id}),
    Row("POST", "/api/v1/invitations/everyone-not-signed-in", admin_only(200), body={}),
    Row("POST", "/api/v1/invitations/{id}/resend", admin_only(201), path=invitation_path("resend")),
    Row("POST", "/api/v1/invitations/{id}/revoke", admin_only(200), path=invitation_path("revoke")),
    # One's own sessions and API tokens; ending the others leaves the session of the call.
    Row("GET", "/api/v1/me/sessions", everyone(200)),
    Row("GET", "/api/v1/me/availability", everyone(200)),
    Row("PUT", "/api/v1/me/availability", everyone(200), body={
        "timezone": "Europe/Berlin", "windows": [{"day": "monday", "start": "09:00", "end": "11:00"}],
        "exceptions": [{"kind": "off", "from": "2027-05-01"}]}),
    Row("DELETE", "/api/v1/me/sessions/{id}", everyone(204), path=own_session),
    Row("POST", "/api/v1/me/sessions/end-others", everyone(200), body={}),
    # --- a second factor: finishing a sign-in needs no session (an unknown challenge is refused
    # alike for everyone); setting one up is one's own; the requirement is the administrators'.
    # Malformed codes keep every row from changing anyone's second factor or counting a guess.
    Row("POST", "/api/v1/auth/second-factor", {r: 401 for r in ROLES}, body={"challenge": "0" * 64, "code": "123456"}),
    Row("GET", "/api/v1/me/second-factor", everyone(200)),
    Row("POST", "/api/v1/me/second-factor/start", everyone(200), body={}),
    Row("POST", "/api/v1/me/second-factor/confirm", everyone(422), body={"code": "12345"}),
    Row("POST", "/api/v1/me/second-factor/disable", everyone(422), body={"code": "12345"}),
    Row("POST", "/api/v1/me/second-factor/recovery-codes", everyone(422), body={"code": "12345"}),
    Row("GET", "/api/v1/admin/second-factor", admin_only()),
    # The administrator has no second factor: turning the requirement on is refused, nothing changes.
    Row("PUT", "/api/v1/admin/second-factor", admin_only(409), body={"required_for_admins": True}),
    Row("GET", "/api/v1/me", everyone(200)),
    Row("PATCH", "/api/v1/me", everyone(200), body={"title": "Still the same person"}),
    Row("POST", "/api/v1/me/password", everyone(422),
        body={"current_password": "not the password", "new_password": "a new password 2"}),
    # Each role's own data: the export is searched for every marker like any answer, so it carries
    # nothing of anyone else that the role does not see in the app; a deletion with a wrong
    # password deletes nothing.
    Row("GET", "/api/v1/me/export", everyone(200)),
    Row("POST", "/api/v1/me/deletion", everyone(422), body={"password": "not the password"}),
    Row("GET", "/api/v1/me/notifications", everyone(200)),
    Row("POST", "/api/v1/me/notifications/read-all", everyone(200)),
    # --- calendars: one's own feed address; the feed itself needs no session, only its secret
    Row("GET", "/api/v1/me/calendar-feed", everyone(200)),
    Row("POST", "/api/v1/me/calendar-feed", everyone(200), body={}),
    Row("DELETE", "/api/v1/me/calendar-feed", everyone(204)),
    Row("GET", "/calendar/{file}", {r: 404 for r in ROLES}, path=lambda c, r: "/calendar/" + "0" * 64 + ".ics"),
    # --- SCIM: only a provider's SCIM token opens it; no session or API token, an administrator's
    # included, is one (test_scim.py has the token's side).
    Row("GET", "/scim/v2/ServiceProviderConfig", {r: 401 for r in ROLES}),
    Row("GET", "/scim/v2/ResourceTypes", {r: 401 for r in ROLES}),
    Row("GET", "/scim/v2/Schemas", {r: 401 for r in ROLES}),
    Row("GET", "/scim/v2/Users", {r: 401 for r in ROLES}),
    Row("POST", "/scim/v2/Users", {r: 401 for r in ROLES}, body={"userName": "new.person@example.com"}),
    Row("GET", "/scim/v2/Users/{id}", {r: 401 for r in ROLES}, path=lambda c, r: f"/scim/v2/Users/{c.pair.mentee.id}"),
    Row("PUT", "/scim/v2/Users/{id}", {r: 401 for r in ROLES}, body={"userName": "new.person@example.com"},
        path=lambda c, r: f"/scim/v2/Users/{c.pair.mentee.id}"),
    Row("PATCH", "/scim/v2/Users/{id}", {r: 401 for r in ROLES},
        body={"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{"op": "replace", "path": "active", "value": False}]},
        path=lambda c, r: f"/scim/v2/Users/{c.pair.mentee.id}"),
    Row("DELETE", "/scim/v2/Users/{id}", {r: 401 for r in ROLES}, path=lambda c, r: f"/scim/v2/Users/{c.pair.mentee.id}"),
    # A notification is its recipient's alone: anyone else, administrators included, gets 404.
    Row("POST", "/api/v1/me/notifications/{id}/read", dict(everyone(404), mentee=204), state="requested",
        path=lambda c, r: f"/api/v1/me/notifications/{c.notification}/read"),
    Row("POST", "/api/v1/me/notifications/{id}/dismiss", dict(everyone(404), mentee=204), state="requested",
        path=lambda c, r: f"/api/v1/me/notifications/{c.notification}/dismiss"),
    # --- mail: one's own settings; the unsubscribe address needs no session, only its token
    Row("GET", "/api/v1/me/mail", everyone(200)),
    Row("PUT", "/api/v1/me/mail", everyone(200), body={"kinds": {"digest": True}}),
    Row("GET", "/mail/unsubscribe/{token}/{kind}", {r: 404 for r in ROLES},
        path=lambda c, r: "/mail/unsubscribe/" + "0" * 64 + "/digest"),
    Row("POST", "/mail/unsubscribe/{token}/{kind}", {r: 404 for r in ROLES},
        path=lambda c, r: "/mail/unsubscribe/" + "0" * 64 + "/digest"),
    Row("GET", "/api/v1/me/recommendations", everyone(200)),
    Row("GET", "/api/v1/me/mentor-recommendations", everyone(200)),
    # --- people
    Row("GET", "/api/v1/people", everyone(200)),
    Row("POST", "/api/v1/people", admin_only(201),
        body=lambda c, r: {"email": unique_email("authz"), "name": "Authz New", "password": "a long password 1"}),
    Row("GET", "/api/v1/people/{id}", everyone(200), path=lambda c, r: f"/api/v1/people/{c.mentee_id}"),
    Row("PATCH", "/api/v1/people/{id}", admin_only(200), body={"title": "Changed by an administrator"},
        path=lambda c, r: f"/api/v1/people/{c.mentee_id}", fresh="person", snapshot=person_snapshot),
    Row("POST", "/api/v1/people/{id}/deactivate", admin_only(200), body={},
        path=lambda c, r: f"/api/v1/people/{c.mentee_id}/deactivate", fresh="person", snapshot=person_snapshot),
    Row("POST", "/api/v1/people/{id}/reactivate", admin_only(200), body={}, path=deactivated_target,
        fresh="person", snapshot=person_snapshot),
    Row("POST", "/api/v1/people/{id}/mentor-recommendations", statuses(201, {"manager"}),
        body=lambda c, r: {"mentor_id": c.spare_mentor, "note": "Worth a coffee."},
        path=lambda c, r: f"/api/v1/people/{c.mentee_id}/mentor-recommendations"),
    Row("GET", "/api/v1/directory", everyone(200)),
    # --- relationships
    Row("POST", "/api/v1/relationships", everyone(201),
        body=lambda c, r: {"mentor_id": c.spare_mentor, "message": "Could we talk about careers?"}),
    Row("GET", "/api/v1/relationships", everyone(200)),
    Row("GET", R, statuses(200, PARTICIPANTS)),
    Row("GET", R + "/events", statuses(200, PARTICIPANTS | {"admin"})),
    Row("POST", R + "/accept", dict(statuses(200, {"mentor"})), state="requested", fresh="rel",
        snapshot=rel_snapshot),
    Row("POST", R + "/decline", statuses(200, {"mentor"}), body={"reason": "Not this quarter."}, state="requested",
        fresh="rel", snapshot=rel_snapshot),
    Row("POST", R + "/withdraw", statuses(200, {"mentee"}), state="requested", fresh="rel", snapshot=rel_snapshot),
    Row("POST", R + "/questions", statuses(201, {"mentor"}), body={"question": "And your goal?"},
        state="requested", fresh="rel", snapshot=rel_snapshot),
    Row("POST", R + "/questions/{question_id}/answer", statuses(200, {"mentee"}), body={"answer": "Growth."},
        state="requested", fresh="rel", snapshot=rel_snapshot,
        path=lambda c, r: f"/api/v1/relationships/{c.rel}/questions/{c.question}/answer"),
    Row("PUT", R + "/purpose", statuses(200, PARTICIPANTS), fresh="rel", snapshot=rel_snapshot,
        body=lambda c, r: {"objectives": objectives(), "desired_outcome": "Redrafted."}),
    Row("POST", R + "/purpose/agree", statuses(200, PARTICIPANTS), body=lambda c, r: {"version": c.version},
        snapshot=rel_snapshot),
    Row("PUT", R + "/logistics", statuses(200, PARTICIPANTS), body={"cadence_days": 14, "medium": "video"},
        fresh="rel", snapshot=rel_snapshot),
    Row("POST", R + "/tasks", statuses(201, PARTICIPANTS), body={"title": "Another task"}, fresh="rel",
        snapshot=rel_snapshot),
    Row("PATCH", R + "/tasks/{task_id}", statuses(200, PARTICIPANTS), body={"status": "open"}, snapshot=rel_snapshot,
        path=lambda c, r: f"/api/v1/relationships/{c.rel}/tasks/{c.task}"),
    Row("POST", R + "/meetings", statuses(201, PARTICIPANTS), fresh="rel", snapshot=rel_snapshot,
        body=lambda c, r: {"starts_at": iso(c.pair.lab.later(days=5))}),
    Row("GET", R + "/meetings/{meeting_id}", statuses(200, PARTICIPANTS),
        path=lambda c, r: f"/api/v1/relationships/{c.rel}/meetings/{c.meeting}"),
    Row("GET", R + "/meetings/{meeting_id}/calendar.ics", statuses(200, PARTICIPANTS),
        path=lambda c, r: f"/api/v1/relationships/{c.rel}/meetings/{c.meeting}/calendar.ics"),
    Row("GET", R + "/suggested-times", statuses(200, PARTICIPANTS)),
    Row("GET", R + "/meetings/{meeting_id}/video", statuses(303, PARTICIPANTS), follow_redirects=False,
        path=lambda c, r: f"/api/v1/relationships/{c.rel}/meetings/{c.meeting}/video"),
    Row("PATCH", R + "/meetings/{meeting_id}", statuses(200, PARTICIPANTS), fresh="rel", snapshot=rel_snapshot,
        body={"shared_notes": "Changed notes."},
        path=lambda c, r: f"/api/v1/relationships/{c.rel}/meetings/{c.meeting}"),
    Row("PUT", R + "/meetings/{meeting_id}/private-note", statuses(200, PARTICIPANTS), fresh="rel",
        snapshot=rel_snapshot, body={"text": "mine"},
        path=lambda c, r: f"/api/v1/relationships/{c.rel}/meetings/{c.meeting}/private-note"),
    Row("POST", R + "/meetings/{meeting_id}/stories", statuses(201, {"mentor"}), fresh="rel", snapshot=rel_snapshot,
        body={"story": "Once...", "point": "Try"},
        path=lambda c, r: f"/api/v1/relationships/{c.rel}/meetings/{c.meeting}/stories"),
    Row("POST", R + "/stories/{story_id}/reflection", statuses(200, {"mentee"}), fresh="rel", snapshot=rel_snapshot,
        body={"reflection": "Noted."}, path=lambda c, r: f"/api/v1/relationships/{c.rel}/stories/{c.story}/reflection"),
    Row("POST", R + "/conclude", statuses(200, PARTICIPANTS), fresh="rel", snapshot=rel_snapshot),
    Row("GET", R + "/debrief", statuses(200, PARTICIPANTS), state="concluded"),
    Row("PUT", R + "/debrief", statuses(200, PARTICIPANTS), state="concluding", fresh="rel", snapshot=rel_snapshot,
        body=lambda c, r: debrief_body(c.objectives)),
    Row("POST", R + "/follow-up", statuses(201, PARTICIPANTS), body={}, state="concluded", fresh="rel",
        snapshot=rel_snapshot),
    # --- administration
    Row("GET", "/api/v1/admin/departments", admin_only()),
    Row("GET", "/api/v1/admin/program-settings", admin_only()),
    Row("PUT", "/api/v1/admin/program-settings", admin_only(),
        body=lambda c, r: json_of(c.actors["admin"].get("/api/v1/admin/program-settings"), 200)),
    Row("GET", "/api/v1/admin/relationships", admin_only()),
    Row("GET", "/api/v1/admin/relationships/export.csv", admin_only()),
    Row("GET", "/api/v1/admin/reports/program", admin_only()),
    Row("GET", "/api/v1/admin/reports/program.csv", admin_only()),
    # Break-glass: the administrator opens a fresh relationship of its own (the shared one stays
    # closed to them, so the content row below is 403 for everyone, administrators included).
    Row("POST", "/api/v1/admin/relationships/{id}/break-glass", admin_only(201),
        body={"reason": "Authorization table: a complaint to look into"}, fresh="rel"),
    Row("GET", "/api/v1/admin/relationships/{id}/content", statuses(403, set())),
    Row("POST", "/api/v1/admin/relationships/nudge", admin_only(), body={"which": "fading"}),
    Row("GET", "/api/v1/admin/audit", admin_only()),
    Row("GET", "/api/v1/admin/audit/export.csv", admin_only()),
    Row("GET", "/api/v1/admin/people/export.csv", admin_only()),
    Row("POST", "/api/v1/admin/tick", admin_only()),
    Row("GET", "/api/v1/admin/circles", admin_only()),
    Row("GET", "/api/v1/admin/flash", admin_only()),
    # --- circles
    Row("POST", "/api/v1/circles", statuses(201, {"host"}, others=422),
        body={"topic": "Another circle", "description": "More.", "size_limit": 3, "cadence_days": 14,
              "medium": "video", "membership": "open"}),
    Row("GET", "/api/v1/circles", everyone(200)),
    Row("GET", C, everyone(200), path=lambda c, r: f"/api/v1/circles/{c.circle}"),
    Row("PATCH", C, statuses(200, {"host"}), body={"description": "Still open to all."}, fresh="circle",
        snapshot=circle_snapshot, path=lambda c, r: f"/api/v1/circles/{c.circle}"),
    Row("GET", C + "/workspace", statuses(200, CIRCLE_PEOPLE), path=lambda c, r: f"/api/v1/circles/{c.circle}/workspace"),
    Row("POST", C + "/close", statuses(200, {"host"}), body={}, fresh="circle", snapshot=circle_snapshot,
        path=lambda c, r: f"/api/v1/circles/{c.circle}/close"),
    Row("POST", C + "/reopen", statuses(200, {"host"}), body={}, fresh="circle", snapshot=circle_snapshot,
        path=lambda c, r: f"/api/v1/circles/{c.circle}/reopen"),
    # Joining acts on a second, large circle of the host's, so joiners change nothing the other
    # rows look at; the member of the first circle is a newcomer there.
    Row("POST", C + "/join", dict(everyone(200), host=409), body={}, snapshot=circle_snapshot,
        path=lambda c, r: f"/api/v1/circles/{c.join_circle}/join"),
    Row("POST", C + "/leave", dict(everyone(409), member=200), body={}, fresh="circle",
        snapshot=circle_snapshot, path=lambda c, r: f"/api/v1/circles/{c.circle}/leave"),
    Row("POST", C + "/members/{person_id}/approve", statuses(409, {"host"}), body={}, snapshot=circle_snapshot,
        path=lambda c, r: f"/api/v1/circles/{c.circle}/members/{c.actors['member'].id}/approve"),
    Row("POST", C + "/members/{person_id}/decline", statuses(409, {"host"}), body={"reason": "Full."},
        snapshot=circle_snapshot,
        path=lambda c, r: f"/api/v1/circles/{c.circle}/members/{c.actors['member'].id}/decline"),
    Row("POST", C + "/members/{person_id}/remove", statuses(200, {"host"}), body={}, fresh="circle",
        snapshot=circle_snapshot,
        path=lambda c, r: f"/api/v1/circles/{c.circle}/members/{c.actors['member'].id}/remove"),
    Row("PUT", C + "/purpose", statuses(200, CIRCLE_PEOPLE), fresh="circle", snapshot=circle_snapshot,
        body={"objectives": objectives(), "desired_outcome": "Redrafted."},
        path=lambda c, r: f"/api/v1/circles/{c.circle}/purpose"),
    Row("POST", C + "/purpose/agree", statuses(200, {"host"}), fresh="circle", snapshot=circle_snapshot,
        body=lambda c, r: {"version": json_of(c.actors["host"].get(f"/api/v1/circles/{c.circle}/workspace"),
                                              200)["purpose"]["version"]},
        path=lambda c, r: f"/api/v1/circles/{c.circle}/purpose/agree"),
    Row("POST", C + "/sessions", statuses(201, {"host"}), fresh="circle", snapshot=circle_snapshot,
        body=lambda c, r: {"starts_at": iso(c.pair.lab.later(days=3)), "duration_minutes": 60},
        path=lambda c, r: f"/api/v1/circles/{c.circle}/sessions"),
    Row("GET", C + "/sessions/{session_id}", statuses(200, CIRCLE_PEOPLE),
        path=lambda c, r: f"/api/v1/circles/{c.circle}/sessions/{c.session}"),
    Row("GET", C + "/sessions/{session_id}/calendar.ics", statuses(200, CIRCLE_PEOPLE),
        path=lambda c, r: f"/api/v1/circles/{c.circle}/sessions/{c.session}/calendar.ics"),
    Row("GET", C + "/sessions/{session_id}/video", statuses(303, CIRCLE_PEOPLE), follow_redirects=False,
        path=lambda c, r: f"/api/v1/circles/{c.circle}/sessions/{c.session}/video"),
    Row("PATCH", C + "/sessions/{session_id}", statuses(200, CIRCLE_PEOPLE), fresh="circle", snapshot=circle_snapshot,
        body={"notes": "Changed notes."}, path=lambda c, r: f"/api/v1/circles/{c.circle}/sessions/{c.session}"),
    Row("PUT", C + "/sessions/{session_id}/attendance", statuses(200, CIRCLE_PEOPLE), fresh="circle",
        snapshot=circle_snapshot,
        body=lambda c, r: {"attendance": [{"person_id": c.actors["member"].id, "status": "excused"}]},
        path=lambda c, r: f"/api/v1/circles/{c.circle}/sessions/{c.session}/attendance"),
    Row("POST", C + "/sessions/{session_id}/stories", statuses(201, {"host"}), fresh="circle",
        snapshot=circle_snapshot, body={"story": "Once...", "point": "Try"},
        path=lambda c, r: f"/api/v1/circles/{c.circle}/sessions/{c.session}/stories"),
    Row("POST", C + "/stories/{story_id}/reflection", statuses(200, {"member"}), fresh="circle",
        snapshot=circle_snapshot, body={"reflection": "Noted."},
        path=lambda c, r: f"/api/v1/circles/{c.circle}/stories/{c.circle_story}/reflection"),
    Row("POST", C + "/action-items", statuses(201, CIRCLE_PEOPLE), fresh="circle", snapshot=circle_snapshot,
        body=lambda c, r: {"title": "Another item", "owner_id": c.actors["member"].id},
        path=lambda c, r: f"/api/v1/circles/{c.circle}/action-items"),
    Row("GET", C + "/action-items", statuses(200, CIRCLE_PEOPLE),
        path=lambda c, r: f"/api/v1/circles/{c.circle}/action-items"),
    Row("PATCH", C + "/action-items/{item_id}", statuses(200, CIRCLE_PEOPLE), fresh="circle", snapshot=circle_snapshot,
        body={"status": "done"}, path=lambda c, r: f"/api/v1/circles/{c.circle}/action-items/{c.item}"),
    Row("POST", C + "/conclude", statuses(200, {"host"}), body={}, fresh="circle", snapshot=circle_snapshot,
        path=lambda c, r: f"/api/v1/circles/{c.circle}/conclude"),
    Row("PUT", C + "/debrief", statuses(409, CIRCLE_PEOPLE), snapshot=circle_snapshot,
        body=lambda c, r: {"outcomes": [{"objective_id": o, "outcome": "achieved"} for o in c.circle_objectives]},
        path=lambda c, r: f"/api/v1/circles/{c.circle}/debrief"),
    Row("GET", C + "/debrief", statuses(200, CIRCLE_PEOPLE), path=lambda c, r: f"/api/v1/circles/{c.circle}/debrief"),
    # --- flash mentoring
    Row("POST", "/api/v1/flash/topics", statuses(201, {"mentor"}, others=422), fresh="flash",
        body=lambda c, r: {"title": "Reading a balance sheet", "description": "Assets first.",
                           "slots": [{"start": iso(c.pair.lab.later(hours=1800)), "duration_minutes": 30}]}),
    Row("GET", "/api/v1/flash/topics", everyone(200)),
    Row("GET", "/api/v1/flash/topics/{id}", everyone(200), path=lambda c, r: f"/api/v1/flash/topics/{c.topic}"),
    Row("PATCH", "/api/v1/flash/topics/{id}", statuses(200, {"mentor"}), fresh="flash", snapshot=flash_snapshot,
        body={"description": "Rows first."}, path=lambda c, r: f"/api/v1/flash/topics/{c.topic}"),
    Row("POST", "/api/v1/flash/topics/{id}/slots", statuses(201, {"mentor"}), fresh="flash", snapshot=flash_snapshot,
        body=lambda c, r: {"slots": [{"start": iso(c.pair.lab.later(hours=1900)), "duration_minutes": 30}]},
        path=lambda c, r: f"/api/v1/flash/topics/{c.topic}/slots"),
    Row("POST", "/api/v1/flash/topics/{id}/slots/from-availability", statuses(201, {"mentor"}), fresh="flash",
        snapshot=flash_snapshot, body=lambda c, r: {"from": day(c.pair.lab.later(hours=2000)),
                                                    "to": day(c.pair.lab.later(hours=2000)), "duration_minutes": 30},
        path=hours_then_generate),
    Row("DELETE", "/api/v1/flash/topics/{id}/slots/{slot_id}", statuses(200, {"mentor"}), fresh="flash",
        snapshot=flash_snapshot, path=lambda c, r: f"/api/v1/flash/topics/{c.topic}/slots/{c.spare_slot}"),
    # Booking acts on a second topic of the mentor's with a slot for each role.
    Row("POST", "/api/v1/flash/slots/{slot_id}/book", dict(everyone(201), mentor=422), snapshot=flash_snapshot,
        body={"question": "How do I start?"},
        path=lambda c, r: f"/api/v1/flash/slots/{c.book_slots[ROLES.index(r)]}/book"),
    Row("GET", "/api/v1/flash/bookings", everyone(200)),
    Row("GET", "/api/v1/flash/bookings/{id}", statuses(200, {"booker", "mentor"}),
        path=lambda c, r: f"/api/v1/flash/bookings/{c.booking}"),
    Row("GET", "/api/v1/flash/bookings/{id}/calendar.ics", statuses(200, {"booker", "mentor"}),
        path=lambda c, r: f"/api/v1/flash/bookings/{c.booking}/calendar.ics"),
    Row("GET", "/api/v1/flash/bookings/{id}/video", statuses(303, {"booker", "mentor"}), follow_redirects=False,
        path=lambda c, r: f"/api/v1/flash/bookings/{c.booking}/video"),
    Row("POST", "/api/v1/flash/bookings/{id}/cancel", statuses(200, {"booker", "mentor"}), body={}, fresh="flash",
        snapshot=flash_snapshot, path=lambda c, r: f"/api/v1/flash/bookings/{c.booking}/cancel"),
    Row("PUT", "/api/v1/flash/bookings/{id}/takeaway", statuses(409, {"booker"}), snapshot=flash_snapshot,
        body={"takeaway": "Start with the totals.", "rating": 5},
        path=lambda c, r: f"/api/v1/flash/bookings/{c.booking}/takeaway"),
    Row("PUT", "/api/v1/flash/bookings/{id}/resource", statuses(409, {"mentor"}), snapshot=flash_snapshot, body={"resource_url": "https://example.com/pivot"},
        path=lambda c, r: f"/api/v1/flash/bookings/{c.booking}/resource"),
    Row("POST", "/api/v1/flash/bookings/{id}/propose-relationship", statuses(409, {"booker", "mentor"}),
        snapshot=flash_snapshot, body={"message": "Shall we keep going?"},
        path=lambda c, r: f"/api/v1/flash/bookings/{c.booking}/propose-relationship"),
    # --- cohorts and matchings
    Row("POST", "/api/v1/cohorts", admin_only(201),
        body=lambda c, r: {"name": "Authz " + unique_email("n"), "mentee_ids": [c.mentee_id], "mentor_ids": []}),
    Row("GET", "/api/v1/cohorts", admin_only()),
    Row("GET", "/api/v1/cohorts/{id}", admin_only(), path=lambda c, r: f"/api/v1/cohorts/{c.cohort}"),
    Row("GET", "/api/v1/cohorts/{id}/members", admin_only(), path=lambda c, r: f"/api/v1/cohorts/{c.cohort}/members"),
    Row("PUT", "/api/v1/cohorts/{id}/rules/{mentee_id}/{mentor_id}", admin_only(), fresh="cohort",
        snapshot=cohort_snapshot, body={"kind": "forbid"},
        path=lambda c, r: f"/api/v1/cohorts/{c.cohort}/rules/{cohort_mentee(c)}/{c.spare_mentor}"),
    Row("DELETE", "/api/v1/cohorts/{id}/rules/{mentee_id}/{mentor_id}", admin_only(404), snapshot=cohort_snapshot,
        path=lambda c, r: f"/api/v1/cohorts/{c.cohort}/rules/{cohort_mentee(c)}/{c.spare_mentor}"),
    Row("POST", "/api/v1/cohorts/{id}/matchings", admin_only(202), fresh="cohort", snapshot=cohort_snapshot, body={},
        path=lambda c, r: f"/api/v1/cohorts/{c.cohort}/matchings"),
    Row("GET", "/api/v1/matchings/{id}", admin_only(), path=lambda c, r: f"/api/v1/matchings/{c.matching}"),
    Row("GET", "/api/v1/matchings/{id}/pairs", admin_only(), path=lambda c, r: f"/api/v1/matchings/{c.matching}/pairs"),
    Row("GET", "/api/v1/matchings/{id}/unmatched", admin_only(),
        path=lambda c, r: f"/api/v1/matchings/{c.matching}/unmatched"),
    Row("POST", "/api/v1/matchings/{id}/apply", admin_only(), fresh="cohort", snapshot=cohort_snapshot, body={},
        path=lambda c, r: f"/api/v1/matchings/{c.matching}/apply"),
    Row("PATCH", "/api/v1/cohorts/{id}", admin_only(), fresh="cohort", snapshot=cohort_snapshot,
        body={"description": "Changed by the administrator."}, path=lambda c, r: f"/api/v1/cohorts/{c.cohort}"),
    Row("POST", "/api/v1/cohorts/{id}/members", admin_only(), fresh="cohort", snapshot=cohort_snapshot,
        body=lambda c, r: {"role": "mentor", "person_ids": [c.mentee_id]},
        path=lambda c, r: f"/api/v1/cohorts/{c.cohort}/members"),
    Row("DELETE", "/api/v1/cohorts/{id}/members/{role}/{person_id}", admin_only(204), fresh="cohort",
        snapshot=cohort_snapshot, path=lambda c, r: f"/api/v1/cohorts/{c.cohort}/members/mentor/{c.spare_mentor}"),
    # --- programs, and signing up for a cohort
    Row("GET", "/api/v1/admin/programs", admin_only()),
    Row("POST", "/api/v1/admin/programs", admin_only(201),
        body=lambda c, r: {"name": "Authz " + unique_email("p")}),
    Row("GET", "/api/v1/admin/programs/{id}", admin_only(), path=lambda c, r: f"/api/v1/admin/programs/{c.program}"),
    Row("PATCH", "/api/v1/admin/programs/{id}", admin_only(), fresh="program", snapshot=program_snapshot,
        body={"description": "Changed."}, path=lambda c, r: f"/api/v1/admin/programs/{c.program}"),
    Row("POST", "/api/v1/admin/programs/{id}/close", admin_only(), fresh="program", snapshot=program_snapshot,
        body={}, path=lambda c, r: f"/api/v1/admin/programs/{c.program}/close"),
    Row("GET", "/api/v1/me/cohorts", everyone(200)),
    Row("PUT", "/api/v1/me/cohorts/{id}/{role}", everyone(200), fresh="signup", snapshot=signup_snapshot,
        path=lambda c, r: f"/api/v1/me/cohorts/{c.signup_cohort}/mentee"),
    Row("DELETE", "/api/v1/me/cohorts/{id}/{role}", everyone(404), snapshot=signup_snapshot,
        path=lambda c, r: f"/api/v1/me/cohorts/{c.signup_cohort}/mentee"),
    # A dry run (the default) writes nothing, so every cell may run it.
    Row("POST", "/api/v1/admin/people/import", admin_only(),
        body={"csv": "employee_id,name,email\nAZ-1,Authz Person,authz.import@example.com\n"}),
    Row("POST", "/api/v1/matchings/from-csv", admin_only(),
        body={"csv": "id,name,role\n1,Ann,mentee\n2,Bob,mentor\n"}),
    # --- the server
    Row("GET", "/healthz", {r: 200 for r in ROLES}),
    Row("GET", "/metrics", {r: 200 for r in ROLES}),
]


def cohort_mentee(ctx):
    admin = ctx.actors["admin"]
    members = json_of(admin.get(f"/api/v1/cohorts/{ctx.cohort}/members", params={"side": "mentees"}), 200)["items"]
    return members[0]["id"] if "id" in members[0] else members[0]["person"]["id"]


def spec_operations():
    with open(SPEC, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    return {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops
            if method in ("get", "put", "post", "patch", "delete")}


def test_every_route_of_the_spec_has_a_row():
    rows = [(r.method, r.route) for r in ROWS]
    assert len(rows) == len(set(rows)), "a route has two rows"
    missing = spec_operations() - set(rows)
    extra = set(rows) - spec_operations()
    assert not missing, f"routes of docs/openapi.yaml without a row: {sorted(missing)}"
    assert not extra, f"rows for routes docs/openapi.yaml does not have: {sorted(extra)}"


def test_every_row_names_every_role():
    for row in ROWS:
        assert set(row.expect) == set(ROLES), row.name


def leaks(text, role, ctx):
    found = [marker for marker, allowed in MARKERS.items() if role not in allowed and marker in text]
    mentee_email = ctx.pair.mentee.email
    if role not in EMAIL_SEEN_BY and mentee_email in text:
        found.append("the mentee's e-mail")
    return found


def call(world, row, role):
    """Makes the call of one cell; returns (response, context used)."""
    ctx = world.contexts[row.state]
    ok = 200 <= row.expect[role] < 300
    if ok and row.fresh:
        ctx = world.fresh(row.fresh, row.state)
    ctx.expect_ok = ok
    actor = ctx.actors[role]
    if row.new_session and role != "anonymous":
        session = actor.session()
        actor = session
    elif row.new_session:
        actor = world.lab.anonymous()
    path = row.path(ctx, role) if row.path else row.route.replace("{id}", str(getattr(ctx, "rel")))
    body = row.body(ctx, role) if callable(row.body) else row.body
    extra = {} if row.follow_redirects else {"allow_redirects": False}
    if body is None:
        return actor.request(row.method, path, **extra), ctx
    return actor.request(row.method, path, json=body, **extra), ctx


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_each_role_gets_the_status_of_its_cell_and_nothing_it_may_not_see(world, row):
    shared = world.contexts[row.state]
    before = row.snapshot(shared) if row.snapshot else None
    wrong = []
    for role in ROLES:
        r, ctx = call(world, row, role)
        expected = row.expect[role]
        if r.status_code != expected:
            wrong.append(f"{role}: {r.status_code}, expected {expected}: {r.text[:200]}")
            continue
        if r.status_code >= 400 and row.route.startswith("/scim/"):
            # SCIM's own error body (RFC 7644 3.12), as providers expect.
            assert r.json()["status"] == str(r.status_code) and r.json()["detail"], r.text
        elif r.status_code >= 400:
            err = error_of(r)
            assert err["code"], r.text
        leaked = leaks(r.text, role, ctx)
        if leaked:
            wrong.append(f"{role} sees {leaked}")
    assert not wrong, f"{row.name}:\n  " + "\n  ".join(wrong)
    if before is not None:
        assert row.snapshot(shared) == before, f"{row.name}: a refused call changed what it acted on"


def test_the_markers_are_in_what_their_roles_see(world):
    """The leak checks look for markers; this shows the markers are really in the answers, so an
    answer without them is not passing for want of content."""
    c = world.contexts["active"]
    a = c.actors
    seen = {
        REL: a["mentee"].get(f"/api/v1/relationships/{c.rel}").text,
        NOTE_MENTEE: a["mentee"].get(f"/api/v1/relationships/{c.rel}/meetings/{c.meeting}").text,
        NOTE_MENTOR: a["mentor"].get(f"/api/v1/relationships/{c.rel}/meetings/{c.meeting}").text,
        CIRCLE: a["member"].get(f"/api/v1/circles/{c.circle}/workspace").text,
        ITEM: a["host"].get(f"/api/v1/circles/{c.circle}/action-items").text,
        FLASH: a["mentor"].get(f"/api/v1/flash/bookings/{c.booking}").text,
        ASPIRATION: a["mentee"].get("/api/v1/me").text,
    }
    for marker, text in seen.items():
        assert marker in text, marker
    assert c.pair.mentee.email in a["unrelated"].get(f"/api/v1/people/{c.mentee_id}").text
    assert c.pair.mentee.email not in a["external"].get(f"/api/v1/people/{c.mentee_id}").text
