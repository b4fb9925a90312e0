#!/usr/bin/env bash
# Installs the pinned test oracles into build/oracles/ (idempotent; fast when
# they are already there). The lit suite finds them there (tests/lit/lit.cfg.py:
# %squawk, %oracles-py, %sarif-schema) and fails the tests that need them when
# they are missing.
#
#   build/oracles/npm/node_modules/.bin/squawk   squawk-cli (Postgres migration linter)
#   build/oracles/sarif-2.1.0.json                the official SARIF 2.1.0 JSON schema
#                                                 (shipped by @microsoft/jest-sarif)
#   build/oracles/py/                             jsonschema, rfc3986-validator (PYTHONPATH)
#   build/oracles/flink/                          apache-flink (pyflink: Flink's jars, its planner
#                                                 in a local JVM), for tests/lit/tools/flink_server.py
#   build/oracles/flink-jars/                     the Kafka connector and Avro (Confluent) format jars
#   build/oracles/npm/node_modules/dt-sql-parser  an independent Flink SQL parser (flink_validate.mjs)
#
# Usage: scripts/oracles.sh [DIR]   (default: build/oracles)
set -euo pipefail
cd "$(dirname "$0")/.."
SQUAWK_VERSION=2.66.0
JEST_SARIF_VERSION=1.0.0-beta.0
JSONSCHEMA_VERSION=4.23.0
RFC3986_VALIDATOR_VERSION=0.1.1
# Snowflake: fakesnow emulates it on DuckDB; sqlglot (the version fakesnow
# pins) parses its SQL; the connector fakesnow patches, before 5.0 (5.x
# dropped the module fakesnow imports).
FAKESNOW_VERSION=0.12.1
SQLGLOT_VERSION=30.22.0
SNOWFLAKE_CONNECTOR_VERSION=4.8.1
# Apache Avro's own schema-compatibility checker (avro.compatibility), the
# oracle of the Flink backend's Avro checker (tests/lit/avro/oracle.test).
AVRO_VERSION=1.12.0
# Apache Flink's own table planner (tests/lit/tools/flink_server.py): the
# PyPI package carries Flink's jars and runs them in a local JVM (py4j). It
# pins old numpy/pandas/apache-beam, so it gets its own target folder; its
# wheels are for CPython 3.8 to 3.11. The connector and format jars it lacks
# (kafka, upsert-kafka; avro-confluent) come from Maven Central, and
# dt-sql-parser (npm) is an independent parser of Flink SQL.
APACHE_FLINK_VERSION=1.20.3
FLINK_KAFKA_JAR=org/apache/flink/flink-sql-connector-kafka/3.2.0-1.19/flink-sql-connector-kafka-3.2.0-1.19.jar
FLINK_AVRO_CONFLUENT_JAR=org/apache/flink/flink-sql-avro-confluent-registry/1.20.0/flink-sql-avro-confluent-registry-1.20.0.jar
DT_SQL_PARSER_VERSION=4.5.1
dir="${1:-build/oracles}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
stamp="$dir/.installed"
want="squawk-cli@$SQUAWK_VERSION jest-sarif@$JEST_SARIF_VERSION jsonschema==$JSONSCHEMA_VERSION rfc3986-validator==$RFC3986_VALIDATOR_VERSION fakesnow==$FAKESNOW_VERSION sqlglot==$SQLGLOT_VERSION snowflake-connector-python==$SNOWFLAKE_CONNECTOR_VERSION avro==$AVRO_VERSION apache-flink==$APACHE_FLINK_VERSION $FLINK_KAFKA_JAR $FLINK_AVRO_CONFLUENT_JAR dt-sql-parser@$DT_SQL_PARSER_VERSION"
flink_jars=("$FLINK_KAFKA_JAR" "$FLINK_AVRO_CONFLUENT_JAR")
have_jars() { for j in "${flink_jars[@]}"; do [ -s "$dir/flink-jars/$(basename "$j")" ] || return 1; done; }
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$dir/npm/node_modules/.bin/squawk" ] &&
   [ -f "$dir/sarif-2.1.0.json" ] && [ -d "$dir/py/jsonschema" ] && [ -d "$dir/py/fakesnow" ] && [ -d "$dir/py/avro" ] &&
   [ -d "$dir/flink/pyflink" ] && have_jars && [ -d "$dir/npm/node_modules/dt-sql-parser" ] && command -v java >/dev/null; then
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
command -v npm >/dev/null && command -v node >/dev/null || apt_install nodejs npm
command -v java >/dev/null || apt_install default-jre-headless   # pyflink's JVM
PYTHON="${PYTHON:-python3}"   # the interpreter lit runs the tools with
"$PYTHON" -m pip --version >/dev/null 2>&1 || apt_install python3-pip

