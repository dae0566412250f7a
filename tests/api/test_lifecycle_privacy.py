"""Who sees and changes what in a relationship. Every lifecycle route is called as the
mentee, the mentor, a third person, the mentee's manager, an administrator and without a
session: content belongs to the two participants alone (private notes to their author alone);
an administrator sees states, dates and counts (the overview and the audit trail), never
content; a manager sees nothing of a report's mentoring."""
from dataclasses import dataclass, field
from typing import Any, Optional

import pytest

from conftest import error_of
from lifecycle_helpers import (Pair, clock_lab, clock_server, debrief_body, iso, json_of, lab,  # noqa: F401
                               requested_pair)

SECRET = "SECRET-"  # every piece of content in the shared relationships carries this marker

CALLERS = ["mentee", "mentor", "third", "manager", "admin", "anonymous"]


def secret(what):
    return f"{SECRET}{what}"


SECRET_OBJECTIVES = [
    {"category": "networking", "description": secret("objective networking"),
     "success_measure": secret("success five contacts")},
    {"category": "skill_coaching", "description": secret("objective negotiation"),
     "success_measure": secret("success one negotiated raise")},
]


@dataclass
class Ctx:
    """A relationship in a given state and the ids its routes need."""
    pair: Pair
    state: str
    task: Optional[str] = None
    meeting: Optional[str] = None
    story: Optional[str] = None
    question: Optional[str] = None
    notification: Optional[str] = None
    version: int = 0
    objectives: list = field(default_factory=list)

    @property
    def id(self):
        return self.pair.id


def build(lab, mentor, state, manager=None):
    """A new mentee (reporting to `manager`) and a relationship with `mentor` in `state`, with
    content everywhere content can be."""
    mentee = lab.mentee(manager=manager)
    pair = requested_pair(lab, mentee=mentee, mentor=mentor, message=secret("request message"),
                          draft_purpose=secret("draft purpose"))
    ctx = Ctx(pair, state)
    ws = json_of(mentor.post(pair.path("/questions"), json={"question": secret("question from the mentor")}), 201)
    ctx.question = ws["questions"][0]["id"]
    ctx.notification = mentee.notifications(pair.id, "question_asked")[0]["id"]
    if state == "requested":
        return ctx
    if state == "declined":
        json_of(mentor.post(pair.path("/decline"), json={"reason": secret("decline reason")}), 200)
        return ctx
    json_of(mentee.post(pair.path(f"/questions/{ctx.question}/answer"), json={"answer": secret("answer")}), 200)
    pair.accept()
    pair.draft(objective_list=SECRET_OBJECTIVES, outcome=secret("desired outcome"))
    ws = pair.agree_both()
    ctx.version = ws["purpose"]["version"]
    ctx.objectives = ws["purpose"]["objectives"]
    json_of(mentee.put(pair.path("/logistics"), json={
        "cadence_days": 14, "medium": "video", "where": secret("where"),
        "feedback_preference": secret("feedback"), "mentee_learning": secret("mentee learning"),
        "mentor_learning": secret("mentor learning")}), 200)
    ctx.task = pair.add_task(title=secret("task title"), notes=secret("task notes"),
                             objective_id=ctx.objectives[0]["id"])["id"]
    meeting = pair.schedule(starts_at=lab.later(hours=1), where=secret("meeting place"))
    ctx.meeting = meeting["id"]
    lab.advance(hours=2)  # stories are logged once the meeting has started
    mpath = pair.path(f"/meetings/{ctx.meeting}")
    json_of(mentor.patch(mpath, json={"shared_notes": secret("shared notes")}), 200)
    json_of(mentee.put(mpath + "/private-note", json={"text": secret("mentee private note")}), 200)
    json_of(mentor.put(mpath + "/private-note", json={"text": secret("mentor private note")}), 200)
    story = json_of(mentor.post(mpath + "/stories", json={"story": secret("story"), "point": secret("point")}),
                    201)["story"]
    ctx.story = story["id"]
    json_of(mentee.post(pair.path(f"/stories/{ctx.story}/reflection"), json={"reflection": secret("reflection")}), 200)
    if state == "active":
        return ctx
    pair.conclude()
    if state == "concluding":
        return ctx
    for who in (mentee, mentor):
        pair.debrief(who, achieved=secret("achieved"), still_to_do=secret("still to do"),
                     do_differently=secret("do differently"))
    assert pair.state() == "concluded"
    return ctx


