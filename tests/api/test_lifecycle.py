"""A one-to-one relationship through the API, as a scripted client would drive it, on a
server running on a fake clock: the request and its answers, then the five actions (purpose,
logistics, action plan, meetings and stories, debrief and conclusion), fading and reviving,
the audit trail, and the other ends of a request (decline, withdraw, offer, expiry)."""
import datetime as dt

import pytest

from conftest import error_of
from lifecycle_helpers import (Pair, active_pair, assert_error, clock_lab, clock_server, day, debrief_body, iso,  # noqa: F401
                               json_of, objectives, requested_pair, starting_pair)


class Journey:
    """What the ordered steps below share: the pair, the ids they made, and when things happened."""

    def __init__(self, lab):
        self.lab = lab
        self.manager = lab.person(name="Journey Manager")
        self.mentee = lab.mentee(manager=self.manager, name="Journey Mentee")
        self.mentor = lab.mentor(capacity=2, name="Journey Mentor")
        self.pair = None
        self.times = {}
        self.objective_ids = []
        self.first_objectives = objectives()
        self.tasks = {}
        self.meetings = {}
        self.stories = []
        self.failures_before = None


@pytest.fixture(scope="class")
def journey(clock_lab):
    return Journey(clock_lab)


@pytest.fixture(autouse=True)
def _stop_after_a_failed_step(request):
    """The journey's steps build on each other: after a failed step the rest are skipped."""
    if request.cls is None:
        yield
        return
    j = request.getfixturevalue("journey")
    if j.failures_before is None:
        j.failures_before = request.session.testsfailed
    if request.session.testsfailed > j.failures_before:
        pytest.skip("an earlier step of the journey failed")
    yield


