"""The HTTP layer as a client sees it: JSON errors for unknown routes, wrong methods, oversized,
malformed and mistyped bodies; health and metrics; keep-alive, request ids, HEAD; the web
root (the sign-in page, static files, no path traversal); graceful shutdown on SIGTERM.

This module's server serves a web root made here: one asset, a symlink to a file outside it
and a secret file next to it, so that traversal attempts have something to find."""
import http.client
import json
import re
import signal
import socket
import time

import pytest
import requests

from conftest import ADMIN, Client, Server, create_person, error_of, unique_email

SECRET = "the secret next to the web root 7f3a9c"
ASSET = "console.log('mentorhub test asset');\n"


@pytest.fixture(scope="module")
def web_root(tmp_path_factory):
    base = tmp_path_factory.mktemp("site")
    web = base / "web"
    (web / "assets").mkdir(parents=True)
    (web / "assets" / "app.js").write_text(ASSET)
    (base / "secret.txt").write_text(SECRET)
    (web / "leak.txt").symlink_to(base / "secret.txt")
    (web / "outside").symlink_to(base, target_is_directory=True)
    return web


@pytest.fixture(scope="module")
def server(binary, demo_database, web_root):
    s = Server(binary, demo_database, extra=("--web-root", str(web_root)))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def person(server):
    """A signed-in person of this module, on whom refused bodies are tried."""
    _, person = create_person(Client(server.url).login(ADMIN), email=unique_email("http"), name="Http Person")
    return person


def raw(server, method, target, headers=None, body=None):
    """Sends the request target exactly as given (requests would normalise it); returns
    (status, headers, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, target, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def raw_bytes(server, data):
    """Writes bytes on a fresh connection and reads until the server closes it."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


def assert_json_error(r, status, code):
    assert r.status_code == status, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    err = error_of(r)
    assert err["code"] == code
    return err


# --- errors from the router and the body parser ------------------------------------------------

@pytest.mark.parametrize("method,path", [
    ("GET", "/api/v1/nothing-here"),
    ("GET", "/api/v2/me"),
    ("POST", "/api/v1/people/1/promote"),
    ("POST", "/nothing-here"),
    ("DELETE", "/"),
    ("GET", "/missing-file.js"),
])
def test_an_unknown_route_is_a_404_json_error(server, method, path):
    assert_json_error(requests.request(method, server.url + path), 404, "not_found")


@pytest.mark.parametrize("method,path,allowed", [
    ("DELETE", "/api/v1/me", {"GET", "PATCH"}),
    ("PUT", "/api/v1/people/12", {"GET", "PATCH"}),
    ("GET", "/api/v1/auth/login", {"POST"}),
    ("POST", "/healthz", {"GET"}),
])
def test_a_wrong_method_is_405_json_with_an_allow_header(server, method, path, allowed):
    r = requests.request(method, server.url + path)
    assert_json_error(r, 405, "method_not_allowed")
    assert {m.strip() for m in r.headers["Allow"].split(",")} == allowed


def test_a_body_over_1_mib_is_413_json_and_nothing_is_written(person):
    c = person
    before = c.get("/api/v1/me").json()
    body = json.dumps({"bio": "x" * (1536 * 1024)})
    r = c.patch("/api/v1/me", data=body, headers={"Content-Type": "application/json"})
    assert_json_error(r, 413, "payload_too_large")
    assert r.headers.get("Connection", "").lower() == "close"
    assert c.get("/api/v1/me").json() == before


def test_a_chunked_body_over_1_mib_is_413_too(person):
    c = person
    before = c.get("/api/v1/me").json()

    def chunks():
        yield b'{"bio": "'
        for _ in range(24):
            yield b"x" * 65536
        yield b'"}'

    r = c.patch("/api/v1/me", data=chunks(), headers={"Content-Type": "application/json"})
    assert_json_error(r, 413, "payload_too_large")
    assert c.get("/api/v1/me").json() == before


def test_a_body_of_exactly_1_mib_is_read_and_judged_on_its_content(person):
    c = person
    before = c.get("/api/v1/me").json()
    envelope = json.dumps({"bio": ""})
    body = json.dumps({"bio": "x" * (1048576 - len(envelope))})
    assert len(body) == 1048576
    r = c.patch("/api/v1/me", data=body, headers={"Content-Type": "application/json"})
    assert_json_error(r, 422, "invalid")
    assert error_of(r)["field"] == "bio"
    assert c.get("/api/v1/me").json() == before


