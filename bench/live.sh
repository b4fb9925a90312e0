#!/usr/bin/env bash
# Benchmarks inspect and plan against a live Postgres (started here on a free
# loopback port, thrown away after): generated databases of N tables (20
# columns, 2 indexes, 1 foreign key each), unchanged and with 5% of tables
# changed; and the same database-to-database diff done by @pgkit/migra
# (installed from npm into a temporary folder), as a ratio. Prints wall time
# and peak memory. Not a test.
#   bench/live.sh [TABLES...]      (default: 1000 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${SCHEMAC:-build/schemac}")
work=$(mktemp -d)
chmod 755 "$work"
# Creating thousands of tables in one transaction needs a larger lock table.
SCHEMAC_PG_OPTIONS="-c max_locks_per_transaction=4096" python3 tests/lit/tools/pgserver.py > "$work/dsn" 2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do [ -s "$work/dsn" ] && break; sleep 0.5; done
dsn=$(head -1 "$work/dsn"); base=${dsn%/*}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)

measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
  awk '{printf "%8.2f s %8.1f MB", $1, $2/1024}' "$work/time"
}

migra=""
if command -v npm >/dev/null && (cd "$work" && npm install --silent --no-audit --no-fund @pgkit/migra@0.6.1 >/dev/null 2>&1); then
  migra="$work/node_modules/.bin/migra"
else
  echo "(npm or @pgkit/migra not available: no comparison)"
fi
seconds() { awk '{print $1}' "$work/time"; }

printf "%-8s %-44s %12s %12s\n" tables case time "peak RSS"
for n in "${sizes[@]}"; do
  python3 bench/gen_schema.py "$work/a$n" --tables "$n"
  python3 bench/gen_schema.py "$work/b$n" --tables "$n" --change-percent 5
  psql "$dsn" -qc "create database bench$n"
  "$bin" plan "$work/a$n" | psql "$base/bench$n" -X -q -v ON_ERROR_STOP=1
  printf "%-8s %-44s %s\n" "$n" "inspect" "$(measure "$bin" inspect --db "$base/bench$n")"
  printf "%-8s %-44s %s\n" "$n" "plan --from postgres:// (unchanged)" "$(measure "$bin" plan --from "$base/bench$n" "$work/a$n")"
  printf "%-8s %-44s %s\n" "$n" "plan --from postgres:// (5% changed)" "$(measure "$bin" plan --from "$base/bench$n" "$work/b$n")"
  # Database to database: schemac and migra on the same pair.
  psql "$dsn" -qc "create database bench${n}b"
  "$bin" plan "$work/b$n" | psql "$base/bench${n}b" -X -q -v ON_ERROR_STOP=1
  printf "%-8s %-44s %s\n" "$n" "schemac: database -> database" "$(measure "$bin" plan --from "$base/bench$n" --to "$base/bench${n}b")"
  ours=$(seconds)
  if [ -n "$migra" ]; then
    printf "%-8s %-44s %s" "$n" "migra: database -> database" "$(measure "$migra" "$base/bench$n" "$base/bench${n}b" --unsafe)"
    printf "   (schemac/migra time: %s)\n" "$(awk -v a="$ours" -v b="$(seconds)" 'BEGIN { printf "%.2f", a / b }')"
  fi
done
