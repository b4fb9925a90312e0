#!/usr/bin/env python3
"""`%schemac` in lit tests: runs schemac, and when it printed a Postgres
migration (plan, SQL output) while a test server is up (SCHEMAC_PG_DSN),
executes that migration for real (a Snowflake one: tools/snowflake_run.py
parses it with sqlglot and runs it on fakesnow; a Flink one: tools/flink_run.py
runs it on Apache Flink's table planner, started once per lit run):

  1. in a fresh database, the plan from empty to the desired state;
  2. in another fresh database, the plan from empty to the --from state,
     then the printed migration (when --from is not empty).

Any failing statement fails the test with the server's error. schemac's own
output and exit code pass through unchanged.
"""
import itertools
import os
import subprocess
import sys
import tarfile
import tempfile
import io
from cli_args import option

BIN = os.environ["SCHEMAC_BIN"]
DSN = os.environ.get("SCHEMAC_PG_DSN")
PG_BIN = os.environ.get("SCHEMAC_PG_BIN", "/usr/lib/postgresql/15/bin")


def positional(args):
    """The plan's positional paths (arguments that are not options or their values)."""
    takes_value = {"--target", "-t", "--from", "--to", "--format", "--dump", "-o", "--output"}
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in takes_value:
            skip = True
            continue
        if a.startswith("-"):
            continue
        out.append(a)
    return out


def psql(db, sql, what):
    dsn = DSN.rsplit("/", 1)[0] + "/" + db
    r = subprocess.run([os.path.join(PG_BIN, "psql") if os.path.exists(os.path.join(PG_BIN, "psql")) else "psql",
                        "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn],
                       input=sql, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(f"run_schemac.py: {what} failed on Postgres:\n{r.stderr}\n--- SQL ---\n{sql}\n")
        return False
    return True


_counter = itertools.count()


def fresh_db():
    name = f"t_{os.getpid()}_{next(_counter)}"
    psql("postgres", f'CREATE DATABASE "{name}";', "create database")
    return name


def drop_db(name):
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE);', "drop database")


def plan_sql(args, cwd=None):
    r = subprocess.run([BIN] + args, capture_output=True, text=True, cwd=cwd)
    if r.returncode != 0:
        sys.stderr.write(f"run_schemac.py: 'schemac {' '.join(args)}' failed:\n{r.stderr}")
        return None
    return r.stdout


def from_state_sql(src, paths):
    """SQL that builds the --from state in an empty database."""
    if src.startswith("git:"):
        rev = src[4:]
        prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], capture_output=True, text=True).stdout.strip()
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True).stdout.strip()
        data = subprocess.run(["git", "-C", top, "archive", rev], capture_output=True).stdout
        tmp = tempfile.mkdtemp(prefix="schemac-git-")
        with tarfile.open(fileobj=io.BytesIO(data)) as t:
            t.extractall(tmp)
        return plan_sql(["plan", "--from", "empty"] + (paths or ["."]), cwd=os.path.join(tmp, prefix))
    if src.endswith(".json"):
        return plan_sql(["plan", "--from", "empty", "--to", src])
    return plan_sql(["plan", "--from", "empty", src])


def main():
    args = sys.argv[1:]
    r = subprocess.run([BIN] + args, capture_output=True)
    sys.stdout.buffer.write(r.stdout)  # bytes: output may quote a file that is not UTF-8
    sys.stderr.buffer.write(r.stderr)
    r.stdout = r.stdout.decode("utf-8", "replace")
    is_pg_sql_plan = (args and args[0] == "plan" and r.returncode in (0, 1) and DSN
                      and option(args, "--format", "sql") == "sql" and option(args, "--dump") is None
                      and option(args, "--target", option(args, "-t", "postgres")) == "postgres"
                      and option(args, "-o", option(args, "--output", "-")) == "-"
                      and "--help" not in args and "-h" not in args
                      and r.stdout.startswith("-- schemac migration for postgres"))
    is_sf_sql_plan = (args and args[0] == "plan" and r.returncode in (0, 1)
                      and option(args, "--format", "sql") == "sql" and option(args, "--dump") is None
                      and option(args, "-o", option(args, "--output", "-")) == "-"
                      and r.stdout.startswith("-- schemac migration for snowflake"))
    is_flink_sql_plan = (args and args[0] == "plan" and r.returncode in (0, 1)
                         and option(args, "--format", "sql") == "sql" and option(args, "--dump") is None
                         and option(args, "-o", option(args, "--output", "-")) == "-"
                         and "--help" not in args and "-h" not in args
                         and r.stdout.startswith("-- schemac migration for flink")
                         and os.environ.get("SCHEMAC_FLINK_ADDR"))
    if is_flink_sql_plan:
        # Run on Apache Flink's own planner (one JVM per lit run): tools/flink_run.py.
        sys.stdout.flush()
        tool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "flink_run.py")
        ok = subprocess.run([sys.executable, tool] + args).returncode == 0
        return r.returncode if ok else 97
    if is_sf_sql_plan:
        # Parsed with sqlglot, run on fakesnow: tools/snowflake_run.py.
        sys.stdout.flush()
        tool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "snowflake_run.py")
        ok = subprocess.run([sys.executable, tool] + args).returncode == 0
        return r.returncode if ok else 97
    if not is_pg_sql_plan:
        return r.returncode
    sys.stdout.flush()
    src = option(args, "--from", "empty")
    to = option(args, "--to")
    paths = positional(args)
    desired = ["plan", "--from", "empty"] + (["--to", to] if to else []) + paths
    ok = True
    db = fresh_db()
    sql = plan_sql(desired)
    ok = sql is not None and psql(db, sql, "the plan from empty to the desired state")
    drop_db(db)
    if ok and src != "empty":
        db = fresh_db()
        before = from_state_sql(src, paths)
        ok = before is not None and psql(db, before, f"building the --from state ({src})") and \
            psql(db, r.stdout, "the migration")
        drop_db(db)
    return r.returncode if ok else 97


if __name__ == "__main__":
    sys.exit(main())
