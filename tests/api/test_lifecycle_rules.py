"""The lifecycle's rules through the API: the hard rules on a request, who may do what, which
state allows what, every invalid value with the field it names, malformed bodies, that a
rejected write changes nothing, and two people racing for a mentor's last place."""

import pytest

from conftest import error_of
from lifecycle_helpers import (LIVE_STATES, active_pair, assert_error, clock_lab, clock_server, concluding_pair, day,  # noqa: F401
                               debrief_body, iso, json_of, lab, objectives, requested_pair, run_together,
                               starting_pair)

MISSING = "987654321"




def request_body(mentor, **extra):
    body = {"mentor_id": mentor.id, "message": "Would you mentor me?"}
    body.update(extra)
    return body


def live_as_mentor(actor):
    items = json_of(actor.get("/api/v1/relationships?role=mentor&limit=100"), 200)["items"]
    return [r for r in items if r["state"] in LIVE_STATES]


# ---------------------------------------------------------------------------------------------
# The hard rules on a request


def test_nobody_can_request_themselves_as_their_mentor(lab):
    me = lab.mentor(capacity=3)
    r = me.post("/api/v1/relationships", json=request_body(me))
    assert_error(r, 422, "mentor_id", ["yourself"])
    assert json_of(me.get("/api/v1/relationships"), 200)["items"] == []


def test_the_mentees_current_manager_cannot_be_requested_as_mentor(lab):
    manager = lab.mentor(capacity=3)
    mentee = lab.mentee(manager=manager)
    r = mentee.post("/api/v1/relationships", json=request_body(manager))
    assert_error(r, 422, "mentor_id", ["manager"])


def test_the_current_manager_cannot_offer_to_mentor_their_report_either(lab):
    manager = lab.mentor(capacity=3)
    mentee = lab.mentee(manager=manager)
    r = manager.post("/api/v1/relationships", json={"mentee_id": mentee.id})
    assert_error(r, 422, "mentee_id", ["manager"])


def test_a_pair_cannot_have_a_second_request_waiting(lab):
    pair = requested_pair(lab)
    r = pair.mentee.post("/api/v1/relationships", json=request_body(pair.mentor))
    assert_error(r, 409, "mentor_id")
    r = pair.mentor.post("/api/v1/relationships", json={"mentee_id": pair.mentee.id})
    assert_error(r, 409, "mentee_id")


def test_a_pair_cannot_have_a_second_live_relationship(lab):
    pair = active_pair(lab)
    r = pair.mentee.post("/api/v1/relationships", json=request_body(pair.mentor))
    assert_error(r, 409, "mentor_id", ["already"])


def test_a_mentor_whose_places_are_all_taken_cannot_be_requested(lab):
    mentor = lab.mentor(capacity=1)
    starting_pair(lab, mentor=mentor)
    r = lab.mentee().post("/api/v1/relationships", json=request_body(mentor))
    assert_error(r, 409, "mentor_id", ["1 of 1"])


def test_a_mentor_with_capacity_0_cannot_be_requested(lab):
    mentor = lab.mentor(capacity=0)
    r = lab.mentee().post("/api/v1/relationships", json=request_body(mentor))
    assert_error(r, 409, "mentor_id", ["not taking mentees"])


def test_a_mentee_has_at_most_3_open_requests(lab):
    mentee = lab.mentee()
    mentors = [lab.mentor() for _ in range(4)]
    first = None
    for mentor in mentors[:3]:
        created = json_of(mentee.post("/api/v1/relationships", json=request_body(mentor)), 201)
        first = first or created
    r = mentee.post("/api/v1/relationships", json=request_body(mentors[3]))
    assert_error(r, 409, "mentor_id", ["3 requests"])
    json_of(mentee.post(f"/api/v1/relationships/{first['id']}/withdraw"), 200)
    json_of(mentee.post("/api/v1/relationships", json=request_body(mentors[3])), 201)


@pytest.mark.parametrize("ids", [{}, {"both": True}], ids=["neither", "both"])
def test_a_request_names_exactly_one_of_mentor_id_and_mentee_id(lab, ids):
    me, other = lab.mentor(), lab.mentor()
    body = {"message": "hello"}
    if ids:
        body.update(mentor_id=other.id, mentee_id=me.id)
    r = me.post("/api/v1/relationships", json=body)
    assert_error(r, 422, "mentor_id")


