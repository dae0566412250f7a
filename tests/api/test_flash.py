"""Flash mentoring through the API, on a server running on a fake clock: a mentor publishes
topics with slots in their own timezone; a mentee books a slot with a question; a slot is booked
once (racing bookings have one winner, the others get 409 with the next free slots); either side
cancels until 2 hours before; after the session the mentee records a takeaway and a rating and
the mentor a resource link, until the follow-up closes a week after the end; either proposes a
one-to-one relationship, under the same hard rules as any request; and who sees what."""
import datetime as dt

import pytest

from conftest import error_of
from lifecycle_helpers import (Resource, assert_error, clock_lab, clock_server, iso, json_of, parse_time,  # noqa: F401
                               learner_of, run_together, unique_word)

MISSING = "987654321"
SECRET = "SECRET-flash-"






def flash_mentor(lab, **fields):
    fields.setdefault("mentor_capacity", 2)
    return lab.person(formats_offered=["one_to_one", "flash"], **fields)


class Topic(Resource):
    """A flash topic and its mentor."""

    collection = "/api/v1/flash/topics"
    reads_as = "mentor"

    def slots(self, by=None):
        return self.read(by=by)["slots"]

    def slot_ids(self):
        return [s["id"] for s in self.created["slots"]]


def publish(lab, mentor=None, hours=(24,), duration=30, **body):
    """A topic with slots starting that many hours from now."""
    mentor = mentor or flash_mentor(lab)
    payload = {"title": "Building a pivot table", "description": "From raw rows to an answer.",
               "slots": [{"start": iso(lab.later(hours=h)), "duration_minutes": duration} for h in hours]}
    payload.update(body)
    r = mentor.post("/api/v1/flash/topics", json=payload)
    created = json_of(r, 201)
    assert r.headers["Location"] == f"/api/v1/flash/topics/{created['id']}"
    return Topic(lab, created, mentor=mentor)


def book(actor, slot_id, question="How do I group dates by month?"):
    return actor.post(f"/api/v1/flash/slots/{slot_id}/book", json={"question": question})


def booking_path(booking, suffix=""):
    return f"/api/v1/flash/bookings/{booking['id']}{suffix}"


def takeaway(actor, booking, text="Group the date field by month.", rating=5):
    return actor.put(booking_path(booking, "/takeaway"), json={"takeaway": text, "rating": rating})


# ---------------------------------------------------------------------------------------------
# Topics and slots


def test_a_mentor_publishes_a_topic_with_slots_in_their_own_timezone(clock_lab):
    lab = clock_lab
    mentor = flash_mentor(lab, timezone="America/New_York")
    winter_day = (lab.now + dt.timedelta(days=3)).strftime("%Y-%m-%d")
    summer_day = f"{lab.now.year + 1}-07-01"
    r = mentor.post("/api/v1/flash/topics", json={
        "title": "Building a pivot table", "description": "Bring your own spreadsheet.",
        "slots": [{"start": f"{winter_day}T10:00", "duration_minutes": 30},
                  {"start": f"{winter_day}T11:00:00"},
                  {"start": f"{summer_day}T10:00", "duration_minutes": 45}]})
    topic = json_of(r, 201)
    assert topic["mentor"]["id"] == mentor.id and topic["timezone"] == "America/New_York"
    assert topic["published"] is True and topic["free_slots"] == 3
    slots = topic["slots"]
    assert [(s["local_start"], s["starts_at"], s["duration_minutes"]) for s in slots] == [
        (f"{winter_day}T10:00", f"{winter_day}T15:00:00Z", 30),
        (f"{winter_day}T11:00", f"{winter_day}T16:00:00Z", 30),
        (f"{summer_day}T10:00", f"{summer_day}T14:00:00Z", 45),
    ]
    assert slots[0]["ends_at"] == f"{winter_day}T15:30:00Z"
    assert all(s["free"] and s["timezone"] == "America/New_York" for s in slots)
    seen = json_of(lab.person().get(f"/api/v1/flash/topics/{topic['id']}"), 200)
    assert [s["id"] for s in seen["slots"]] == [s["id"] for s in slots]
    assert seen["next_free_slot"]["id"] == slots[0]["id"]
    assert "booked_by" not in seen["slots"][0]


