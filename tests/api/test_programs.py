"""Programs and cohorts as an administrator runs them (issue 18): the default program that holds
the organisation's settings, programs with their own dates, formats, request expiry and fading,
cohorts that belong to a program with dates and sign-up, people who sign themselves up and take
it back, administrators who add and remove people, extend a cohort and close a program (its open
pairs are asked to conclude), and the program as a grouping of the report. Every bad input is a
422 naming its field, and nothing is written by a refused request."""
import datetime

import pytest

from conftest import ADMIN, Client, error_of
from test_cohorts import PASSWORD, People, invalid_field, json_of, listed_cohort, run, unique


@pytest.fixture(scope="module")
def admin(server):
    return Client(server.url).login(ADMIN)


@pytest.fixture(scope="module")
def people(admin):
    return People(admin)


def make_program(admin, status=201, **body):
    body.setdefault("name", unique("Program"))
    return json_of(admin.post("/api/v1/admin/programs", json=body), status)


def audit_actions(admin, limit=50):
    return [(e["action"], e["subject"], e["detail"])
            for e in json_of(admin.get("/api/v1/admin/audit", params={"limit": limit}), 200)["items"]]


def today():
    return datetime.datetime.now(datetime.timezone.utc).date()


def test_the_default_program_holds_the_organisations_settings(admin):
    programs = json_of(admin.get("/api/v1/admin/programs"), 200)["items"]
    default = programs[0]
    assert default["is_default"] is True and default["state"] == "open"
    assert default["matching"] == json_of(admin.get("/api/v1/admin/program-settings"), 200)
    assert sorted(default["formats"]) == ["circle", "flash", "one_to_one"]
    assert default["fade_after_cadences"] == 2 and default["request_expiry_days"] is None
    # Its weights are the settings page's: a change through the program shows there, and back.
    before = default["matching"]["weights"]["skill"]
    changed = json_of(admin.patch(f"/api/v1/admin/programs/{default['id']}",
                                  json={"matching": {"weights": {"skill": before + 1}}}), 200)
    assert changed["matching"]["weights"]["skill"] == before + 1
    assert json_of(admin.get("/api/v1/admin/program-settings"), 200)["weights"]["skill"] == before + 1
    json_of(admin.put("/api/v1/admin/program-settings", json={"weights": {"skill": before}}), 200)
    assert json_of(admin.get(f"/api/v1/admin/programs/{default['id']}"), 200)["matching"]["weights"]["skill"] == before
    # It holds everything else, so it cannot close.
    assert admin.post(f"/api/v1/admin/programs/{default['id']}/close", json={}).status_code == 409


def test_a_program_is_made_with_its_own_rules_and_audited(admin):
    name = unique("Women in engineering")
    p = make_program(admin, name=name, description="Pairs across sites", starts_on="2027-01-15",
                     ends_on="2027-12-15", formats=["one_to_one", "circle"], request_expiry_days=10,
                     fade_after_cadences=3, matching={"emerging_skills": ["quantum sensing"]})
    assert p["name"] == name and p["is_default"] is False and p["state"] == "open" and p["closed_at"] is None
    assert (p["starts_on"], p["ends_on"]) == ("2027-01-15", "2027-12-15")
    assert p["formats"] == ["one_to_one", "circle"]
    assert (p["request_expiry_days"], p["fade_after_cadences"]) == (10, 3)
    assert p["matching"]["emerging_skills"] == ["quantum sensing"]
    # The weights not given are the organisation's at the time.
    assert p["matching"]["weights"] == json_of(admin.get("/api/v1/admin/program-settings"), 200)["weights"]
    assert p["cohorts"] == 0 and p["relationships"] == {"requested": 0, "open": 0, "concluded": 0}
    listed = [x["id"] for x in json_of(admin.get("/api/v1/admin/programs"), 200)["items"]]
    assert p["id"] in listed
    assert ("program_created", f"program:{p['id']}", name) in audit_actions(admin)
    # The name is taken whatever its case.
    r = admin.post("/api/v1/admin/programs", json={"name": name.upper()})
    assert r.status_code == 409 and error_of(r)["field"] == "name"


