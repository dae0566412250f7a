"""The administrators' CSV exports (issue 18): GET /api/v1/admin/people/export.csv and
/api/v1/admin/relationships/export.csv, and `mentorhub export people|relationships`. People as the
import reads them back; relationships as states, dates and counts, never their content."""
import csv
import io

from conftest import run_cli

PEOPLE = "/api/v1/admin/people/export.csv"
RELATIONSHIPS = "/api/v1/admin/relationships/export.csv"


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_people_export_lists_everyone_and_reads_back_as_an_import(admin):
    r = admin.get(PEOPLE)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in r.headers["Content-Disposition"]
    people = rows_of(r.text)
    listed = admin.get("/api/v1/people", params={"limit": 100, "include_inactive": "true"}).json()["items"]
    by_email = {p["email"]: p for p in people}
    for p in listed:
        row = by_email[p["email"]]
        assert row["person_id"] == p["id"] and row["name"] == p["name"] and row["title"] == p["title"]
        assert row["manager_person_id"] == (p["manager_id"] or "")
    # The import reads the export's shape: only the people without an employee id are refused.
    employees = [row for row in people if row["external"] == "false"][:3]
    text = "employee_id,name,email\n" + "".join(f'E{row["person_id"]},Exported {row["person_id"]},{row["email"]}\n'
                                                for row in employees)
    assert admin.post("/api/v1/admin/people/import", json={"csv": text, "dry_run": False}).status_code == 200
    exported = admin.get(PEOPLE).text
    assert {f'E{row["person_id"]}' for row in employees} <= {r["employee_id"] for r in rows_of(exported)}
    dry = admin.post("/api/v1/admin/people/import", json={"csv": exported})
    assert dry.status_code == 200, dry.text
    # Its `active` column is read as the employment status: a deactivated person stays so.
    assert dry.json()["ignored_columns"] == ["person_id", "manager_person_id", "external", "organisation", "admin",
                                              "created_at"]
    assert all(p["message"] == "employee_id is required" for p in dry.json()["problems"])


def test_relationship_export_has_states_dates_and_counts_but_no_content(admin):
    r = admin.get(RELATIONSHIPS)
    assert r.status_code == 200, r.text
    rows = rows_of(r.text)
    overview = admin.get("/api/v1/admin/relationships", params={"limit": 500}).json()["items"]
    assert len(rows) == len(overview)
    by_id = {x["id"]: x for x in overview}
    for row in rows:
        o = by_id[row["relationship_id"]]
        assert row["state"] == o["state"] and row["mentee_id"] == o["mentee_id"]
        assert int(row["tasks"]) == o["tasks"] and int(row["tasks_done"]) == o["tasks_done"]
        assert int(row["meetings_held"]) == o["meetings_held"]
        assert row["purpose_agreed"] == ("true" if o["purpose_agreed"] else "false")
        assert row["program_id"] == o["program_id"] and row["program"] == o["program"]
    assert set(rows[0]) == {"relationship_id", "format", "state", "mentee_id", "mentor_id", "initiated_by",
                            "proposed_by_program", "requested_at", "answered_at", "activated_at", "concluded_at",
                            "updated_at", "purpose_agreed", "objectives", "tasks", "tasks_done", "meetings",
                            "meetings_held", "program_id", "program"}


def test_the_command_line_writes_the_same_exports(binary, demo_database, admin, tmp_path):
    out = tmp_path / "people.csv"
    r = run_cli(binary, demo_database, "export", "people", "--output", str(out))
    assert r.returncode == 0
    assert len(rows_of(out.read_text(encoding="utf-8"))) == len(rows_of(admin.get(PEOPLE).text))
    r = run_cli(binary, demo_database, "export", "relationships")
    assert rows_of(r.stdout)[0].keys() == rows_of(admin.get(RELATIONSHIPS).text)[0].keys()
