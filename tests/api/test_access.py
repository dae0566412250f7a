"""Getting in without an identity provider (issue 19), through a real SMTP server on loopback:
an administrator's invitations (one person, everyone who has not signed in, resent, revoked, the
command line), "forgot password" (the same answer for every address, limited per address and per
client), a password chosen with a mailed one-time link that then works no more and ends the
person's sessions, one's own sessions and API tokens ended, and no token or password in an
answer or the server's log."""
import datetime as dt
import re
import time

import requests

from conftest import Client, run_cli, unique_email
from lifecycle_helpers import assert_error, json_of
from test_mail import PUBLIC, lab, mail_db, mail_server, parts, send_now, smtp  # noqa: F401

LINK = re.compile(re.escape(PUBLIC) + r"/set-password#([0-9a-f]{64})")
NEW_PASSWORD = "a brand new password 7"


# Every token and password the tests see, to look for in the server's log at the end.
SECRETS = set()


def newcomer(lab, name="Nadia Newcomer"):
    """A person the administrator created without a password: nobody can sign in as them yet."""
    email = unique_email("newcomer")
    person = json_of(lab.admin.post("/api/v1/people", json={"email": email, "name": name}), 201)
    return person["id"], email


def mailed_token(smtp, address, subject_start, count=1):
    """The token of the `count`-th mail to `address` whose subject starts with `subject_start`."""
    deadline = time.time() + 20
    mails = []
    while time.time() < deadline:
        mails = [m for m in smtp.inbox.to(address) if m["Subject"].startswith(subject_start)]
        if len(mails) >= count:
            break
        time.sleep(0.05)
    assert len(mails) >= count, [m["Subject"] for m in smtp.inbox.to(address)]
    msg = mails[count - 1]
    text, html = parts(msg)
    found = LINK.search(text.get_content())
    assert found, text.get_content()
    assert found.group(1) in html.get_content()
    SECRETS.add(found.group(1))
    return found.group(1), msg


def anonymous(lab):
    return Client(lab.url)


def test_the_sign_in_page_learns_that_mail_is_on(lab):
    assert json_of(anonymous(lab).get("/api/v1/config"), 200)["mail"] is True


def test_an_invited_person_chooses_a_password_from_the_mailed_link_and_signs_in(lab, smtp):
    person_id, email = newcomer(lab)
    made = json_of(lab.admin.post("/api/v1/invitations", json={"person_id": person_id}), 201)
    assert made["state"] == "pending" and made["person"]["email"] == email
    assert made["invited_by"] == lab.admin.client.person["name"]
    expires = dt.datetime.fromisoformat(made["expires_at"].replace("Z", "+00:00"))
    assert expires - lab.now == dt.timedelta(days=7)
    send_now(lab)
    token, msg = mailed_token(smtp, email, "Your invitation")
    assert token not in str(made)
    # Account mail has no unsubscribe address: nobody switches it off.
    assert msg["List-Unsubscribe"] is None
    assert "Nadia Newcomer" in parts(msg)[0].get_content()

    anon = anonymous(lab)
    seen = json_of(anon.post("/api/v1/auth/link", json={"token": token}), 200)
    assert seen == {"purpose": "invitation", "name": "Nadia Newcomer", "email": email, "expires_at": made["expires_at"]}
    assert anon.post("/api/v1/auth/set-password", json={"token": token, "password": NEW_PASSWORD}).status_code == 204
    SECRETS.add(NEW_PASSWORD)
    Client(lab.url).login(email, NEW_PASSWORD)
    # The link worked once.
    assert_error(anon.post("/api/v1/auth/set-password", json={"token": token, "password": "another password 8"}), 404)
    assert_error(anon.post("/api/v1/auth/link", json={"token": token}), 404)
    listed = json_of(lab.admin.get("/api/v1/invitations?state=all"), 200)
    mine = [i for i in listed["items"] if i["id"] == made["id"]]
    assert mine and mine[0]["state"] == "used" and mine[0]["used_at"]
    # Signed in since: inviting them again is refused, naming the person.
    assert_error(lab.admin.post("/api/v1/invitations", json={"person_id": person_id}), 409, field="person_id")


