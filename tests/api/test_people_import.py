"""People from HR (issue 18): POST /api/v1/admin/people/import and `mentorhub import`. A dry run
says what would be created, updated and deactivated and every bad row; an import is all or
nothing; importing the same file again changes nothing; a manager who changes is kept as a former
manager; a complete file deactivates the employees missing from it and asks their relationships
to conclude. Files are shaped as HR systems export them (their column names, a byte-order mark,
CRLF, quoted commas and line breaks)."""
import os
import uuid

import pytest

from conftest import ADMIN, Client, Server, error_of, run_cli

ROUTE = "/api/v1/admin/people/import"


def tag():
    """Employee ids and e-mails no other test of the module uses."""
    return uuid.uuid4().hex[:8]


def org(t):
    """Three people of a small department, the manager last (any order works)."""
    return ("Employee ID,Full Name,Work Email,Job Title,Dept,Manager ID,Hire Date,Location,Time Zone,Skills\r\n"
            f'{t}-2,"Berg, Tom",tom.{t}@example.com,Analyst,Treasury,{t}-1,2023-09-04,Oslo,Europe/Oslo,Excel\r\n'
            f'{t}-3,Eva Dahl,eva.{t}@example.com,"Analyst, senior",Treasury,{t}-1,2021-01-11,Oslo,Europe/Oslo,\r\n'
            f'{t}-1,Ana Silva,ana.{t}@example.com,Treasurer,Treasury,,2015-02-01,Lisbon,Europe/Lisbon,"SQL:5\r\nExcel:4"\r\n')


def find(admin, email):
    cursor = None
    while True:
        params = {"limit": 100, "include_inactive": "true"}
        if cursor:
            params["cursor"] = cursor
        r = admin.get("/api/v1/people", params=params)
        assert r.status_code == 200, r.text
        for p in r.json()["items"]:
            if p["email"] == email:
                return p
        cursor = r.json()["next_cursor"]
        if not cursor:
            return None


def test_a_dry_run_says_what_would_happen_and_writes_nothing(admin):
    t = tag()
    r = admin.post(ROUTE, json={"csv": "\ufeff" + org(t), "dry_run": True})
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["applied"] is False
    assert (report["rows"], report["created"], report["updated"], report["deactivated"]) == (3, 3, 0, 0)
    assert report["problems"] == [] and report["ignored_columns"] == []
    assert report["created_people"][0]["employee_id"] == f"{t}-1"  # the manager first
    assert find(admin, f"ana.{t}@example.com") is None


def test_an_import_creates_everyone_and_the_same_file_again_changes_nothing(admin):
    t = tag()
    r = admin.post(ROUTE, json={"csv": org(t), "dry_run": False})
    assert r.status_code == 200, r.text
    assert r.json()["applied"] is True and r.json()["created"] == 3
    ana, tom = find(admin, f"ana.{t}@example.com"), find(admin, f"tom.{t}@example.com")
    assert tom["name"] == "Berg, Tom" and tom["manager_id"] == ana["id"]
    assert (tom["employee_id"], tom["start_date"], tom["location"], tom["timezone"]) == (
        f"{t}-2", "2023-09-04", "Oslo", "Europe/Oslo")
    assert find(admin, f"eva.{t}@example.com")["title"] == "Analyst, senior"
    assert [s["name"] for s in ana["skills"]] == ["SQL", "Excel"]

    again = admin.post(ROUTE, json={"csv": org(t), "dry_run": False})
    assert again.status_code == 200, again.text
    assert (again.json()["created"], again.json()["updated"], again.json()["unchanged"]) == (0, 0, 3)
    assert find(admin, f"tom.{t}@example.com")["updated_at"] == tom["updated_at"]