class TestOneRelationshipFromRequestToConclusion:
    def test_a_mentee_requests_a_mentor_with_a_message_and_a_draft_purpose(self, journey):
        j, lab = journey, journey.lab
        j.times["requested"] = lab.now
        r = j.mentee.post("/api/v1/relationships", json={
            "mentor_id": j.mentor.id, "format": "one_to_one",
            "message": "I want to move from engineering into product; you made that move.",
            "draft_purpose": "Find out whether product management suits me."})
        created = json_of(r, 201)
        assert r.headers["Location"] == f"/api/v1/relationships/{created['id']}"
        assert created["state"] == "requested"
        assert created["initiated_by"] == "mentee" and created["my_role"] == "mentee"
        assert created["mentee"]["id"] == j.mentee.id and created["mentor"]["id"] == j.mentor.id
        assert created["message"].startswith("I want to move from engineering")
        assert created["draft_purpose"] == "Find out whether product management suits me."
        assert created["requested_at"] == iso(lab.now)
        assert created["expires_at"] == iso(lab.later(days=14))
        assert created["waiting_for_me"] is False
        j.pair = Pair(lab, created, mentee=j.mentee, mentor=j.mentor)
        seen_by_mentor = j.pair.workspace(by=j.mentor)
        assert seen_by_mentor["waiting_for_me"] is True and seen_by_mentor["my_role"] == "mentor"
        [nudge] = j.mentor.notifications(j.pair.id, "request_received")
        assert "14 days" in nudge["message"]

    def test_the_mentor_asks_a_question_and_the_mentee_answers_it(self, journey):
        j = journey
        asked = json_of(j.mentor.post(j.pair.path("/questions"),
                                      json={"question": "Which part of product work draws you most?"}), 201)
        assert asked["state"] == "requested"
        [q] = asked["questions"]
        assert q["asked_by"] == j.mentor.id and q["answer"] is None
        assert j.mentee.notifications(j.pair.id, "question_asked")
        answered = json_of(j.mentee.post(j.pair.path(f"/questions/{q['id']}/answer"),
                                         json={"answer": "Talking to customers and shaping the roadmap."}), 200)
        assert answered["questions"][0]["answer"] == "Talking to customers and shaping the roadmap."
        assert answered["questions"][0]["answered_at"] == iso(j.lab.now)
        assert j.pair.workspace(by=j.mentor)["questions"][0]["answer"].startswith("Talking to customers")
        assert j.mentor.notifications(j.pair.id, "question_answered")

    def test_accepting_the_request_makes_the_relationship_starting(self, journey):
        j = journey
        accepted = j.pair.accept()
        assert accepted["state"] == "starting"
        assert accepted["answered_at"] == iso(j.lab.now)
        assert accepted["waiting_for_me"] is False
        assert j.mentee.notifications(j.pair.id, "request_accepted")
        ws = j.pair.workspace()
        assert ws["purpose"]["version"] == 0
        assert any(s.startswith("Define your purpose") for s in ws["next_steps"])

    def test_the_relationship_becomes_active_only_when_both_agree_the_drafted_purpose(self, journey):
        j = journey
        ws = j.pair.draft(objective_list=j.first_objectives, outcome="A decision about moving into product.")
        purpose = ws["purpose"]
        assert ws["state"] == "starting"
        assert purpose["version"] == 1 and purpose["agreed"] is False
        assert [o["category"] for o in purpose["objectives"]] == ["networking", "skill_gaps"]
        assert [o["description"] for o in purpose["objectives"]] == [o["description"] for o in j.first_objectives]
        assert [o["success_measure"] for o in purpose["objectives"]] == [o["success_measure"] for o in j.first_objectives]
        assert purpose["desired_outcome"] == "A decision about moving into product."
        assert j.mentor.notifications(j.pair.id, "purpose_to_agree")
        j.objective_ids = [o["id"] for o in purpose["objectives"]]

        half = j.pair.agree(j.mentee, 1)
        assert half["state"] == "starting"
        assert half["purpose"]["agreed_by_me"] is True and half["purpose"]["agreed_by_other"] is False
        assert half["purpose"]["agreed"] is False
        j.times["active"] = j.lab.now
        both = j.pair.agree(j.mentor, 1)
        assert both["state"] == "active"
        assert both["purpose"]["agreed"] is True and both["purpose"]["agreed_at"] == iso(j.lab.now)
        assert both["activated_at"] == iso(j.lab.now)
        assert j.mentee.notifications(j.pair.id, "purpose_agreed")

    def test_editing_an_agreed_purpose_needs_both_to_agree_again(self, journey):
        j = journey
        edited = [dict(o, id=oid) for o, oid in zip(j.first_objectives, j.objective_ids)]
        edited[1]["description"] = "Lead one roadmap prioritisation session"
        ws = json_of(j.mentor.put(j.pair.path("/purpose"),
                                  json={"objectives": edited, "desired_outcome": "A decision, and a first product skill."}),
                     200)
        assert ws["state"] == "active"
        assert ws["purpose"]["version"] == 2 and ws["purpose"]["agreed"] is False
        assert ws["purpose"]["agreed_by_mentee"] is False and ws["purpose"]["agreed_by_mentor"] is False
        assert [o["id"] for o in ws["purpose"]["objectives"]] == j.objective_ids
        [nudge] = j.mentee.notifications(j.pair.id, "purpose_to_agree")
        assert "agree again" in nudge["message"]
        assert j.pair.workspace()["activated_at"] == iso(j.times["active"])
        j.pair.agree(j.mentee, 2)
        again = j.pair.agree(j.mentor, 2)
        assert again["purpose"]["agreed"] is True and again["state"] == "active"

    def test_phone_logistics_get_the_face_to_face_hint_and_video_does_not(self, journey):
        j = journey
        body = {"cadence_days": 14, "medium": "phone", "feedback_preference": "Direct, in writing after each meeting",
                "mentee_learning": "How product decisions are made", "mentor_learning": "How juniors see our roadmap",
                "review_date": day(j.lab.later(days=90))}
        ws = json_of(j.mentee.put(j.pair.path("/logistics"), json=body), 200)
        assert ws["logistics"]["medium"] == "phone"
        assert any("face to face" in h for h in ws["logistics"]["hints"])
        ws = json_of(j.mentee.put(j.pair.path("/logistics"),
                                  json=dict(body, medium="video", where="https://meet.example/roadmap")), 200)
        logistics = ws["logistics"]
        assert logistics["medium"] == "video" and logistics["where"] == "https://meet.example/roadmap"
        assert logistics["cadence_days"] == 14 and ws["cadence_days"] == 14
        assert logistics["mentor_learning"] == "How juniors see our roadmap"
        assert logistics["review_date"] == day(j.lab.later(days=90))
        assert not any("face to face" in h for h in logistics["hints"])
        assert logistics["hints"] == []

    def test_tasks_carry_a_type_an_owner_a_due_date_and_the_objective_they_serve(self, journey):
        j = journey
        first, second = j.objective_ids
        j.tasks["coffee"] = j.pair.add_task(title="Coffee with the payments PM", type="networking", owner="mentee",
                                            due=day(j.lab.later(days=3)), objective_id=first)
        j.tasks["course"] = j.pair.add_task(by=j.mentor, title="Send the prioritisation course", type="formal_learning",
                                            owner="mentor", due=day(j.lab.later(days=20)), objective_id=second)
        j.tasks["shadow"] = j.pair.add_task(title="Shadow a discovery interview", type="shadowing", owner="mentee",
                                            objective_id=first)
        ws = j.pair.workspace(by=j.mentor)
        by_title = {t["title"]: t for t in ws["tasks"]}
        coffee = by_title["Coffee with the payments PM"]
        assert (coffee["type"], coffee["owner"], coffee["due"], coffee["objective_id"], coffee["status"]) == \
               ("networking", "mentee", day(j.lab.later(days=3)), first, "open")
        course = by_title["Send the prioritisation course"]
        assert (course["type"], course["owner"], course["objective_id"]) == ("formal_learning", "mentor", second)
        assert by_title["Shadow a discovery interview"]["due"] is None
        assert not any(t["overdue"] for t in ws["tasks"])
        progress = {p["objective_id"]: p for p in ws["progress"]}
        assert progress[first]["open"] == 2 and progress[second]["open"] == 1

    def test_a_task_past_its_due_date_is_overdue_once_the_clock_has_moved(self, journey):
        j = journey
        j.lab.advance(days=5)
        ws = j.pair.workspace()
        overdue = {t["id"]: t["overdue"] for t in ws["tasks"]}
        assert overdue == {j.tasks["coffee"]["id"]: True, j.tasks["course"]["id"]: False,
                           j.tasks["shadow"]["id"]: False}
        assert {p["objective_id"]: p["overdue"] for p in ws["progress"]}[j.objective_ids[0]] == 1
        assert ws["state"] == "active"

    def test_a_new_meetings_agenda_lists_overdue_tasks_then_open_tasks_then_objectives(self, journey):
        j = journey
        meeting = j.pair.schedule(starts_at=j.lab.later(days=2))
        j.meetings["first"] = meeting
        assert meeting["status"] == "scheduled" and meeting["relationship_state"] == "active"
        assert meeting["medium"] == "video" and meeting["where"] == "https://meet.example/roadmap"
        agenda = [(a["kind"], a["ref_id"]) for a in meeting["agenda"]]
        assert agenda == [("overdue_task", j.tasks["coffee"]["id"]),
                          ("open_task", j.tasks["course"]["id"]),
                          ("open_task", j.tasks["shadow"]["id"]),
                          ("objective", j.objective_ids[0]),
                          ("objective", j.objective_ids[1])]
        assert "Coffee with the payments PM" in meeting["agenda"][0]["text"]
        assert j.mentee.notifications(j.pair.id, "meeting_scheduled")

    def test_a_meeting_is_held_only_after_it_has_started(self, journey):
        j = journey
        path = j.pair.path(f"/meetings/{j.meetings['first']['id']}")
        r = j.mentee.patch(path, json={"status": "held"})
        assert r.status_code == 409 and error_of(r)["field"] == "status"
        assert json_of(j.mentee.get(path), 200)["status"] == "scheduled"
        j.lab.advance(days=2, hours=1)
        held = json_of(j.mentee.patch(path, json={"status": "held"}), 200)
        assert held["status"] == "held"

    def test_shared_notes_are_seen_by_both(self, journey):
        j = journey
        path = j.pair.path(f"/meetings/{j.meetings['first']['id']}")
        json_of(j.mentor.patch(path, json={"shared_notes": "Agreed: two coffee chats before we meet again."}), 200)
        assert json_of(j.mentee.get(path), 200)["shared_notes"] == "Agreed: two coffee chats before we meet again."

    def test_private_notes_are_visible_to_their_author_only(self, journey):
        j = journey
        path = j.pair.path(f"/meetings/{j.meetings['first']['id']}")
        mine = json_of(j.mentee.put(path + "/private-note", json={"text": "I was nervous about the roadmap talk."}), 200)
        assert mine["my_private_note"] == "I was nervous about the roadmap talk."
        json_of(j.mentor.put(path + "/private-note", json={"text": "She undersells her analysis skills."}), 200)
        as_mentee, as_mentor = json_of(j.mentee.get(path), 200), json_of(j.mentor.get(path), 200)
        assert as_mentee["my_private_note"] == "I was nervous about the roadmap talk."
        assert as_mentor["my_private_note"] == "She undersells her analysis skills."
        mentee_view = j.mentee.get(path).text + j.mentee.get(j.pair.path()).text
        mentor_view = j.mentor.get(path).text + j.mentor.get(j.pair.path()).text
        assert "undersells" not in mentee_view
        assert "nervous" not in mentor_view

    def test_a_third_story_in_one_meeting_gives_the_mentor_a_hint(self, journey):
        j = journey
        path = j.pair.path(f"/meetings/{j.meetings['first']['id']}/stories")
        hints = []
        for n in range(3):
            r = json_of(j.mentor.post(path, json={"story": f"Story {n + 1}: my first roadmap review went badly.",
                                                  "point": f"Point {n + 1}: prepare the numbers"}), 201)
            j.stories.append(r["story"])
            hints.append(r["story_hints"])
            assert r["story"]["question_for_mentee"].startswith("What did you learn")
        assert hints[0] == [] and hints[1] == []
        assert len(hints[2]) == 1 and "3 stories" in hints[2][0]
        assert json_of(j.mentee.get(j.pair.path(f"/meetings/{j.meetings['first']['id']}")), 200)["story_hints"] == []
        assert len(j.mentee.notifications(j.pair.id, "story_to_reflect")) == 3

    def test_the_mentee_reflects_on_a_story(self, journey):
        j = journey
        ws = json_of(j.mentee.post(j.pair.path(f"/stories/{j.stories[0]['id']}/reflection"),
                                   json={"reflection": "I will rehearse the numbers with a peer first."}), 200)
        story = next(s for s in ws["stories"] if s["id"] == j.stories[0]["id"])
        assert story["reflection"] == "I will rehearse the numbers with a peer first."
        assert story["reflected_at"] == iso(j.lab.now)

    def test_a_story_in_a_later_meeting_reminds_the_mentor_of_earlier_stories_without_reflection(self, journey):
        j = journey
        second = j.pair.schedule(starts_at=j.lab.later(days=1))
        j.meetings["second"] = second
        j.lab.advance(days=1, hours=1)
        path = j.pair.path(f"/meetings/{second['id']}")
        json_of(j.mentor.patch(path, json={"status": "held"}), 200)
        r = json_of(j.mentor.post(path + "/stories", json={"story": "When I switched teams I lost my network.",
                                                           "point": "Keep in touch with old colleagues"}), 201)
        [hint] = r["story_hints"]
        assert hint.startswith("2 earlier stories have no reflection yet")

    def test_without_a_meeting_for_twice_the_cadence_the_relationship_fades_and_both_are_notified(self, journey):
        j = journey
        j.lab.advance(days=27)  # the last held meeting was 27 days and 1 hour ago: not yet
        assert j.pair.state() == "active"
        j.times["fading"] = j.lab.now + dt.timedelta(days=2)
        report = j.lab.advance(days=2)
        assert report["faded"] >= 1
        ws = j.pair.workspace()
        assert ws["state"] == "fading"
        assert ws["next_steps"][0].startswith("This relationship is fading")
        for person in (j.mentee, j.mentor):
            [nudge] = person.notifications(j.pair.id, "fading")
            assert "Schedule a meeting" in nudge["message"] and "28 days" in nudge["message"]
            assert nudge["created_at"] == iso(j.times["fading"])

    def test_scheduling_a_meeting_makes_a_fading_relationship_active_again(self, journey):
        j = journey
        j.times["revived"] = j.lab.now
        meeting = j.pair.schedule(by=j.mentor, starts_at=j.lab.later(days=3))
        assert meeting["relationship_state"] == "active"
        assert j.pair.state() == "active"

    def test_concluding_starts_the_debrief_for_both(self, journey):
        j = journey
        j.lab.advance(hours=2)
        j.times["concluding"] = j.lab.now
        summary = j.pair.conclude(by=j.mentee)
        assert summary["state"] == "concluding"
        assert summary["submitted_by_me"] is False and summary["debriefs"] == []
        assert j.mentor.notifications(j.pair.id, "concluding")

    def test_each_side_sees_only_their_own_debrief_until_both_have_submitted(self, journey):
        j = journey
        mine = json_of(j.mentee.put(j.pair.path("/debrief"), json=debrief_body(
            j.objective_ids, outcome="partly", achieved="Held the chats and wrote them up in the wiki.",
            still_to_do="Lead a roadmap session on my own.", do_differently="Ask for feedback sooner.", rating=5)), 200)
        assert mine["state"] == "concluding"
        assert [d["author_id"] for d in mine["debriefs"]] == [j.mentee.id]
        assert mine["submitted_by_me"] is True and mine["submitted_by_other"] is False
        theirs = json_of(j.mentor.get(j.pair.path("/debrief")), 200)
        assert theirs["debriefs"] == [] and theirs["submitted_by_other"] is True
        hidden = j.mentor.get(j.pair.path("/debrief")).text
        assert "wrote them up in the wiki" not in hidden and "Ask for feedback sooner" not in hidden
        assert j.mentor.notifications(j.pair.id, "debrief_waiting")

    def test_the_second_debrief_concludes_and_both_are_shown_side_by_side_with_the_purpose_agreed_at_start(self, journey):
        j = journey
        j.times["concluded"] = j.lab.now
        summary = json_of(j.mentor.put(j.pair.path("/debrief"), json=debrief_body(
            j.objective_ids, outcome="achieved", achieved="She runs her own discovery interviews.",
            still_to_do="Present the roadmap to leadership.", do_differently="Set the review date earlier.",
            rating=4)), 200)
        assert summary["state"] == "concluded"
        for viewer in (j.mentee, j.mentor):
            both = json_of(viewer.get(j.pair.path("/debrief")), 200)
            assert {d["author_id"] for d in both["debriefs"]} == {j.mentee.id, j.mentor.id}
            by_author = {d["author_id"]: d for d in both["debriefs"]}
            assert by_author[j.mentee.id]["rating"] == 5 and by_author[j.mentor.id]["rating"] == 4
            assert {o["outcome"] for o in by_author[j.mentee.id]["outcomes"]} == {"partly"}
            at_start = both["purpose_agreed_at_start"]
            assert at_start["version"] == 1
            assert [o["description"] for o in at_start["objectives"]] == [o["description"] for o in j.first_objectives]
            assert both["purpose"]["version"] == 2
        assert j.pair.workspace()["concluded_at"] == iso(j.times["concluded"])
        assert j.mentee.notifications(j.pair.id, "concluded") and j.mentor.notifications(j.pair.id, "concluded")

    def test_after_conclusion_every_write_is_409(self, journey):
        j = journey
        task, meeting = j.tasks["coffee"]["id"], j.meetings["first"]["id"]
        before = j.pair.workspace()
        writes = [
            ("POST", "/tasks", {"title": "One more thing"}),
            ("PATCH", f"/tasks/{task}", {"status": "done"}),
            ("POST", "/meetings", {"starts_at": iso(j.lab.later(days=2))}),
            ("PATCH", f"/meetings/{meeting}", {"shared_notes": "late notes"}),
            ("PUT", f"/meetings/{meeting}/private-note", {"text": "late thought"}),
            ("POST", f"/meetings/{meeting}/stories", {"story": "One more", "point": "late"}),
            ("POST", f"/stories/{j.stories[1]['id']}/reflection", {"reflection": "late"}),
            ("PUT", "/purpose", {"objectives": objectives()}),
            ("POST", "/purpose/agree", {"version": 2}),
            ("PUT", "/logistics", {"cadence_days": 7}),
            ("POST", "/conclude", None),
            ("PUT", "/debrief", debrief_body(j.objective_ids)),
        ]
        for method, suffix, body in writes:
            actor = j.mentor if "stories" in suffix and "reflection" not in suffix else j.mentee
            r = actor.request(method, j.pair.path(suffix), json=body) if body is not None else \
                actor.request(method, j.pair.path(suffix))
            assert r.status_code == 409, (method, suffix, r.status_code, r.text)
            assert "concluded" in error_of(r)["message"], (method, suffix, r.text)
        assert j.pair.workspace() == before

    def test_a_follow_up_request_is_prefilled_from_what_still_needs_doing(self, journey):
        j = journey
        r = j.mentee.post(j.pair.path("/follow-up"), json={"message": "Shall we go on with a new purpose?"})
        follow = json_of(r, 201)
        assert r.headers["Location"] == f"/api/v1/relationships/{follow['id']}"
        assert follow["id"] != j.pair.id and follow["state"] == "requested"
        assert follow["mentee"]["id"] == j.mentee.id and follow["mentor"]["id"] == j.mentor.id
        assert "Lead a roadmap session on my own." in follow["draft_purpose"]
        assert "Present the roadmap to leadership." in follow["draft_purpose"]
        assert j.mentor.notifications(follow["id"], "request_received")
        assert json_of(j.mentor.get(f"/api/v1/relationships/{follow['id']}"), 200)["waiting_for_me"] is True

    def test_the_events_list_every_transition_with_its_actor_and_time(self, journey):
        j = journey
        events = j.pair.events()
        assert events == j.pair.events(by=j.mentor)
        steps = [(e["from"], e["to"], e["actor_id"], e["at"]) for e in events]
        t = {k: iso(v) for k, v in j.times.items()}
        assert steps == [
            ("requested", "requested", j.mentee.id, t["requested"]),
            ("requested", "accepted", j.mentor.id, t["requested"]),
            ("accepted", "starting", None, t["requested"]),
            ("starting", "active", j.mentor.id, t["active"]),
            ("active", "fading", None, t["fading"]),
            ("fading", "active", j.mentor.id, t["revived"]),
            ("active", "concluding", j.mentee.id, t["concluding"]),
            ("concluding", "concluded", None, t["concluded"]),
        ]