@pytest.mark.parametrize("body,field", [
    ({}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "x" * 101}, "name"),
    ({"description": "x" * 2001}, "description"),
    ({"starts_on": "2027-02-30"}, "starts_on"),
    ({"ends_on": "15/12/2027"}, "ends_on"),
    ({"starts_on": "2027-05-01", "ends_on": "2027-04-30"}, "ends_on"),
    ({"formats": []}, "formats"),
    ({"formats": ["one_to_one", "webinar"]}, "formats[1]"),
    ({"formats": ["circle", "circle"]}, "formats[1]"),
    ({"formats": "circle"}, "formats"),
    ({"request_expiry_days": 0}, "request_expiry_days"),
    ({"request_expiry_days": 91}, "request_expiry_days"),
    ({"request_expiry_days": "ten"}, "request_expiry_days"),
    ({"fade_after_cadences": 0}, "fade_after_cadences"),
    ({"fade_after_cadences": 7}, "fade_after_cadences"),
    ({"matching": {"weights": {"skill": -1}}}, "matching.weights.skill"),
    ({"matching": {"colour": "blue"}}, "matching.colour"),
    ({"matching": []}, "matching"),
    ({"colour": "blue"}, "colour"),
])
def test_a_bad_program_is_refused_naming_the_field_and_nothing_is_made(admin, body, field):
    before = len(json_of(admin.get("/api/v1/admin/programs"), 200)["items"])
    if field != "name":
        body = {"name": unique("Bad"), **body}
    assert invalid_field(admin.post("/api/v1/admin/programs", json=body)) == field
    assert len(json_of(admin.get("/api/v1/admin/programs"), 200)["items"]) == before


def test_changing_a_program_changes_only_what_is_sent_and_null_clears(admin):
    p = make_program(admin, starts_on="2027-01-01", ends_on="2027-06-30", request_expiry_days=5)
    new_name = unique("Renamed")
    changed = json_of(admin.patch(f"/api/v1/admin/programs/{p['id']}",
                                  json={"name": new_name, "ends_on": None, "request_expiry_days": None}), 200)
    assert changed["name"] == new_name and changed["starts_on"] == "2027-01-01"
    assert changed["ends_on"] is None and changed["request_expiry_days"] is None
    assert changed["formats"] == p["formats"] and changed["matching"] == p["matching"]
    entry = next(e for e in audit_actions(admin) if e[0] == "program_changed" and e[1] == f"program:{p['id']}")
    assert "ends_on 2027-06-30 -> none" in entry[2] and "request_expiry_days 5 -> default" in entry[2]
    # A refused change writes nothing.
    assert invalid_field(admin.patch(f"/api/v1/admin/programs/{p['id']}",
                                     json={"name": unique("Half"), "starts_on": "2028-01-01", "ends_on": "2027-01-01"})) \
        == "ends_on"
    assert json_of(admin.get(f"/api/v1/admin/programs/{p['id']}"), 200)["name"] == new_name
    assert admin.get("/api/v1/admin/programs/999999999").status_code == 404
    assert admin.patch("/api/v1/admin/programs/999999999", json={"name": "x"}).status_code == 404


def test_a_cohort_belongs_to_a_program_and_is_checked_against_it(admin, people):
    p = make_program(admin)
    circles_only = make_program(admin, formats=["circle"])
    c = json_of(admin.post("/api/v1/cohorts", json={"name": unique("Cohort"), "program_id": p["id"],
                                                    "starts_on": "2027-02-01", "ends_on": "2027-03-31",
                                                    "signup_open": True}), 201)
    assert c["program_id"] == p["id"] and c["program_name"] == p["name"]
    assert (c["starts_on"], c["ends_on"], c["signup_open"]) == ("2027-02-01", "2027-03-31", True)
    assert (c["mentees"], c["mentors"]) == (0, 0) and c["selection"] == {"kind": "signup"}
    assert json_of(admin.get(f"/api/v1/admin/programs/{p['id']}"), 200)["cohorts"] == 1
    # Without a program: the default one.
    dept = unique("dept")
    plain = listed_cohort(admin, [people.mentee(dept)], [])
    assert plain["program_id"] == json_of(admin.get("/api/v1/admin/programs"), 200)["items"][0]["id"]
    assert plain["signup_open"] is False and plain["starts_on"] is None

    def refused(body, field):
        body = {"name": unique("Refused"), **body}
        assert invalid_field(admin.post("/api/v1/cohorts", json=body)) == field, body

    refused({"program_id": circles_only["id"], "signup_open": True}, "program_id")
    refused({"program_id": "999999999", "signup_open": True}, "program_id")
    refused({"program_id": "x", "signup_open": True}, "program_id")
    refused({"signup_open": True, "starts_on": "2027-05-02", "ends_on": "2027-05-01"}, "ends_on")
    refused({"signup_open": "yes"}, "signup_open")
    refused({"starts_on": "tomorrow", "signup_open": True}, "starts_on")
    refused({}, "filter")  # neither people nor sign-up


