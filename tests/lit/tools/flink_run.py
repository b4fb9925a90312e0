#!/usr/bin/env python3
"""What run_schemac.py does with a Flink migration that a lit test printed:
it runs it on Apache Flink's own table planner (a real one, not a model).

  flink_run.py SCHEMAC_ARGS...          (the arguments of the `schemac plan` that printed it)
  flink_run.py --sql FILE --catalog JSON [--from-sql FILE]
                                        (run FILE, after --from-sql, and compare with JSON,
                                         a `schemac plan --dump catalog` snapshot: to test
                                         this tool with plans schemac would not print)

The planner is tools/flink_server.py, one JVM for the whole lit run, at
SCHEMAC_FLINK_ADDR; each run below gets a fresh TableEnvironment with empty
in-memory catalogs, so tests are isolated.

1. From empty: the plan from empty to the desired state runs statement by
   statement (`execute_sql`; DML is only planned, with EXPLAIN). Any
   statement Flink refuses fails the test with Flink's error. Then Flink
   must hold exactly the tables and views of the desired catalog (`schemac
   plan --dump catalog`; a view's query is not compared: Flink stores it
   expanded), and every table must be what the catalog says: DESCRIBE's columns (names, order, types as DESCRIBE prints
   them, which is how the backend spells them; nullability; the computed
   expression; metadata columns), the primary key (and its name, from SHOW
   CREATE TABLE), the watermark, the comment and the WITH options. Each
   difference is reported with both sides.
2. When --from is not empty: the plan from empty to the --from state, then
   the printed migration, in one fresh environment; compared again.
   Tables under 'evolution registry' (Confluent Cloud) do not get their
   physical columns changed by ALTER: Confluent Cloud changes them from the
   Avro value schema the plan says to register. For them the physical
   columns Flink holds must still be the --from state's, and the registered
   Avro schema (the plan's `-- Schema Registry: register ...` comment) must
   have the desired physical columns (names, order, nullability); the rest
   (computed columns, watermark, options) is compared with the desired
   catalog as for any table.
3. Every table must be readable: `SELECT *` from it is planned (EXPLAIN), so
   its connector's and format's factories (kafka, upsert-kafka, avro-
   confluent, json, datagen, ...) validate its options and schema (a
   sink-only connector, e.g. blackhole, must take an INSERT instead). And every
   table with a computed column, a metadata column or a watermark is queried
   for real: a copy of it whose connector is 'datagen' (5 rows) is read, so
   the computed expressions and the watermark are evaluated.
4. Every CREATE TABLE / CREATE VIEW must also parse with dt-sql-parser's
   FlinkSQL (an independent grammar; tools/flink_validate.mjs, one node
   process per plan).

A stand-in connector: OSS Flink refuses to read a table without a
'connector' option, and a schema that never names one (a test of another
target planning --target flink, e.g. cli/fail_unknown_target.test) prints a
CREATE TABLE with no WITH clause at all. For exactly that case (no WITH
clause) the statement runs with WITH ('connector' = 'datagen'), logged, and
that option is left out of the comparison. A WITH clause without a connector
is run as printed (and fails as Flink fails).

Exit 0 when all holds; 1 with the reasons on stderr otherwise.
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
from cli_args import option, without_options

BIN = os.environ.get("SCHEMAC_BIN", "schemac")
ADDR = os.environ.get("SCHEMAC_FLINK_ADDR", "")
ORACLES = os.environ.get("SCHEMAC_ORACLES", "")
HERE = os.path.dirname(os.path.abspath(__file__))

failures = []


def log(msg):
    sys.stderr.write(f"flink_run.py: {msg}\n")


def fail(msg):
    log(msg)
    sys.exit(1)


def problem(msg):
    """A difference: all of them are reported, then the run fails."""
    failures.append(msg)
    log(msg)


# --- schemac ------------------------------------------------------------------


def schemac(args):
    r = subprocess.run([BIN] + args, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        fail(f"'schemac {' '.join(args)}' failed:\n{r.stderr}")
    return r.stdout


def plan_changes(args):
    """The plan's changes, from its JSON form."""
    plan = json.loads(schemac(without_options(args, {"--format"}) + ["--format", "json"]))
    return plan.get("changes", [])


