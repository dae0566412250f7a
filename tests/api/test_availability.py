"""Availability (issue 17): a person's weekly hours in their own time zone with days off and extra
hours (GET and PUT /api/v1/me/availability, each bad value a 422 naming its field and nothing
saved); the next free meeting times of a relationship inside the mentor's hours, in UTC and in
both people's local times, around the pair's meetings and the mentor's booked flash sessions,
for the two participants only; flash slots offered from the hours, around what is taken; and
the same hours across a daylight-saving change on the server's test clock; and the hours in the
export of one's own data. Local times are checked against Python's own time zone database
(zoneinfo), not against the server's reading."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lifecycle_helpers import (PASSWORD, active_pair, assert_error, clock_lab, clock_server, iso,  # noqa: F401
                               json_of, parse_time, requested_pair)

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
ME = "/api/v1/me/availability"
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def hours(timezone, windows=(), exceptions=()):
    return {"timezone": timezone, "windows": list(windows), "exceptions": list(exceptions)}


def every_day(start, end):
    return [{"day": d, "start": start, "end": end} for d in DAYS]


def mentor(lab, timezone=BERLIN, flash=False):
    formats = ["one_to_one", "flash"] if flash else ["one_to_one"]
    return lab.person(mentor_capacity=3, timezone=timezone, formats_offered=formats)


def local(text, zone):
    """A UTC timestamp as `zone`'s clock reads it, with its offset, as the API writes it."""
    return parse_time(text).astimezone(ZoneInfo(zone)).isoformat()


