"""Profiles: one's own (/me), colleagues' and the administrator's management of people, the
views each caller gets, validation, pagination, deactivation and the authorization of every
people route. Every refused write is followed by a read showing that nothing was stored."""
import datetime
import subprocess

import pytest
import requests

from conftest import ADMIN, Client, create_person, error_of, unique_email

MAYA = "maya.patel@northwind.example"
DANIEL = "daniel.okafor@northwind.example"
DEMO_SIZE = 312

COLLEAGUE_FIELDS = {
    "id", "name", "email", "title", "organisation", "is_external", "department", "manager_id",
    "years_of_experience", "skills", "timezone", "languages", "media", "mentor_capacity",
    "formats_offered", "bio",
}
PRIVATE_FIELDS = {
    "former_manager_ids", "career_start_year", "aspirations", "monthly_availability_hours",
    "formats_sought", "is_admin",
}
ACCOUNT_FIELDS = {"active", "created_at", "updated_at"}
ADMIN_ONLY_VALUES = {
    "email": "someone.else@example.com",
    "organisation": "Elsewhere Ltd",
    "is_external": True,
    "department": "Finance",
    "manager_id": "1",
    "former_manager_ids": ["1"],
    "is_admin": True,
    "active": False,
}


@pytest.fixture(scope="module")
def admin(server):
    """One administrator session for the module (overrides conftest's per-test one; make_person uses it)."""
    return Client(server.url).login(ADMIN)


@pytest.fixture(scope="module")
def maya(server):
    """A plain demo person, signed in once, for tests that only read."""
    return Client(server.url).login(MAYA)


@pytest.fixture(scope="module")
def plain(admin):
    """A plain person created for this module, signed in; refused writes are tried on them."""
    _, person = create_person(admin, email=unique_email("plain"), name="Plain Person")
    return person


def this_year():
    return datetime.datetime.now(datetime.timezone.utc).year


def me(client):
    r = client.get("/api/v1/me")
    assert r.status_code == 200, r.text
    return r.json()


def person(client, person_id):
    r = client.get(f"/api/v1/people/{person_id}")
    assert r.status_code == 200, r.text
    return r.json()


def includes(whole, part):
    """Every member of `part` is in `whole` with the same value. Profiles from different routes
    are compared this way, so that a member one route adds (a computed summary) is no failure."""
    assert {k: whole.get(k, "<absent>") for k in part} == part
    return True


def assert_view(profile, shown, hidden):
    keys = set(profile)
    assert shown <= keys, f"missing: {shown - keys}"
    assert not (hidden & keys), f"should not be shown: {hidden & keys}"


def refused(r, status, field, code=None):
    assert r.status_code == status, r.text
    err = error_of(r)
    assert err["field"] == field, err
    if code:
        assert err["code"] == code, err
    return err


