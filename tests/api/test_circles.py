"""Mentoring circles through the API, on a server running on a fake clock: creating a circle (a
mentor, or an administrator on a mentor's behalf), joining and the waitlist served in order,
requests the host answers, leaving, removal, closing to new members, two people racing for the
last place, the purpose agreed by the host, group sessions with attendance and notes, the host's
stories and members' reflections, each member's own action items, the debriefs that conclude the
circle and leave it read-only, and who sees what: the host, a member, someone waiting, a
non-member, a member's manager, an administrator and nobody signed in."""

import pytest

from conftest import error_of
from lifecycle_helpers import (Resource, assert_error, clock_lab, clock_server, iso, json_of, objectives,  # noqa: F401
                               learner_of, run_together, unique_word)

MISSING = "987654321"
SECRET = "SECRET-circle-"






def host(lab, **fields):
    return lab.person(formats_offered=["one_to_one", "circle"], mentor_capacity=2, **fields)


class Circle(Resource):
    """A circle and its host, with short-cuts for the calls the tests repeat."""

    collection = "/api/v1/circles"
    reads_as = "host"

    def get(self, by=None):
        return self.read(by=by)

    def workspace(self, by=None):
        return self.read("/workspace", by)

    def join(self, actor, **body):
        return json_of(actor.post(self.path("/join"), json=body), 200)

    def leave(self, actor):
        return json_of(actor.post(self.path("/leave"), json={}), 200)

    def waitlist_ids(self):
        return [w["person"]["id"] for w in self.workspace()["waitlist"]]

    def member_ids(self):
        return [m["person"]["id"] for m in self.workspace()["member_list"]]

    def agreed_purpose(self, tag=""):
        ws = json_of(self.host.put(self.path("/purpose"), json={"objectives": objectives(tag),
                                                                 "desired_outcome": "Lead with confidence."}), 200)
        ws = json_of(self.host.post(self.path("/purpose/agree"), json={"version": ws["purpose"]["version"]}), 200)
        return [o["id"] for o in ws["purpose"]["objectives"]]

    def session(self, days=1, **body):
        payload = {"starts_at": iso(self.lab.later(days=days)), "duration_minutes": 60}
        payload.update(body)
        return json_of(self.host.post(self.path("/sessions"), json=payload), 201)


def new_circle(lab, host_actor=None, **body):
    host_actor = host_actor or host(lab)
    payload = {"topic": "Women in leadership", "description": "Leading without the title.", "size_limit": 3,
               "cadence_days": 14, "medium": "video", "membership": "open"}
    payload.update(body)
    r = host_actor.post("/api/v1/circles", json=payload)
    card = json_of(r, 201)
    assert r.headers["Location"] == f"/api/v1/circles/{card['id']}"
    return Circle(lab, card, host=host_actor)


def joined(c, n):
    """`n` new people who join the circle one after the other (members first, then the waitlist)."""
    people = [c.lab.person() for _ in range(n)]
    for p in people:
        c.join(p)
    return people


def full_circle_with_two_waiting(lab):
    """A circle of two places that four people joined: the circle and the four, in their order."""
    c = new_circle(lab, size_limit=2)
    return c, joined(c, 4)


# ---------------------------------------------------------------------------------------------
# Creating a circle


def test_a_mentor_creates_a_circle_that_anyone_signed_in_can_see(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=5, cadence_days=21, medium="in_person", membership="by_request")
    card = c.created
    assert card["host"]["id"] == c.host.id and card["created_by"] == c.host.id
    assert (card["state"], card["size_limit"], card["cadence_days"], card["medium"], card["membership"]) == \
        ("active", 5, 21, "in_person", "by_request")
    assert (card["members"], card["waitlisted"], card["places_free"], card["accepting_members"]) == (0, 0, 5, True)
    assert card["my_status"] == "host"
    seen = json_of(lab.person().get(c.path()), 200)
    assert seen["topic"] == "Women in leadership" and seen["my_status"] is None
    assert "member_list" not in seen and "purpose" not in seen


def test_an_administrator_creates_a_circle_on_a_mentors_behalf(clock_lab):
    lab = clock_lab
    mentor = host(lab)
    r = lab.admin.post("/api/v1/circles", json={"host_id": mentor.id, "topic": "Project management"})
    card = json_of(r, 201)
    assert card["host"]["id"] == mentor.id and card["created_by"] == lab.admin.id
    assert (card["size_limit"], card["cadence_days"], card["medium"], card["membership"]) == (8, 14, "video", "open")
    assert json_of(mentor.get(f"/api/v1/circles/{card['id']}"), 200)["my_status"] == "host"
    assert [n for n in mentor.notifications() if n["kind"] == "circle_created"]
    # The administrator is not the host and sees no content.
    assert_error(lab.admin.get(f"/api/v1/circles/{card['id']}/workspace"), 403)


def test_only_an_administrator_creates_a_circle_for_someone_else(clock_lab):
    lab = clock_lab
    other = host(lab)
    r = lab.person().post("/api/v1/circles", json={"host_id": other.id, "topic": "Advancing careers"})
    assert_error(r, 403, "host_id", ["administrator"])