def test_an_invitation_expires_after_seven_days(lab, smtp):
    person_id, email = newcomer(lab)
    json_of(lab.admin.post("/api/v1/invitations", json={"person_id": person_id}), 201)
    send_now(lab)
    token, _ = mailed_token(smtp, email, "Your invitation")
    lab.advance(days=7)
    assert_error(anonymous(lab).post("/api/v1/auth/link", json={"token": token}), 404)
    assert_error(anonymous(lab).post("/api/v1/auth/set-password", json={"token": token, "password": NEW_PASSWORD}), 404)


def test_a_resent_invitation_replaces_the_link_and_a_revoked_one_works_no_more(lab, smtp):
    person_id, email = newcomer(lab)
    first = json_of(lab.admin.post("/api/v1/invitations", json={"person_id": person_id}), 201)
    send_now(lab)
    old, _ = mailed_token(smtp, email, "Your invitation")
    again = json_of(lab.admin.post(f"/api/v1/invitations/{first['id']}/resend"), 201)
    assert again["id"] != first["id"] and again["state"] == "pending"
    send_now(lab)
    new, _ = mailed_token(smtp, email, "Your invitation", count=2)
    assert new != old
    assert_error(anonymous(lab).post("/api/v1/auth/link", json={"token": old}), 404)
    json_of(anonymous(lab).post("/api/v1/auth/link", json={"token": new}), 200)
    pending = json_of(lab.admin.get("/api/v1/invitations"), 200)["items"]
    assert [i["id"] for i in pending if i["person"]["id"] == person_id] == [again["id"]]

    revoked = json_of(lab.admin.post(f"/api/v1/invitations/{again['id']}/revoke"), 200)
    assert revoked["state"] == "revoked" and revoked["revoked_at"]
    assert_error(anonymous(lab).post("/api/v1/auth/link", json={"token": new}), 404)
    assert_error(lab.admin.post(f"/api/v1/invitations/{again['id']}/revoke"), 409, field="state")
    assert_error(lab.admin.post("/api/v1/invitations/999999/resend"), 404)
    assert_error(lab.admin.post("/api/v1/invitations/999999/revoke"), 404)


def test_everyone_not_signed_in_is_invited_once(lab, smtp):
    fresh = [newcomer(lab, name=f"Bulk Newcomer {i}") for i in range(3)]
    waiting = json_of(lab.admin.get("/api/v1/invitations"), 200)["not_invited"]
    assert waiting >= 3
    done = json_of(lab.admin.post("/api/v1/invitations/everyone-not-signed-in", json={}), 200)
    assert done["invited"] == waiting
    assert json_of(lab.admin.get("/api/v1/invitations"), 200)["not_invited"] == 0
    assert json_of(lab.admin.post("/api/v1/invitations/everyone-not-signed-in"), 200)["invited"] == 0
    send_now(lab)
    for _, email in fresh:
        mailed_token(smtp, email, "Your invitation")
    # Demo people have passwords: none of them was invited.
    assert not [m for rcpt, m in smtp.inbox.all() if any(r.endswith("@northwind.example") for r in rcpt)
                and m["Subject"].startswith("Your invitation")]


def test_invitations_refuse_bad_input_naming_the_field(lab):
    assert_error(lab.admin.post("/api/v1/invitations", json={}), 422, field="person_id")
    assert_error(lab.admin.post("/api/v1/invitations", json={"person_id": "999999"}), 422, field="person_id")
    assert_error(lab.admin.post("/api/v1/invitations", json={"person_id": True}), 422, field="person_id")
    assert_error(lab.admin.post("/api/v1/invitations", json={"person_id": "1", "link": "x"}), 422, field="link")
    assert_error(lab.admin.get("/api/v1/invitations?state=open"), 422, field="state")
    assert_error(lab.admin.get("/api/v1/invitations?limit=0"), 422, field="limit")
    assert_error(lab.admin.post("/api/v1/invitations/everyone-not-signed-in", json={"all": True}), 422, field="all")
    # Someone with a password already resets it instead; a deactivated person is not invited.
    with_password = lab.person()
    assert_error(lab.admin.post("/api/v1/invitations", json={"person_id": with_password.id}), 409, field="person_id")
    person_id, _ = newcomer(lab)
    json_of(lab.admin.post(f"/api/v1/people/{person_id}/deactivate", json={}), 200)
    assert_error(lab.admin.post("/api/v1/invitations", json={"person_id": person_id}), 409, field="person_id")


