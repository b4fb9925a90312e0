#!/usr/bin/env python3
"""A real Apache Flink table planner for the lit run: one JVM, many tests.

Why a server: the Flink planner lives in a JVM (pyflink starts it and talks
to it over py4j). Starting it costs seconds, far more than running a plan's
few statements, so lit.cfg.py starts ONE such process per lit run (`start`
below) and every `%schemac plan --target flink` (tools/flink_run.py) sends
it requests over loopback TCP (address in SCHEMAC_FLINK_ADDR).

Protocol: one JSON object per line each way.

  request   {"statements": [SQL, ...],      run in order in a FRESH TableEnvironment
             "inspect": true,                then DESCRIBE + SHOW CREATE every table and view
             "sources": true,                and plan `SELECT *` from every table (its connector
                                             and format factories validate its options)
             "datagen": [NAME, ...]}         and run `SELECT * ... LIMIT 5` over a datagen copy
  answer    {"ok": false, "index": I, "statement": SQL, "error": FLINK'S MESSAGE}
            {"ok": true, "tables": {NAME: {"kind", "describe", "show_create", "source_error"}},
             "datagen": {NAME: {"rows": [...]} | {"error": ...}}}

Each request gets a fresh TableEnvironment (streaming mode), so tests are
isolated: its catalogs are created empty first (`generic_in_memory`, every
catalog the statements name other than default_catalog). DML (INSERT INTO,
STATEMENT SET) is not executed, only planned with EXPLAIN: it must plan.

Requests are served one at a time, all on one thread (a single-worker pool,
Planner): a TableEnvironment is not built to be shared, and Calcite keeps
planner state in thread-locals.

Lifetime: the server exits when its stdin reaches EOF, i.e. when the lit
process that started it (and holds the pipe) is gone, and pyflink's JVM
exits when ITS stdin (a pipe from this process) closes: no JVM is ever left
behind. `start` also terminates it at exit.

Run by hand:  python3 flink_server.py --oracles build/oracles   (prints the address)
"""
import argparse
import concurrent.futures
import atexit
import glob
import json
import os
import re
import socketserver
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


# --- the lit side -------------------------------------------------------------

class Handle:
    def __init__(self, proc, addr, version, startup):
        self.proc = proc
        self.addr = addr
        self.version = version
        self.startup = startup