def walk(client, limit=None, include_inactive=False):
    """Every page of GET /api/v1/people; returns (items in order, number of pages)."""
    items, pages, cursor = [], 0, None
    while True:
        params = {}
        if limit is not None:
            params["limit"] = limit
        if cursor is not None:
            params["cursor"] = cursor
        if include_inactive:
            params["include_inactive"] = "true"
        r = client.get("/api/v1/people", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items, pages
        assert pages < 100, "the cursor never ends"


def created_since(admin, newest):
    """People (deactivated ones too) with a higher id than `newest`, i.e. created after it."""
    r = admin.get("/api/v1/people", params={"cursor": newest["id"], "include_inactive": "true"})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def everyone(admin):
    """id -> admin view of every person, deactivated ones included."""
    return {p["id"]: p for p in walk(admin, limit=100, include_inactive=True)[0]}


def new_person(admin, **fields):
    """Creates a person who does not need to sign in (no password: no slow hashing)."""
    body = {"email": unique_email(), "name": "Created Person"}
    body.update(fields)
    r = admin.post("/api/v1/people", json=body)
    assert r.status_code == 201, r.text
    return r.json()


# --- one's own profile ---------------------------------------------------------------------

def test_me_returns_the_signed_in_persons_own_profile(maya):
    profile = me(maya)
    assert profile["email"] == MAYA
    assert profile["name"] == "Maya Patel"
    assert_view(profile, COLLEAGUE_FIELDS | PRIVATE_FIELDS, ACCOUNT_FIELDS)


def test_every_editable_field_round_trips_through_patch_me(make_person):
    _, c = make_person()
    year = this_year()
    changes = {
        "name": "Ada Lovelace-Byron",
        "title": "Analytical Engineer",
        "bio": "Writes programs for engines that do not exist yet. Ünïcödé is fine too.",
        "timezone": "Europe/London",
        "languages": ["English", "French"],
        "career_start_year": year - 12,
        "monthly_availability_hours": 6,
        "mentor_capacity": 3,
        "media": ["video", "in_person", "phone", "chat"],
        "formats_offered": ["one_to_one", "circle"],
        "formats_sought": ["flash"],
        "skills": [{"name": "Mathematics", "level": 5}, {"name": "Poetry", "level": 2}],
        "aspirations": {"roles": ["Head of Research"], "departments": ["Research"], "skills": ["Leadership"]},
    }
    r = c.patch("/api/v1/me", json=changes)
    assert r.status_code == 200, r.text
    for key, value in changes.items():
        assert r.json()[key] == value, key
    assert r.json()["years_of_experience"] == 12
    assert includes(me(c), r.json())


def test_patch_me_returns_the_new_profile_and_leaves_absent_fields_alone(make_person):
    _, c = make_person(title="Analyst", languages=["English"], mentor_capacity=2)
    before = me(c)
    r = c.patch("/api/v1/me", json={"bio": "Learning Python"})
    assert r.status_code == 200
    assert_view(r.json(), COLLEAGUE_FIELDS | PRIVATE_FIELDS, ACCOUNT_FIELDS)
    assert includes({**before, "bio": "Learning Python"}, r.json())
    assert me(c) == {**before, "bio": "Learning Python"}


def test_a_patch_replaces_only_the_aspiration_lists_it_names(make_person):
    _, c = make_person(aspirations={"roles": ["Data Scientist"], "departments": ["Data"], "skills": ["Python"]})
    r = c.patch("/api/v1/me", json={"aspirations": {"skills": ["Statistics", "SQL"]}})
    assert r.status_code == 200
    assert me(c)["aspirations"] == {
        "roles": ["Data Scientist"], "departments": ["Data"], "skills": ["Statistics", "SQL"]}


def test_lists_are_replaced_whole(make_person):
    _, c = make_person(skills=[{"name": "Excel", "level": 3}, {"name": "SQL", "level": 2}], media=["video", "chat"])
    c.patch("/api/v1/me", json={"skills": [{"name": "Python", "level": 1}], "media": []})
    profile = me(c)
    assert profile["skills"] == [{"name": "Python", "level": 1}]
    assert profile["media"] == []


def test_career_start_year_can_be_cleared_with_null(make_person):
    _, c = make_person(career_start_year=this_year() - 5)
    assert me(c)["years_of_experience"] == 5
    r = c.patch("/api/v1/me", json={"career_start_year": None})
    assert r.status_code == 200
    assert me(c)["career_start_year"] is None
    assert me(c)["years_of_experience"] == 0


# --- what each viewer sees -------------------------------------------------------------------

def test_a_colleague_sees_the_mentor_profile_but_not_private_fields(admin, plain):
    subject = new_person(admin, aspirations={"roles": ["Secret Role"]}, formats_sought=["circle"],
                         career_start_year=2010)
    seen = person(plain, subject["id"])
    assert_view(seen, COLLEAGUE_FIELDS, PRIVATE_FIELDS | ACCOUNT_FIELDS)
    assert "Secret Role" not in str(seen)
    assert seen["years_of_experience"] == this_year() - 2010


def test_a_person_sees_their_own_private_fields_but_not_account_state(make_person):
    subject, c = make_person(aspirations={"roles": ["Team Lead"]}, formats_sought=["circle"])
    seen = person(c, subject["id"])
    assert_view(seen, COLLEAGUE_FIELDS | PRIVATE_FIELDS, ACCOUNT_FIELDS)
    assert seen["aspirations"]["roles"] == ["Team Lead"]
    assert seen["formats_sought"] == ["circle"]
    assert seen["is_admin"] is False


def test_an_administrator_also_sees_account_state(admin):
    subject = new_person(admin)
    seen = person(admin, subject["id"])
    assert_view(seen, COLLEAGUE_FIELDS | PRIVATE_FIELDS | ACCOUNT_FIELDS, set())
    assert seen["active"] is True
    assert seen["created_at"].endswith("Z") and seen["updated_at"].endswith("Z")


OUTSIDER_HIDDEN = {"email", "department", "manager_id"}


def test_an_external_expert_sees_an_employees_contact_details_only_after_an_accepted_relationship(admin,
                                                                                                 make_person):
    # Issue 16: external experts could read every employee's e-mail and manager id.
    manager = new_person(admin)
    employee, employee_client = make_person(department="Finance", manager_id=manager["id"], mentor_capacity=2,
                                            formats_offered=["one_to_one"])
    expert, expert_client = make_person(is_external=True, organisation="Fernwood Advisory", mentor_capacity=2,
                                        formats_offered=["one_to_one"])
    seen_by_expert = person(expert_client, employee["id"])
    assert_view(seen_by_expert, COLLEAGUE_FIELDS - OUTSIDER_HIDDEN, OUTSIDER_HIDDEN | PRIVATE_FIELDS)
    listed = expert_client.get("/api/v1/people", params={"cursor": str(int(employee["id"]) - 1), "limit": 5}).json()
    assert all(not (OUTSIDER_HIDDEN & set(p)) for p in listed["items"] if not p["is_external"])
    # Employees see an external expert as they see a colleague: to ask them is what experts are for.
    assert_view(person(employee_client, expert["id"]), COLLEAGUE_FIELDS, PRIVATE_FIELDS)
    # A request is not yet a relationship; once accepted, both see each other's contact details.
    r = employee_client.post("/api/v1/relationships", json={"mentor_id": expert["id"], "message": "Audit careers?"})
    assert r.status_code == 201, r.text
    assert "email" not in person(expert_client, employee["id"])
    assert expert_client.post(f"/api/v1/relationships/{r.json()['id']}/accept").status_code == 200
    assert person(expert_client, employee["id"])["email"] == employee["email"]
    # An internal colleague still sees the colleague view of another employee.
    assert_view(person(employee_client, manager["id"]), COLLEAGUE_FIELDS, PRIVATE_FIELDS)


def test_the_list_shows_colleagues_in_the_colleague_view_and_oneself_in_the_self_view(admin, make_person):
    colleague = new_person(admin)
    mine, c = make_person()
    r = c.get("/api/v1/people", params={"cursor": str(int(colleague["id"]) - 1), "limit": 100})
    items = {p["id"]: p for p in r.json()["items"]}
    assert_view(items[colleague["id"]], COLLEAGUE_FIELDS, PRIVATE_FIELDS | ACCOUNT_FIELDS)
    assert_view(items[mine["id"]], COLLEAGUE_FIELDS | PRIVATE_FIELDS, ACCOUNT_FIELDS)


# --- validation: 422 naming the field, and nothing written --------------------------------------

INVALID_PATCHES = [
    ({"skills": [{"name": "SQL", "level": 7}]}, "skills[0].level"),
    ({"skills": [{"name": "SQL", "level": 0}]}, "skills[0].level"),
    ({"skills": [{"name": "SQL", "level": 3}, {"name": "Excel", "level": "high"}]}, "skills[1].level"),
    ({"skills": [{"name": "SQL"}]}, "skills[0].level"),
    ({"skills": [{"name": "SQL", "level": 3}, {"name": "sql", "level": 2}]}, "skills[1].name"),
    ({"skills": [{"name": "  ", "level": 3}]}, "skills[0].name"),
    ({"skills": "x"}, "skills"),
    ({"skills": ["x"]}, "skills[0]"),
    ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
    ({"timezone": ""}, "timezone"),
    ({"mentor_capacity": -1}, "mentor_capacity"),
    ({"mentor_capacity": 21}, "mentor_capacity"),
    ({"mentor_capacity": 2.5}, "mentor_capacity"),
    ({"mentor_capacity": "3"}, "mentor_capacity"),
    ({"monthly_availability_hours": 201}, "monthly_availability_hours"),
    ({"career_start_year": 1800}, "career_start_year"),
    ({"career_start_year": this_year() + 1}, "career_start_year"),
    ({"name": 5}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "x" * 121}, "name"),
    ({"bio": "x" * 2001}, "bio"),
    ({"media": ["fax"]}, "media[0]"),
    ({"media": "video"}, "media"),
    ({"media": ["video", "video"]}, "media"),
    ({"formats_offered": ["lecture"]}, "formats_offered[0]"),
    ({"formats_sought": ["circle", "circle"]}, "formats_sought"),
    ({"languages": ["English", ""]}, "languages[1]"),
    ({"languages": [["English"]]}, "languages[0]"),
    ({"aspirations": ["Manager"]}, "aspirations"),
    ({"aspirations": {"roles": [5]}}, "aspirations.roles[0]"),
    ({"favourite_colour": "green"}, "favourite_colour"),
    ({"id": "1"}, "id"),
    ({"years_of_experience": 10}, "years_of_experience"),
]


