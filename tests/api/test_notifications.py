"""Notifications (issue 17): what each person is told, once per occasion, stored per person,
read or unread, dismissable, each with a link to the page where they act. Only ever visible to
their recipient (every route's roles are in test_authorization.py)."""
from lifecycle_helpers import (assert_error, active_pair, clock_lab, clock_server, json_of,  # noqa: F401
                               requested_pair)


def listing(actor, query=""):
    return json_of(actor.get("/api/v1/me/notifications" + query), 200)


def test_a_request_tells_the_mentor_where_to_answer_and_the_answer_tells_the_mentee(clock_lab):
    pair = requested_pair(clock_lab)
    [received] = pair.mentor.notifications(pair.id, "request_received")
    assert received["link"] == "/requests"
    assert received["subject"] == f"relationship:{pair.id}"
    assert received["read"] is False and received["read_at"] is None
    assert pair.mentee.name in received["message"]

    pair.accept()
    [accepted] = pair.mentee.notifications(pair.id, "request_accepted")
    assert accepted["link"] == f"/relationships/{pair.id}#purpose"


def test_a_declined_request_sends_the_mentee_to_find_another_mentor(clock_lab):
    pair = requested_pair(clock_lab)
    json_of(pair.mentor.post(pair.path("/decline"), json={"reason": "I am away until spring."}), 200)
    [declined] = pair.mentee.notifications(pair.id, "request_declined")
    assert declined["link"] == "/find-a-mentor" and "away until spring" in declined["message"]


def test_a_meeting_notification_links_to_the_meetings_of_the_workspace(clock_lab):
    pair = active_pair(clock_lab)
    meeting = pair.schedule()
    [scheduled] = pair.mentee.notifications(pair.id, "meeting_scheduled")
    assert scheduled["link"] == f"/relationships/{pair.id}#meetings"
    assert scheduled["subject"] == f"meeting:{meeting['id']}"


def test_reading_dismissing_and_marking_all_read_change_the_unread_count(clock_lab):
    pair = active_pair(clock_lab)
    for _ in range(3):
        pair.schedule()
    mine = listing(pair.mentee)
    assert mine["unread"] == len([n for n in mine["items"] if not n["read"]]) >= 3
    first, second = mine["items"][0], mine["items"][1]

    r = pair.mentee.post(f"/api/v1/me/notifications/{first['id']}/read")
    assert r.status_code == 204, r.text
    assert listing(pair.mentee)["unread"] == mine["unread"] - 1
    again = pair.mentee.post(f"/api/v1/me/notifications/{first['id']}/read")
    assert again.status_code == 204
    read = [n for n in listing(pair.mentee)["items"] if n["id"] == first["id"]][0]
    assert read["read"] is True and read["read_at"] is not None

    r = pair.mentee.post(f"/api/v1/me/notifications/{second['id']}/dismiss")
    assert r.status_code == 204, r.text
    after = listing(pair.mentee)
    assert second["id"] not in [n["id"] for n in after["items"]]
    assert after["unread"] == mine["unread"] - 2
    assert pair.mentee.post(f"/api/v1/me/notifications/{second['id']}/dismiss").status_code == 204

    marked = json_of(pair.mentee.post("/api/v1/me/notifications/read-all"), 200)
    assert marked["marked"] == mine["unread"] - 2
    assert listing(pair.mentee)["unread"] == 0
    assert listing(pair.mentee, "?unread=true")["items"] == []
    assert json_of(pair.mentee.post("/api/v1/me/notifications/read-all"), 200)["marked"] == 0
    # The partner's notifications are untouched by all of it.
    assert listing(pair.mentor)["unread"] > 0


