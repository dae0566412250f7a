"""The command line: help and usage errors, accounts made with `user ...` and then used over
HTTP, `demo`, `migrate` and `routes`. Exit codes: 0 success, 2 usage error, 1 failure with a
one-line reason on stderr. Every database is fresh (SQLite file or PostgreSQL database,
following --store)."""
import re
import socket
import sqlite3
import subprocess

import pytest
import requests

from conftest import Client, Server, error_of, run_cli, unique_email

PASSWORD = "cli password 123"
DEMO_EMAILS = [
    "admin@northwind.example",
    "maya.patel@northwind.example",
    "daniel.okafor@northwind.example",
    "sofia.marquez@northwind.example",
    "grace.whitaker@fernwoodadvisory.example",
]


@pytest.fixture(scope="module")
def server_database(new_database):
    """A fresh, empty database that the module's server and the `user` commands share."""
    return new_database()


@pytest.fixture(scope="module")
def admin(cli, server):
    email = unique_email("cli-admin")
    r = cli("user", "create", "--email", email, "--name", "Cli Admin", "--password", PASSWORD, "--admin")
    assert r.returncode == 0, r.stderr
    return Client(server.url).login(email, PASSWORD)


def sign_in(server, email, password):
    return requests.post(server.url + "/api/v1/auth/login", json={"email": email, "password": password})


def one_line_failure(r):
    """Exit code 1 and a single line on stderr; returns that line."""
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("mentorhub: ")
    return lines[0]


def emails_of_everyone(admin):
    r = admin.get("/api/v1/people", params={"limit": 100, "include_inactive": "true"})
    assert r.status_code == 200 and r.json()["next_cursor"] is None
    return [p["email"] for p in r.json()["items"]]


# --- help and usage errors ---------------------------------------------------------------------

def test_help_exits_0_and_lists_the_commands(binary):
    r = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0
    for command in ("serve", "migrate", "demo", "user", "routes"):
        assert command in r.stdout


def test_serve_help_exits_0_and_lists_its_options(binary):
    r = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0
    for option in ("--bind", "--port", "--threads", "--web-root"):
        assert option in r.stdout