def test_the_host_must_offer_circles(clock_lab):
    lab = clock_lab
    plain = lab.person(formats_offered=["one_to_one"])
    assert_error(plain.post("/api/v1/circles", json={"topic": "Advancing careers"}), 422, "host_id", ["circle"])
    assert_error(lab.admin.post("/api/v1/circles", json={"host_id": plain.id, "topic": "x"}), 422, "host_id")
    assert_error(lab.admin.post("/api/v1/circles", json={"host_id": MISSING, "topic": "x"}), 422, "host_id")


@pytest.mark.parametrize("body,field", [
    ({"topic": ""}, "topic"),
    ({"topic": " "}, "topic"),
    ({}, "topic"),
    ({"topic": "x" * 201}, "topic"),
    ({"topic": "t", "size_limit": 1}, "size_limit"),
    ({"topic": "t", "size_limit": 51}, "size_limit"),
    ({"topic": "t", "size_limit": "3"}, "size_limit"),
    ({"topic": "t", "cadence_days": 0}, "cadence_days"),
    ({"topic": "t", "cadence_days": 91}, "cadence_days"),
    ({"topic": "t", "medium": "fax"}, "medium"),
    ({"topic": "t", "membership": "invite"}, "membership"),
    ({"topic": "t", "description": "d" * 4001}, "description"),
    ({"topic": "t", "colour": "blue"}, "colour"),
], ids=lambda v: str(v)[:40])
def test_bad_circle_settings_are_422_naming_the_field(clock_lab, body, field):
    mentor = host(clock_lab)
    assert_error(mentor.post("/api/v1/circles", json=body), 422, field)
    assert json_of(mentor.get("/api/v1/circles?mine=true"), 200)["items"] == []


# ---------------------------------------------------------------------------------------------
# Joining, the waitlist, leaving and removal


def test_joining_an_open_circle_fills_its_places_then_the_waitlist_in_order(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=2)
    people = [lab.person() for _ in range(4)]
    statuses = [c.join(p) for p in people]
    assert [s["my_status"] for s in statuses] == ["member", "member", "waitlisted", "waitlisted"]
    assert [s["my_waitlist_position"] for s in statuses] == [None, None, 1, 2]
    card = c.get()
    assert (card["members"], card["waitlisted"], card["places_free"]) == (2, 2, 0)
    assert c.waitlist_ids() == [people[2].id, people[3].id]
    assert [n["kind"] for n in c.host.notifications()].count("circle_joined") == 4


def test_a_freed_place_goes_to_the_first_in_line(clock_lab):
    c, (a, b, first, second) = full_circle_with_two_waiting(clock_lab)
    assert c.leave(a)["my_status"] == "left"
    assert set(c.member_ids()) == {b.id, first.id}
    assert c.waitlist_ids() == [second.id]
    assert c.get(first)["my_status"] == "member"
    assert first.notifications(kind="circle_place")
    assert c.get(second)["my_waitlist_position"] == 1


def test_rejoining_after_leaving_goes_to_the_back_of_the_waitlist(clock_lab):
    c, (a, b, w1, w2) = full_circle_with_two_waiting(clock_lab)
    c.leave(a)  # w1 moves up
    again = c.join(a)
    assert (again["my_status"], again["my_waitlist_position"]) == ("waitlisted", 2)
    assert c.waitlist_ids() == [w2.id, a.id]
    # A waitlisted person who leaves and comes back loses their place in line too.
    c.leave(w2)
    assert c.join(w2)["my_waitlist_position"] == 2
    assert c.waitlist_ids() == [a.id, w2.id]


def test_someone_who_leaves_a_circle_with_free_places_and_nobody_waiting_rejoins_as_a_member(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=3)
    p = lab.person()
    c.join(p)
    c.leave(p)
    assert c.join(p)["my_status"] == "member"


def test_only_the_host_removes_and_a_removal_frees_the_place_for_the_next_in_line(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=2)
    stays, member, waiting = joined(c, 3)
    assert_error(waiting.post(c.path(f"/members/{member.id}/remove"), json={}), 403)
    assert_error(member.post(c.path(f"/members/{waiting.id}/remove"), json={}), 403)
    ws = json_of(c.host.post(c.path(f"/members/{member.id}/remove"), json={}), 200)
    assert [m["person"]["id"] for m in ws["member_list"]] == [stays.id, waiting.id]
    assert member.notifications(kind="circle_removed")
    # Removed people cannot come back by themselves; removing them again is a conflict.
    assert_error(member.post(c.path("/join"), json={}), 409, "state", ["removed"])
    assert_error(c.host.post(c.path(f"/members/{member.id}/remove"), json={}), 409, "state")
    assert_error(c.host.post(c.path(f"/members/{MISSING}/remove"), json={}), 404)


