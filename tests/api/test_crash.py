"""Kill -9 in the middle of a write load (issue 20): every write the server acknowledged is there
after a restart, the SQLite file passes its integrity check, and the server serves again.

A bounded load on loopback (four writers changing their own profiles, one administrator
creating people, at most 400 requests each) runs until the server has acknowledged enough
writes, then the server gets SIGKILL with requests in flight. Then the same database is served
again and every acknowledged write is looked for. Several rounds on one database, so a round
also starts from what a crash left."""
import sqlite3
import threading
import time

import requests

from conftest import ADMIN, Client, Server, unique_email

ROUNDS = 3
WRITERS = 4
MAX_REQUESTS = 400


def load(server, people, stop, acknowledged, created):
    """Starts the writers; each records what the server answered 2xx to."""

    def profile_writer(index, person):
        for i in range(MAX_REQUESTS):
            if stop.is_set():
                return
            try:
                r = person.patch("/api/v1/me", json={"bio": f"write {i}"})
            except requests.RequestException:
                return
            if r.status_code == 200:
                acknowledged[index] = i

    def creator(admin):
        for _ in range(MAX_REQUESTS):
            if stop.is_set():
                return
            email = unique_email("crash")
            try:
                r = admin.post("/api/v1/people", json={"email": email, "name": "Crash Person",
                                                      "password": "a long password 1"})
            except requests.RequestException:
                return
            if r.status_code == 201:
                created.append(r.json()["id"])

    threads = [threading.Thread(target=profile_writer, args=(k, p)) for k, p in enumerate(people)]
    threads.append(threading.Thread(target=creator, args=(Client(server.url).login(ADMIN),)))
    for t in threads:
        t.start()
    return threads


def test_every_acknowledged_write_survives_kill_9_and_the_server_serves_again(binary, new_demo_database, store_kind):
    db = new_demo_database()
    s = Server(binary, db)
    admin = Client(s.url).login(ADMIN)
    accounts = []
    for k in range(WRITERS):
        body = {"email": unique_email(f"crash.writer{k}"), "name": f"Writer {k}", "password": "a long password 1"}
        assert admin.post("/api/v1/people", json=body).status_code == 201
        accounts.append(body)
    profile_writes = people_created = 0
    for round_ in range(ROUNDS):
        people = [Client(s.url).login(a["email"], a["password"]) for a in accounts]
        stop = threading.Event()
        acknowledged = [-1] * WRITERS
        created = []
        threads = load(s, people, stop, acknowledged, created)
        deadline = time.monotonic() + 60
        while min(acknowledged) < 20 or len(created) < 3:
            assert time.monotonic() < deadline, (acknowledged, created)
            assert any(t.is_alive() for t in threads), "the load ended before the server was killed"
            time.sleep(0.01)
        s.proc.kill()  # SIGKILL: no shutdown, requests in flight
        s.proc.wait()
        stop.set()
        for t in threads:
            t.join(60)
        s.stop()
        if store_kind == "sqlite":
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

        s = Server(binary, db)
        admin = Client(s.url).login(ADMIN)
        for a, last in zip(accounts, acknowledged):
            bio = Client(s.url).login(a["email"], a["password"]).get("/api/v1/me").json()["bio"]
            # The last acknowledged write, or the one in flight when the server died; never older.
            seen = int(bio.split()[1])
            assert last <= seen <= last + 1, (round_, a["email"], last, bio)
        for person_id in created:
            assert admin.get(f"/api/v1/people/{person_id}").status_code == 200, (round_, person_id)
        people_created += len(created)
        profile_writes += sum(last + 1 for last in acknowledged)
    assert requests.get(s.url + "/healthz").status_code == 200
    s.stop()
    print(f"kill -9 ({store_kind}): {ROUNDS} rounds; {people_created} people created, each found again; "
          f"{profile_writes} profile changes acknowledged, the last of each writer found again")
