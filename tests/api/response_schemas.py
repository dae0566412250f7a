"""Checks a response from the server against docs/openapi.yaml: the operation is found by path
template and method, its status must be documented for that operation, and a JSON body must
match the schema documented for that status ($ref components resolved). conftest.py runs every
response the API tests receive through `ResponseSchemas.check` and fails the test that made a
response the document does not describe, so the document and the server cannot drift apart.

`check` may be called from several threads (it validates under a lock)."""
import copy
import json
import os
import re
import threading
from urllib.parse import urlsplit

import jsonschema
import yaml

SPEC_PATH = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "openapi.yaml")
METHODS = ("get", "put", "post", "patch", "delete")

# Every operation ends with `default: ServerError`, whose description lists the errors any route
# can give. `default` stands for exactly those, so that a 409 or a 422 an operation does not
# list is still caught.
DEFAULT_STATUSES = {400, 405, 431, 500, 503}
# ...and every operation that needs a session (documents a 401) also stands for 403
# `second_factor_setup_required` (a session that may only set up a second factor).


def _openapi_to_json_schema(node):
    """OpenAPI 3.0 writes "or null" as `nullable: true`, which JSON Schema does not know."""
    if isinstance(node, list):
        return [_openapi_to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _openapi_to_json_schema(v) for k, v in node.items()}
    if out.pop("nullable", False):
        return {"anyOf": [{"type": "null"}, out]}
    return out


class ResponseSchemas:
    def __init__(self, spec_path=SPEC_PATH):
        with open(spec_path, encoding="utf-8") as f:
            self.spec = yaml.safe_load(f)
        self.document = _openapi_to_json_schema(copy.deepcopy(self.spec))
        self.resolver = jsonschema.RefResolver.from_schema(self.document)
        # A resolver keeps a stack of scopes while it validates: one check at a time.
        self._lock = threading.Lock()
        self._validators = {}
        self.routes = []
        for template, item in self.spec.get("paths", {}).items():
            segments = [s for s in template.split("/") if s]
            pattern = "/".join("[^/]+" if s.startswith("{") else re.escape(s) for s in segments)
            literals = tuple(not s.startswith("{") for s in segments)
            self.routes.append((re.compile("^" + pattern + "$"), literals, template, item))
        # A literal segment wins over a parameter in the same place (/people/me before
        # /people/{id}), as in the server's router.
        self.routes.sort(key=lambda r: tuple(not lit for lit in r[1]))

    def route_of(self, path):
        """The (template, path item) a request path reaches, or None."""
        key = "/".join(s for s in path.split("/") if s)
        for pattern, _, template, item in self.routes:
            if pattern.match(key):
                return template, item
        return None

    def _resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            _, node = self.resolver.resolve(node["$ref"])
        return node

    def _validate(self, schema, body):
        """The first mismatch of body against schema as text, or None."""
        key = json.dumps(schema, sort_keys=True)
        with self._lock:
            validator = self._validators.get(key)
            if validator is None:
                validator = jsonschema.Draft4Validator(_openapi_to_json_schema(schema), resolver=self.resolver)
                self._validators[key] = validator
            errors = sorted(validator.iter_errors(body), key=lambda e: [str(p) for p in e.absolute_path])
        if not errors:
            return None
        first = errors[0]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first.absolute_path) or "(the body)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"at {where}: {first.message}{more}"

    def check(self, method, url, status, content_type, body_bytes, location=None):
        """A sentence naming route, status and mismatch, or None when the document describes
        the response."""
        path = urlsplit(url).path
        # Static files are the web app's; /api/v1/test/ holds the test build's hooks (a movable
        # clock), which the product does not have and the document does not describe.
        if not path.startswith("/api/") or path.startswith("/api/v1/test/"):
            return None
        method = method.lower()
        is_json = (content_type or "").split(";")[0].strip().lower() == "application/json"
        if method == "head":
            method, is_json = "get", False
        found = self.route_of(path)
        if found is None or method not in found[1]:
            # No route, or not with this method: the router's 404 or 405, an Error like any.
            name = f"{method.upper()} {path}"
            if status < 400:
                return f"{name}: {status} from a route docs/openapi.yaml does not describe"
            return self._check_error_body(name, status, is_json, body_bytes)
        template, item = found
        name = f"{method.upper()} {template}"
        responses = item[method].get("responses", {})
        response = responses.get(str(status))
        if response is None:
            response = responses.get(f"{str(status)[0]}XX")
        if response is None and status in DEFAULT_STATUSES:
            response = responses.get("default")
        if response is None and status == 403 and "401" in responses and is_json \
                and b'"second_factor_setup_required"' in (body_bytes or b""):
            # Any route that needs a session answers this to a session that may only set up a
            # second factor (the document says so under `default`).
            response = responses.get("default")
        if response is None and status == 303 and method == "get" and "401" in responses \
                and (location or "").startswith("/sign-in?return_to="):
            # A browser without a session following a link goes to the sign-in page (the
            # document says so under Authentication and `default`).
            response = responses.get("default")
        if response is None:
            documented = ", ".join(str(s) for s in responses)
            return f"{name}: status {status} is not documented (documented: {documented})"
        with self._lock:
            response = self._resolve(response)
        content = response.get("content") or {}
        if not is_json:
            if body_bytes and "application/json" in content and len(content) == 1:
                return f"{name} {status}: documented as JSON, answered as {content_type!r}"
            return None
        media = content.get("application/json")
        if media is None:
            kinds = ", ".join(content) or "no body"
            return f"{name} {status}: answered with JSON, documented as {kinds}"
        try:
            body = json.loads(body_bytes)
        except ValueError:
            return f"{name} {status}: the body is not JSON"
        if "schema" not in media:
            return f"{name} {status}: the document gives no schema for the JSON body"
        problem = self._validate(media["schema"], body)
        return f"{name} {status}: the body does not match its schema {problem}" if problem else None

    def _check_error_body(self, name, status, is_json, body_bytes):
        if not is_json:
            return f"{name}: {status} without the JSON error body"
        try:
            body = json.loads(body_bytes)
        except ValueError:
            return f"{name} {status}: the body is not JSON"
        problem = self._validate({"$ref": "#/components/schemas/Error"}, body)
        return f"{name} {status}: the error body does not match Error {problem}" if problem else None
