#!/usr/bin/env python3
"""Squawk parity: every substantive squawk finding on a schemac plan must have
a schemac hazard on the same change.

Usage: squawk_parity.py --schemac BIN --squawk SQUAWK --repo REPO --work DIR

The corpus is every pair of .schema states (old -> new) that the lit suite
plans or lints (`plan --from A B` / `lint --from A B` RUN lines of
tests/lit/plan and tests/lit/lint, with split-file inputs cut out here), plus
the CURATED pairs below. For each pair, `schemac plan --from OLD NEW --format
json`; the plan's statements are written as squawk sees a migration: the
transactional ones in one file, in plan order, checked with
--assume-in-transaction (the plan runs them in one BEGIN ... COMMIT); the
others in a second file without it. A squawk finding belongs to the change
whose statements span its line. Writing the whole plan (not one change per
file) gives squawk the context schemac has: a table created earlier in the same
plan is new, and squawk, like schemac, does not report locks on it.

Each squawk rule that fires is classified in RULES: substantive (the codes of
schemac that report the same hazard) or not a hazard of the change (None, with
why). A substantive squawk finding whose change has no schemac hazard with one
of the mapped codes is a miss, and fails the run, unless it is a justified
FALSE_ALARMS entry (squawk wrong, schemac intentionally quiet) or listed in
KNOWN_GAPS (a schemac bug not fixed yet, printed). A rule squawk emits that
RULES does not classify fails the run too.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

# squawk rule -> (schemac codes, or None when it is not a hazard of the change; why)
RULES = {
    # Substantive: the same hazard as a schemac rule.
    "adding-required-field": (("DD101",), "NOT NULL column without a default fails on existing rows"),
    "adding-not-nullable-field": (("DD102", "LK105"), "SET NOT NULL fails on a null and scans the table under ACCESS EXCLUSIVE"),
    "setting-not-nullable-field": (("DD102", "LK105"), "SET NOT NULL fails on a null and scans the table under ACCESS EXCLUSIVE"),
    "adding-field-with-default": (("LK103",), "a volatile default rewrites the table"),
    "adding-foreign-key-constraint": (("DD105", "LK104"), "a validated foreign key fails on orphans and scans under a write-blocking lock"),
    "constraint-missing-not-valid": (("LK104", "DD104", "DD105"), "a validated constraint scans every row under a write-blocking lock"),
    "disallowed-unique-constraint": (("DD103", "LK101", "LK104"), "a unique constraint builds its index under a write-blocking lock and fails on duplicates"),
    "adding-serial-primary-key-field": (("DD103", "LK101", "LK103", "LK104"), "a primary key builds its index under a lock (and a serial column rewrites)"),
    "adding-primary-key-constraint": (("DD103", "LK101", "LK104"), "a primary key builds its unique index under a lock"),
    "changing-column-type": (("DS104", "LK103", "LK101"), "a type change that is not binary-coercible rewrites the table (and may fail or truncate); a collation change builds the column's indexes again (LK101)"),
    "require-concurrent-index-creation": (("LK101",), "CREATE INDEX without CONCURRENTLY blocks writes"),
    "require-concurrent-index-deletion": (("LK102",), "DROP INDEX without CONCURRENTLY blocks reads and writes"),
    "ban-drop-column": (("DS103",), "the column's data is lost"),
    "ban-drop-table": (("DS102",), "the table's data is lost"),
    "ban-drop-database": (("DS101",), "data loss (schemac never drops a database; a schema drop is the nearest)"),
    "renaming-column": (("BC102",), "readers and writers of the old name break"),
    "renaming-table": (("BC101",), "readers and writers of the old name break"),
    "ban-concurrent-index-creation-in-transaction": ((), "schemac must never emit CONCURRENTLY inside the transaction: any finding is a bug"),
    "require-concurrent-partition-detach": (("LK104",), "DETACH PARTITION holds ACCESS EXCLUSIVE on the parent (CONCURRENTLY exists), like DROP INDEX (LK102); no schemac rule reports it yet"),
    "ban-alter-domain-with-add-constraint": (("DD104", "LK104"), "a domain constraint is checked against every column of that domain"),
    # Not a hazard of the change: style, or what schemac's apply does itself.
    "prefer-bigint-over-int": (None, "style: the type is the schema author's choice, not a risk of the migration"),
    "prefer-bigint-over-smallint": (None, "style: the type is the schema author's choice, not a risk of the migration"),
    "prefer-big-int": (None, "style: the type is the schema author's choice, not a risk of the migration"),
    "prefer-identity": (None, "style: serial vs identity is the schema author's choice"),
    "prefer-text-field": (None, "style: varchar(n) is the author's choice; widening it is binary-coercible (metadata only, no rewrite)"),
    "prefer-timestamptz": (None, "style: the type is the schema author's choice"),
    "ban-char-field": (None, "style: the type is the schema author's choice"),
    "prefer-robust-stmts": (None, "style: IF [NOT] EXISTS; schemac's plan runs in one transaction and is all-or-nothing"),
    "require-timeout-settings": (None, "schemac apply sets lock_timeout (--lock-timeout 3s) and statement_timeout (--statement-timeout) itself"),
    "require-lock-timeout": (None, "schemac apply sets lock_timeout itself (--lock-timeout, default 3s)"),
    "require-statement-timeout": (None, "schemac apply sets statement_timeout itself (--statement-timeout, 0 by default on purpose: long scans and rewrites are the LK rules' findings)"),
    "transaction-nesting": (None, "structural: about BEGIN/COMMIT in a migration file, not a change"),
    "ban-uncommitted-transaction": (None, "structural: about BEGIN/COMMIT in a migration file, not a change"),
    "ban-create-domain-with-constraint": (None, "a new domain has no columns yet: its check constrains nothing existing"),
    "ban-drop-not-null": (None, "relaxing NOT NULL cannot fail or lock for long; readers seeing nulls is a design change, not a migration hazard"),
    "require-enum-value-ordering": (None, "schemac appends with ADD VALUE only a value that is last in the desired order; one in the middle gets BEFORE/AFTER"),
    "require-table-schema": (None, "style (opt-in): schemac always qualifies names"),
}

# (squawk rule, description, predicate(change, case) -> bool): squawk reports
# it, schemac is intentionally quiet, and why.
def _varchar_widening(change, case):
    before = (change.get("before") or {}).get("type", "")
    after = (change.get("after") or {}).get("type", "")
    if (change.get("before") or {}).get("collation") != (change.get("after") or {}).get("collation"):
        return False
    mb = re.fullmatch(r"character varying\((\d+)\)", before)
    if not mb:
        return False
    if after in ("text", "character varying"):
        return True
    ma = re.fullmatch(r"character varying\((\d+)\)", after)
    return bool(ma) and int(ma.group(1)) >= int(mb.group(1))


def _numeric_widening(change, case):
    before = (change.get("before") or {}).get("type", "")
    after = (change.get("after") or {}).get("type", "")
    if (change.get("before") or {}).get("collation") != (change.get("after") or {}).get("collation"):
        return False
    mb = re.fullmatch(r"numeric\((\d+),(\d+)\)", before.replace(" ", ""))
    ma = re.fullmatch(r"numeric\((\d+),(\d+)\)", after.replace(" ", ""))
    return bool(mb and ma) and mb.group(2) == ma.group(2) and int(ma.group(1)) >= int(mb.group(1))


SCHEMAC = None
_snapshots = {}


def snapshot(path):
    """The catalog snapshot of a .schema file (schemac snapshot), cached."""
    if path not in _snapshots:
        r = subprocess.run([SCHEMAC, "snapshot", path], capture_output=True, text=True, cwd=os.path.dirname(path))
        _snapshots[path] = json.loads(r.stdout) if r.returncode == 0 else None
    return _snapshots[path]


def _indexed(catalog, schema, table, column):
    """Whether an index or a constraint with an index (or an expression) of the table uses the column."""
    for sch in (catalog or {}).get("schemas", []):
        for t in sch.get("tables", []) if sch["name"] == schema else []:
            if t["name"] != table:
                continue
            for ix in t.get("indexes", []):
                if any(k.get("column") == column or column in k.get("expression", "") for k in ix.get("keys", [])):
                    return True
            for c in t.get("constraints", []):
                cols = c.get("columns", []) + [e.get("column", "") for e in c.get("elements", [])]
                if c.get("kind") in ("primary_key", "unique", "exclusion") and (column in cols or not cols):
                    return True
    return False


def _collation_only_unindexed(change, case):
    before, after = change.get("before") or {}, change.get("after") or {}
    if change["kind"] != "alter_column" or before.get("type") != after.get("type"):
        return False
    if before.get("collation") == after.get("collation"):
        return False
    schema, table, column = change["object"].split(".")
    return not any(_indexed(snapshot(case[side]), schema, table, column) for side in ("old", "new"))


def _generated_rebuilt(change, case):
    before = change.get("before") or {}
    return change["kind"] == "drop_column" and bool(before.get("generated")) and bool(change.get("reason"))


def _index_of_new_view(change, case):
    return change["kind"] in ("create_materialized_view", "create_table")


FALSE_ALARMS = [
    ("changing-column-type", "varchar(n) -> varchar(m>=n) or text is binary-coercible on Postgres 15: "
     "no rewrite, no value can fail (only a brief ACCESS EXCLUSIVE for the catalog update)", _varchar_widening),
    ("changing-column-type", "numeric(p,s) -> numeric(q>=p,s) is binary-coercible on Postgres 15: no rewrite, no value can fail",
     _numeric_widening),
    ("changing-column-type", "only the collation changes, same type, and no index uses the column: Postgres keeps the "
     "stored values, no rewrite (an index on it would be built again: LK101)", _collation_only_unindexed),
    ("ban-drop-column", "a generated column dropped and added again by the plan (reason given): its values are "
     "computed again from its expression, nothing stored is lost", _generated_rebuilt),
    ("require-concurrent-index-creation", "the index belongs to a materialized view (or table) created by the same "
     "change: nobody reads or writes it yet (squawk only knows tables created in the file)", _index_of_new_view),
]

# Substantive squawk findings schemac misses and nobody has fixed yet:
# (case id, squawk rule). Each is a schemac bug. Printed on every run; an
# entry that no longer misses fails the run, so that it is removed when fixed.
KNOWN_GAPS = [
    # None today. Fixed: a column that becomes generated (DS103), a partition
    # moved to another bound (LK104 on the attach), a collation change of an
    # indexed column (LK101: its indexes are built again).
]

# Pairs made here (id -> (old, new)), beside those of the lit suite. `quiet`:
# schemac must report no hazard at all for the plan.
CURATED = {
    "curated/varchar_widening": dict(quiet=True, old="""
