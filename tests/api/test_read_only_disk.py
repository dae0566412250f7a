"""A disk that turns read-only (issue 20), as a file system remounted read-only after an error
does under a running server: every write then gets a clean 503 that says the database cannot
store anything and that nothing was written, reads go on, the server does not crash, and writes
work again once the disk does; and a server or command started on a read-only disk says so and
exits, without a crash.

The disk turns read-only for the server's process alone, through a test-only shim loaded with
LD_PRELOAD (tests/support/readonly_disk_shim.c): while a switch file exists, every write, sync or
new file under the database's folder fails with EROFS, which is what the kernel answers on a
read-only mount. (A real read-only remount is refused while a process holds files open for
writing.) SQLite only: PostgreSQL's disk is its own server's, and its answer there (SQLSTATE
class 53) takes the same path as a full disk.
"""
import os
import sqlite3
import subprocess

import pytest

from conftest import ADMIN, Client, Server, assert_nothing_stored, assert_writes_again

HERE = os.path.dirname(os.path.abspath(__file__))
SHIM_SOURCE = os.path.join(HERE, "..", "support", "readonly_disk_shim.c")


def built_with_a_sanitizer(binary):
    # A sanitizer's runtime must be the first library loaded; a preloaded shim comes before it.
    linked = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    return "libasan" in linked or "libtsan" in linked


@pytest.fixture(scope="module")
def shim(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("shim") / "readonly_disk_shim.so")
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-o", out, SHIM_SOURCE, "-ldl"], check=True)
    return out


@pytest.fixture
def read_only_lab(binary, store_kind, new_demo_database, shim):
    if store_kind != "sqlite":
        pytest.skip("SQLite's file on the server's disk; PostgreSQL's disk is its own server's")
    if built_with_a_sanitizer(binary):
        pytest.skip("the shim cannot be preloaded before a sanitizer's runtime")
    db = os.path.abspath(new_demo_database())
    switch = db + ".read-only"
    env = {"LD_PRELOAD": shim, "MH_TEST_READONLY_DIR": os.path.dirname(db), "MH_TEST_READONLY_SWITCH": switch}
    return db, switch, env


def test_a_disk_turned_read_only_refuses_writes_cleanly_and_writes_work_again_when_it_is_writable(
        binary, read_only_lab):
    db, switch, env = read_only_lab
    server = Server(binary, db, env=env)
    try:
        admin = Client(server.url).login(ADMIN)
        assert admin.patch("/api/v1/me", json={"bio": "before the disk turned read-only"}).status_code == 200

        open(switch, "w").close()
        for attempt in range(3):
            assert_nothing_stored(admin.patch("/api/v1/me", json={"bio": f"written on a read-only disk {attempt}"}))
        # A change of skills (the person's row, their skills and search entry) is refused whole.
        r = admin.patch("/api/v1/me", json={"bio": "with skills", "skills": [{"name": "Negotiation", "level": 3}]})
        assert r.status_code == 503, r.text
        assert server.proc.poll() is None, "the server died when the disk turned read-only"

        # Reads go on and show the last acknowledged write.
        me = admin.get("/api/v1/me")
        assert me.status_code == 200, me.text
        assert me.json()["bio"] == "before the disk turned read-only"
        assert admin.get("/api/v1/people", params={"limit": 5}).status_code == 200

        # Writable again: the next write succeeds, with no restart.
        os.remove(switch)
        assert_writes_again(server, admin, "written when the disk was writable again")
    finally:
        if os.path.exists(switch):
            os.remove(switch)
        server.stop()

    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (bio,) = check.execute("SELECT bio FROM people WHERE email = ?", (ADMIN,)).fetchone()
        assert bio == "written when the disk was writable again"
        assert check.execute("SELECT COUNT(*) FROM person_skills s JOIN people p ON p.id = s.person_id "
                             "WHERE p.email = ? AND s.skill = 'Negotiation'", (ADMIN,)).fetchone()[0] == 0


def test_a_server_started_on_a_read_only_disk_says_so_and_exits(binary, read_only_lab):
    db, switch, env = read_only_lab
    open(switch, "w").close()
    try:
        proc = subprocess.run([binary, "--database", db, "serve", "--port", "0"], capture_output=True, text=True,
                              timeout=60, env={**os.environ, **env})
    finally:
        os.remove(switch)
    assert proc.returncode > 0, f"exit {proc.returncode} (a negative one is a signal): {proc.stderr}"
    said = (proc.stdout + proc.stderr).lower()
    # The operating system's reason, not only SQLite's "unable to open database file".
    assert "cannot open the database" in said and "read-only file system" in said, said