def test_a_cohort_column_adds_people_to_cohorts_and_an_unknown_cohort_is_a_problem(admin):
    t = tag()
    cohort = admin.post("/api/v1/cohorts", json={"name": f"Import cohort {t}", "signup_open": True})
    assert cohort.status_code == 201, cohort.text
    cid = cohort.json()["id"]
    text = ("Employee ID,Name,Email,Cohort,Cohort Role\r\n"
            f"{t}-1,Ana Silva,ana.{t}@example.com,Import cohort {t},mentor\r\n"
            f"{t}-2,Tom Berg,tom.{t}@example.com,Import cohort {t},\r\n"
            f"{t}-3,Eva Dahl,eva.{t}@example.com,,\r\n")
    dry = admin.post(ROUTE, json={"csv": text, "dry_run": True}).json()
    assert dry["cohort_memberships"] == 2 and dry["applied"] is False
    assert admin.get(f"/api/v1/cohorts/{cid}").json()["mentees"] == 0, "a dry run adds nobody"

    done = admin.post(ROUTE, json={"csv": text, "dry_run": False}).json()
    assert done["applied"] is True and done["created"] == 3 and done["cohort_memberships"] == 2
    c = admin.get(f"/api/v1/cohorts/{cid}").json()
    assert (c["mentees"], c["mentors"]) == (1, 1)
    mentor_ids = [m["id"] for m in admin.get(f"/api/v1/cohorts/{cid}/members", params={"role": "mentor"}).json()["items"]]
    assert mentor_ids == [find(admin, f"ana.{t}@example.com")["id"]]
    # The same file again: nobody joins twice.
    again = admin.post(ROUTE, json={"csv": text, "dry_run": False}).json()
    assert (again["created"], again["cohort_memberships"]) == (0, 0)

    # A cohort nobody made is a problem on its line, and nothing is written.
    bad = (f"Employee ID,Name,Email,Cohort\r\n{t}-4,Liv Aas,liv.{t}@example.com,No such cohort {t}\r\n")
    refused = admin.post(ROUTE, json={"csv": bad, "dry_run": False})
    assert refused.status_code == 422, refused.text
    assert refused.json()["report"]["problems"] == [
        {"line": 2, "message": f'cohort "No such cohort {t}" names no cohort; create it first'}]
    assert find(admin, f"liv.{t}@example.com") is None


def test_a_manager_who_changes_is_kept_as_a_former_manager(admin):
    t = tag()
    assert admin.post(ROUTE, json={"csv": org(t), "dry_run": False}).status_code == 200
    moved = ("employee_number,name,email address,manager employee id\n"
             f"{t}-2,\"Berg, Tom\",tom.{t}@example.com,{t}-3\n")
    dry = admin.post(ROUTE, json={"csv": moved})
    assert dry.status_code == 200, dry.text
    assert [p["changes"] for p in dry.json()["updated_people"]] == [["manager"]]
    r = admin.post(ROUTE, json={"csv": moved, "dry_run": False})
    assert r.status_code == 200, r.text
    tom = find(admin, f"tom.{t}@example.com")
    assert tom["manager_id"] == find(admin, f"eva.{t}@example.com")["id"]
    assert tom["former_manager_ids"] == [find(admin, f"ana.{t}@example.com")["id"]]


