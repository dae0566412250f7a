"""Two servers on one database (issue 20): the lifecycle pass runs once, not once per server.
Both servers' passes are started at the same moment over the same due requests; every request
expires exactly once, each requester is told exactly once, and the two reports add up to the
number of requests (on PostgreSQL one server waits for the other's database-wide lock, then
finds nothing left; on SQLite each step's transaction re-reads its request under the single
writer lock)."""
import requests

from conftest import Server
from lifecycle_helpers import CLOCK_START, Lab, json_of, requested_pair, run_together

PAIRS = 12


def advance(server, days):
    r = requests.post(server.url + "/api/v1/test/clock", json={"advance_days": days}, timeout=120)
    return json_of(r, 200)


def counts(lab):
    return json_of(lab.admin.get("/api/v1/admin/relationships"), 200)["counts"]


def test_two_servers_on_one_database_expire_each_request_once_and_notify_once(binary, new_demo_database):
    db = new_demo_database()
    first = Server(binary, db, extra=["--test-clock", CLOCK_START])
    second = Server(binary, db, extra=["--test-clock", CLOCK_START])
    try:
        lab = Lab(first, fake_clock=True)
        pairs = [requested_pair(lab) for _ in range(PAIRS)]
        expired_before = counts(lab)["expired"]
        reports = run_together(lambda: advance(first, 15), lambda: advance(second, 15))
        assert reports[0]["now"] == reports[1]["now"]
        lab.advance(seconds=0)  # the lab's idea of the time, so its sessions are renewed
        # The reports add up to what happened: no step was made, or counted, twice.
        made = counts(lab)["expired"] - expired_before
        assert made >= PAIRS
        assert reports[0]["expired"] + reports[1]["expired"] == made, reports
        for pair in pairs:
            assert pair.state() == "expired"
            assert len(pair.mentee.notifications(pair.id, "request_expired")) == 1
        # A third pass on either server finds nothing left to do.
        assert advance(second, 0)["expired"] == 0
        assert advance(first, 0)["expired"] == 0
    finally:
        second.stop()
        first.stop()
