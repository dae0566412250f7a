"""Every administrator action is in the administrators' audit trail (issue 18): people and their
standing, invitations, imports, cohorts, pins and matchings, the program settings, single sign-on
and the lifecycle checks run by hand. Each entry is written in the action's own transaction: a
refused or failed action leaves none, and nobody but an administrator acts into the trail."""
import csv
import io
import uuid

from lifecycle_helpers import assert_error, clock_lab, clock_server, json_of, lab  # noqa: F401
from test_cohorts import listed_cohort, run

TRAIL = "/api/v1/admin/audit"


def trail(lab, subject=None):
    """The whole trail, newest first, or its entries about `subject`."""
    items, cursor = [], None
    while True:
        params = {"limit": 200}
        if cursor:
            params["cursor"] = cursor
        page = json_of(lab.admin.get(TRAIL, params=params), 200)
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    return [e for e in items if subject is None or e["subject"] == subject]


def newest_id(lab):
    page = json_of(lab.admin.get(TRAIL, params={"limit": 1}), 200)["items"]
    return int(page[0]["id"]) if page else 0


def actions(entries):
    return [e["action"] for e in entries]


def test_managing_a_person_is_written_with_who_and_what(lab):
    person = lab.person(department="Treasury")
    subject = f"person:{person.id}"
    json_of(lab.admin.patch(f"/api/v1/people/{person.id}", json={"department": "Audit", "title": "Analyst"}), 200)
    json_of(lab.admin.post(f"/api/v1/people/{person.id}/deactivate"), 200)
    json_of(lab.admin.post(f"/api/v1/people/{person.id}/reactivate"), 200)
    json_of(lab.admin.patch(f"/api/v1/people/{person.id}", json={"is_admin": True}), 200)
    entries = trail(lab, subject)
    assert actions(entries) == ["person_updated", "person_reactivated", "person_deactivated", "person_updated",
                                "person_created"]
    assert all(e["actor"]["id"] == lab.admin.id for e in entries)
    assert "administrator rights granted" in entries[0]["detail"]
    # The fields an edit touched, not what they hold now.
    assert entries[3]["detail"] == "changed department, title"
    assert "Audit" not in entries[3]["detail"]
    assert person.email in entries[4]["detail"]


def test_a_refused_or_invalid_action_leaves_no_entry(lab):
    person = lab.person()
    before = newest_id(lab)
    assert_error(lab.admin.patch(f"/api/v1/people/{person.id}", json={"timezone": "Mars/Olympus"}), 422,
                 field="timezone")
    assert_error(lab.admin.post(f"/api/v1/people/{lab.admin.id}/deactivate"), 409, field="active")
    assert_error(lab.admin.put("/api/v1/admin/program-settings", json={"weights": {"skill": "lots"}}), 422,
                 field="weights.skill")
    assert_error(lab.admin.post("/api/v1/cohorts", json={"name": "Empty", "mentee_ids": [], "mentor_ids": []}), 422)
    # Someone who is not an administrator cannot act, so cannot write into the trail either.
    assert person.patch(f"/api/v1/people/{person.id}", json={"department": "Nope"}).status_code == 403
    assert person.post("/api/v1/people", json={"email": f"x{uuid.uuid4().hex[:6]}@example.com",
                                               "name": "Nobody"}).status_code == 403
    # A person editing their own profile is not an administrator action.
    json_of(person.patch("/api/v1/me", json={"title": "Analyst"}), 200)
    assert newest_id(lab) == before


def test_program_settings_changes_say_each_old_and_new_value(lab):
    settings = json_of(lab.admin.get("/api/v1/admin/program-settings"), 200)
    old = settings["weights"]["seasoned_years"]
    new = 7 if old != 7 else 8
    json_of(lab.admin.put("/api/v1/admin/program-settings", json={"weights": {"seasoned_years": new}}), 200)
    entry = trail(lab, "program")[0]
    assert entry["action"] == "program_settings_changed"
    assert entry["detail"] == f"weights.seasoned_years {old} -> {new}"
    json_of(lab.admin.put("/api/v1/admin/program-settings", json={"weights": {"seasoned_years": old}}), 200)


