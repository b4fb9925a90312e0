#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and print the migration of
# the bundled example (the tutor app, version 1 to version 2).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh build
cd examples/tutor-app
../../build/schemac plan --from v1 v2