def test_a_by_request_circle_waits_for_the_host_to_approve_or_decline(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=2, membership="by_request")
    first, a, b, d = lab.person(), lab.person(), lab.person(), lab.person()
    c.join(first)
    json_of(c.host.post(c.path(f"/members/{first.id}/approve"), json={}), 200)
    asked = c.join(a, message="I lead a team of three.")
    assert (asked["my_status"], asked["members"]) == ("requested", 1)
    c.join(b)
    c.join(d)
    requests = c.workspace()["requests"]
    assert [(q["person"]["id"], q["message"]) for q in requests] == \
        [(a.id, "I lead a team of three."), (b.id, ""), (d.id, "")]
    assert [n for n in c.host.notifications() if n["kind"] == "circle_request"]
    # Only the host answers; a requester has no content yet.
    assert_error(a.post(c.path(f"/members/{b.id}/approve"), json={}), 403)
    json_of(c.host.post(c.path(f"/members/{a.id}/approve"), json={}), 200)
    json_of(c.host.post(c.path(f"/members/{b.id}/approve"), json={}), 200)
    assert c.get(a)["my_status"] == "member"
    assert (c.get(b)["my_status"], c.get(b)["my_waitlist_position"]) == ("waitlisted", 1)
    assert_error(c.host.post(c.path(f"/members/{d.id}/decline"), json={}), 422, "reason")
    ws = json_of(c.host.post(c.path(f"/members/{d.id}/decline"), json={"reason": "Full for this term."}), 200)
    assert ws["requests"] == []
    assert "Full for this term." in d.notifications(kind="circle_declined")[0]["message"]
    assert_error(d.post(c.path("/join"), json={}), 409, "state", ["declined"])
    assert_error(c.host.post(c.path(f"/members/{a.id}/approve"), json={}), 409, "state", ["member"])
    assert_error(c.host.post(c.path(f"/members/{MISSING}/approve"), json={}), 404)


def test_a_closed_circle_takes_no_new_members_until_it_is_reopened(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=2)
    stays, member, waiting = joined(c, 3)
    late = lab.person()
    assert_error(member.post(c.path("/close"), json={}), 403)
    assert json_of(c.host.post(c.path("/close"), json={}), 200)["accepting_members"] is False
    assert_error(late.post(c.path("/join"), json={}), 409, "state", ["closed to new members"])
    # A place freed while closed stays free...
    c.leave(member)
    assert c.get()["members"] == 1 and c.waitlist_ids() == [waiting.id]
    # ...until the host reopens the circle: the first in line moves up.
    reopened = json_of(c.host.post(c.path("/reopen"), json={}), 200)
    assert reopened["accepting_members"] is True
    assert c.member_ids() == [stays.id, waiting.id]


def test_raising_the_size_limit_promotes_and_it_never_falls_below_the_members(clock_lab):
    c, people = full_circle_with_two_waiting(clock_lab)
    ws = json_of(c.host.patch(c.path(), json={"size_limit": 3, "description": "Now three places."}), 200)
    assert (ws["size_limit"], ws["members"], ws["waitlisted"]) == (3, 3, 1)
    assert c.get(people[2])["my_status"] == "member"
    assert_error(c.host.patch(c.path(), json={"size_limit": 2}), 409, "size_limit", ["3 members"])
    assert_error(c.host.patch(c.path(), json={"size_limit": 60}), 422, "size_limit")
    assert_error(people[0].patch(c.path(), json={"size_limit": 5}), 403)


def test_nobody_joins_twice_and_the_host_cannot_join_or_leave(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=2)
    a, _, b = joined(c, 3)
    assert_error(a.post(c.path("/join"), json={}), 409, "state", ["already a member"])
    assert_error(b.post(c.path("/join"), json={}), 409, "state", ["waitlist"])
    assert_error(c.host.post(c.path("/join"), json={}), 409, "state", ["host"])
    assert_error(c.host.post(c.path("/leave"), json={}), 409, "state")
    assert_error(lab.person().post(c.path("/leave"), json={}), 409, "state")
    assert_error(a.post(c.path("/join"), json={"message": "m" * 2001}), 422, "message")
    assert_error(a.post(c.path("/join"), json={"note": "x"}), 422, "note")


def test_joining_without_a_body_works_like_an_empty_one(clock_lab):
    lab = clock_lab
    c = new_circle(lab)
    p = lab.person()
    assert json_of(p.post(c.path("/join")), 200)["my_status"] == "member"


@pytest.mark.parametrize("racers", [2, 4])
def test_people_racing_for_the_last_place_one_gets_it_and_the_others_are_waitlisted(clock_lab, racers):
    lab = clock_lab
    c = new_circle(lab, size_limit=2)
    c.join(lab.person())
    people = [lab.person() for _ in range(racers)]
    results = run_together(*[lambda p=p: p.post(c.path("/join"), json={}) for p in people])
    assert [r.status_code for r in results] == [200] * racers, [getattr(r, "text", r) for r in results]
    statuses = sorted(r.json()["my_status"] for r in results)
    assert statuses == ["member"] + ["waitlisted"] * (racers - 1)
    card = c.get()
    assert (card["members"], card["waitlisted"]) == (2, racers - 1)
    assert sorted(r.json()["my_waitlist_position"] for r in results if r.json()["my_status"] == "waitlisted") == \
        list(range(1, racers))