@pytest.mark.parametrize("patch,field", INVALID_PATCHES, ids=[f for _, f in INVALID_PATCHES])
def test_an_invalid_value_is_422_naming_the_field_and_nothing_is_written(plain, patch, field):
    c = plain
    before = me(c)
    # A valid change travels with the invalid one: it must not be saved either.
    r = c.patch("/api/v1/me", json={"title": "Must not be saved", **patch})
    refused(r, 422, field, "invalid")
    assert me(c) == before


def test_a_career_start_year_beyond_any_integer_range_is_refused(make_person):
    _, c = make_person()  # a fresh person: the bug stores the value
    before = me(c)
    r = c.patch("/api/v1/me", json={"career_start_year": 2**32 + 2000})
    refused(r, 422, "career_start_year", "invalid")
    assert me(c) == before


@pytest.mark.parametrize("patch,field", [
    ({"skills": [{"name": "SQL", "level": 3, "years": 2}]}, "skills[0].years"),
    ({"aspirations": {"roles": ["Lead"], "mentors": ["Ada"]}}, "aspirations.mentors"),
])
def test_an_unknown_nested_member_is_named_with_its_path(plain, patch, field):
    c = plain
    before = me(c)
    r = c.patch("/api/v1/me", json=patch)
    refused(r, 422, field, "invalid")
    assert me(c) == before


@pytest.mark.parametrize("field", sorted(ADMIN_ONLY_VALUES))
def test_a_person_setting_an_administrator_field_through_me_gets_403_naming_it(plain, field):
    c = plain
    before = me(c)
    r = c.patch("/api/v1/me", json={"bio": "Must not be saved", field: ADMIN_ONLY_VALUES[field]})
    refused(r, 403, field, "forbidden")
    assert me(c) == before


