# lit configuration for schemac's golden tests.
#
# Every test is a .schema file (or a .test script) with `-- RUN:` lines;
# FileCheck compares what schemac prints with `-- CHECK:` lines. `%schemac`
# runs the compiler through tools/run_schemac.py, which also executes every
# Postgres migration it prints on a real Postgres 15 server started for this
# run (tools/pgserver.py): first from empty, then from the previous state.
import os
import lit.formats

config.name = "schemac"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".schema", ".test"]
config.excludes = ["Inputs", "tools", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.schemac_build_dir, "lit")

tools = os.path.join(config.test_source_root, "tools")
python = config.python_executable
config.environment["SCHEMAC_BIN"] = config.schemac_bin
config.environment["NO_COLOR"] = "1"
for var in ("HOME", "PATH", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

config.substitutions.append(("%schemac-raw", config.schemac_bin))
config.substitutions.append(("%schemac", f"{python} {tools}/run_schemac.py"))
config.substitutions.append(("%FileCheck", config.filecheck))
config.substitutions.append(("%not", f"{python} {tools}/not.py"))
config.substitutions.append(("%python", python))
config.substitutions.append(("%stdlib", os.path.join(config.schemac_source_dir, "stdlib")))
config.substitutions.append(("%pgdb", f"{python} {tools}/pgdb.py"))
# %hold-lock DB TABLE MODE -- CMD: runs CMD while another connection holds a lock.
config.substitutions.append(("%hold-lock", f"{python} {tools}/hold_lock.py"))
config.substitutions.append(("%roundtrip", f"{python} {tools}/roundtrip.py"))
config.substitutions.append(("%repo", config.schemac_source_dir))
# A command prefix that drops root's privileges, so that file permissions
# apply (root reads any file); empty when the tests do not run as root.
config.substitutions.append(("%unprivileged", "runuser -u nobody --" if os.geteuid() == 0 else ""))
config.substitutions.append(("%agree", f"{python} {tools}/agree.py"))

# The Postgres server for the whole run. Failing to start it fails the run:
# a migration that was never executed must not count as tested.
import sys
sys.path.insert(0, tools)
import pgserver  # noqa: E402

if os.environ.get("SCHEMAC_LIT_NO_POSTGRES") == "1":
    lit_config.note("SCHEMAC_LIT_NO_POSTGRES=1: migrations are NOT executed on Postgres")
else:
    server = pgserver.start(config.test_exec_root)
    config.environment["SCHEMAC_PG_DSN"] = server.dsn
    config.environment["SCHEMAC_PG_BIN"] = server.bin_dir
    # %pg/NAME is the URL of database NAME (made with %pgdb reset NAME).
    config.substitutions.insert(0, ("%pg/", server.dsn.rsplit("/", 1)[0] + "/"))
    lit_config.note(f"Postgres {server.version} at {server.dsn}")
    # A second server whose lock table is as small as Postgres allows (room
    # for 10 x 12 = 120 locks), for the tests of big migrations: a few dozen
    # tables exceed it. Only those tests use it.
    small = pgserver.start(config.test_exec_root, "-c max_locks_per_transaction=10 -c max_connections=10 "
                           "-c max_wal_senders=0 -c max_worker_processes=0 -c autovacuum_max_workers=1 "
                           "-c max_prepared_transactions=0")
    config.environment["SCHEMAC_PG_SMALL_DSN"] = small.dsn
    # %pgdb-small before %pgdb, which is a prefix of it.
    config.substitutions.insert(0, ("%pgdb-small", f"{python} {tools}/pgdb.py --small"))
    config.substitutions.insert(0, ("%pgsmall/", small.dsn.rsplit("/", 1)[0] + "/"))

# Apache Flink's table planner for the whole run (tools/flink_server.py: one
# JVM, from the pyflink that scripts/oracles.sh installs): %schemac runs every
# Flink plan it prints there (tools/flink_run.py). Failing to start it fails
# the run, as for Postgres: a plan never executed must not count as tested.
flink_oracles = os.path.join(config.schemac_build_dir, "oracles")
config.environment["SCHEMAC_ORACLES"] = flink_oracles
# %flink-run: tools/flink_run.py itself (tests/lit/flink_engine: its --sql mode).
config.substitutions.append(("%flink-run", f"{python} {tools}/flink_run.py"))
if os.environ.get("SCHEMAC_LIT_NO_FLINK") == "1":
    lit_config.note("SCHEMAC_LIT_NO_FLINK=1: Flink plans are NOT executed on Flink")
else:
    import flink_server  # noqa: E402
    flink = flink_server.start(flink_oracles, python)
    config.environment["SCHEMAC_FLINK_ADDR"] = flink.addr
    config.available_features.add("flink")  # tests/lit/flink_engine: REQUIRES: flink
    lit_config.note(f"Apache Flink {flink.version} table planner at {flink.addr} (JVM up in {flink.startup}s)")

# Test oracles, installed by scripts/oracles.sh into build/oracles/: squawk
# (%squawk), the SARIF 2.1.0 JSON schema (%sarif-schema) and jsonschema
# (%oracles-py, a PYTHONPATH). They are always substituted: a test that needs
# a missing one FAILS (its tool says to run scripts/oracles.sh), never skips,
# since CI installs them.
oracles = os.path.join(config.schemac_build_dir, "oracles")
config.substitutions.append(("%squawk", os.path.join(oracles, "npm", "node_modules", ".bin", "squawk")))
config.substitutions.append(("%sarif-schema", os.path.join(oracles, "sarif-2.1.0.json")))
config.substitutions.append(("%oracles-py", os.path.join(oracles, "py")))
# sqlglot and fakesnow, for tools/snowflake_run.py (run by %schemac on Snowflake plans).
config.environment["SCHEMAC_ORACLES_PY"] = os.path.join(oracles, "py")
config.substitutions.append(("%validate-sarif", f"{python} {tools}/validate_sarif.py --oracles-py {oracles}/py "
                             f"--schema {oracles}/sarif-2.1.0.json"))
# LLVM's split-file (next to FileCheck), for tests that keep their inputs inside.
config.substitutions.append(("%split-file", os.path.join(os.path.dirname(config.filecheck), "split-file")))
if not os.path.isfile(os.path.join(oracles, ".installed")):
    lit_config.note(f"test oracles missing in {oracles}: the tests that need them fail; run scripts/oracles.sh")
# %firebolt-forms: every statement of a Firebolt plan (stdin) is a form listed
# in docs/backends/firebolt.md; passes the plan through to stdout.
config.substitutions.append(("%firebolt-forms", f"{python} {tools}/firebolt_forms.py"))
