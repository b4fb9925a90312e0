#!/usr/bin/env python3
"""What run_schemac.py does with a Snowflake migration that a lit test printed.

  snowflake_run.py SCHEMAC_ARGS...   (the arguments of the `schemac plan` that printed it)

1. Every statement of the plan must parse with sqlglot (read='snowflake'):
   a statement sqlglot only keeps as an opaque Command fails the test unless
   its kind is in SQLGLOT_OPAQUE below (named, and printed to the log).
2. The table and data parts run on fakesnow (Snowflake emulated on DuckDB,
   in this process, no server):
   a. from empty to the desired state; the tables' columns must then match
      the desired catalog (`schemac plan --dump=catalog`);
   b. when --from is not empty: the --from state is built from empty, ONE ROW
      IS INSERTED INTO EVERY TABLE, the printed migration runs, and then every
      table that both states have must still hold its rows and its columns
      must match the desired catalog; then the migration RUNS AGAIN (its
      statements marked re-runnable), and again from the start after
      stopping after each of its first statements, as after a failure part
      way: the same must hold each time.
   Statements fakesnow cannot run are skipped (SKIPPED_ON_EMULATOR) or
   rewritten to what they do (REWRITTEN_ON_EMULATOR), each printed to the
   test log (stderr), so what was not executed is visible.

The oracles (sqlglot, fakesnow) come from scripts/oracles.sh, in
build/oracles/py; without them this fails and says to run it.
Exit 0 when all holds; 1 with the reason on stderr otherwise.
"""
import json
import os
import re
import subprocess
import sys
from cli_args import option, without_options

BIN = os.environ["SCHEMAC_BIN"]
ORACLES = os.environ.get("SCHEMAC_ORACLES_PY", "")

# Statement kinds sqlglot 30.22 does not understand and keeps as an opaque
# Command (they are valid Snowflake; the docs give their syntax).
SQLGLOT_OPAQUE = [
    ("ALTER ... UNSET", re.compile(r"^ALTER \w+( \w+)? IF EXISTS .* UNSET ", re.S)),
    ("ALTER COLUMN ... UNSET COMMENT", re.compile(r"ALTER COLUMN .* UNSET COMMENT", re.S)),
    ("DROP CLUSTERING KEY", re.compile(r"DROP CLUSTERING KEY;$")),
    ("EXECUTE IMMEDIATE (Snowflake Scripting)", re.compile(r"^EXECUTE IMMEDIATE ")),
    ("ALTER PIPE", re.compile(r"^ALTER PIPE ")),
    ("CREATE PIPE", re.compile(r"^CREATE (OR REPLACE )?PIPE ")),
    ("DROP PIPE", re.compile(r"^DROP PIPE ")),
    ("SWAP WITH", re.compile(r"^ALTER TABLE \S+ SWAP WITH ")),
    ("SET session variable", re.compile(r"^SET \w+ = ")),
]

# What fakesnow (DuckDB underneath) cannot run at all: skipped there.
SKIPPED_ON_EMULATOR = [
    ("pipes (CREATE/ALTER/DROP PIPE): fakesnow has no stages or pipes", re.compile(r"^(CREATE (OR REPLACE )?|ALTER |DROP )PIPE ")),
    ("Snowflake Scripting (EXECUTE IMMEDIATE): the pipe drain and refresh", re.compile(r"^EXECUTE IMMEDIATE ")),
    ("SET session variable", re.compile(r"^SET \w+ = ")),
    ("ALTER ... UNSET (comment, retention)", re.compile(r"^ALTER .* UNSET ", re.S)),
    ("ALTER TABLE ... SET CHANGE_TRACKING / DATA_RETENTION_TIME_IN_DAYS / COMMENT",
     re.compile(r"^ALTER TABLE IF EXISTS \S+ SET (CHANGE_TRACKING|DATA_RETENTION_TIME_IN_DAYS|COMMENT) ")),
    ("ALTER VIEW ... SET COMMENT", re.compile(r"^ALTER (MATERIALIZED )?VIEW ")),
    ("ALTER TABLE ... ADD/DROP CONSTRAINT: DuckDB cannot alter a table's constraints",
     re.compile(r"^ALTER TABLE (IF EXISTS )?\S+ (ADD|DROP) CONSTRAINT ")),
]


def log(msg):
    sys.stderr.write(f"snowflake_run.py: {msg}\n")


def fail(msg):
    log(msg)
    sys.exit(1)