@pytest.mark.parametrize("body", ['{"bio": "unterminated', "{bio: 'single quotes'}", "", "   "])
def test_a_malformed_or_empty_json_body_is_400(person, body):
    c = person
    before = c.get("/api/v1/me").json()
    r = c.patch("/api/v1/me", data=body, headers={"Content-Type": "application/json"})
    assert_json_error(r, 400, "bad_request")
    assert c.get("/api/v1/me").json() == before


@pytest.mark.parametrize("body", ["[]", '"bio"', "42", "null", "true"])
def test_json_that_is_not_an_object_is_422_naming_no_field(person, body):
    c = person
    r = c.patch("/api/v1/me", data=body, headers={"Content-Type": "application/json"})
    assert assert_json_error(r, 422, "invalid")["field"] == ""


@pytest.mark.parametrize("content_type", [
    "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
    "application/jsonp", None,
])
def test_a_body_that_is_not_sent_as_json_is_415(person, content_type):
    c = person
    before = c.get("/api/v1/me").json()
    headers = {"Content-Type": content_type} if content_type else {}
    r = c.patch("/api/v1/me", data=b'{"bio": "sent as something else"}', headers=headers)
    assert_json_error(r, 415, "unsupported_media_type")
    assert c.get("/api/v1/me").json() == before