def test_an_unknown_mentor_id_is_422(lab):
    mentee = lab.mentee()
    assert_error(mentee.post("/api/v1/relationships", json={"mentor_id": MISSING}), 422, "mentor_id")
    assert_error(mentee.post("/api/v1/relationships", json={"mentor_id": "not-an-id"}), 422, "mentor_id")
    assert_error(mentee.post("/api/v1/relationships", json={"mentee_id": MISSING}), 422, "mentee_id")


def test_a_request_in_another_format_is_422(lab):
    r = lab.mentee().post("/api/v1/relationships", json=request_body(lab.mentor(), format="circle"))
    assert_error(r, 422, "format")


# ---------------------------------------------------------------------------------------------
# Unknown ids


@pytest.fixture(scope="module")
def busy(lab):
    """An active relationship with a task, a meeting and a story, plus a waiting request."""
    pair = active_pair(lab)
    pair.task = pair.add_task(title="Read the onboarding guide")
    pair.meeting = pair.schedule(starts_at=lab.later(hours=1))
    lab.advance(hours=2)  # stories are logged once the meeting has started
    pair.story = json_of(pair.mentor.post(pair.path(f"/meetings/{pair.meeting['id']}/stories"),
                                          json={"story": "My first launch slipped.", "point": "Plan buffers"}),
                         201)["story"]
    return pair


@pytest.mark.parametrize("method,path,body", [
    ("GET", "/api/v1/relationships/{missing}", None),
    ("GET", "/api/v1/relationships/{missing}/events", None),
    ("POST", "/api/v1/relationships/{missing}/accept", None),
    ("PUT", "/api/v1/relationships/{missing}/purpose", {"objectives": objectives()}),
    ("GET", "/api/v1/relationships/{missing}/debrief", None),
    ("GET", "/api/v1/relationships/not-a-number", None),
    ("PATCH", "/api/v1/relationships/{id}/tasks/{missing}", {"status": "done"}),
    ("GET", "/api/v1/relationships/{id}/meetings/{missing}", None),
    ("PATCH", "/api/v1/relationships/{id}/meetings/{missing}", {"shared_notes": "x"}),
    ("PUT", "/api/v1/relationships/{id}/meetings/{missing}/private-note", {"text": "x"}),
    ("POST", "/api/v1/relationships/{id}/meetings/{missing}/stories", {"story": "s", "point": "p"}),
    ("POST", "/api/v1/relationships/{id}/stories/{missing}/reflection", {"reflection": "r"}),
], ids=lambda v: v if isinstance(v, str) else None)
def test_an_unknown_id_is_404(busy, method, path, body):
    actor = busy.mentor if "stories" in path and "reflection" not in path else busy.mentee
    url = path.format(missing=MISSING, id=busy.id)
    r = actor.request(method, url, json=body) if body is not None else actor.request(method, url)
    assert_error(r, 404)


def test_an_unknown_question_is_404(lab):
    pair = requested_pair(lab)
    r = pair.mentee.post(pair.path(f"/questions/{MISSING}/answer"), json={"answer": "yes"})
    assert_error(r, 404)


def test_a_task_meeting_or_story_of_another_relationship_is_404(lab, busy):
    other = active_pair(lab, mentor=busy.mentor)
    assert_error(other.mentee.patch(other.path(f"/tasks/{busy.task['id']}"), json={"status": "done"}), 404)
    assert_error(other.mentee.get(other.path(f"/meetings/{busy.meeting['id']}")), 404)
    assert_error(other.mentee.post(other.path(f"/stories/{busy.story['id']}/reflection"),
                                   json={"reflection": "not mine"}), 404)
    assert busy.workspace()["tasks"][0]["status"] == "open"


# ---------------------------------------------------------------------------------------------
# Wrong state: 409 naming the state


# Each step taken in a state that does not allow it: how the pair is made, who takes the step, the
# method, the path under the relationship and the body (from the pair and the lab, or None).
WRONG_STATE = [
    pytest.param(starting_pair, "mentor", "POST", "/accept", None, id="accepting_twice"),
    pytest.param(starting_pair, "mentee", "POST", "/withdraw", None, id="withdrawing_after_acceptance"),
    pytest.param(requested_pair, "mentee", "POST", "/purpose/agree", lambda pair, lab: {"version": 1},
                 id="agreeing_a_purpose_while_requested"),
    pytest.param(requested_pair, "mentee", "PUT", "/purpose", lambda pair, lab: {"objectives": objectives()},
                 id="drafting_a_purpose_while_requested"),
    pytest.param(requested_pair, "mentee", "POST", "/conclude", None, id="concluding_a_request"),
    pytest.param(requested_pair, "mentee", "POST", "/meetings",
                 lambda pair, lab: {"starts_at": iso(lab.later(days=2))}, id="scheduling_a_meeting_before_acceptance"),
    pytest.param(active_pair, "mentee", "POST", "/follow-up", lambda pair, lab: {},
                 id="a_follow_up_before_conclusion"),
]