def test_only_a_mentor_offering_flash_publishes_topics(clock_lab):
    lab = clock_lab
    plain = lab.person(formats_offered=["one_to_one"])
    r = plain.post("/api/v1/flash/topics", json={"title": "Pivot tables"})
    assert_error(r, 422, "formats_offered", ["flash"])


@pytest.mark.parametrize("body,field", [
    ({}, "title"),
    ({"title": ""}, "title"),
    ({"title": "t" * 201}, "title"),
    ({"title": "t", "description": "d" * 2001}, "description"),
    ({"title": "t", "slots": "tomorrow"}, "slots"),
    ({"title": "t", "slots": [{"duration_minutes": 30}]}, "slots[0].start"),
    ({"title": "t", "slots": [{"start": "soon"}]}, "slots[0].start"),
    ({"title": "t", "slots": [{"start": "2026-12-24"}]}, "slots[0].start"),
    ({"title": "t", "slots": [{"start": "2020-01-01T10:00"}]}, "slots[0].start"),
    ({"title": "t", "slots": [{"start": "2099-01-01T10:00"}]}, "slots[0].start"),
    ({"title": "t", "slots": [{"start": "NEXT", "duration_minutes": 5}]}, "slots[0].duration_minutes"),
    ({"title": "t", "slots": [{"start": "NEXT", "duration_minutes": 121}]}, "slots[0].duration_minutes"),
    ({"title": "t", "slots": [{"start": "NEXT", "room": "4.12"}]}, "slots[0].room"),
    ({"title": "t", "slots": [{"start": "NEXT"}] * 51}, "slots"),
    ({"title": "t", "colour": "blue"}, "colour"),
], ids=lambda v: str(v)[:50])
def test_bad_topics_and_slots_are_422_naming_the_field(clock_lab, body, field):
    lab = clock_lab
    mentor = flash_mentor(lab)
    next_week = (lab.now + dt.timedelta(days=7)).strftime("%Y-%m-%dT10:00")
    if "slots" in body and isinstance(body["slots"], list):
        body = dict(body, slots=[{k: (next_week if v == "NEXT" else v) for k, v in s.items()} for s in body["slots"]])
    assert_error(mentor.post("/api/v1/flash/topics", json=body), 422, field)
    assert json_of(mentor.get(f"/api/v1/flash/topics?mentor_id={mentor.id}"), 200)["items"] == []


def test_a_mentors_slots_never_overlap(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(24,), duration=60)
    start = lab.later(hours=24, minutes=30)
    r = topic.mentor.post(topic.path("/slots"), json={"slots": [{"start": iso(start)}]})
    assert_error(r, 409, "slots[0].start", ["overlaps"])
    # Across topics too, and within one call.
    r = topic.mentor.post("/api/v1/flash/topics", json={"title": "Other", "slots": [{"start": iso(start)}]})
    assert_error(r, 409, "slots[0].start")
    later = lab.later(hours=30)
    r = topic.mentor.post(topic.path("/slots"), json={"slots": [{"start": iso(later)},
                                                                 {"start": iso(later + dt.timedelta(minutes=10))}]})
    assert_error(r, 409, "slots[1].start")
    assert len(topic.slots()) == 1
    # Back to back is fine.
    r = topic.mentor.post(topic.path("/slots"), json={"slots": [{"start": iso(lab.later(hours=25))}]})
    assert len(json_of(r, 201)["slots"]) == 2


# ---------------------------------------------------------------------------------------------
# Booking


