#!/usr/bin/env bash
# Installs the Debian packages schemac needs to build and test, if missing.
# Usage: scripts/deps.sh [--fuzz]   (--fuzz: also clang and libFuzzer, for bench/fuzz.sh)
set -euo pipefail
packages=(cmake ninja-build g++ git python3 antlr4 libantlr4-runtime-dev libfmt-dev catch2 libcli11-dev
          nlohmann-json3-dev libpq-dev libpg-query-dev llvm-14-dev llvm-14-tools postgresql-15 postgresql-client-15)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev llvm-14)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
