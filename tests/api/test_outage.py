"""PostgreSQL going away under a running server (issue 20): while it is down every request that
needs it gets a clean 503 JSON error that says so (with Retry-After), `/healthz` says why, and
nothing crashes; when it comes back the server serves again by itself, with no restart and no
failed request left over from the connections the outage broke. PostgreSQL only: SQLite is a
file inside the server's own process."""
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from conftest import ADMIN, Client, Server, assert_writes_again, run_cli
from pgcluster import PgCluster


@pytest.fixture
def own_cluster(store_kind):
    if store_kind != "postgres":
        pytest.skip("an outage of the PostgreSQL server; SQLite has no server to lose")
    # Its own cluster: stopping the suite's shared one would fail every other test running on it.
    with PgCluster() as cluster:
        yield cluster


def test_while_postgresql_is_down_requests_get_503_and_the_server_recovers_by_itself(binary, own_cluster):
    db = own_cluster.fresh_database("outage")
    run_cli(binary, db, "demo")
    server = Server(binary, db)
    try:
        admin = Client(server.url).login(ADMIN)
        # Requests in parallel, so the pool holds several connections for the outage to break.
        clients = [Client(server.url).login(ADMIN) for _ in range(6)]
        with ThreadPoolExecutor(len(clients)) as pool:
            statuses = list(pool.map(lambda c: [c.get("/api/v1/people", params={"limit": 50}).status_code
                                                for _ in range(5)], clients))
        assert all(s == 200 for row in statuses for s in row)
        assert requests.get(server.url + "/healthz", timeout=30).status_code == 200

        own_cluster.pause()
        health = requests.get(server.url + "/healthz", timeout=30)
        assert health.status_code == 503
        assert health.json()["error"]["code"] == "unavailable"
        assert "unreachable" in health.json()["error"]["message"]
        for attempt in range(3):
            r = admin.get("/api/v1/people", params={"limit": 5})
            assert r.status_code == 503, r.text
            assert r.json()["error"]["code"] == "unavailable"
            assert r.headers.get("Retry-After") == "2"
        r = admin.patch("/api/v1/me", json={"bio": "written during the outage"})
        assert r.status_code == 503, r.text
        assert server.proc.poll() is None, "the server died during the outage"

        own_cluster.resume()
        # The first request after the return already succeeds: the broken connections are
        # replaced, not each spent on a failed request.
        assert requests.get(server.url + "/healthz", timeout=30).status_code == 200
        assert admin.get("/api/v1/people", params={"limit": 5}).status_code == 200
        # A new sign-in works too (sessions live in the database).
        assert_writes_again(server, admin, "written after the outage")
    finally:
        server.stop()