def load_oracles():
    if ORACLES:
        sys.path.insert(0, ORACLES)
    try:
        import sqlglot  # noqa: F401
        import fakesnow  # noqa: F401
        import snowflake.connector  # noqa: F401
    except ImportError as e:
        fail(f"the Snowflake oracles are missing ({e}); run scripts/oracles.sh")


def schemac(args):
    r = subprocess.run([BIN] + args, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        fail(f"'schemac {' '.join(args)}' failed:\n{r.stderr}")
    return r.stdout


def statement_list(args):
    """The plan's statements, in order, from its JSON form: (sql, rerunnable)."""
    plan = json.loads(schemac(without_options(args, {"--format"}) + ["--format", "json"]))
    stmts = [s for c in plan.get("changes", []) for s in c.get("statements", [])]
    return [(s["sql"], s["rerunnable"]) for s in sorted(stmts, key=lambda s: s["position"])]


def statements(args):
    return [sql for sql, _ in statement_list(args)]


def rerun(stmts, stopped_after):
    """What running the script again does after it stopped after statement
    `stopped_after`: every statement, less those marked 'once' that already ran."""
    return [sql for i, (sql, again) in enumerate(stmts) if again or i > stopped_after]


def catalog(args):
    """The desired catalog of a plan's arguments."""
    rest = without_options(args, {"--from", "--format", "--dump", "-o", "--output", "--allow"})
    return json.loads(schemac(rest + ["--dump", "catalog"]))


def check_parse(sqls):
    import sqlglot
    from sqlglot import exp
    for sql in sqls:
        try:
            trees = sqlglot.parse(sql, read="snowflake")
        except Exception as e:  # sqlglot.errors.ParseError and friends
            fail(f"sqlglot cannot parse this statement as Snowflake SQL: {e}\n--- SQL ---\n{sql}")
        opaque = [t for t in trees if isinstance(t, exp.Command)]
        if opaque:
            kind = next((name for name, rx in SQLGLOT_OPAQUE if rx.search(sql)), None)
            if kind is None:
                fail(f"sqlglot keeps this statement only as an opaque command:\n{sql}")
            log(f"sqlglot: '{kind}' kept as a command (not parsed further)")


# The stop points tried per migration (each builds the old state anew).
MAX_STOPS = 12


def emulator_skips(sql):
    return any(rx.search(sql) for _, rx in SKIPPED_ON_EMULATOR)


def emulator_form(sql):
    """The statements fakesnow runs for `sql`, or None to skip it."""
    for name, rx in SKIPPED_ON_EMULATOR:
        if rx.search(sql):
            log(f"skipped on fakesnow: {name}: {sql.splitlines()[0]}")
            return None
    m = re.match(r"^ALTER TABLE (\S+) SWAP WITH (\S+);$", sql)
    if m:
        a, b = m.group(1), m.group(2)
        log(f"rewritten on fakesnow: SWAP WITH as three renames: {sql}")
        schema = a.rsplit(".", 1)[0] + "." if "." in a else ""
        tmp = schema + "SCHEMAC_SWAP_TMP"
        return [f"ALTER TABLE {a} RENAME TO {tmp}", f"ALTER TABLE {b} RENAME TO {a}", f"ALTER TABLE {tmp} RENAME TO {b}"]
    if re.match(r"^CREATE (OR REPLACE )?TABLE ", sql) and "FOREIGN KEY" in sql:
        # Snowflake accepts foreign keys and never enforces them; DuckDB
        # enforces them and can neither drop them nor rename a table one
        # references. Left out, the emulated tables behave as Snowflake's.
        log(f"rewritten on fakesnow: CREATE TABLE without its FOREIGN KEYs (Snowflake does not enforce them): "
            f"{sql.splitlines()[0]}")
        sql = re.sub(r",\n\s*CONSTRAINT \S+ FOREIGN KEY \([^)]*\) REFERENCES [^\n]*?\)(?=,?\n)", "", sql)
        return [sql]
    m = re.match(r"^(ALTER TABLE IF EXISTS \S+) ADD COLUMN IF NOT EXISTS (\S+) (.*) NOT NULL(.*);$", sql, re.S)
    if m:
        log("rewritten on fakesnow: ADD COLUMN IF NOT EXISTS ... NOT NULL as ADD COLUMN, then SET NOT NULL "
            "(DuckDB has neither the IF NOT EXISTS form nor a NOT NULL column added to an indexed table)")
        return [f"{m.group(1)} ADD COLUMN {m.group(2)} {m.group(3)}{m.group(4)}",
                f"{m.group(1)} ALTER COLUMN {m.group(2)} SET NOT NULL"]
    return [sql]


class Emulator:
    def __init__(self):
        import fakesnow
        import snowflake.connector
        self.patch = fakesnow.patch()
        self.patch.__enter__()
        self.conn = snowflake.connector.connect(database="SCHEMAC", schema="PUBLIC")
        self.cur = self.conn.cursor()

    def close(self):
        self.conn.close()
        self.patch.__exit__(None, None, None)

    def run(self, sqls, what):
        for sql in sqls:
            m = re.match(r"^ALTER TABLE IF EXISTS (\w+)\.(\w+) ADD COLUMN IF NOT EXISTS (\w+) ", sql)
            if m and any(c[0] == m.group(3) for c in self.columns(m.group(1), m.group(2))):
                log(f"on fakesnow: ADD COLUMN IF NOT EXISTS {m.group(3)}: the column exists, nothing to do")
                continue
            for s in emulator_form(sql) or []:
                try:
                    self.cur.execute(s)
                except Exception as e:
                    fail(f"{what} failed on fakesnow: {e}\n--- statement ---\n{s}")
                self.follow_rename(s)

    def follow_rename(self, sql):
        """fakesnow keeps VARCHAR lengths beside DuckDB's tables, by table and
        column name, and does not move them on a rename: move them here, so
        that the lengths compared afterwards are the renamed objects' own."""
        ext = "_fs_global._fs_information_schema._fs_columns_ext"
        duck = self.conn._duck_conn
        m = re.match(r"^ALTER TABLE (?:IF EXISTS )?(?:(\w+)\.)?(\w+) RENAME TO (?:\w+\.)?(\w+)$", sql.rstrip(";"))
        if m:
            schema = m.group(1) or "PUBLIC"
            duck.execute(f"UPDATE {ext} SET ext_table_name = ? WHERE ext_table_schema = ? AND ext_table_name = ?",
                         [m.group(3), schema, m.group(2)])
            return
        m = re.match(r"^ALTER TABLE (?:IF EXISTS )?(?:(\w+)\.)?(\w+) RENAME COLUMN (\w+) TO (\w+)$", sql.rstrip(";"))
        if m:
            schema = m.group(1) or "PUBLIC"
            duck.execute(f"UPDATE {ext} SET ext_column_name = ? "
                         "WHERE ext_table_schema = ? AND ext_table_name = ? AND ext_column_name = ?",
                         [m.group(4), schema, m.group(2), m.group(3)])

    def query(self, sql):
        self.cur.execute(sql)
        return self.cur.fetchall()

    def columns(self, schema, table):
        rows = self.query(
            "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE "
            f"FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = '{schema}' AND TABLE_NAME = '{table}' "
            "ORDER BY ORDINAL_POSITION")
        return rows


def quote(name):
    return name if re.fullmatch(r"[A-Z_][A-Z0-9_$]*", name) else '"' + name.replace('"', '""') + '"'


def value_for(col):
    t = col["type"]
    if t.startswith("NUMBER") or t == "FLOAT":
        return "1"
    if t.startswith("VARCHAR"):
        return "'x'"
    if t == "BOOLEAN":
        return "TRUE"
    if t == "DATE":
        return "'2024-01-01'"
    if t.startswith("TIMESTAMP"):
        return "'2024-01-01 00:00:00'"
    if t.startswith("TIME"):
        return "'12:00:00'"
    return None


def fill(emu, cat):
    """One row in every table of `cat`; parents before the tables referencing them."""
    pending = [(s["name"], t) for s in cat.get("schemas", []) for t in s.get("tables", [])]
    counts = {}
    while pending:
        left = []
        for schema, t in pending:
            cols, vals = [], []
            for c in t.get("columns", []):
                if c.get("identity"):
                    continue
                v = value_for(c)
                if v is None:
                    continue
                cols.append(quote(c["name"]))
                vals.append(v)
            sql = f"INSERT INTO {quote(schema)}.{quote(t['name'])} ({', '.join(cols)}) VALUES ({', '.join(vals)})"
            if not cols:
                sql = f"INSERT INTO {quote(schema)}.{quote(t['name'])} DEFAULT VALUES"
            try:
                emu.cur.execute(sql)
                counts[(schema, t["name"])] = 1
            except Exception:
                left.append((schema, t))
        if len(left) == len(pending):
            fail("cannot insert a row into " + ", ".join(f"{s}.{t['name']}" for s, t in left))
        pending = left
    return counts


def family(snowflake_type):
    """What fakesnow's INFORMATION_SCHEMA.COLUMNS reports for a catalog type: (DATA_TYPE, length, precision, scale)."""
    m = re.fullmatch(r"NUMBER\((\d+),(\d+)\)", snowflake_type)
    if m:
        return ("NUMBER", None, int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"VARCHAR\((\d+)\)", snowflake_type)
    if m:
        return ("TEXT", int(m.group(1)), None, None)
    return None


def compare(emu, cat, what):
    for s in cat.get("schemas", []):
        for t in s.get("tables", []):
            got = emu.columns(s["name"], t["name"])
            want = t.get("columns", [])
            if [g[0] for g in got] != [c["name"] for c in want]:
                fail(f"{what}: {s['name']}.{t['name']} has columns {[g[0] for g in got]}, "
                     f"the desired catalog {[c['name'] for c in want]}")
            for g, c in zip(got, want):
                f = family(c["type"])
                if f is None:
                    continue
                data_type, length, precision, scale = f
                if g[1] != data_type or (length is not None and g[2] != length) or \
                        (precision is not None and (g[3], g[4]) != (precision, scale)):
                    fail(f"{what}: column {s['name']}.{t['name']}.{c['name']} is {g[1:5]} on fakesnow, "
                         f"the desired catalog says {c['type']}")
                if (g[5] == "NO") != bool(c.get("not_null")):
                    fail(f"{what}: column {s['name']}.{t['name']}.{c['name']} nullability differs: "
                         f"fakesnow IS_NULLABLE={g[5]}, desired not_null={bool(c.get('not_null'))}")


def main():
    args = sys.argv[1:]
    load_oracles()
    printed = statements(args)
    check_parse(printed)
    desired = catalog(args)
    src = option(args, "--from", "empty")

    emu = Emulator()
    base = without_options(args, {"--from", "--format", "--dump", "-o", "--output"})
    emu.run(statements(base + ["--from", "empty"]), "the plan from empty to the desired state")
    compare(emu, desired, "from empty")
    emu.close()

    if src != "empty":
        emu = Emulator()
        paths = without_options(base, {"--to"})[1:]  # without the "plan" verb
        target = ["--target", option(args, "--target", option(args, "-t", "snowflake"))]
        if src.endswith(".json"):
            build = ["plan", "--from", "empty", "--to", src] + target
            before = ["plan", "--to", src] + target
        else:
            build = ["plan", "--from", "empty", src] + target
            before = ["plan", src] + target
        emu.run(statements(build), f"building the --from state ({src})")
        from_cat = catalog(before)
        counts = fill(emu, from_cat)
        emu.run(printed, "the migration")
        kept = {(s["name"], t["name"]) for s in desired.get("schemas", []) for t in s.get("tables", [])}

        def check_rows(what):
            for (schema, table), n in counts.items():
                if (schema, table) not in kept:
                    continue
                got = emu.query(f"SELECT COUNT(*) FROM {quote(schema)}.{quote(table)}")[0][0]
                if got != n:
                    fail(f"{what} lost rows: {schema}.{table} had {n}, has {got}")
        check_rows("the migration")
        compare(emu, desired, "after the migration")
        # Snowflake commits each statement: the script must be safe to run
        # again. Run it a second time over its own result (the statements
        # marked 'once' left out): the same rows and columns must remain.
        listed = statement_list(args)
        emu.run(rerun(listed, len(listed) - 1), "running the migration again")
        check_rows("running the migration again")
        compare(emu, desired, "after running the migration again")
        emu.close()
        # And stopped after each statement (up to MAX_STOPS of them), then run
        # again from the start: the same end state each time.
        stops = [i for i in range(len(listed) - 1) if not emulator_skips(listed[i][0])][:MAX_STOPS]
        for i in stops:
            emu = Emulator()
            emu.run(statements(build), f"building the --from state ({src})")
            counts = fill(emu, from_cat)
            emu.run([sql for sql, _ in listed[:i + 1]], f"the migration up to statement {i + 1}")
            emu.run(rerun(listed, i), f"running the migration again after it stopped after statement {i + 1}")
            check_rows(f"stopped after statement {i + 1} and run again, the migration")
            compare(emu, desired, f"stopped after statement {i + 1} and run again")
            emu.close()
        log(f"ran on fakesnow: from empty, and {src} -> desired with {len(counts)} table(s) holding rows, "
            f"run again whole and after stopping at {len(stops)} point(s)")
    else:
        log("ran on fakesnow: from empty")
    return 0


if __name__ == "__main__":
    sys.exit(main())