def test_leaving_and_joining_at_once_never_overfills_the_circle(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=2)
    a, b = joined(c, 2)
    newcomers = [lab.person() for _ in range(3)]
    calls = [lambda: a.post(c.path("/leave"), json={})] + \
            [lambda p=p: p.post(c.path("/join"), json={}) for p in newcomers]
    results = run_together(*calls)
    assert all(r.status_code == 200 for r in results), [r.text for r in results]
    card = c.get()
    assert card["members"] == 2 and card["waitlisted"] == 2


# ---------------------------------------------------------------------------------------------
# The circle's content


@pytest.fixture(scope="module")
def busy(clock_lab):
    """A circle with two members (one reporting to a manager), someone waiting, an agreed
    purpose, a session that took place, a story, a reflection and action items, all marked
    SECRET so a leak is found."""
    lab = clock_lab
    manager = lab.person(name="Circle Member's Manager")
    c = new_circle(lab, size_limit=2, topic=SECRET + "topic")
    member = lab.person(manager_id=manager.id, name="Circle Member")
    other = lab.person(name="Other Member")
    waiting = lab.person(name="Waiting Person")
    for p in (member, other, waiting):
        c.join(p)
    objective_ids = c.agreed_purpose(tag=SECRET)
    session = c.session(days=1, where=SECRET + "room")
    lab.advance(days=1, hours=1)
    json_of(c.host.patch(c.path(f"/sessions/{session['id']}"),
                         json={"status": "held", "notes": SECRET + "notes"}), 200)
    story = json_of(c.host.post(c.path(f"/sessions/{session['id']}/stories"),
                                json={"story": SECRET + "story", "point": SECRET + "point"}), 201)["story"]
    json_of(member.post(c.path(f"/stories/{story['id']}/reflection"), json={"reflection": SECRET + "reflection"}), 200)
    item = json_of(member.post(c.path("/action-items"), json={"title": SECRET + "item", "objective_id": objective_ids[0]}),
                   201)
    other_item = json_of(other.post(c.path("/action-items"), json={"title": SECRET + "other item"}), 201)
    c.extra = dict(manager=manager, member=member, other=other, waiting=waiting, session=session, story=story,
                   item=item, other_item=other_item, objective_ids=objective_ids)
    return c


def test_the_purpose_is_drafted_by_the_host_or_a_member_and_agreed_by_the_host(clock_lab):
    lab = clock_lab
    c = new_circle(lab)
    member = lab.person()
    c.join(member)
    ws = json_of(member.put(c.path("/purpose"), json={"objectives": objectives(), "desired_outcome": "Lead."}), 200)
    assert ws["purpose"]["version"] == 1 and ws["purpose"]["agreed"] is False
    assert [n for n in c.host.notifications() if n["kind"] == "purpose_to_agree"]
    assert_error(member.post(c.path("/purpose/agree"), json={"version": 1}), 403)
    json_of(c.host.put(c.path("/purpose"), json={"objectives": objectives(n=3)}), 200)
    assert_error(c.host.post(c.path("/purpose/agree"), json={"version": 1}), 409, "version", ["version 2"])
    ws = json_of(c.host.post(c.path("/purpose/agree"), json={"version": 2}), 200)
    assert ws["purpose"]["agreed"] is True and ws["purpose"]["agreed_by_host"] is True
    assert len(ws["purpose"]["objectives"]) == 3
    assert member.notifications(kind="purpose_agreed")
    assert_error(c.host.put(c.path("/purpose"), json={"objectives": []}), 422, "objectives")
    assert_error(c.host.put(c.path("/purpose"), json={"objectives": [{"id": MISSING, "category": "other",
                                                                       "description": "x"}]}),
                 422, "objectives[0].id")
    assert_error(c.host.post(c.path("/purpose/agree"), json={}), 422, "version")