def test_forgot_password_answers_the_same_for_every_address_and_mails_only_a_real_person(lab, smtp):
    person = lab.person()
    before = Client(lab.url).login(person.email, person.password)  # a session elsewhere
    anon = anonymous(lab)
    known = anon.post("/api/v1/auth/password-reset", json={"email": person.email.upper()})
    unknown = anon.post("/api/v1/auth/password-reset", json={"email": "nobody.at.all@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    send_now(lab)
    token, msg = mailed_token(smtp, person.email, "Reset your")
    assert smtp.inbox.to("nobody.at.all@example.com") == []
    assert msg["List-Unsubscribe"] is None
    assert json_of(anon.post("/api/v1/auth/link", json={"token": token}), 200)["purpose"] == "password_reset"
    # A reset link lasts an hour.
    lab.advance(seconds=59 * 60)
    assert anon.post("/api/v1/auth/set-password", json={"token": token, "password": NEW_PASSWORD}).status_code == 204
    # Every session of theirs ended; the old password is gone, the new one signs in.
    assert before.get("/api/v1/me").status_code == 401
    assert person.client.get("/api/v1/me").status_code == 401
    assert anon.post("/api/v1/auth/login", json={"email": person.email, "password": person.password}).status_code == 401
    Client(lab.url).login(person.email, NEW_PASSWORD)


def test_a_reset_link_expires_after_an_hour(lab, smtp):
    person = lab.person()
    json_of(anonymous(lab).post("/api/v1/auth/password-reset", json={"email": person.email}), 202)
    send_now(lab)
    token, _ = mailed_token(smtp, person.email, "Reset your")
    lab.advance(seconds=3600)
    assert_error(anonymous(lab).post("/api/v1/auth/set-password", json={"token": token, "password": NEW_PASSWORD}), 404)
    Client(lab.url).login(person.email, person.password)


def test_forgot_password_is_limited_per_address_and_per_client(lab, smtp):
    lab.advance(seconds=16 * 60)  # a fresh window for this client
    anon = anonymous(lab)
    person = lab.person()
    for _ in range(3):
        json_of(anon.post("/api/v1/auth/password-reset", json={"email": person.email}), 202)
    r = anon.post("/api/v1/auth/password-reset", json={"email": person.email})
    assert_error(r, 429)
    assert int(r.headers["Retry-After"]) > 0
    # An unknown address is limited alike, so the limit tells nothing about who has an account.
    for _ in range(3):
        json_of(anon.post("/api/v1/auth/password-reset", json={"email": "ghost@example.com"}), 202)
    assert_error(anon.post("/api/v1/auth/password-reset", json={"email": "ghost@example.com"}), 429)
    # Per client: 20 attempts in a window, whatever the addresses.
    for i in range(14):
        json_of(anon.post("/api/v1/auth/password-reset", json={"email": f"ghost{i}@example.com"}), 202)
    assert_error(anon.post("/api/v1/auth/password-reset", json={"email": "one.more@example.com"}), 429)
    lab.advance(seconds=16 * 60)
    json_of(anon.post("/api/v1/auth/password-reset", json={"email": "one.more@example.com"}), 202)
    send_now(lab)
    # Three links were made for the real person, each replacing the one before: only the newest,
    # the one that works, is mailed.
    deadline = time.time() + 20
    while time.time() < deadline and not smtp.inbox.to(person.email):
        time.sleep(0.05)
    resets = [m for m in smtp.inbox.to(person.email) if m["Subject"].startswith("Reset your")]
    assert len(resets) == 1
    token = LINK.search(parts(resets[0])[0].get_content()).group(1)
    SECRETS.add(token)
    json_of(anon.post("/api/v1/auth/link", json={"token": token}), 200)


def test_choosing_a_password_refuses_bad_input_naming_the_field(lab):
    anon = anonymous(lab)
    assert_error(anon.post("/api/v1/auth/set-password", json={"token": "0" * 64, "password": "short"}), 422,
                 field="password")
    assert_error(anon.post("/api/v1/auth/set-password", json={"password": NEW_PASSWORD}), 422, field="token")
    assert_error(anon.post("/api/v1/auth/set-password", json={"token": "0" * 64}), 422, field="password")
    assert_error(anon.post("/api/v1/auth/set-password", json={"token": 7, "password": NEW_PASSWORD}), 422, field="token")
    assert_error(anon.post("/api/v1/auth/set-password", json={"token": "x" * 200, "password": NEW_PASSWORD}), 422,
                 field="token")
    assert_error(anon.post("/api/v1/auth/set-password", json={"token": "0" * 64, "password": NEW_PASSWORD}), 404)
    assert_error(anon.post("/api/v1/auth/link", json={}), 422, field="token")
    assert_error(anon.post("/api/v1/auth/password-reset", json={"email": "not an address"}), 422, field="email")
    assert_error(anon.post("/api/v1/auth/password-reset", json={}), 422, field="email")
    r = anon.post("/api/v1/auth/password-reset", data="email=a@b.c",
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415


def test_a_person_sees_their_sessions_and_tokens_and_ends_any_of_them(lab):
    person = lab.person()
    firefox = Client(lab.url)
    firefox.http.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
    firefox.login(person.email, person.password)
    token = json_of(person.post("/api/v1/me/tokens", json={"label": "backup script"}), 201)
    SECRETS.add(token["token"])
    items = json_of(person.get("/api/v1/me/sessions"), 200)["items"]
    sessions = [i for i in items if i["kind"] == "session"]
    apis = [i for i in items if i["kind"] == "api"]
    assert [i["label"] for i in apis] == ["backup script"] and apis[0]["id"] == token["id"]
    assert len(sessions) == 2
    assert [s["current"] for s in sessions].count(True) == 1
    assert "Firefox on Linux" in [s["client"] for s in sessions]
    assert token["token"] not in str(items)
    # Someone else's id is unknown to them.
    other = lab.person()
    firefox_id = next(s["id"] for s in sessions if s["client"] == "Firefox on Linux")
    assert_error(other.request("DELETE", f"/api/v1/me/sessions/{firefox_id}"), 404)
    assert_error(person.request("DELETE", "/api/v1/me/sessions/" + "f" * 16), 404)
    assert_error(person.request("DELETE", "/api/v1/me/sessions/not-an-id"), 404)
    # Ending the Firefox session signs that browser out; ending the token stops the script.
    assert person.request("DELETE", f"/api/v1/me/sessions/{firefox_id}").status_code == 204
    assert firefox.get("/api/v1/me").status_code == 401
    assert person.request("DELETE", f"/api/v1/me/sessions/{token['id']}").status_code == 204
    bearer = requests.get(lab.url + "/api/v1/me", headers={"Authorization": "Bearer " + token["token"]}, timeout=10)
    assert bearer.status_code == 401
    # Everywhere else: the other sessions end, this one stays.
    elsewhere = [Client(lab.url).login(person.email, person.password) for _ in range(2)]
    assert json_of(person.post("/api/v1/me/sessions/end-others", json={}), 200)["ended"] == 2
    assert all(c.get("/api/v1/me").status_code == 401 for c in elsewhere)
    assert person.get("/api/v1/me").status_code == 200
    assert_error(person.post("/api/v1/me/sessions/end-others", json={"all": True}), 422, field="all")


def test_changing_ones_password_ends_the_other_sessions(lab):
    person = lab.person()
    elsewhere = Client(lab.url).login(person.email, person.password)
    r = person.post("/api/v1/me/password", json={"current_password": person.password, "new_password": NEW_PASSWORD})
    assert r.status_code == 204, r.text
    assert elsewhere.get("/api/v1/me").status_code == 401
    assert person.get("/api/v1/me").status_code == 200


def test_the_command_line_invites_and_the_server_mails_it(binary, mail_db, lab, smtp):
    person_id, email = newcomer(lab, name="Cli Newcomer")
    out = run_cli(binary, mail_db, "user", "invite", "--email", email)
    assert "invited " + email in out.stdout and "#" not in out.stdout
    send_now(lab)
    token, _ = mailed_token(smtp, email, "Your invitation")
    printed = run_cli(binary, mail_db, "user", "invite", "--email", email, "--print-link")
    found = re.search(r"/set-password#([0-9a-f]{64})", printed.stdout)
    assert found and found.group(1) != token
    SECRETS.add(found.group(1))
    json_of(anonymous(lab).post("/api/v1/auth/link", json={"token": found.group(1)}), 200)
    assert_error(anonymous(lab).post("/api/v1/auth/link", json={"token": token}), 404)
    bad = run_cli(binary, mail_db, "user", "invite", check=False)
    assert bad.returncode != 0


def test_no_token_or_password_reaches_the_servers_log(mail_server):
    assert SECRETS, "the tests above collect what to look for"
    log = mail_server.logged("/api/v1/auth/set-password")  # the requests were logged
    leaked = [s[:8] + "..." for s in SECRETS if s in log]
    assert not leaked, leaked
