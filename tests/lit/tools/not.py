#!/usr/bin/env python3
"""Runs a command and succeeds only if it exits with the given code (default: non-zero).

  not.py CMD...            succeed when CMD exits non-zero
  not.py --code=N CMD...   succeed when CMD exits with exactly N
"""
import subprocess
import sys

args = sys.argv[1:]
want = None
if args and args[0].startswith("--code="):
    want = int(args[0].split("=", 1)[1])
    args = args[1:]
rc = subprocess.call(args)
ok = (rc != 0) if want is None else (rc == want)
if not ok:
    sys.stderr.write(f"not.py: '{' '.join(args)}' exited with {rc}, expected {'non-zero' if want is None else want}\n")
sys.exit(0 if ok else 1)