def test_every_bad_row_is_reported_at_once_and_nothing_is_written(admin):
    t = tag()
    text = ("employee_id,name,email,manager_employee_id,start_date,timezone\n"
            f"{t}-1,Ann,ann.{t}@example.com,,2020-01-01,UTC\n"            # 2: fine
            f"{t}-2,Ben,,{t}-1,,\n"                                       # 3: no e-mail
            f"{t}-3,Cy,not-an-address,{t}-1,,\n"                          # 4: invalid e-mail
            f"{t}-4,Di,ANN.{t}@example.com,{t}-1,,\n"                     # 5: e-mail again
            f"{t}-1,Ed,ed.{t}@example.com,,,\n"                           # 6: employee id again
            f"{t}-6,Flo,flo.{t}@example.com,{t}-404,,\n"                  # 7: unknown manager
            f"{t}-7,Gus,gus.{t}@example.com,{t}-8,,\n"                    # 8: a circle with line 9
            f"{t}-8,Ivy,ivy.{t}@example.com,{t}-7,,\n"
            f"{t}-9,Jo,jo.{t}@example.com,,31/02/2020,\n"                 # 10: no such day
            f"{t}-10,Kim,kim.{t}@example.com,,,Mars/Olympus\n")           # 11: bad time zone
    dry = admin.post(ROUTE, json={"csv": text, "dry_run": True})
    assert dry.status_code == 200, dry.text
    lines = [p["line"] for p in dry.json()["problems"]]
    assert lines == [3, 4, 5, 6, 7, 8, 10, 11]

    r = admin.post(ROUTE, json={"csv": text, "dry_run": False})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"]["code"] == "invalid" and body["error"]["field"] == "csv"
    message = body["error"]["message"].split("\n")
    assert message[0] == "nothing was imported:"
    assert message[1] == "line 3: email is required"
    assert message[2] == 'line 4: email "not-an-address" is not a valid e-mail address'
    assert message[3] == f'line 5: email "ann.{t}@example.com" appears again (first on line 2)'
    assert message[4] == f'line 6: employee_id "{t}-1" appears again (first on line 2)'
    assert message[5].startswith(f'line 7: manager_employee_id "{t}-404" is nobody\'s employee id')
    assert message[6].startswith("line 8: manager_employee_id makes a circle of managers")
    assert message[7].startswith('line 10: start_date "31/02/2020" is not a real day')
    assert message[8].startswith('line 11: timezone "Mars/Olympus"')
    assert body["report"]["applied"] is False
    assert find(admin, f"ann.{t}@example.com") is None


def test_a_file_without_the_required_columns_or_not_json_is_refused(admin):
    r = admin.post(ROUTE, json={"csv": "name,title\nAna,CFO\n"})
    assert r.status_code == 200
    assert [p["message"] for p in r.json()["problems"]] == [
        'the required column "employee_id" is missing', 'the required column "email" is missing']
    assert admin.post(ROUTE, json={}).status_code == 422
    assert admin.post(ROUTE, json={"csv": "x", "mode": "fast"}).status_code == 422
    assert admin.post(ROUTE, data="employee_id\n", headers={"Content-Type": "text/csv"}).status_code == 415


def test_a_large_file_is_accepted_beyond_the_usual_body_limit(admin):
    t = tag()
    rows = "".join(f"{t}-{i},Person {i},p{i}.{t}@example.com,Clerk,Records,{t}-0\n" for i in range(1, 20001))
    text = f"employee_id,name,email,title,department,manager_employee_id\n{t}-0,Boss,boss.{t}@example.com,Head,Records,\n" + rows
    assert len(text) > 1 << 20
    r = admin.post(ROUTE, json={"csv": text, "dry_run": True})
    assert r.status_code == 200, r.text[:500]
    assert r.json()["created"] == 20001 and len(r.json()["created_people"]) == 100
    # Other routes keep their small limit.
    big = admin.post("/api/v1/matchings/from-csv", json={"csv": text})
    assert big.status_code == 413


@pytest.fixture(scope="module")
def own_server(binary, new_demo_database):
    """A demo organisation of its own: a complete import deactivates almost everyone in it."""
    db = new_demo_database()
    s = Server(binary, db)
    yield s, db
    s.stop()


