"""A cohort matching killed half-way (issue 20): SIGKILL the server while a matching runs, and
while one is applied. After a restart the matching is never half there: it either finished
(its preview whole) or is reported failed once its heartbeat is overdue, with nothing of it
saved or applied, and it can simply be run again. An application killed before its one
transaction commits (held there by a test-only switch) leaves no request behind and can be
applied again, whole."""
import requests

from conftest import ADMIN, Client, Server
from lifecycle_helpers import CLOCK_START, json_of, start_clock_server

HEARTBEAT_OVERDUE = 31 * 60  # seconds: past the 2-minute heartbeat and the 30-minute queue limit


def relationships(admin):
    return sum(json_of(admin.get("/api/v1/admin/relationships"), 200)["counts"].values())


def advance(server, seconds):
    return json_of(requests.post(server.url + "/api/v1/test/clock", json={"advance_seconds": seconds}, timeout=60), 200)


def wait_done(admin, job_id):
    for _ in range(2000):
        job = json_of(admin.get(f"/api/v1/matchings/{job_id}"), 200)
        if job["state"] not in ("queued", "running"):
            return job
    raise AssertionError(f"matching {job_id} did not end")


def restart(binary, old):
    old.proc.kill()  # SIGKILL: no shutdown
    old.proc.wait()
    return Server(binary, old.database, extra=["--test-clock", CLOCK_START])


def new_cohort(admin, name):
    return json_of(admin.post("/api/v1/cohorts", json={"name": name, "filter": {}}), 201)


def test_a_matching_killed_while_it_runs_is_never_half_saved_and_runs_again(binary, new_demo_database):
    server = start_clock_server(binary, new_demo_database)
    try:
        admin = Client(server.url).login(ADMIN)
        cohort = new_cohort(admin, "Killed half-way")
        before = relationships(admin)
        started = json_of(admin.post(f"/api/v1/cohorts/{cohort['id']}/matchings", json={}), 202)
        server = restart(binary, server)
        admin = Client(server.url).login(ADMIN)
        job = json_of(admin.get(f"/api/v1/matchings/{started['id']}"), 200)
        if job["state"] in ("queued", "running"):
            # Nobody runs it any more: once its heartbeat is overdue it is reported failed.
            advance(server, HEARTBEAT_OVERDUE)
            admin = Client(server.url).login(ADMIN)
            job = json_of(admin.get(f"/api/v1/matchings/{started['id']}"), 200)
            assert job["state"] == "failed", job
            assert "stopped before it finished" in job["error"]
            for path in ("pairs", "unmatched"):
                assert admin.get(f"/api/v1/matchings/{job['id']}/{path}").status_code == 409
            assert admin.post(f"/api/v1/matchings/{job['id']}/apply").status_code == 409
        else:
            # It finished before the kill: its preview is whole.
            assert job["state"] == "done", job
            pairs = json_of(admin.get(f"/api/v1/matchings/{job['id']}/pairs", params={"limit": 500}), 200)
            assert len(pairs["items"]) == job["summary"]["matched"]
        assert relationships(admin) == before, "nothing was applied"

        rerun = wait_done(admin, json_of(admin.post(f"/api/v1/cohorts/{cohort['id']}/matchings", json={}), 202)["id"])
        assert rerun["state"] == "done", rerun
        applied = json_of(admin.post(f"/api/v1/matchings/{rerun['id']}/apply"), 200)
        assert applied["created"] > 0
        assert relationships(admin) == before + applied["created"]
    finally:
        server.stop()


def test_an_application_killed_half_way_is_all_or_nothing(binary, new_demo_database):
    server = start_clock_server(binary, new_demo_database)
    try:
        admin = Client(server.url).login(ADMIN)
        cohort = new_cohort(admin, "Applied half-way")
        job = wait_done(admin, json_of(admin.post(f"/api/v1/cohorts/{cohort['id']}/matchings", json={}), 202)["id"])
        assert job["state"] == "done" and job["summary"]["matched"] > 0, job
        before = relationships(admin)
        # The application's transaction is made to wait before it commits, and the server is
        # killed then: whatever it wrote is uncommitted when the process dies.
        sender = Client(server.url).login(ADMIN)
        json_of(requests.post(server.url + "/api/v1/test/stall-next-commit", timeout=30), 200)
        try:
            sender.http.post(f"{sender.base}/api/v1/matchings/{job['id']}/apply",
                             headers={"X-CSRF-Token": sender.csrf}, timeout=1)
        except requests.RequestException:
            pass  # the answer is 30 seconds away: the server is killed long before
        server = restart(binary, server)
        admin = Client(server.url).login(ADMIN)
        after = json_of(admin.get(f"/api/v1/matchings/{job['id']}"), 200)
        assert after["state"] == "done", after
        assert relationships(admin) == before, "an application that did not commit left requests behind"
        assert all(p["relationship_id"] is None
                   for p in json_of(admin.get(f"/api/v1/matchings/{job['id']}/pairs", params={"limit": 500}), 200)["items"])
        # And it can be applied again, whole.
        applied = json_of(admin.post(f"/api/v1/matchings/{job['id']}/apply"), 200)
        assert applied["created"] > 0
        assert relationships(admin) == before + applied["created"]
    finally:
        server.stop()