def test_a_json_content_type_with_a_charset_is_accepted(person):
    c = person
    r = c.patch("/api/v1/me", data=b'{"bio": "with charset"}',
                headers={"Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200
    assert r.json()["bio"] == "with charset"


def test_a_header_over_16_kib_is_431_json(server):
    r = requests.get(server.url + "/healthz", headers={"X-Padding": "x" * (20 * 1024)})
    assert_json_error(r, 431, "header_too_large")


@pytest.mark.parametrize("target", ["/%zz", "/api/v1/people/%00"])
def test_a_malformed_request_target_is_400_json(server, target):
    status, headers, body = raw(server, "GET", target)
    assert status == 400
    assert json.loads(body)["error"]["code"] == "bad_request"


def test_bytes_that_are_not_http_get_a_400_json_error(server):
    answer = raw_bytes(server, b"THIS IS NOT HTTP\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400")
    assert b'"bad_request"' in answer


# --- operations --------------------------------------------------------------------------------

def test_healthz_is_200_ok_without_credentials(server):
    r = requests.get(server.url + "/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def metric_lines(server):
    r = requests.get(server.url + "/metrics")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/plain")
    return r.text.splitlines()


def sample(lines, name, labels=""):
    pattern = re.compile(re.escape(name + labels) + r" (\S+)$")
    values = [float(m.group(1)) for line in lines if (m := pattern.match(line))]
    assert len(values) == 1, f"{name}{labels} not exactly once in metrics"
    return values[0]


def settled_sample(server, name, labels, expected=None):
    """The server counts a response once it is written, so the client can read the metrics a moment
    before its own last request is counted: wait, briefly, for the figure to settle (or to reach
    the expected value) instead of racing the server."""
    deadline = time.monotonic() + 5
    value = sample(metric_lines(server), name, labels)
    while time.monotonic() < deadline:
        time.sleep(0.05)
        again = sample(metric_lines(server), name, labels)
        if (expected is None and again == value) or again == expected:
            return again
        value = again
    return value


def test_metrics_count_requests_by_route_pattern_method_and_status(server):
    requests.get(server.url + "/api/v1/people/12")  # 401: not signed in
    labels = '{route="/api/v1/people/{id}",method="GET",status="401"}'
    before = settled_sample(server, "mentorhub_http_requests_total", labels)
    requests.get(server.url + "/api/v1/people/34")
    assert settled_sample(server, "mentorhub_http_requests_total", labels, expected=before + 1) == before + 1


def test_metrics_are_prometheus_text_with_types(server):
    lines = metric_lines(server)
    assert "# TYPE mentorhub_http_requests_total counter" in lines
    assert "# TYPE mentorhub_http_request_duration_seconds histogram" in lines
    assert "# TYPE mentorhub_open_connections gauge" in lines
    for line in lines:
        assert line.startswith("#") or re.match(r'^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? \S+$', line), line


def test_metrics_report_sqlites_heap_on_sqlite_only(server, store_kind):
    # The soak benchmark reads it beside the resident size: the page caches fill as the database grows.
    lines = metric_lines(server)
    if store_kind == "sqlite":
        assert "# TYPE mentorhub_sqlite_heap_bytes gauge" in lines
        assert sample(lines, "mentorhub_sqlite_heap_bytes") > 0
    else:
        assert not any(line.startswith("mentorhub_sqlite_heap_bytes") for line in lines)


def test_metrics_report_open_connections(server):
    # The scrape's own connection is open while the answer is made.
    assert sample(metric_lines(server), "mentorhub_open_connections") >= 1


def test_the_duration_histogram_is_cumulative_and_ends_with_the_count(server):
    lines = metric_lines(server)
    buckets = [float(line.rsplit(" ", 1)[1]) for line in lines
               if line.startswith("mentorhub_http_request_duration_seconds_bucket{")]
    assert len(buckets) > 2
    assert buckets == sorted(buckets)
    assert 'mentorhub_http_request_duration_seconds_bucket{le="+Inf"}' in "\n".join(lines)
    count = sample(lines, "mentorhub_http_request_duration_seconds_count")
    assert buckets[-1] == count > 0
    assert sample(lines, "mentorhub_http_request_duration_seconds_sum") > 0


# --- connections, request ids, HEAD ---------------------------------------------------------

def test_two_requests_share_one_kept_alive_connection(server):
    s = requests.Session()
    first = s.get(server.url + "/healthz")
    second = s.get(server.url + "/api/v1/me")
    assert first.status_code == 200 and second.status_code == 401
    assert first.headers.get("Connection", "").lower() != "close"
    pool = s.get_adapter(server.url).poolmanager.connection_from_url(server.url)
    assert pool.num_connections == 1


def test_two_requests_written_back_to_back_are_both_answered_in_order(server):
    request = b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Request-Id: first\r\n\r\n"
    last = b"GET /api/v1/me HTTP/1.1\r\nHost: t\r\nX-Request-Id: second\r\nConnection: close\r\n\r\n"
    answer = raw_bytes(server, request + last)
    assert answer.count(b"HTTP/1.1 ") == 2
    assert answer.index(b"X-Request-Id: first") < answer.index(b"HTTP/1.1 401") < answer.index(b"X-Request-Id: second")


def test_a_plain_client_request_id_is_echoed(server):
    r = requests.get(server.url + "/healthz", headers={"X-Request-Id": "trace-42.a_b:c"})
    assert r.headers["X-Request-Id"] == "trace-42.a_b:c"


@pytest.mark.parametrize("bad", ["has spaces", "x" * 65, "semi;colon"])
def test_an_unsafe_request_id_is_replaced_by_one_the_server_makes(server, bad):
    r = requests.get(server.url + "/healthz", headers={"X-Request-Id": bad})
    assert r.headers["X-Request-Id"] and r.headers["X-Request-Id"] != bad


def test_every_response_carries_a_distinct_request_id_errors_too(server):
    ids = {requests.get(server.url + path).headers["X-Request-Id"] for path in ("/healthz", "/api/v1/me", "/api/nope")}
    assert len(ids) == 3 and "" not in ids


def test_head_of_the_root_page_has_the_get_headers_and_no_body(server):
    _, get_headers, get_body = raw(server, "GET", "/")
    status, headers, body = raw(server, "HEAD", "/")
    assert status == 200
    assert body == b""
    assert headers["content-type"] == get_headers["content-type"]
    assert int(headers["content-length"]) == len(get_body) > 0


def test_head_of_an_api_route_answers_like_get_without_a_body(server):
    status, _, body = raw(server, "HEAD", "/api/v1/me")
    assert status == 401
    assert body == b""


# --- the web root ------------------------------------------------------------------------------

def test_the_root_page_is_an_html_sign_in_page(server):
    r = requests.get(server.url + "/")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    page = r.text.lower()
    assert "<form" in page and 'type="password"' in page and "sign in" in page


def test_a_client_side_route_gets_the_same_page(server):
    r = requests.get(server.url + "/people/42")
    assert r.status_code == 200
    assert r.text == requests.get(server.url + "/").text


def test_a_static_file_of_the_web_root_is_served(server):
    r = requests.get(server.url + "/assets/app.js")
    assert r.status_code == 200
    assert r.text == ASSET
    assert r.headers["Content-Type"].startswith("text/javascript")


TRAVERSALS = [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/..%5c..%5cetc%5cpasswd",
    "//etc/passwd",
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/.%2e/secret.txt",
    "/assets/../../secret.txt",
    "/assets/%2e%2e/%2e%2e/secret.txt",
    "/assets/..%2f..%2fsecret.txt",
    "/leak.txt",
    "/outside/secret.txt",
    "/outside/web/../secret.txt",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_path_traversal_never_returns_a_file_outside_the_web_root(server, target):
    status, _, body = raw(server, "GET", target)
    assert SECRET.encode() not in body
    assert b"root:" not in body
    assert status in (200, 400, 404)  # 200 only for the sign-in page of an extension-less path


# --- graceful shutdown ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spare_database(new_demo_database):
    return new_demo_database()


def test_sigterm_stops_the_server_with_exit_code_0(binary, spare_database):
    s = Server(binary, spare_database)
    try:
        s.proc.send_signal(signal.SIGTERM)
        assert s.proc.wait(timeout=5) == 0
    finally:
        s.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(s.url + "/healthz", timeout=2)


def test_an_idle_kept_alive_connection_does_not_delay_shutdown(binary, spare_database):
    s = Server(binary, spare_database)
    try:
        idle = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
        idle.request("GET", "/healthz")
        r = idle.getresponse()
        assert r.status == 200 and not r.will_close
        r.read()
        started = time.monotonic()
        s.proc.send_signal(signal.SIGTERM)
        assert s.proc.wait(timeout=5) == 0
        assert time.monotonic() - started < 3  # far less than the 10 s grace period
        assert idle.sock.recv(1) == b""  # the server closed the idle connection
        idle.close()
    finally:
        s.stop()


# --- security headers and hostile text (issue 20) --------------------------------------------------

SECURITY_HEADERS = {"content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"}


@pytest.mark.parametrize("method,path", [("GET", "/"), ("GET", "/api/v1/me"), ("GET", "/healthz"),
                                         ("GET", "/api/v1/nowhere"), ("GET", "/assets/app.js"),
                                         ("GET", "/fallback.js")])
def test_every_response_carries_the_security_headers(server, method, path):
    r = requests.request(method, server.url + path)
    assert SECURITY_HEADERS <= {k.lower() for k in r.headers}, r.headers
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_the_servers_own_errors_carry_the_security_headers_too(server):
    status, headers, _ = raw(server, "GET", "/%zz")
    assert status == 400
    assert SECURITY_HEADERS <= set(headers)


def test_the_sign_in_page_needs_no_inline_script_or_style(server):
    page = requests.get(server.url + "/").text.lower()
    assert "<script>" not in page and "<style>" not in page and 'src="/fallback.js"' in page
    assert requests.get(server.url + "/fallback.js").headers["Content-Type"].startswith("text/javascript")


@pytest.mark.parametrize("bio", ["nul\x00byte", "bell\x07", "escape\x1b[31m", "lone\rreturn", "del\x7f"])
def test_text_with_control_characters_is_refused_and_nothing_is_written(person, bio):
    before = person.get("/api/v1/me").json()["bio"]
    r = person.patch("/api/v1/me", json={"bio": bio})
    assert r.status_code == 422 and error_of(r)["field"] == "bio", r.text
    assert person.get("/api/v1/me").json()["bio"] == before


def test_line_breaks_tabs_and_crlf_are_kept(person):
    bio = "line one\nline two\r\n\tindented"
    r = person.patch("/api/v1/me", json={"bio": bio})
    assert r.status_code == 200, r.text
    assert person.get("/api/v1/me").json()["bio"] == bio


def test_the_413_and_431_answers_carry_the_security_headers(person):
    r = person.patch("/api/v1/me", data=json.dumps({"bio": "x" * (1536 * 1024)}),
                     headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and SECURITY_HEADERS <= {k.lower() for k in r.headers}
    r = requests.get(person.base + "/healthz", headers={"X-Padding": "x" * (20 * 1024)})
    assert r.status_code == 431 and SECURITY_HEADERS <= {k.lower() for k in r.headers}


def test_a_405_and_a_static_file_carry_the_security_headers(server):
    for r in (requests.delete(server.url + "/api/v1/me"), requests.get(server.url + "/assets/app.js")):
        assert SECURITY_HEADERS <= {k.lower() for k in r.headers}, (r.status_code, r.headers)


# --- cookies, sessions and credential throttles (issue 20) -------------------------------------------

def set_cookies(response):
    """The Set-Cookie headers of a response, by cookie name."""
    cookies = {}
    for name, value in response.raw.headers.items():
        if name.lower() == "set-cookie":
            cookies[value.split("=", 1)[0]] = value
    return cookies


def test_session_cookies_are_http_only_and_same_site_and_not_secure_without_tls(server):
    r = requests.post(server.url + "/api/v1/auth/login", json={"email": ADMIN, "password": "mentorhub-demo"})
    cookies = set_cookies(r)
    assert "HttpOnly" in cookies["mh_session"] and "SameSite=Lax" in cookies["mh_session"]
    assert "HttpOnly" not in cookies["mh_csrf"] and "SameSite=Lax" in cookies["mh_csrf"]
    assert all("Secure" not in c for c in cookies.values())


def test_with_secure_cookies_every_cookie_is_secure(binary, spare_database):
    s = Server(binary, spare_database, extra=("--secure-cookies",))
    try:
        r = requests.post(s.url + "/api/v1/auth/login", json={"email": ADMIN, "password": "mentorhub-demo"})
        assert r.status_code == 200
        cookies = set_cookies(r)
        assert set(cookies) == {"mh_session", "mh_csrf"}
        assert all("; Secure" in c for c in cookies.values()), cookies
    finally:
        s.stop()


def test_signing_in_again_gives_a_new_session_and_ends_the_old_one(server):
    c = Client(server.url).login(ADMIN)
    old = c.http.cookies.get("mh_session")
    r = c.post("/api/v1/auth/login", json={"email": ADMIN, "password": "mentorhub-demo"})
    assert r.status_code == 200
    new = c.http.cookies.get("mh_session")
    assert new and new != old
    assert requests.get(server.url + "/api/v1/me", cookies={"mh_session": old}).status_code == 401
    assert requests.get(server.url + "/api/v1/me", cookies={"mh_session": new}).status_code == 200


def test_a_session_id_planted_before_sign_in_is_not_the_one_signed_in(server):
    planted = "a" * 64
    r = requests.post(server.url + "/api/v1/auth/login", json={"email": ADMIN, "password": "mentorhub-demo"},
                      cookies={"mh_session": planted})
    assert r.status_code == 200
    assert set_cookies(r)["mh_session"].split(";")[0] != "mh_session=" + planted
    assert requests.get(server.url + "/api/v1/me", cookies={"mh_session": planted}).status_code == 401


def new_signed_in(server, prefix):
    _, person = create_person(Client(server.url).login(ADMIN), email=unique_email(prefix), name="Throttle Person")
    return person


def test_wrong_current_passwords_are_throttled_even_for_the_right_one(server):
    c = new_signed_in(server, "pwthrottle")
    for _ in range(5):
        r = c.post("/api/v1/me/password", json={"current_password": "wrong guess", "new_password": "a new password 2"})
        assert r.status_code == 422 and error_of(r)["field"] == "current_password"
    r = c.post("/api/v1/me/password", json={"current_password": "a long password 1", "new_password": "a new password 2"})
    assert r.status_code == 429 and error_of(r)["code"] == "rate_limited", r.text
    assert int(r.headers["Retry-After"]) > 0
    # Nothing changed: the old password still signs in.
    Client(server.url).login(c.person["email"], "a long password 1")


def test_making_api_tokens_is_throttled(server):
    c = new_signed_in(server, "tokthrottle")
    for i in range(10):
        assert c.post("/api/v1/me/tokens", json={"label": f"t{i}"}).status_code == 201
    r = c.post("/api/v1/me/tokens", json={"label": "one too many"})
    assert r.status_code == 429 and error_of(r)["code"] == "rate_limited"
    assert len(c.get("/api/v1/me/tokens").json()["items"]) == 10
