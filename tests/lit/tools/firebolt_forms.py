#!/usr/bin/env python3
"""`%firebolt-forms` in lit tests: checks that every statement of a Firebolt
plan (schemac's text output, on stdin) is one of the statement forms listed
in docs/backends/firebolt.md (its ```firebolt-forms block), so the doc and
the emitter cannot drift apart. Copies stdin to stdout when every statement
matches, so it can sit in a pipe before FileCheck; otherwise names each
statement that matches no form on stderr and exits 1.

  firebolt_forms.py [--doc PATH] [--min N] < plan.sql
"""
import os
import re
import sys

IDENT = r'(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")'


def read_forms(doc):
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^```firebolt-forms\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    if not m:
        sys.exit(f"firebolt_forms.py: {doc} has no ```firebolt-forms block")
    forms = []
    for line in m.group(1).splitlines():
        if not line.strip():
            continue
        name, _, pattern = line.partition(": ")
        forms.append((name.strip(), re.compile(pattern.replace("{ident}", IDENT), re.DOTALL)))
    if not forms:
        sys.exit(f"firebolt_forms.py: the firebolt-forms block of {doc} is empty")
    return forms


def statements(text):
    """The statements of a rendered plan: `--` comment lines left out, a
    statement ends at a line ending in `;`."""
    out, cur = [], []
    for line in text.splitlines():
        if not cur and (not line.strip() or line.lstrip().startswith("--")):
            continue
        cur.append(line)
        if line.rstrip().endswith(";"):
            out.append(" ".join(" ".join(cur).split()))
            cur = []
    if cur:
        out.append(" ".join(" ".join(cur).split()))
    return out


def main():
    args = sys.argv[1:]
    here = os.path.dirname(os.path.abspath(__file__))
    doc = os.path.join(here, "..", "..", "..", "docs", "backends", "firebolt.md")
    minimum = 1
    while args:
        a = args.pop(0)
        if a == "--doc":
            doc = args.pop(0)
        elif a == "--min":
            minimum = int(args.pop(0))
        else:
            sys.exit(f"firebolt_forms.py: unknown argument {a}")
    forms = read_forms(doc)
    text = sys.stdin.read()
    stmts = statements(text)
    bad = [s for s in stmts if not any(p.fullmatch(s) for _, p in forms)]
    for s in bad:
        sys.stderr.write(f"firebolt_forms.py: statement matches no form of {os.path.basename(doc)}: {s}\n")
    if len(stmts) < minimum:
        sys.stderr.write(f"firebolt_forms.py: {len(stmts)} statement(s), expected at least {minimum}\n")
        return 1
    if bad:
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
