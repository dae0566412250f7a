"""Single sign-on with OpenID Connect against a real provider on loopback (the npm package
oidc-provider, run by tests/oidc/provider.mjs): the whole authorization code flow with PKCE, state
and nonce, as a browser makes it, and each way a sign-in must be refused: a bad signature, another
audience, an expired token, a replayed or expired state, a key the provider never published. A
rotated key is followed. Every refusal has a clear message and creates no session."""
import datetime
import html.parser
import json
import os
import select
import shutil
import subprocess
import time
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests

from conftest import ADMIN, DEMO_PASSWORD, Client, Server, error_of, free_port, run_cli, unique_email

HERE = os.path.dirname(__file__)
PROVIDER_DIR = os.path.join(HERE, "..", "oidc")
CLIENT_SECRET = "mentorhub-test-secret"
CALLBACK = "/api/v1/auth/sso/callback"


def node():
    return shutil.which("node")


PROVIDER_MISSING = not node() or not os.path.exists(os.path.join(PROVIDER_DIR, "node_modules", "oidc-provider"))
PROVIDER_MISSING_WHY = "the test identity provider needs node and tests/oidc/node_modules (scripts/install-deps)"
# Under ctest (make test, CI) scripts/install-deps has installed the provider, so a missing one is
# a broken install: the tests fail instead of skipping unseen. Run by hand, they skip.
PROVIDER_REQUIRED = os.environ.get("MH_REQUIRE_OIDC_PROVIDER") == "1"

pytestmark = pytest.mark.skipif(PROVIDER_MISSING and not PROVIDER_REQUIRED, reason=PROVIDER_MISSING_WHY)


class Provider:
    """tests/oidc/provider.mjs on a free loopback port; restart() publishes other keys."""

    def __init__(self, keys_file):
        self.keys_file = keys_file
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.accounts = {}
        self.proc = None
        self.start("rsa-1,ec-1")

    def start(self, publish):
        self.log = open(self.keys_file + ".log", "a")
        self.proc = subprocess.Popen(
            [node(), os.path.join(PROVIDER_DIR, "provider.mjs"), "--port", str(self.port), "--keys", self.keys_file,
             "--publish", publish], stdout=subprocess.PIPE, stderr=self.log, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], 60)
        if not ready:  # a provider that never listens fails the test instead of hanging the suite
            self.proc.kill()
            pytest.fail(f"the test identity provider did not start within 60 s (log: {self.keys_file}.log)")
        line = self.proc.stdout.readline()
        assert json.loads(line)["issuer"] == self.issuer, line
        if self.accounts:
            self.post("/__test/accounts", self.accounts)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=15)
        self.log.close()

    def restart(self, publish):
        self.stop()
        self.start(publish)

    def post(self, path, body):
        r = requests.post(self.issuer + path, json=body, timeout=10)
        assert r.status_code == 204, r.text

    def account(self, login, **claims):
        self.accounts[login] = claims
        self.post("/__test/accounts", {login: claims})

    def spoil_next_id_token(self, kind):
        self.post("/__test/next-id-token", {"tamper": kind})


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    if PROVIDER_MISSING:
        pytest.fail(PROVIDER_MISSING_WHY)
    p = Provider(str(tmp_path_factory.mktemp("idp") / "keys.json"))
    yield p
    p.stop()


def configure(admin, server, idp, **changes):
    body = {"display_name": "Northwind ID", "issuer": idp.issuer, "client_id": "mentorhub",
            "client_secret": CLIENT_SECRET, "public_url": server.url, "create_people": False}
    body.update(changes)
    r = admin.put("/api/v1/admin/sso", json=body)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def sso(server, idp):
    admin = Client(server.url).login(ADMIN)
    configure(admin, server, idp)
    return admin


