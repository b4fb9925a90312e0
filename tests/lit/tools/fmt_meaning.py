#!/usr/bin/env python3
"""`fmt` never changes meaning:

  fmt_meaning.py WORKDIR DIR...

Copies each DIR (relative to the repository root, imports keep working) into
WORKDIR, formats every .schema file of the copy in place, and compares, file
by file, what the original and the formatted file compile to: the snapshot
(the catalog the database gets) and the full model dump (which also holds
what a snapshot cannot: `renamed from`, comments, options of every target).
A file that does not compile must fail the same way after formatting (same
diagnostic codes). A file fmt refuses (a syntax error) is counted, not
compared. Prints a summary line and every difference; exits 1 on any.
"""
import concurrent.futures
import difflib
import json
import os
import shutil
import subprocess
import sys

BIN = os.environ["SCHEMAC_BIN"]


def run(args, cwd=None):
    return subprocess.run([BIN] + args, capture_output=True, text=True, cwd=cwd)


def meaning(path):
    """What `path` compiles to: (exit code, snapshot, model dump, diagnostic codes)."""
    snap = run(["snapshot", path])
    model = run(["plan", "--from", "empty", "--dump=model", path])
    codes = []
    if snap.returncode != 0:
        diag = run(["check", "--format", "json", path])
        try:
            codes = sorted(d["code"] for d in json.loads(diag.stdout)["diagnostics"])
        except (ValueError, KeyError, TypeError):
            codes = [diag.stdout]
    return snap.returncode, snap.stdout, model.stdout, codes


def compare(orig, copy):
    """A description of how `copy` (formatted) means something else than `orig`, or None."""
    a, b = meaning(orig), meaning(copy)
    if a == b:
        return None
    for what, x, y in (("exit code", a[0], b[0]), ("snapshot", a[1], b[1]), ("model", a[2], b[2]),
                       ("diagnostics", a[3], b[3])):
        if x != y:
            diff = "".join(difflib.unified_diff(str(x).splitlines(True), str(y).splitlines(True),
                                                "before fmt", "after fmt", n=1))
            return f"{orig}: {what} differs after fmt\n{diff}"
    return None


def main():
    work, dirs = sys.argv[1], sys.argv[2:]
    shutil.rmtree(work, ignore_errors=True)
    pairs = []
    for d in dirs:
        src = os.path.abspath(d)
        dst = os.path.join(work, os.path.basename(src.rstrip("/")))
        shutil.copytree(src, dst)
        for root, _, files in os.walk(src):
            for f in files:
                if f.endswith(".schema"):
                    orig = os.path.join(root, f)
                    pairs.append((orig, os.path.join(dst, os.path.relpath(orig, src))))
    refused = 0
    for _, copy in pairs:
        if run(["fmt", copy]).returncode != 0:
            refused += 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        problems = [p for p in pool.map(lambda pc: compare(*pc), pairs) if p]
    print(f"{len(pairs)} files, {len(pairs) - refused} formatted, {len(problems)} changed meaning")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
