"""One rule for every time a person types (issue 16): the wall clock in their own timezone, or an
absolute time that says its zone, for meetings, circle sessions and flash slots alike; and a
timezone that does not exist is answered with the zone the person most likely meant."""
import datetime as dt
from zoneinfo import ZoneInfo

from lifecycle_helpers import active_pair, assert_error, clock_lab, clock_server, iso, json_of  # noqa: F401

NEW_YORK = ZoneInfo("America/New_York")


def wall_clock(lab, days, hour, tz):
    """`days` from the lab's today at hour:00 on the wall clock of `tz`: the text a person types
    ("2026-12-04T14:00") and the UTC instant it means."""
    local_day = (lab.now + dt.timedelta(days=days)).astimezone(tz).date()
    local = dt.datetime(local_day.year, local_day.month, local_day.day, hour, 0, tzinfo=tz)
    return local.strftime("%Y-%m-%dT%H:%M"), iso(local)


def test_a_meeting_time_without_an_offset_is_read_in_the_persons_own_timezone(clock_lab):
    pair = active_pair(clock_lab)
    json_of(pair.mentee.patch("/api/v1/me", json={"timezone": "America/New_York"}), 200)
    for days in (3, 200):  # winter time (UTC-5) and, 200 days on, summer time (UTC-4)
        typed, meant = wall_clock(clock_lab, days, 14, NEW_YORK)
        meeting = json_of(pair.mentee.post(pair.path("/meetings"), json={"starts_at": typed}), 201)
        assert meeting["starts_at"] == meant, (typed, meeting)
    # The same words from the mentor, who lives in UTC, mean another instant.
    typed, _ = wall_clock(clock_lab, 4, 14, NEW_YORK)
    meeting = json_of(pair.mentor.post(pair.path("/meetings"), json={"starts_at": typed}), 201)
    assert meeting["starts_at"] == typed + ":00Z"
    # An explicit offset or Z is taken as it is, whoever types it.
    moved = json_of(pair.mentee.patch(pair.path(f"/meetings/{meeting['id']}"),
                                      json={"starts_at": typed + ":00+01:00"}), 200)
    assert moved["starts_at"] == iso(dt.datetime.fromisoformat(typed + ":00+01:00"))


def test_a_time_that_is_no_time_is_refused_with_the_rule_in_the_persons_zone(clock_lab):
    pair = active_pair(clock_lab)
    json_of(pair.mentee.patch("/api/v1/me", json={"timezone": "Asia/Kolkata"}), 200)
    for bad in ("2026-12-20", "next tuesday", "2026-12-20T25:00", 1765000000):
        err = assert_error(pair.mentee.post(pair.path("/meetings"), json={"starts_at": bad}), 422, "starts_at")
        assert "Asia/Kolkata" in err["message"] and "2026-12-03T14:00" in err["message"], err


def test_a_circle_session_follows_the_same_rule(clock_lab):
    host = clock_lab.person(formats_offered=["one_to_one", "circle"], mentor_capacity=2, timezone="America/New_York")
    circle = json_of(host.post("/api/v1/circles", json={"topic": "Typed times", "size_limit": 3, "cadence_days": 14,
                                                        "medium": "video", "membership": "open"}), 201)
    typed, meant = wall_clock(clock_lab, 5, 9, NEW_YORK)
    session = json_of(host.post(f"/api/v1/circles/{circle['id']}/sessions", json={"starts_at": typed}), 201)
    assert session["starts_at"] == meant
    assert_error(host.post(f"/api/v1/circles/{circle['id']}/sessions", json={"starts_at": "soon"}), 422, "starts_at",
                 ["America/New_York"])


def test_a_flash_slot_follows_the_same_rule(clock_lab):
    mentor = clock_lab.person(formats_offered=["one_to_one", "flash"], mentor_capacity=2, timezone="America/New_York")
    typed, meant = wall_clock(clock_lab, 6, 11, NEW_YORK)
    topic = json_of(mentor.post("/api/v1/flash/topics", json={"title": "Pivot tables",
                                                              "slots": [{"start": typed, "duration_minutes": 30}]}), 201)
    assert [s["starts_at"] for s in topic["slots"]] == [meant]
    err = assert_error(mentor.post("/api/v1/flash/topics", json={"title": "x", "slots": [{"start": "tomorrow"}]}),
                       422, "slots[0].start")
    assert "America/New_York" in err["message"]


def test_a_timezone_that_does_not_exist_is_answered_with_the_one_meant(clock_lab):
    person = clock_lab.person()
    for typed, meant in (("Europe/Londn", "Europe/London"), ("london", "Europe/London"),
                         ("america/new york", "America/New_York")):
        err = assert_error(person.patch("/api/v1/me", json={"timezone": typed}), 422, "timezone")
        assert f"did you mean {meant}?" in err["message"], err
    err = assert_error(person.patch("/api/v1/me", json={"timezone": "Mars/Olympus_Mons"}), 422, "timezone")
    assert "did you mean" not in err["message"] and "Europe/Paris" in err["message"], err
    err = assert_error(clock_lab.admin.post("/api/v1/people", json={"email": "zone@example.com", "name": "Zone",
                                                                     "timezone": "Europe/Pariss"}), 422, "timezone")
    assert "did you mean Europe/Paris?" in err["message"], err
