#!/usr/bin/env python3
"""Every diagnostic schemac can print is documented: each name registered in
compiler/diag/kinds.def has a row in the tables of docs/language.md §15, and
each row there names a registered diagnostic (nothing stale). Like Carbon's
toolchain/diagnostics/coverage_test.cpp, for the documentation.

  diag_docs.py REPO_ROOT     prints "N diagnostics documented" or the gaps (exit 1)
"""
import os
import re
import sys


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "compiler", "diag", "kinds.def"), encoding="utf-8") as f:
        kinds = re.findall(r'^DIAG\(\s*\w+\s*,\s*"([^"]+)"', f.read(), re.MULTILINE)
    with open(os.path.join(root, "docs", "language.md"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^## 15\. .*?(?=^## 16\. )", text, re.MULTILINE | re.DOTALL)
    if not m:
        sys.exit("diag_docs.py: docs/language.md has no section 15")
    # Table rows: | `name` ... | or | `name` (warning) | ...
    documented = re.findall(r"^\| `([a-z0-9-]+)`", m.group(0), re.MULTILINE)
    problems = []
    for k in kinds:
        if k not in documented:
            problems.append(f"'{k}' (compiler/diag/kinds.def) has no row in docs/language.md §15")
    for d in documented:
        if d not in kinds:
            problems.append(f"'{d}' is documented in docs/language.md §15 but is not in compiler/diag/kinds.def")
    dups = {d for d in documented if documented.count(d) > 1}
    for d in sorted(dups):
        problems.append(f"'{d}' has more than one row in docs/language.md §15")
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"{len(kinds)} diagnostics documented")


if __name__ == "__main__":
    main()