def test_a_complete_file_deactivates_the_missing_and_asks_their_relationships_to_conclude(own_server):
    server, _ = own_server
    admin = Client(server.url).login(ADMIN)
    overview = admin.get("/api/v1/admin/relationships", params={"limit": 100}).json()["items"]
    live = [r for r in overview if r["state"] in ("starting", "active", "fading")]
    assert live
    t = tag()
    # Only the administrator (kept, as the one importing) and one new person are in the file.
    text = f"employee_id,name,email\n{t}-1,Nora New,nora.{t}@example.com\n"
    partial = admin.post(ROUTE, json={"csv": text, "dry_run": True})
    assert partial.json()["deactivated"] == 0
    dry = admin.post(ROUTE, json={"csv": text, "dry_run": True, "complete": True})
    assert dry.status_code == 200, dry.text
    gone = dry.json()["deactivated"]
    assert gone > 5 and ADMIN not in [p["email"] for p in dry.json()["deactivated_people"]]

    r = admin.post(ROUTE, json={"csv": text, "dry_run": False, "complete": True})
    assert r.status_code == 200, r.text
    assert r.json()["deactivated"] == gone and r.json()["relationships_concluding"] >= len(live)
    after = admin.get("/api/v1/admin/relationships", params={"limit": 100}).json()["items"]
    states = {x["id"]: x["state"] for x in after}
    assert all(states[x["id"]] == "concluding" for x in live)
    assert find(admin, f"nora.{t}@example.com")["active"] is True
    assert find(admin, dry.json()["deactivated_people"][0]["email"])["active"] is False


def test_the_command_line_checks_then_imports(binary, own_server, tmp_path):
    _, db = own_server
    t = tag()
    path = tmp_path / "people.csv"
    path.write_text(org(t), encoding="utf-8")
    dry = run_cli(binary, db, "import", str(path), "--dry-run")
    assert "would create 3, update 0, unchanged 0, deactivate 0" in dry.stdout
    assert f"create {t}-1 Ana Silva <ana.{t}@example.com>" in dry.stdout
    assert "dry run: nothing was written" in dry.stdout

    done = run_cli(binary, db, "import", str(path))
    assert "created 3, updated 0, unchanged 0, deactivated 0" in done.stdout
    again = run_cli(binary, db, "import", str(path))
    assert "created 0, updated 0, unchanged 3, deactivated 0" in again.stdout

    bad = tmp_path / "bad.csv"
    bad.write_text(f"employee_id,name,email\n{t}-9,Zed,zed-at-example\n", encoding="utf-8")
    r = run_cli(binary, db, "import", str(bad), check=False)
    assert r.returncode == 1
    assert "1 problem; nothing was imported:" in r.stdout
    assert 'line 2: email "zed-at-example" is not a valid e-mail address' in r.stdout


def test_a_reports_title_and_date_above_the_column_names_are_passed_over(admin, binary, own_server, tmp_path):
    """HR systems' report exports put a title and the date they ran above the column names."""
    t = tag()
    report = ("Active employees;;\r\nRun on 01.12.2026;;\r\n"
              f"Employee ID;Name;Email\r\n{t}-1;Ana Silva;ana.{t}@example.com\r\n")
    r = admin.post(ROUTE, json={"csv": report, "dry_run": True})
    assert r.status_code == 200, r.text
    assert (r.json()["header_line"], r.json()["rows"], r.json()["created"], r.json()["problems"]) == (3, 1, 1, [])
    assert admin.post(ROUTE, json={"csv": f"employee_id,name,email\n{t}-2,Tom,tom.{t}@example.com\n",
                                   "dry_run": True}).json()["header_line"] == 1
    _, db = own_server
    path = tmp_path / "report.csv"
    path.write_text(report)
    done = run_cli(binary, db, "import", "--dry-run", str(path))
    assert "column names on line 3; the 2 lines above them ignored" in done.stdout, done.stdout