def test_a_mentee_books_a_slot_with_a_question(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(24, 48))
    mentee = lab.person()
    slot_id = topic.slot_ids()[0]
    r = book(mentee, slot_id, "Why does my pivot count instead of sum?")
    booking = json_of(r, 201)
    assert r.headers["Location"] == booking_path(booking)
    assert (booking["phase"], booking["status"], booking["my_role"]) == ("upcoming", "booked", "mentee")
    assert booking["question"] == "Why does my pivot count instead of sum?"
    assert booking["topic"] == {"id": topic.id, "title": "Building a pivot table"}
    assert booking["mentor"]["id"] == topic.mentor.id and booking["mentee"]["id"] == mentee.id
    starts = parse_time(booking["starts_at"])
    assert parse_time(booking["cancel_until"]) == starts - dt.timedelta(hours=2)
    assert parse_time(booking["follow_up_until"]) == starts + dt.timedelta(minutes=30, days=7)
    assert booking["takeaway"] is None and booking["rating"] is None and booking["relationship_id"] is None
    nudge = topic.mentor.notifications(kind="flash_booked")[0]
    assert "Why does my pivot count instead of sum?" in nudge["message"]
    # Who booked shows to the mentor and the mentee only.
    by_mentor = {s["id"]: s for s in topic.slots()}
    assert by_mentor[slot_id]["free"] is False and by_mentor[slot_id]["booked_by"]["id"] == mentee.id
    by_mentee = {s["id"]: s for s in topic.slots(mentee)}
    assert by_mentee[slot_id]["booked_by_me"] is True and by_mentee[slot_id]["booking_id"] == booking["id"]
    by_other = {s["id"]: s for s in topic.slots(lab.person())}
    assert by_other[slot_id]["free"] is False and by_other[slot_id]["booking_id"] is None
    assert "booked_by" not in by_other[slot_id]
    assert json_of(lab.person().get(topic.path()), 200)["free_slots"] == 1
    assert [b["id"] for b in json_of(mentee.get("/api/v1/flash/bookings"), 200)["items"]] == [booking["id"]]
    assert [b["id"] for b in json_of(topic.mentor.get("/api/v1/flash/bookings?role=mentor"), 200)["items"]] == \
        [booking["id"]]
    assert json_of(topic.mentor.get("/api/v1/flash/bookings?role=mentee"), 200)["items"] == []
    assert_error(mentee.get("/api/v1/flash/bookings?role=host"), 422, "role")


def test_a_slot_is_booked_once_and_the_loser_is_offered_the_next_free_slots(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(24, 25, 26, 27, 28))
    first, second = lab.person(), lab.person()
    ids = topic.slot_ids()
    json_of(book(first, ids[0]), 201)
    err = assert_error(book(second, ids[0]), 409, "slot_id", ["already booked"])
    assert [s["id"] for s in err["next_free_slots"]] == ids[1:4]
    assert all(s["free"] for s in err["next_free_slots"])
    # With no other free slot, the list is empty and the message says so.
    lone = publish(lab, hours=(30,), title="Handling an escalated customer")
    json_of(book(first, lone.slot_ids()[0]), 201)
    err = assert_error(book(second, lone.slot_ids()[0]), 409, "slot_id", ["no other free slot"])
    assert err["next_free_slots"] == []


@pytest.mark.parametrize("racers", [2, 4])
def test_racing_bookings_for_one_slot_have_exactly_one_winner(clock_lab, racers):
    lab = clock_lab
    topic = publish(lab, hours=(24, 26, 28))
    target = topic.slot_ids()[0]
    mentees = [lab.person() for _ in range(racers)]
    results = run_together(*[lambda m=m: book(m, target, f"Question from {m.name}") for m in mentees])
    codes = sorted(r.status_code for r in results)
    assert codes == [201] + [409] * (racers - 1), [r.text for r in results]
    for r in results:
        if r.status_code == 409:
            err = error_of(r)
            assert err["field"] == "slot_id"
            assert [s["id"] for s in err["next_free_slots"]] == topic.slot_ids()[1:]
    winner = next(m for m, r in zip(mentees, results) if r.status_code == 201)
    booked = {s["id"]: s for s in topic.slots()}[target]
    assert booked["booked_by"]["id"] == winner.id
    assert len([b for b in json_of(topic.mentor.get("/api/v1/flash/bookings"), 200)["items"]
                if b["status"] == "booked"]) == 1


