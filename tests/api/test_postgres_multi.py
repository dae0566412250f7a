"""Several servers behind a load balancer: two `mentorhub serve` processes on one PostgreSQL
database must behave as one. Sessions, sign-outs and sign-in throttling live in the database,
and a uniqueness race between servers has exactly one winner.

PostgreSQL run only: SQLite is the one-machine store, so the sqlite run skips this module."""
import threading

import pytest
import requests

from conftest import ADMIN, Client, Server, error_of, unique_email

MAYA = "maya.patel@northwind.example"


@pytest.fixture(scope="module")
def two_servers(request, store_kind, binary):
    if store_kind != "postgres":
        pytest.skip("several servers share one database only on PostgreSQL (this is the sqlite run)")
    database = request.getfixturevalue("demo_database")  # seeded only when the module runs
    a = Server(binary, database)
    try:
        b = Server(binary, database)
    except BaseException:
        a.stop()
        raise
    yield a, b
    b.stop()
    a.stop()


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
