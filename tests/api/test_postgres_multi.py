"""Several servers behind a load balancer: two `mentorhub serve` processes on one PostgreSQL
database must behave as one. Sessions, sign-outs and sign-in throttling live in the database,
and a uniqueness race between servers has exactly one winner.

PostgreSQL run only: SQLite is the one-machine store, so the sqlite run skips this module."""
import threading

import pytest
import requests

from conftest import ADMIN, Client, Server, error_of, unique_email

MAYA = "maya.patel@northwind.example"
PASSWORD = "a long password 1"  # of the people the tests make


@pytest.fixture(scope="module")
def two_servers(request, store_kind, binary):
    if store_kind != "postgres":
        pytest.skip("several servers share one database only on PostgreSQL (this is the sqlite run)")
    database = request.getfixturevalue("demo_database")  # seeded only when the module runs
    with Server(binary, database) as a, Server(binary, database) as b:
        yield a, b


def same_session_on(client, other_server):
    """A Client for `other_server` carrying `client`'s session cookie and CSRF token."""
    other = Client(other_server.url)
    other.http.cookies.set("mh_session", client.http.cookies.get("mh_session"))
    other.csrf = client.csrf
    return other


def test_a_session_from_server_a_works_on_server_b(two_servers):
    a, b = two_servers
    on_a = Client(a.url).login(MAYA)
    on_b = same_session_on(on_a, b)

    r = on_b.get("/api/v1/me")
    assert r.status_code == 200, r.text
    assert r.json()["email"] == MAYA

    bio = "Edited through server B " + unique_email("bio")
    r = on_b.patch("/api/v1/me", json={"bio": bio})
    assert r.status_code == 200, r.text
    assert on_a.get("/api/v1/me").json()["bio"] == bio


def test_the_csrf_check_holds_on_the_other_server_too(two_servers):
    a, b = two_servers
    on_b = same_session_on(Client(a.url).login(MAYA), b)
    on_b.csrf = None
    r = on_b.patch("/api/v1/me", json={"bio": "no csrf header"})
    assert r.status_code == 403
    assert "no csrf header" not in on_b.get("/api/v1/me").json()["bio"]


def test_signing_out_through_b_ends_the_session_on_a(two_servers):
    a, b = two_servers
    on_a = Client(a.url).login(MAYA)
    cookie = on_a.http.cookies.get("mh_session")
    assert on_a.get("/api/v1/me").status_code == 200

    assert same_session_on(on_a, b).post("/api/v1/auth/logout").status_code == 204
    r = requests.get(a.url + "/api/v1/me", cookies={"mh_session": cookie}, timeout=30)
    assert r.status_code == 401
    assert error_of(r)["code"] == "unauthenticated"


def test_sign_in_failures_through_both_servers_add_up_to_the_limit(two_servers):
    a, b = two_servers
    email, password = unique_email("throttled.multi"), "right password 1"
    admin = Client(a.url).login(ADMIN)
    assert admin.post("/api/v1/people", json={"email": email, "name": "Throttled", "password": password}).status_code == 201

    wrong = {"email": email, "password": "wrong password"}
    for server in (a, b, a, b, a):  # five failures, split between the servers
        assert Client(server.url).post("/api/v1/auth/login", json=wrong).status_code == 401
    for server in (b, a):
        r = Client(server.url).post("/api/v1/auth/login", json={"email": email, "password": password})
        assert r.status_code == 429, r.text
        assert error_of(r)["code"] == "rate_limited"
        assert int(r.headers["Retry-After"]) > 0


def test_an_api_token_made_on_a_works_on_b(two_servers):
    a, b = two_servers
    r = Client(a.url).login(MAYA).post("/api/v1/me/tokens", json={"label": "multi"})
    assert r.status_code == 201, r.text
    bearer = {"Authorization": "Bearer " + r.json()["token"]}
    r = requests.get(b.url + "/api/v1/me", headers=bearer, timeout=30)
    assert r.status_code == 200 and r.json()["email"] == MAYA