class World:
    def __init__(self, lab):
        self.lab = lab
        self.mentor = lab.mentor(capacity=10, name="Privacy Mentor")
        self.manager = lab.person(name="Privacy Manager")
        self.third = lab.person(name="Privacy Third Person")
        self.contexts = {state: build(lab, self.mentor, state, manager=self.manager)
                         for state in ("requested", "declined", "active", "concluding", "concluded")}

    def fresh(self, state):
        """A relationship of its own (a new mentee and a new mentor) in `state`."""
        return build(self.lab, self.lab.mentor(capacity=3), state, manager=self.manager)

    def actor(self, caller, ctx):
        return {"mentee": ctx.pair.mentee, "mentor": ctx.pair.mentor, "third": self.third, "manager": self.manager,
                "admin": self.lab.admin, "anonymous": self.lab.anonymous()}[caller]


@pytest.fixture(scope="module")
def world(lab):
    return World(lab)


@dataclass
class Route:
    name: str
    method: str
    path: str  # {id}, {task}, {meeting}, {story}, {question}, {notification} from the context
    body: Any = None  # a dict, or a function of (lab, ctx)
    state: str = "active"
    mentee: int = 200
    mentor: int = 200
    fresh: bool = False  # participants change the relationship for good: give them their own
    others: Optional[dict] = None  # overrides for third, manager, admin

    def expected(self, caller):
        if caller == "anonymous":
            return 401
        if caller in ("mentee", "mentor"):
            return getattr(self, caller)
        return (self.others or {}).get(caller, 403)


REL = "/api/v1/relationships/{id}"

ROUTES = [
    Route("workspace", "GET", REL),
    Route("events", "GET", REL + "/events", others={"admin": 200}),
    Route("accept", "POST", REL + "/accept", state="requested", mentee=403, fresh=True),
    Route("decline", "POST", REL + "/decline", {"reason": "Not this quarter, sorry."}, state="requested",
          mentee=403, fresh=True),
    Route("withdraw", "POST", REL + "/withdraw", state="requested", mentor=403, fresh=True),
    Route("ask a question", "POST", REL + "/questions", {"question": "And your goal?"}, state="requested",
          mentee=403, mentor=201),
    Route("answer a question", "POST", REL + "/questions/{question}/answer", {"answer": "Growth."},
          state="requested", mentor=403, fresh=True),
    Route("draft the purpose", "PUT", REL + "/purpose",
          lambda lab, c: {"objectives": c.objectives, "desired_outcome": "Redrafted."}, fresh=True),
    Route("agree the purpose", "POST", REL + "/purpose/agree", lambda lab, c: {"version": c.version}),
    Route("logistics", "PUT", REL + "/logistics", {"cadence_days": 14, "medium": "video"}),
    Route("add a task", "POST", REL + "/tasks", {"title": "Another task"}, mentee=201, mentor=201),
    Route("edit a task", "PATCH", REL + "/tasks/{task}", {"status": "open"}),
    Route("schedule a meeting", "POST", REL + "/meetings", lambda lab, c: {"starts_at": iso(lab.later(days=5))},
          mentee=201, mentor=201),
    Route("read a meeting", "GET", REL + "/meetings/{meeting}"),
    Route("edit a meeting", "PATCH", REL + "/meetings/{meeting}", {"shared_notes": secret("shared notes")}),
    Route("private note", "PUT", REL + "/meetings/{meeting}/private-note", {"text": "mine"}, fresh=True),
    Route("log a story", "POST", REL + "/meetings/{meeting}/stories", {"story": "Once...", "point": "Try"},
          mentee=403, mentor=201),
    Route("reflect on a story", "POST", REL + "/stories/{story}/reflection", {"reflection": "Noted."},
          mentor=403),
    Route("conclude", "POST", REL + "/conclude", fresh=True),
    Route("write the debrief", "PUT", REL + "/debrief",
          lambda lab, c: debrief_body([o["id"] for o in c.objectives]), state="concluding", fresh=True),
    Route("read the debrief", "GET", REL + "/debrief", state="concluded"),
    Route("follow-up", "POST", REL + "/follow-up", {}, state="concluded", mentee=201, mentor=201, fresh=True),
    Route("my notifications", "GET", "/api/v1/me/notifications", others={"third": 200, "manager": 200, "admin": 200}),
    Route("read a notification", "POST", "/api/v1/me/notifications/{notification}/read", mentee=204, mentor=404,
          others={"third": 404, "manager": 404, "admin": 404}),
    Route("dismiss a notification", "POST", "/api/v1/me/notifications/{notification}/dismiss", mentee=204,
          mentor=404, others={"third": 404, "manager": 404, "admin": 404}),
    Route("admin overview", "GET", "/api/v1/admin/relationships", mentee=403, mentor=403, others={"admin": 200}),
    Route("admin tick", "POST", "/api/v1/admin/tick", mentee=403, mentor=403, others={"admin": 200}),
]


