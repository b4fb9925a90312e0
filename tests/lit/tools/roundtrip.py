#!/usr/bin/env python3
"""Round trip of one DDL scenario against the lit Postgres server:

  roundtrip.py SCENARIO.sql WORKDIR

1. a fresh database runs the scenario's SQL (as a user's database was made);
2. `inspect --format schema` writes .schema source, `inspect` a snapshot;
3. the .schema source must compile to exactly that snapshot;
   and so must the same source after `fmt`;
4. `plan --from` the database to that source must be empty (no endless diff);
5. `plan --from empty` to that source must run on another fresh database,
   and planning that database against the source must be empty too.
Prints what differs and exits 1 on any failure.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
BIN = os.environ["SCHEMAC_BIN"]
DSN = os.environ["SCHEMAC_PG_DSN"]
PG_BIN = os.environ.get("SCHEMAC_PG_BIN", "/usr/lib/postgresql/15/bin")
PSQL = os.path.join(PG_BIN, "psql") if os.path.exists(os.path.join(PG_BIN, "psql")) else "psql"


def url(db):
    return DSN.rsplit("/", 1)[0] + "/" + db


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def psql(db, args, stdin=None):
    r = run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url(db)] + args, input=stdin)
    if r.returncode != 0:
        raise SystemExit(f"psql failed on {db}:\n{r.stderr}")
    return r.stdout


def fresh(db):
    psql("postgres", ["-c", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)', "-c", f'CREATE DATABASE "{db}"'])


def schemac(args, what):
    r = run([BIN] + args)
    if r.returncode not in (0,):
        raise SystemExit(f"{what} failed (exit {r.returncode}):\n{r.stderr}{r.stdout}")
    return r.stdout


def main():
    scenario, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    base = "rt_" + os.path.basename(scenario).replace(".", "_")[:40]
    a, b = base + "_a", base + "_b"
    fresh(a)
    psql(a, ["-f", scenario])
    src = os.path.join(work, "inspected.schema")
    snap = os.path.join(work, "inspected.json")
    schemac(["inspect", "--db", url(a), "--format", "schema", "-o", src], "inspect --format schema")
    schemac(["inspect", "--db", url(a), "-o", snap], "inspect")
    again = os.path.join(work, "compiled.json")
    schemac(["snapshot", src, "-o", again], "compiling the inspected source")
    if open(snap).read() != open(again).read():
        d = run(["diff", "-u", snap, again]).stdout
        raise SystemExit(f"the inspected source does not compile to the inspected catalog:\n{d}\n--- source ---\n{open(src).read()}")
    # fmt must not change what the inspected source means.
    formatted = os.path.join(work, "formatted.schema")
    with open(formatted, "w") as f:
        f.write(schemac(["fmt", "--stdout", src], "fmt of the inspected source"))
    reformatted = os.path.join(work, "formatted.json")
    schemac(["snapshot", formatted, "-o", reformatted], "compiling the formatted source")
    if open(snap).read() != open(reformatted).read():
        d = run(["diff", "-u", snap, reformatted]).stdout
        raise SystemExit(f"fmt changed the meaning of the inspected source:\n{d}")
    plan = schemac(["plan", "--from", url(a), src, "--format", "text"], "plan against the database")
    if not plan.startswith("No changes"):
        raise SystemExit(f"endless diff: the database planned against its own source:\n{plan}\n--- source ---\n{open(src).read()}")
    fresh(b)
    script = schemac(["plan", "--from", "empty", src], "plan from empty")
    psql(b, [], stdin=script)
    # The server may re-print an expression differently from how it printed
    # it first, so the rebuilt database is compared by meaning: a plan.
    replan = schemac(["plan", "--from", url(b), src, "--format", "text"], "plan against the rebuilt database")
    if not replan.startswith("No changes"):
        raise SystemExit(f"the database built from the source differs from it:\n{replan}")
    for db in (a, b):
        psql("postgres", ["-c", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'])
    print("round trip: ok")


if __name__ == "__main__":
    main()