def test_the_booking_rules(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(24, 26))
    mentee = lab.person()
    ids = topic.slot_ids()
    assert_error(book(topic.mentor, ids[0]), 422, "slot_id", ["your own"])
    assert_error(mentee.post(f"/api/v1/flash/slots/{ids[0]}/book", json={}), 422, "question")
    assert_error(book(mentee, ids[0], "   "), 422, "question")
    assert_error(book(mentee, ids[0], "q" * 2001), 422, "question")
    assert_error(mentee.post(f"/api/v1/flash/slots/{ids[0]}/book", json={"question": "q", "x": 1}), 422, "x")
    assert_error(book(mentee, MISSING), 404)
    json_of(book(mentee, ids[0]), 201)
    assert_error(book(mentee, ids[1]), 409, "slot_id", ["on this topic"])
    # At most three upcoming sessions at once.
    others = [publish(lab, hours=(40 + i,), title=f"Topic {i}") for i in range(3)]
    json_of(book(mentee, others[0].slot_ids()[0]), 201)
    json_of(book(mentee, others[1].slot_ids()[0]), 201)
    assert_error(book(mentee, others[2].slot_ids()[0]), 409, "slot_id", ["3 upcoming"])


def test_an_unpublished_topic_or_a_withdrawn_slot_cannot_be_booked(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(24, 26, 28))
    ids = topic.slot_ids()
    mentee = lab.person()
    withdrawn = json_of(topic.mentor.request("DELETE", f"{topic.path()}/slots/{ids[2]}"), 200)
    assert ids[2] not in [s["id"] for s in topic.slots(mentee)]
    assert {s["id"]: s["withdrawn"] for s in withdrawn["slots"]}[ids[2]] is True  # the mentor still sees it
    assert_error(book(mentee, ids[2]), 409, "slot_id", ["no longer offered"])
    json_of(book(mentee, ids[0]), 201)
    assert_error(topic.mentor.request("DELETE", f"{topic.path()}/slots/{ids[0]}"), 409, "slot_id", ["booked"])
    assert_error(lab.person().request("DELETE", f"{topic.path()}/slots/{ids[1]}"), 403)
    assert_error(topic.mentor.request("DELETE", f"{topic.path()}/slots/{MISSING}"), 404)
    json_of(topic.mentor.patch(topic.path(), json={"published": False}), 200)
    assert_error(book(lab.person(), ids[1]), 409, "slot_id", ["no longer offered"])
    assert_error(lab.person().get(topic.path()), 404)
    assert json_of(topic.mentor.get(topic.path()), 200)["published"] is False
    # The booked session still takes place.
    assert json_of(mentee.get("/api/v1/flash/bookings"), 200)["items"][0]["phase"] == "upcoming"


# ---------------------------------------------------------------------------------------------
# Cancelling


def test_the_mentee_cancelling_frees_the_slot_and_the_mentor_cancelling_withdraws_it(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(24,))
    slot = topic.slot_ids()[0]
    a, b = lab.person(), lab.person()
    booking = json_of(book(a, slot), 201)
    assert_error(lab.person().post(booking_path(booking, "/cancel"), json={}), 403)
    cancelled = json_of(a.post(booking_path(booking, "/cancel"), json={"reason": "My sprint moved."}), 200)
    assert (cancelled["phase"], cancelled["cancelled_by"]) == ("cancelled", a.id)
    assert "My sprint moved." in topic.mentor.notifications(kind="flash_cancelled")[0]["message"]
    assert_error(a.post(booking_path(booking, "/cancel")), 409, "state", ["already cancelled"])
    # The slot is free again for someone else.
    again = json_of(book(b, slot), 201)
    json_of(topic.mentor.post(booking_path(again, "/cancel")), 200)
    assert b.notifications(kind="flash_cancelled")
    assert slot not in [s["id"] for s in topic.slots(b)]
    assert_error(book(lab.person(), slot), 409, "slot_id", ["no longer offered"])