def test_group_sessions_take_attendance_and_notes(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=3)
    a, b, d = joined(c, 3)
    assert_error(a.post(c.path("/sessions"), json={"starts_at": iso(lab.later(days=1))}), 403)
    assert_error(c.host.post(c.path("/sessions"), json={"starts_at": iso(lab.later(days=-1))}), 422, "starts_at")
    assert_error(c.host.post(c.path("/sessions"), json={"starts_at": iso(lab.later(days=1)), "duration_minutes": 600}),
                 422, "duration_minutes")
    s = c.session(days=1)
    assert s["medium"] == "video"  # the circle's medium
    assert [n for n in a.notifications() if n["kind"] == "circle_session_scheduled"]
    path = c.path(f"/sessions/{s['id']}")
    # Before the session: only excuses; nobody is present yet.
    assert_error(c.host.put(path + "/attendance", json={"attendance": [{"person_id": a.id, "status": "present"}]}),
                 409, "status", ["not started"])
    json_of(d.put(path + "/attendance", json={"attendance": [{"person_id": d.id, "status": "excused"}]}), 200)
    assert_error(d.put(path + "/attendance", json={"attendance": [{"person_id": a.id, "status": "excused"}]}), 403)
    assert_error(c.host.patch(path, json={"status": "held"}), 409, "status")
    lab.advance(days=1, hours=1)
    assert_error(a.put(path + "/attendance", json={"attendance": [{"person_id": a.id, "status": "present"}]}), 403)
    detail = json_of(c.host.put(path + "/attendance", json={"attendance": [
        {"person_id": a.id, "status": "present"}, {"person_id": b.id, "status": "absent"}]}), 200)
    assert {x["person"]["id"]: x["status"] for x in detail["attendance"]} == \
        {a.id: "present", b.id: "absent", d.id: "excused"}
    assert detail["attendance_summary"] == {"present": 1, "absent": 1, "excused": 1}
    assert_error(c.host.put(path + "/attendance", json={"attendance": [{"person_id": MISSING, "status": "present"}]}),
                 422, "attendance[0].person_id")
    assert_error(c.host.put(path + "/attendance", json={"attendance": [{"person_id": a.id, "status": "late"}]}),
                 422, "attendance[0].status")
    assert_error(a.patch(path, json={"status": "held"}), 403)
    json_of(c.host.patch(path, json={"status": "held"}), 200)
    assert_error(c.host.patch(path, json={"status": "no_show"}), 422, "status")
    assert json_of(b.patch(path, json={"notes": "We agreed to try one hard conversation each."}), 200)["notes"] == \
        "We agreed to try one hard conversation each."
    ws = c.workspace(b)
    assert ws["sessions"][0]["status"] == "held"
    assert ws["sessions"][0]["attendance"] == {"present": 1, "absent": 1, "excused": 1}
    assert_error(c.host.get(c.path(f"/sessions/{MISSING}")), 404)


def test_the_hosts_stories_get_each_members_reflection(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=3)
    a, b = joined(c, 2)
    s = c.session(days=1)
    stories = c.path(f"/sessions/{s['id']}/stories")
    body = {"story": "My first team meeting as a manager went badly.", "point": "Ask before you tell"}
    assert_error(c.host.post(stories, json=body), 409, "status", ["not started"])
    lab.advance(days=1, hours=1)
    assert_error(a.post(stories, json=body), 403)
    assert_error(c.host.post(stories, json={"story": "x"}), 422, "point")
    made = json_of(c.host.post(stories, json=body), 201)
    story = made["story"]
    assert story["reflections"] == [] and a.notifications(kind="story_to_reflect")
    reflection = c.path(f"/stories/{story['id']}/reflection")
    assert_error(c.host.post(reflection, json={"reflection": "Mine"}), 403)
    assert_error(a.post(reflection, json={"reflection": " "}), 422, "reflection")
    json_of(a.post(reflection, json={"reflection": "I will ask my team first."}), 200)
    json_of(b.post(reflection, json={"reflection": "Listening is a skill."}), 200)
    json_of(a.post(reflection, json={"reflection": "I will ask my team first, then decide."}), 200)
    ws = c.workspace(b)
    got = ws["stories"][0]
    assert {r["person"]["id"]: r["reflection"] for r in got["reflections"]} == \
        {a.id: "I will ask my team first, then decide.", b.id: "Listening is a skill."}
    assert got["my_reflection"] == "Listening is a skill."
    assert_error(a.post(c.path(f"/stories/{MISSING}/reflection"), json={"reflection": "x"}), 404)
    # Too many stories in one session: the host gets the one-to-one hint.
    for _ in range(2):
        detail = json_of(c.host.post(stories, json=body), 201)
    assert any("stories in this" in h for h in detail["story_hints"])
    assert json_of(a.get(c.path(f"/sessions/{s['id']}")), 200)["story_hints"] == []