def suggestions(actor, pair, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return json_of(actor.get(pair.path("/suggested-times") + ("?" + query if query else "")), 200)


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


# ---------------------------------------------------------------------------------------------
# One's own availability


def test_a_person_sets_and_reads_their_own_availability(clock_lab):
    lab = clock_lab
    person = lab.person(timezone=BERLIN)
    before = json_of(person.get(ME), 200)
    assert before == {"timezone": BERLIN, "windows": [], "exceptions": [], "updated_at": None}
    body = hours(BERLIN, [{"day": "wednesday", "start": "14:00", "end": "16:30"},
                          {"day": "monday", "start": "13:00", "end": "24:00"},
                          {"day": "monday", "start": "09:00", "end": "11:00"}],
                 [{"kind": "off", "from": "2027-12-24", "to": "2028-01-01", "note": "Winter break"},
                  {"kind": "off", "from": "2027-05-01"},
                  {"kind": "extra", "from": "2027-06-05", "start": "10:00", "end": "12:00", "note": "A Saturday"}])
    saved = json_of(person.put(ME, json=body), 200)
    assert saved["timezone"] == BERLIN and saved["updated_at"] == iso(lab.now)
    assert saved["windows"] == [{"day": "monday", "start": "09:00", "end": "11:00"},
                                {"day": "monday", "start": "13:00", "end": "24:00"},
                                {"day": "wednesday", "start": "14:00", "end": "16:30"}]
    assert saved["exceptions"] == [
        {"kind": "off", "from": "2027-05-01", "to": "2027-05-01", "start": None, "end": None, "note": ""},
        {"kind": "extra", "from": "2027-06-05", "to": "2027-06-05", "start": "10:00", "end": "12:00",
         "note": "A Saturday"},
        {"kind": "off", "from": "2027-12-24", "to": "2028-01-01", "start": None, "end": None, "note": "Winter break"}]
    assert json_of(person.get(ME), 200) == saved
    # Another zone than the profile's is the person's choice; clearing it keeps the zone.
    cleared = json_of(person.put(ME, json=hours(NEW_YORK)), 200)
    assert cleared["timezone"] == NEW_YORK and cleared["windows"] == [] and cleared["exceptions"] == []
    # Nobody else's is reachable: the route is always the caller's own.
    assert json_of(lab.person().get(ME), 200)["windows"] == []


WINDOW = {"day": "monday", "start": "09:00", "end": "11:00"}
BAD = [
    ("no zone", {"windows": [], "exceptions": []}, "timezone"),
    ("unknown zone", hours("Mars/Olympus"), "timezone"),
    ("zone not text", hours(5), "timezone"),
    ("no windows", {"timezone": BERLIN, "exceptions": []}, "windows"),
    ("windows not a list", {"timezone": BERLIN, "windows": {}, "exceptions": []}, "windows"),
    ("too many windows", hours(BERLIN, [{"day": DAYS[i % 7], "start": f"{i // 7:02d}:00", "end": f"{i // 7:02d}:30"}
                                        for i in range(51)]), "windows"),
    ("window not an object", hours(BERLIN, ["monday"]), "windows[0]"),
    ("bad day", hours(BERLIN, [dict(WINDOW, day="Monday")]), "windows[0].day"),
    ("missing day", hours(BERLIN, [{"start": "09:00", "end": "10:00"}]), "windows[0].day"),
    ("bad start", hours(BERLIN, [dict(WINDOW, start="9:00")]), "windows[0].start"),
    ("minute 60", hours(BERLIN, [dict(WINDOW, start="09:60")]), "windows[0].start"),
    ("end before start", hours(BERLIN, [WINDOW, dict(WINDOW, day="friday", start="12:00", end="11:00")]),
     "windows[1].end"),
    ("empty window", hours(BERLIN, [dict(WINDOW, end="09:00")]), "windows[0].end"),
    ("past midnight", hours(BERLIN, [dict(WINDOW, end="24:30")]), "windows[0].end"),
    ("overlap", hours(BERLIN, [WINDOW, dict(WINDOW, start="10:30", end="12:00")]), "windows[1].start"),
    ("unknown window field", hours(BERLIN, [dict(WINDOW, zone="UTC")]), "windows[0].zone"),
    ("unknown field", dict(hours(BERLIN), holidays=[]), "holidays"),
    ("bad kind", hours(BERLIN, exceptions=[{"kind": "holiday", "from": "2027-01-01"}]), "exceptions[0].kind"),
    ("bad date", hours(BERLIN, exceptions=[{"kind": "off", "from": "2027-02-30"}]), "exceptions[0].from"),
    ("to before from", hours(BERLIN, exceptions=[{"kind": "off", "from": "2027-01-05", "to": "2027-01-04"}]),
     "exceptions[0].to"),
    ("range too long", hours(BERLIN, exceptions=[{"kind": "off", "from": "2027-01-01", "to": "2028-01-02"}]),
     "exceptions[0].to"),
    ("times on a day off", hours(BERLIN, exceptions=[{"kind": "off", "from": "2027-01-05", "start": "09:00"}]),
     "exceptions[0].start"),
    ("extra without hours", hours(BERLIN, exceptions=[{"kind": "extra", "from": "2027-01-05"}]),
     "exceptions[0].start"),
    ("extra over two dates", hours(BERLIN, exceptions=[{"kind": "extra", "from": "2027-01-05", "to": "2027-01-06",
                                                        "start": "09:00", "end": "10:00"}]), "exceptions[0].to"),
    ("extra end before start", hours(BERLIN, exceptions=[{"kind": "extra", "from": "2027-01-05", "start": "10:00",
                                                          "end": "09:00"}]), "exceptions[0].end"),
    ("extras overlapping", hours(BERLIN, exceptions=[
        {"kind": "extra", "from": "2027-01-05", "start": "09:00", "end": "10:00"},
        {"kind": "extra", "from": "2027-01-05", "start": "09:30", "end": "11:00"}]), "exceptions[1].start"),
    ("note too long", hours(BERLIN, exceptions=[{"kind": "off", "from": "2027-01-05", "note": "x" * 201}]),
     "exceptions[0].note"),
    ("too many exceptions", hours(BERLIN, exceptions=[{"kind": "off", "from": "2027-01-05"}] * 101), "exceptions"),
]


@pytest.mark.parametrize("body,field", [(b, f) for _, b, f in BAD], ids=[n for n, _, _ in BAD])
def test_each_bad_value_is_a_422_naming_its_field_and_nothing_is_saved(clock_lab, body, field):
    person = clock_lab.person(timezone=BERLIN)
    saved = json_of(person.put(ME, json=hours(BERLIN, [WINDOW])), 200)
    assert_error(person.put(ME, json=body), 422, field)
    assert json_of(person.get(ME), 200) == saved


def test_a_body_that_is_not_an_object_is_refused(clock_lab):
    person = clock_lab.person()
    assert person.put(ME, json=[WINDOW]).status_code in (400, 422)
    assert person.put(ME, data="{not json", headers={"Content-Type": "application/json"}).status_code == 400


# ---------------------------------------------------------------------------------------------
# Suggested meeting times


def test_suggested_times_lie_in_the_mentor_hours_and_show_both_zones(clock_lab):
    lab = clock_lab
    m = mentor(lab)
    json_of(m.put(ME, json=hours(BERLIN, every_day("09:00", "11:00"))), 200)
    pair = active_pair(lab, mentee=lab.mentee(timezone=NEW_YORK), mentor=m)
    got = suggestions(pair.mentee, pair, duration_minutes=60, limit=50)
    assert got["relationship_id"] == pair.id and got["duration_minutes"] == 60
    assert got["mentor"]["timezone"] == BERLIN and got["mentee"]["timezone"] == NEW_YORK
    assert got["mentor"]["person"]["id"] == m.id and got["mentee"]["person"]["id"] == pair.mentee.id
    assert got["mentor_has_hours"] is True
    assert got["from"] == iso(lab.now) and got["to"] == iso(lab.now + dt.timedelta(days=14))
    times = got["times"]
    # Three hours a day (09:00, 09:30, 10:00 Berlin) from tomorrow (today's are past), and on the
    # 14th day only the first, which ends before `to`.
    assert len(times) == 13 * 3 + 1
    assert times == sorted(times, key=lambda t: t["starts_at"])
    for t in times:
        start, end = parse_time(t["starts_at"]), parse_time(t["ends_at"])
        assert end - start == dt.timedelta(minutes=60) and start > lab.now
        assert t["mentor_local_start"] == local(t["starts_at"], BERLIN)
        assert t["mentor_local_end"] == local(t["ends_at"], BERLIN)
        assert t["mentee_local_start"] == local(t["starts_at"], NEW_YORK)
        assert t["mentee_local_end"] == local(t["ends_at"], NEW_YORK)
        assert "T09:00" <= t["mentor_local_start"][10:16] and t["mentor_local_end"][10:16] <= "T11:00"
        assert start.minute in (0, 30)
    # Both participants get the same; the default is 10 times of an hour.
    assert suggestions(pair.mentor, pair, duration_minutes=60, limit=50) == got
    default = suggestions(pair.mentee, pair)
    assert default["duration_minutes"] == 60 and default["times"] == times[:10]
    short = suggestions(pair.mentee, pair, duration_minutes=30, limit=5)["times"]
    assert all(parse_time(t["ends_at"]) - parse_time(t["starts_at"]) == dt.timedelta(minutes=30) for t in short)


def test_the_pair_meetings_and_the_mentor_booked_flash_sessions_are_not_suggested(clock_lab):
    lab = clock_lab
    m = mentor(lab, flash=True)
    json_of(m.put(ME, json=hours(BERLIN, every_day("09:00", "11:00"))), 200)
    pair = active_pair(lab, mentee=lab.mentee(timezone=NEW_YORK), mentor=m)
    times = suggestions(pair.mentee, pair, limit=50)["times"]
    meeting_at = times[0]["starts_at"]
    pair.schedule(starts_at=parse_time(meeting_at), duration_minutes=60)
    # A flash session of the mentor's on a later day, booked by someone else.
    flash_at = times[12]["starts_at"]
    topic = json_of(m.post("/api/v1/flash/topics", json={
        "title": "Reading a balance sheet", "slots": [{"start": flash_at, "duration_minutes": 30}]}), 201)
    json_of(lab.person().post(f"/api/v1/flash/slots/{topic['slots'][0]['id']}/book",
                              json={"question": "Where do I start?"}), 201)
    after = suggestions(pair.mentee, pair, limit=50)["times"]
    taken = [(parse_time(meeting_at), parse_time(meeting_at) + dt.timedelta(minutes=60)),
             (parse_time(flash_at), parse_time(flash_at) + dt.timedelta(minutes=30))]
    for t in after:
        start, end = parse_time(t["starts_at"]), parse_time(t["ends_at"])
        assert not any(overlaps(start, end, a, b) for a, b in taken), t
    # What was free before and clashes with nothing is still suggested.
    still_free = [t for t in times if not any(overlaps(parse_time(t["starts_at"]), parse_time(t["ends_at"]), a, b)
                                              for a, b in taken)]
    assert [t["starts_at"] for t in after][:len(still_free)] == [t["starts_at"] for t in still_free]
    # A meeting the pair cancels frees its time again.
    meeting = [x for x in pair.workspace()["meetings"] if x["starts_at"] == meeting_at][0]
    json_of(pair.mentor.patch(pair.path(f"/meetings/{meeting['id']}"), json={"status": "cancelled"}), 200)
    assert suggestions(pair.mentee, pair, limit=1)["times"][0]["starts_at"] == meeting_at


def test_with_the_mentee_hours_too_the_times_lie_in_both(clock_lab):
    lab = clock_lab
    m = mentor(lab)
    json_of(m.put(ME, json=hours(BERLIN, every_day("09:00", "17:00"))), 200)
    pair = active_pair(lab, mentee=lab.mentee(timezone=NEW_YORK), mentor=m)
    alone = suggestions(pair.mentee, pair, limit=50)
    assert (alone["mentee_has_hours"], alone["within"]) == (False, "mentor_hours")

    # Her mornings in New York are the mentor's afternoons in Berlin.
    json_of(pair.mentee.put(ME, json=hours(NEW_YORK, every_day("08:00", "10:00"))), 200)
    both = suggestions(pair.mentor, pair, limit=50)
    assert (both["mentor_has_hours"], both["mentee_has_hours"], both["within"]) == (True, True, "both_hours")
    assert both["times"] and len(both["times"]) < len(alone["times"])
    for t in both["times"]:
        assert "T08:00" <= t["mentee_local_start"][10:16] and t["mentee_local_end"][10:16] <= "T10:00", t
        assert "T09:00" <= t["mentor_local_start"][10:16] and t["mentor_local_end"][10:16] <= "T17:00", t
    assert suggestions(pair.mentee, pair, limit=50) == both

    # Hours that never meet (her evenings are his nights): the mentor's hours, and it says so.
    json_of(pair.mentee.put(ME, json=hours(NEW_YORK, every_day("19:00", "21:00"))), 200)
    apart = suggestions(pair.mentee, pair, limit=50)
    assert (apart["mentee_has_hours"], apart["within"]) == (True, "mentor_hours")
    assert apart["times"] == alone["times"]


def test_without_mentor_hours_there_is_nothing_to_suggest(clock_lab):
    lab = clock_lab
    pair = active_pair(lab, mentee=lab.mentee(timezone=NEW_YORK), mentor=mentor(lab))
    # The mentee's own hours do not make the mentor's.
    json_of(pair.mentee.put(ME, json=hours(NEW_YORK, every_day("08:00", "18:00"))), 200)
    got = suggestions(pair.mentee, pair)
    assert got["mentor_has_hours"] is False and got["times"] == []
    assert got["mentee_has_hours"] is True and got["within"] == "mentor_hours"
    assert got["mentor"]["timezone"] == BERLIN and got["mentee"]["timezone"] == NEW_YORK


def test_only_the_two_participants_may_ask_and_only_while_the_pair_works(clock_lab):
    lab = clock_lab
    m = mentor(lab)
    json_of(m.put(ME, json=hours(BERLIN, every_day("09:00", "11:00"))), 200)
    pair = active_pair(lab, mentor=m)
    for outsider in (lab.person(), lab.admin):
        assert_error(outsider.get(pair.path("/suggested-times")), 403)
    assert lab.anonymous().get(pair.path("/suggested-times")).status_code == 401
    assert_error(pair.mentee.get("/api/v1/relationships/999999999/suggested-times"), 404)
    assert_error(pair.mentee.get("/api/v1/relationships/nope/suggested-times"), 404)
    requested = requested_pair(lab, mentor=m)
    assert_error(requested.mentee.get(requested.path("/suggested-times")), 409)
    for query, field in [("duration_minutes=10", "duration_minutes"), ("duration_minutes=241", "duration_minutes"),
                         ("duration_minutes=sixty", "duration_minutes"), ("limit=0", "limit"), ("limit=51", "limit"),
                         ("limit=", "limit")]:
        assert_error(pair.mentee.get(pair.path("/suggested-times?" + query)), 422, field)


# ---------------------------------------------------------------------------------------------
# Flash slots offered from availability


def generate(actor, topic_id, **body):
    return actor.post(f"/api/v1/flash/topics/{topic_id}/slots/from-availability", json=body)


def test_a_mentor_offers_flash_slots_from_their_hours_around_what_is_taken(clock_lab):
    lab = clock_lab
    m = mentor(lab, flash=True)
    first = (lab.now + dt.timedelta(days=7)).date()
    dates = [first + dt.timedelta(days=i) for i in range(7)]
    off = next(d for d in dates if d.weekday() < 5)                       # a weekday off
    saturday = next(d for d in dates if d.weekday() == 5)                 # extra hours on a Saturday
    json_of(m.put(ME, json=hours(BERLIN, [{"day": d, "start": "09:00", "end": "10:00"} for d in DAYS[:5]],
                                 [{"kind": "off", "from": off.isoformat()},
                                  {"kind": "extra", "from": saturday.isoformat(), "start": "14:00", "end": "15:00"}])),
              200)
    topic = json_of(m.post("/api/v1/flash/topics", json={"title": "Writing a good status update"}), 201)
    # One time is already offered by hand on another topic: it is skipped, not doubled.
    by_hand_day = next(d for d in dates if d.weekday() < 5 and d != off)
    by_hand = dt.datetime.combine(by_hand_day, dt.time(9, 0), ZoneInfo(BERLIN)).astimezone(dt.timezone.utc)
    json_of(m.post("/api/v1/flash/topics", json={"title": "Other", "slots": [{"start": iso(by_hand)}]}), 201)
    got = json_of(generate(m, topic["id"], **{"from": dates[0].isoformat(), "to": dates[-1].isoformat(),
                                              "duration_minutes": 30}), 201)
    expected = []
    for d in dates:
        spans = [(dt.time(14, 0), dt.time(15, 0))] if d == saturday else \
                [(dt.time(9, 0), dt.time(10, 0))] if d.weekday() < 5 and d != off else []
        for start, end in spans:
            t = dt.datetime.combine(d, start, ZoneInfo(BERLIN))
            while (t + dt.timedelta(minutes=30)).time() <= end and t.date() == d:
                if t.astimezone(dt.timezone.utc) != by_hand:
                    expected.append(iso(t))
                t += dt.timedelta(minutes=30)
    assert got["added_slots"] == len(expected)
    assert [s["starts_at"] for s in got["slots"]] == expected
    assert all(s["duration_minutes"] == 30 and s["free"] and s["timezone"] == BERLIN for s in got["slots"])
    # Everything is taken now: nothing more to offer.
    assert_error(generate(m, topic["id"], **{"from": dates[0].isoformat(), "to": dates[-1].isoformat()}), 409, "from")
    assert len(json_of(m.get(f"/api/v1/flash/topics/{topic['id']}"), 200)["slots"]) == len(expected)


def test_offering_from_availability_refuses_bad_input_and_other_people(clock_lab):
    lab = clock_lab
    m = mentor(lab, flash=True)
    topic = json_of(m.post("/api/v1/flash/topics", json={"title": "Giving feedback"}), 201)
    day = (lab.now + dt.timedelta(days=3)).date().isoformat()
    # No hours yet.
    assert_error(generate(m, topic["id"], **{"from": day, "to": day}), 409, "from")
    json_of(m.put(ME, json=hours(BERLIN, every_day("09:00", "12:00"))), 200)
    later = (lab.now + dt.timedelta(days=70)).date().isoformat()
    for body, field in [({"to": day}, "from"), ({"from": day}, "to"), ({"from": "03/01/2027", "to": day}, "from"),
                        ({"from": day, "to": "2026-02-30"}, "to"),
                        ({"from": later, "to": day}, "to"), ({"from": day, "to": later}, "to"),
                        ({"from": day, "to": day, "duration_minutes": 5}, "duration_minutes"),
                        ({"from": day, "to": day, "duration_minutes": 121}, "duration_minutes"),
                        ({"from": day, "to": day, "every": 30}, "every")]:
        assert_error(generate(m, topic["id"], **body), 422, field)
    assert_error(generate(lab.person(formats_offered=["one_to_one", "flash"], mentor_capacity=1), topic["id"],
                          **{"from": day, "to": day}), 403)
    assert_error(generate(m, 999999999, **{"from": day, "to": day}), 404)
    past = (lab.now - dt.timedelta(days=3)).date().isoformat()
    assert_error(generate(m, topic["id"], **{"from": past, "to": past}), 409)
    assert json_of(m.get(f"/api/v1/flash/topics/{topic['id']}"), 200)["slots"] == []


# ---------------------------------------------------------------------------------------------
# One's own data


def test_ones_availability_is_in_ones_export_and_goes_with_the_account(clock_lab):
    person = clock_lab.person(timezone=BERLIN)
    saved = json_of(person.put(ME, json=hours(BERLIN, [WINDOW], [{"kind": "off", "from": "2027-05-01"}])), 200)
    export = json_of(person.get("/api/v1/me/export"), 200)
    assert export["availability"] == saved
    r = person.post("/api/v1/me/deletion", json={"password": PASSWORD})
    assert r.status_code == 204, r.text


# ---------------------------------------------------------------------------------------------
# Across a daylight-saving change (last: it moves the module's clock months ahead)


def test_hours_keep_their_local_time_across_a_daylight_saving_change(clock_lab):
    lab = clock_lab
    # Monday 22 March 2027, 05:00 UTC: New York is on summer time since 14 March, Berlin changes
    # on Sunday 28 March.
    target = dt.datetime(2027, 3, 22, 5, 0, tzinfo=dt.timezone.utc)
    delta = target - lab.now
    assert delta > dt.timedelta(0)
    lab.advance(days=delta.days, seconds=delta.seconds)
    assert lab.now == target
    m = mentor(lab, flash=True)
    json_of(m.put(ME, json=hours(BERLIN, [{"day": "monday", "start": "09:00", "end": "11:00"}])), 200)
    pair = active_pair(lab, mentee=lab.mentee(timezone=NEW_YORK), mentor=m)
    got = suggestions(pair.mentee, pair, duration_minutes=60, limit=50)["times"]
    assert [(t["starts_at"], t["mentor_local_start"], t["mentee_local_start"]) for t in got] == [
        ("2027-03-22T08:00:00Z", "2027-03-22T09:00:00+01:00", "2027-03-22T04:00:00-04:00"),
        ("2027-03-22T08:30:00Z", "2027-03-22T09:30:00+01:00", "2027-03-22T04:30:00-04:00"),
        ("2027-03-22T09:00:00Z", "2027-03-22T10:00:00+01:00", "2027-03-22T05:00:00-04:00"),
        ("2027-03-29T07:00:00Z", "2027-03-29T09:00:00+02:00", "2027-03-29T03:00:00-04:00"),
        ("2027-03-29T07:30:00Z", "2027-03-29T09:30:00+02:00", "2027-03-29T03:30:00-04:00"),
        ("2027-03-29T08:00:00Z", "2027-03-29T10:00:00+02:00", "2027-03-29T04:00:00-04:00"),
    ]
    # Scheduling from a suggestion takes that time off the list.
    pair.schedule(starts_at=parse_time("2027-03-29T07:00:00Z"), duration_minutes=60)
    after = [t["starts_at"] for t in suggestions(pair.mentee, pair, duration_minutes=60, limit=50)["times"]]
    assert after == ["2027-03-22T08:00:00Z", "2027-03-22T08:30:00Z", "2027-03-22T09:00:00Z", "2027-03-29T08:00:00Z"]
    # Flash slots over the same two Mondays start at 09:00 Berlin time on both.
    topic = json_of(m.post("/api/v1/flash/topics", json={"title": "Planning a quarter"}), 201)
    made = json_of(generate(m, topic["id"], **{"from": "2027-03-22", "to": "2027-03-29", "duration_minutes": 60}), 201)
    assert [(s["starts_at"], s["local_start"]) for s in made["slots"]] == [
        ("2027-03-22T08:00:00Z", "2027-03-22T09:00"), ("2027-03-22T09:00:00Z", "2027-03-22T10:00"),
        ("2027-03-29T08:00:00Z", "2027-03-29T10:00")]