class Form(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.action = None

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.action = dict(attrs).get("action")


class Browser:
    """What a browser does between Mentorhub and the provider, one hop at a time, so a test can
    stop at the callback and decide how to call it."""

    def __init__(self, server):
        self.server = server
        self.http = requests.Session()
        self.codes = []

    def start(self, return_to=None):
        params = {"return_to": return_to} if return_to else {}
        r = self.http.get(self.server.url + "/api/v1/auth/sso/start", params=params, allow_redirects=False,
                          timeout=30)
        assert r.status_code == 303, r.text
        return r.headers["Location"]

    def through_provider(self, authorize_url, login):
        """From the authorization URL through the provider's sign-in form to the callback URL."""
        url = authorize_url
        for _ in range(10):
            if url.startswith(self.server.url + CALLBACK):
                self.codes += parse_qs(urlparse(url).query).get("code", [])
                return url
            r = self.http.get(url, allow_redirects=False, timeout=30)
            if r.status_code in (302, 303):
                url = urljoin(url, r.headers["Location"])
                continue
            assert r.status_code == 200, r.text
            form = Form()
            form.feed(r.text)
            r = self.http.post(urljoin(url, form.action), data={"login": login}, allow_redirects=False, timeout=30)
            assert r.status_code in (302, 303), r.text
            url = urljoin(url, r.headers["Location"])
        raise AssertionError("the provider never sent the browser back")

    def callback(self, url, html=False):
        accept = "text/html,application/xhtml+xml" if html else "application/json"
        return self.http.get(url, headers={"Accept": accept}, allow_redirects=False, timeout=30)

    def sign_in(self, login, return_to=None):
        return self.callback(self.through_provider(self.start(return_to), login))

    def me(self):
        return self.http.get(self.server.url + "/api/v1/me", timeout=30)


def signed_in(browser, response):
    assert response.status_code == 303, response.text
    cookies = response.headers.get("Set-Cookie", "")
    assert "mh_session=" in cookies and "HttpOnly" in cookies
    me = browser.me()
    assert me.status_code == 200, me.text
    return me.json()


def refused(browser, response, status, words):
    assert response.status_code == status, response.text
    assert "mh_session" not in response.headers.get("Set-Cookie", "")
    message = error_of(response)["message"]
    assert words in message, message
    assert browser.me().status_code == 401
    return message


# --- signing in -------------------------------------------------------------------------------


def test_the_sign_in_page_offers_the_provider(sso, client):
    config = client.get("/api/v1/config").json()
    assert config["sso"] == {"provider_name": "Northwind ID", "start_url": "/api/v1/auth/sso/start"}
    assert config["password_sign_in"] is True


def test_the_authorization_request_carries_pkce_state_and_nonce(sso, server, idp):
    location = Browser(server).start()
    assert location.startswith(idp.issuer + "/auth?")
    q = {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}
    assert q["response_type"] == "code" and q["client_id"] == "mentorhub"
    assert q["redirect_uri"] == server.url + CALLBACK
    assert q["code_challenge_method"] == "S256" and len(q["code_challenge"]) == 43
    assert len(q["state"]) == 64 and len(q["nonce"]) == 64
    assert "openid" in q["scope"].split()


def test_a_person_is_found_by_their_verified_email_and_lands_where_they_were_going(sso, server, idp, make_person):
    person, _ = make_person(name="Priya Patel")
    idp.account("priya", email=person["email"].upper(), email_verified=True, name="P. Patel")
    b = Browser(server)
    r = b.sign_in("priya", return_to="/requests")
    assert r.headers["Location"] == "/requests"
    me = signed_in(b, r)
    assert me["id"] == person["id"] and me["name"] == "Priya Patel"


def test_a_linked_person_is_found_by_the_providers_subject_even_after_their_address_changes(sso, server, idp,
                                                                                           make_person):
    person, _ = make_person()
    idp.account("moves", email=person["email"], email_verified=True)
    first = Browser(server)
    assert signed_in(first, first.sign_in("moves"))["id"] == person["id"]
    idp.account("moves", email=unique_email("renamed"), email_verified=True)
    again = Browser(server)
    assert signed_in(again, again.sign_in("moves"))["id"] == person["id"]


def test_every_sign_in_takes_the_department_and_title_from_the_provider_but_keeps_the_name(sso, server, idp,
                                                                                          make_person):
    person, _ = make_person(name="Tomás Ortega")
    idp.account("tomas", email=person["email"], email_verified=True, name="T. Ortega", department="Finance",
                title="Analyst")
    b = Browser(server)
    me = signed_in(b, b.sign_in("tomas"))
    assert (me["name"], me["department"], me["title"]) == ("Tomás Ortega", "Finance", "Analyst")
    # A reorganisation in the directory reaches Mentorhub at the next sign-in; a claim the
    # provider no longer sends leaves what is there.
    idp.account("tomas", email=person["email"], email_verified=True, department="Risk")
    b = Browser(server)
    me = signed_in(b, b.sign_in("tomas"))
    assert (me["name"], me["department"], me["title"]) == ("Tomás Ortega", "Risk", "Analyst")


def test_an_unknown_person_is_refused_unless_the_organisation_creates_people(sso, server, idp, admin):
    email = unique_email("newcomer")
    idp.account("newcomer", email=email, email_verified=True, name="Nadia Newcomer", department="Research",
                title="Data Scientist")
    b = Browser(server)
    refused(b, b.sign_in("newcomer"), 403, "there is no Mentorhub account for")
    configure(admin, server, idp, create_people=True)
    try:
        b = Browser(server)
        me = signed_in(b, b.sign_in("newcomer"))
        assert (me["email"], me["name"], me["department"], me["title"]) == (
            email, "Nadia Newcomer", "Research", "Data Scientist")
        assert not me.get("is_admin")
    finally:
        configure(admin, server, idp, create_people=False)


def test_an_unverified_email_is_never_matched(sso, server, idp, make_person):
    person, _ = make_person()
    idp.account("unverified", email=person["email"], email_verified=False)
    b = Browser(server)
    refused(b, b.sign_in("unverified"), 403, "has not verified the e-mail address")


def test_a_deactivated_person_cannot_sign_in(sso, server, idp, make_person, admin):
    person, _ = make_person()
    idp.account("gone", email=person["email"], email_verified=True)
    assert admin.post(f"/api/v1/people/{person['id']}/deactivate", json={}).status_code == 200
    b = Browser(server)
    refused(b, b.sign_in("gone"), 403, "deactivated")


def test_a_person_who_signs_in_only_through_the_provider_deletes_their_account_by_typing_delete(sso, server, idp,
                                                                                                 admin):
    email = unique_email("ssoonly")
    person = admin.post("/api/v1/people", json={"email": email, "name": "Sol Single"}).json()
    idp.account("ssoonly", email=email, email_verified=True)
    b = Browser(server)
    assert signed_in(b, b.sign_in("ssoonly"))["id"] == person["id"]
    csrf = {"X-CSRF-Token": b.http.cookies.get("mh_csrf")}
    exported = b.http.get(server.url + "/api/v1/me/export", timeout=30).json()
    [identity] = exported["identities"]
    assert identity["issuer"] == idp.issuer and identity["subject"] == "ssoonly"

    deletion = server.url + "/api/v1/me/deletion"
    for body, field in (({}, "confirmation"), ({"confirmation": "delete"}, "confirmation"),
                        ({"password": "a long password 1"}, "confirmation")):
        r = b.http.post(deletion, json=body, headers=csrf, timeout=30)
        assert r.status_code == 422 and error_of(r)["field"] == field, r.text
    r = b.http.post(deletion, json={"confirmation": "DELETE"}, headers=csrf, timeout=30)
    assert r.status_code == 204, r.text
    assert b.me().status_code == 401
    # The provider still knows the address, Mentorhub no longer does: no way back in.
    again = Browser(server)
    refused(again, again.sign_in("ssoonly"), 403, "there is no Mentorhub account for")


def test_an_es256_signed_token_is_accepted(sso, server, idp, admin, make_person):
    person, _ = make_person()
    idp.account("elliptic", email=person["email"], email_verified=True)
    configure(admin, server, idp, client_id="mentorhub-es")
    try:
        b = Browser(server)
        assert signed_in(b, b.sign_in("elliptic"))["id"] == person["id"]
    finally:
        configure(admin, server, idp)


def test_a_browser_that_is_refused_goes_back_to_the_sign_in_page_with_the_reason(sso, server, idp):
    idp.account("nobody", email=unique_email("nobody"), email_verified=True)
    b = Browser(server)
    r = b.callback(b.through_provider(b.start(), "nobody"), html=True)
    assert r.status_code == 303
    target = urlparse(r.headers["Location"])
    assert target.path == "/"
    assert "there is no Mentorhub account" in parse_qs(target.query)["sso_error"][0]


# --- refusals ---------------------------------------------------------------------------------


@pytest.fixture
def known(sso, idp, make_person):
    """A person the provider knows under a login of their own (the login is their subject)."""
    person, _ = make_person()
    person["login"] = "known-" + person["email"].split("@")[0]
    idp.account(person["login"], email=person["email"], email_verified=True)
    return person


@pytest.mark.parametrize("kind,words", [
    ("signature", "signature does not verify"),
    ("audience", "meant for another application"),
    ("expired", "has expired"),
    ("issuer", "not by the configured issuer"),
    ("nonce", "does not carry the nonce"),
    ("future", "issued in the future"),
    ("unpublished_key", "does not publish"),
])
def test_a_spoiled_id_token_is_refused_with_its_reason_and_no_session(server, idp, known, kind, words):
    b = Browser(server)
    url = b.through_provider(b.start(), known["login"])
    idp.spoil_next_id_token(kind)
    refused(b, b.callback(url), 401, words)


def test_a_replayed_state_is_refused(server, idp, known):
    b = Browser(server)
    url = b.through_provider(b.start(), known["login"])
    signed_in(b, b.callback(url))
    attacker = Browser(server)
    message = refused(attacker, attacker.callback(url), 401, "already used")
    assert "start again" in message


def test_a_made_up_or_missing_state_is_refused(sso, server):
    b = Browser(server)
    refused(b, b.callback(server.url + CALLBACK + "?state=" + "0" * 64 + "&code=x"), 401, "already used or is unknown")
    refused(b, b.callback(server.url + CALLBACK + "?code=x"), 401, "without its state")


def test_the_providers_refusal_is_passed_on(sso, server):
    b = Browser(server)
    state = parse_qs(urlparse(b.start()).query)["state"][0]
    r = b.callback(f"{server.url}{CALLBACK}?state={state}&error=access_denied&error_description=User+said+no")
    refused(b, r, 401, "did not sign you in (access_denied: User said no)")


def test_a_code_the_provider_will_not_redeem_is_refused(server, idp, known):
    b = Browser(server)
    url = b.through_provider(b.start(), known["login"])
    q = parse_qs(urlparse(url).query)
    forged = f"{server.url}{CALLBACK}?state={q['state'][0]}&code=not-a-code-the-provider-issued"
    refused(b, b.callback(forged), 401, "did not accept the sign-in code")


def test_a_rotated_key_is_fetched_once_and_accepted(server, idp, known):
    b = Browser(server)
    signed_in(b, b.sign_in(known["login"]))  # the server now holds the key set with rsa-1
    idp.restart("rsa-2,rsa-1,ec-1")  # rsa-2 signs from now on
    try:
        b = Browser(server)
        assert signed_in(b, b.sign_in(known["login"]))["id"] == known["id"]
        # A key that was retired is no longer trusted once the set is fetched again.
        idp.restart("rsa-2,ec-1")
        b = Browser(server)
        url = b.through_provider(b.start(), known["login"])
        idp.spoil_next_id_token("unpublished_key")
        refused(b, b.callback(url), 401, "does not publish")
    finally:
        idp.restart("rsa-1,ec-1")


# --- password sign-in and settings -------------------------------------------------------------


def test_password_sign_in_can_be_turned_off_for_everyone_but_the_break_glass_admin(sso, server, idp, make_person):
    person, _ = make_person(password="a long password 1")
    admin = sso
    configure(admin, server, idp, password_sign_in=False, break_glass_email=ADMIN)
    try:
        r = Client(server.url).post("/api/v1/auth/login", json={"email": person["email"], "password": "a long password 1"})
        assert r.status_code == 403
        assert error_of(r)["message"] == "password sign-in is turned off; sign in with Northwind ID"
        # Unknown addresses get the same answer: it reveals nothing about who has an account.
        r = Client(server.url).post("/api/v1/auth/login", json={"email": unique_email(), "password": "whatever it is"})
        assert r.status_code == 403
        Client(server.url).login(ADMIN)
        assert Client(server.url).get("/api/v1/config").json()["password_sign_in"] is False
    finally:
        configure(admin, server, idp)
    Client(server.url).login(person["email"], "a long password 1")


def test_settings_are_checked_field_by_field(sso, server, idp):
    admin = sso
    base = {"display_name": "X", "issuer": idp.issuer, "client_id": "mentorhub", "public_url": server.url}
    for change, field in [({"issuer": "ftp://idp"}, "issuer"), ({"public_url": "nowhere"}, "public_url"),
                          ({"scopes": "email profile"}, "scopes"), ({"token_auth_method": "magic"}, "token_auth_method"),
                          ({"clock_skew_seconds": 3600}, "clock_skew_seconds"), ({"display_name": ""}, "display_name"),
                          ({"password_sign_in": False}, "break_glass_email"),
                          ({"password_sign_in": False, "break_glass_email": "maya.patel@northwind.example"}, "break_glass_email"),
                          ({"surprise": 1}, "surprise")]:
        r = admin.put("/api/v1/admin/sso", json={**base, **change})
        assert r.status_code == 422, (change, r.text)
        assert error_of(r)["field"] == field, (change, r.text)
    r = admin.put("/api/v1/admin/sso", json={k: v for k, v in base.items() if k != "client_id"})
    assert error_of(r)["field"] == "client_id"


def test_the_secret_is_kept_when_left_out_and_never_shown(sso, server, idp, known):
    admin = sso
    settings = admin.get("/api/v1/admin/sso").json()
    assert settings["client_secret_set"] is True and CLIENT_SECRET not in json.dumps(settings)
    assert settings["redirect_uri"] == server.url + CALLBACK
    r = admin.put("/api/v1/admin/sso", json={"display_name": "Northwind ID", "issuer": idp.issuer,
                                             "client_id": "mentorhub", "public_url": server.url + "/"})
    assert r.status_code == 200 and r.json()["public_url"] == server.url
    b = Browser(server)
    signed_in(b, b.sign_in(known["login"]))  # the kept secret still redeems codes


def test_an_administrator_can_check_the_provider(sso):
    r = sso.post("/api/v1/admin/sso/check")
    assert r.status_code == 200, r.text
    assert r.json()["jwks_uri"].endswith("/jwks")


def test_no_secret_code_or_token_reaches_the_log(server, idp, known):
    b = Browser(server)
    signed_in(b, b.sign_in(known["login"]))
    log = server.logged()
    assert CLIENT_SECRET not in log
    assert b.codes and not any(code in log for code in b.codes)
    assert b.http.cookies.get("mh_session") not in log


# --- the CLI and an expired state (servers of their own) ---------------------------------------


def test_the_cli_configures_shows_and_removes_the_provider(binary, new_database, idp, tmp_path):
    db = new_database()
    run_cli(binary, db, "migrate")
    secret = tmp_path / "secret"
    secret.write_text(CLIENT_SECRET + "\n")
    r = run_cli(binary, db, "sso", "configure", "--name", "Okta", "--issuer", idp.issuer, "--client-id", "mentorhub",
                "--client-secret-file", str(secret), "--public-url", "http://127.0.0.1:9", "--create-people")
    assert "single sign-on with Okta (on)" in r.stdout and CLIENT_SECRET not in r.stdout
    assert "redirect URI      http://127.0.0.1:9/api/v1/auth/sso/callback" in run_cli(binary, db, "sso", "show").stdout
    assert "the identity provider answers" in run_cli(binary, db, "sso", "check").stdout
    bad = run_cli(binary, db, "sso", "configure", "--name", "Okta", "--issuer", "ftp://x", "--client-id", "m",
                  "--public-url", "http://127.0.0.1:9", check=False)
    assert bad.returncode == 1 and "issuer must be an http:// or https:// URL" in bad.stderr
    off = run_cli(binary, db, "sso", "configure", "--name", "Okta", "--issuer", idp.issuer, "--client-id", "m",
                  "--public-url", "http://127.0.0.1:9", "--password-sign-in", "off", check=False)
    assert off.returncode == 1 and "break_glass_email" in off.stderr
    assert "removed" in run_cli(binary, db, "sso", "remove").stdout
    assert "not configured" in run_cli(binary, db, "sso", "show").stdout


def test_a_state_older_than_ten_minutes_is_refused(binary, new_demo_database, idp):
    db = new_demo_database()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    s = Server(binary, db, extra=("--test-clock", now))
    try:
        admin = Client(s.url).login(ADMIN)
        configure(admin, s, idp)
        idp.account("slow", email="maya.patel@northwind.example", email_verified=True)
        b = Browser(s)
        url = b.through_provider(b.start(), "slow")
        assert requests.post(s.url + "/api/v1/test/clock", json={"advance_seconds": 601}, timeout=60).status_code == 200
        refused(b, b.callback(url), 401, "took longer than 10 minutes")
    finally:
        s.stop()


def test_a_provider_without_email_verified_signs_in_addresses_of_its_trusted_domains(sso, server, idp, make_person):
    """Microsoft Entra ID puts the address in preferred_username and sends no email_verified: the
    administrator names that claim and the domains the provider is the authority for."""
    person, _ = make_person()
    domain = person["email"].split("@")[1]
    idp.account("entra-user", preferred_username=person["email"], name="E. User")
    b = Browser(server)
    refused(b, b.sign_in("entra-user"), 403, "did not give an e-mail address (claim email)")
    try:
        configure(sso, server, idp, email_claim="preferred_username")
        b = Browser(server)
        refused(b, b.sign_in("entra-user"), 403, "add that domain to the trusted e-mail domains")
        bad = sso.put("/api/v1/admin/sso", json={"display_name": "Northwind ID", "issuer": idp.issuer,
                                                  "client_id": "mentorhub", "public_url": server.url,
                                                  "trusted_email_domains": "localhost"})
        assert bad.status_code == 422 and error_of(bad)["field"] == "trusted_email_domains", bad.text
        settings = configure(sso, server, idp, email_claim="preferred_username",
                             trusted_email_domains=f" @{domain.upper()} ; other.example")
        assert settings["trusted_email_domains"] == f"{domain}, other.example"
        b = Browser(server)
        assert signed_in(b, b.sign_in("entra-user"))["id"] == person["id"]
    finally:
        configure(sso, server, idp)
