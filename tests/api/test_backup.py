"""`mentorhub backup FILE` (issue 20): a consistent copy of the SQLite database while the server
runs, through SQLite's online backup API, and the restore the README describes (the backup file
put in place of the database, then the server started on it).

The SQLite tests skip on the PostgreSQL run (which backs up with pg_dump); there the command
must refuse with a message saying so."""
import os
import shutil
import sqlite3
import subprocess
import threading
import time

import pytest
import requests

from conftest import ADMIN, PERSON_PASSWORD, Client, Server, create_person, unique_email


@pytest.fixture
def sqlite_only(store_kind):
    if store_kind != "sqlite":
        pytest.skip("backup copies SQLite files; the PostgreSQL run checks the refusal instead")


def rows_of_every_table(path):
    """Every table's rows, sorted, read from the file without writing to it."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        names = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: sorted(db.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}


def integrity(path):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def backup(binary, database, target):
    return subprocess.run([binary, "--database", database, "backup", str(target)], capture_output=True, text=True,
                          timeout=120)


def new_person(server, prefix):
    return create_person(Client(server.url).login(ADMIN), email=unique_email(prefix), name="Backup Person")


def test_a_backup_of_a_database_at_rest_holds_exactly_its_rows(sqlite_only, binary, server, tmp_path):
    new_person(server, "backup.rest")
    target = tmp_path / "rest.db"
    r = backup(binary, server.database, target)
    assert r.returncode == 0, r.stderr
    assert integrity(target) == "ok"
    assert rows_of_every_table(target) == rows_of_every_table(server.database)
    assert not os.path.exists(str(target) + ".partial")


def test_a_backup_taken_while_writes_go_on_is_one_consistent_state_and_serves_after_a_restore(
        sqlite_only, binary, server, tmp_path):
    made, person = new_person(server, "backup.busy")
    acknowledged = []
    stop = threading.Event()

    def write():
        # Bounded: at most 3000 writes, and it stops once the backup is done.
        for i in range(3000):
            if stop.is_set():
                return
            if person.patch("/api/v1/me", json={"bio": f"write {i}"}).status_code == 200:
                acknowledged.append(i)

    writer = threading.Thread(target=write)
    writer.start()
    while len(acknowledged) < 20:
        assert writer.is_alive()
        time.sleep(0.01)
    before = acknowledged[-1]
    target = tmp_path / "busy.db"
    r = backup(binary, server.database, target)
    after = len(acknowledged) and acknowledged[-1]
    stop.set()
    writer.join(60)
    assert r.returncode == 0, r.stderr
    assert integrity(target) == "ok"
    with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as db:
        bio = db.execute("SELECT bio FROM people WHERE email = ?", (made["email"],)).fetchone()[0]
    # One state of the database: a write acknowledged before the backup began is in it; one
    # sent after it ended is not (nor any half of one).
    seen = int(bio.split()[1])
    assert before <= seen <= after + 1, (before, seen, after)

    # The restore: the backup file becomes the database, and a server on it serves that state.
    restored = tmp_path / "restored.db"
    shutil.copyfile(target, restored)
    expected = rows_of_every_table(restored)
    s = Server(binary, str(restored))
    try:
        again = Client(s.url).login(made["email"], PERSON_PASSWORD)
        assert again.get("/api/v1/me").json()["bio"] == bio
        assert requests.get(s.url + "/healthz").status_code == 200
    finally:
        s.stop()
    people = rows_of_every_table(restored)["people"]
    assert people == expected["people"]


def test_a_backup_never_overwrites_a_file(sqlite_only, binary, server, tmp_path):
    target = tmp_path / "taken.db"
    target.write_bytes(b"something precious")
    r = backup(binary, server.database, target)
    assert r.returncode == 1 and "exists" in r.stderr, r.stderr
    assert target.read_bytes() == b"something precious"


def test_a_backup_of_a_file_that_is_not_a_database_is_refused(sqlite_only, binary, tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("not a database at all, just some text that is long enough to be read" * 20)
    r = backup(binary, str(source), tmp_path / "copy.db")
    assert r.returncode == 1 and "not a SQLite database" in r.stderr, r.stderr
    assert not (tmp_path / "copy.db").exists()


def test_on_postgresql_backup_refuses_and_names_pg_dump(store_kind, binary, server, tmp_path):
    if store_kind != "postgres":
        pytest.skip("the SQLite run tests the backup itself")
    r = backup(binary, server.database, tmp_path / "copy.db")
    assert r.returncode == 1 and "pg_dump" in r.stderr, r.stderr
    assert not (tmp_path / "copy.db").exists()