def signup_cohort(admin, **body):
    body = {"name": unique("Open cohort"), "signup_open": True, **body}
    return json_of(admin.post("/api/v1/cohorts", json=body), 201)


def test_people_sign_themselves_up_and_take_it_back_while_a_cohort_is_open(admin, people):
    dept = unique("dept")
    ines = people.mentee(dept, password=PASSWORD)
    omar = people.mentor(dept, password=PASSWORD)
    other = people.make(password=PASSWORD)
    c = signup_cohort(admin, ends_on=str(today() + datetime.timedelta(days=30)))
    cid = c["id"]

    mine = json_of(ines["client"].get("/api/v1/me/cohorts"), 200)
    assert mine["can_mentor"] is False
    seen = next(x for x in mine["items"] if x["id"] == cid)
    assert seen["open"] is True and seen["joined_as"] == [] and seen["program_name"]
    assert set(seen) == {"id", "name", "description", "program_id", "program_name", "starts_on", "ends_on", "open",
                         "joined_as"}, "no members, no counts"

    joined = json_of(ines["client"].put(f"/api/v1/me/cohorts/{cid}/mentee"), 200)
    assert joined["joined_as"] == ["mentee"]
    assert json_of(ines["client"].put(f"/api/v1/me/cohorts/{cid}/mentee"), 200)["joined_as"] == ["mentee"], "again"
    r = ines["client"].put(f"/api/v1/me/cohorts/{cid}/mentor")
    assert r.status_code == 422 and error_of(r)["field"] == "role", "no place offered: not a mentor"
    assert json_of(omar["client"].get("/api/v1/me/cohorts"), 200)["can_mentor"] is True
    assert json_of(omar["client"].put(f"/api/v1/me/cohorts/{cid}/mentor"), 200)["joined_as"] == ["mentor"]
    assert ines["client"].put(f"/api/v1/me/cohorts/{cid}/coach").status_code == 404

    detail = json_of(admin.get(f"/api/v1/cohorts/{cid}"), 200)
    assert (detail["mentees"], detail["mentors"]) == (1, 1)
    mentees = json_of(admin.get(f"/api/v1/cohorts/{cid}/members", params={"role": "mentee"}), 200)["items"]
    assert [m["id"] for m in mentees] == [ines["id"]]
    # Another person sees the cohort, not who is in it.
    assert next(x for x in json_of(other["client"].get("/api/v1/me/cohorts"), 200)["items"]
                if x["id"] == cid)["joined_as"] == []

    assert ines["client"].delete(f"/api/v1/me/cohorts/{cid}/mentee").status_code == 204
    assert ines["client"].delete(f"/api/v1/me/cohorts/{cid}/mentee").status_code == 404
    assert json_of(admin.get(f"/api/v1/cohorts/{cid}"), 200)["mentees"] == 0

    # Sign-up closes: the cohort leaves the lists of those not in it; its members keep seeing it.
    json_of(admin.patch(f"/api/v1/cohorts/{cid}", json={"signup_open": False}), 200)
    assert cid not in [x["id"] for x in json_of(other["client"].get("/api/v1/me/cohorts"), 200)["items"]]
    assert other["client"].put(f"/api/v1/me/cohorts/{cid}/mentee").status_code == 404
    kept = next(x for x in json_of(omar["client"].get("/api/v1/me/cohorts"), 200)["items"] if x["id"] == cid)
    assert kept["open"] is False and kept["joined_as"] == ["mentor"]
    assert omar["client"].put(f"/api/v1/me/cohorts/{cid}/mentee").status_code == 409
    assert omar["client"].delete(f"/api/v1/me/cohorts/{cid}/mentor").status_code == 409


