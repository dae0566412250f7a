"""`mentorhub copy`: moving a whole installation between databases.

The main scenario runs in the postgres run only (the sqlite run has no cluster): the demo
organisation is seeded into a SQLite file, copied into a fresh PostgreSQL database, and a
server on each must give the same answers. The command-line contract (usage errors, refusals,
--force) needs no PostgreSQL and runs in both runs on SQLite files."""
import subprocess

import pytest

from conftest import ADMIN, Client, Server, run_cli, unique_email

MAYA = "maya.patel@northwind.example"
DEMO_SIZE = 312


def run_copy(binary, *args):
    return subprocess.run([binary, "copy", *args], capture_output=True, text=True, timeout=300)


def counts_of(stdout):
    """{table: (source, target)} from the copy's table of counts."""
    counts = {}
    for line in stdout.splitlines()[1:]:
        parts = line.split()
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            counts[parts[0]] = (int(parts[1]), int(parts[2]))
    return counts


def assert_one_line_failure(r, *fragments):
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("mentorhub: "), r.stderr
    for f in fragments:
        assert f in r.stderr, r.stderr


@pytest.fixture(scope="module")
def sqlite_demo(binary, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("copy") / "demo.db")
    run_cli(binary, path, "demo")
    return path


# -- SQLite to PostgreSQL (postgres run) -----------------------------------------------------


@pytest.fixture(scope="module")
def copied(store_kind, binary, sqlite_demo, new_database):
    """(PostgreSQL URL, copy output): the demo SQLite file copied into a fresh database."""
    if store_kind != "postgres":
        pytest.skip("copying into PostgreSQL needs the postgres run's cluster")
    target = new_database()
    r = run_copy(binary, "--from", sqlite_demo, "--to", target)
    assert r.returncode == 0, r.stderr
    return target, r.stdout


@pytest.fixture(scope="module")
def servers(binary, sqlite_demo, copied):
    """A server on the SQLite original and one on the PostgreSQL copy."""
    with Server(binary, sqlite_demo) as on_sqlite, Server(binary, copied[0]) as on_postgres:
        yield on_sqlite, on_postgres


def all_pages(client, limit):
    pages, cursor = [], None
    while True:
        path = f"/api/v1/people?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        r = client.get(path)
        assert r.status_code == 200, r.text
        pages.append(r.json())
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return pages


def test_the_copy_prints_equal_counts_for_every_table(copied):
    _, stdout = copied
    counts = counts_of(stdout)
    assert counts["people"] == (DEMO_SIZE, DEMO_SIZE)
    assert counts["person_skills"][0] > 0
    assert "schema_migrations" not in counts
    assert all(source == target for source, target in counts.values()), stdout
    assert "total" in counts and "copied" in stdout


def test_both_servers_give_the_same_people_pages(servers):
    on_sqlite, on_postgres = servers
    for email in (ADMIN, MAYA):  # the administrator's view and a colleague's
        original = all_pages(Client(on_sqlite.url).login(email), limit=50)
        copy = all_pages(Client(on_postgres.url).login(email), limit=50)
        assert len(original) > 1
        assert copy == original
    # The cursor is the person id, so ids were kept.
    assert original[0]["next_cursor"] == copy[0]["next_cursor"]


def test_both_servers_give_the_demo_admin_the_same_me(servers):
    on_sqlite, on_postgres = servers
    me_sqlite = Client(on_sqlite.url).login(ADMIN).get("/api/v1/me")
    me_postgres = Client(on_postgres.url).login(ADMIN).get("/api/v1/me")
    assert me_sqlite.status_code == me_postgres.status_code == 200
    assert me_postgres.json() == me_sqlite.json()
    assert me_postgres.json()["email"] == ADMIN and me_postgres.json()["is_admin"] is True


def test_a_person_created_on_the_copy_gets_a_fresh_id(servers):
    _, on_postgres = servers
    admin = Client(on_postgres.url).login(ADMIN)
    r = admin.post("/api/v1/people", json={"email": unique_email("after.copy"), "name": "After Copy"})
    assert r.status_code == 201, r.text
    assert int(r.json()["id"]) > DEMO_SIZE


def test_copying_into_the_non_empty_postgres_target_without_force_exits_1(binary, sqlite_demo, copied, servers):
    target, _ = copied
    _, on_postgres = servers
    admin = Client(on_postgres.url).login(ADMIN)
    before = all_pages(admin, limit=100)
    r = run_copy(binary, "--from", sqlite_demo, "--to", target)
    assert_one_line_failure(r, "already holds data", "--force")
    assert "postgresql://" not in r.stderr  # a URL may carry a password
    assert all_pages(admin, limit=100) == before


def test_postgres_back_to_sqlite_gives_the_same_answers(binary, copied, servers, tmp_path):
    target, _ = copied
    _, on_postgres = servers
    back = str(tmp_path / "back.db")
    r = run_copy(binary, "--from", target, "--to", back)
    assert r.returncode == 0, r.stderr
    assert all(s == t for s, t in counts_of(r.stdout).values())
    on_back = Server(binary, back)
    try:
        assert all_pages(Client(on_back.url).login(MAYA), 100) == all_pages(Client(on_postgres.url).login(MAYA), 100)
    finally:
        on_back.stop()


# -- the command line on SQLite files (both runs) --------------------------------------------


def test_copy_needs_from_and_to(binary, tmp_path):
    r = run_copy(binary, "--from", str(tmp_path / "a.db"))
    assert r.returncode == 2
    assert "--to" in r.stderr


def test_a_missing_source_exits_1_and_creates_no_target(binary, tmp_path):
    target = tmp_path / "target.db"
    r = run_copy(binary, "--from", str(tmp_path / "missing.db"), "--to", str(target))
    assert_one_line_failure(r, "does not exist")
    assert not target.exists()


def test_sqlite_to_sqlite_refuses_a_non_empty_target_unless_forced(binary, sqlite_demo, tmp_path):
    target = str(tmp_path / "target.db")
    first = run_copy(binary, "--from", sqlite_demo, "--to", target)
    assert first.returncode == 0, first.stderr
    assert counts_of(first.stdout)["people"] == (DEMO_SIZE, DEMO_SIZE)

    again = run_copy(binary, "--from", sqlite_demo, "--to", target)
    assert_one_line_failure(again, "already holds data", "people: 312 rows", "--force")

    forced = run_copy(binary, "--from", sqlite_demo, "--to", target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert counts_of(forced.stdout)["people"] == (DEMO_SIZE, DEMO_SIZE)
    assert "removed from the target first" in forced.stdout


def test_copying_a_database_onto_itself_is_refused(binary, sqlite_demo):
    r = run_copy(binary, "--from", sqlite_demo, "--to", sqlite_demo, "--force")
    assert_one_line_failure(r, "same database")