def test_either_side_cancels_until_two_hours_before_the_start(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(4, 5))
    first_slot, second_slot = topic.slot_ids()
    a, b = lab.person(), lab.person()
    first = json_of(book(a, first_slot), 201)
    second = json_of(book(b, second_slot), 201)
    lab.advance(hours=2)  # exactly the cutoff of the first
    json_of(a.post(booking_path(first, "/cancel")), 200)
    lab.advance(hours=1, seconds=1)  # one second past the cutoff of the second
    for who in (b, topic.mentor):
        assert_error(who.post(booking_path(second, "/cancel")), 409, "state", ["2 hours"])
    assert json_of(b.get(booking_path(second)), 200)["status"] == "booked"


# ---------------------------------------------------------------------------------------------
# After the session


def test_after_the_session_a_takeaway_a_rating_and_a_resource_until_the_follow_up_closes(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(3,))
    mentee = lab.person()
    booking = json_of(book(mentee, topic.slot_ids()[0]), 201)
    assert_error(takeaway(mentee, booking), 409, "state", ["not started"])
    lab.advance(hours=3)
    assert json_of(mentee.get(booking_path(booking)), 200)["phase"] == "follow_up"
    assert_error(takeaway(topic.mentor, booking), 403)
    assert_error(takeaway(mentee, booking, rating=6), 422, "rating")
    assert_error(takeaway(mentee, booking, rating=0), 422, "rating")
    assert_error(mentee.put(booking_path(booking, "/takeaway"), json={"takeaway": "x"}), 422, "rating")
    assert_error(takeaway(mentee, booking, text=" "), 422, "takeaway")
    done = json_of(takeaway(mentee, booking, text="Use Sum, not Count, in the values area.", rating=4), 200)
    assert (done["takeaway"], done["rating"]) == ("Use Sum, not Count, in the values area.", 4)
    assert topic.mentor.notifications(kind="flash_takeaway")
    resource = {"resource_url": "https://support.example.com/pivot-tables", "note": "Chapter 3"}
    assert_error(mentee.put(booking_path(booking, "/resource"), json=resource), 403)
    assert_error(topic.mentor.put(booking_path(booking, "/resource"), json={"resource_url": "javascript:alert(1)"}),
                 422, "resource_url")
    with_link = json_of(topic.mentor.put(booking_path(booking, "/resource"), json=resource), 200)
    assert (with_link["resource_url"], with_link["resource_note"]) == (resource["resource_url"], "Chapter 3")
    seen = json_of(mentee.get(booking_path(booking)), 200)
    assert seen["resource_url"] == resource["resource_url"] and mentee.notifications(kind="flash_resource")
    assert_error(mentee.post(booking_path(booking, "/cancel")), 409, "state", ["already started"])
    # A week after the end it is completed and read-only.
    lab.advance(days=7, hours=1)
    seen = json_of(mentee.get(booking_path(booking)), 200)
    assert seen["phase"] == "completed" and seen["rating"] == 4
    assert_error(takeaway(mentee, booking), 409, "state", ["read-only"])
    assert_error(topic.mentor.put(booking_path(booking, "/resource"), json=resource), 409, "state", ["read-only"])


# ---------------------------------------------------------------------------------------------
# From a flash session to a one-to-one


def held_session(lab, mentor=None, mentee=None, title="Building a pivot table"):
    topic = publish(lab, mentor=mentor, hours=(1,), title=title)
    mentee = mentee or lab.person()
    booking = json_of(book(mentee, topic.slot_ids()[0]), 201)
    return topic, mentee, booking