def test_a_cohort_past_its_end_takes_no_sign_ups(admin, people):
    ended = signup_cohort(admin, ends_on=str(today() - datetime.timedelta(days=1)))
    person = people.mentee(unique("dept"), password=PASSWORD)
    assert ended["id"] not in [x["id"] for x in json_of(person["client"].get("/api/v1/me/cohorts"), 200)["items"]]
    assert person["client"].put(f"/api/v1/me/cohorts/{ended['id']}/mentee").status_code == 404
    # Extending it opens it again, and the trail says it was extended.
    later = str(today() + datetime.timedelta(days=14))
    json_of(admin.patch(f"/api/v1/cohorts/{ended['id']}", json={"ends_on": later}), 200)
    assert json_of(person["client"].put(f"/api/v1/me/cohorts/{ended['id']}/mentee"), 200)["joined_as"] == ["mentee"]
    entry = next(e for e in audit_actions(admin) if e[1] == f"cohort:{ended['id']}" and e[0] == "cohort_extended")
    assert later in entry[2]


def test_changing_a_cohort_refuses_bad_input_and_writes_nothing(admin):
    c = signup_cohort(admin, starts_on="2027-01-01", ends_on="2027-02-01")
    for body, field in [({"ends_on": "2026-12-31"}, "ends_on"), ({"starts_on": "2027-13-01"}, "starts_on"),
                        ({"name": ""}, "name"), ({"signup_open": 1}, "signup_open"), ({"size": 3}, "size"),
                        ({"description": "x" * 2001}, "description")]:
        assert invalid_field(admin.patch(f"/api/v1/cohorts/{c['id']}", json=body)) == field, body
    after = json_of(admin.get(f"/api/v1/cohorts/{c['id']}"), 200)
    assert (after["starts_on"], after["ends_on"], after["name"]) == ("2027-01-01", "2027-02-01", c["name"])
    other = signup_cohort(admin)
    r = admin.patch(f"/api/v1/cohorts/{c['id']}", json={"name": other["name"]})
    assert r.status_code == 409 and error_of(r)["field"] == "name"
    assert admin.patch("/api/v1/cohorts/999999999", json={"name": "x"}).status_code == 404
    # Shortening is a change, not an extension.
    json_of(admin.patch(f"/api/v1/cohorts/{c['id']}", json={"ends_on": "2027-01-15"}), 200)
    assert next(e for e in audit_actions(admin) if e[1] == f"cohort:{c['id']}")[0] == "cohort_changed"


def test_administrators_add_and_remove_members(admin, people):
    dept = unique("dept")
    a, b = people.mentee(dept), people.mentee(dept)
    c = listed_cohort(admin, [a], [])
    added = json_of(admin.post(f"/api/v1/cohorts/{c['id']}/members",
                               json={"role": "mentee", "person_ids": [a["id"], b["id"]]}), 200)
    assert added == {"added": 1, "already": 1, "mentees": 2, "mentors": 0}
    for body, field in [({"role": "coach", "person_ids": [a["id"]]}, "role"),
                        ({"role": "mentee", "person_ids": []}, "person_ids"),
                        ({"role": "mentee", "person_ids": [b["id"], "999999999"]}, "person_ids[1]"),
                        ({"role": "mentee"}, "person_ids")]:
        assert invalid_field(admin.post(f"/api/v1/cohorts/{c['id']}/members", json=body)) == field, body
    assert json_of(admin.get(f"/api/v1/cohorts/{c['id']}"), 200)["mentees"] == 2, "a refused add wrote nothing"
    assert admin.delete(f"/api/v1/cohorts/{c['id']}/members/mentee/{b['id']}").status_code == 204
    assert admin.delete(f"/api/v1/cohorts/{c['id']}/members/mentee/{b['id']}").status_code == 404
    assert admin.delete(f"/api/v1/cohorts/{c['id']}/members/coach/{a['id']}").status_code == 404
    assert json_of(admin.get(f"/api/v1/cohorts/{c['id']}"), 200)["mentees"] == 1
    actions = [e[0] for e in audit_actions(admin) if e[1] == f"cohort:{c['id']}"]
    assert "cohort_members_added" in actions and "cohort_member_removed" in actions