@pytest.mark.parametrize("make_pair,who,method,path,body", WRONG_STATE)
def test_a_step_in_the_wrong_state_is_409_naming_the_state(lab, make_pair, who, method, path, body):
    pair = make_pair(lab)
    state = pair.state()
    r = getattr(pair, who).request(method, pair.path(path), json=body(pair, lab) if body else None)
    assert_error(r, 409, "state", [state])
    assert pair.state() == state


def test_a_debrief_before_concluding_is_409_naming_the_state(lab):
    pair = active_pair(lab)
    r = pair.mentee.put(pair.path("/debrief"), json=debrief_body(pair.objective_ids()))
    assert_error(r, 409, "state", ["active"])
    assert json_of(pair.mentee.get(pair.path("/debrief")), 200)["debriefs"] == []


# ---------------------------------------------------------------------------------------------
# Who may do what


@pytest.mark.parametrize("action,body", [("accept", None), ("decline", {"reason": "no"}),
                                         ("questions", {"question": "why?"})])
def test_only_the_recipient_answers_a_request(lab, action, body):
    pair = requested_pair(lab)
    path = pair.path("/" + action)
    r = pair.mentee.post(path, json=body) if body else pair.mentee.post(path)
    assert_error(r, 403)
    assert pair.state() == "requested" and pair.workspace()["questions"] == []


def test_only_the_initiator_withdraws(lab):
    pair = requested_pair(lab)
    assert_error(pair.mentor.post(pair.path("/withdraw")), 403)
    assert pair.state() == "requested"


def test_only_the_initiator_answers_a_question(lab):
    pair = requested_pair(lab)
    ws = json_of(pair.mentor.post(pair.path("/questions"), json={"question": "What is your goal?"}), 201)
    qid = ws["questions"][0]["id"]
    assert_error(pair.mentor.post(pair.path(f"/questions/{qid}/answer"), json={"answer": "my own"}), 403)
    assert pair.workspace()["questions"][0]["answer"] is None


def test_only_the_mentor_logs_stories(busy):
    r = busy.mentee.post(busy.path(f"/meetings/{busy.meeting['id']}/stories"),
                         json={"story": "When I was an intern...", "point": "persist"})
    assert_error(r, 403)
    assert len(busy.workspace()["stories"]) == 1


def test_only_the_mentee_reflects_on_a_story(busy):
    r = busy.mentor.post(busy.path(f"/stories/{busy.story['id']}/reflection"), json={"reflection": "I'd say..."})
    assert_error(r, 403)
    assert busy.workspace()["stories"][0]["reflection"] is None


# ---------------------------------------------------------------------------------------------
# Invalid values name their field, and change nothing


@pytest.fixture(scope="module")
def worked(lab):
    """An active pair whose purpose is at version 2 (agreed), with a task and a meeting; and a
    concluding pair with two objectives."""
    pair = active_pair(lab)
    ids = pair.objective_ids()
    pair.draft(objective_list=[dict(o, id=i) for o, i in zip(objectives(), ids)], outcome="version two")
    pair.agree_both()
    pair.task = pair.add_task(title="Write the skills inventory", due=day(lab.later(days=10)))
    pair.meeting = pair.schedule(starts_at=lab.later(days=4))
    closing = concluding_pair(lab)
    return {"active": pair, "concluding": closing}


def snapshot(pair):
    return (pair.workspace(by=pair.mentee), pair.workspace(by=pair.mentor),
            json_of(pair.mentee.get(pair.path("/debrief")), 200),
            json_of(pair.mentee.get(pair.path(f"/meetings/{pair.meeting['id']}")), 200) if hasattr(pair, "meeting")
            else None)


