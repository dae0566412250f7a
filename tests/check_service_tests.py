#!/usr/bin/env python3
"""Fails when a use case of src/services has no unit test, or an error it returns is never seen.

The services layer (docs/ARCHITECTURE.md) is where every rule of Mentorhub lives, so its unit
tests (src/services/*_test.cpp, on an in-memory SQLite store) must reach all of it:
  1. every use case a services header declares (a function that takes a UseCase or an acting
     person) is called by name in some services test;
  2. every kind of error a services source returns (invalid, not_found, conflict, forbidden,
     unauthenticated, rate_limited, unavailable) is asserted by a test of that source: its own
     X_test.cpp or a test that includes services/X.hpp ("conflict" as code_of gives it,
     ErrorCode::conflict, or a shared assertion of services/testing.hpp named for the kind, such
     as expect_invalid(result, field)).
This reads the files as text: a function name is a word followed by "(" at the start of a
declaration line, an error kind a call of its constructor (`conflict(`) or `ErrorCode::kind`.
"""
import glob
import os
import re
import sys

KINDS = ["invalid", "not_found", "conflict", "forbidden", "unauthenticated", "rate_limited", "unavailable"]
DECLARATION = re.compile(
    r"^(?:inline\s+|static\s+)?(?:Result<[^;]*?>|Status|std::[\w:<>, ]+|bool|int|void|[A-Z]\w*(?:<[^>]*>)?)\s+"
    r"([a-z_][a-z0-9_]*)\(")
# A use case: it acts in a UseCase, or for an acting person (reads check who may see).
USE_CASE = re.compile(r"\bUseCase&|\bPerson[&*] ")


def without_comments(text):
    return re.sub(r"//[^\n]*", "", text)


def declarations(header):
    """(name, text) of each function declared: from its first line to the ';' or '{' ending it."""
    lines = header.split("\n")
    for i, line in enumerate(lines):
        m = DECLARATION.match(line)
        if not m:
            continue
        text = line
        j = i
        while not re.search(r"[;{]", text) and j + 1 < len(lines):
            j += 1
            text += " " + lines[j].strip()
        yield m.group(1), text


def gaps(root):
    services = os.path.join(root, "src", "services")
    tests = {path: open(path).read() for path in glob.glob(os.path.join(services, "*_test.cpp"))}
    all_tests = "\n".join(tests.values())
    found = []
    for header in sorted(glob.glob(os.path.join(services, "*.hpp"))):
        name = os.path.basename(header)
        if name == "testing.hpp":
            continue
        for name_, declaration in declarations(without_comments(open(header).read())):
            if USE_CASE.search(declaration) and not re.search(r"\b" + name_ + r"\b", all_tests):
                found.append(f"{name}: {name_} is called by no services test")
    for source in sorted(glob.glob(os.path.join(services, "*.cpp"))):
        if source.endswith("_test.cpp"):
            continue
        stem = os.path.basename(source)[:-4]
        code = without_comments(open(source).read())
        made = [k for k in KINDS if re.search(r"(?<![\w.:>])" + k + r"\(", code) or f"ErrorCode::{k}" in code]
        mine = [t for path, t in tests.items()
                if path.endswith(f"/{stem}_test.cpp") or f'"services/{stem}.hpp"' in t]
        for kind in made:
            if not any(f'"{kind}"' in t or f"ErrorCode::{kind}" in t or f"expect_{kind}(" in t for t in mine):
                found.append(f"{stem}.cpp: returns {kind}, which no test of it asserts")
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    found = gaps(root)
    for g in found:
        print(f"untested: {g}")
    if found:
        return 1
    print("every use case is called by a services test and every error kind a services source returns is asserted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
