#!/usr/bin/env python3
"""Databases for live-Postgres lit tests, on the server lit.cfg.py started.

  pgdb.py [--small] reset NAME [FILE.sql ...]   drop and create database NAME, then run the files
  pgdb.py sql NAME "SQL"              run SQL; print rows unaligned ("a|b"), fail on error
  pgdb.py run NAME FILE.sql ...       run the files in database NAME, fail on error
  pgdb.py url NAME                    print the database's URL

Tests name their database %basename_t so parallel tests never share one.
With --small (%pgdb-small), the databases are on the server with a small lock
table (%pgsmall/, SCHEMAC_PG_SMALL_DSN).
"""
import os
import subprocess
import sys

DSN = os.environ.get("SCHEMAC_PG_DSN")
if len(sys.argv) > 1 and sys.argv[1] == "--small":
    DSN = os.environ.get("SCHEMAC_PG_SMALL_DSN")
    del sys.argv[1]
PG_BIN = os.environ.get("SCHEMAC_PG_BIN", "/usr/lib/postgresql/15/bin")
PSQL = os.path.join(PG_BIN, "psql") if os.path.exists(os.path.join(PG_BIN, "psql")) else "psql"


def url(name):
    return DSN.rsplit("/", 1)[0] + "/" + name


def psql(db, args, stdin=None):
    r = subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url(db)] + args, input=stdin,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        sys.exit(r.returncode)
    return r.stdout


def main():
    if not DSN:
        sys.exit("pgdb.py: no test server (SCHEMAC_PG_DSN is not set)")
    cmd, name = sys.argv[1], sys.argv[2]
    if cmd == "reset":
        psql("postgres", ["-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', "-c", f'CREATE DATABASE "{name}"'])
        for f in sys.argv[3:]:
            psql(name, ["-f", f])
    elif cmd == "run":
        for f in sys.argv[3:]:
            psql(name, ["-f", f])
    elif cmd == "sql":
        sys.stdout.write(psql(name, ["-A", "-t", "-c", sys.argv[3]]))
    elif cmd == "url":
        print(url(name))
    else:
        sys.exit(f"pgdb.py: unknown command {cmd}")


if __name__ == "__main__":
    main()