def test_each_members_action_items_are_seen_by_that_member_and_the_host_only(busy):
    c, x = busy, busy.extra
    member, other = x["member"], x["other"]
    mine = json_of(member.get(c.path("/action-items")), 200)["items"]
    assert [i["id"] for i in mine] == [x["item"]["id"]]
    assert mine[0]["owner"]["id"] == member.id and mine[0]["objective_id"] == x["objective_ids"][0]
    assert [i["id"] for i in c.workspace(other)["action_items"]] == [x["other_item"]["id"]]
    everyone = json_of(c.host.get(c.path("/action-items")), 200)["items"]
    assert {i["id"] for i in everyone} == {x["item"]["id"], x["other_item"]["id"]}
    assert [i["id"] for i in json_of(c.host.get(c.path(f"/action-items?owner_id={member.id}")), 200)["items"]] == \
        [x["item"]["id"]]
    assert_error(other.get(c.path(f"/action-items?owner_id={member.id}")), 403)
    assert_error(other.patch(c.path(f"/action-items/{x['item']['id']}"), json={"status": "done"}), 403)
    assert SECRET + "item\"" not in other.get(c.path("/workspace")).text
    done = json_of(member.patch(c.path(f"/action-items/{x['item']['id']}"), json={"status": "done"}), 200)
    assert done["status"] == "done" and done["completed_at"]
    json_of(c.host.patch(c.path(f"/action-items/{x['item']['id']}"), json={"status": "open"}), 200)
    assert_error(member.post(c.path("/action-items"), json={"title": "For you", "owner_id": other.id}), 403)
    assert_error(c.host.post(c.path("/action-items"), json={"title": "For whom?"}), 422, "owner_id")
    assert_error(c.host.post(c.path("/action-items"), json={"title": "Waiting", "owner_id": x["waiting"].id}),
                 422, "owner_id")
    assert_error(member.post(c.path("/action-items"), json={"title": "x", "objective_id": MISSING}), 422,
                 "objective_id", ["circle's"])
    assert_error(member.post(c.path("/action-items"), json={"title": "x", "type": "nap"}), 422, "type")
    assert_error(member.post(c.path("/action-items"), json={"notes": "no title"}), 422, "title")
    made = json_of(c.host.post(c.path("/action-items"), json={"title": "Shadow a leadership meeting",
                                                               "owner_id": other.id, "type": "shadowing",
                                                               "due": "2027-01-15"}), 201)
    assert made["owner"]["id"] == other.id and made["created_by"] == c.host.id and made["due"] == "2027-01-15"
    assert other.notifications(kind="circle_action_item")
    assert_error(member.patch(c.path(f"/action-items/{MISSING}"), json={"status": "done"}), 404)


def test_concluding_takes_every_debrief_and_leaves_the_circle_read_only(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=2)
    a, b, waiting = joined(c, 3)
    ids = c.agreed_purpose()
    item = json_of(a.post(c.path("/action-items"), json={"title": "Lead a retro"}), 201)
    s = c.session(days=2)

    def debrief(outcome="achieved", **extra):
        body = {"outcomes": [{"objective_id": i, "outcome": outcome} for i in ids],
                "achieved": "We each led one hard conversation.", "do_differently": "Meet more often.", "rating": 5}
        body.update(extra)
        return body

    assert_error(a.put(c.path("/debrief"), json=debrief()), 409, "state", ["starts concluding first"])
    assert_error(a.post(c.path("/conclude")), 403)
    summary = json_of(c.host.post(c.path("/conclude")), 200)
    assert (summary["state"], summary["submitted"], summary["expected"]) == ("concluding", 0, 3)
    assert a.notifications(kind="concluding")
    assert_error(c.host.post(c.path("/conclude")), 409, "state", ["concluding"])
    # While concluding only the debriefs change.
    assert_error(c.host.post(c.path("/sessions"), json={"starts_at": iso(lab.later(days=3))}), 409, "state")
    assert_error(lab.person().post(c.path("/join"), json={}), 409, "state")
    assert_error(a.put(c.path("/debrief"), json=debrief(outcomes=[])), 422, "outcomes")
    assert_error(a.put(c.path("/debrief"), json=debrief(rating=6)), 422, "rating")
    assert_error(waiting.put(c.path("/debrief"), json=debrief()), 403)
    mine = json_of(a.put(c.path("/debrief"), json=debrief(outcome="partly")), 200)
    assert mine["submitted_by_me"] is True and len(mine["debriefs"]) == 1
    json_of(c.host.put(c.path("/debrief"), json=debrief()), 200)
    # Before the last debrief each sees only their own.
    assert [d["author"]["id"] for d in json_of(c.host.get(c.path("/debrief")), 200)["debriefs"]] == [c.host.id]
    last = json_of(b.put(c.path("/debrief"), json=debrief()), 200)
    assert last["state"] == "concluded" and len(last["debriefs"]) == 3
    assert {d["author"]["id"] for d in json_of(a.get(c.path("/debrief")), 200)["debriefs"]} == {a.id, b.id, c.host.id}
    # The session still ahead is called off with the circle, and the members are told so.
    assert [x["status"] for x in c.workspace(a)["sessions"] if x["id"] == s["id"]] == ["cancelled"]
    concluded = a.notifications(kind="concluded")
    assert concluded and "Its session still to come is cancelled." in concluded[0]["message"]
    card = c.get(lab.person())
    assert card["state"] == "concluded" and card["concluded_at"] and card["accepting_members"] is False
    # Read-only: every change is a 409 naming the state.
    writes = [
        (a, "PUT", "/debrief", debrief()),
        (c.host, "PUT", "/purpose", {"objectives": objectives()}),
        (c.host, "POST", "/sessions", {"starts_at": iso(lab.later(days=3))}),
        (c.host, "PATCH", f"/sessions/{s['id']}", {"notes": "late notes"}),
        (a, "PATCH", f"/action-items/{item['id']}", {"status": "done"}),
        (a, "POST", "/action-items", {"title": "One more"}),
        (c.host, "PATCH", "", {"description": "changed"}),
        (c.host, "POST", "/close", {}),
        (a, "POST", "/leave", {}),
        (lab.person(), "POST", "/join", {}),
        (c.host, "POST", f"/members/{a.id}/remove", {}),
    ]
    for actor, method, suffix, body in writes:
        assert_error(actor.request(method, c.path(suffix), json=body), 409, "state", ["concluded"])
    # Reading still works.
    assert c.workspace(a)["state"] == "concluded"