INVALID = [
    # (name, which pair, method, path suffix, body or function of (lab, pair), status, field)
    ("objectives empty", "active", "PUT", "/purpose", {"objectives": []}, 422, "objectives"),
    ("objectives missing", "active", "PUT", "/purpose", {"desired_outcome": "x"}, 422, "objectives"),
    ("objective category bad", "active", "PUT", "/purpose",
     {"objectives": [{"category": "fame", "description": "Be known"}]}, 422, "objectives[0].category"),
    ("objective description blank", "active", "PUT", "/purpose",
     {"objectives": [{"category": "networking", "description": "  "}]}, 422, "objectives[0].description"),
    ("objective id of another purpose", "active", "PUT", "/purpose",
     {"objectives": [{"id": "987654", "category": "other", "description": "x"}]}, 422, "objectives[0].id"),
    ("eleven objectives", "active", "PUT", "/purpose",
     {"objectives": [{"category": "other", "description": f"o{i}"} for i in range(11)]}, 422, "objectives"),
    ("agree stale version", "active", "POST", "/purpose/agree", {"version": 1}, 409, "version"),
    ("agree future version", "active", "POST", "/purpose/agree", {"version": 3}, 409, "version"),
    ("agree without version", "active", "POST", "/purpose/agree", {}, 422, "version"),
    ("cadence 0", "active", "PUT", "/logistics", {"cadence_days": 0}, 422, "cadence_days"),
    ("cadence 91", "active", "PUT", "/logistics", {"cadence_days": 91}, 422, "cadence_days"),
    ("medium bad", "active", "PUT", "/logistics", {"medium": "carrier pigeon"}, 422, "medium"),
    ("review date in the past", "active", "PUT", "/logistics",
     lambda lab, p: {"cadence_days": 14, "review_date": day(lab.later(days=-1))}, 422, "review_date"),
    ("review date not a date", "active", "PUT", "/logistics", {"review_date": "soon"}, 422, "review_date"),
    ("meeting in the past", "active", "POST", "/meetings",
     lambda lab, p: {"starts_at": iso(lab.later(hours=-1))}, 422, "starts_at"),
    ("meeting without a time zone", "active", "POST", "/meetings",
     lambda lab, p: {"starts_at": day(lab.later(days=2))}, 422, "starts_at"),
    ("meeting of 3 minutes", "active", "POST", "/meetings",
     lambda lab, p: {"starts_at": iso(lab.later(days=2)), "duration_minutes": 3}, 422, "duration_minutes"),
    ("meeting status bad", "active", "PATCH", "/meetings/{meeting}", {"status": "postponed"}, 422, "status"),
    ("task without title", "active", "POST", "/tasks", {"type": "project"}, 422, "title"),
    ("task type bad", "active", "POST", "/tasks", {"title": "x", "type": "daydreaming"}, 422, "type"),
    ("task due not a date", "active", "POST", "/tasks", {"title": "x", "due": "next friday"}, 422, "due"),
    ("task owner bad", "active", "POST", "/tasks", {"title": "x", "owner": "manager"}, 422, "owner"),
    ("task objective unknown", "active", "POST", "/tasks", {"title": "x", "objective_id": "987654"}, 422,
     "objective_id"),
    ("task status bad", "active", "PATCH", "/tasks/{task}", {"status": "finished"}, 422, "status"),
    ("task due bad on edit", "active", "PATCH", "/tasks/{task}", {"due": "2026-13-45"}, 422, "due"),
    ("debrief missing an objective outcome", "concluding", "PUT", "/debrief",
     lambda lab, p: debrief_body(p.objective_ids()[:1]), 422, "outcomes"),
    ("debrief outcome bad", "concluding", "PUT", "/debrief",
     lambda lab, p: debrief_body(p.objective_ids(), outcome="sort of"), 422, "outcomes[0].outcome"),
    ("debrief rating 6", "concluding", "PUT", "/debrief",
     lambda lab, p: debrief_body(p.objective_ids(), rating=6), 422, "rating"),
    ("debrief rating 0", "concluding", "PUT", "/debrief",
     lambda lab, p: debrief_body(p.objective_ids(), rating=0), 422, "rating"),
    ("unknown field", "active", "PUT", "/logistics", {"cadence_days": 14, "colour": "blue"}, 422, None),
]