def person_made_through(server, prefix, name):
    """A new person the administrator makes through `server`, with PASSWORD: the administrator's
    client on that server, the person's e-mail address and their id."""
    admin = Client(server.url).login(ADMIN)
    email = unique_email(prefix)
    r = admin.post("/api/v1/people", json={"email": email, "name": name, "password": PASSWORD})
    assert r.status_code == 201, r.text
    return admin, email, r.json()["id"]


def test_a_caller_server_a_remembers_sees_an_edit_and_a_revocation_made_through_b(two_servers):
    """A server remembers signed-in callers for a while (issue 21): what another server changes
    in the shared database is seen by the very next request all the same."""
    a, b = two_servers
    admin_on_b, email, person_id = person_made_through(b, "remembered.multi", "Remembered")
    on_b = Client(b.url).login(email, PASSWORD)
    r = on_b.post("/api/v1/me/tokens", json={"label": "remembered"})
    assert r.status_code == 201, r.text
    bearer = {"Authorization": "Bearer " + r.json()["token"]}
    for _ in range(3):
        r = requests.get(a.url + "/api/v1/me", headers=bearer, timeout=30)
        assert r.status_code == 200 and r.json()["name"] == "Remembered"

    for name in ("Edited once", "Edited twice"):  # within the same second, too
        assert admin_on_b.patch(f"/api/v1/people/{person_id}", json={"name": name}).status_code == 200
        r = requests.get(a.url + "/api/v1/me", headers=bearer, timeout=30)
        assert r.status_code == 200 and r.json()["name"] == name
    assert on_b.patch("/api/v1/me", json={"bio": "Through B"}).status_code == 200
    assert requests.get(a.url + "/api/v1/me", headers=bearer, timeout=30).json()["bio"] == "Through B"

    token_id = next(t["id"] for t in on_b.get("/api/v1/me/tokens").json()["items"] if t["label"] == "remembered")
    assert on_b.delete(f"/api/v1/me/tokens/{token_id}").status_code == 204
    r = requests.get(a.url + "/api/v1/me", headers=bearer, timeout=30)
    assert r.status_code == 401 and error_of(r)["code"] == "unauthenticated"


def listed_on(client, person_id, query=""):
    """The person's entry on the page of the people list that holds them, as `client` reads it."""
    page = client.get(f"/api/v1/people?limit=20&cursor={int(person_id) - 1}{query}")
    assert page.status_code == 200, page.text
    return next((p for p in page.json()["items"] if p["id"] == person_id), None)


def test_a_page_of_people_server_a_has_written_shows_an_edit_made_through_b_at_once(two_servers):
    """A server keeps the people of the list as it wrote them, by each person's row version
    (issue 21): an edit through another server raises the version in the shared database, so
    the next page that lists the person shows the edit, in every reader's view."""
    a, b = two_servers
    admin_on_b, email, person_id = person_made_through(b, "listed.multi", "Listed")
    reader_on_a, admin_on_a = Client(a.url).login(MAYA), Client(a.url).login(ADMIN)
    for _ in range(2):  # written once, then served as kept
        assert listed_on(reader_on_a, person_id)["name"] == "Listed"
        assert listed_on(admin_on_a, person_id)["name"] == "Listed"

    on_b = Client(b.url).login(email, PASSWORD)
    edit = {"bio": "Edited through B", "skills": [{"name": "Rust", "level": 4}], "languages": ["fr"]}
    assert on_b.patch("/api/v1/me", json=edit).status_code == 200
    for reader in (reader_on_a, admin_on_a):
        seen = listed_on(reader, person_id)
        assert (seen["bio"], seen["skills"], seen["languages"]) == ("Edited through B", [{"name": "Rust", "level": 4}], ["fr"])
    assert admin_on_b.patch(f"/api/v1/people/{person_id}", json={"department": "Research"}).status_code == 200
    assert listed_on(reader_on_a, person_id)["department"] == "Research"

    assert admin_on_b.post(f"/api/v1/people/{person_id}/deactivate").status_code == 200
    assert listed_on(reader_on_a, person_id) is None
    assert listed_on(admin_on_a, person_id, "&include_inactive=true")["active"] is False


