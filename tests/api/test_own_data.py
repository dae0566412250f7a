"""A person's own data (issue 18): anyone downloads everything Mentorhub holds about them as JSON,
and deletes their account. The export shows the caller's relationships with what they may see
there (never the other person's private notes); a deletion keeps the other party's record, with
what the deleted person wrote attributed to "Deleted person", ends what was open, signs the
person out for good, frees their address for someone new and is in the administrators' audit
trail without content. The last administrator cannot delete themselves."""
from lifecycle_helpers import (PASSWORD, assert_error, clock_lab, clock_server, json_of,  # noqa: F401
                               lab, pair_with_meeting_content, requested_pair)
from conftest import DEMO_PASSWORD, Client

MARK = "OWNDATA-"
PRIVATE_NOTES = (MARK + "mentee's private note", "SECRET-mentor's private note")


def export_of(actor):
    r = actor.get("/api/v1/me/export")
    body = json_of(r, 200)
    return r, body


def test_the_export_is_a_dated_download_of_everything_about_the_caller(lab):
    manager = lab.person(name="Export Manager")
    mentee = lab.mentee(manager=manager, bio=MARK + "bio", skills=[{"name": "Excel", "level": 3}])
    pair, meeting = pair_with_meeting_content(lab, MARK, private_notes=PRIVATE_NOTES, mentee=mentee, task=False)
    reason = "Complaint 77: checking what was agreed"
    json_of(lab.admin.post(f"/api/v1/admin/relationships/{pair.id}/break-glass", json={"reason": reason}), 201)

    r, data = export_of(mentee)
    day = lab.now.strftime("%Y-%m-%d")
    assert r.headers["Content-Disposition"] == f'attachment; filename="mentorhub-my-data-{day}.json"'
    assert r.headers["Cache-Control"] == "no-store"
    assert data["profile"]["id"] == mentee.id and data["profile"]["email"] == mentee.email
    assert data["profile"]["bio"] == MARK + "bio"
    assert [(s["name"], s["level"]) for s in data["profile"]["skills"]] == [("Excel", 3)]
    assert data["manager"]["id"] == manager.id and data["manager"]["name"] == "Export Manager"
    [rel] = data["relationships"]
    assert rel["id"] == pair.id and rel["my_role"] == "mentee"
    assert rel["purpose"]["objectives"][0]["description"] == MARK + "objective"
    assert [s["story"] for s in rel["stories"]] == [MARK + "story"]
    assert rel["my_private_notes"] == [{"meeting_id": meeting["id"], "text": MARK + "mentee's private note"}]
    assert [e["to"] for e in rel["events"]][-1] == "active"
    assert "SECRET-" not in r.text
    [opening] = data["break_glass_openings"]
    assert opening["relationship_id"] == pair.id and opening["reason"] == reason
    assert opening["administrator"]["id"] == lab.admin.id
    assert any(n["kind"] == "content_opened" for n in data["notifications"])
    assert any(s["current"] for s in data["sessions"])
    assert all(len(s["id"]) == 16 for s in data["sessions"])
    assert data["last_sign_in_at"] is not None
    assert data["identities"] == [] and data["cohorts"] == []
    assert {k["kind"] for k in data["mail"]["kinds"]} >= {"requests", "digest"}
    assert data["flash"] == {"topics": [], "bookings": []}
    assert data["circles"] == []
    # The session's secret is nowhere in it.
    cookie = mentee.client.http.cookies.get("mh_session")
    assert cookie and cookie not in r.text

    # The mentor's export has their own note and not the mentee's.
    r, mentor_data = export_of(pair.mentor)
    [rel] = mentor_data["relationships"]
    assert rel["my_private_notes"] == [{"meeting_id": meeting["id"], "text": "SECRET-mentor's private note"}]
    assert MARK + "mentee's private note" not in r.text


def test_the_export_needs_a_signed_in_person(lab):
    assert lab.anonymous().get("/api/v1/me/export").status_code == 401
    assert lab.anonymous().post("/api/v1/me/deletion", json={"password": PASSWORD}).status_code == 401


def test_a_deletion_must_be_confirmed_with_the_password(lab):
    someone = lab.person()
    path = "/api/v1/me/deletion"
    assert_error(someone.post(path, json={}), 422, field="password")
    assert_error(someone.post(path, json={"password": "not the password"}), 422, field="password")
    assert_error(someone.post(path, json={"password": 42}), 422, field="password")
    assert_error(someone.post(path, json={"confirmation": "DELETE"}), 422, field="password")
    assert_error(someone.post(path, json={"password": PASSWORD, "also": 1}), 422, field="also")
    assert json_of(someone.get("/api/v1/me"), 200)["name"] == someone.name


