"""SCIM 2.0 provisioning (issue 19): an identity provider, holding a token made with `mentorhub scim
token create`, creates, reads, replaces, patches, deactivates and lists users at /scim/v2, in the
request sequences Microsoft Entra ID and Okta send (from their published SCIM documentation:
look the user up with `filter=userName eq "..."`, create, then PATCH or PUT). Every answer is SCIM
JSON; every bad request gets a SCIM error and writes nothing. What the provider changes is what
the product shows (GET /api/v1/people/{id} as an administrator): a changed manager is kept as a
former manager, a deactivated person is signed out and their open relationships asked to conclude."""
import pytest
import requests

from conftest import ADMIN, DEMO_PASSWORD, Client, run_cli

SCIM_JSON = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
MAYA = "maya.patel@northwind.example"


class Provider:
    """An identity provider's SCIM client."""

    def __init__(self, url, token):
        self.base = url + "/scim/v2"
        self.http = requests.Session()
        self.http.headers.update({"Authorization": f"Bearer {token}", "Accept": SCIM_JSON})

    def request(self, method, path, body=None, headers=None, **kw):
        h = {"Content-Type": SCIM_JSON} if body is not None else {}
        h.update(headers or {})
        return self.http.request(method, self.base + path, json=body, headers=h, timeout=30, **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def find(self, user_name):
        r = self.get("/Users", params={"filter": f'userName eq "{user_name}"'})
        assert r.status_code == 200, r.text
        return r.json()


def new_token(binary, database, name="Entra ID"):
    r = run_cli(binary, database, "scim", "token", "create", "--name", name)
    token = r.stdout.strip()
    assert len(token) == 64 and token not in r.stderr
    return token


@pytest.fixture(scope="module")
def provider(binary, server):
    return Provider(server.url, new_token(binary, server.database))


@pytest.fixture(scope="module")
def admin(server):
    return Client(server.url).login(ADMIN)


def scim_error(r, status, scim_type=None):
    assert r.status_code == status, r.text
    assert r.headers["Content-Type"].startswith(SCIM_JSON)
    body = r.json()
    assert body["schemas"] == [ERROR] and body["status"] == str(status) and body["detail"]
    if scim_type:
        assert body.get("scimType") == scim_type, body
    return body


def person(admin, user):
    r = admin.get(f"/api/v1/people/{user['id']}")
    assert r.status_code == 200, r.text
    return r.json()


def user_body(user_name, **extra):
    body = {"schemas": [USER, ENTERPRISE], "userName": user_name, "active": True}
    body.update(extra)
    return body


def test_only_a_live_scim_token_opens_it(binary, server, admin):
    anonymous = requests.get(server.url + "/scim/v2/Users", timeout=30)
    scim_error(anonymous, 401)
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    scim_error(Provider(server.url, "0" * 64).get("/Users"), 401)
    # An administrator's session or personal API token is not a SCIM token.
    scim_error(admin.get("/scim/v2/Users"), 401)
    api_token = admin.post("/api/v1/me/tokens", json={"label": "not for SCIM"}).json()["token"]
    scim_error(Provider(server.url, api_token).get("/Users"), 401)

    token = new_token(binary, server.database, "Okta")
    okta = Provider(server.url, token)
    assert okta.get("/Users", params={"count": 1}).status_code == 200
    listed = run_cli(binary, server.database, "scim", "token", "list").stdout
    assert "Okta" in listed and token not in listed
    token_id = [line.split()[0] for line in listed.splitlines() if "Okta" in line][0]
    run_cli(binary, server.database, "scim", "token", "revoke", token_id)
    scim_error(okta.get("/Users"), 401)  # at once
    again = run_cli(binary, server.database, "scim", "token", "revoke", token_id, check=False)
    assert again.returncode == 1 and "no live SCIM token" in again.stderr
    bad = run_cli(binary, server.database, "scim", "token", "create", "--name", "", check=False)
    assert bad.returncode == 1 and "name" in bad.stderr


def test_discovery_documents(provider):
    config = provider.get("/ServiceProviderConfig").json()
    assert config["patch"]["supported"] is True and config["filter"]["supported"] is True
    assert config["bulk"]["supported"] is False and config["etag"]["supported"] is True
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"
    [user_type] = provider.get("/ResourceTypes").json()["Resources"]
    assert user_type["endpoint"] == "/Users" and user_type["schemaExtensions"][0]["schema"] == ENTERPRISE
    ids = [s["id"] for s in provider.get("/Schemas").json()["Resources"]]
    assert ids == [USER, ENTERPRISE]


def test_entra_id_sequence_creates_then_patches_and_deactivates(provider, admin, server):
    # Entra looks the user up first, then creates them with the enterprise extension.
    assert provider.find("ines.costa@northwind.example")["totalResults"] == 0
    manager = provider.find(MAYA)["Resources"][0]["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["manager"]
    created = provider.request("POST", "/Users", user_body(
        "Ines.Costa@northwind.example", externalId="8d2c1f3a-entra-object-id", displayName="Inês Costa",
        name={"givenName": "Inês", "familyName": "Costa"}, title="Analyst",
        emails=[{"primary": True, "type": "work", "value": "ines.costa@northwind.example"}],
        **{ENTERPRISE: {"department": "Finance", "employeeNumber": "E777", "manager": {"value": manager["value"]}}}))
    assert created.status_code == 201, created.text
    user = created.json()
    assert created.headers["Location"].endswith("/scim/v2/Users/" + user["id"])
    assert created.headers["ETag"] == user["meta"]["version"]
    assert user["userName"] == "ines.costa@northwind.example" and user["displayName"] == "Inês Costa"
    assert user["externalId"] == "8d2c1f3a-entra-object-id" and user["active"] is True
    assert user[ENTERPRISE]["manager"]["value"] == manager["value"]
    shown = person(admin, user)
    assert (shown["name"], shown["title"], shown["department"], shown["employee_id"]) == ("Inês Costa", "Analyst", "Finance", "E777")
    assert shown["manager_id"] == manager["value"]
    assert provider.find("ines.costa@northwind.example")["Resources"][0]["id"] == user["id"]
    assert provider.get("/Users/" + user["id"]).json() == user

    # Entra's PATCH: capitalised ops, a new manager by value, a title, the family name, and what
    # its default mappings send that Mentorhub keeps nothing of (phone numbers, an address).
    new_manager = provider.find(ADMIN)["Resources"][0]["id"]
    patched = provider.request("PATCH", "/Users/" + user["id"], {"schemas": [PATCH], "Operations": [
        {"op": "Replace", "path": "title", "value": "Senior Analyst"},
        {"op": "Add", "path": f"{ENTERPRISE}:manager", "value": new_manager},
        {"op": "Replace", "path": "name.familyName", "value": "Costa Reis"},
        {"op": "Replace", "path": "name.givenName", "value": "Inês"},
        {"op": "Add", "path": 'phoneNumbers[type eq "work"].value', "value": "+351 21 000 0000"},
        {"op": "Add", "path": 'addresses[type eq "work"].locality', "value": "Porto"},
    ]})
    assert patched.status_code == 200, patched.text
    assert patched.json()["meta"]["version"] != user["meta"]["version"]
    shown = person(admin, user)
    assert (shown["title"], shown["name"], shown["manager_id"]) == ("Senior Analyst", "Inês Costa Reis", new_manager)
    assert manager["value"] in shown["former_manager_ids"], "the old manager is kept as a former manager"
    assert shown["department"] == "Finance" and shown["employee_id"] == "E777"

    # Entra deactivates with the string "False".
    off = provider.request("PATCH", "/Users/" + user["id"], {"schemas": [PATCH], "Operations": [
        {"op": "Replace", "path": "active", "value": "False"}]})
    assert off.status_code == 200 and off.json()["active"] is False
    assert person(admin, user)["active"] is False
    # The audit trail says who did it: the provider, by its token's name.
    trail = admin.get("/api/v1/admin/audit?limit=10").json()["items"]
    mine = [e for e in trail if e["subject"] == f"person:{user['id']}"]
    assert mine and all(e["actor"] is None and e["detail"].startswith("SCIM provisioning (Entra ID)") for e in mine), mine


def test_okta_sequence_replaces_with_put_and_a_deactivated_person_is_signed_out(provider, admin, server):
    # Maya has live relationships and a session.
    maya_session = Client(server.url).login(MAYA, DEMO_PASSWORD)
    live = [r for r in maya_session.get("/api/v1/relationships?limit=100").json()["items"]
            if r["state"] in ("starting", "active", "fading")]
    assert live, "the demo gives Maya a live relationship"
    found = provider.find(MAYA)
    assert found["totalResults"] == 1
    maya = found["Resources"][0]
    # Okta sends the whole user on PUT, without the attributes it does not manage.
    body = user_body(MAYA, id=maya["id"], externalId="00u1okta", name={"givenName": "Maya", "familyName": "Patel"},
                     active=False)
    r = provider.request("PUT", "/Users/" + maya["id"], body, headers={"If-Match": maya["meta"]["version"]})
    assert r.status_code == 200, r.text
    assert r.json()["active"] is False and r.json()["externalId"] == "00u1okta"
    # Signed out at once, and her open relationships asked to conclude.
    assert maya_session.get("/api/v1/me").status_code == 401
    overview = admin.get("/api/v1/admin/relationships").json()["items"]
    states = {r["id"]: r["state"] for r in overview}
    for rel in live:
        assert states[rel["id"]] in ("concluding", "concluded"), rel
    shown = person(admin, maya)
    assert shown["active"] is False and shown["name"] == "Maya Patel"
    assert shown["skills"], "what SCIM does not carry stays"
    assert provider.get("/Users", params={"filter": 'externalId eq "00u1okta"'}).json()["Resources"][0]["id"] == maya["id"]
    # A stale version is refused and changes nothing.
    stale = provider.request("PUT", "/Users/" + maya["id"], dict(body, active=True), headers={"If-Match": maya["meta"]["version"]})
    scim_error(stale, 412)
    assert person(admin, maya)["active"] is False
    # Reactivated.
    back = provider.request("PUT", "/Users/" + maya["id"], dict(body, active=True))
    assert back.status_code == 200 and back.json()["active"] is True
    # DELETE deactivates and keeps the history readable.
    gone = provider.request("DELETE", "/Users/" + maya["id"])
    assert gone.status_code == 204
    assert provider.get("/Users/" + maya["id"]).json()["active"] is False


def test_lists_page_through_everyone(provider, admin):
    first = provider.get("/Users", params={"startIndex": 1, "count": 5}).json()
    assert first["startIndex"] == 1 and first["itemsPerPage"] == 5 and len(first["Resources"]) == 5
    total = first["totalResults"]
    seen = []
    start = 1
    while start <= total:
        page = provider.get("/Users", params={"startIndex": start, "count": 40}).json()
        assert page["totalResults"] == total
        seen += [u["id"] for u in page["Resources"]]
        start += 40
    assert len(seen) == len(set(seen)) == total
    assert provider.get("/Users", params={"startIndex": total + 1}).json()["Resources"] == []
    assert provider.get("/Users", params={"count": 0}).json()["Resources"] == []
    assert len(provider.get("/Users", params={"count": 100000}).json()["Resources"]) == min(total, 200)
    # Filters on attribute names in any case, with e-mails in any case.
    assert provider.get("/Users", params={"filter": f'USERNAME Eq "{MAYA.upper()}"'}).json()["totalResults"] == 1
    # The work address through its value filter, as some providers match users.
    by_address = provider.get("/Users", params={"filter": f'emails[type eq "work"].value eq "{MAYA}"'})
    assert by_address.status_code == 200 and by_address.json()["totalResults"] == 1, by_address.text


@pytest.mark.parametrize("body,scim_type,words", [
    ({"schemas": [USER]}, "invalidValue", "userName"),
    ({"userName": "not an address"}, "invalidValue", "userName"),
    ({"userName": 42}, "invalidValue", "userName"),
    ({"userName": "x@example.com", "active": "maybe"}, "invalidValue", "active"),
    ({"userName": "x@example.com", ENTERPRISE: {"manager": {"value": "nobody"}}}, "invalidValue", "manager"),
    ({"userName": "x@example.com", ENTERPRISE: {"manager": {"value": "999999"}}}, "invalidValue", "manager"),
    ({"userName": "x@example.com", "timezone": "Mars/Olympus"}, "invalidValue", "timezone"),
    ({"userName": MAYA}, "uniqueness", "userName"),
])
def test_a_bad_user_is_refused_with_a_scim_error_and_nothing_written(provider, body, scim_type, words):
    before = provider.get("/Users", params={"count": 0}).json()["totalResults"]
    r = provider.request("POST", "/Users", body)
    error = scim_error(r, 409 if scim_type == "uniqueness" else 400, scim_type)
    assert words in error["detail"]
    assert provider.get("/Users", params={"count": 0}).json()["totalResults"] == before


def test_bad_requests_get_scim_errors(provider):
    maya = provider.find(MAYA)["Resources"][0]
    scim_error(provider.get("/Users", params={"filter": 'title eq "Analyst"'}), 400, "invalidFilter")
    scim_error(provider.get("/Users", params={"filter": "userName sw \"m\""}), 400, "invalidFilter")
    scim_error(provider.get("/Users", params={"startIndex": "one"}), 400, "invalidValue")
    scim_error(provider.get("/Users/999999"), 404)
    scim_error(provider.get("/Users/abc"), 404)
    not_json = provider.http.post(provider.base + "/Users", data="{", headers={"Content-Type": SCIM_JSON}, timeout=30)
    scim_error(not_json, 400, "invalidSyntax")
    scim_error(provider.http.post(provider.base + "/Users", data="userName=x", timeout=30,
                                  headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)
    path = "/Users/" + maya["id"]
    scim_error(provider.request("PATCH", path, {"Operations": [{"op": "replace", "path": "active", "value": False}]}),
               400, "invalidSyntax")
    scim_error(provider.request("PATCH", path, {"schemas": [PATCH], "Operations": []}), 400, "invalidSyntax")
    scim_error(provider.request("PATCH", path, {"schemas": [PATCH], "Operations": [{"op": "move", "path": "title"}]}),
               400, "invalidSyntax")
    scim_error(provider.request("PATCH", path, {"schemas": [PATCH], "Operations": [{"op": "remove"}]}), 400, "noTarget")
    scim_error(provider.request("PATCH", path, {"schemas": [PATCH], "Operations": [
        {"op": "replace", "path": 'name[givenName eq "Maya"]', "value": "Mia"}]}), 400, "invalidPath")
    scim_error(provider.request("PATCH", path, {"schemas": [PATCH], "Operations": [
        {"op": "remove", "path": "userName"}]}), 400, "invalidValue")
    scim_error(provider.request("PUT", path, user_body(MAYA), headers={"If-Match": "not-an-etag"}), 400, "invalidValue")
    # None of it changed her.
    assert provider.get(path).json()["meta"]["version"] == maya["meta"]["version"]


def test_administrators_make_and_revoke_tokens_from_the_api(server, admin):
    refused = admin.post("/api/v1/admin/scim-tokens", json={"name": ""})
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "name"
    assert admin.post("/api/v1/admin/scim-tokens", json={"name": "x" * 101}).status_code == 422
    assert admin.post("/api/v1/admin/scim-tokens", json={"name": "Okta", "scopes": "all"}).status_code == 422
    made = admin.post("/api/v1/admin/scim-tokens", json={"name": "Okta"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["scim_url"] == server.url + "/scim/v2" and body["revoked_at"] is None
    okta = Provider(server.url, body["token"])
    assert okta.get("/Users", params={"count": 1}).status_code == 200
    listed = admin.get("/api/v1/admin/scim-tokens").json()
    assert body["token"] not in str(listed) and any(t["id"] == body["id"] and t["name"] == "Okta" for t in listed["items"])
    assert admin.delete(f"/api/v1/admin/scim-tokens/{body['id']}").status_code == 204
    scim_error(okta.get("/Users"), 401)
    assert admin.delete(f"/api/v1/admin/scim-tokens/{body['id']}").status_code == 404
    revoked = [t for t in admin.get("/api/v1/admin/scim-tokens").json()["items"] if t["id"] == body["id"]]
    assert revoked[0]["revoked_at"]
    actions = [e["action"] for e in admin.get("/api/v1/admin/audit?limit=20").json()["items"]]
    assert "scim_token_created" in actions and "scim_token_revoked" in actions


def test_no_scim_token_reaches_the_log(binary, server, provider):
    """A provider's token, a refused one, and one made by an administrator: none is in the log."""
    wrong = "5ec7e7" * 10 + "beef"
    scim_error(Provider(server.url, wrong).get("/Users"), 401)
    made = Client(server.url).login(ADMIN).post("/api/v1/admin/scim-tokens", json={"name": "Google"}).json()["token"]
    assert Provider(server.url, made).get("/Users", params={"count": 1}).status_code == 200
    assert provider.get("/Users", params={"count": 1}).status_code == 200
    log = server.logged("/scim/v2/Users")  # the requests were logged, without their secrets
    for secret in (provider.http.headers["Authorization"][len("Bearer "):], wrong, made):
        assert secret not in log