# ---------------------------------------------------------------------------------------------
# The other ends of a request


def test_a_declined_request_shows_the_reason_to_the_requester(clock_lab):
    pair = requested_pair(clock_lab)
    declined = json_of(pair.mentor.post(pair.path("/decline"),
                                        json={"reason": "I am travelling until March; try Priya, she knows payments."}),
                       200)
    assert declined["state"] == "declined" and declined["answered_at"] == iso(clock_lab.now)
    seen = pair.workspace(by=pair.mentee)
    assert seen["state"] == "declined"
    assert seen["decline_reason"] == "I am travelling until March; try Priya, she knows payments."
    [nudge] = pair.mentee.notifications(pair.id, "request_declined")
    assert "travelling until March" in nudge["message"]
    [*_, last] = pair.events()
    assert (last["from"], last["to"], last["actor_id"]) == ("requested", "declined", pair.mentor.id)


def test_the_initiator_withdraws_a_waiting_request(clock_lab):
    pair = requested_pair(clock_lab)
    withdrawn = json_of(pair.mentee.post(pair.path("/withdraw")), 200)
    assert withdrawn["state"] == "withdrawn"
    assert pair.workspace(by=pair.mentor)["state"] == "withdrawn"
    assert pair.workspace(by=pair.mentor)["waiting_for_me"] is False
    [*_, last] = pair.events()
    assert (last["from"], last["to"], last["actor_id"]) == ("requested", "withdrawn", pair.mentee.id)
    r = pair.mentor.post(pair.path("/accept"))
    assert r.status_code == 409 and "withdrawn" in error_of(r)["message"]


