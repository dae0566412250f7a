"""A second factor for password sign-ins (issue 19): a person sets up a TOTP authenticator app
(RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, one step of skew either side) and gets ten
single-use recovery codes; a password sign-in then waits for a code or a recovery code; wrong
codes are limited and a code cannot be used twice; turning it off and new recovery codes need a
current code or the password; and an organisation may require a second factor of its
administrators, from the admin settings and the command line. The codes are computed here from
the secret, on the server's fake clock."""
import base64
import datetime as dt
import hashlib
import hmac
import re
import struct
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import requests

from conftest import Client, run_cli, unique_email
from lifecycle_helpers import PASSWORD, assert_error, clock_lab, clock_server, json_of, lab  # noqa: F401


def totp(secret, when, skew_steps=0):
    """RFC 6238 with SHA-1 and 6 digits: the code of `secret` (base32) at `when`."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int(when.timestamp()) // 30 + skew_steps
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = (struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def wrong_code(secret, when):
    """A six-digit code that is none of the three the server accepts at `when`."""
    accepted = {totp(secret, when, s) for s in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)


RECOVERY = re.compile(r"^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$")


def enrol(lab, actor):
    """Sets up a second factor for `actor`; returns (secret, recovery codes). The code used to
    confirm is of the current step, so the next code must wait for the next step."""
    started = json_of(actor.post("/api/v1/me/second-factor/start", json={}), 200)
    codes = json_of(actor.post("/api/v1/me/second-factor/confirm",
                               json={"code": totp(started["secret"], lab.now)}), 200)["recovery_codes"]
    return started["secret"], codes


def password_step(lab, actor):
    """Signs in with the password: the answer of a person with a second factor (202)."""
    r = Client(lab.url).post("/api/v1/auth/login", json={"email": actor.email, "password": actor.password})
    return json_of(r, 202), r


def finish(lab, challenge, **answer):
    client = Client(lab.url)
    r = client.post("/api/v1/auth/second-factor", json={"challenge": challenge, **answer})
    if r.status_code == 200:
        client.csrf = r.json()["csrf_token"]
    return r, client


@pytest.fixture
def person(lab):
    return lab.person()


def test_setting_up_shows_the_secret_once_and_confirming_gives_ten_recovery_codes(lab, person):
    status = json_of(person.get("/api/v1/me/second-factor"), 200)
    assert status == {"enabled": False, "enabled_at": None, "setting_up": False, "recovery_codes_left": 0,
                      "required": False, "session_limited": False}
    r = person.post("/api/v1/me/second-factor/start", json={})
    started = json_of(r, 200)
    assert r.headers["Cache-Control"] == "no-store"
    secret = started["secret"]
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)  # 160 bits
    assert started["account"] == person.email
    uri = urlsplit(started["otpauth_uri"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert unquote(uri.path) == f"/{started['issuer']}:{person.email}"
    assert started["issuer"] == "Mentorhub"
    query = parse_qs(uri.query)
    assert query == {"secret": [secret], "issuer": ["Mentorhub"], "algorithm": ["SHA1"], "digits": ["6"],
                     "period": ["30"]}
    assert json_of(person.get("/api/v1/me/second-factor"), 200)["setting_up"] is True

    # Starting again replaces the secret being set up: the first one no longer confirms.
    again = json_of(person.post("/api/v1/me/second-factor/start", json={}), 200)["secret"]
    assert again != secret
    if totp(secret, lab.now) not in {totp(again, lab.now, s) for s in (-1, 0, 1)}:
        assert_error(person.post("/api/v1/me/second-factor/confirm", json={"code": totp(secret, lab.now)}), 422, "code")
    assert_error(person.post("/api/v1/me/second-factor/confirm", json={"code": wrong_code(again, lab.now)}), 422, "code")

    # A phone's clock one step behind is accepted.
    confirmed = json_of(person.post("/api/v1/me/second-factor/confirm",
                                    json={"code": totp(again, lab.now, -1)}), 200)
    codes = confirmed["recovery_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(RECOVERY.match(c) for c in codes)
    status = json_of(person.get("/api/v1/me/second-factor"), 200)
    assert status["enabled"] is True and status["recovery_codes_left"] == 10 and status["setting_up"] is False
    assert status["enabled_at"] is not None
    # One at a time: a second one needs the first turned off.
    assert_error(person.post("/api/v1/me/second-factor/start", json={}), 409)
    assert_error(person.post("/api/v1/me/second-factor/confirm", json={"code": totp(again, lab.now)}), 409, "code")


def test_confirming_without_starting_is_refused(lab, person):
    assert_error(person.post("/api/v1/me/second-factor/confirm", json={"code": "123456"}), 409, "code")


def test_a_password_sign_in_waits_for_a_code_and_a_code_works_once(lab, person):
    secret, _ = enrol(lab, person)
    waiting, r = password_step(lab, person)
    assert waiting["second_factor_required"] is True
    assert re.fullmatch(r"[0-9a-f]{64}", waiting["challenge"])
    assert "mh_session" not in r.headers.get("Set-Cookie", "")
    assert "mh_session" not in r.cookies
    # The code that confirmed the set-up was this step's: it cannot be used again.
    assert_error(finish(lab, waiting["challenge"], code=totp(secret, lab.now))[0], 422, "code")
    lab.advance(seconds=30)
    r, client = finish(lab, waiting["challenge"], code=totp(secret, lab.now))
    signed_in = json_of(r, 200)
    assert signed_in["person"]["id"] == person.id and signed_in["recovery_codes_left"] == 10
    assert signed_in["second_factor_setup_required"] is False
    assert "mh_session=" in r.headers["Set-Cookie"]
    assert json_of(client.get("/api/v1/me"), 200)["id"] == person.id
    # The challenge is finished; the same code on a new challenge is a replay.
    assert_error(finish(lab, waiting["challenge"], code=totp(secret, lab.now, 1))[0], 401)
    waiting, _ = password_step(lab, person)
    assert_error(finish(lab, waiting["challenge"], code=totp(secret, lab.now))[0], 422, "code")
    # The next step's code (a phone a little ahead) works, and then the current one no more.
    json_of(finish(lab, waiting["challenge"], code=totp(secret, lab.now, 1))[0], 200)
    waiting, _ = password_step(lab, person)
    assert_error(finish(lab, waiting["challenge"], code=totp(secret, lab.now))[0], 422, "code")
    # Codes two steps away are refused.
    lab.advance(seconds=60)
    assert_error(finish(lab, waiting["challenge"], code=totp(secret, lab.now, -2))[0], 422, "code")
    assert_error(finish(lab, waiting["challenge"], code=totp(secret, lab.now, 2))[0], 422, "code")


def test_a_recovery_code_signs_in_once(lab, person):
    _, codes = enrol(lab, person)
    waiting, _ = password_step(lab, person)
    # Typed in capitals and without hyphens, it is the same code.
    typed = codes[3].upper().replace("-", " ")
    r, client = finish(lab, waiting["challenge"], recovery_code=typed)
    assert json_of(r, 200)["recovery_codes_left"] == 9
    json_of(client.get("/api/v1/me"), 200)
    assert json_of(person.get("/api/v1/me/second-factor"), 200)["recovery_codes_left"] == 9
    waiting, _ = password_step(lab, person)
    assert_error(finish(lab, waiting["challenge"], recovery_code=codes[3])[0], 422, "recovery_code")
    json_of(finish(lab, waiting["challenge"], recovery_code=codes[4])[0], 200)


def test_wrong_codes_are_limited_per_person(lab, person):
    secret, codes = enrol(lab, person)
    lab.advance(seconds=30)
    waiting, _ = password_step(lab, person)
    for _ in range(5):
        assert_error(finish(lab, waiting["challenge"], code=wrong_code(secret, lab.now))[0], 422, "code")
    # Even the right code and a recovery code wait now, also on a new challenge.
    r, _ = finish(lab, waiting["challenge"], code=totp(secret, lab.now))
    assert_error(r, 429)
    assert int(r.headers["Retry-After"]) > 0
    waiting2, _ = password_step(lab, person)
    assert_error(finish(lab, waiting2["challenge"], recovery_code=codes[0])[0], 429)
    lab.advance(seconds=15 * 60)
    waiting, _ = password_step(lab, person)
    json_of(finish(lab, waiting["challenge"], code=totp(secret, lab.now))[0], 200)


def test_a_sign_in_waits_five_minutes_for_its_code(lab, person):
    secret, _ = enrol(lab, person)
    waiting, _ = password_step(lab, person)
    assert json_of(requests.get(lab.url + "/api/v1/me", timeout=10), 401)
    lab.advance(seconds=5 * 60)
    r, _ = finish(lab, waiting["challenge"], code=totp(secret, lab.now))
    assert_error(r, 401, "challenge")


def test_bad_second_factor_sign_ins_name_the_field(lab, person):
    secret, codes = enrol(lab, person)
    waiting, _ = password_step(lab, person)
    c = waiting["challenge"]
    url = lab.url + "/api/v1/auth/second-factor"
    for body, field in [({"code": "123456"}, "challenge"),
                        ({"challenge": c}, "code"),
                        ({"challenge": c, "code": "123456", "recovery_code": codes[0]}, "code"),
                        ({"challenge": c, "code": 123456}, "code"),
                        ({"challenge": c, "code": ""}, "code"),
                        ({"challenge": c, "code": "12a456"}, "code"),
                        ({"challenge": c, "code": "1234567"}, "code"),
                        ({"challenge": c, "code": "1" * 100}, "code"),
                        ({"challenge": c, "recovery_code": "not-a-code"}, "recovery_code"),
                        ({"challenge": c, "recovery_code": ""}, "recovery_code"),
                        ({"challenge": 7, "code": "123456"}, "challenge"),
                        ({"challenge": c, "code": "123456", "extra": 1}, "extra")]:
        assert_error(requests.post(url, json=body, timeout=10), 422, field)
    assert_error(requests.post(url, data="{", headers={"Content-Type": "application/json"}, timeout=10), 400)
    for challenge in ("0" * 64, "short", "z" * 200):
        r = requests.post(url, json={"challenge": challenge, "code": "123456"}, timeout=10)
        assert r.status_code in (401, 422), r.text
    assert_error(requests.post(url, json={"challenge": "0" * 64, "code": "123456"}, timeout=10), 401, "challenge")
    # None of the malformed answers counted as a guess: five wrong codes are still allowed.
    lab.advance(seconds=30)
    for _ in range(4):
        assert_error(finish(lab, c, code=wrong_code(secret, lab.now))[0], 422, "code")
    json_of(finish(lab, c, code=totp(secret, lab.now))[0], 200)


def test_turning_off_needs_a_current_code_or_the_password(lab, person):
    secret, _ = enrol(lab, person)
    url = "/api/v1/me/second-factor/disable"
    assert_error(person.post(url, json={}), 422, "code")
    assert_error(person.post(url, json={"code": "123456", "password": PASSWORD}), 422, "code")
    assert_error(person.post(url, json={"password": "not my password"}), 422, "password")
    assert_error(person.post(url, json={"code": totp(secret, lab.now)}), 422, "code")  # used to confirm
    assert_error(person.post(url, json={"code": 5}), 422, "code")
    assert json_of(person.get("/api/v1/me/second-factor"), 200)["enabled"] is True
    lab.advance(seconds=30)
    assert person.post(url, json={"code": totp(secret, lab.now)}).status_code == 204
    assert json_of(person.get("/api/v1/me/second-factor"), 200)["enabled"] is False
    # Signing in is the password alone again.
    Client(lab.url).login(person.email, person.password)
    assert_error(person.post(url, json={"password": PASSWORD}), 409)
    # And with the password.
    enrol(lab, person)
    assert person.post(url, json={"password": PASSWORD}).status_code == 204
    Client(lab.url).login(person.email, person.password)


def test_new_recovery_codes_replace_the_old_ones(lab, person):
    secret, old = enrol(lab, person)
    url = "/api/v1/me/second-factor/recovery-codes"
    assert_error(person.post(url, json={"password": "wrong password"}), 422, "password")
    r = person.post(url, json={"password": PASSWORD})
    new = json_of(r, 200)["recovery_codes"]
    assert r.headers["Cache-Control"] == "no-store"
    assert len(set(new)) == 10 and not set(new) & set(old)
    lab.advance(seconds=30)
    new2 = json_of(person.post(url, json={"code": totp(secret, lab.now)}), 200)["recovery_codes"]
    waiting, _ = password_step(lab, person)
    assert_error(finish(lab, waiting["challenge"], recovery_code=old[0])[0], 422, "recovery_code")
    assert_error(finish(lab, waiting["challenge"], recovery_code=new[0])[0], 422, "recovery_code")
    json_of(finish(lab, waiting["challenge"], recovery_code=new2[0])[0], 200)
    other = lab.person()
    assert_error(other.post(url, json={"password": PASSWORD}), 409)


def test_wrong_passwords_for_changes_are_limited(lab, person):
    enrol(lab, person)
    url = "/api/v1/me/second-factor/disable"
    for _ in range(5):
        assert_error(person.post(url, json={"password": "not my password"}), 422, "password")
    assert_error(person.post(url, json={"password": PASSWORD}), 429)
    lab.advance(seconds=15 * 60)
    assert person.post(url, json={"password": PASSWORD}).status_code == 204


def test_administrators_can_be_required_to_have_a_second_factor(lab, binary):
    boss = lab.person(name="Second Factor Boss", is_admin=True)
    other_admin = lab.person(name="Second Factor Other Admin", is_admin=True)
    member = lab.person()
    url = "/api/v1/admin/second-factor"
    before = json_of(boss.get(url), 200)
    assert before["required_for_admins"] is False
    assert before["administrators"] >= 3
    assert_error(boss.put(url, json={"required_for_admins": "yes"}), 422, "required_for_admins")
    assert_error(boss.put(url, json={}), 422, "required_for_admins")
    # Whoever turns it on must have one first, so as not to lock themselves out.
    assert_error(boss.put(url, json={"required_for_admins": True}), 409, "required_for_admins")
    boss_secret, _ = enrol(lab, boss)
    # The other administrator made an API token with a password alone; a member made one too.
    admin_token = json_of(other_admin.post("/api/v1/me/tokens", json={"label": "nightly export"}), 201)["token"]
    member_token = json_of(member.post("/api/v1/me/tokens", json={"label": "my script"}), 201)["token"]
    on = json_of(boss.put(url, json={"required_for_admins": True}), 200)
    assert on["required_for_admins"] is True
    assert on["administrators_with_second_factor"] == before["administrators_with_second_factor"] + 1
    assert json_of(boss.get("/api/v1/me/second-factor"), 200)["required"] is True
    # Its own session goes on; the other administrator's sessions ended.
    json_of(boss.get("/api/v1/people"), 200)
    assert_error(other_admin.client.get("/api/v1/people"), 401)
    # Its API token is revoked too: it would keep an administrator's rights without the factor.
    bearer = lambda t: {"Authorization": f"Bearer {t}"}  # noqa: E731
    assert requests.get(lab.url + "/api/v1/people", headers=bearer(admin_token), timeout=30).status_code == 401
    assert requests.get(lab.url + "/api/v1/people", headers=bearer(member_token), timeout=30).status_code == 200
    # A person who is not an administrator is not concerned.
    json_of(member.get("/api/v1/people"), 200)
    assert json_of(member.get("/api/v1/me/second-factor"), 200)["required"] is False
    Client(lab.url).login(member.email, member.password)

    # The other administrator signs in: a session that can only set one up.
    limited = Client(lab.url)
    r = limited.post("/api/v1/auth/login", json={"email": other_admin.email, "password": other_admin.password})
    body = json_of(r, 200)
    assert body["second_factor_setup_required"] is True
    limited.csrf = body["csrf_token"]
    for method, path in [("GET", "/api/v1/people"), ("GET", "/api/v1/me/tokens"), ("GET", url),
                         ("POST", "/api/v1/me/tokens"), ("GET", "/api/v1/me/sessions")]:
        err = assert_error(limited.request(method, path, json={} if method == "POST" else None), 403)
        assert err["code"] == "second_factor_setup_required"
    assert json_of(limited.get("/api/v1/me"), 200)["id"] == other_admin.id
    status = json_of(limited.get("/api/v1/me/second-factor"), 200)
    assert status["required"] is True and status["session_limited"] is True and status["enabled"] is False
    started = json_of(limited.post("/api/v1/me/second-factor/start", json={}), 200)
    codes = json_of(limited.post("/api/v1/me/second-factor/confirm",
                                 json={"code": totp(started["secret"], lab.now)}), 200)["recovery_codes"]
    assert len(codes) == 10
    # The same session now does everything.
    json_of(limited.get("/api/v1/people"), 200)
    assert json_of(limited.get("/api/v1/me/second-factor"), 200)["session_limited"] is False
    # While it is required, an administrator cannot turn theirs off.
    assert_error(limited.post("/api/v1/me/second-factor/disable", json={"password": PASSWORD}), 409)
    waiting, _ = password_step(lab, other_admin)
    json_of(finish(lab, waiting["challenge"], recovery_code=codes[0])[0], 200)
    limited.post("/api/v1/auth/logout", json={})

    # From the command line: show, allow, require; and an operator removes a lost second factor.
    shown = run_cli(binary, lab.server.database, "second-factor", "show").stdout
    assert "required" in shown and "not required" not in shown
    run_cli(binary, lab.server.database, "second-factor", "allow")
    assert json_of(boss.get(url), 200)["required_for_admins"] is False
    assert "not required" in run_cli(binary, lab.server.database, "second-factor", "show").stdout
    assert run_cli(binary, lab.server.database, "second-factor", "maybe", check=False).returncode != 0
    run_cli(binary, lab.server.database, "user", "remove-second-factor", "--email", other_admin.email)
    Client(lab.url).login(other_admin.email, other_admin.password)
    missing = run_cli(binary, lab.server.database, "user", "remove-second-factor", "--email", other_admin.email,
                      check=False)
    assert missing.returncode == 1 and "no second factor" in missing.stderr
    run_cli(binary, lab.server.database, "second-factor", "require")
    # Required again: the other administrator, without one now, is sent to set one up.
    again = Client(lab.url).post("/api/v1/auth/login", json={"email": other_admin.email,
                                                            "password": other_admin.password})
    assert json_of(again, 200)["second_factor_setup_required"] is True
    limited_again = Client(lab.url)
    limited_again.csrf = again.json()["csrf_token"]
    limited_again.http.cookies.update(again.cookies)
    assert_error(limited_again.get("/api/v1/people"), 403)
    # And the audit trail says who changed the requirement.
    audit = json_of(boss.get("/api/v1/admin/audit"), 200)["items"]
    assert {"second_factor_required", "second_factor_not_required", "second_factor_removed"} <= {
        e["action"] for e in audit}
    removed = [e for e in audit if e["action"] == "second_factor_removed"]
    assert len(removed) == 1 and removed[0]["actor"] is None
    lab.advance(seconds=30)
    json_of(boss.put(url, json={"required_for_admins": False}), 200)
    # Lifted: the session that could only set one up may do everything.
    json_of(limited_again.get("/api/v1/people"), 200)
    assert json_of(boss.post("/api/v1/me/second-factor/disable", json={"code": totp(boss_secret, lab.now)}), 204) \
        is None
    # The administrator of the other tests lost their session when it was required.
    lab.admin.sign_in()


def test_no_secret_or_code_reaches_the_log(lab):
    person = lab.person()
    started = json_of(person.post("/api/v1/me/second-factor/start", json={}), 200)
    code = totp(started["secret"], lab.now)
    codes = json_of(person.post("/api/v1/me/second-factor/confirm", json={"code": code}), 200)["recovery_codes"]
    waiting, _ = password_step(lab, person)
    lab.advance(seconds=30)
    later = totp(started["secret"], lab.now)
    finish(lab, waiting["challenge"], code="000000" if later != "000000" else "111111")
    json_of(finish(lab, waiting["challenge"], code=later)[0], 200)
    log = lab.server.logged()
    for secret in [started["secret"], code, later, waiting["challenge"], *codes]:
        assert secret not in log


def test_the_export_says_whether_a_factor_is_on_and_a_deletion_removes_it(lab, person):
    secret, codes = enrol(lab, person)
    r = person.get("/api/v1/me/export")
    data = json_of(r, 200)
    assert data["second_factor"]["enabled"] is True and data["second_factor"]["recovery_codes_left"] == 10
    assert secret not in r.text and not any(code in r.text for code in codes)

    # Deleting the account takes the factor with it: neither the password nor a code opens anything.
    assert person.post("/api/v1/me/deletion", json={"password": PASSWORD}).status_code == 204
    r = Client(lab.url).post("/api/v1/auth/login", json={"email": person.email, "password": PASSWORD})
    assert r.status_code == 401