table accounts {
  id bigint primary key
  name varchar(50) not null
  code varchar(10)
}
""", new="""
table accounts {
  id bigint primary key
  name varchar(200) not null
  code text
}
"""),
    "curated/numeric_widening": dict(quiet=True, old="""
table prices {
  id bigint primary key
  amount numeric(10, 2) not null
}
""", new="""
table prices {
  id bigint primary key
  amount numeric(12, 2) not null
}
"""),
    "curated/collation_indexed": dict(quiet=False, old="""
table t {
  id bigint primary key
  name text
  index (name)
}
""", new="""
table t {
  id bigint primary key
  name text collate "C"
  index (name)
}
"""),
    "curated/mixed": dict(quiet=False, old="""
table users {
  id bigint primary key
  email varchar(100) not null
  nick text
  age integer
  legacy text
  index users_nick_idx (nick)
}
table orgs {
  id bigint primary key
}
table old_stuff {
  id bigint primary key
}
""", new="""
table users {
  id bigint primary key
  email varchar(100) not null unique
  nick text not null
  age bigint
  org_id bigint references orgs(id)
  token uuid default gen_random_uuid()
  tenant bigint not null
  check (age > 0)
  index (email, nick)
}
table orgs {
  id bigint primary key
}
"""),
}


def split_file(path, outdir):
    """LLVM split-file's `#--- NAME` sections (the rule tests' inputs)."""
    os.makedirs(outdir, exist_ok=True)
    out = None
    with open(path) as f:
        lines = f.readlines()
    for i, line in enumerate(lines):
        m = re.match(r"^#--- (\S+)\s*$", line)
        if m:
            if out:
                out.close()
            out = open(os.path.join(outdir, m.group(1)), "w")
            continue
        if out:
            out.write(line)
    if out:
        out.close()


RUN_PAIR = re.compile(r"%schemac(?:-raw)?\s+(?:plan|lint)\s+--from\s+(%s|\S+\.schema)\s+(%s|\S+\.schema)(\s|$)")


def corpus(repo, work):
    """Yields (id, old path, new path, quiet)."""
    lit = os.path.join(repo, "tests", "lit")
    seen = set()
    for sub in ("plan", "lint"):
        for root, dirs, files in os.walk(os.path.join(lit, sub)):
            dirs[:] = sorted(d for d in dirs if d != "Inputs")
            for name in sorted(files):
                if not name.endswith((".schema", ".test")):
                    continue
                path = os.path.join(root, name)
                text = open(path).read()
                split_dir = None
                for line in text.splitlines():
                    if "RUN:" not in line:
                        continue
                    m = RUN_PAIR.search(line)
                    if not m:
                        continue
                    rel = os.path.relpath(path, lit)
                    if "%t" in m.group(1) + m.group(2) and split_dir is None:
                        split_dir = os.path.join(work, "split", rel)
                        split_file(path, split_dir)

                    def subst(p):
                        p = p.replace("%S", os.path.dirname(path)).replace("%t", split_dir or "")
                        return path if p == "%s" else p
                    old, new = subst(m.group(1)), subst(m.group(2))
                    key = (old, new)
                    if key in seen or old == new or not (os.path.isfile(old) and os.path.isfile(new)):
                        continue
                    seen.add(key)
                    yield f"{rel}:{os.path.basename(old)}->{os.path.basename(new)}", old, new, False
    for cid, case in CURATED.items():
        d = os.path.join(work, "curated", cid.split("/", 1)[1])
        os.makedirs(d, exist_ok=True)
        for side in ("old", "new"):
            with open(os.path.join(d, side + ".schema"), "w") as f:
                f.write(case[side].lstrip("\n"))
        yield cid, os.path.join(d, "old.schema"), os.path.join(d, "new.schema"), case["quiet"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--squawk", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    args.schemac, args.repo, args.work = (os.path.abspath(p) for p in (args.schemac, args.repo, args.work))
    global SCHEMAC
    SCHEMAC = args.schemac
    if not (os.path.isfile(args.squawk) and os.access(args.squawk, os.X_OK)):
        sys.exit(f"squawk_parity: the squawk oracle is missing ({args.squawk}): run scripts/oracles.sh")
    version = subprocess.run([args.squawk, "--version"], capture_output=True, text=True).stdout.strip()
    os.makedirs(args.work, exist_ok=True)
    sqldir = os.path.join(args.work, "sql")
    os.makedirs(sqldir, exist_ok=True)

    cases = {}        # case id -> dict(plan, quiet, lines: {file: [(first, last, change index)]})
    failed_plans = []
    files = {True: [], False: []}   # in transaction? -> sql files
    for n, (cid, old, new, quiet) in enumerate(corpus(args.repo, args.work)):
        r = subprocess.run([args.schemac, "plan", "--from", old, new, "--format", "json"],
                           capture_output=True, text=True, cwd=os.path.dirname(new))
        if r.returncode != 0:
            failed_plans.append(cid)   # a plan the planner refuses: nothing to compare
            continue
        plan = json.loads(r.stdout)
        case = dict(plan=plan, quiet=quiet, spans={}, old=old, new=new)
        cases[cid] = case
        for tx in (True, False):
            text, spans, line = [], [], 0
            for ch in plan["changes"]:
                stmts = [s["sql"] for s in ch["statements"] if s["transactional"] == tx]
                if not stmts:
                    continue
                body = "\n".join(stmts)
                count = body.count("\n") + 1
                spans.append((line, line + count - 1, ch["index"]))
                text.append(body)
                line += count
            if not text:
                continue
            fname = os.path.join(sqldir, f"{n:04d}_{'tx' if tx else 'notx'}.sql")
            with open(fname, "w") as f:
                f.write("\n".join(text) + "\n")
            case["spans"][fname] = spans
            files[tx].append((fname, cid))

    findings = []     # (case id, change, rule, message, line)
    for tx in (True, False):
        if not files[tx]:
            continue
        cmd = [args.squawk, "--reporter", "json", "--pg-version", "15"]
        cmd += ["--assume-in-transaction"] if tx else ["--no-assume-in-transaction"]
        r = subprocess.run(cmd + [f for f, _ in files[tx]], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"squawk_parity: squawk failed ({r.returncode}): {r.stderr}")
        owner = dict(files[tx])
        for f in json.loads(r.stdout or "[]"):
            fname = f["file"] if os.path.isabs(f["file"]) else os.path.abspath(f["file"])
            cid = owner[fname]
            change = None
            for first, last, idx in cases[cid]["spans"][fname]:
                if first <= f["line"] <= last:
                    change = idx
            findings.append((cid, change, f["rule_name"], f["message"], fname, f["line"]))

    problems = []
    stats = defaultdict(lambda: dict(count=0, matched=0, false_alarm=0, gap=0, codes=set()))
    false_alarm_hits = defaultdict(list)
    gaps_seen = []
    for cid, change_idx, rule, message, fname, line in findings:
        st = stats[rule]
        st["count"] += 1
        if rule not in RULES:
            problems.append(f"unclassified squawk rule {rule} ({cid}): {message}")
            continue
        codes, _ = RULES[rule]
        if codes is None:
            continue
        change = next(c for c in cases[cid]["plan"]["changes"] if c["index"] == change_idx)
        sql = "\n".join(s["sql"] for s in change["statements"])
        have = {h["code"] for h in change["hazards"]}
        hit = have & set(codes)
        if hit:
            st["matched"] += 1
            st["codes"] |= hit
            continue
        fa = next((d for r_, d, pred in FALSE_ALARMS if r_ == rule and pred(change, cases[cid])), None)
        if fa:
            st["false_alarm"] += 1
            false_alarm_hits[fa].append(f"{cid} change {change_idx}")
            continue
        if (cid, rule) in KNOWN_GAPS:
            st["gap"] += 1
            gaps_seen.append((cid, rule))
            continue
        problems.append(f"MISS {rule} on {cid}, change {change_idx} {change['kind']} {change['object']} "
                        f"(schemac hazards: {sorted(have) or 'none'})\n    squawk: {message}\n    sql: {sql}")

    # Cases where schemac must be quiet.
    for cid, case in cases.items():
        if case["quiet"]:
            hz = [h["code"] for c in case["plan"]["changes"] for h in c["hazards"]]
            sq = sorted({rule for c_, _, rule, *_ in findings if c_ == cid})
            print(f"quiet case {cid}: schemac hazards {hz or 'none'}; squawk {', '.join(sq) or 'nothing'}")
            if hz:
                problems.append(f"{cid}: schemac must report no hazard, reports {hz}")
    for gap in KNOWN_GAPS:
        if gap not in gaps_seen:
            problems.append(f"stale KNOWN_GAPS entry {gap}: squawk no longer reports it, or schemac now does")

    print(f"{version}; corpus: {len(cases)} plans ({len(failed_plans)} pairs the planner refuses), "
          f"{sum(len(c['plan']['changes']) for c in cases.values())} changes, {len(findings)} squawk findings")
    print(f"{'squawk rule':45} {'count':>5} {'matched':>7} {'false':>5} {'gap':>3}  schemac codes / classification")
    for rule in sorted(stats):
        st = stats[rule]
        codes, why = RULES.get(rule, (None, "UNCLASSIFIED"))
        what = ", ".join(sorted(st["codes"])) if codes else f"not a hazard: {why}"
        if codes is not None and not codes:
            what = why
        print(f"{rule:45} {st['count']:5} {st['matched']:7} {st['false_alarm']:5} {st['gap']:3}  {what}")
    for desc, where in false_alarm_hits.items():
        print(f"false alarm ({len(where)}): {desc}")
        if args.verbose:
            for w in where:
                print(f"    {w}")
    print(f"KNOWN_GAPS ({len(KNOWN_GAPS)}):")
    for cid, rule in KNOWN_GAPS:
        print(f"  {rule} on {cid}")
    if problems:
        print(f"FAIL: {len(problems)} problems")
        for p in problems:
            print("  " + p)
        return 1
    print("parity: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
