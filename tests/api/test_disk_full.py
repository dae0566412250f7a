"""A disk that fills up under a running server (issue 20): every write then gets a clean 503 that
says the database cannot store anything and that nothing was written, reads go on working, the
server does not crash, nothing half-written is left, and writes work again once there is room.

The disk is filled for the server's process alone, by a limit on the size of the files it writes
(RLIMIT_FSIZE, which SQLite meets exactly as a full disk: "database or disk is full"); the limit
is lifted from outside while the server runs. SQLite only: PostgreSQL's own disk is its server's.
"""
import os
import resource
import signal
import sqlite3

import pytest

from conftest import ADMIN, Client, Server, assert_nothing_stored, assert_writes_again


def ignore_file_size_signal():
    # The kernel signals a process that writes past its file size limit, which by default ends
    # it; a real full disk sends no signal, so the server is made to see only the error.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_a_full_disk_refuses_writes_cleanly_and_the_server_writes_again_when_there_is_room(
        binary, store_kind, new_demo_database):
    if store_kind != "sqlite":
        pytest.skip("SQLite's file on the server's disk; PostgreSQL's disk is its own server's")
    db = new_demo_database()
    server = Server(binary, db, preexec_fn=ignore_file_size_signal)
    try:
        admin = Client(server.url).login(ADMIN)
        assert admin.patch("/api/v1/me", json={"bio": "before the disk filled"}).status_code == 200
        # Room for a few hundred kilobytes more than the biggest file the server writes now.
        biggest = max(os.path.getsize(p) for p in (db, db + "-wal", server.log.name) if os.path.exists(p))
        limit = biggest + 256 * 1024
        # The soft limit only: lowering the hard one could not be undone without privileges.
        soft, hard = resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE)
        resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (limit, hard))

        acknowledged = "before the disk filled"
        refused = None
        for n in range(3000):
            bio = f"entry {n}: " + "a story worth keeping " * 90
            r = admin.patch("/api/v1/me", json={"bio": bio})
            if r.status_code == 200:
                acknowledged = bio
                continue
            refused = r
            break
        assert refused is not None, "the disk never filled"
        assert_nothing_stored(refused)
        assert server.proc.poll() is None, "the server died when the disk filled"

        # Reads go on, and show the last acknowledged write, not the refused one.
        me = admin.get("/api/v1/me")
        assert me.status_code == 200
        assert me.json()["bio"] == acknowledged
        assert admin.get("/api/v1/people", params={"limit": 5}).status_code == 200
        # Every write is refused the same way while the disk is full, none crashes the server.
        r = admin.patch("/api/v1/me", json={"bio": "still no room " * 100})
        assert r.status_code == 503, r.text

        # Room again: the very next write succeeds, with no restart.
        resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (soft, hard))
        assert_writes_again(server, admin, "written when there was room again")
    finally:
        server.stop()

    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