def test_a_member_leaving_while_concluding_no_longer_holds_up_the_conclusion(clock_lab):
    lab = clock_lab
    c = new_circle(lab, size_limit=3)
    a, b, d = joined(c, 3)
    json_of(c.host.post(c.path("/conclude")), 200)
    for who in (c.host, a):
        json_of(who.put(c.path("/debrief"), json={"outcomes": [], "achieved": "Met twice."}), 200)
    assert c.leave(b)["state"] == "concluding"
    # The host removes the last member who has not written theirs: every remaining debrief is in.
    ws = json_of(c.host.post(c.path(f"/members/{d.id}/remove"), json={}), 200)
    assert ws["state"] == "concluded"
    assert {x["author"]["id"] for x in json_of(a.get(c.path("/debrief")), 200)["debriefs"]} == {c.host.id, a.id}


# ---------------------------------------------------------------------------------------------
# Privacy


CALLERS = ["host", "member", "waiting", "non_member", "manager", "admin", "anonymous"]


def actor_for(c, caller):
    x = c.extra
    return {"host": c.host, "member": x["member"], "waiting": x["waiting"], "non_member": c.lab.person(),
            "manager": x["manager"], "admin": c.lab.admin, "anonymous": c.lab.anonymous()}[caller]


CONTENT_READS = [
    ("workspace", "/workspace"),
    ("session", "/sessions/{session}"),
    ("action items", "/action-items"),
    ("debrief", "/debrief"),
]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("name,suffix", CONTENT_READS, ids=[n for n, _ in CONTENT_READS])
def test_circle_content_is_for_its_host_and_members_only(busy, name, suffix, caller):
    actor = actor_for(busy, caller)
    r = actor.get(busy.path(suffix.format(session=busy.extra["session"]["id"])))
    expected = {"host": 200, "member": 200, "anonymous": 401}.get(caller, 403)
    assert r.status_code == expected, f"{name} as {caller}: {r.text}"
    if expected == 200:
        assert SECRET in r.text
    else:
        assert SECRET not in r.text
        error_of(r)


CONTENT_WRITES = [
    ("draft the purpose", "PUT", "/purpose", {"objectives": objectives()}),
    ("agree the purpose", "POST", "/purpose/agree", {"version": 1}),
    ("schedule a session", "POST", "/sessions", {"starts_at": "2027-06-01T10:00:00Z"}),
    ("edit session notes", "PATCH", "/sessions/{session}", {"notes": "leak"}),
    ("record attendance", "PUT", "/sessions/{session}/attendance", {"attendance": [{"person_id": "1",
                                                                                    "status": "excused"}]}),
    ("tell a story", "POST", "/sessions/{session}/stories", {"story": "s", "point": "p"}),
    ("reflect", "POST", "/stories/{story}/reflection", {"reflection": "r"}),
    ("add an action item", "POST", "/action-items", {"title": "t"}),
    ("change an action item", "PATCH", "/action-items/{item}", {"status": "dropped"}),
    ("conclude", "POST", "/conclude", {}),
    ("debrief", "PUT", "/debrief", {"outcomes": []}),
    ("settings", "PATCH", "", {"description": "leak"}),
    ("close", "POST", "/close", {}),
    ("approve", "POST", "/members/{member}/approve", {}),
    ("remove", "POST", "/members/{member}/remove", {}),
]


@pytest.mark.parametrize("caller", ["waiting", "non_member", "manager", "admin", "anonymous"])
@pytest.mark.parametrize("name,method,suffix,body", CONTENT_WRITES, ids=[w[0] for w in CONTENT_WRITES])
def test_nobody_outside_the_circle_changes_its_content(busy, name, method, suffix, body, caller):
    x = busy.extra
    before = busy.workspace()
    actor = actor_for(busy, caller)
    path = busy.path(suffix.format(session=x["session"]["id"], story=x["story"]["id"], item=x["item"]["id"],
                                   member=x["member"].id))
    r = actor.request(method, path, json=body)
    assert r.status_code == (401 if caller == "anonymous" else 403), f"{name} as {caller}: {r.text}"
    assert SECRET not in r.text
    assert busy.workspace() == before


def test_the_card_shows_no_content_to_outsiders(busy):
    for caller in ("non_member", "manager", "admin", "waiting"):
        card = json_of(actor_for(busy, caller).get(busy.path()), 200)
        for key in ("member_list", "purpose", "sessions", "stories", "action_items", "requests", "waitlist"):
            assert key not in card
    assert json_of(busy.extra["waiting"].get(busy.path()), 200)["my_waitlist_position"] == 1