def test_a_mentor_offers_to_mentor_and_the_mentee_accepts(clock_lab):
    mentee, mentor = clock_lab.mentee(), clock_lab.mentor()
    offer = json_of(mentor.post("/api/v1/relationships", json={
        "mentee_id": mentee.id, "message": "I saw your talk on onboarding; I can help you grow as a lead."}), 201)
    assert offer["initiated_by"] == "mentor" and offer["my_role"] == "mentor" and offer["state"] == "requested"
    pair = Pair(clock_lab, offer, mentee=mentee, mentor=mentor)
    seen = pair.workspace(by=mentee)
    assert seen["waiting_for_me"] is True and seen["my_role"] == "mentee"
    [nudge] = mentee.notifications(pair.id, "request_received")
    assert "offers to mentor you" in nudge["message"]
    accepted = json_of(mentee.post(pair.path("/accept")), 200)
    assert accepted["state"] == "starting"
    assert mentor.notifications(pair.id, "request_accepted")
    assert [(e["to"], e["actor_id"]) for e in pair.events()] == \
           [("requested", mentor.id), ("accepted", mentee.id), ("starting", None)]


def test_an_unanswered_request_expires_after_14_days_and_the_requester_is_notified(clock_lab):
    pair = requested_pair(clock_lab)
    requested_at = clock_lab.now
    clock_lab.advance(days=13, hours=23)
    assert pair.state() == "requested"
    assert pair.mentee.notifications(pair.id, "request_expired") == []
    report = clock_lab.advance(hours=1)
    assert report["expired"] >= 1
    assert pair.state() == "expired"
    [nudge] = pair.mentee.notifications(pair.id, "request_expired")
    assert "expired without an answer" in nudge["message"]
    assert pair.mentor.notifications(pair.id, "request_expired") == []
    [*_, last] = pair.events()
    assert (last["from"], last["to"], last["actor_id"], last["at"]) == \
           ("requested", "expired", None, iso(requested_at + dt.timedelta(days=14)))
    r = pair.mentor.post(pair.path("/accept"))
    assert r.status_code == 409 and "expired" in error_of(r)["message"]