def start(oracles, python=sys.executable, timeout=300):
    """Starts the server (its own process, which starts the JVM) and waits
    until it serves. Raises RuntimeError, with its log, when it does not."""
    proc = subprocess.Popen([python, os.path.abspath(__file__), "--oracles", oracles],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop():
        if proc.poll() is None:
            proc.stdin.close()  # the server's EOF: it stops its JVM and exits
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    atexit.register(stop)
    result = {}

    def read_ready():
        result["line"] = proc.stdout.readline()

    t = threading.Thread(target=read_ready, daemon=True)
    t.start()
    t.join(timeout)
    line = result.get("line", "")
    if not line.startswith("READY "):
        stop()
        err = proc.stderr.read() if proc.poll() is not None else "(no answer within %ds)" % timeout
        raise RuntimeError(f"the Flink planner server did not start: {line.strip()}\n{err[-6000:]}")
    info = json.loads(line[len("READY "):])
    # Its stderr is no longer read: keep the pipe from filling up.
    threading.Thread(target=lambda: proc.stderr.read(), daemon=True).start()
    return Handle(proc, info["addr"], info["version"], info["startup"])


# --- the server side ----------------------------------------------------------

def java_error(e):
    """Flink's message chain (each cause's toString) of a py4j Java error,
    without the stack traces; str(e) otherwise."""
    j = getattr(e, "java_exception", None)
    msgs = []
    while j is not None and len(msgs) < 12:
        msgs.append(str(j.toString()))
        j = j.getCause()
    return "\n".join(msgs) if msgs else str(e)


QUALIFIED3 = re.compile(r"`((?:[^`]|``)+)`\.`(?:[^`]|``)+`\.`(?:[^`]|``)+`")
DATABASE_STMT = re.compile(r"^\s*(?:CREATE DATABASE(?: IF NOT EXISTS)?|USE|DROP DATABASE(?: IF EXISTS)?)\s+"
                           r"`((?:[^`]|``)+)`\.`", re.I)


def catalogs_named(statements):
    """The catalogs the statements name: the first part of every three-part
    `c`.`d`.`t` name and of every `c`.`d` after CREATE/DROP DATABASE or USE."""
    names = []
    for s in statements:
        for m in list(QUALIFIED3.finditer(s)) + list(DATABASE_STMT.finditer(s)):
            n = m.group(1).replace("``", "`")
            if n not in names:
                names.append(n)
    return [n for n in names if n != "default_catalog"]


def q(name):
    return "`" + name.replace("`", "``") + "`"


def is_dml(sql):
    return re.match(r"^\s*(INSERT\s|EXECUTE\s+STATEMENT\s+SET|BEGIN\s+STATEMENT\s+SET|STATEMENT\s+SET)", sql, re.I)


METADATA_COL = re.compile(r"\s+METADATA(?:\s+FROM\s+'(?:[^']|'')*')?(?:\s+VIRTUAL)?(?=,?\n)")


def datagen_copy(show_create, copy):
    """A CREATE TEMPORARY TABLE `copy` with the schema of SHOW CREATE TABLE's
    text, its connector replaced by datagen (5 rows): metadata columns become
    physical ones (datagen has no metadata), computed columns and the watermark
    stay, so querying it evaluates them."""
    m = list(re.finditer(r"[\n ]WITH \(\n", show_create))
    head = show_create[:m[-1].start()] if m else show_create.rstrip()
    head = re.sub(r"^CREATE TABLE (`(?:[^`]|``)+`\.){2}`(?:[^`]|``)+`", f"CREATE TEMPORARY TABLE {q(copy)}", head)
    head = METADATA_COL.sub("", head)
    head = re.sub(r"\nPARTITIONED BY \([^)]*\)", "", head)
    return head + "\nWITH (\n  'connector' = 'datagen',\n  'number-of-rows' = '5'\n)"


def row_values(jrow):
    out = []
    for i in range(jrow.getArity()):
        v = jrow.getField(i)
        if v is None or isinstance(v, (str, bool, int, float)):
            out.append(v)
        else:  # a Java object, or one py4j converted (BigDecimal -> Decimal)
            out.append(str(v.toString()) if hasattr(v, "toString") else str(v))
    return out


def collect(table_result):
    """Rows as lists, converted on the Java side (pyflink's pickling of
    TIMESTAMP_LTZ values fails on Java 17)."""
    it = table_result._j_table_result.collect()
    try:
        rows = []
        while it.hasNext():
            rows.append(row_values(it.next()))
        return rows
    finally:
        it.close()


class Planner:
    """Every call into the JVM runs on ONE thread (a single-worker pool).
    py4j gives each Python thread a Java thread of its own, and Calcite keeps
    the planner's metadata providers in thread-locals: a request planned on
    another thread than the one that made the planner fails with
    `NullPointerException: metadataHandlerProvider`, now and then."""

    def __init__(self, jars):
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self.pool.submit(self._start, jars).result()

    def _start(self, jars):
        from pyflink.java_gateway import get_gateway
        from pyflink.version import __version__
        t0 = time.time()
        get_gateway()
        self.jars = ";".join("file://" + j for j in jars)
        self.version = __version__
        self.env()  # the first environment loads the planner: part of the start
        self.startup = time.time() - t0

    def env(self):
        from pyflink.table import EnvironmentSettings, TableEnvironment
        t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
        # The Kafka connector and the Avro (Confluent) format, from
        # scripts/oracles.sh; pyflink adds them to the context class loader.
        if self.jars:
            t_env.get_config().set("pipeline.jars", self.jars)
        t_env.get_config().set("parallelism.default", "1")
        return t_env

    def handle(self, req):
        # One request at a time, on the planner's own thread.
        return self.pool.submit(self._handle, req).result()

    def _handle(self, req):
        t_env = self.env()
        stmts = req.get("statements", [])
        for c in catalogs_named(stmts):
            t_env.execute_sql(f"CREATE CATALOG {q(c)} WITH ('type' = 'generic_in_memory')")
        for i, sql in enumerate(stmts):
            try:
                if is_dml(sql):
                    t_env.execute_sql("EXPLAIN " + re.sub(r"^\s*EXECUTE\s+", "", sql, flags=re.I)).collect().close()
                else:
                    t_env.execute_sql(sql)
            except Exception as e:  # py4j's Py4JJavaError, pyflink's exceptions
                return {"ok": False, "index": i, "statement": sql, "error": java_error(e)}
        out = {"ok": True, "tables": {}, "datagen": {}}
        if req.get("inspect"):
            out["tables"] = self.inspect(t_env, req.get("sources"))
        for n, name in enumerate(req.get("datagen", [])):
            show = out["tables"].get(name, {}).get("show_create")
            if not show:
                out["datagen"][name] = {"error": "no such table"}
                continue
            copy = f"schemac_datagen_{n}"
            ddl = datagen_copy(show, copy)
            try:
                t_env.execute_sql(ddl)
                rows = collect(t_env.execute_sql(f"SELECT * FROM {q(copy)} LIMIT 5"))
                out["datagen"][name] = {"rows": rows, "ddl": ddl}
            except Exception as e:
                out["datagen"][name] = {"error": java_error(e), "ddl": ddl}
        return out

    def inspect(self, t_env, sources):
        tables = {}
        for c in sorted(t_env.list_catalogs()):
            t_env.use_catalog(c)
            for d in sorted(t_env.list_databases()):
                t_env.use_database(d)
                views = set(t_env.list_views())
                for t in sorted(t_env.list_tables()):
                    name = f"{q(c)}.{q(d)}.{q(t)}"
                    kind = "view" if t in views else "table"
                    entry = {"kind": kind, "catalog": c, "database": d, "name": t}
                    try:
                        entry["describe"] = collect(t_env.execute_sql(f"DESCRIBE {name}"))
                        entry["show_create"] = collect(t_env.execute_sql(
                            f"SHOW CREATE {'VIEW' if kind == 'view' else 'TABLE'} {name}"))[0][0]
                    except Exception as e:
                        entry["error"] = java_error(e)
                    if sources and kind == "table":
                        entry["source_error"] = self.readable(t_env, name, entry)
                    tables[name] = entry
        t_env.use_catalog("default_catalog")
        return tables


    def readable(self, t_env, name, entry):
        """None when `SELECT *` from the table plans (its connector's and
        format's factories take its options), else Flink's error. A sink-only
        connector (blackhole, print) is checked as a sink instead: an INSERT
        of its physical columns from a datagen copy must plan."""
        try:
            t_env.explain_sql(f"SELECT * FROM {name}")
            return None
        except Exception as e:
            err = java_error(e)
        if "can only be used as a sink" not in err or "show_create" not in entry:
            return err
        copy = f"schemac_sink_check_{abs(hash(name))}"
        cols = ", ".join(q(r[0]) for r in entry["describe"] if r[4] is None)
        try:
            t_env.execute_sql(datagen_copy(entry["show_create"], copy))
            t_env.explain_sql(f"INSERT INTO {name} SELECT {cols} FROM {q(copy)}")
            return None
        except Exception as e:
            return "as a sink: " + java_error(e)


def serve(oracles):
    # Our stdout carries the READY line only: whatever the JVM (which
    # inherits it) or pyflink print goes to stderr.
    ready = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.path.insert(0, os.path.join(oracles, "flink"))
    jars = sorted(glob.glob(os.path.join(oracles, "flink-jars", "*.jar")))
    try:
        import pyflink  # noqa: F401
    except ImportError as e:
        sys.stderr.write(f"flink_server.py: pyflink is missing ({e}); run scripts/oracles.sh\n")
        return 1
    planner = Planner(jars)

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            for line in self.rfile:
                try:
                    answer = planner.handle(json.loads(line))
                except Exception as e:  # never let a request kill the server
                    answer = {"ok": False, "index": -1, "statement": "", "error": f"flink_server.py: {e!r}"}
                self.wfile.write((json.dumps(answer) + "\n").encode())
                self.wfile.flush()

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address
    info = {"addr": f"{host}:{port}", "version": planner.version, "startup": round(planner.startup, 2),
            "jars": [os.path.basename(j) for j in jars]}
    print("READY " + json.dumps(info), file=ready, flush=True)
    sys.stdin.read()  # until the lit run (our parent) is gone
    server.shutdown()
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--oracles", default=os.path.join(HERE, "..", "..", "..", "build", "oracles"))
    return serve(os.path.abspath(ap.parse_args().oracles))


if __name__ == "__main__":
    sys.exit(main())
