#!/usr/bin/env python3
"""Every lint rule is documented: each code registered in
compiler/lint/rules.def has its page docs/rules/<CODE>.md (whose title names
the code, its slug and its default severity) and a row in the index
docs/rules/README.md; and every page there belongs to a registered code
(nothing stale).

  rule_docs.py REPO_ROOT     prints "N rules documented" or the gaps (exit 1)
"""
import os
import re
import sys


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "compiler", "lint", "rules.def"), encoding="utf-8") as f:
        rules = re.findall(r'^RULE\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*"([^"]+)"\s*,\s*(\w+)', f.read(), re.MULTILINE)
    if not rules:
        sys.exit("rule_docs.py: no RULE(...) in compiler/lint/rules.def")
    docs = os.path.join(root, "docs", "rules")
    pages = {n[:-3] for n in os.listdir(docs) if n.endswith(".md") and n != "README.md"} if os.path.isdir(docs) else set()
    try:
        with open(os.path.join(docs, "README.md"), encoding="utf-8") as f:
            index = re.findall(r"^\|\s*\[?`?([A-Z]{2}[0-9]{3})", f.read(), re.MULTILINE)
    except OSError:
        index = []
    problems = []
    codes = [code for code, _, _ in rules]
    for code, slug, severity in rules:
        if code not in pages:
            problems.append(f"'{code}' (compiler/lint/rules.def) has no page docs/rules/{code}.md")
            continue
        with open(os.path.join(docs, code + ".md"), encoding="utf-8") as f:
            title = f.readline().strip()
        want = f"# {code} {slug} ({severity.lower()})"
        if title != want:
            problems.append(f"docs/rules/{code}.md starts with '{title}', expected '{want}'")
        if code not in index:
            problems.append(f"'{code}' has no row in docs/rules/README.md")
    for page in sorted(pages - set(codes)):
        problems.append(f"docs/rules/{page}.md documents no code of compiler/lint/rules.def")
    for code in sorted(set(index) - set(codes)):
        problems.append(f"docs/rules/README.md lists '{code}', which compiler/lint/rules.def does not have")
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"{len(rules)} rules documented")


if __name__ == "__main__":
    main()