def test_an_expired_request_no_longer_counts_against_the_pair(clock_lab):
    pair = requested_pair(clock_lab)
    clock_lab.advance(days=14)
    assert pair.state() == "expired"
    again = requested_pair(clock_lab, mentee=pair.mentee, mentor=pair.mentor)
    assert again.state() == "requested"


def test_the_fading_check_uses_the_pairs_own_cadence(clock_lab):
    weekly = active_pair(clock_lab)
    json_of(weekly.mentee.put(weekly.path("/logistics"), json={"cadence_days": 5, "medium": "video"}), 200)
    monthly = active_pair(clock_lab)
    json_of(monthly.mentee.put(monthly.path("/logistics"), json={"cadence_days": 30, "medium": "video"}), 200)
    clock_lab.advance(days=10)
    assert (weekly.state(), monthly.state()) == ("active", "active")
    clock_lab.advance(days=1)
    assert (weekly.state(), monthly.state()) == ("fading", "active")
    [nudge] = weekly.mentor.notifications(weekly.id, "fading")
    assert "10 days" in nudge["message"]
    assert monthly.mentee.notifications(monthly.id, "fading") == []


def test_an_expired_offer_does_not_tell_the_mentor_to_look_for_another_mentor(clock_lab):
    mentee, mentor = clock_lab.mentee(), clock_lab.mentor()
    offer = json_of(mentor.post("/api/v1/relationships", json={"mentee_id": mentee.id}), 201)
    clock_lab.advance(days=14)
    [nudge] = mentor.notifications(offer["id"], "request_expired")
    assert mentee.name in nudge["message"]
    assert "another mentor" not in nudge["message"]


