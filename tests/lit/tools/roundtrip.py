#!/usr/bin/env python3
"""Round trip of one DDL scenario against the lit Postgres server:

  roundtrip.py SCENARIO.sql WORKDIR

1. a fresh database runs the scenario's SQL (as a user's database was made);
2. `inspect --format schema` writes .schema source, `inspect` a snapshot;
3. the .schema source must compile to exactly that snapshot;
   and so must the same source after `fmt`;
4. `plan --from` the database to that source must be empty (no endless diff);
5. `plan --from empty` to that source must run on another fresh database,
   and planning that database against the source must be empty too;
6. every `--from` source agrees: for that database (built from the source),
   its `inspect` snapshot, the source file and the source committed at
   `git:HEAD`, the plans to the same source, to the source with one more
   column in every table, and to an empty source are the same list of
   changes (kind, object and changed attributes).
Prints what differs and exits 1 on any failure.
"""
import json
import os
import re
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


def changes(plan_json, what):
    try:
        plan = json.loads(plan_json)
    except json.JSONDecodeError:
        raise SystemExit(f"{what}: not a JSON plan:\n{plan_json}")
    out = []
    for c in plan.get("changes", []):
        out.append(" ".join([c["kind"], c["object"]] + ([f"({c['changed']})"] if c.get("changed") else [])))
    return sorted(out)


def widened(source):
    """The source with a column `schemac_rt_extra int` added to every table."""
    return re.sub(r"^(\s*)(table .*\{)$", r"\1\2\n\1  schemac_rt_extra int", source, flags=re.M)


def agree(db, src, work):
    """Plans from the database, its snapshot, the source and git:HEAD agree."""
    repo = os.path.join(work, "git")
    os.makedirs(repo, exist_ok=True)
    snap = os.path.join(work, "built.json")
    schemac(["inspect", "--db", url(db), "-o", snap], "inspect the rebuilt database")
    desired = os.path.join(repo, "db.schema")
    original = open(src).read()
    git = ["git", "-C", repo, "-c", "user.name=schemac", "-c", "user.email=schemac@localhost"]
    if not os.path.isdir(os.path.join(repo, ".git")):
        run(["git", "init", "-q", repo])
    with open(desired, "w") as f:
        f.write(original)
    for args in (["add", "db.schema"], ["commit", "-q", "--allow-empty", "-m", "the source the database was built from"]):
        r = run(git + args)
        if r.returncode != 0:
            raise SystemExit(f"git {args[0]} failed:\n{r.stderr}")
    froms = {"live": url(db), "snapshot": snap, "schema": os.path.abspath(src), "git": "git:HEAD"}
    for name, text in (("the same source", original), ("one more column in every table", widened(original)),
                       ("an empty source", "-- nothing\n")):
        with open(desired, "w") as f:
            f.write(text)
        lists = {}
        for kind, source in froms.items():
            r = run([BIN, "plan", "--from", source, "db.schema", "--format", "json"], cwd=repo)
            if r.returncode == 2 and not r.stdout.strip():  # refused: the errors must agree too
                lists[kind] = sorted(l for l in r.stderr.splitlines() if "error" in l)
                continue
            if r.returncode != 0:
                raise SystemExit(f"plan --from {kind} to {name} failed (exit {r.returncode}):\n{r.stderr}{r.stdout}")
            lists[kind] = changes(r.stdout, f"plan --from {kind} to {name}")
        if any(v != lists["live"] for v in lists.values()):
            report = [f"the --from sources disagree planning {name}:"]
            for kind, v in lists.items():
                report.append(f"--- from {kind} ({len(v)} changes):")
                report += ["  " + c for c in v]
            raise SystemExit("\n".join(report) + f"\n--- source ---\n{text}")
    with open(desired, "w") as f:
        f.write(original)


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
    agree(b, src, work)
    for db in (a, b):
        psql("postgres", ["-c", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'])
    print("round trip: ok")


if __name__ == "__main__":
    main()
