"""Cohort matching from the command line and from a CSV: `mentorhub cohort create|list`,
`mentorhub match --cohort NAME [--apply] [--json]` (a job in the store, like one started from
the web app, so the API sees its preview), `mentorhub match --csv FILE` and
POST /api/v1/matchings/from-csv (nothing stored; a bad file is a 422 naming its line)."""
import json
import os

import pytest

from conftest import ADMIN, Client, error_of, run_cli

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "examples", "cohort.csv")
HEADER = "id,name,role,department,title,career_start_year,skills,wanted_skills,timezone,media,capacity\n"


def test_cohort_create_list_and_a_preview_the_api_can_read(cli, server):
    r = cli("cohort", "create", "CLI Sales", "--department", "Sales", "--description", "from the command line")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith('created cohort "CLI Sales": ')
    again = cli("cohort", "create", "CLI Sales", "--department", "Sales")
    assert again.returncode == 1 and "exists already" in again.stderr and len(again.stderr.splitlines()) == 1
    assert "CLI Sales" in cli("cohort", "list").stdout

    r = cli("match", "--cohort", "CLI Sales", "--json", "--k", "20")
    assert r.returncode == 0, r.stderr
    job = json.loads(r.stdout)
    assert job["state"] == "done" and job["k"] == 20
    summary = job["summary"]
    assert summary["matched"] + sum(summary["unmatched"].values()) == summary["mentees"]
    assert sum(d["matched"] for d in summary["departments"]) == summary["matched"]

    admin = Client(server.url).login(ADMIN)
    seen = admin.get(f"/api/v1/matchings/{job['id']}")
    assert seen.status_code == 200 and seen.json()["summary"]["matched"] == summary["matched"]
    pairs = admin.get(f"/api/v1/matchings/{job['id']}/pairs", params={"limit": 500}).json()["items"]
    assert len(pairs) == summary["matched"]

    table = cli("match", "--cohort", "CLI Sales")
    assert table.returncode == 0, table.stderr
    assert "matched" in table.stdout and "preview only" in table.stdout and "--apply" in table.stdout


def test_match_apply_creates_proposals_the_mentors_receive(cli, server):
    assert cli("cohort", "create", "CLI Design", "--department", "Design").returncode == 0
    r = cli("match", "--cohort", "CLI Design", "--apply", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["state"] == "applied"
    assert out["applied"]["created"] + len(out["applied"]["skipped"]) == out["summary"]["matched"]
    admin = Client(server.url).login(ADMIN)
    pairs = admin.get(f"/api/v1/matchings/{out['id']}/pairs", params={"limit": 500}).json()["items"]
    created = [p for p in pairs if p["relationship_id"]]
    assert len(created) == out["applied"]["created"] > 0
    events = admin.get("/api/v1/admin/relationships").json()
    assert events  # the overview counts them; content stays with the pair


def test_match_usage_errors(cli):
    assert cli("match").returncode == 2
    assert cli("match", "--cohort", "x", "--csv", EXAMPLE).returncode == 2
    missing = cli("match", "--cohort", "No Such Cohort")
    assert missing.returncode == 1 and "no cohort is named" in missing.stderr
    assert cli("match", "--cohort", "CLI Sales", "--k", "0").returncode == 1
    assert cli("cohort", "create", "Both", "--everyone", "--department", "Sales").returncode == 1


def test_match_csv_from_the_command_line(binary, tmp_path):
    r = run_cli(binary, str(tmp_path / "unused.db"), "match", "--csv", EXAMPLE, "--json", check=False)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["summary"]["mentees"] > 0 and out["pairs"]
    assert not (tmp_path / "unused.db").exists()  # nothing stored

    bad = tmp_path / "dup.csv"
    bad.write_text(HEADER + "1,Ana,mentee,Sales,,2015,,SQL,UTC,video,\n2,Ben,mentor,Sales,,2000,SQL:5,,UTC,video,2\n"
                   "1,Cy,mentor,Sales,,2001,SQL:4,,UTC,video,1\n")
    r = run_cli(binary, str(tmp_path / "unused.db"), "match", "--csv", str(bad), check=False)
    assert r.returncode == 1
    assert "line 4" in r.stderr and "line 2" in r.stderr and len(r.stderr.splitlines()) == 1


def test_csv_matching_over_http(server):
    admin = Client(server.url).login(ADMIN)
    text = open(EXAMPLE).read()
    r = admin.post("/api/v1/matchings/from-csv", json={"csv": text, "k": 10})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["summary"]["matched"] == len(body["pairs"])
    for p in body["pairs"]:
        assert p["mentee"]["name"] and p["mentor"]["name"] and p["factors"]

    sql_first = HEADER + ("1,Ana Lopez,mentee,Sales,Analyst,2020,,SQL,UTC,video,\n"
                          "2,Ben Ode,mentor,Finance,Head of FP&A,2000,SQL:5,,UTC,video,1\n"
                          "3,Cy Park,mentor,Finance,Designer,2001,drawing:5,,UTC,video,1\n")
    r = admin.post("/api/v1/matchings/from-csv", json={"csv": sql_first})
    assert r.status_code == 200, r.text
    (pair,) = r.json()["pairs"]
    assert pair["mentee"]["name"] == "Ana Lopez" and pair["mentor"]["name"] == "Ben Ode"

    dup = sql_first + "2,Ben Again,mentor,Finance,,2000,SQL:5,,UTC,video,1\n"
    r = admin.post("/api/v1/matchings/from-csv", json={"csv": dup})
    assert r.status_code == 422
    err = error_of(r)
    assert err["field"] == "csv" and err["message"].startswith("line 5:") and "line 3" in err["message"]

    assert error_of(admin.post("/api/v1/matchings/from-csv", json={}))["field"] == "csv"
    assert error_of(admin.post("/api/v1/matchings/from-csv", json={"csv": sql_first, "k": 0}))["field"] == "k"


def test_csv_matching_is_for_administrators_only(server):
    assert Client(server.url).post("/api/v1/matchings/from-csv", json={"csv": HEADER}).status_code == 401
    mentee = Client(server.url).login("maya.patel@northwind.example")
    assert mentee.post("/api/v1/matchings/from-csv", json={"csv": HEADER}).status_code == 403