def test_a_pair_that_never_agrees_a_purpose_is_reminded_twice_and_shown_as_not_started(clock_lab):
    # Issue 16: a pair that accepted and never agreed a purpose stayed `starting` forever.
    pair = starting_pair(clock_lab)
    clock_lab.advance(days=6)
    assert pair.mentee.notifications(pair.id, "purpose_not_agreed") == []
    report = clock_lab.advance(days=1, seconds=60)
    assert report["reminded"] >= 1
    for person in (pair.mentee, pair.mentor):
        [reminder] = person.notifications(pair.id, "purpose_not_agreed")
        assert "have not agreed a purpose" in reminder["message"]
    clock_lab.advance(seconds=300)  # the check runs again: no second reminder for the same occasion
    assert len(pair.mentee.notifications(pair.id, "purpose_not_agreed")) == 1
    overview = json_of(clock_lab.admin.get("/api/v1/admin/relationships", params={"state": "starting"}), 200)
    [item] = [i for i in overview["items"] if i["id"] == pair.id]
    assert item["not_started"] is True and overview["not_started"] >= 1
    clock_lab.advance(days=7)
    assert len(pair.mentor.notifications(pair.id, "purpose_not_agreed")) == 2
    clock_lab.advance(days=30)
    assert len(pair.mentor.notifications(pair.id, "purpose_not_agreed")) == 2