def test_an_administrator_may_set_administrator_fields_on_their_own_profile(make_person):
    _, other_admin = make_person(is_admin=True, department="People & HR")
    r = other_admin.patch("/api/v1/me", json={"department": "Finance"})
    assert r.status_code == 200, r.text
    assert me(other_admin)["department"] == "Finance"


def test_a_body_that_is_not_an_object_is_refused_and_nothing_is_written(plain):
    c = plain
    before = me(c)
    r = c.patch("/api/v1/me", json=[{"bio": "list"}])
    refused(r, 422, "", "invalid")
    assert me(c) == before


# --- the administrator's management of people -------------------------------------------------

def test_an_administrator_creates_a_person_who_can_then_sign_in(admin, server):
    email = unique_email("created")
    r = admin.post("/api/v1/people", json={
        "email": email, "name": "New Hire", "password": "first day password", "department": "Finance",
        "title": "Accountant", "skills": [{"name": "Excel", "level": 4}]})
    assert r.status_code == 201, r.text
    created = r.json()
    assert r.headers["Location"] == f"/api/v1/people/{created['id']}"
    assert created["active"] is True and created["is_admin"] is False
    assert created["timezone"] == "UTC"
    assert includes(person(admin, created["id"]), created)
    c = Client(server.url).login(email, "first day password")
    assert me(c)["department"] == "Finance"


def test_a_created_email_is_trimmed_and_lower_cased(admin):
    email = unique_email("MixedCase")
    created = new_person(admin, email="  " + email.upper() + " ")
    assert created["email"] == email.lower()


def test_a_person_created_without_a_password_cannot_sign_in(admin, client):
    email = unique_email("nopassword")
    r = admin.post("/api/v1/people", json={"email": email, "name": "No Password"})
    assert r.status_code == 201
    r = client.post("/api/v1/auth/login", json={"email": email, "password": "anything at all"})
    assert r.status_code == 401


INVALID_CREATES = [
    ({"email": "not-an-email"}, "email"),
    ({"email": "two@@example.com"}, "email"),
    ({"email": None}, "email"),
    ({"name": ""}, "name"),
    ({"password": "short"}, "password"),
    ({"timezone": "Nowhere/Special"}, "timezone"),
    ({"is_external": True}, "organisation"),
    ({"manager_id": "999999999"}, "manager_id"),
    ({"manager_id": "abc"}, "manager_id"),
    ({"former_manager_ids": ["999999999"]}, "former_manager_ids[0]"),
    ({"shoe_size": 42}, "shoe_size"),
]


@pytest.mark.parametrize("change,field", INVALID_CREATES, ids=[f"{f}-{i}" for i, (_, f) in enumerate(INVALID_CREATES)])
def test_an_invalid_creation_is_422_naming_the_field_and_creates_nobody(admin, change, field):
    newest = new_person(admin)
    body = {"email": unique_email("invalid"), "name": "Invalid Person", "password": "a long password 1", **change}
    refused(admin.post("/api/v1/people", json=body), 422, field, "invalid")
    assert created_since(admin, newest) == []


@pytest.mark.parametrize("missing", ["email", "name"])
def test_creation_needs_an_email_and_a_name(admin, missing):
    newest = new_person(admin)
    body = {"email": unique_email(), "name": "Someone"}
    del body[missing]
    refused(admin.post("/api/v1/people", json=body), 422, missing, "invalid")
    assert created_since(admin, newest) == []


def test_a_duplicate_email_is_409_whatever_its_case(admin):
    existing = new_person(admin)
    r = admin.post("/api/v1/people", json={"email": existing["email"].upper(), "name": "Twin"})
    refused(r, 409, "email", "conflict")
    assert created_since(admin, existing) == []
    assert includes(person(admin, existing["id"]), existing)


def test_an_administrator_changes_someone_elses_profile(admin, make_person):
    subject, c = make_person(title="Analyst")
    r = admin.patch(f"/api/v1/people/{subject['id']}", json={
        "department": "Data & Analytics", "title": "Senior Analyst", "organisation": "Northwind Labs",
        "email": unique_email("renamed")})
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "Senior Analyst"
    assert set(r.json()) >= ACCOUNT_FIELDS
    mine = me(c)
    assert mine["department"] == "Data & Analytics"
    assert mine["email"] == r.json()["email"]
    assert mine["organisation"] == "Northwind Labs"


def test_an_administrator_cannot_take_another_persons_email(admin):
    subject = new_person(admin)
    other = new_person(admin)
    before = person(admin, subject["id"])
    r = admin.patch(f"/api/v1/people/{subject['id']}", json={"title": "Not saved", "email": other["email"]})
    refused(r, 409, "email", "conflict")
    assert person(admin, subject["id"]) == before


