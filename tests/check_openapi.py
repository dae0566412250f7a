#!/usr/bin/env python3
"""Fails unless every route the server registers is described in docs/openapi.yaml, and the
spec describes no route the server lacks."""
import argparse
import re
import subprocess
import sys

import yaml


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--spec", required=True)
    args = ap.parse_args()
    out = subprocess.run([args.binary, "routes"], capture_output=True, text=True, check=True).stdout
    routes = {tuple(line.split(" ", 1)) for line in out.splitlines() if line.strip()}
    with open(args.spec, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    assert spec.get("openapi", "").startswith("3."), "not an OpenAPI 3 document"
    described = set()
    for path, item in (spec.get("paths") or {}).items():
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                described.add((method.upper(), path))
                assert "responses" in op, f"{method.upper()} {path} has no responses"
    missing = sorted(routes - described)
    extra = sorted(described - routes)
    for m, p in missing:
        print(f"not in openapi.yaml: {m} {p}")
    for m, p in extra:
        print(f"in openapi.yaml but not served: {m} {p}")
    if missing or extra:
        return 1
    print(f"openapi.yaml describes all {len(routes)} routes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
