"""Signing in and out, sessions, CSRF, throttling and API tokens."""
import requests

from conftest import ADMIN, DEMO_PASSWORD, Client, error_of, unique_email


def test_sign_in_sets_an_http_only_session_cookie_and_returns_a_csrf_token(server):
    r = requests.post(server.url + "/api/v1/auth/login", json={"email": ADMIN, "password": DEMO_PASSWORD})
    assert r.status_code == 200
    cookies = r.headers.get("Set-Cookie", "")
    assert "mh_session=" in cookies and "HttpOnly" in cookies and "SameSite=Lax" in cookies
    assert len(r.json()["csrf_token"]) == 64
    assert r.json()["person"]["email"] == ADMIN


def test_a_demo_database_offers_its_accounts_and_shared_password_to_the_sign_in_page(client):
    r = requests.get(client.base + "/api/v1/config")
    assert r.status_code == 200
    demo = r.json()["demo"]
    assert demo["password"] == DEMO_PASSWORD
    roles = {a["role"]: a["email"] for a in demo["accounts"]}
    assert roles["administrator"] == ADMIN
    assert len(roles) == 5
    for email in roles.values():
        assert Client(client.base).login(email, demo["password"]).person["email"] == email


def test_the_email_is_case_insensitive(client):
    client.login(ADMIN.upper())
    assert client.get("/api/v1/me").json()["email"] == ADMIN


def test_a_wrong_password_is_401_without_saying_which_part_was_wrong(client):
    r = client.post("/api/v1/auth/login", json={"email": ADMIN, "password": "nope nope nope"})
    assert r.status_code == 401
    r2 = client.post("/api/v1/auth/login", json={"email": "nobody@example.com", "password": "nope nope nope"})
    assert r2.status_code == 401
    assert error_of(r)["message"] == error_of(r2)["message"]


def test_routes_need_a_session(client):
    r = client.get("/api/v1/me")
    assert r.status_code == 401
    assert error_of(r)["code"] == "unauthenticated"


def test_sign_out_ends_the_session(client):
    client.login(ADMIN)
    assert client.post("/api/v1/auth/logout").status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_a_stolen_cookie_is_useless_after_sign_out(server):
    c = Client(server.url).login(ADMIN)
    cookie = c.http.cookies.get("mh_session")
    c.post("/api/v1/auth/logout")
    r = requests.get(server.url + "/api/v1/me", cookies={"mh_session": cookie})
    assert r.status_code == 401


def test_a_cookie_write_without_the_csrf_header_is_refused(client):
    client.login(ADMIN)
    r = client.patch("/api/v1/me", json={"bio": "csrf attempt"}, headers={"X-CSRF-Token": "wrong"})
    assert r.status_code == 403
    client.csrf = None
    r = client.patch("/api/v1/me", json={"bio": "csrf attempt"})
    assert r.status_code == 403
    assert "csrf" not in client.get("/api/v1/me").json()["bio"]


def test_a_form_post_cannot_sign_in(server):
    r = requests.post(server.url + "/api/v1/auth/login", data={"email": ADMIN, "password": DEMO_PASSWORD})
    assert r.status_code == 415


def test_repeated_failures_for_an_account_get_429_even_with_the_right_password(admin, client):
    email = unique_email("throttled")
    r = admin.post("/api/v1/people", json={"email": email, "name": "Throttled", "password": "right password 1"})
    assert r.status_code == 201
    for _ in range(5):
        assert client.post("/api/v1/auth/login", json={"email": email, "password": "wrong"}).status_code == 401
    r = client.post("/api/v1/auth/login", json={"email": email, "password": "right password 1"})
    assert r.status_code == 429
    assert error_of(r)["code"] == "rate_limited"
    assert int(r.headers["Retry-After"]) > 0


