"""The program report (issue 18): aggregates only, checked against the relationships' own export
(a second path to the same facts), groups of fewer than five people hidden also from
subtraction, the CSV the same as the JSON, every bad query a 422 naming its parameter."""
import csv
import io
from collections import Counter
from datetime import datetime, timezone

import pytest

from conftest import ADMIN, DEMO_PASSWORD, Client, Server, error_of, run_cli

REPORT = "/api/v1/admin/reports/program"


def whole_history():
    """From nine years ago to this month: every demo relationship is inside."""
    now = datetime.now(timezone.utc)
    return {"from": f"{now.year - 9}-01", "to": f"{now.year}-{now.month:02d}"}


def exported(admin):
    r = admin.get("/api/v1/admin/relationships/export.csv")
    assert r.status_code == 200, r.text
    return list(csv.DictReader(io.StringIO(r.text)))


def report(admin, **params):
    r = admin.get(REPORT, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_the_totals_are_the_exports_totals(admin):
    rows = exported(admin)
    body = report(admin, **whole_history())
    total = body["total"]
    assert total["name"] == "All" and total["suppressed"] is False
    f = total["figures"]
    assert f["relationships"] == len(rows)
    assert f["states_now"] == dict(Counter(r["state"] for r in rows))
    assert f["people"] == len({r["mentee_id"] for r in rows} | {r["mentor_id"] for r in rows})
    assert f["tasks"] == sum(int(r["tasks"]) for r in rows)
    assert f["tasks_done"] == sum(int(r["tasks_done"]) for r in rows)
    assert sum(m["meetings_held"] for m in f["by_month"]) == sum(int(r["meetings_held"]) for r in rows)
    # Everyone accepted has a relationship that became at least `accepted`; no more agreed a purpose.
    assert f["purpose_agreed"] == sum(1 for r in rows if r["purpose_agreed"] == "true")
    assert f["purpose_agreed"] <= f["accepted"] <= len(rows)
    assert f["first_meetings"] <= f["accepted"] and f["median_days_to_first_meeting"] >= 0
    assert f["concluded"] == sum(1 for r in rows if r["state"] == "concluded")
    assert 1 <= f["average_rating"] <= 5 and f["objectives_achieved"] <= f["objectives_rated"]
    # The last month's states are the states now.
    assert f["by_month"][-1]["states"] == f["states_now"]
    assert len(f["by_month"]) == 9 * 12 + datetime.now(timezone.utc).month
    assert "SECRET" not in str(body) and "purpose" not in {k for k in f}


def test_circles_and_flash_are_the_overviews_counts(admin):
    body = report(admin, **whole_history())
    circles = admin.get("/api/v1/admin/circles").json()["items"]
    c = body["circles"]
    assert c["suppressed"] is False
    assert c["figures"]["held"] == sum(x["sessions_held"] for x in circles)
    assert sum(m["held"] for m in c["figures"]["by_month"]) == c["figures"]["held"]
    assert 0 < c["figures"]["attendance_present"] <= c["figures"]["attendance_recorded"]
    flash = admin.get("/api/v1/admin/flash").json()
    f = body["flash"]["figures"]
    assert body["flash"]["suppressed"] is False
    # Held: the sessions that have happened (upcoming bookings are not), whatever their follow-up.
    assert f["held"] == flash["bookings"]["completed"] + flash["bookings"]["follow_up"]
    assert f["cancelled"] == flash["bookings"]["cancelled"]
    assert f["ratings"] == flash["ratings"]["count"] and f["average_rating"] == pytest.approx(flash["ratings"]["average"])
    table = list(csv.DictReader(io.StringIO(admin.get(REPORT + ".csv", params=whole_history()).text)))
    assert int(table[0]["circle_sessions_held"]) == c["figures"]["held"]
    assert int(table[0]["flash_sessions"]) == f["held"] and int(table[0]["flash_people"]) == f["people"]


def test_groups_by_department_hide_the_small_ones_and_one_more(admin):
    rows = exported(admin)
    body = report(admin, group_by="department", **whole_history())
    assert body["group_by"] == "department" and body["minimum_group_people"] == 5
    groups = body["groups"]
    assert groups == sorted(groups, key=lambda g: g["name"])
    shown = [g for g in groups if not g["suppressed"]]
    hidden = [g for g in groups if g["suppressed"]]
    assert hidden, "the demo has departments of fewer than five people in relationships"
    for g in hidden:
        assert g["figures"] is None and g["suppressed_because"]
    for g in shown:
        assert g["figures"]["people"] >= 5 and g["suppressed_because"] is None
    # One hidden group could be worked out as the total minus the others: never just one.
    assert len(hidden) != 1
    # Each shown department's relationships are those whose mentee works there.
    department = {}
    for r in rows:
        p = admin.get(f"/api/v1/people/{r['mentee_id']}").json()
        department[r["relationship_id"]] = p.get("department") or "(no department)"
    counts = Counter(department.values())
    for g in shown:
        assert g["figures"]["relationships"] == counts[g["name"]], g["name"]
    assert sum(counts[g["name"]] for g in hidden) == len(rows) - sum(g["figures"]["relationships"] for g in shown)


def test_the_csv_says_what_the_json_says(admin):
    query = {"group_by": "department", **whole_history()}
    body = report(admin, **query)
    r = admin.get(REPORT + ".csv", params=query)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert "program-report-" in r.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert [t["group"] for t in table] == ["All"] + [g["name"] for g in body["groups"]]
    all_row = table[0]
    f = body["total"]["figures"]
    assert int(all_row["relationships"]) == f["relationships"] and int(all_row["people"]) == f["people"]
    assert int(all_row["now_active"]) == f["states_now"].get("active", 0)
    assert float(all_row["average_rating"]) == pytest.approx(f["average_rating"], abs=0.005)
    for t, g in zip(table[1:], body["groups"]):
        assert t["suppressed"] == ("true" if g["suppressed"] else "false")
        if g["suppressed"]:
            assert t["people"] == "" and t["relationships"] == ""
        else:
            assert int(t["relationships"]) == g["figures"]["relationships"]


def test_a_period_counts_only_what_was_alive_in_it(admin):
    # Before anything was requested, nothing is counted; and so the total itself is hidden.
    early = report(admin, **{"from": "2017-01", "to": "2017-12"})
    assert early["total"]["suppressed"] is True and early["total"]["figures"] is None
    assert early["groups"] == [] or all(g["suppressed"] for g in early["groups"])
    # The default is the last twelve months.
    default = report(admin)
    now = datetime.now(timezone.utc)
    assert default["to"] == f"{now.year}-{now.month:02d}"
    assert len(default["total"]["figures"]["by_month"]) == 12


@pytest.mark.parametrize("params, field", [
    ({"from": "2026-13"}, "from"),
    ({"from": "2026-1"}, "from"),
    ({"to": "December"}, "to"),
    ({"from": "2026-06", "to": "2026-05"}, "to"),
    ({"from": "2000-01", "to": "2026-12"}, "to"),
    ({"group_by": "manager"}, "group_by"),
    ({"from": "2026-01' OR 1=1 --"}, "from"),
])
def test_bad_queries_name_the_parameter(admin, params, field):
    for path in (REPORT, REPORT + ".csv"):
        r = admin.get(path, params=params)
        assert r.status_code == 422, r.text
        assert error_of(r)["field"] == field


def test_only_administrators_read_it(server):
    maya = Client(server.url).login("maya.patel@northwind.example", DEMO_PASSWORD)
    assert maya.get(REPORT).status_code == 403
    assert maya.get(REPORT + ".csv").status_code == 403
    assert Client(server.url).get(REPORT).status_code == 401


def test_a_new_install_hides_everything(binary, new_database):
    db = new_database()
    run_cli(binary, db, "migrate")
    run_cli(binary, db, "user", "create", "--email", "first@example.com", "--name", "First Admin",
            "--password", "a long first password", "--admin")
    s = Server(binary, db)
    try:
        admin = Client(s.url).login("first@example.com", "a long first password")
        body = report(admin, group_by="cohort")
        assert body["total"]["suppressed"] is True and body["groups"] == []
        assert body["circles"] == {"suppressed": True, "figures": None} and body["flash"]["suppressed"] is True
        lines = admin.get(REPORT + ".csv").text.strip().splitlines()
        assert len(lines) == 2 and lines[1].startswith("All,true")
        assert lines[1].endswith(",hidden,,,,hidden,,,,")
    finally:
        s.stop()


def test_the_command_line_writes_the_same_report(binary, server, admin):
    query = {"group_by": "department", **whole_history()}
    over_http = admin.get(REPORT + ".csv", params=query).text
    r = run_cli(binary, server.database, "export", "report", "--group-by", "department",
                "--from", query["from"], "--to", query["to"])
    assert r.stdout == over_http.replace("\r\n", "\n")  # run_cli reads text, which turns CRLF into LF
    bad = run_cli(binary, server.database, "export", "report", "--from", "2026-13", check=False)
    assert bad.returncode == 1 and "--from must be a month" in bad.stderr
    usage = run_cli(binary, server.database, "export", "report", "--group-by", "manager", check=False)
    assert usage.returncode != 0 and "group-by" in usage.stderr