def test_the_list_pages_newest_first_with_a_cursor(clock_lab):
    pair = active_pair(clock_lab)
    for _ in range(4):
        pair.schedule()
    everything = [n["id"] for n in listing(pair.mentee, "?limit=100")["items"]]
    assert everything == sorted(everything, key=int, reverse=True)
    seen, cursor = [], None
    while True:
        page = listing(pair.mentee, "?limit=2" + (f"&cursor={cursor}" if cursor else ""))
        assert len(page["items"]) <= 2
        seen += [n["id"] for n in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything


def test_nobody_reads_or_dismisses_another_persons_notification(clock_lab):
    pair = requested_pair(clock_lab)
    [received] = pair.mentor.notifications(pair.id, "request_received")
    for who in (pair.mentee, clock_lab.admin):
        assert received["id"] not in [n["id"] for n in listing(who, "?limit=100")["items"]]
        assert_error(who.post(f"/api/v1/me/notifications/{received['id']}/read"), 404)
        assert_error(who.post(f"/api/v1/me/notifications/{received['id']}/dismiss"), 404)
    [still] = pair.mentor.notifications(pair.id, "request_received")
    assert still["read"] is False


def test_bad_parameters_are_refused_naming_the_field(clock_lab):
    someone = clock_lab.person()
    assert_error(someone.get("/api/v1/me/notifications?unread=yes"), 422, "unread")
    assert_error(someone.get("/api/v1/me/notifications?limit=0"), 422, "limit")
    assert_error(someone.post("/api/v1/me/notifications/abc/read"), 404)
    assert_error(someone.post("/api/v1/me/notifications/999999999/dismiss"), 404)


# ---------------------------------------------------------------------------------------------
# Reminders that come with time, from the lifecycle checks (the fake clock runs them as it moves)


def test_a_meeting_reminds_both_a_day_and_an_hour_before_and_a_second_run_repeats_nothing(clock_lab):
    pair = active_pair(clock_lab)
    meeting = pair.schedule(starts_at=clock_lab.later(days=2))
    clock_lab.advance(hours=26)
    for person in (pair.mentee, pair.mentor):
        [tomorrow] = person.notifications(pair.id, "meeting_tomorrow")
        assert tomorrow["subject"] == f"meeting:{meeting['id']}"
        assert tomorrow["link"] == f"/relationships/{pair.id}#meetings"
    again = json_of(clock_lab.admin.post("/api/v1/admin/tick"), 200)
    assert again["notified"] == 0
    assert json_of(clock_lab.admin.post("/api/v1/admin/tick"), 200)["notified"] == 0
    clock_lab.advance(hours=21, seconds=30 * 60)
    for person in (pair.mentee, pair.mentor):
        assert len(person.notifications(pair.id, "meeting_tomorrow")) == 1
        [soon] = person.notifications(pair.id, "meeting_soon")
        assert "within the hour" in soon["message"]


def test_an_overdue_task_reminds_its_owner_and_a_reached_review_date_both(clock_lab):
    pair = active_pair(clock_lab)
    due = clock_lab.later(days=1).strftime("%Y-%m-%d")
    task = pair.add_task(owner="mentor", due=due)
    review = clock_lab.later(days=3).strftime("%Y-%m-%d")
    json_of(pair.mentee.put(pair.path("/logistics"), json={"cadence_days": 14, "medium": "video",
                                                          "review_date": review}), 200)
    clock_lab.advance(days=2, hours=1)
    [overdue] = pair.mentor.notifications(pair.id, "task_overdue")
    assert overdue["subject"] == f"task:{task['id']}" and overdue["link"] == f"/relationships/{pair.id}#plan"
    assert pair.mentee.notifications(pair.id, "task_overdue") == []
    assert pair.mentee.notifications(pair.id, "review_due") == []
    clock_lab.advance(days=1)
    for person in (pair.mentee, pair.mentor):
        [reached] = person.notifications(pair.id, "review_due")
        assert "natural end" in reached["message"] and reached["link"] == f"/relationships/{pair.id}#logistics"
    clock_lab.advance(days=1)
    assert len(pair.mentor.notifications(pair.id, "task_overdue")) == 1
    assert len(pair.mentee.notifications(pair.id, "review_due")) == 1


def test_a_request_about_to_expire_reminds_both_once(clock_lab):
    pair = requested_pair(clock_lab)
    clock_lab.advance(days=12, hours=1)
    for person in (pair.mentee, pair.mentor):
        [expiring] = person.notifications(pair.id, "request_expiring")
        assert expiring["link"] == "/requests"
    clock_lab.advance(hours=12)
    assert len(pair.mentor.notifications(pair.id, "request_expiring")) == 1
