#!/usr/bin/env bash
# Gathers the seed corpora of the fuzz targets from the repository, so that
# every new test or example becomes a seed without copying it by hand.
# Usage: fuzz/seeds.sh OUT_DIR [SCHEMAC_BIN]
#   OUT_DIR/parse:    every .schema file under tests/, examples/ and stdlib/
#   OUT_DIR/snapshot: every .json file under tests/ and examples/, plus (with
#                     SCHEMAC_BIN) `schemac snapshot` of each .schema file
#                     under examples/ and tests/lit/plan/ that compiles
#   OUT_DIR/plan:     32 fixed pseudo-random byte strings (the planner target
#                     reads its input as a stream of choices, not as text)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: fuzz/seeds.sh OUT_DIR [SCHEMAC_BIN]}"
schemac="${2:-}"
rm -rf "$out"
mkdir -p "$out/parse" "$out/snapshot" "$out/plan"
name() { echo "$1" | tr '/' '_'; }
while IFS= read -r f; do cp "$f" "$out/parse/$(name "$f")"; done \
  < <(find tests examples stdlib -name '*.schema' -type f | sort)
while IFS= read -r f; do cp "$f" "$out/snapshot/$(name "$f")"; done \
  < <(find tests examples -name '*.json' -type f | sort)
if [ -n "$schemac" ]; then
  while IFS= read -r f; do
    "$schemac" snapshot "$f" -o "$out/snapshot/$(name "${f%.schema}").json" >/dev/null 2>&1 || true
  done < <(find examples tests/lit/plan -name '*.schema' -type f | sort)
fi
python3 - "$out/plan" <<'PY'
import random, sys
for i in range(32):
    rng = random.Random(i)
    with open(f"{sys.argv[1]}/seed{i:02d}", "wb") as f:
        f.write(bytes(rng.randrange(256) for _ in range(64 + 32 * (i % 8))))
PY
echo "seeds: $(ls "$out/parse" | wc -l) parse, $(ls "$out/snapshot" | wc -l) snapshot, $(ls "$out/plan" | wc -l) plan"