def test_the_mentee_proposes_a_one_to_one_with_the_topic_as_draft_purpose(clock_lab):
    lab = clock_lab
    topic, mentee, booking = held_session(lab, title="Reading an A/B test")
    assert_error(mentee.post(booking_path(booking, "/propose-relationship")), 409, "state", ["not happened yet"])
    lab.advance(hours=1)
    r = mentee.post(booking_path(booking, "/propose-relationship"))
    rel = json_of(r, 201)
    assert r.headers["Location"] == f"/api/v1/relationships/{rel['id']}"
    assert (rel["state"], rel["format"], rel["initiated_by"], rel["my_role"]) == \
        ("requested", "one_to_one", "mentee", "mentee")
    assert rel["draft_purpose"] == "Reading an A/B test"
    assert "Reading an A/B test" in rel["message"]
    assert rel["mentor"]["id"] == topic.mentor.id and rel["flash_booking_id"] == booking["id"]
    assert json_of(mentee.get(booking_path(booking)), 200)["relationship_id"] == rel["id"]
    waiting = json_of(topic.mentor.get("/api/v1/relationships?state=requested"), 200)["items"]
    assert [w["id"] for w in waiting] == [rel["id"]] and waiting[0]["waiting_for_me"] is True
    assert topic.mentor.notifications(relationship_id=rel["id"], kind="request_received")
    events = json_of(mentee.get(f"/api/v1/relationships/{rel['id']}/events"), 200)["items"]
    assert "after flash session" in events[0]["note"]
    # It is an ordinary request from here: the mentor accepts it.
    assert json_of(topic.mentor.post(f"/api/v1/relationships/{rel['id']}/accept"), 200)["state"] == "starting"
    # A second proposal meets the rule against two live relationships between a pair.
    assert_unnamed(topic.mentor.post(booking_path(booking, "/propose-relationship"), json={}), 409, ["already"])


def test_the_mentor_offers_a_one_to_one_from_a_flash_session(clock_lab):
    lab = clock_lab
    topic, mentee, booking = held_session(lab)
    lab.advance(hours=1)
    r = topic.mentor.post(booking_path(booking, "/propose-relationship"),
                          json={"message": "You asked great questions.", "draft_purpose": "Advanced spreadsheets"})
    rel = json_of(r, 201)
    assert (rel["initiated_by"], rel["my_role"], rel["mentee"]["id"]) == ("mentor", "mentor", mentee.id)
    assert (rel["message"], rel["draft_purpose"]) == ("You asked great questions.", "Advanced spreadsheets")
    assert mentee.notifications(relationship_id=rel["id"], kind="request_received")
    assert_error(topic.mentor.post(booking_path(booking, "/propose-relationship"), json={"colour": 1}), 422, "colour")


def assert_unnamed(r, status, words):
    err = assert_error(r, status, None, words)
    assert err.get("field") in (None, ""), err


def test_a_proposal_follows_the_hard_rules_of_a_request(clock_lab):
    lab = clock_lab
    # Never the mentee's current manager.
    manager = flash_mentor(lab)
    report = lab.person(manager_id=manager.id)
    _, _, with_manager = held_session(lab, mentor=manager, mentee=report)
    # A mentor who takes no mentees.
    busy = flash_mentor(lab, mentor_capacity=0)
    _, hopeful, no_places = held_session(lab, mentor=busy)
    # A mentee with three open requests already.
    eager = lab.person()
    for _ in range(3):
        json_of(eager.post("/api/v1/relationships", json={"mentor_id": flash_mentor(lab).id, "message": "I hope to learn from your experience."}), 201)
    _, _, too_many = held_session(lab, mentee=eager)
    lab.advance(hours=1)
    # The rules of POST /api/v1/relationships, but the caller sent no mentor_id or mentee_id: the
    # error names no field they never sent (issue 16); the message says what is wrong.
    assert_unnamed(report.post(booking_path(with_manager, "/propose-relationship")), 422, ["manager"])
    assert_unnamed(manager.post(booking_path(with_manager, "/propose-relationship")), 422, ["manager"])
    assert_error(lab.person().post(booking_path(no_places, "/propose-relationship")), 403)
    assert_unnamed(hopeful.post(booking_path(no_places, "/propose-relationship")), 409, ["not taking mentees"])
    assert_unnamed(busy.post(booking_path(no_places, "/propose-relationship")), 409, ["not taking mentees"])
    assert_unnamed(eager.post(booking_path(too_many, "/propose-relationship")), 409, ["3 requests"])
    assert json_of(eager.get(booking_path(too_many)), 200)["relationship_id"] is None
    assert json_of(report.get("/api/v1/relationships"), 200)["items"] == []


