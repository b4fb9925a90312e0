#!/usr/bin/env python3
"""Every diagnostic schemac can print is produced by some test: each name
registered in compiler/diag/kinds.def appears in a lit test as the code of a
`check --verify` expectation (`-- expected-error@+1 [name] {{...}}`) or in a
FileCheck line that matches schemac's output (`error: ... [name]` in text,
`"code": "name"` in JSON). Like Carbon's toolchain/diagnostics/coverage_test.cpp:
a diagnostic no test produces is dead or untested.

Diagnostics no test can produce yet are listed, each with its reason, in
tools/diag_coverage.allow; the list can only shrink: a listed name that a test
does produce is an error too, as is a listed name that is not registered.

  diag_coverage.py REPO_ROOT   prints "N of M diagnostics produced by tests ..." or the gaps (exit 1)
"""
import os
import re
import sys

EXPECTATION = re.compile(r"expected-(?:error|warning|note)(?:@[+-]?\d+)?\s*\[([a-z0-9-]+)\]")
# A FileCheck directive (any prefix: CHECK, VERIFY, JSON, ...), not a negative one.
DIRECTIVE = re.compile(r"^\s*(?:--|#|//)\s*([A-Z][A-Z0-9_]*(?:-[A-Z]+)?):")
CODE_IN_TEXT = re.compile(r"\[([a-z0-9-]+)\]")
CODE_IN_JSON = re.compile(r'"code"\s*:\s*"([a-z0-9-]+)"')


def produced_codes(lit_root):
    """The codes the lit tests expect schemac to print: {code: first test naming it}."""
    seen = {}
    for dirpath, dirnames, filenames in os.walk(lit_root):
        dirnames[:] = sorted(d for d in dirnames if d != "tools")
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            try:
                with open(path, encoding="utf-8") as f:
                    lines = f.read().splitlines()
            except (UnicodeDecodeError, OSError):
                continue
            verified = any("RUN:" in l and "--verify" in l for l in lines)
            rel = os.path.relpath(path, lit_root)
            for line in lines:
                codes = []
                if verified:
                    codes += EXPECTATION.findall(line)
                m = DIRECTIVE.match(line)
                if m and m.group(1) != "RUN" and not m.group(1).endswith("-NOT"):
                    codes += CODE_IN_TEXT.findall(line) + CODE_IN_JSON.findall(line)
                for c in codes:
                    seen.setdefault(c, rel)
    return seen


def read_allowlist(path):
    """{name: reason} from lines `name  # reason`."""
    allowed = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            body, _, reason = line.partition("#")
            name = body.strip()
            if not name:
                continue
            if not reason.strip():
                sys.exit(f"{path}:{n}: '{name}' is listed without a reason")
            allowed[name] = reason.strip()
    return allowed


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "compiler", "diag", "kinds.def"), encoding="utf-8") as f:
        kinds = re.findall(r'^DIAG\(\s*\w+\s*,\s*"([^"]+)"', f.read(), re.MULTILINE)
    lit_root = os.path.join(root, "tests", "lit")
    allow_path = os.path.join(lit_root, "tools", "diag_coverage.allow")
    allowed = read_allowlist(allow_path)
    seen = produced_codes(lit_root)
    problems = []
    for k in sorted(set(kinds)):
        if k in seen and k in allowed:
            problems.append(f"'{k}' is produced by {seen[k]}: remove it from tests/lit/tools/diag_coverage.allow")
        elif k not in seen and k not in allowed:
            problems.append(f"'{k}' (compiler/diag/kinds.def) is produced by no test: add one (a check --verify "
                            f"expectation with [{k}], or a CHECK line showing it)")
    for a in sorted(allowed):
        if a not in kinds:
            problems.append(f"'{a}' is listed in tests/lit/tools/diag_coverage.allow but is not in compiler/diag/kinds.def")
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    kinds = set(kinds)
    print(f"{len(kinds) - len(allowed)} of {len(kinds)} diagnostics produced by tests, {len(allowed)} allowed unproduced")


if __name__ == "__main__":
    main()