def test_a_meeting_that_already_happened_is_recorded_as_held_and_takes_a_story(clock_lab):
    # Issue 16: a meeting could not be scheduled in the past, so a pair that met before writing
    # it down could not record that meeting at all.
    pair = active_pair(clock_lab)
    met = iso(clock_lab.later(days=-1))
    r = pair.mentee.post(pair.path("/meetings"), json={"starts_at": met, "held": True, "duration_minutes": 30,
                                                        "shared_notes": "Coffee; agreed the first steps."})
    meeting = json_of(r, 201)
    assert (meeting["status"], meeting["recorded_afterwards"]) == ("held", True)
    assert meeting["shared_notes"] == "Coffee; agreed the first steps."
    assert pair.mentor.notifications(pair.id, "meeting_recorded")
    story = pair.mentor.post(pair.path(f"/meetings/{meeting['id']}/stories"),
                             json={"story": "I kept no notes once and we lost a month.", "point": "Write it down"})
    assert story.status_code == 201, story.text
    future = pair.mentee.post(pair.path("/meetings"), json={"starts_at": iso(clock_lab.later(days=1)), "held": True})
    assert_error(future, 422, "starts_at", ["started"])
    notes_early = pair.mentee.post(pair.path("/meetings"), json={"starts_at": iso(clock_lab.later(days=1)),
                                                                 "shared_notes": "too soon"})
    assert_error(notes_early, 422, "shared_notes")
