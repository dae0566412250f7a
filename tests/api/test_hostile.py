"""Hostile input (issue 20): oversized fields, nesting bombs, invalid UTF-8, NUL bytes, huge and
negative numbers, zero and huge limits, injection strings, header abuse and slow clients.

Each refused input is a clean JSON 4xx (never a 500, never a dropped connection where an answer
is due), nothing is written (the profile read back is unchanged) and the server keeps serving.
Injection strings are not refused: they are stored and returned exactly as sent."""
import json
import socket
import threading
import time

import pytest
import requests

from conftest import ADMIN, Client, create_person, error_of, unique_email


@pytest.fixture(scope="module")
def person(server):
    _, person = create_person(Client(server.url).login(ADMIN), email=unique_email("hostile"), name="Hostile Input",
                              bio="the bio before", mentor_capacity=2)
    return person


def profile(person):
    r = person.get("/api/v1/me")
    assert r.status_code == 200, r.text
    return r.json()


def assert_refused(r, status, field=None):
    """A JSON error with this status (a set of statuses allowed), naming `field` if given."""
    allowed = status if isinstance(status, set) else {status}
    assert r.status_code in allowed, (r.status_code, r.text[:300])
    assert r.headers["Content-Type"].startswith("application/json")
    err = error_of(r)
    if field is not None:
        assert err["field"] == field, err
    return err