def test_the_last_administrator_cannot_delete_themselves(lab):
    r = lab.admin.post("/api/v1/me/deletion", json={"password": DEMO_PASSWORD})
    assert_error(r, 409, field="is_admin", words=("last administrator",))
    assert json_of(lab.admin.get("/api/v1/me"), 200)["is_admin"] is True


def test_an_administrator_deletes_their_account_when_another_remains(lab):
    second = lab.person(is_admin=True)
    r = second.post("/api/v1/me/deletion", json={"password": PASSWORD})
    assert r.status_code == 204, r.text
    assert "mh_session=;" in r.headers.get("Set-Cookie", "")


def test_after_a_deletion_the_other_party_keeps_the_record_and_the_person_is_gone(lab):
    pair, meeting = pair_with_meeting_content(lab, MARK, shared_notes=("mentee", MARK + "shared notes by the mentee"),
                                              private_notes=PRIVATE_NOTES)
    pending_to = lab.mentor()
    pending = requested_pair(lab, mentee=pair.mentee, mentor=pending_to)
    old_email = pair.mentee.email
    mentee_id = pair.mentee.id
    other_session = pair.mentee.session()

    r = pair.mentee.post("/api/v1/me/deletion", json={"password": PASSWORD})
    assert r.status_code == 204, r.text
    assert "mh_session=;" in r.headers["Set-Cookie"] and "Max-Age=0" in r.headers["Set-Cookie"]
    # Signed out everywhere, and no way back in.
    assert pair.mentee.client.get("/api/v1/me").status_code == 401
    assert other_session.get("/api/v1/me").status_code == 401
    login = Client(lab.url).post("/api/v1/auth/login", json={"email": old_email, "password": PASSWORD})
    assert login.status_code == 401

    # The mentor keeps the relationship, ended, with the mentee's words attributed to "Deleted person".
    ws = json_of(pair.mentor.get(pair.path()), 200)
    assert ws["state"] == "concluded"
    assert ws["mentee"]["name"] == "Deleted person" and ws["mentee"]["id"] == mentee_id
    assert ws["mentee"]["active"] is False and ws["mentor"]["active"] is True
    assert ws["partner_email"] is None
    assert ws["purpose"]["objectives"][0]["description"] == MARK + "objective"
    m = json_of(pair.mentor.get(pair.path(f"/meetings/{meeting['id']}")), 200)
    assert m["shared_notes"] == MARK + "shared notes by the mentee"
    assert m["my_private_note"] == "SECRET-mentor's private note"
    told = pair.mentor.notifications(pair.id, "account_deleted")
    assert len(told) == 1 and "Deleted person" in told[0]["message"]
    # The pending request is ended, its mentor told.
    assert json_of(pending_to.get(pending.path()), 200)["state"] == "withdrawn"
    assert len(pending_to.notifications(pending.id, "account_deleted")) == 1

    # The profile is gone: colleagues and administrators see only the tombstone.
    seen = json_of(lab.admin.get(f"/api/v1/people/{mentee_id}"), 200)
    assert seen["name"] == "Deleted person" and seen["active"] is False
    assert seen["email"] != old_email and seen["bio"] == "" and seen["skills"] == []
    assert old_email not in lab.admin.get("/api/v1/people?include_inactive=true&limit=100").text
    assert_error(lab.admin.post(f"/api/v1/people/{mentee_id}/reactivate", json={}), 409, field="id")
    directory = json_of(pair.mentor.get("/api/v1/directory?q=Deleted"), 200)
    assert all(p["id"] != mentee_id for p in directory["items"])

    # The audit trail says it happened, and nothing more.
    trail = json_of(lab.admin.get("/api/v1/admin/audit"), 200)["items"]
    entry = next(e for e in trail if e["action"] == "account_deleted")
    assert entry["subject"] == f"person:{mentee_id}" and entry["detail"] == ""
    assert entry["actor"]["name"] == "Deleted person"

    # The address can be given to someone new.
    again = json_of(lab.admin.post("/api/v1/people", json={"email": old_email, "name": "Someone New",
                                                           "password": PASSWORD}), 201)
    assert again["id"] != mentee_id
    Client(lab.url).login(old_email, PASSWORD)
