#!/usr/bin/env bash
# Benchmarks templates (docs/language.md §9): TENANTS tenants x YEARS yearly
# tables x COLUMNS columns, a union view per tenant and one across tenants,
# all from one `for` loop. Prints wall time and peak memory (max RSS) of
# `check`, `plan` against the template's own snapshot (no change) and `plan`
# after one column is added to the shared mixin (a change to every table and
# every view), at the given size and at twice the tenants: linear means the
# second row takes about twice the first. Not a test: numbers depend on the
# machine.
#   bench/templates.sh [TENANTS [YEARS [COLUMNS]]]   (default: 500 5 30)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SCHEMAC:-build/schemac}
[ -x "$bin" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
tenants=${1:-500}
years=${2:-5}
columns=${3:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # prints "seconds max_rss_mb" for a command
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  awk '{printf "%8.2f s %8.1f MB", $1, $2/1024}' "$work/time"
}

# gen DIR TENANTS EXTRA_COLUMN: the template (one file) and its tenants (another).
gen() {
  mkdir -p "$1"
  {
    printf "let tenants = ["
    for ((t = 1; t <= $2; t++)); do printf "%s'tenant_%d'" "$([ "$t" -gt 1 ] && echo ', ')" "$t"; done
    printf "]\nlet years = 2021..%d\n" $((2020 + years))
  } > "$1/tenants.schema"
  {
    echo "mixin measures {"
    echo "  id bigint not null"
    for ((c = 2; c <= columns; c++)); do echo "  m_$c numeric(12, 2) default 0"; done
    [ "$3" = yes ] && echo "  added text not null default 'x'"
    echo "}"
    echo "for tenant in tenants {"
    echo "  schema \${tenant} {"
    echo "    for year in years {"
    echo "      table facts_\${year} {"
    echo "        include measures"
    echo "        primary key (id)"
    echo "        comment 'Facts of \${tenant} for \${year}'"
    echo "      }"
    echo "    }"
    echo "    view facts as union all (for year in years: facts_\${year})"
    echo "  }"
    echo "}"
    echo "view public.facts as union all (for tenant in tenants: \${tenant}.facts)"
  } > "$1/facts.schema"
}

printf "%-26s %-44s %12s %12s\n" shape case time "peak RSS"
for n in "$tenants" $((tenants * 2)); do
  shape="$n x $years x $columns"
  gen "$work/a$n" "$n" no
  gen "$work/b$n" "$n" yes
  "$bin" snapshot "$work/a$n" -o "$work/a$n.json"
  printf "%-26s %-44s %s\n" "$shape" "check" "$(measure "$bin" check "$work/a$n")"
  printf "%-26s %-44s %s\n" "$shape" "plan --from its snapshot (no change)" \
    "$(measure "$bin" plan --from "$work/a$n.json" "$work/a$n")"
  printf "%-26s %-44s %s\n" "$shape" "plan --from snapshot (column added to mixin)" \
    "$(measure "$bin" plan --from "$work/a$n.json" "$work/b$n")"
done