def test_a_programs_cohort_proposes_pairs_of_that_program_that_wait_its_expiry(admin, people):
    dept = unique("dept")
    skill = unique("skill")
    p = make_program(admin, request_expiry_days=3)
    mentor = people.mentor(dept, capacity=2, skills=[skill], password=PASSWORD)
    mentees = [people.mentee(dept, wants=[skill]) for _ in range(2)]
    c = listed_cohort(admin, mentees, [mentor], program_id=p["id"])
    job = run(admin, c)
    applied = json_of(admin.post(f"/api/v1/matchings/{job['id']}/apply"), 200)
    assert applied["created"] == 2
    assert json_of(admin.get(f"/api/v1/admin/programs/{p['id']}"), 200)["relationships"] == \
        {"requested": 2, "open": 0, "concluded": 0}
    inbox = json_of(mentor["client"].get("/api/v1/relationships", params={"role": "mentor"}), 200)["items"]
    for r in inbox:
        created = datetime.datetime.fromisoformat(r["requested_at"].replace("Z", "+00:00"))
        expires = datetime.datetime.fromisoformat(r["expires_at"].replace("Z", "+00:00"))
        assert expires - created == datetime.timedelta(days=3), "the program's expiry, not the default 14 days"
    # Each person sees which program the relationship is in; the administrator lists the program's.
    rel = json_of(mentor["client"].get(f"/api/v1/relationships/{inbox[0]['id']}"), 200)
    assert rel["program"] == {"id": p["id"], "name": p["name"], "is_default": False}
    overview = json_of(admin.get("/api/v1/admin/relationships", params={"program_id": p["id"]}), 200)
    assert sorted(x["id"] for x in overview["items"]) == sorted(x["id"] for x in inbox)
    assert {x["program"] for x in overview["items"]} == {p["name"]}
    assert overview["counts"]["requested"] == 2 and sum(overview["counts"].values()) == 2
    # A request made outside any cohort belongs to the default program.
    default = json_of(admin.get("/api/v1/admin/programs"), 200)["items"][0]
    assert default["is_default"]
    outside = people.make(password=PASSWORD, formats_sought=["one_to_one"])
    asked = json_of(outside["client"].post("/api/v1/relationships", json={"mentor_id": mentor["id"], "message": "Hello"}), 201)
    seen = json_of(outside["client"].get(f"/api/v1/relationships/{asked['id']}"), 200)["program"]
    assert seen == {"id": default["id"], "name": default["name"], "is_default": True}
    everyone = {x["id"]: x for x in json_of(admin.get("/api/v1/admin/relationships"), 200)["items"]}
    assert everyone[asked["id"]]["program_id"] == default["id"]
    assert all(everyone[r["id"]]["program_id"] == p["id"] for r in inbox)
    assert asked["id"] not in {x["id"] for x in overview["items"]}
    assert invalid_field(admin.get("/api/v1/admin/relationships", params={"program_id": "999999999"})) == "program_id"
    assert invalid_field(admin.get("/api/v1/admin/relationships", params={"program_id": "x"})) == "program_id"
    report = json_of(admin.get("/api/v1/admin/reports/program", params={"group_by": "program"}), 200)
    assert report["group_by"] == "program"
    assert admin.get("/api/v1/admin/reports/program", params={"group_by": "team"}).status_code == 422