def call(route, actor, lab, ctx):
    path = route.path.format(id=ctx.id, task=ctx.task, meeting=ctx.meeting, story=ctx.story, question=ctx.question,
                             notification=ctx.notification)
    body = route.body(lab, ctx) if callable(route.body) else route.body
    if body is None:
        return actor.request(route.method, path)
    return actor.request(route.method, path, json=body)


def snapshot(ctx):
    """What the participants can see of the relationship: the workspace, the debrief, the
    meeting with each one's private note, the audit trail and the mentee's notifications."""
    pair = ctx.pair
    seen = [pair.workspace(), json_of(pair.mentee.get(pair.path("/debrief")), 200), pair.events(),
            pair.mentee.notifications()]
    if ctx.meeting:
        seen += [json_of(who.get(pair.path(f"/meetings/{ctx.meeting}")), 200) for who in (pair.mentee, pair.mentor)]
    return seen


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_each_caller_gets_only_what_the_privacy_rules_allow(world, route, caller):
    lab = world.lab
    if caller in ("mentee", "mentor") and route.fresh:
        ctx = world.fresh(route.state)
    else:
        ctx = world.contexts[route.state]
    actor = world.actor(caller, ctx)
    # A refused write must change nothing (a refused read cannot).
    check_unchanged = route.expected(caller) >= 400 and route.method != "GET"
    before = snapshot(ctx) if check_unchanged else None
    r = call(route, actor, lab, ctx)
    assert r.status_code == route.expected(caller), f"{route.method} {route.path} as {caller}: {r.text}"
    if r.status_code >= 400:
        err = error_of(r)
        assert SECRET not in r.text
        assert err["code"] == {401: "unauthenticated", 403: "forbidden", 404: "not_found"}[r.status_code]
        if check_unchanged:
            assert snapshot(ctx) == before, "a refused call changed the relationship"
    elif caller in ("third", "manager", "admin"):
        assert SECRET not in r.text, f"{route.name} shows content to {caller}"


# ---------------------------------------------------------------------------------------------
# What an administrator sees


# The program is the administrator's own (its name and id), not the pair's content.
OVERVIEW_KEYS = {"id", "state", "mentee_id", "mentor_id", "requested_at", "activated_at", "concluded_at", "updated_at",
                 "purpose_agreed", "not_started", "tasks", "tasks_done", "meetings_held", "program_id", "program"}


def test_the_admin_overview_shows_states_dates_and_counts_and_no_content(world):
    r = world.lab.admin.get("/api/v1/admin/relationships")
    overview = json_of(r, 200)
    assert SECRET not in r.text
    for text in ("objective networking", "task title", "shared notes", "private note", "story", "reflection",
                 "achieved", "still to do", "do differently", "decline reason", "request message", "question"):
        assert secret(text) not in r.text
    items = {item["id"]: item for item in overview["items"]}
    for state, ctx in world.contexts.items():
        item = items[ctx.id]
        assert set(item) == OVERVIEW_KEYS
        assert item["state"] == state
        assert item["mentee_id"] == ctx.pair.mentee.id and item["mentor_id"] == world.mentor.id
    active = items[world.contexts["active"].id]
    assert active["purpose_agreed"] is True and active["tasks"] >= 1 and active["activated_at"] is not None
    assert items[world.contexts["concluded"].id]["concluded_at"] is not None
    assert items[world.contexts["requested"].id]["purpose_agreed"] is False
    for state in ("requested", "declined", "active", "concluding", "concluded"):
        assert overview["counts"][state] >= 1
    assert sum(overview["counts"].values()) == len(overview["items"])