def test_leavers_in_the_file_are_deactivated_or_not_created(admin, binary, own_server, tmp_path):
    """Exports that list leavers with their status: a stored one is deactivated, a new one skipped."""
    t = tag()
    first = admin.post(ROUTE, json={"csv": org(t), "dry_run": False})
    assert first.status_code == 200 and first.json()["created"] == 3, first.text
    later = ("Employee ID,Full Name,Work Email,Status\r\n"
             f"{t}-3,Eva Dahl,eva.{t}@example.com,Terminated\r\n"
             f"{t}-9,Ola Nord,ola.{t}@example.com,Inactive\r\n"
             f"{t}-2,Tom Berg,tom.{t}@example.com,On leave\r\n")
    dry = admin.post(ROUTE, json={"csv": later, "dry_run": True})
    assert dry.status_code == 200, dry.text
    d = dry.json()
    assert (d["deactivated"], d["leavers_skipped"], d["created"], d["problems"]) == (1, 1, 0, []), d
    assert [p["email"] for p in d["deactivated_people"]] == [f"eva.{t}@example.com"]
    assert admin.post(ROUTE, json={"csv": later, "dry_run": False}).status_code == 200
    assert find(admin, f"eva.{t}@example.com")["active"] is False
    assert find(admin, f"tom.{t}@example.com")["active"] is True
    assert find(admin, f"ola.{t}@example.com") is None
    _, db = own_server
    path = tmp_path / "leavers.csv"
    path.write_text(later)  # nobody of it is in this server's database
    done = run_cli(binary, db, "import", "--dry-run", str(path))
    assert "2 rows marked as left and never in Mentorhub: not created" in done.stdout, done.stdout


def test_a_workbook_is_refused_with_how_to_save_it_as_csv(admin, binary, own_server, tmp_path):
    """People pick the .xlsx itself; it is no CSV, and the answer says what to do: the page before
    sending, the API (a script that read the workbook as text) and the command line alike."""
    r = admin.post(ROUTE, json={"csv": "PK\u0003\u0004\u0014\u0000[Content_Types].xml", "dry_run": True})
    assert r.status_code == 422 and error_of(r)["field"] == "csv", r.text
    assert "the file is a workbook (.xlsx or .ods, a zipped file), not CSV text" in error_of(r)["message"], r.text
    assert "save it as CSV" in error_of(r)["message"], r.text
    r = admin.post(ROUTE, json={"csv": "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj", "dry_run": True})
    assert r.status_code == 422 and "the file is a PDF document" in error_of(r)["message"], r.text
    _, db = own_server
    path = tmp_path / "people.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
    done = run_cli(binary, db, "import", "--dry-run", str(path), check=False)
    assert done.returncode == 1
    assert "the file is an Excel 97-2003 workbook (.xls), not CSV text" in done.stdout, done.stdout


def test_files_as_excel_saves_them_elsewhere_import_as_they_are(admin, binary, own_server, tmp_path):
    """Excel where a comma is the decimal mark separates with semicolons and, as "CSV", writes
    Windows-1252; its "Unicode text" is UTF-16 with tabs. Each imports with every accent intact."""
    t = tag()
    semicolons = (f"Employee ID;Name;Email Address;Job Title;Skills\r\n"
                  f'{t}-1;José França;jose.{t}@example.com;Directeur financier;"SQL:5; Excel:4"\r\n'
                  f'{t}-2;"Müller, Jörg";jorg.{t}@example.com;Analyst;\r\n')
    r = admin.post(ROUTE, json={"csv": semicolons, "dry_run": True})
    assert r.status_code == 200, r.text
    assert (r.json()["rows"], r.json()["created"], r.json()["separator"], r.json()["problems"]) == (2, 2, ";", [])
    assert admin.post(ROUTE, json={"csv": org(t), "dry_run": True}).json()["separator"] == ","

    _, db = own_server
    path = tmp_path / "windows.csv"
    path.write_bytes(semicolons.encode("cp1252"))
    done = run_cli(binary, db, "import", str(path))
    assert "2 rows of people read (Windows-1252, fields separated by semicolons)" in done.stdout, done.stdout
    assert f"create {t}-1 José França <jose.{t}@example.com>" in done.stdout
    unicode_text = tmp_path / "unicode.txt"
    unicode_text.write_bytes(b"\xff\xfe" + f"employee_id\tname\temail\r\n{t}-3\tZoë Åberg\tzoe.{t}@example.com\r\n"
                             .encode("utf-16-le"))
    done = run_cli(binary, db, "import", str(unicode_text))
    assert "1 row of people read (UTF-16LE, fields separated by tabs)" in done.stdout, done.stdout
    assert f"create {t}-3 Zoë Åberg <zoe.{t}@example.com>" in done.stdout