def test_closing_a_program_asks_its_open_pairs_to_conclude_and_stops_its_cohorts(admin, people):
    dept = unique("dept")
    skill = unique("skill")
    p = make_program(admin)
    mentor = people.mentor(dept, capacity=1, skills=[skill], password=PASSWORD)
    mentee = people.mentee(dept, wants=[skill], password=PASSWORD)
    c = listed_cohort(admin, [mentee], [mentor], program_id=p["id"], signup_open=True)
    job = run(admin, c)
    json_of(admin.post(f"/api/v1/matchings/{job['id']}/apply"), 200)
    rel = json_of(mentor["client"].get("/api/v1/relationships", params={"role": "mentor"}), 200)["items"][0]
    json_of(mentor["client"].post(f"/api/v1/relationships/{rel['id']}/accept"), 200)

    assert json_of(admin.get(f"/api/v1/cohorts/{c['id']}"), 200)["program_open"] is True
    closed = json_of(admin.post(f"/api/v1/admin/programs/{p['id']}/close", json={}), 200)
    assert json_of(admin.get(f"/api/v1/cohorts/{c['id']}"), 200)["program_open"] is False
    assert closed["asked_to_conclude"] == 1
    assert closed["program"]["state"] == "closed" and closed["program"]["closed_at"]
    for person in (mentor, mentee):
        kinds = [n["kind"] for n in json_of(person["client"].get("/api/v1/me/notifications"), 200)["items"]]
        assert "program_closed" in kinds, person["name"]
    entry = next(e for e in audit_actions(admin) if e[0] == "program_closed")
    assert entry[1] == f"program:{p['id']}" and "1 open pair asked to conclude" in entry[2]

    assert admin.post(f"/api/v1/admin/programs/{p['id']}/close", json={}).status_code == 409
    assert admin.patch(f"/api/v1/admin/programs/{p['id']}", json={"name": unique("Late")}).status_code == 409
    assert invalid_field(admin.post("/api/v1/cohorts", json={"name": unique("Late"), "program_id": p["id"],
                                                             "signup_open": True})) == "program_id"
    assert admin.post(f"/api/v1/cohorts/{c['id']}/matchings", json={}).status_code == 409
    assert admin.patch(f"/api/v1/cohorts/{c['id']}", json={"ends_on": "2030-01-01"}).status_code == 409
    assert admin.post(f"/api/v1/cohorts/{c['id']}/members",
                      json={"role": "mentee", "person_ids": [mentor["id"]]}).status_code == 409
    # Its cohort takes no sign-ups any more; its members still see it, closed.
    seen = next(x for x in json_of(mentee["client"].get("/api/v1/me/cohorts"), 200)["items"] if x["id"] == c["id"])
    assert seen["open"] is False
    assert mentee["client"].put(f"/api/v1/me/cohorts/{c['id']}/mentor").status_code == 409
    # The relationship goes on until its people conclude it.
    assert json_of(mentor["client"].get(f"/api/v1/relationships/{rel['id']}"), 200)["state"] == "starting"
    assert admin.post("/api/v1/admin/programs/999999999/close", json={}).status_code == 404


def test_only_administrators_manage_programs(server, admin, people):
    someone = people.make(password=PASSWORD)["client"]
    anonymous = Client(server.url)
    p = make_program(admin)
    c = signup_cohort(admin)
    for method, path, body in [("GET", "/api/v1/admin/programs", None),
                               ("POST", "/api/v1/admin/programs", {"name": unique("Nope")}),
                               ("GET", f"/api/v1/admin/programs/{p['id']}", None),
                               ("PATCH", f"/api/v1/admin/programs/{p['id']}", {"name": unique("Nope")}),
                               ("POST", f"/api/v1/admin/programs/{p['id']}/close", {}),
                               ("PATCH", f"/api/v1/cohorts/{c['id']}", {"signup_open": False}),
                               ("POST", f"/api/v1/cohorts/{c['id']}/members",
                                {"role": "mentee", "person_ids": [admin.person["id"]]})]:
        assert someone.request(method, path, json=body).status_code == 403, (method, path)
        assert anonymous.request(method, path, json=body).status_code == 401, (method, path)
    assert anonymous.get("/api/v1/me/cohorts").status_code == 401
    assert json_of(admin.get(f"/api/v1/admin/programs/{p['id']}"), 200)["name"] == p["name"]
    assert json_of(admin.get(f"/api/v1/cohorts/{c['id']}"), 200)["signup_open"] is True