def test_the_admin_overview_filters_by_state(world):
    overview = json_of(world.lab.admin.get("/api/v1/admin/relationships?state=concluding"), 200)
    assert overview["items"] and {i["state"] for i in overview["items"]} == {"concluding"}
    assert world.contexts["concluding"].id in {i["id"] for i in overview["items"]}
    r = world.lab.admin.get("/api/v1/admin/relationships?state=sleeping")
    assert r.status_code == 422 and error_of(r)["field"] == "state"


def test_an_administrator_reads_the_audit_trail_without_content(world):
    ctx = world.contexts["concluded"]
    r = world.lab.admin.get(ctx.pair.path("/events"))
    events = json_of(r, 200)["items"]
    assert SECRET not in r.text
    assert all(set(e) == {"actor_id", "from", "to", "at", "note"} for e in events)
    assert [e["to"] for e in events] == ["requested", "accepted", "starting", "active", "concluding", "concluded"]
    assert events == ctx.pair.events()
    r = world.lab.admin.get("/api/v1/relationships/987654321/events")
    assert r.status_code == 404


def test_an_administrator_cannot_read_a_relationships_content(world):
    ctx = world.contexts["concluded"]
    for suffix in ("", "/debrief", f"/meetings/{ctx.meeting}"):
        r = world.lab.admin.get(ctx.pair.path(suffix))
        assert r.status_code == 403 and SECRET not in r.text


# ---------------------------------------------------------------------------------------------
# Private notes, managers, other people


def test_private_notes_are_seen_by_their_author_only(world):
    ctx = world.fresh("active")
    mentee, mentor = ctx.pair.mentee, ctx.pair.mentor
    path = ctx.pair.path(f"/meetings/{ctx.meeting}")
    assert json_of(mentee.get(path), 200)["my_private_note"] == secret("mentee private note")
    assert json_of(mentor.get(path), 200)["my_private_note"] == secret("mentor private note")
    for viewer, hidden in ((mentee, "mentor private note"), (mentor, "mentee private note")):
        everything = "".join(viewer.get(p).text for p in (path, ctx.pair.path(), ctx.pair.path("/debrief"),
                                                          ctx.pair.path("/events"), "/api/v1/me/notifications?limit=100"))
        assert secret(hidden) not in everything


def test_a_private_note_is_changed_only_by_its_author(world):
    ctx = world.fresh("active")
    path = ctx.pair.path(f"/meetings/{ctx.meeting}")
    json_of(ctx.pair.mentor.put(path + "/private-note", json={"text": "rewritten by the mentor"}), 200)
    assert json_of(ctx.pair.mentee.get(path), 200)["my_private_note"] == secret("mentee private note")
    json_of(ctx.pair.mentee.put(path + "/private-note", json={"text": ""}), 200)
    assert json_of(ctx.pair.mentor.get(path), 200)["my_private_note"] == "rewritten by the mentor"


def test_a_manager_sees_nothing_of_a_reports_mentoring(world):
    manager = world.manager
    listed = json_of(manager.get("/api/v1/relationships?limit=100"), 200)["items"]
    assert listed == []
    r = manager.get("/api/v1/me/notifications?limit=100")
    assert json_of(r, 200)["items"] == [] and SECRET not in r.text
    report = world.contexts["active"].pair.mentee
    r = manager.get(f"/api/v1/people/{report.id}")
    assert r.status_code == 200 and SECRET not in r.text


@pytest.mark.parametrize("caller", ["third", "admin"])
def test_other_people_do_not_see_the_relationships_in_their_lists_or_notifications(world, caller):
    actor = world.actor(caller, world.contexts["active"])
    ids = {c.id for c in world.contexts.values()}
    listed = json_of(actor.get("/api/v1/relationships?limit=100"), 200)["items"]
    assert ids.isdisjoint({r["id"] for r in listed})
    nudges = actor.get("/api/v1/me/notifications?limit=100")
    assert SECRET not in nudges.text
    assert ids.isdisjoint({n["relationship_id"] for n in json_of(nudges, 200)["items"]})


@pytest.mark.parametrize("method,path", [("GET", "/api/v1/relationships"), ("POST", "/api/v1/relationships")])
def test_listing_and_requesting_need_a_session(world, method, path):
    r = world.lab.anonymous().request(method, path, json={"mentor_id": world.mentor.id} if method == "POST" else None)
    assert r.status_code == 401 and error_of(r)["code"] == "unauthenticated"