@pytest.mark.parametrize("name,which,method,suffix,body,status,field", INVALID, ids=[row[0] for row in INVALID])
def test_an_invalid_value_names_its_field_and_changes_nothing(lab, worked, name, which, method, suffix, body, status,
                                                              field):
    pair = worked[which]
    url = pair.path(suffix.format(meeting=getattr(pair, "meeting", {}).get("id"), task=getattr(pair, "task", {}).get("id")))
    payload = body(lab, pair) if callable(body) else body
    before = snapshot(pair)
    r = pair.mentee.request(method, url, json=payload)
    err = assert_error(r, status, field)
    assert err["code"] == ("invalid" if status == 422 else "conflict")
    assert snapshot(pair) == before


def test_a_decline_needs_a_reason(lab):
    pair = requested_pair(lab)
    assert_error(pair.mentor.post(pair.path("/decline"), json={}), 422, "reason")
    assert_error(pair.mentor.post(pair.path("/decline"), json={"reason": "   "}), 422, "reason")
    assert pair.state() == "requested"


def test_a_story_cannot_be_logged_before_its_meeting_has_started(worked):
    pair = worked["active"]
    before = snapshot(pair)
    r = pair.mentor.post(pair.path(f"/meetings/{pair.meeting['id']}/stories"),
                         json={"story": "A story told in advance", "point": "none"})
    assert_error(r, 409, "status", ["not started"])
    assert snapshot(pair) == before


def test_a_story_needs_its_point(busy):
    r = busy.mentor.post(busy.path(f"/meetings/{busy.meeting['id']}/stories"), json={"story": "Once..."})
    assert_error(r, 422, "point")


@pytest.mark.parametrize("method,suffix", [
    ("POST", ""), ("PUT", "/purpose"), ("PUT", "/logistics"), ("POST", "/tasks"), ("POST", "/meetings"),
    ("POST", "/purpose/agree"), ("PUT", "/debrief"), ("POST", "/decline"),
])
def test_malformed_json_is_400_and_changes_nothing(worked, method, suffix):
    pair = worked["active"]
    url = "/api/v1/relationships" if suffix == "" else pair.path(suffix)
    before = snapshot(pair)
    r = pair.mentee.request(method, url, data='{"objectives": [', headers={"Content-Type": "application/json"})
    assert_error(r, 400)
    assert error_of(r)["code"] == "bad_request"
    assert snapshot(pair) == before


def test_a_json_body_that_is_not_an_object_is_422(worked):
    pair = worked["active"]
    assert_error(pair.mentee.put(pair.path("/logistics"), json=[1, 2]), 422)


# ---------------------------------------------------------------------------------------------
# Races for a mentor's last place




@pytest.mark.parametrize("round_", range(3))
def test_accepting_two_requests_at_once_for_the_last_place_gives_one_200_and_one_409(lab, round_):
    mentor = lab.mentor(capacity=1)
    first = requested_pair(lab, mentor=mentor)
    second = requested_pair(lab, mentor=mentor)
    sessions = [mentor.session(), mentor.session()]
    results = run_together(lambda: sessions[0].post(first.path("/accept")),
                           lambda: sessions[1].post(second.path("/accept")))
    assert sorted(r.status_code for r in results) == [200, 409], [r.text for r in results]
    loser = next(r for r in results if r.status_code == 409)
    assert "no free place" in error_of(loser)["message"]
    assert len(live_as_mentor(mentor)) == 1
    states = sorted([first.state(), second.state()])
    assert states == ["requested", "starting"]


def test_accepting_a_request_when_the_places_are_taken_is_409_and_leaves_it_waiting(lab):
    mentor = lab.mentor(capacity=1)
    first = requested_pair(lab, mentor=mentor)
    second = requested_pair(lab, mentor=mentor)
    first.accept()
    assert_error(mentor.post(second.path("/accept")), 409, "state", ["no free place"])
    assert second.state() == "requested"
    assert len(live_as_mentor(mentor)) == 1


def test_two_mentees_requesting_a_mentors_last_place_at_once_are_both_requested(lab):
    mentor = lab.mentor(capacity=1)
    a, b = lab.mentee(), lab.mentee()
    results = run_together(lambda: a.post("/api/v1/relationships", json=request_body(mentor)),
                           lambda: b.post("/api/v1/relationships", json=request_body(mentor)))
    assert [r.status_code for r in results] == [201, 201], [r.text for r in results]
    assert {r.json()["state"] for r in results} == {"requested"}
    waiting = json_of(mentor.get("/api/v1/relationships?state=requested"), 200)["items"]
    assert len(waiting) == 2 and all(r["waiting_for_me"] for r in waiting)
    assert live_as_mentor(mentor) == []


