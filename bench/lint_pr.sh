#!/usr/bin/env bash
# Benchmarks the pull-request case: `schemac lint --from git:HEAD` on a
# generated project of N tables (default 10,000, in 100 files) where the
# working tree changes one table (a column added, one dropped). Prints wall
# time and peak memory. Not a test: numbers depend on the machine.
#   bench/lint_pr.sh [TABLES]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${SCHEMAC:-build/schemac}")
[ -x "$bin" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
n=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_schema.py "$work/repo" --tables "$n"
cd "$work/repo"
git init -q && git add . && git -c user.email=bench@example.com -c user.name=bench commit -q -m base
# The pull request: one table of the first file gains a column and loses its last one.
python3 - part_00.schema <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
start = text.index("table ")
body_end = text.index("\n}", start)
body = text[start:body_end]
lines = body.split("\n")
lines = lines[:-1] + ["  reviewed_at timestamptz"]
open(path, "w").write(text[:start] + "\n".join(lines) + text[body_end:])
PY
git diff --stat | tail -1
/usr/bin/time -f "%e %M" -o "$work/time" "$bin" lint --from git:HEAD . > "$work/out" || true
tail -1 "$work/out"
awk -v n="$n" '{printf "%-8s %-40s %8.2f s %8.1f MB\n", n, "lint --from git:HEAD (one table changed)", $1, $2/1024}' "$work/time"
SCHEMAC_TIME_REPORT=1 "$bin" lint --from git:HEAD . 2>&1 >/dev/null | grep -v "^$" | tail -20 || true