def test_a_cancelled_session_cannot_become_a_relationship(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(5,))
    mentee = lab.person()
    booking = json_of(book(mentee, topic.slot_ids()[0]), 201)
    json_of(mentee.post(booking_path(booking, "/cancel")), 200)
    lab.advance(hours=6)
    assert_error(mentee.post(booking_path(booking, "/propose-relationship")), 409, "state", ["cancelled"])


# ---------------------------------------------------------------------------------------------
# Privacy


def test_a_booking_is_seen_and_changed_by_its_mentee_and_mentor_only(clock_lab):
    lab = clock_lab
    manager = lab.person()
    mentee = lab.person(manager_id=manager.id)
    topic = publish(lab, hours=(24,))
    booking = json_of(book(mentee, topic.slot_ids()[0], SECRET + "question"), 201)
    for who in (mentee, topic.mentor):
        assert SECRET in json_of(who.get(booking_path(booking)), 200)["question"]
    outsiders = {"third": lab.person(), "manager": manager, "admin": lab.admin}
    for name, who in outsiders.items():
        for method, suffix, body in [("GET", "", None), ("POST", "/cancel", {}),
                                     ("PUT", "/takeaway", {"takeaway": "t", "rating": 3}),
                                     ("PUT", "/resource", {"resource_url": "https://example.com/x"}),
                                     ("POST", "/propose-relationship", {})]:
            r = who.request(method, booking_path(booking, suffix), json=body) if body is not None \
                else who.request(method, booking_path(booking, suffix))
            assert r.status_code == 403, f"{method} {suffix} as {name}: {r.text}"
            assert SECRET not in r.text
        assert SECRET not in json_of(who.get("/api/v1/flash/bookings"), 200).__repr__()
        assert not [n for n in who.notifications() if SECRET in n["message"]]
    anonymous = lab.anonymous()
    assert_error(anonymous.get(booking_path(booking)), 401)
    assert_error(anonymous.get("/api/v1/flash/topics"), 401)
    assert json_of(mentee.get(booking_path(booking)), 200)["status"] == "booked"


def test_the_administrator_sees_counts_only(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(24, 26))
    json_of(book(lab.person(), topic.slot_ids()[0], SECRET + "admin question"), 201)
    overview = json_of(lab.admin.get("/api/v1/admin/flash"), 200)
    assert overview["topics"] >= 1 and overview["bookings"]["upcoming"] >= 1 and overview["free_upcoming_slots"] >= 1
    assert set(overview["bookings"]) == {"upcoming", "follow_up", "completed", "cancelled"}
    assert SECRET not in repr(overview)
    assert_error(topic.mentor.get("/api/v1/admin/flash"), 403)
    assert_error(lab.anonymous().get("/api/v1/admin/flash"), 401)


# ---------------------------------------------------------------------------------------------
# Managing topics, lists and unknown ids


def test_the_mentor_edits_unpublishes_and_republishes_a_topic(clock_lab):
    lab = clock_lab
    topic = publish(lab, hours=(24,))
    assert_error(lab.person().patch(topic.path(), json={"title": "Mine now"}), 403)
    assert_error(topic.mentor.patch(topic.path(), json={"title": ""}), 422, "title")
    assert_error(topic.mentor.patch(topic.path(), json={"published": "no"}), 422, "published")
    edited = json_of(topic.mentor.patch(topic.path(), json={"title": "Pivot tables, fast"}), 200)
    assert edited["title"] == "Pivot tables, fast"
    json_of(topic.mentor.patch(topic.path(), json={"published": False}), 200)
    public = json_of(lab.person().get(f"/api/v1/flash/topics?mentor_id={topic.mentor.id}"), 200)["items"]
    assert public == []
    own = json_of(topic.mentor.get(f"/api/v1/flash/topics?mentor_id={topic.mentor.id}"), 200)["items"]
    assert [t["id"] for t in own] == [topic.id] and own[0]["free_slots"] == 0
    json_of(topic.mentor.patch(topic.path(), json={"published": True}), 200)
    assert json_of(lab.person().get(topic.path()), 200)["free_slots"] == 1
    assert_error(lab.person().post(topic.path("/slots"), json={"slots": [{"start": iso(lab.later(days=3))}]}), 403)
    assert_error(topic.mentor.post(topic.path("/slots"), json={"slots": []}), 422, "slots")


