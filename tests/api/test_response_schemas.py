"""The check conftest.py runs on every answer: what it lets through and what it names. It reads
docs/openapi.yaml only and starts no server."""
import json

import pytest

from response_schemas import ResponseSchemas

JSON = "application/json"


@pytest.fixture(scope="module")
def schemas():
    return ResponseSchemas()


def check(schemas, method, path, status, body, content_type=JSON):
    raw = json.dumps(body).encode() if body is not None else b""
    return schemas.check(method, "http://127.0.0.1:1" + path, status, content_type, raw)


def test_an_answer_the_document_describes_passes(schemas):
    assert check(schemas, "GET", "/api/v1/me/tokens", 200, {"items": []}) is None


def test_a_status_the_operation_does_not_list_names_route_and_status(schemas):
    problem = check(schemas, "GET", "/api/v1/me/tokens", 409,
                    {"error": {"code": "conflict", "message": "no", "field": ""}})
    assert problem.startswith("GET /api/v1/me/tokens: status 409 is not documented")


def test_a_body_that_does_not_match_names_the_member_at_fault(schemas):
    problem = check(schemas, "GET", "/api/v1/me/tokens", 200, {"items": 3})
    assert "GET /api/v1/me/tokens 200" in problem
    assert "at .items" in problem


def test_a_missing_required_member_is_a_mismatch(schemas):
    problem = check(schemas, "GET", "/api/v1/me/tokens", 401, {"error": {"code": "unauthenticated"}})
    assert problem is not None and "'message' is a required property" in problem


def test_null_is_accepted_where_the_document_says_nullable(schemas):
    assert check(schemas, "GET", "/api/v1/people", 200, {"items": [], "next_cursor": None}) is None
    assert check(schemas, "GET", "/api/v1/people", 200, {"items": [], "next_cursor": 5}) is not None


def test_a_path_id_reaches_its_template_and_a_literal_segment_wins_over_a_parameter(schemas):
    assert schemas.route_of("/api/v1/people/12/deactivate")[0] == "/api/v1/people/{id}/deactivate"
    assert schemas.route_of("/api/v1/me/tokens/")[0] == "/api/v1/me/tokens"
    assert schemas.route_of("/api/v1/nowhere") is None


def test_default_stands_for_the_errors_any_route_can_give_and_no_others(schemas):
    error = {"error": {"code": "internal", "message": "request 1", "field": ""}}
    assert check(schemas, "GET", "/api/v1/me/tokens", 500, error) is None
    assert check(schemas, "GET", "/api/v1/me/tokens", 418, error) is not None


def test_an_unknown_route_must_answer_an_error_body(schemas):
    assert check(schemas, "GET", "/api/v1/nowhere", 404,
                 {"error": {"code": "not_found", "message": "no route", "field": ""}}) is None
    assert check(schemas, "GET", "/api/v1/nowhere", 404, {"oops": 1}) is not None
    assert check(schemas, "GET", "/api/v1/nowhere", 200, {}) is not None


def test_json_where_the_document_promises_no_body_is_a_mismatch(schemas):
    problem = check(schemas, "POST", "/api/v1/auth/logout", 204, {"done": True})
    assert problem == "POST /api/v1/auth/logout 204: answered with JSON, documented as no body"


def test_static_files_head_answers_and_the_test_builds_hooks_are_not_checked(schemas):
    assert check(schemas, "GET", "/index.html", 200, None, "text/html") is None
    assert check(schemas, "HEAD", "/api/v1/me/tokens", 200, None) is None
    assert check(schemas, "POST", "/api/v1/test/clock", 200, {"now": "2026-11-25T08:00:00Z"}) is None


def test_a_browser_sent_to_sign_in_is_documented_but_no_other_redirect(schemas):
    assert schemas.check("GET", "http://127.0.0.1:1/api/v1/me/tokens", 303, "text/plain", b"",
                         location="/sign-in?return_to=%2Fapi%2Fv1%2Fme%2Ftokens") is None
    problem = schemas.check("GET", "http://127.0.0.1:1/api/v1/me/tokens", 303, "text/plain", b"",
                            location="https://elsewhere.example/")
    assert problem.startswith("GET /api/v1/me/tokens: status 303 is not documented")