rm -f "$stamp"
# squawk: the npm package runs the linux binary of its optional dependency
# @squawk-cli/linux-x64 (no download at install or run time).
mkdir -p "$dir/npm"
[ -f "$dir/npm/package.json" ] || echo '{"name": "schemac-oracles", "private": true}' > "$dir/npm/package.json"
npm install --prefix "$dir/npm" --no-audit --no-fund --loglevel=error --save-exact \
  "squawk-cli@$SQUAWK_VERSION" "dt-sql-parser@$DT_SQL_PARSER_VERSION" >/dev/null
"$dir/npm/node_modules/.bin/squawk" --version >/dev/null

# The SARIF schema: only one file of @microsoft/jest-sarif, so fetch its
# tarball with `npm pack` (no dependencies) and keep that file.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@microsoft/jest-sarif@$JEST_SARIF_VERSION" >/dev/null)
tar -xzf "$tmp"/microsoft-jest-sarif-*.tgz -C "$tmp" package/lib/schemas/sarif-2.1.0-rtm.5.json
cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$dir/sarif-2.1.0.json"

# jsonschema (draft-04, which the SARIF schema uses, through 2020-12), importable
# with PYTHONPATH, and rfc3986-validator, with which it checks the formats "uri"
# and "uri-reference" (artifact locations); fakesnow and sqlglot for the
# Snowflake plans (tests/lit/tools/snowflake_run.py).
rm -rf "$dir/py"
"$PYTHON" -m pip install --quiet --disable-pip-version-check --no-input --no-warn-conflicts --root-user-action=ignore --target "$dir/py" \
  "jsonschema==$JSONSCHEMA_VERSION" "rfc3986-validator==$RFC3986_VALIDATOR_VERSION" \
  "fakesnow==$FAKESNOW_VERSION" "sqlglot==$SQLGLOT_VERSION" "snowflake-connector-python==$SNOWFLAKE_CONNECTOR_VERSION" \
  "avro==$AVRO_VERSION"

# apache-flink in its own folder (see above), reinstalled only when its
# version changed: it is ~700 MB.
if [ "$(cat "$dir/flink/.version" 2>/dev/null)" != "$APACHE_FLINK_VERSION" ] || [ ! -d "$dir/flink/pyflink" ]; then
  rm -rf "$dir/flink"
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --no-input --no-warn-conflicts --root-user-action=ignore \
    --target "$dir/flink" "apache-flink==$APACHE_FLINK_VERSION"
  echo "$APACHE_FLINK_VERSION" > "$dir/flink/.version"
fi
rm -rf "$dir/flink-jars.tmp"
mkdir -p "$dir/flink-jars.tmp"
for j in "${flink_jars[@]}"; do
  if [ -s "$dir/flink-jars/$(basename "$j")" ]; then
    cp "$dir/flink-jars/$(basename "$j")" "$dir/flink-jars.tmp/"
  else
    curl -fsSL --retry 3 -o "$dir/flink-jars.tmp/$(basename "$j")" "https://repo1.maven.org/maven2/$j"
  fi
done
rm -rf "$dir/flink-jars"
mv "$dir/flink-jars.tmp" "$dir/flink-jars"
echo "$want" > "$stamp"
echo "oracles installed in $dir"