def send_raw(server, data, timeout=10):
    """Writes bytes on a fresh connection; returns what the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except ConnectionResetError:
            pass
    return out


def status_of(answer):
    assert answer.startswith(b"HTTP/1.1 "), answer[:200]
    return int(answer[9:12])


def patch_raw_body(person, body: bytes):
    return person.patch("/api/v1/me", data=body, headers={"Content-Type": "application/json"})


# --- oversized fields ----------------------------------------------------------------------------

@pytest.mark.parametrize("field,value", [
    ("bio", "b" * 2001),
    ("bio", "b" * (900 * 1024)),
    ("name", "n" * 10_000),
    ("title", "t" * 10_000),
    ("languages", ["English"] * 1000),
    ("skills", [{"name": f"skill {i}", "level": 3} for i in range(500)]),
])
def test_an_oversized_field_is_422_naming_it_and_nothing_is_written(person, field, value):
    before = profile(person)
    assert_refused(person.patch("/api/v1/me", json={field: value}), 422, field)
    assert profile(person) == before


def test_an_oversized_item_inside_a_list_is_422_naming_the_item(person):
    before = profile(person)
    err = assert_refused(person.patch("/api/v1/me", json={"skills": [{"name": "s" * 10_000, "level": 2}]}), 422)
    assert err["field"].startswith("skills[0]")
    assert profile(person) == before


def test_a_body_over_the_limit_is_413_on_any_route(person):
    before = profile(person)
    body = json.dumps({"mentor_id": "1", "message": "m" * (2 << 20)})
    assert_refused(person.post("/api/v1/relationships", data=body, headers={"Content-Type": "application/json"}),
                   413)
    assert profile(person) == before


# --- nesting bombs -------------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [100, 10_000, 500_000])
def test_deeply_nested_json_is_400_and_nothing_is_written(person, depth):
    before = profile(person)
    body = '{"bio": ' + "[" * depth + "]" * depth + "}"
    assert_refused(patch_raw_body(person, body.encode()), 400)
    assert profile(person) == before


def test_an_unclosed_nesting_bomb_is_400(person):
    before = profile(person)
    assert_refused(patch_raw_body(person, b'{"a":' + b"[{" * 300_000), 400)
    assert profile(person) == before


def test_nesting_a_real_request_needs_is_still_accepted(person):
    r = person.patch("/api/v1/me", json={"aspirations": {"roles": ["Staff Engineer"]}})
    assert r.status_code == 200, r.text


# --- invalid UTF-8 and NUL bytes ------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    b'{"bio": "\xff\xfe"}',
    b'{"bio": "overlong \xc0\xaf slash"}',
    b'{"bio": "surrogate \xed\xa0\x80"}',
    b'{"bio": "truncated \xe2\x82"}',
    b'{"bio": "beyond U+10FFFF \xf4\x90\x80\x80"}',
    b'{"bio": "lone escape \\ud800"}',
    b'{"bio\xff": "key not UTF-8"}',
])
def test_a_body_that_is_not_utf8_is_400_and_nothing_is_written(person, raw):
    before = profile(person)
    assert_refused(patch_raw_body(person, raw), 400)
    assert profile(person) == before


@pytest.mark.parametrize("patch,field", [
    ({"bio": "nul\u0000byte"}, "bio"),
    ({"name": "Nul\u0000Name"}, "name"),
    ({"languages": ["English", "Fr\u0000ench"]}, "languages[1]"),
    ({"skills": [{"name": "SQL\u0000", "level": 2}]}, "skills[0].name"),
    ({"aspirations": {"roles": ["\u0000"]}}, "aspirations.roles[0]"),
    ({"timezone": "Europe/Paris\u0000"}, "timezone"),
])
def test_a_nul_byte_in_any_text_field_is_422_naming_it(person, patch, field):
    before = profile(person)
    assert_refused(person.patch("/api/v1/me", json=patch), 422, field)
    assert profile(person) == before


def test_a_nul_byte_in_a_sign_in_is_422_not_a_server_error(server):
    r = requests.post(server.url + "/api/v1/auth/login", json={"email": "a\u0000@example.com", "password": "x"})
    assert_refused(r, 422, "email")


@pytest.mark.parametrize("query", ["q=%FF%FE", "q=%C0%AF", "q=abc%00def", "limit=%00", "%FF=1", "q=%ED%A0%80"])
def test_a_query_that_decodes_to_nul_or_invalid_utf8_is_400(person, query):
    r = person.get("/api/v1/directory?" + query)
    assert_refused(r, 400)


def test_a_path_that_decodes_to_invalid_utf8_is_400(server):
    answer = send_raw(server, b"GET /api/v1/people/%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status_of(answer) == 400


# --- numbers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("field,raw", [
    ("mentor_capacity", "-1"),
    ("mentor_capacity", "100000000000000000000000000000"),
    ("mentor_capacity", "18446744073709551615"),
    ("mentor_capacity", "9223372036854775807"),
    ("mentor_capacity", "-9223372036854775808"),
    ("mentor_capacity", "2.5"),
    ("mentor_capacity", "1e400"),
    ("mentor_capacity", "-1e400"),
    ("mentor_capacity", '"3"'),
    ("monthly_availability_hours", "-5"),
    ("monthly_availability_hours", "4294967297"),
    ("career_start_year", "-2000"),
    ("career_start_year", "9223372036854775808"),
    ("manager_id", "18446744073709551615"),
])
def test_huge_negative_or_mistyped_numbers_are_refused_and_nothing_is_written(person, field, raw):
    before = profile(person)
    # 1e400 does not fit a double: a 400 (malformed) or 422 (wrong value) are both clean answers.
    err = assert_refused(patch_raw_body(person, ('{"%s": %s}' % (field, raw)).encode()), {400, 403, 422})
    if err["code"] == "invalid":
        assert err["field"] == field
    assert profile(person) == before


@pytest.mark.parametrize("path", [
    "/api/v1/relationships/99999999999999999999999",
    "/api/v1/relationships/-1",
    "/api/v1/relationships/0",
    "/api/v1/people/18446744073709551615",
    "/api/v1/circles/1e9",
])
def test_a_huge_negative_or_odd_id_in_the_path_is_404(person, path):
    assert_refused(person.get(path), 404)


# --- limits and cursors --------------------------------------------------------------------------

@pytest.mark.parametrize("route", ["/api/v1/directory", "/api/v1/relationships", "/api/v1/me/notifications", "/api/v1/circles", "/api/v1/people"])
@pytest.mark.parametrize("limit", ["0", "-1", "101", "1000000", "99999999999999999999", "abc", "1.5", "", " 5"])
def test_a_zero_negative_huge_or_garbled_limit_is_422_naming_limit(person, route, limit):
    assert_refused(person.get(route, params={"limit": limit}), 422, "limit")


@pytest.mark.parametrize("cursor", ["-5", "0", "99999999999999999999", "abc", "1;DROP TABLE people"])
def test_a_garbled_cursor_is_422_naming_cursor(person, cursor):
    assert_refused(person.get("/api/v1/relationships", params={"cursor": cursor}), 422, "cursor")


def test_the_largest_allowed_limit_is_served(person):
    r = person.get("/api/v1/directory", params={"limit": "100"})
    assert r.status_code == 200, r.text


# --- injection strings are data --------------------------------------------------------------------

INJECTIONS = [
    "Robert'); DROP TABLE people;--",
    "' OR '1'='1",
    "\" OR \"\"=\"",
    "1; DELETE FROM sessions WHERE 1=1; --",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "{{7*7}} ${7*7} %s %n %x",
    "\\'; \\\"; \\\\",
    "% _ %% __ [a-z]*",
    "NEAR(a b) \"unbalanced AND OR NOT * ^",
    "Ünïcødé ✓ 😀 עברית",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_are_stored_and_returned_intact(person, text):
    r = person.patch("/api/v1/me", json={"bio": text, "title": text[:100], "languages": [text[:100]]})
    assert r.status_code == 200, r.text
    me = profile(person)
    assert (me["bio"], me["title"], me["languages"]) == (text, text[:100], [text[:100]])
    assert r.headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_as_a_search_are_answered_not_failed(person, text):
    r = person.get("/api/v1/directory", params={"q": text})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 422:
        assert error_of(r)["field"] == "q"
    else:
        assert isinstance(r.json()["items"], list)


def test_an_injection_string_as_a_sign_in_is_just_a_wrong_sign_in(server):
    r = requests.post(server.url + "/api/v1/auth/login", json={"email": "x' OR '1'='1", "password": "' OR 1=1 --"})
    assert_refused(r, {401, 422})
    assert requests.get(server.url + "/healthz").status_code == 200


# --- header abuse ----------------------------------------------------------------------------------

def test_a_huge_header_is_431(person):
    before = profile(person)
    r = person.patch("/api/v1/me", json={"bio": "through a huge header"}, headers={"X-Pad": "x" * (64 * 1024)})
    assert_refused(r, 431)
    assert profile(person) == before


def test_many_headers_past_the_limit_are_431(server, person):
    before = profile(person)
    headers = "".join(f"X-H{i}: {'v' * 20}\r\n" for i in range(2000)).encode()
    answer = send_raw(server, b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
    assert status_of(answer) == 431
    assert profile(person) == before


def test_many_small_headers_within_the_limit_are_served(server):
    headers = "".join(f"X-H{i}: v\r\n" for i in range(300)).encode()
    answer = send_raw(server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + b"\r\n")
    assert status_of(answer) == 200


@pytest.mark.parametrize("lengths", [
    [b"abc"], [b"-1"], [b"99999999999999999999999"], [b"5", b"7"], [b"1 2"], [b"0x10"],
])
def test_a_bad_content_length_is_400_or_413_and_nothing_is_written(server, person, lengths):
    before = profile(person)
    cookie = "; ".join(f"{k}={v}" for k, v in person.http.cookies.items())
    head = (b"PATCH /api/v1/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Cookie: " + cookie.encode() + b"\r\nX-CSRF-Token: " + person.csrf.encode() + b"\r\n")
    for length in lengths:
        head += b"Content-Length: " + length + b"\r\n"
    answer = send_raw(server, head + b'\r\n{"bio": "smuggled"}')
    assert status_of(answer) in (400, 413), answer[:200]
    assert profile(person) == before


def test_content_length_and_chunked_together_are_refused_or_framed_by_chunks(server, person):
    before = profile(person)
    cookie = "; ".join(f"{k}={v}" for k, v in person.http.cookies.items())
    body = b'{"bio": "smuggled"}'
    request = (b"PATCH /api/v1/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
               b"Cookie: " + cookie.encode() + b"\r\nX-CSRF-Token: " + person.csrf.encode() + b"\r\n"
               b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
               + hex(len(body))[2:].encode() + b"\r\n" + body + b"\r\n0\r\n\r\n")
    answer = send_raw(server, request)
    # RFC 9112: a server may refuse the message (400) or must let chunked framing win; never
    # may the Content-Length frame it (that is how requests are smuggled).
    assert status_of(answer) in (200, 400), answer[:200]
    assert answer.count(b"HTTP/1.1 ") == 1
    if status_of(answer) == 400:
        assert profile(person) == before


def test_a_body_shorter_than_its_content_length_writes_nothing(server, person):
    before = profile(person)
    cookie = "; ".join(f"{k}={v}" for k, v in person.http.cookies.items())
    head = (b"PATCH /api/v1/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n"
            b"Cookie: " + cookie.encode() + b"\r\nX-CSRF-Token: " + person.csrf.encode() + b"\r\n\r\n")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(head + b'{"bio": "cut short"}')
        s.shutdown(socket.SHUT_WR)
        try:
            s.recv(65536)
        except ConnectionResetError:
            pass
    assert profile(person) == before


# --- slow clients ----------------------------------------------------------------------------------

def test_slow_clients_are_cut_off_at_the_read_deadline_and_others_are_served_meanwhile(server, person):
    """The server reads a whole request within 15 s of its first byte; dribbling one byte at a
    time does not extend that. Two slow clients (one in the header, one in the body) hold their
    connections while a normal client is served at once."""
    before = profile(person)
    cookie = "; ".join(f"{k}={v}" for k, v in person.http.cookies.items())
    slow_header = b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 40
    slow_body_head = (b"PATCH /api/v1/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 60\r\nCookie: " + cookie.encode() + b"\r\nX-CSRF-Token: "
                      + person.csrf.encode() + b"\r\n\r\n")
    slow_body = b'{"bio": "written one byte a second, far too slowly......"}'
    outcomes = {}

    def dribble(name, first, rest):
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
            s.sendall(first)
            try:
                for i in range(len(rest)):
                    s.sendall(rest[i:i + 1])
                    time.sleep(1)
                    if time.monotonic() - started > 25:
                        break
                answer = s.recv(65536)
            except (BrokenPipeError, ConnectionResetError):
                answer = b""
        outcomes[name] = (time.monotonic() - started, answer)

    threads = [threading.Thread(target=dribble, args=("header", slow_header[:20], slow_header[20:])),
               threading.Thread(target=dribble, args=("body", slow_body_head, slow_body))]
    for t in threads:
        t.start()
    time.sleep(1)
    # Served while both dribblers hold their connections (they are cut off after 15 s).
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 200
    for t in threads:
        t.join(60)
    for name, (elapsed, answer) in outcomes.items():
        assert elapsed < 25, f"the {name} dribbler was not cut off ({elapsed:.1f} s)"
        assert not answer.startswith(b"HTTP/1.1 2"), answer[:200]
    assert profile(person) == before