def test_an_administrator_cannot_set_a_password_through_the_api(admin):
    subject = new_person(admin)
    before = person(admin, subject["id"])
    r = admin.patch(f"/api/v1/people/{subject['id']}", json={"password": "a brand new password"})
    refused(r, 422, "password", "invalid")
    assert person(admin, subject["id"]) == before


def test_patching_an_unknown_person_is_404(admin):
    r = admin.patch("/api/v1/people/999999999", json={"title": "Ghost"})
    assert r.status_code == 404
    assert error_of(r)["code"] == "not_found"


def test_a_reporting_cycle_is_refused_naming_the_manager_and_nothing_is_written(admin):
    a = new_person(admin, name="Alice Manager")
    b = new_person(admin, name="Bob Report")
    r = admin.patch(f"/api/v1/people/{b['id']}", json={"manager_id": a["id"]})
    assert r.status_code == 200 and r.json()["manager_id"] == a["id"]
    before = person(admin, a["id"])
    r = admin.patch(f"/api/v1/people/{a['id']}", json={"title": "Not saved", "manager_id": b["id"]})
    refused(r, 422, "manager_id", "invalid")
    assert person(admin, a["id"]) == before


def test_a_longer_reporting_cycle_is_refused_too(admin):
    a, b, c = new_person(admin), new_person(admin), new_person(admin)
    assert admin.patch(f"/api/v1/people/{b['id']}", json={"manager_id": a["id"]}).status_code == 200
    assert admin.patch(f"/api/v1/people/{c['id']}", json={"manager_id": b["id"]}).status_code == 200
    before = person(admin, a["id"])
    refused(admin.patch(f"/api/v1/people/{a['id']}", json={"manager_id": c["id"]}), 422, "manager_id")
    assert person(admin, a["id"]) == before


def test_nobody_manages_themselves(admin):
    a = new_person(admin)
    before = person(admin, a["id"])
    refused(admin.patch(f"/api/v1/people/{a['id']}", json={"manager_id": a["id"]}), 422, "manager_id")
    assert person(admin, a["id"]) == before


def test_a_deactivated_person_cannot_become_a_manager(admin):
    gone = new_person(admin)
    assert admin.post(f"/api/v1/people/{gone['id']}/deactivate").status_code == 200
    report = new_person(admin)
    before = person(admin, report["id"])
    refused(admin.patch(f"/api/v1/people/{report['id']}", json={"manager_id": gone["id"]}), 422, "manager_id")
    assert person(admin, report["id"]) == before


def test_changing_someones_manager_records_the_old_one_as_a_former_manager(admin, make_person):
    first, second = new_person(admin), new_person(admin)
    subject, c = make_person(manager_id=first["id"])
    r = admin.patch(f"/api/v1/people/{subject['id']}", json={"manager_id": second["id"]})
    assert r.status_code == 200
    assert r.json()["manager_id"] == second["id"]
    assert r.json()["former_manager_ids"] == [first["id"]]
    assert me(c)["former_manager_ids"] == [first["id"]]


def test_a_former_manager_is_recorded_once_however_often_the_manager_changes(admin):
    first, second = new_person(admin), new_person(admin)
    subject = new_person(admin, manager_id=first["id"])
    for manager in (second, first, second, None):
        body = {"manager_id": manager["id"] if manager else None}
        assert admin.patch(f"/api/v1/people/{subject['id']}", json=body).status_code == 200
    after = person(admin, subject["id"])
    assert after["manager_id"] is None
    assert sorted(after["former_manager_ids"]) == sorted([first["id"], second["id"]])


def test_an_explicit_former_manager_list_is_taken_as_given(admin):
    first, second = new_person(admin), new_person(admin)
    subject = new_person(admin, manager_id=first["id"])
    r = admin.patch(f"/api/v1/people/{subject['id']}", json={"manager_id": second["id"], "former_manager_ids": []})
    assert r.status_code == 200
    assert r.json()["former_manager_ids"] == []


def test_a_person_whose_manager_was_deactivated_can_still_edit_their_profile(admin, make_person):
    # people_routes.cpp re-checks the manager only when it changes (docs/openapi.yaml says otherwise).
    manager = new_person(admin)
    _, c = make_person(manager_id=manager["id"])
    assert admin.post(f"/api/v1/people/{manager['id']}/deactivate").status_code == 200
    r = c.patch("/api/v1/me", json={"bio": "Still here"})
    assert r.status_code == 200
    assert me(c)["bio"] == "Still here"


# --- deactivation ------------------------------------------------------------------------------

def test_deactivating_a_person_ends_their_session_and_api_tokens(admin, make_person, server):
    subject, c = make_person()
    token = c.post("/api/v1/me/tokens", json={"label": "script"}).json()["token"]
    r = admin.post(f"/api/v1/people/{subject['id']}/deactivate")
    assert r.status_code == 200
    assert r.json()["active"] is False
    assert c.get("/api/v1/me").status_code == 401
    assert requests.get(server.url + "/api/v1/me", headers={"Authorization": "Bearer " + token}).status_code == 401


