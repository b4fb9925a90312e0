#!/usr/bin/env python3
"""Plans one desired source from several --from sources and checks that they
are the same list of changes (kind, object and changed attributes):

  agree.py DESIRED.schema FROM [FROM ...]

Runs in DESIRED's folder, so that `git:REV` reads DESIRED at REV. Prints
"agree: N change(s)" and the changes, or what differs and exits 1.
"""
import json
import os
import subprocess
import sys

BIN = os.environ["SCHEMAC_BIN"]


def changes(source, desired):
    folder, name = os.path.split(os.path.abspath(desired))
    r = subprocess.run([BIN, "plan", "--from", source, name, "--format", "json"], capture_output=True, text=True,
                       cwd=folder)
    if r.returncode != 0:
        sys.exit(f"plan --from {source} failed (exit {r.returncode}):\n{r.stderr}{r.stdout}")
    plan = json.loads(r.stdout)
    return sorted(" ".join([c["kind"], c["object"]] + ([f"({c['changed']})"] if c.get("changed") else []))
                  for c in plan["changes"])


def main():
    desired, sources = sys.argv[1], sys.argv[2:]
    lists = {s: changes(s if "://" in s or s.startswith("git:") else os.path.abspath(s), desired) for s in sources}
    first = lists[sources[0]]
    if any(v != first for v in lists.values()):
        for s, v in lists.items():
            print(f"--- from {s} ({len(v)} changes):")
            for c in v:
                print("  " + c)
        sys.exit("the --from sources disagree")
    print(f"agree: {len(first)} change(s)")
    for c in first:
        print(c)


if __name__ == "__main__":
    main()