@pytest.mark.parametrize("command", [
    ["migrate"], ["demo"], ["routes"], ["user"], ["user", "create"], ["user", "reset-password"],
    ["user", "make-admin"],
])
def test_every_command_has_help(binary, command):
    r = subprocess.run([binary, *command, "--help"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0
    assert "Usage" in r.stdout


@pytest.mark.parametrize("args", [
    ["serve", "--no-such-option"],
    ["--no-such-option", "routes"],
    ["frobnicate"],
    [],
    ["user"],
    ["user", "create", "--email", "a@example.com"],
    ["serve", "--port", "70000"],
    ["serve", "--port", "eighty"],
])
def test_a_usage_error_exits_2_with_a_reason_on_stderr(binary, tmp_path, args):
    r = subprocess.run([binary, "--database", str(tmp_path / "unused.db"), *args],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2
    assert r.stderr.strip()
    assert not (tmp_path / "unused.db").exists()


# --- accounts ----------------------------------------------------------------------------------

def test_user_create_then_sign_in_over_http_works(cli, server):
    email = unique_email("cli")
    r = cli("user", "create", "--email", email, "--name", "Cli Person", "--password", PASSWORD,
            "--department", "Finance", "--title", "Controller", "--timezone", "Europe/Paris")
    assert r.returncode == 0, r.stderr
    assert email in r.stdout
    c = Client(server.url).login(email, PASSWORD)
    profile = c.get("/api/v1/me").json()
    assert (profile["name"], profile["department"], profile["title"], profile["timezone"]) == \
        ("Cli Person", "Finance", "Controller", "Europe/Paris")
    assert profile["is_admin"] is False


def test_a_database_set_up_with_user_create_offers_no_demo_accounts_on_its_sign_in_page(admin, server):
    # `admin` made this database's first account with `user create`, as a real install does.
    r = requests.get(server.url + "/api/v1/config")
    assert r.status_code == 200
    assert r.json() == {"demo": None, "sso": None, "password_sign_in": True, "mail": False}
    assert "mentorhub-demo" not in r.text
    for email in DEMO_EMAILS:
        assert email not in r.text


def test_the_product_hashes_passwords_with_argon2ids_interactive_limits(product_binary, tmp_path):
    """The test build hashes with libsodium's cheapest limits to keep the suites fast; the
    product must not: a person it creates gets argon2id at 64 MiB and two passes."""
    database = str(tmp_path / "product.db")
    r = run_cli(product_binary, database, "user", "create", "--email", "hashed@example.com",
                "--name", "Hashed", "--password", PASSWORD, check=False)
    assert r.returncode == 0, r.stderr
    with sqlite3.connect(database) as db:
        (stored,) = db.execute("SELECT password_hash FROM people WHERE email = 'hashed@example.com'").fetchone()
    assert stored.startswith("$argon2id$v=19$m=65536,t=2,p=1$"), stored


def test_user_create_lower_cases_the_email(cli, server):
    email = unique_email("Cli.Upper")
    assert cli("user", "create", "--email", email.upper(), "--name", "Upper", "--password", PASSWORD).returncode == 0
    assert Client(server.url).login(email.lower(), PASSWORD).person["email"] == email.lower()


def test_user_create_with_a_duplicate_email_exits_1_with_one_line_on_stderr(cli, server):
    email = unique_email("cli-dup")
    assert cli("user", "create", "--email", email, "--name", "First", "--password", PASSWORD).returncode == 0
    r = cli("user", "create", "--email", email.upper(), "--name", "Second", "--password", "another password 9")
    assert "e-mail" in one_line_failure(r)
    # The first account is untouched.
    assert Client(server.url).login(email, PASSWORD).person["name"] == "First"


@pytest.mark.parametrize("change,reason", [
    (["--password", "short"], "password"),
    (["--timezone", "Mars/Olympus_Mons"], "timezone"),
    (["--email", "not-an-email"], "email"),
    (["--name", "   "], "name"),
])
def test_user_create_refuses_bad_values_with_one_line_and_creates_nobody(cli, admin, change, reason):
    email = unique_email("cli-bad")
    args = {"--email": email, "--name": "Bad Values", "--password": PASSWORD}
    args.update(dict(zip(change[::2], change[1::2])))
    before = emails_of_everyone(admin)
    r = cli("user", "create", *[x for kv in args.items() for x in kv])
    assert reason in one_line_failure(r)
    assert emails_of_everyone(admin) == before


def test_user_create_admin_makes_an_administrator(admin):
    r = admin.post("/api/v1/people", json={"email": unique_email(), "name": "Made By Cli Admin"})
    assert r.status_code == 201


def test_user_reset_password_then_sign_in_with_the_new_password(cli, server):
    email = unique_email("cli-reset")
    cli("user", "create", "--email", email, "--name", "Forgetful", "--password", PASSWORD)
    r = cli("user", "reset-password", "--email", email, "--password", "a fresh password 7")
    assert r.returncode == 0, r.stderr
    assert sign_in(server, email, "a fresh password 7").status_code == 200
    assert sign_in(server, email, PASSWORD).status_code == 401


def test_user_reset_password_signs_the_person_out_of_their_browsers(cli, server):
    email = unique_email("cli-reset-out")
    cli("user", "create", "--email", email, "--name", "Signed Out", "--password", PASSWORD)
    c = Client(server.url).login(email, PASSWORD)
    assert c.get("/api/v1/me").status_code == 200
    assert cli("user", "reset-password", "--email", email, "--password", "a fresh password 7").returncode == 0
    r = c.get("/api/v1/me")
    assert r.status_code == 401 and error_of(r)["code"] == "unauthenticated"


def test_user_make_admin_of_an_administrator_exits_1_and_writes_nothing(cli, admin):
    email = unique_email("cli-twice")
    cli("user", "create", "--email", email, "--name", "Twice", "--password", PASSWORD, "--admin")
    before = admin.get("/api/v1/admin/audit", params={"limit": 200}).json()["items"]
    assert "already" in one_line_failure(cli("user", "make-admin", "--email", email))
    assert admin.get("/api/v1/admin/audit", params={"limit": 200}).json()["items"] == before


def test_user_commands_are_in_the_audit_trail_as_the_command_line(cli, admin):
    email = unique_email("cli-audited")
    cli("user", "create", "--email", email, "--name", "Audited", "--password", PASSWORD)
    assert cli("user", "reset-password", "--email", email, "--password", "a fresh password 7").returncode == 0
    assert cli("user", "make-admin", "--email", email).returncode == 0
    people = admin.get("/api/v1/people", params={"limit": 100}).json()["items"]
    subject = "person:" + next(p["id"] for p in people if p["email"] == email)
    r = admin.get("/api/v1/admin/audit", params={"limit": 200})
    assert r.status_code == 200, r.text
    entries = [e for e in r.json()["items"] if e["subject"] == subject]
    assert [e["action"] for e in entries] == ["person_updated", "password_set", "person_created"]
    assert all(e["actor"] is None for e in entries)
    assert entries[0]["detail"] == "administrator rights granted"
    assert email in entries[2]["detail"] and "fresh" not in entries[1]["detail"]


@pytest.mark.parametrize("args", [
    ["reset-password", "--email", "nobody.at.all@example.com", "--password", "a fresh password 7"],
    ["make-admin", "--email", "nobody.at.all@example.com"],
])
def test_user_commands_on_an_unknown_email_exit_1_with_one_line(cli, args):
    assert "nobody.at.all@example.com" in one_line_failure(cli("user", *args))


def test_user_reset_password_refuses_a_short_password_and_keeps_the_old_one(cli, server):
    email = unique_email("cli-short")
    cli("user", "create", "--email", email, "--name", "Short", "--password", PASSWORD)
    one_line_failure(cli("user", "reset-password", "--email", email, "--password", "short"))
    assert sign_in(server, email, PASSWORD).status_code == 200


def test_user_make_admin_lets_the_person_call_an_admin_route(cli, server):
    email = unique_email("cli-promoted")
    cli("user", "create", "--email", email, "--name", "Promoted", "--password", PASSWORD)
    c = Client(server.url).login(email, PASSWORD)
    body = {"email": unique_email(), "name": "Someone New"}
    r = c.post("/api/v1/people", json=body)
    assert r.status_code == 403 and error_of(r)["code"] == "forbidden"
    r = cli("user", "make-admin", "--email", email)
    assert r.returncode == 0, r.stderr
    # The existing session carries the new right at once.
    assert c.post("/api/v1/people", json=body).status_code == 201


# --- demo --------------------------------------------------------------------------------------

def test_demo_twice_fails_the_second_time_with_a_one_line_reason(binary, new_database):
    db = new_database()
    first = run_cli(binary, db, "demo", check=False)
    assert first.returncode == 0, first.stderr
    for email in DEMO_EMAILS:
        assert email in first.stdout
    second = run_cli(binary, db, "demo", check=False)
    assert "empty" in one_line_failure(second)
    assert second.stdout == ""


def test_demo_refuses_a_database_that_already_has_people(cli, admin):
    one_line_failure(cli("demo"))


def test_demo_sign_ins_prints_the_five_sign_ins_and_seeds_nothing(binary, new_database):
    db = new_database()
    r = run_cli(binary, db, "demo", "--sign-ins", check=False)
    assert r.returncode == 0, r.stderr
    assert "mentorhub-demo" in r.stdout
    listed = [line for line in r.stdout.splitlines() if "@" in line]
    assert len(listed) == 5
    for email, line in zip(DEMO_EMAILS, listed):
        assert line.split()[-1] == email
    # Nothing was seeded: the database is still empty enough for the demo.
    assert run_cli(binary, db, "demo", check=False).returncode == 0


def test_the_demo_accounts_sign_in_with_the_demo_password(binary, new_demo_database):
    db = new_demo_database()
    s = Server(binary, db)
    try:
        for email in DEMO_EMAILS:
            assert sign_in(s, email, "mentorhub-demo").status_code == 200, email
    finally:
        s.stop()


# --- migrate and routes ----------------------------------------------------------------------

MIGRATED = re.compile(r"^applied (\d+) migration\(s\); schema version (\d+)$")


def test_migrate_on_a_fresh_database_prints_the_schema_version_and_is_idempotent(binary, new_database):
    db = new_database()
    first = run_cli(binary, db, "migrate", check=False)
    assert first.returncode == 0, first.stderr
    applied, version = map(int, MIGRATED.match(first.stdout.strip()).groups())
    assert applied >= 1 and version >= 1
    second = run_cli(binary, db, "migrate", check=False)
    assert second.returncode == 0, second.stderr
    assert MIGRATED.match(second.stdout.strip()).groups() == ("0", str(version))


@pytest.mark.parametrize("database", [
    "/nonexistent-directory/mentorhub.db",
    "postgresql://nobody@127.0.0.1:1/nothing",
])
def test_migrate_on_an_unreachable_database_exits_1_with_one_line(binary, database):
    one_line_failure(run_cli(binary, database, "migrate", check=False))


def test_routes_lists_every_route_one_per_line(binary):
    r = run_cli(binary, "/nonexistent-directory/unused.db", "routes", check=False)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "GET /api/v1/me" in lines
    assert "POST /api/v1/auth/login" in lines
    assert "GET /healthz" in lines
    for line in lines:
        assert re.match(r"^(GET|POST|PUT|PATCH|DELETE) /\S*$", line), line
    assert len(lines) == len(set(lines))


# --- serve -------------------------------------------------------------------------------------

def test_serve_on_a_port_in_use_exits_1_with_one_line(binary, new_database):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        try:
            r = subprocess.run([binary, "--database", new_database(), "serve", "--port", str(port), "--threads", "1"],
                               capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("serve kept running on a port that is in use")
    # spdlog may have logged start-up lines on stdout; the reason is the one line on stderr.
    assert str(port) in one_line_failure(r)



def test_the_product_binary_has_no_test_clock_whatever_its_flags(product_binary, server_database):
    # The option does not exist: a usage error, not a server on a fake clock.
    r = subprocess.run([product_binary, "--database", server_database, "serve", "--port", "0",
                        "--test-clock", "2026-12-01T09:00:00Z"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2
    assert "--test-clock" in r.stderr
    # And a product server does not know the route.
    s = Server(product_binary, server_database)
    try:
        r = requests.post(s.url + "/api/v1/test/clock", json={"advance_days": 30}, timeout=5)
        assert r.status_code == 404
    finally:
        s.stop()


def test_the_test_build_moves_its_clock(binary, server_database):
    s = Server(binary, server_database, extra=["--test-clock", "2026-12-01T09:00:00Z"])
    try:
        r = requests.post(s.url + "/api/v1/test/clock", json={"advance_days": 2}, timeout=5)
        assert r.status_code == 200
        assert r.json()["now"] == "2026-12-03T09:00:00Z"
    finally:
        s.stop()