def test_the_topic_list_searches_and_pages(clock_lab):
    lab = clock_lab
    mentor = flash_mentor(lab)
    first = publish(lab, mentor=mentor, hours=(24,), title="Building a PIVOT table")
    second = publish(lab, mentor=mentor, hours=(26,), title="Handling an escalated customer",
                     description="When the customer is angry and right.")
    page = json_of(mentor.get(f"/api/v1/flash/topics?mentor_id={mentor.id}&limit=1"), 200)
    assert [t["id"] for t in page["items"]] == [first.id] and page["next_cursor"] == first.id
    rest = json_of(mentor.get(f"/api/v1/flash/topics?mentor_id={mentor.id}&limit=1&cursor={first.id}"), 200)
    assert [t["id"] for t in rest["items"]] == [second.id] and rest["next_cursor"] is None
    found = json_of(lab.person().get(f"/api/v1/flash/topics?mentor_id={mentor.id}&q=pivot"), 200)["items"]
    assert [t["id"] for t in found] == [first.id]
    found = json_of(lab.person().get(f"/api/v1/flash/topics?mentor_id={mentor.id}&q=ANGRY"), 200)["items"]
    assert [t["id"] for t in found] == [second.id]
    assert json_of(lab.person().get(f"/api/v1/flash/topics?mentor_id={mentor.id}&q=100%25"), 200)["items"] == []
    assert_error(mentor.get("/api/v1/flash/topics?limit=101"), 422, "limit")
    assert_error(mentor.get("/api/v1/flash/topics?mentor_id=abc"), 422, "mentor_id")


@pytest.mark.parametrize("method,path", [
    ("GET", "/api/v1/flash/topics/{missing}"),
    ("PATCH", "/api/v1/flash/topics/{missing}"),
    ("POST", "/api/v1/flash/topics/{missing}/slots"),
    ("GET", "/api/v1/flash/bookings/{missing}"),
    ("POST", "/api/v1/flash/bookings/{missing}/cancel"),
    ("PUT", "/api/v1/flash/bookings/{missing}/takeaway"),
    ("POST", "/api/v1/flash/bookings/{missing}/propose-relationship"),
    ("GET", "/api/v1/flash/topics/not-a-number"),
])
def test_an_unknown_id_is_404(clock_lab, method, path):
    actor = flash_mentor(clock_lab)
    bodies = {"PATCH": {"title": "x"}, "PUT": {"takeaway": "t", "rating": 3}}
    body = bodies.get(method, {"slots": [{"start": iso(clock_lab.later(days=2))}]} if path.endswith("/slots") else {})
    r = actor.request(method, path.format(missing=MISSING), json=body) if method != "GET" \
        else actor.request(method, path.format(missing=MISSING))
    assert_error(r, 404)


# ---------------------------------------------------------------------------------------------
# Finding flash topics through the directory and recommendations


def test_a_directory_search_for_flash_lists_matching_topics_with_their_next_free_slots(clock_lab):
    word = unique_word()
    topic = publish(clock_lab, title=f"Pivot {word} tables", hours=(24, 48))
    searcher = clock_lab.person()
    body = json_of(searcher.get(f"/api/v1/directory?format=flash&q={word}"), 200)
    assert [t["id"] for t in body["flash_topics"]] == [topic.id]
    assert len(body["flash_topics"][0]["next_free_slots"]) == 2


def test_recommendations_for_the_flash_format_list_topics_on_a_wanted_skill(clock_lab):
    word = unique_word()
    topic = publish(clock_lab, title=f"Quick tutorial on {word}")
    body = json_of(learner_of(clock_lab, word).get("/api/v1/me/recommendations?format=flash"), 200)
    assert topic.id in [t["id"] for t in body["flash_topics"]]