def test_a_deactivation_through_b_ends_the_remembered_session_on_a(two_servers):
    a, b = two_servers
    admin_on_b, email, person_id = person_made_through(b, "deactivated.multi", "Leaving")
    on_a = Client(a.url).login(email, PASSWORD)
    for _ in range(3):
        assert on_a.get("/api/v1/me").status_code == 200
    assert admin_on_b.post(f"/api/v1/people/{person_id}/deactivate").status_code == 200
    assert on_a.get("/api/v1/me").status_code == 401


@pytest.mark.parametrize("round_", range(5))
def test_creating_the_same_email_through_both_servers_at_once_has_one_winner(two_servers, round_):
    a, b = two_servers
    admins = [Client(a.url).login(ADMIN), Client(b.url).login(ADMIN)]
    email = unique_email(f"race{round_}")
    barrier = threading.Barrier(len(admins))
    statuses, bodies = [None] * len(admins), [None] * len(admins)

    def create(i):
        barrier.wait(timeout=30)
        r = admins[i].post("/api/v1/people", json={"email": email, "name": f"Racer {i}"})
        statuses[i], bodies[i] = r.status_code, r.json()

    threads = [threading.Thread(target=create, args=(i,)) for i in range(len(admins))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(statuses) == [201, 409], bodies
    loser = bodies[statuses.index(409)]
    assert error_of_body(loser)["code"] == "conflict"

    # Exactly one person has the address, and both servers see the same one.
    winner_id = bodies[statuses.index(201)]["id"]
    for admin in admins:
        r = admin.get(f"/api/v1/people/{winner_id}")
        assert r.status_code == 200 and r.json()["email"] == email


def error_of_body(body):
    assert set(body) == {"error"}, body
    return body["error"]


def test_two_accepts_racing_for_a_mentors_last_place_through_different_servers_have_one_winner(two_servers):
    """The mentor has one free place and two requests; two of their sessions, one on each
    server, accept both at the same moment. Exactly one accept wins; the other is a 409."""
    a, b = two_servers
    admin = Client(a.url).login(ADMIN)

    def person(prefix, **fields):
        body = {"email": unique_email(prefix), "name": prefix.title(), "password": PASSWORD, **fields}
        r = admin.post("/api/v1/people", json=body)
        assert r.status_code == 201, r.text
        return r.json(), body["email"]

    for round_ in range(3):
        mentor, mentor_email = person("racementor", mentor_capacity=1, formats_offered=["one_to_one"])
        ids = []
        for i in range(2):
            _, mentee_email = person(f"racementee{i}")
            mentee = Client(a.url).login(mentee_email, PASSWORD)
            r = mentee.post("/api/v1/relationships", json={"mentor_id": mentor["id"], "message": "Please"})
            assert r.status_code == 201, r.text
            ids.append(r.json()["id"])
        on_a = Client(a.url).login(mentor_email, PASSWORD)
        on_b = Client(b.url).login(mentor_email, PASSWORD)
        barrier = threading.Barrier(2)
        results = {}

        def accept(client, rel_id):
            barrier.wait()
            results[rel_id] = client.post(f"/api/v1/relationships/{rel_id}/accept")

        threads = [threading.Thread(target=accept, args=(on_a, ids[0])),
                   threading.Thread(target=accept, args=(on_b, ids[1]))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(r.status_code for r in results.values())
        assert codes == [200, 409], (round_, [r.text for r in results.values()])
        loser = [r for r in results.values() if r.status_code == 409][0]
        assert "free place" in error_of(loser)["message"]
        live = [x for x in on_a.get("/api/v1/relationships").json()["items"] if x["state"] == "starting"]
        assert len(live) == 1
