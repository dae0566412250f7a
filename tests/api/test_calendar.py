"""Calendars (issue 17): every meeting, circle session and flash booking as an .ics invitation
its participants import, read back by an independent parser (python3-icalendar): METHOD, a stable
UID, SEQUENCE raised on every change that a calendar shows, UTC times, the agenda, the place,
organizer and attendees, and a cancellation; and a person's own feed at a secret address that
needs no session, replaced on request so that the old address stops working at once."""
import datetime as dt

import icalendar
import requests

from lifecycle_helpers import active_pair, assert_error, clock_lab, clock_server, flash_booking, iso, json_of  # noqa: F401

UTC = dt.timezone.utc


def parse(response, method):
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/calendar"), response.headers
    cal = icalendar.Calendar.from_ical(response.content)
    assert str(cal["METHOD"]) == method
    assert str(cal["VERSION"]) == "2.0"
    return cal


def events_of(cal):
    return [c for c in cal.walk("VEVENT")]


def one_event(response, method):
    [event] = events_of(parse(response, method))
    return event


def mailto(prop):
    return str(prop).lower().removeprefix("mailto:")


def test_a_meeting_is_an_invitation_whose_sequence_rises_with_every_change_and_then_a_cancellation(clock_lab):
    pair = active_pair(clock_lab)
    starts = clock_lab.later(days=3).replace(minute=0, second=0)
    meeting = json_of(pair.mentee.post(pair.path("/meetings"), json={
        "starts_at": iso(starts), "duration_minutes": 45, "medium": "in_person", "where": "Café Nord, Level 2"}), 201)
    path = pair.path(f"/meetings/{meeting['id']}/calendar.ics")
    event = one_event(pair.mentor.get(path), "REQUEST")
    uid = str(event["UID"])
    assert uid == f"meeting-{meeting['id']}@mentorhub"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == starts.astimezone(UTC)
    assert event.decoded("DTEND") == (starts + dt.timedelta(minutes=45)).astimezone(UTC)
    assert event.decoded("DTSTART").tzinfo is not None and event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert str(event["LOCATION"]) == "Café Nord, Level 2"
    assert pair.mentee.name in str(event["SUMMARY"]) and pair.mentor.name in str(event["SUMMARY"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert mailto(event["ORGANIZER"]) == pair.mentee.email
    assert sorted(mailto(a) for a in event["ATTENDEE"]) == sorted([pair.mentee.email, pair.mentor.email])
    for item in meeting["agenda"]:
        assert item["text"] in str(event["DESCRIPTION"]).replace("\n", " ")

    # Notes change nothing a calendar shows; moving the meeting does.
    json_of(pair.mentee.patch(pair.path(f"/meetings/{meeting['id']}"), json={"where": "Café Nord, Level 2"}), 200)
    assert int(one_event(pair.mentee.get(path), "REQUEST")["SEQUENCE"]) == 0
    moved = starts + dt.timedelta(days=1)
    json_of(pair.mentor.patch(pair.path(f"/meetings/{meeting['id']}"), json={"starts_at": iso(moved)}), 200)
    event = one_event(pair.mentee.get(path), "REQUEST")
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (uid, 1)
    assert event.decoded("DTSTART") == moved.astimezone(UTC)
    json_of(pair.mentor.patch(pair.path(f"/meetings/{meeting['id']}"), json={"medium": "video", "where": ""}), 200)
    assert int(one_event(pair.mentee.get(path), "REQUEST")["SEQUENCE"]) == 2
    json_of(pair.mentee.patch(pair.path(f"/meetings/{meeting['id']}"), json={"status": "cancelled"}), 200)
    event = one_event(pair.mentee.get(path), "CANCEL")
    assert (str(event["UID"]), int(event["SEQUENCE"]), str(event["STATUS"])) == (uid, 3, "CANCELLED")


def test_only_the_pair_gets_a_meetings_invitation(clock_lab):
    pair = active_pair(clock_lab)
    meeting = json_of(pair.mentee.post(pair.path("/meetings"), json={"starts_at": iso(clock_lab.later(days=2))}), 201)
    path = pair.path(f"/meetings/{meeting['id']}/calendar.ics")
    assert_error(clock_lab.person().get(path), 403)
    assert_error(clock_lab.admin.get(path), 403)
    assert_error(clock_lab.anonymous().get(path), 401)
    assert_error(pair.mentee.get(pair.path("/meetings/987654321/calendar.ics")), 404)


def test_a_circle_session_goes_to_each_member_without_the_other_members_addresses(clock_lab):
    host = clock_lab.person(formats_offered=["one_to_one", "circle"], mentor_capacity=2)
    circle = json_of(host.post("/api/v1/circles", json={"topic": "Presenting data", "size_limit": 3,
                                                        "cadence_days": 14, "medium": "video", "membership": "open"}), 201)
    members = [clock_lab.person() for _ in range(2)]
    for m in members:
        json_of(m.post(f"/api/v1/circles/{circle['id']}/join", json={}), 200)
    session = json_of(host.post(f"/api/v1/circles/{circle['id']}/sessions",
                                json={"starts_at": iso(clock_lab.later(days=4)), "where": "https://meet.example/pd"}), 201)
    path = f"/api/v1/circles/{circle['id']}/sessions/{session['id']}/calendar.ics"
    event = one_event(members[0].get(path), "REQUEST")
    assert str(event["UID"]) == f"circle-session-{session['id']}@mentorhub"
    assert str(event["LOCATION"]) == "https://meet.example/pd"
    assert mailto(event["ORGANIZER"]) == host.email
    attendees = event["ATTENDEE"] if isinstance(event["ATTENDEE"], list) else [event["ATTENDEE"]]
    assert sorted(mailto(a) for a in attendees) == sorted([host.email, members[0].email])
    assert "2 members" in str(event["DESCRIPTION"])
    assert_error(clock_lab.person().get(path), 403)
    json_of(host.patch(f"/api/v1/circles/{circle['id']}/sessions/{session['id']}", json={"status": "cancelled"}), 200)
    cancelled = one_event(members[1].get(path), "CANCEL")
    assert int(cancelled["SEQUENCE"]) == 1


def test_a_flash_booking_is_an_invitation_and_its_cancellation_cancels_it(clock_lab):
    mentor, mentee, booking = flash_booking(clock_lab)
    path = f"/api/v1/flash/bookings/{booking['id']}/calendar.ics"
    event = one_event(mentee.get(path), "REQUEST")
    assert "group dates by month" in str(event["DESCRIPTION"])
    assert mailto(event["ORGANIZER"]) == mentor.email
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=30)
    json_of(mentee.post(f"/api/v1/flash/bookings/{booking['id']}/cancel", json={"reason": "Clash"}), 200)
    event = one_event(mentor.get(path), "CANCEL")
    assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (1, "CANCELLED")
    assert_error(clock_lab.person().get(path), 403)


def test_a_personal_feed_needs_no_session_and_a_new_address_ends_the_old_one(clock_lab):
    pair = active_pair(clock_lab)
    meeting = json_of(pair.mentee.post(pair.path("/meetings"), json={"starts_at": iso(clock_lab.later(days=5))}), 201)
    assert json_of(pair.mentee.get("/api/v1/me/calendar-feed"), 200) == {"path": None, "url": None}
    feed = json_of(pair.mentee.post("/api/v1/me/calendar-feed", json={}), 200)
    assert feed["path"].startswith("/calendar/") and feed["path"].endswith(".ics")
    assert len(feed["path"]) > len("/calendar/.ics") + 40  # a long random secret
    assert feed["url"].endswith(feed["path"])
    assert json_of(pair.mentee.get("/api/v1/me/calendar-feed"), 200) == feed

    r = requests.get(clock_lab.url + feed["path"], timeout=30)  # no cookie, no token
    cal = parse(r, "PUBLISH")
    uids = [str(e["UID"]) for e in events_of(cal)]
    assert f"meeting-{meeting['id']}@mentorhub" in uids
    assert pair.mentee.name in str(cal["X-WR-CALNAME"])

    # The partner's feed is theirs alone; another person's holds nothing of this pair.
    other = json_of(clock_lab.person().post("/api/v1/me/calendar-feed", json={}), 200)
    other_uids = [str(e["UID"]) for e in events_of(parse(requests.get(clock_lab.url + other["path"], timeout=30),
                                                         "PUBLISH"))]
    assert f"meeting-{meeting['id']}@mentorhub" not in other_uids

    renewed = json_of(pair.mentee.post("/api/v1/me/calendar-feed", json={}), 200)
    assert renewed["path"] != feed["path"]
    assert requests.get(clock_lab.url + feed["path"], timeout=30).status_code == 404
    assert requests.get(clock_lab.url + renewed["path"], timeout=30).status_code == 200
    assert pair.mentee.request("DELETE", "/api/v1/me/calendar-feed").status_code == 204
    assert requests.get(clock_lab.url + renewed["path"], timeout=30).status_code == 404
    for wrong in ("/calendar/nothing.ics", "/calendar/" + "0" * 64 + ".ics", "/calendar/" + renewed["path"][10:-4]):
        assert requests.get(clock_lab.url + wrong, timeout=30).status_code == 404
    assert_error(clock_lab.anonymous().post("/api/v1/me/calendar-feed", json={}), 401)