def test_the_same_request_sent_twice_at_once_creates_one_relationship(lab):
    mentee, mentor = lab.mentee(), lab.mentor(capacity=3)
    sessions = [mentee.session(), mentee.session()]
    results = run_together(*[lambda s=s: s.post("/api/v1/relationships", json=request_body(mentor)) for s in sessions])
    assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
    assert len(json_of(mentee.get("/api/v1/relationships"), 200)["items"]) == 1


@pytest.mark.parametrize("round_", range(3))
def test_a_mentee_asking_five_mentors_at_once_gets_three_requests_and_two_409s(lab, round_):
    mentee = lab.mentee()
    mentors = [lab.mentor(capacity=2) for _ in range(5)]
    sessions = [mentee.session() for _ in mentors]
    results = run_together(*[lambda s=s, m=m: s.post("/api/v1/relationships", json=request_body(m))
                             for s, m in zip(sessions, mentors)])
    assert sorted(r.status_code for r in results) == [201, 201, 201, 409, 409], [r.text for r in results]
    assert all("requests waiting" in error_of(r)["message"] for r in results if r.status_code == 409)
    assert len(json_of(mentee.get("/api/v1/relationships?state=requested"), 200)["items"]) == 3


@pytest.mark.parametrize("round_", range(3))
def test_an_acceptance_and_a_withdrawal_at_once_leave_the_request_as_one_of_them_did(lab, round_):
    pair = requested_pair(lab)
    mentor, mentee = pair.mentor.session(), pair.mentee.session()
    accepted, withdrawn = run_together(lambda: mentor.post(pair.path("/accept")),
                                       lambda: mentee.post(pair.path("/withdraw")))
    assert sorted([accepted.status_code, withdrawn.status_code]) == [200, 409], [accepted.text, withdrawn.text]
    loser = accepted if accepted.status_code == 409 else withdrawn
    assert error_of(loser)["field"] == "state"
    assert pair.state() == ("starting" if accepted.status_code == 200 else "withdrawn")
    assert [e["to"] for e in pair.events()].count(pair.state()) == 1


def test_both_agreeing_the_purpose_at_once_makes_the_relationship_active(lab):
    pair = starting_pair(lab)
    version = pair.draft()["purpose"]["version"]
    sessions = [pair.mentee.session(), pair.mentor.session()]
    results = run_together(*[lambda s=s: s.post(pair.path("/purpose/agree"), json={"version": version})
                             for s in sessions])
    assert [r.status_code for r in results] == [200, 200], [r.text for r in results]
    ws = pair.workspace()
    assert ws["state"] == "active" and ws["purpose"]["agreed"] is True
    assert [e["to"] for e in pair.events()].count("active") == 1


def test_both_debriefs_submitted_at_once_conclude_the_relationship(lab):
    pair = concluding_pair(lab)
    body = debrief_body(pair.objective_ids())
    sessions = [pair.mentee.session(), pair.mentor.session()]
    results = run_together(*[lambda s=s: s.put(pair.path("/debrief"), json=body) for s in sessions])
    assert [r.status_code for r in results] == [200, 200], [r.text for r in results]
    assert pair.state() == "concluded"
    assert len(json_of(pair.mentor.get(pair.path("/debrief")), 200)["debriefs"]) == 2


def test_both_proposing_a_follow_up_at_once_creates_one_request(lab):
    pair = concluding_pair(lab)
    pair.debrief(pair.mentee)
    pair.debrief(pair.mentor)
    sessions = [pair.mentee.session(), pair.mentor.session()]
    results = run_together(*[lambda s=s: s.post(pair.path("/follow-up"), json={}) for s in sessions])
    assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
    waiting = json_of(pair.mentee.get("/api/v1/relationships?state=requested"), 200)["items"]
    assert len(waiting) == 1


@pytest.mark.parametrize("message", [None, "", "   \n"])
def test_a_request_must_say_what_the_mentee_hopes_for(lab, message):
    # Issue 16: an empty mentoring request could be sent. Know your purpose before you ask.
    mentee, mentor = lab.mentee(), lab.mentor()
    body = {"mentor_id": mentor.id}
    if message is not None:
        body["message"] = message
    r = mentee.post("/api/v1/relationships", json=body)
    assert_error(r, 422, "message", ["hope"])
    assert json_of(mentee.get("/api/v1/relationships"), 200)["items"] == []
    assert mentor.notifications() == []
