#!/usr/bin/env python3
"""Runs a command while a second connection holds a lock on a table.

  hold_lock.py DATABASE TABLE MODE -- COMMAND ...

Opens psql on DATABASE (the lit server, as pgdb.py), takes `LOCK TABLE
TABLE IN MODE MODE` in an open transaction, runs COMMAND (its output passes
through, its exit code is this script's), then rolls the lock back.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import pgdb  # noqa: E402


def main():
    sep = sys.argv.index("--")
    db, table, mode = sys.argv[1:sep]
    command = sys.argv[sep + 1:]
    holder = subprocess.Popen([pgdb.PSQL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", pgdb.url(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    holder.stdin.write(f"BEGIN;\nLOCK TABLE {table} IN {mode} MODE;\nSELECT 'locked';\n")
    holder.stdin.flush()
    if holder.stdout.readline().strip() != "locked":
        sys.exit("hold_lock.py: could not take the lock")
    try:
        # A command that waits for the lock forever is a failure, not a hang.
        code = subprocess.run(command, timeout=120).returncode
    except subprocess.TimeoutExpired:
        print("hold_lock.py: the command still waited after 120 s", file=sys.stderr)
        code = 124
    finally:
        holder.stdin.write("ROLLBACK;\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    sys.exit(code)


if __name__ == "__main__":
    main()
