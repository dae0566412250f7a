"""API tests: each module gets a real `mentorhub serve` process on a free loopback port with a
fresh database seeded with the demo organisation, once per store (--store sqlite|postgres).
The PostgreSQL store runs on a throwaway cluster started here and stopped at the end.
Every answer the tests receive from an /api/ route is checked against docs/openapi.yaml
(response_schemas.py); one the document does not describe fails the test that got it."""
import itertools
import os
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit

import pytest
import requests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
sys.path.insert(0, os.path.dirname(__file__))

from pgcluster import free_port  # noqa: E402,F401  (the servers the tests start listen on one)
from response_schemas import ResponseSchemas  # noqa: E402

DEMO_PASSWORD = "mentorhub-demo"
ADMIN = "admin@northwind.example"


def pytest_addoption(parser):
    parser.addoption("--store", default="sqlite", choices=["sqlite", "postgres"])
    # The suite drives the test build (it can move its clock); the product binary is checked
    # for what it must not have.
    parser.addoption("--binary", default="build/release/mentorhub_for_test")
    parser.addoption("--product-binary", default="build/release/mentorhub")


_schemas = ResponseSchemas()
_mismatches = []
_real_send = requests.Session.send


def _send_and_check(session, request, **kw):
    response = _real_send(session, request, **kw)
    # A streamed body is the test's to read; reading it here would change what the test sees.
    if not kw.get("stream") and urlsplit(request.url).hostname == "127.0.0.1":
        problem = _schemas.check(request.method, request.url, response.status_code,
                                 response.headers.get("Content-Type"), response.content,
                                 location=response.headers.get("Location"))
        if problem:
            _mismatches.append(problem)
    return response


def pytest_configure(config):
    requests.Session.send = _send_and_check


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Answers the document does not describe fail the test that got them (its fixtures
    included), listed after whatever else failed."""
    outcome = yield
    report = outcome.get_result()
    if call.when == "setup" and report.passed:
        return  # kept for the call phase, which reports them
    if not _mismatches:
        return
    found = "answers docs/openapi.yaml does not describe:\n" + "\n".join(f"  {m}" for m in _mismatches)
    _mismatches.clear()
    if report.passed:
        report.outcome = "failed"
        report.longrepr = found
    elif not report.skipped:
        report.sections.append(("openapi.yaml", found))


@pytest.fixture(scope="session")
def store_kind(request):
    return request.config.getoption("--store")


@pytest.fixture(scope="session")
def binary(request):
    path = os.path.abspath(request.config.getoption("--binary"))
    assert os.path.exists(path), f"build the server first: {path}"
    return path


@pytest.fixture(scope="session")
def product_binary(request):
    path = os.path.abspath(request.config.getoption("--product-binary"))
    assert os.path.exists(path), f"build the server first: {path}"
    return path


@pytest.fixture(scope="session")
def pg_cluster(store_kind):
    if store_kind != "postgres":
        yield None
        return
    from pgcluster import PgCluster

    cluster = PgCluster()
    cluster.start()
    yield cluster
    cluster.stop()


_db_counter = itertools.count(1)


@pytest.fixture(scope="session")
def new_database(store_kind, pg_cluster, tmp_path_factory):
    """Returns a function that makes a fresh, empty database and gives its URL."""

    def make():
        n = next(_db_counter)
        if store_kind == "postgres":
            return pg_cluster.fresh_database(f"api_{n}_{os.getpid()}")
        return str(tmp_path_factory.mktemp("db") / f"api_{n}.db")

    return make


_log_marks = itertools.count(1)

SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error: ")


class Server:
    """A running `mentorhub serve` on 127.0.0.1."""

    def __init__(self, binary, database, extra=(), preexec_fn=None, env=None):
        """`env`: variables added to this process's environment for the server."""
        self.binary = binary
        self.database = database
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="mentorhub-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [binary, "--database", database, "serve", "--port", str(self.port), "--threads", "2", *extra],
            stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=preexec_fn,
            env=None if env is None else {**os.environ, **env})
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.log_text()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("server did not become healthy: " + self.log_text())

    def log_text(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()[-4000:]

    def logged(self, *needles, timeout=5.0):
        """The server's whole log once it has caught up with the requests made so far. The server
        writes its log from a thread of its own, so a request's line can follow its response by a
        moment: this asks /healthz with a request id of its own, then reads the log until that
        request's line and every one of `needles` are in it (at most `timeout` seconds)."""
        mark = f"log-mark-{os.getpid()}-{next(_log_marks)}"
        requests.get(self.url + "/healthz", headers={"X-Request-Id": mark}, timeout=10)
        deadline = time.monotonic() + timeout
        while True:
            with open(self.log.name, encoding="utf-8", errors="replace") as f:
                text = f.read()
            missing = [n for n in (mark, *needles) if n not in text]
            if not missing:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"not in the server's log after {timeout} s: {missing}\n{text[-4000:]}")
            time.sleep(0.02)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self, timeout=15):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.check_sanitizers()
        return self.proc.returncode

    def check_sanitizers(self):
        """On a sanitizer build (the asan preset), a report in the server's log fails the run."""
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for marker in SANITIZER_MARKERS:
            at = text.find(marker)
            if at >= 0:
                raise AssertionError(f"the server logged a sanitizer report:\n{text[max(0, at - 200):at + 3000]}")