def plan_statements(changes):
    stmts = [s for c in changes for s in c.get("statements", [])]
    return [s["sql"] for s in sorted(stmts, key=lambda s: s["position"])]


def catalog(args):
    rest = without_options(args, {"--from", "--format", "--dump", "-o", "--output", "--allow"})
    return json.loads(schemac(rest + ["--dump", "catalog"]))


# --- SQL text -------------------------------------------------------------------

def split_sql(text):
    """Statements of a SQL script, split at each `;` outside quotes,
    identifiers and comments (and inside a STATEMENT SET BEGIN ... END)."""
    out, cur, i, n = [], [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "'`\"":
            j = i + 1
            while j < n:
                if text[j] == ch:
                    if j + 1 < n and text[j + 1] == ch:
                        j += 2
                        continue
                    break
                j += 1
            cur.append(text[i:j + 1])
            i = j + 1
            continue
        if text.startswith("--", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            cur.append(text[i:j])
            i = j
            continue
        if ch == ";":
            text_so_far = executable("".join(cur)) or ""
            if re.match(r"^(EXECUTE\s+)?STATEMENT\s+SET\s+BEGIN\b", text_so_far, re.I) and \
                    not re.search(r"\bEND\s*$", text_so_far, re.I):
                cur.append(ch)  # a statement of the set: the set ends at END;
                i += 1
                continue
            out.append("".join(cur) + ";")
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    if "".join(cur).strip():
        out.append("".join(cur))
    return out


def executable(sql):
    """The statement as execute_sql takes it: no leading comment lines, no
    trailing semicolon; None for a comment-only statement."""
    lines = sql.strip().split("\n")
    while lines and (lines[0].strip().startswith("--") or not lines[0].strip()):
        lines.pop(0)
    body = "\n".join(lines).strip()
    if body.endswith(";"):
        body = body[:-1].rstrip()
    return body or None


_logged_stand_ins = set()
CREATE_TABLE = re.compile(r"^CREATE\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+)", re.I)


def with_stand_in(sql, stand_ins):
    """A CREATE TABLE with no WITH clause at all gets WITH ('connector' =
    'datagen') (module docstring); its name is added to stand_ins."""
    m = CREATE_TABLE.match(sql)
    if not m or re.search(r"\)\s*(COMMENT\s+'(?:[^']|'')*'\s*)?(PARTITIONED BY \([^)]*\)\s*)?WITH\s*\(", sql, re.I):
        return sql
    name = normalize_name(m.group(1).rstrip("("))
    stand_ins.add(name)
    if name in _logged_stand_ins:
        return sql + "\nWITH ('connector' = 'datagen')"
    _logged_stand_ins.add(name)
    log(f"stand-in connector: {name} has no WITH clause (OSS Flink needs a connector to read a table): "
        "run with WITH ('connector' = 'datagen')")
    return sql + "\nWITH ('connector' = 'datagen')"


def idents(name):
    return [a.replace("``", "`") if a else b for a, b in re.findall(r"`((?:[^`]|``)*)`|([^.`\s]+)", name)]


def normalize_name(name):
    parts = idents(name)
    while len(parts) < 3:
        parts.insert(0, "default_catalog" if len(parts) == 2 else "default_database")
    return ".".join("`" + p.replace("`", "``") + "`" for p in parts)


def q3(schema, table):
    cat, _, db = schema.partition(".")
    if not db:
        cat, db = "default_catalog", schema
    return ".".join("`" + p.replace("`", "``") + "`" for p in (cat, db, table))


# --- the planner ----------------------------------------------------------------

def planner(request):
    if not ADDR:
        fail("no Flink planner (SCHEMAC_FLINK_ADDR is not set: lit.cfg.py starts tools/flink_server.py)")
    host, _, port = ADDR.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=600) as s:
            f = s.makefile("rw", encoding="utf-8")
            f.write(json.dumps(request) + "\n")
            f.flush()
            line = f.readline()
    except OSError as e:
        fail(f"the Flink planner at {ADDR} does not answer: {e}")
    if not line:
        fail(f"the Flink planner at {ADDR} closed the connection")
    return json.loads(line)


def run(stmts, what, datagen):
    """Runs the statements; returns the planner's answer (tables...) or fails."""
    answer = planner({"statements": stmts, "inspect": True, "sources": True, "datagen": sorted(datagen)})
    if not answer["ok"]:
        fail(f"{what}: Flink refuses statement {answer['index'] + 1}:\n{answer['error']}\n"
             f"--- statement ---\n{answer['statement']}")
    return answer


# --- comparing --------------------------------------------------------------------

def flink_type(t):
    return re.sub(r"\s*\*(ROWTIME|PROCTIME)\*$", "", t)


def with_options(show_create):
    m = re.search(r"[\n ]WITH \(\n(.*)\n\)\s*$", show_create, re.S)
    if not m:
        return {}
    return {k.replace("''", "'"): v.replace("''", "'")
            for k, v in re.findall(r"^\s*'((?:[^']|'')*)' = '((?:[^']|'')*)',?$", m.group(1), re.M)}


def table_comment(show_create):
    m = re.search(r"\n\) COMMENT '((?:[^']|'')*)'", show_create)
    return m.group(1).replace("''", "'") if m else None


def pk_name(show_create):
    m = re.search(r"CONSTRAINT `((?:[^`]|``)*)` PRIMARY KEY", show_create)
    return m.group(1).replace("``", "`") if m else None


def expected_extras(c):
    if c.get("generated"):
        return "AS " + c["generated"]
    md = c.get("metadata")
    if md is not None:
        s = "METADATA"
        if md.get("key"):
            s += f" FROM '{md['key']}'"
        return s + (" VIRTUAL" if md.get("virtual") else "")
    return None


def is_physical(c):
    return not c.get("generated") and c.get("metadata") is None


def registry_fields(changes):
    """{table name: [avro fields]} from the plan's `-- Schema Registry:
    register this value schema ...` comments."""
    out = {}
    for c in changes:
        for s in c.get("statements", []):
            m = re.search(r"^-- Schema Registry: register this value schema under subject .*\n-- (\{.*\})$",
                          s["sql"], re.M)
            if m:
                schema, _, table = c["object"].rpartition(".")
                out[q3(schema, table)] = json.loads(m.group(1)).get("fields", [])
    return out


def avro_nullable(t):
    return isinstance(t, list) and "null" in t


def compare(answer, desired, what, stand_ins=(), registry=None, from_cat=None):
    """Flink's tables and views (answer) against the desired catalog."""
    registry = registry or {}
    got = answer["tables"]
    want = {}
    for s in desired.get("schemas", []):
        for t in s.get("tables", []):
            want[q3(s["name"], t["name"])] = ("table", t)
        for v in s.get("views", []):
            want[q3(s["name"], v["name"])] = ("view", v)
    for name in sorted(set(got) - set(want)):
        problem(f"{what}: Flink has {got[name]['kind']} {name}, which the desired catalog does not")
    for name in sorted(set(want) - set(got)):
        problem(f"{what}: the desired catalog has {want[name][0]} {name}, which Flink does not")
    old_tables = {}
    if from_cat:
        for s in from_cat.get("schemas", []):
            for t in s.get("tables", []):
                old_tables[q3(s["name"], t["name"])] = t
    for name in sorted(set(got) & set(want)):
        kind, w = want[name]
        g = got[name]
        if g["kind"] != kind:
            problem(f"{what}: {name} is a {g['kind']} on Flink, a {kind} in the desired catalog")
            continue
        if "error" in g:
            problem(f"{what}: Flink cannot describe {name}: {g['error']}")
            continue
        if kind == "view":
            continue
        compare_table(name, g, w, what, name in stand_ins, registry, old_tables.get(name))


def compare_table(name, g, w, what, stand_in, registry, old):
    rows = g["describe"]
    evolution = w.get("options", {}).get("schemac.evolution")
    cols = w.get("columns", [])
    if evolution == "registry" and old is not None:
        # Physical columns: Flink keeps the --from state's (no ALTER), the
        # registered Avro schema carries the desired ones.
        fields = registry.get(name)
        want_phys = [c for c in cols if is_physical(c)]
        if fields is not None:
            avro = [(f["name"], not avro_nullable(f["type"])) for f in fields]
            desired_phys = [(c["name"], bool(c.get("not_null"))) for c in want_phys]
            if avro != desired_phys:
                problem(f"{what}: {name}: the Avro value schema the plan registers has fields (name, not null) "
                        f"{avro}, the desired catalog's physical columns are {desired_phys}")
        elif [c["name"] for c in want_phys] != [c["name"] for c in old.get("columns", []) if is_physical(c)]:
            problem(f"{what}: {name} ('evolution registry') changes its physical columns, "
                    "and the plan registers no value schema for it")
        keep = {c["name"] for c in old.get("columns", []) if is_physical(c)}
        cols = [c for c in old.get("columns", []) if is_physical(c)] + [c for c in cols if not is_physical(c)]
        rows = [r for r in rows if r[0] in keep] + [r for r in rows if r[0] not in keep]
        log(f"{what}: {name} is under 'evolution registry': its physical columns are compared with the --from "
            "state's (Confluent Cloud changes them from the registered Avro schema, compared above)")
    got_names = [r[0] for r in rows]
    want_names = [c["name"] for c in cols]
    if got_names != want_names:
        problem(f"{what}: {name} has columns {got_names} on Flink, the desired catalog {want_names}")
    by_name = {r[0]: r for r in rows}
    for c in cols:
        r = by_name.get(c["name"])
        if r is None:
            continue
        _, typ, nullable, _, extras = r[:5]
        if flink_type(typ) != c["type"]:
            problem(f"{what}: column {name}.{c['name']} is {flink_type(typ)} on Flink"
                    f"{' (derived from its expression)' if c.get('generated') else ''}, "
                    f"the desired catalog says {c['type']}")
        if nullable == bool(c.get("not_null")) and not c.get("generated"):
            problem(f"{what}: column {name}.{c['name']}: Flink says {'NULL' if nullable else 'NOT NULL'}, "
                    f"the desired catalog not_null={bool(c.get('not_null'))}")
        if (extras or None) != expected_extras(c):
            problem(f"{what}: column {name}.{c['name']}: Flink says {extras!r}, "
                    f"the desired catalog {expected_extras(c)!r}")
    # The primary key.
    pk = [r[0] for r in rows if r[3] and r[3].startswith("PRI")]
    want_pk = next((k for k in w.get("constraints", []) if k.get("kind") == "primary_key"), None)
    if sorted(pk) != sorted(want_pk["columns"] if want_pk else []):
        problem(f"{what}: {name}: primary key {pk} on Flink, {want_pk['columns'] if want_pk else []} desired")
    if pk and want_pk:
        key = next(r[3] for r in rows if r[3] and r[3].startswith("PRI"))
        if key != "PRI(" + ", ".join(want_pk["columns"]) + ")":
            problem(f"{what}: {name}: primary key {key} on Flink, columns {want_pk['columns']} desired")
        if want_pk.get("name") and pk_name(g["show_create"]) != want_pk["name"]:
            problem(f"{what}: {name}: primary key named {pk_name(g['show_create'])!r} on Flink, "
                    f"{want_pk['name']!r} desired")
    # The watermark.
    wm = [(r[0], r[5]) for r in rows if len(r) > 5 and r[5]]
    ww = w.get("watermark")
    want_wm = [(ww["column"], ww["expression"])] if ww else []
    if wm != want_wm:
        problem(f"{what}: {name}: watermark {wm} on Flink, {want_wm} desired")
    # Comment and options.
    if table_comment(g["show_create"]) != w.get("comment"):
        problem(f"{what}: {name}: comment {table_comment(g['show_create'])!r} on Flink, {w.get('comment')!r} desired")
    opts = with_options(g["show_create"])
    if stand_in:
        opts.pop("connector", None)
    want_opts = {k: v for k, v in w.get("options", {}).items() if not k.startswith("schemac.")}
    if opts != want_opts:
        problem(f"{what}: {name}: options {opts} on Flink, {want_opts} desired")
    # Readable.
    if g.get("source_error"):
        problem(f"{what}: {name} cannot be read on Flink (SELECT * does not plan):\n{g['source_error']}")


def check_datagen(answer, what):
    for name, r in sorted(answer.get("datagen", {}).items()):
        if "error" in r:
            problem(f"{what}: reading a datagen copy of {name} (its computed columns, metadata columns and "
                    f"watermark evaluated) fails:\n{r['error']}\n--- the copy ---\n{r.get('ddl', '')}")


def datagen_tables(cat):
    out = set()
    for s in cat.get("schemas", []):
        for t in s.get("tables", []):
            if t.get("watermark") or any(not is_physical(c) for c in t.get("columns", [])):
                out.add(q3(s["name"], t["name"]))
    return out


# --- dt-sql-parser ------------------------------------------------------------------

def validate(stmts):
    ddl = [s for s in stmts if re.match(r"^CREATE\s+(TEMPORARY\s+)?(TABLE|VIEW)\s", s, re.I)]
    if not ddl:
        return
    oracles = ORACLES or os.path.join(os.path.dirname(os.path.dirname(BIN)), "oracles")
    r = subprocess.run(["node", os.path.join(HERE, "flink_validate.mjs"), oracles], input=json.dumps(ddl),
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"dt-sql-parser did not run:\n{r.stderr}")
    for sql, errors in zip(ddl, json.loads(r.stdout)):
        if errors:
            problem("dt-sql-parser (FlinkSQL().validate) refuses this statement: " +
                    "; ".join(f"{e['line']}:{e['column']}: {e['message']}" for e in errors) +
                    f"\n--- statement ---\n{sql}")


# --- main -------------------------------------------------------------------------

def prepare(sqls):
    stand_ins = set()
    out = []
    for s in sqls:
        e = executable(s)
        if e is not None:
            out.append(with_stand_in(e, stand_ins))
    return out, stand_ins


def main_sql(ns):
    with open(ns.sql) as f:
        stmts, stand_ins = prepare(split_sql(f.read()))
    before = []
    if ns.from_sql:
        with open(ns.from_sql) as f:
            before, more = prepare(split_sql(f.read()))
            stand_ins |= more
    with open(ns.catalog) as f:
        desired = json.load(f)
    validate(stmts)
    answer = run(before + stmts, f"{ns.sql}", datagen_tables(desired))
    compare(answer, desired, ns.sql, stand_ins)
    check_datagen(answer, ns.sql)


def main_plan(args):
    printed_changes = plan_changes(args)
    printed, stand_ins = prepare(plan_statements(printed_changes))
    desired = catalog(args)
    src = option(args, "--from", "empty")
    base = without_options(args, {"--from", "--format", "--dump", "-o", "--output"})
    validate(printed)

    stmts, more = prepare(plan_statements(plan_changes(base + ["--from", "empty"])))
    answer = run(stmts, "the plan from empty to the desired state", datagen_tables(desired))
    compare(answer, desired, "from empty", stand_ins | more)
    check_datagen(answer, "from empty")
    if src == "empty":
        log(f"ran on Flink: from empty ({len(stmts)} statements)")
        return
    if src.startswith("git:"):
        log(f"--from {src}: the migration is run from empty only (a git revision is not rebuilt here)")
        return
    target = ["--target", option(args, "--target", option(args, "-t", "flink"))]
    if src.endswith(".json"):
        build_args, before_args = ["plan", "--from", "empty", "--to", src] + target, ["plan", "--to", src] + target
    else:
        build_args, before_args = ["plan", "--from", "empty", src] + target, ["plan", src] + target
    build, more2 = prepare(plan_statements(plan_changes(build_args)))
    from_cat = catalog(before_args)
    answer = run(build + printed, f"building the --from state ({src}), then the migration",
                 datagen_tables(desired))
    compare(answer, desired, "after the migration", stand_ins | more2, registry_fields(printed_changes), from_cat)
    check_datagen(answer, "after the migration")
    log(f"ran on Flink: from empty ({len(stmts)} statements), and {src} -> desired "
        f"({len(build)} + {len(printed)} statements)")


def main():
    if len(sys.argv) > 1 and sys.argv[1] in ("--sql", "-h", "--help"):
        ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        ap.add_argument("--sql", required=True)
        ap.add_argument("--catalog", required=True)
        ap.add_argument("--from-sql")
        main_sql(ap.parse_args())
    else:
        main_plan(sys.argv[1:])
    if failures:
        log(f"{len(failures)} difference(s) between Flink and the desired catalog (above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