def test_invitations_sent_again_and_revoked(lab):
    email = f"audit-newcomer-{uuid.uuid4().hex[:8]}@example.com"
    person = json_of(lab.admin.post("/api/v1/people", json={"email": email, "name": "Nora Newcomer"}), 201)
    made = json_of(lab.admin.post("/api/v1/invitations", json={"person_id": person["id"]}), 201)
    again = json_of(lab.admin.post(f"/api/v1/invitations/{made['id']}/resend"), 201)
    json_of(lab.admin.post(f"/api/v1/invitations/{again['id']}/revoke"), 200)
    entries = trail(lab, f"person:{person['id']}")
    assert actions(entries) == ["invitation_revoked", "invitation_resent", "invitation_sent", "person_created"]
    # The trail never holds the link.
    for e in entries:
        assert "#" not in e["detail"] and "token" not in e["detail"]


def test_a_cohort_its_pins_and_its_matching_from_start_to_applied(lab):
    mentee = lab.person(formats_sought=["one_to_one"])
    mentor = lab.person(formats_offered=["one_to_one"], mentor_capacity=2)
    cohort = listed_cohort(lab.admin, [mentee.person], [mentor.person])
    rule = f"/api/v1/cohorts/{cohort['id']}/rules/{mentee.id}/{mentor.id}"
    json_of(lab.admin.put(rule, json={"kind": "pin"}), 200)
    json_of(lab.admin.request("DELETE", rule), 200)
    job = run(lab.admin, cohort)
    applied = json_of(lab.admin.post(f"/api/v1/matchings/{job['id']}/apply"), 200)
    on_cohort = trail(lab, f"cohort:{cohort['id']}")
    assert actions(on_cohort) == ["pair_rule_removed", "pair_rule_set", "cohort_created"]
    assert on_cohort[1]["detail"] == f"pinned mentee {mentee.id} with mentor {mentor.id}"
    assert "1 mentee, 1 mentor" in on_cohort[2]["detail"]
    on_job = trail(lab, f"matching:{job['id']}")
    assert actions(on_job) == ["matching_applied", "matching_started"]
    assert on_job[0]["detail"].startswith(f"{applied['created']} relationship")


def test_an_import_is_one_entry_and_a_dry_run_or_the_same_file_again_none(lab):
    t = uuid.uuid4().hex[:8]
    body = ("employee_id,name,email,department\r\n"
            f"{t}-1,Ana Audit,ana.{t}@example.com,Treasury\r\n"
            f"{t}-2,Tom Audit,tom.{t}@example.com,Treasury\r\n")
    before = newest_id(lab)
    json_of(lab.admin.post("/api/v1/admin/people/import", json={"csv": body, "dry_run": True}), 200)
    assert newest_id(lab) == before
    json_of(lab.admin.post("/api/v1/admin/people/import", json={"csv": body, "dry_run": False}), 200)
    entry = trail(lab, "people")[0]
    assert entry["action"] == "people_imported" and int(entry["id"]) > before
    assert entry["detail"] == "2 people created, 0 updated, 0 deactivated"
    after = newest_id(lab)
    json_of(lab.admin.post("/api/v1/admin/people/import", json={"csv": body, "dry_run": False}), 200)
    assert newest_id(lab) == after


def test_the_export_holds_every_kind_of_entry_oldest_first(lab):
    person = lab.person()
    json_of(lab.admin.post(f"/api/v1/people/{person.id}/deactivate"), 200)
    r = lab.admin.get("/api/v1/admin/audit/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    mine = [row for row in rows if row["subject"] == f"person:{person.id}"]
    assert [row["action"] for row in mine] == ["person_created", "person_deactivated"]
    assert mine[0]["actor_id"] == str(lab.admin.id) and mine[0]["actor_name"] == lab.admin.client.person["name"]
    assert [int(row["id"]) for row in rows] == sorted(int(row["id"]) for row in rows)
    assert len(rows) == len(trail(lab))