def test_an_api_token_works_as_a_bearer_without_csrf(server, client):
    client.login(ADMIN)
    r = client.post("/api/v1/me/tokens", json={"label": "script"})
    assert r.status_code == 201
    token = r.json()["token"]
    bearer = {"Authorization": "Bearer " + token}
    assert requests.get(server.url + "/api/v1/me", headers=bearer).status_code == 200
    r = requests.patch(server.url + "/api/v1/me", headers=bearer, json={"languages": ["English"]})
    assert r.status_code == 200
    listed = client.get("/api/v1/me/tokens").json()["items"]
    assert any(t["label"] == "script" and "token" not in t for t in listed)
    token_id = r and [t for t in listed if t["label"] == "script"][0]["id"]
    assert client.delete(f"/api/v1/me/tokens/{token_id}").status_code == 204
    assert requests.get(server.url + "/api/v1/me", headers=bearer).status_code == 401


def test_a_garbage_bearer_token_is_401(server):
    r = requests.get(server.url + "/api/v1/me", headers={"Authorization": "Bearer " + "x" * 64})
    assert r.status_code == 401


def test_login_validates_its_fields(client):
    r = client.post("/api/v1/auth/login", json={"email": ADMIN})
    assert r.status_code == 422 and error_of(r)["field"] == "password"
    r = client.post("/api/v1/auth/login", json={"email": 12, "password": "x"})
    assert r.status_code == 422 and error_of(r)["field"] == "email"


# A server remembers a signed-in caller for a while (issue 21); every request still checks the
# token and the person's row version in the store, so none of these can be served from memory.
def _bearer(client, label):
    r = client.post("/api/v1/me/tokens", json={"label": label})
    assert r.status_code == 201, r.text
    return {"Authorization": "Bearer " + r.json()["token"]}, r.json()


def test_a_revoked_api_token_is_refused_at_once(server, make_person):
    _, person = make_person()
    bearer, made = _bearer(person, "revoked")
    for _ in range(3):  # known to the server now
        assert requests.get(server.url + "/api/v1/me", headers=bearer, timeout=30).status_code == 200
    token_id = next(t["id"] for t in person.get("/api/v1/me/tokens").json()["items"] if t["label"] == "revoked")
    assert person.delete(f"/api/v1/me/tokens/{token_id}").status_code == 204
    r = requests.get(server.url + "/api/v1/me", headers=bearer, timeout=30)
    assert r.status_code == 401 and error_of(r)["code"] == "unauthenticated"


def test_an_edit_by_an_administrator_is_seen_by_the_next_request_of_the_person(server, admin, make_person):
    created, person = make_person(is_admin=True)
    bearer, _ = _bearer(person, "edited")
    for _ in range(3):
        r = requests.get(server.url + "/api/v1/me", headers=bearer, timeout=30)
        assert r.status_code == 200 and r.json()["name"] == "Test Person"
    assert admin.patch(f"/api/v1/people/{created['id']}", json={"name": "Renamed Person", "is_admin": False}).status_code == 200
    r = requests.get(server.url + "/api/v1/me", headers=bearer, timeout=30)
    assert r.status_code == 200 and r.json()["name"] == "Renamed Person"
    # No longer an administrator: the next administrator-only request is refused.
    r = requests.get(server.url + "/api/v1/people?include_inactive=true", headers=bearer, timeout=30)
    assert r.status_code == 403


def test_a_deactivated_person_is_refused_at_once(server, admin, make_person):
    created, person = make_person()
    bearer, _ = _bearer(person, "deactivated")
    for _ in range(3):
        assert requests.get(server.url + "/api/v1/me", headers=bearer, timeout=30).status_code == 200
    assert person.get("/api/v1/me").status_code == 200
    assert admin.post(f"/api/v1/people/{created['id']}/deactivate").status_code == 200
    assert requests.get(server.url + "/api/v1/me", headers=bearer, timeout=30).status_code == 401
    assert person.get("/api/v1/me").status_code == 401


def test_ones_own_edit_is_seen_by_the_next_request_with_another_token(server, make_person):
    _, person = make_person()
    bearer, _ = _bearer(person, "other")
    assert requests.get(server.url + "/api/v1/me", headers=bearer, timeout=30).json()["bio"] == ""
    for bio in ("First bio", "Second bio", "Third bio"):  # several edits within the same second
        assert person.patch("/api/v1/me", json={"bio": bio}).status_code == 200
        assert requests.get(server.url + "/api/v1/me", headers=bearer, timeout=30).json()["bio"] == bio
