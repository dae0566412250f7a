#!/usr/bin/env python3
"""Fails when a source file under src/ includes a header from a layer above its own.

The layers (docs/ARCHITECTURE.md): each folder of src/ is a library that may use only the
folders listed for it here. CMake's link lines keep the libraries apart; this check keeps the
#include lines apart too, which the linker cannot see (a header-only use of a higher layer
links fine and still breaks the layering). Boost.Beast may appear only in the HTTP server.
"""
import os
import re
import sys

MAY_USE = {
    "common": {"common"},
    "identity": {"common", "identity"},
    "domain": {"common", "domain"},
    "matching": {"common", "domain", "matching"},
    "calendar": {"common", "domain", "calendar"},
    "storage": {"common", "domain", "storage"},
    "services": {"common", "identity", "domain", "matching", "calendar", "storage", "services"},
    "jobs": {"common", "identity", "domain", "matching", "calendar", "storage", "services", "jobs"},
    "notify": {"common", "domain", "calendar", "storage", "notify"},
    "http": {"common", "http"},
    "api": {"common", "identity", "domain", "matching", "calendar", "storage", "services", "jobs", "notify", "http", "api"},
    "cli": {"common", "identity", "domain", "matching", "calendar", "storage", "services", "jobs", "notify", "http", "api",
            "cli"},
}
BEAST_ALLOWED = {"src/http/server.cpp", "src/http/server_test.cpp", "src/http/client.cpp"}
# Files that still cross a layer, each with the reason; the check fails if one of them stops
# crossing (so the list only shrinks).
KNOWN = set()
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')


def problems(root):
    found = []
    src = os.path.join(root, "src")
    for folder in sorted(os.listdir(src)):
        if folder not in MAY_USE:
            found.append(f"src/{folder}: a folder with no layer in tests/check_layers.py")
            continue
        for dirpath, _, files in os.walk(os.path.join(src, folder)):
            for name in sorted(files):
                if not name.endswith((".hpp", ".cpp", ".h")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        header = m.group(1)
                        top = header.split("/", 1)[0]
                        if top in MAY_USE and top not in MAY_USE[folder]:
                            found.append(f"{rel}:{number}: {folder} includes {header} from the layer above it ({top})")
                        if header.startswith("boost/beast") and rel not in BEAST_ALLOWED:
                            found.append(f"{rel}:{number}: Boost.Beast outside the HTTP server")
    return found


def self_test():
    """The check itself: a tree where domain includes storage must fail, a clean one pass."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "src", "domain"))
        with open(os.path.join(root, "src", "domain", "a.cpp"), "w") as f:
            f.write('#include "common/result.hpp"\n')
        assert problems(root) == [], problems(root)
        with open(os.path.join(root, "src", "domain", "b.cpp"), "w") as f:
            f.write('#include <vector>\n#include "storage/store.hpp"\n')
        assert problems(root) == ["src/domain/b.cpp:2: domain includes storage/store.hpp from the layer above it (storage)"]


def main():
    self_test()
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    found = problems(root)
    crossing = {p.split(":", 1)[0] for p in found}
    healed = sorted(k for k in KNOWN if k not in crossing)
    found = [p for p in found if p.split(":", 1)[0] not in KNOWN]
    found += [f"{k}: no longer crosses a layer: remove it from KNOWN in tests/check_layers.py" for k in healed]
    for p in found:
        print(p)
    if found:
        print(f"{len(found)} include(s) cross the layers")
        return 1
    print("every include stays within its layer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