def test_a_manager_named_by_name_as_bamboohr_and_hibob_export_it(admin):
    """BambooHR's "Reporting to" and HiBob's "Reports To" hold the manager's name, not an id."""
    t = tag()
    text = ("Employee #,First Name,Last Name,Work Email,Reporting to\r\n"
            f"{t}-1,Ana,Silva{t},ana.{t}@example.com,\r\n"
            f"{t}-2,Tom,Berg{t},tom.{t}@example.com,\"Silva{t}, Ana\"\r\n"
            f"{t}-3,Eva,Dahl{t},eva.{t}@example.com,tom  berg{t}\r\n")
    r = admin.post(ROUTE, json={"csv": text, "dry_run": False})
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 3 and r.json()["problems"] == [], r.text
    ana, tom, eva = (find(admin, f"{n}.{t}@example.com") for n in ("ana", "tom", "eva"))
    assert (tom["manager_id"], eva["manager_id"]) == (ana["id"], tom["id"])
    # An id column holding names: the stored Tom is found by name; two people named alike are refused.
    hibob = ("Employee ID,Name,Email,Reports To\n"
             f"{t}-4,Liv Ek{t},liv.{t}@example.com,Tom Berg{t}\n"
             f"{t}-5,Sam Lee{t},sam5.{t}@example.com,\n"
             f"{t}-6,Sam Lee{t},sam6.{t}@example.com,\n"
             f"{t}-7,Bo Ek{t},bo.{t}@example.com,Sam Lee{t}\n")
    r = admin.post(ROUTE, json={"csv": hibob, "dry_run": True})
    assert [p["message"] for p in r.json()["problems"]] == [
        f'manager_employee_id "Sam Lee{t}" names 2 people: Sam Lee{t} (employee {t}-5, line 3) and Sam Lee{t} '
        f"(employee {t}-6, line 4); give the manager's employee id or e-mail instead"]
    r = admin.post(ROUTE, json={"csv": hibob.replace(f"Sam Lee{t}\n", "\n"), "dry_run": False})
    assert r.status_code == 200 and r.json()["problems"] == [], r.text
    assert find(admin, f"liv.{t}@example.com")["manager_id"] == tom["id"]


def test_a_manager_named_by_e_mail_is_found_in_the_file_or_among_the_stored(admin):
    """Exports without manager ids name the manager by work e-mail; dates come as Excel saved them."""
    t = tag()
    text = ("Employee ID,Name,Email,Manager Email,Hire Date\r\n"
            f"{t}-2,Tom Berg,tom.{t}@example.com,ANA.{t}@example.com,18/03/2024\r\n"
            f"{t}-1,Ana Silva,ana.{t}@example.com,{ADMIN},04/09/2023\r\n")
    r = admin.post(ROUTE, json={"csv": text, "dry_run": False})
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 2 and r.json()["problems"] == []
    ana, tom = find(admin, f"ana.{t}@example.com"), find(admin, f"tom.{t}@example.com")
    assert tom["manager_id"] == ana["id"]
    assert ana["manager_id"] == find(admin, ADMIN)["id"]
    assert (ana["start_date"], tom["start_date"]) == ("2023-09-04", "2024-03-18")
    unknown = admin.post(ROUTE, json={"csv": f"employee_id,name,email,manager_email\n{t}-3,Eva,eva.{t}@example.com,"
                                              f"nobody.{t}@example.com\n", "dry_run": True})
    assert [p["message"] for p in unknown.json()["problems"]] == [
        f'manager_email "nobody.{t}@example.com" is nobody\'s e-mail, in the file or among Mentorhub\'s employees; '
        "add the manager's row or correct the address"]