def run_cli(binary, database, *args, check=True):
    r = subprocess.run([binary, "--database", database, *args], capture_output=True, text=True, timeout=120)
    if check and r.returncode != 0:
        raise RuntimeError(f"mentorhub {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


@pytest.fixture(scope="session")
def new_demo_database(binary, new_database):
    """Returns a function that makes a fresh database seeded with the demo organisation."""

    def make():
        db = new_database()
        run_cli(binary, db, "demo")
        return db

    return make


@pytest.fixture(scope="module")
def demo_database(new_demo_database):
    return new_demo_database()


@pytest.fixture(scope="module")
def server_database(demo_database):
    """The database the module's server runs on: a fresh demo one unless the module names another."""
    return demo_database


@pytest.fixture(scope="module")
def server(binary, server_database):
    with Server(binary, server_database) as s:
        yield s


@pytest.fixture(scope="module")
def cli(binary, server_database, server):
    """Runs `mentorhub --database <the server's database> ARGS...` without raising."""

    def run(*args):
        return run_cli(binary, server_database, *args, check=False)

    return run


class Verbs:
    """get, post, put, patch and delete, each through the class's own request(method, path, **kw)."""

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


class Client(Verbs):
    """requests.Session bound to a server; after login() it sends the CSRF header on writes."""

    def __init__(self, base):
        self.base = base
        self.http = requests.Session()
        self.csrf = None
        self.person = None

    def login(self, email, password=DEMO_PASSWORD):
        r = self.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
        self.csrf = r.json()["csrf_token"]
        self.person = r.json()["person"]
        return self

    def request(self, method, path, **kw):
        headers = dict(kw.pop("headers", {}) or {})
        if self.csrf and method not in ("GET", "HEAD"):
            headers.setdefault("X-CSRF-Token", self.csrf)
        return self.http.request(method, self.base + path, headers=headers, timeout=30, **kw)


@pytest.fixture
def client(server):
    return Client(server.url)


@pytest.fixture
def admin(server):
    return Client(server.url).login(ADMIN)


def error_of(response):
    """The {"code", "message", "field"} of a JSON error answer."""
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]


def assert_nothing_stored(response):
    """A write refused because the server cannot store anything (a full or read-only disk)."""
    assert response.status_code == 503, response.text
    error = response.json()["error"]
    assert error["code"] == "unavailable"
    assert "cannot store anything" in error["message"] and "nothing was written" in error["message"]


def assert_writes_again(server, admin, bio):
    """After the store's trouble: the next write succeeds with no restart, and a new sign-in works."""
    r = admin.patch("/api/v1/me", json={"bio": bio})
    assert r.status_code == 200, r.text
    assert admin.get("/api/v1/me").json()["bio"] == bio
    assert Client(server.url).login(ADMIN).get("/api/v1/me").status_code == 200


_email_counter = itertools.count(1)


def unique_email(prefix="person"):
    return f"{prefix}.{os.getpid()}.{next(_email_counter)}.{int(time.time() * 1000) % 100000}@example.com"


PERSON_PASSWORD = "a long password 1"  # of the people create_person makes


def create_person(admin, **fields):
    """Creates a person with a password through the admin API (`fields` override the e-mail, the
    name and the password, or add to the body): (the person as the API answered, a Client signed
    in as them)."""
    body = {"email": unique_email(), "name": "Test Person", "password": PERSON_PASSWORD, **fields}
    r = admin.post("/api/v1/people", json=body)
    assert r.status_code == 201, r.text
    return r.json(), Client(admin.base).login(body["email"], body["password"])


@pytest.fixture
def make_person(admin):
    """Creates a person through the admin API and returns (person json, signed-in Client)."""

    def make(**fields):
        return create_person(admin, **fields)

    return make
