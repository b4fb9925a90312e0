#!/usr/bin/env python3
"""Checks that `schemac apply --format json` printed one object of the
documented shape (docs/postgres.md, "JSON result") and prints a one-line
summary for FileCheck:

  success=false dry_run=false statements=0 phase=connect code=database-error

Exits 1 (with the reason) when the shape is wrong: a missing or extra key, a
value of the wrong type, or anything after the object.
"""
import json
import sys

TOP = ["success", "dry_run", "statements", "diagnostics", "error"]
ERROR_REQUIRED = {"phase": str, "code": str, "message": str}
ERROR_OPTIONAL = {"hint": str, "statement": int, "change": str, "rolled_back": bool, "batch": int,
                  "committed_batches": int}
PHASES = {"input", "connect", "compile", "plan", "refused", "apply"}


def fail(why):
    sys.stderr.write(f"apply_json.py: {why}\n")
    sys.exit(1)


def main():
    text = sys.stdin.read()
    try:
        j = json.loads(text)
    except json.JSONDecodeError as e:
        fail(f"not one JSON object: {e}")
    if not isinstance(j, dict) or list(j) != TOP:
        fail(f"top-level keys {list(j) if isinstance(j, dict) else type(j)} are not {TOP}")
    if not isinstance(j["success"], bool) or not isinstance(j["dry_run"], bool):
        fail("success and dry_run must be booleans")
    for s in j["statements"]:
        if set(s) - {"sql", "ms", "batch"} or not isinstance(s.get("sql"), str) or not isinstance(s.get("ms"), (int, float)):
            fail(f"bad statement {s}")
    for d in j["diagnostics"]:
        if not {"severity", "code", "message"} <= set(d):
            fail(f"bad diagnostic {d}")
    e = j["error"]
    if j["success"] != (e is None):
        fail("error must be null exactly when success is true")
    summary = f"success={str(j['success']).lower()} dry_run={str(j['dry_run']).lower()} statements={len(j['statements'])}"
    if e is not None:
        for k, t in ERROR_REQUIRED.items():
            if not isinstance(e.get(k), t):
                fail(f"error.{k} missing or not {t.__name__}")
        for k in e:
            if k not in ERROR_REQUIRED and (k not in ERROR_OPTIONAL or not isinstance(e[k], ERROR_OPTIONAL[k])):
                fail(f"unexpected error.{k}")
        if e["phase"] not in PHASES:
            fail(f"unknown phase {e['phase']}")
        if not any(d["code"] == e["code"] and d["severity"] == "error" for d in j["diagnostics"]):
            fail(f"error.code {e['code']} is not among the diagnostics")
        summary += f" phase={e['phase']} code={e['code']}"
        for k in ("statement", "rolled_back", "batch", "committed_batches"):
            if k in e:
                summary += f" {k}={str(e[k]).lower()}"
    print(summary)


if __name__ == "__main__":
    main()