def test_the_waitlist_and_requests_are_for_the_host_only(busy):
    ws = busy.workspace(busy.extra["member"])
    assert ws["waitlist"] is None and ws["requests"] is None
    assert [w["person"]["id"] for w in busy.workspace()["waitlist"]] == [busy.extra["waiting"].id]


def test_the_administrator_sees_states_and_counts_only(busy):
    lab = busy.lab
    overview = json_of(lab.admin.get("/api/v1/admin/circles"), 200)
    assert set(overview["counts"]) == {"active", "concluding", "concluded"}
    mine = [i for i in overview["items"] if i["id"] == busy.id]
    assert len(mine) == 1
    item = mine[0]
    assert (item["members"], item["waitlisted"], item["sessions_held"]) == (2, 1, 1)
    assert item["action_items"] >= 2
    assert item["purpose_agreed"] is True
    assert SECRET not in json_of(lab.admin.get("/api/v1/admin/circles"), 200).__repr__()
    assert "topic" not in item and "description" not in item
    concluded = json_of(lab.admin.get("/api/v1/admin/circles?state=concluded"), 200)["items"]
    assert all(i["state"] == "concluded" for i in concluded)
    assert_error(lab.admin.get("/api/v1/admin/circles?state=open"), 422, "state")
    assert_error(busy.host.get("/api/v1/admin/circles"), 403)
    assert_error(lab.anonymous().get("/api/v1/admin/circles"), 401)


def test_a_manager_sees_nothing_of_a_reports_circle_content(busy):
    manager = busy.extra["manager"]
    assert_error(manager.get(busy.path("/workspace")), 403)
    assert not [n for n in manager.notifications() if SECRET in n["message"]]


# ---------------------------------------------------------------------------------------------
# Lists and unknown ids


def test_the_list_filters_by_mine_open_and_state(clock_lab):
    lab = clock_lab
    h = host(lab)
    first = new_circle(lab, h, topic="First")
    second = new_circle(lab, h, topic="Second")
    json_of(h.post(second.path("/close"), json={}), 200)
    page = json_of(h.get("/api/v1/circles?mine=true&limit=1"), 200)
    assert [i["id"] for i in page["items"]] == [first.id] and page["next_cursor"] == first.id
    rest = json_of(h.get(f"/api/v1/circles?mine=true&limit=1&cursor={page['next_cursor']}"), 200)
    assert [i["id"] for i in rest["items"]] == [second.id] and rest["next_cursor"] is None
    open_ids = [i["id"] for i in json_of(h.get("/api/v1/circles?mine=true&open=true"), 200)["items"]]
    assert open_ids == [first.id]
    member = lab.person()
    first.join(member)
    assert [i["id"] for i in json_of(member.get("/api/v1/circles?mine=true"), 200)["items"]] == [first.id]
    assert_error(h.get("/api/v1/circles?state=closed"), 422, "state")
    assert_error(h.get("/api/v1/circles?open=yes"), 422, "open")
    assert_error(h.get("/api/v1/circles?limit=0"), 422, "limit")
    assert_error(lab.anonymous().get("/api/v1/circles"), 401)


@pytest.mark.parametrize("method,path", [
    ("GET", "/api/v1/circles/{missing}"),
    ("GET", "/api/v1/circles/{missing}/workspace"),
    ("POST", "/api/v1/circles/{missing}/join"),
    ("GET", "/api/v1/circles/not-a-number"),
    ("GET", "/api/v1/circles/{id}/sessions/{missing}"),
    ("PATCH", "/api/v1/circles/{id}/action-items/{missing}"),
    ("POST", "/api/v1/circles/{id}/stories/{missing}/reflection"),
])
def test_an_unknown_id_is_404(busy, method, path):
    actor = busy.extra["member"]
    body = {"reflection": "x"} if "reflection" in path else {"status": "done"} if method == "PATCH" else {}
    r = actor.request(method, path.format(missing=MISSING, id=busy.id), json=body)
    assert_error(r, 404)


# ---------------------------------------------------------------------------------------------
# Finding circles through the directory and recommendations


def test_a_directory_search_for_circles_lists_the_open_ones_matching_the_words(clock_lab):
    word = unique_word()
    circle = new_circle(clock_lab, topic=f"Leadership {word} circle")
    searcher = clock_lab.person()
    body = json_of(searcher.get(f"/api/v1/directory?format=circle&q={word}"), 200)
    assert [c["id"] for c in body["circles"]] == [circle.id]
    assert body["circles"][0]["host"]["id"] == circle.host.id


def test_recommendations_for_the_circle_format_list_circles_on_a_wanted_skill(clock_lab):
    word = unique_word()
    circle = new_circle(clock_lab, topic=f"Getting better at {word}")
    body = json_of(learner_of(clock_lab, word).get("/api/v1/me/recommendations?format=circle"), 200)
    assert circle.id in [c["id"] for c in body["circles"]]
    assert body["flash_topics"] is None