def test_a_deactivated_person_cannot_sign_in(admin, client):
    email = unique_email("leaver")
    subject = new_person(admin, email=email, password="leaving password")
    admin.post(f"/api/v1/people/{subject['id']}/deactivate")
    r = client.post("/api/v1/auth/login", json={"email": email, "password": "leaving password"})
    assert r.status_code == 401


def test_a_deactivated_person_disappears_for_colleagues(admin, plain):
    subject = new_person(admin)
    colleague = plain
    admin.post(f"/api/v1/people/{subject['id']}/deactivate")
    assert colleague.get(f"/api/v1/people/{subject['id']}").status_code == 404
    page = colleague.get("/api/v1/people", params={"cursor": str(int(subject["id"]) - 1), "limit": 100}).json()
    assert subject["id"] not in [p["id"] for p in page["items"]]


def test_an_administrator_still_sees_a_deactivated_person_when_asking_for_them(admin):
    subject = new_person(admin)
    admin.post(f"/api/v1/people/{subject['id']}/deactivate")
    after = str(int(subject["id"]) - 1)
    default = admin.get("/api/v1/people", params={"cursor": after}).json()["items"]
    assert subject["id"] not in [p["id"] for p in default]
    listed = admin.get("/api/v1/people", params={"cursor": after, "include_inactive": "true"}).json()["items"]
    assert [p["active"] for p in listed if p["id"] == subject["id"]] == [False]
    assert person(admin, subject["id"])["active"] is False


def test_only_administrators_may_ask_for_deactivated_people(make_person):
    _, c = make_person()
    refused(c.get("/api/v1/people", params={"include_inactive": "true"}), 403, "include_inactive", "forbidden")


def test_include_inactive_must_be_true_or_false(admin):
    refused(admin.get("/api/v1/people", params={"include_inactive": "yes"}), 422, "include_inactive", "invalid")
    assert admin.get("/api/v1/people", params={"include_inactive": "false"}).status_code == 200


def test_a_reactivated_person_can_sign_in_again_but_old_sessions_stay_dead(admin, make_person, plain, server):
    subject, old = make_person()
    admin.post(f"/api/v1/people/{subject['id']}/deactivate")
    r = admin.post(f"/api/v1/people/{subject['id']}/reactivate")
    assert r.status_code == 200
    assert r.json()["active"] is True
    assert old.get("/api/v1/me").status_code == 401
    fresh = Client(server.url).login(subject["email"], "a long password 1")
    assert me(fresh)["id"] == subject["id"]
    assert plain.get(f"/api/v1/people/{subject['id']}").status_code == 200


def test_deactivating_twice_succeeds(admin):
    subject = new_person(admin)
    assert admin.post(f"/api/v1/people/{subject['id']}/deactivate").status_code == 200
    r = admin.post(f"/api/v1/people/{subject['id']}/deactivate")
    assert r.status_code == 200 and r.json()["active"] is False


def test_an_administrator_cannot_deactivate_themselves(admin):
    my_id = admin.person["id"]
    before = person(admin, my_id)
    r = admin.post(f"/api/v1/people/{my_id}/deactivate")
    assert r.status_code == 409
    assert error_of(r)["code"] == "conflict"
    assert person(admin, my_id) == before  # and the session still works


def test_an_administrator_cannot_remove_their_own_rights(admin):
    my_id = admin.person["id"]
    before = person(admin, my_id)
    refused(admin.patch(f"/api/v1/people/{my_id}", json={"is_admin": False}), 409, "is_admin", "conflict")
    assert person(admin, my_id) == before


def test_a_malformed_id_is_404_before_the_body_is_read(admin):
    r = admin.patch("/api/v1/people/abc", data=b"not json", headers={"Content-Type": "text/plain"})
    assert r.status_code == 404


@pytest.mark.parametrize("action", ["deactivate", "reactivate"])
@pytest.mark.parametrize("bad_id", ["999999999", "abc"])
def test_deactivating_or_reactivating_nobody_is_404(admin, action, bad_id):
    assert admin.post(f"/api/v1/people/{bad_id}/{action}").status_code == 404


# --- GET /api/v1/people/{id} ---------------------------------------------------------------------

def test_a_colleague_is_found_by_id(maya):
    daniel = [p for p in walk(maya, limit=100)[0] if p["email"] == DANIEL][0]
    assert includes(person(maya, daniel["id"]), daniel)


@pytest.mark.parametrize("bad_id", ["999999999", "abc", "0", "-1", "1.5", "1e3", "9" * 19])
def test_an_unknown_or_malformed_person_id_is_404(maya, bad_id):
    r = maya.get(f"/api/v1/people/{bad_id}")
    assert r.status_code == 404
    assert error_of(r)["code"] == "not_found"


# --- pagination ----------------------------------------------------------------------------------

def test_the_default_page_has_50_people_and_a_cursor(maya):
    body = maya.get("/api/v1/people").json()
    assert len(body["items"]) == 50
    assert isinstance(body["next_cursor"], str)


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", "", "5.0"])
def test_a_limit_outside_1_to_100_is_422(maya, limit):
    refused(maya.get("/api/v1/people", params={"limit": limit}), 422, "limit", "invalid")


@pytest.mark.parametrize("limit", [1, 100])
def test_the_limit_bounds_themselves_are_accepted(maya, limit):
    r = maya.get("/api/v1/people", params={"limit": limit})
    assert r.status_code == 200
    assert len(r.json()["items"]) == limit


@pytest.mark.parametrize("limit", [None, 7, 100])
def test_walking_every_page_lists_each_active_person_once_in_id_order(admin, maya, limit):
    items, pages = walk(maya, limit=limit)
    ids = [int(p["id"]) for p in items]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    active = {p["id"] for p in everyone(admin).values() if p["active"]}
    assert {p["id"] for p in items} == active
    # The demo organisation (all of it on *.example domains) is there in full; tests add people
    # on example.com.
    assert len([p for p in items if p["email"].endswith(".example")]) == DEMO_SIZE
    assert pages == -(-len(items) // (limit or 50))


def test_a_cursor_past_the_end_gives_an_empty_last_page(maya):
    body = maya.get("/api/v1/people", params={"cursor": "999999999"}).json()
    assert body == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("cursor", ["abc", "-5", "0", "1.5", "%%"])
def test_a_bad_cursor_is_422(maya, cursor):
    refused(maya.get("/api/v1/people", params={"cursor": cursor}), 422, "cursor", "invalid")


# --- who may call what -------------------------------------------------------------------------

PEOPLE_ROUTES = [
    # method, path ({id} is a person made for the test), body, administrators only
    ("GET", "/api/v1/me", None, False),
    ("PATCH", "/api/v1/me", {}, False),
    ("POST", "/api/v1/me/password", {}, False),
    ("GET", "/api/v1/people", None, False),
    ("POST", "/api/v1/people", {}, True),
    ("GET", "/api/v1/people/{id}", None, False),
    ("PATCH", "/api/v1/people/{id}", {"title": "Changed by the matrix"}, True),
    ("POST", "/api/v1/people/{id}/deactivate", None, True),
    ("POST", "/api/v1/people/{id}/reactivate", None, True),
]
ROUTE_IDS = [f"{m} {p}" for m, p, _, _ in PEOPLE_ROUTES]


def test_the_authorization_matrix_covers_every_method_of_the_people_paths(binary):
    listed = subprocess.run([binary, "routes"], capture_output=True, text=True, check=True).stdout.splitlines()
    matrix = {f"{m} {p}" for m, p, _, _ in PEOPLE_ROUTES}
    paths = {p for _, p, _, _ in PEOPLE_ROUTES}
    assert matrix == {line for line in listed if line.split(" ", 1)[1] in paths}


@pytest.mark.parametrize("method,path,body,admin_only", PEOPLE_ROUTES, ids=ROUTE_IDS)
def test_every_people_route_needs_a_session(admin, client, method, path, body, admin_only):
    target = new_person(admin)
    before = person(admin, target["id"])
    r = client.request(method, path.format(id=target["id"]), json=body)
    refused(r, 401, "", "unauthenticated")
    assert person(admin, target["id"]) == before


@pytest.mark.parametrize("method,path,body,admin_only", PEOPLE_ROUTES, ids=ROUTE_IDS)
def test_a_plain_person_gets_403_on_administrator_routes_only(admin, plain, method, path, body, admin_only):
    target = new_person(admin)
    before = person(admin, target["id"])
    r = plain.request(method, path.format(id=target["id"]), json=body)
    if admin_only:
        refused(r, 403, "", "forbidden")
        assert person(admin, target["id"]) == before
    else:
        assert r.status_code in (200, 422), r.text


@pytest.mark.parametrize("method,path,body,admin_only", PEOPLE_ROUTES, ids=ROUTE_IDS)
def test_an_administrator_may_call_every_people_route(admin, method, path, body, admin_only):
    target = new_person(admin)
    r = admin.request(method, path.format(id=target["id"]), json=body)
    # POST /people with {} and POST /me/password with {} are refused for their content only.
    assert r.status_code in (200, 422), r.text
    if r.status_code == 422:
        assert error_of(r)["field"] in ("email", "current_password")


def test_who_may_call_a_route_is_decided_before_the_body_is_read(admin, plain, server):
    target = new_person(admin)
    garbage = {"data": b"{not json", "headers": {"Content-Type": "text/plain"}}
    refused(Client(server.url).patch("/api/v1/me", **garbage), 401, "", "unauthenticated")
    refused(plain.post("/api/v1/people", **garbage), 403, "", "forbidden")
    refused(plain.patch(f"/api/v1/people/{target['id']}", **garbage), 403, "", "forbidden")


# --- password change ---------------------------------------------------------------------------

def test_a_wrong_current_password_is_422_and_keeps_the_old_password(make_person, server):
    subject, c = make_person()
    r = c.post("/api/v1/me/password", json={"current_password": "not my password", "new_password": "a new password 2"})
    refused(r, 422, "current_password", "invalid")
    Client(server.url).login(subject["email"], "a long password 1")


def test_a_session_guessing_the_current_password_is_stopped_after_five_and_the_password_kept(make_person, server):
    # A stolen session must not become a way to guess the password behind it.
    subject, c = make_person()
    for _ in range(5):
        r = c.post("/api/v1/me/password", json={"current_password": "a guess", "new_password": "a new password 2"})
        refused(r, 422, "current_password", "invalid")
    r = c.post("/api/v1/me/password", json={"current_password": "a long password 1", "new_password": "a new password 2"})
    refused(r, 429, "", "rate_limited")
    assert int(r.headers["Retry-After"]) > 0
    Client(server.url).login(subject["email"], "a long password 1")


def test_a_short_new_password_is_422_and_keeps_the_old_password(make_person, server):
    subject, c = make_person()
    r = c.post("/api/v1/me/password", json={"current_password": "a long password 1", "new_password": "short"})
    refused(r, 422, "new_password", "invalid")
    Client(server.url).login(subject["email"], "a long password 1")


@pytest.mark.parametrize("body,field", [
    ({"new_password": "a new password 2"}, "current_password"),
    ({"current_password": "a long password 1"}, "new_password"),
    ({"current_password": "a long password 1", "new_password": 1234567890}, "new_password"),
    ({"current_password": "a long password 1", "new_password": "a new password 2", "confirm": "x"}, "confirm"),
])
def test_a_malformed_password_change_is_422_naming_the_field(make_person, body, field):
    _, c = make_person()
    refused(c.post("/api/v1/me/password", json=body), 422, field, "invalid")


def test_after_a_password_change_the_new_password_signs_in_and_the_old_one_does_not(make_person, server):
    subject, c = make_person()
    r = c.post("/api/v1/me/password",
               json={"current_password": "a long password 1", "new_password": "a new password 2"})
    assert r.status_code == 204
    assert me(c)["id"] == subject["id"]  # the session used for the change stays valid
    Client(server.url).login(subject["email"], "a new password 2")
    r = Client(server.url).post("/api/v1/auth/login", json={"email": subject["email"], "password": "a long password 1"})
    assert r.status_code == 401



# A profile edit that only describes the person runs at READ COMMITTED with the person's row
# locked on PostgreSQL (issue 21): edits of different fields racing on one person must all be
# kept (no lost update), and edits by different people must all succeed.
def test_edits_racing_on_one_person_keep_every_field(server, make_person):
    import threading
    _, person = make_person()
    fields = {"bio": "Raced bio", "title": "Raced title", "languages": ["Welsh"],
              "skills": [{"name": "Racing", "level": 3}]}
    answers = []

    def edit(key, value):
        answers.append(Client(server.url).login(person.person["email"], "a long password 1")
                       .patch("/api/v1/me", json={key: value}).status_code)

    for _ in range(3):
        threads = [threading.Thread(target=edit, args=item) for item in fields.items()]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert answers == [200] * 12
    me = person.get("/api/v1/me").json()
    assert me["bio"] == "Raced bio" and me["title"] == "Raced title" and me["languages"] == ["Welsh"]
    assert [s["name"] for s in me["skills"]] == ["Racing"]


def test_edits_by_many_people_at_once_all_succeed(server, make_person):
    import threading
    people = [make_person()[1] for _ in range(6)]
    answers = []

    def edit(client, n):
        for k in range(4):
            answers.append(client.patch("/api/v1/me", json={"bio": f"Bio {n}-{k}", "skills": [{"name": f"Skill {k}", "level": 2}]}).status_code)

    threads = [threading.Thread(target=edit, args=(c, n)) for n, c in enumerate(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [200] * 24
    for n, c in enumerate(people):
        me = c.get("/api/v1/me").json()
        assert me["bio"] == f"Bio {n}-3" and [s["name"] for s in me["skills"]] == ["Skill 3"]


def test_an_edit_that_leaves_the_skills_alone_keeps_them_and_the_search_finds_the_new_bio(admin, make_person):
    _, person = make_person(skills=[{"name": "Kept skill", "level": 4}, {"name": "Second kept", "level": 1}])
    word = "zebracorn" + unique_email("w").split(".")[1]
    assert person.patch("/api/v1/me", json={"bio": f"A {word} wrangler"}).status_code == 200
    me = person.get("/api/v1/me").json()
    assert [(s["name"], s["level"]) for s in me["skills"]] == [("Kept skill", 4), ("Second kept", 1)]
    found = admin.get("/api/v1/directory", params={"q": word}).json()
    assert me["id"] in [p["id"] for p in found["items"]]
    # A second edit replaces the entry: the old word no longer finds them, the new one does.
    other = "quagganoid" + unique_email("v").split(".")[1]
    assert person.patch("/api/v1/me", json={"bio": f"A {other} wrangler"}).status_code == 200
    assert me["id"] not in [p["id"] for p in admin.get("/api/v1/directory", params={"q": word}).json()["items"]]
    assert me["id"] in [p["id"] for p in admin.get("/api/v1/directory", params={"q": other}).json()["items"]]
