#!/usr/bin/env python3
"""A throwaway Postgres server for tests: its own data directory under a
temporary folder, loopback only, a free port, run as the `postgres` user when
started by root. Stopped and deleted when the process that started it exits.

Used by lit.cfg.py and by the integration tests; run it directly to get a
server for manual testing:  python3 pgserver.py  (prints the DSN, Ctrl-C stops).
"""
import atexit
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

DEFAULT_BIN = "/usr/lib/postgresql/15/bin"


class Server:
    def __init__(self, bin_dir, root, port, version):
        self.bin_dir = bin_dir
        self.root = root
        self.port = port
        self.version = version
        self.dsn = f"postgresql://postgres@127.0.0.1:{port}/postgres"


def _as_postgres(cmd):
    """Runs cmd as the postgres user when we are root (Postgres refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + cmd
    return cmd


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(parent=None, options=""):
    """Starts a server; `options` are extra `-c name=value` settings."""
    bin_dir = os.environ.get("SCHEMAC_PG_BIN", DEFAULT_BIN)
    if not os.path.exists(os.path.join(bin_dir, "postgres")):
        raise RuntimeError(f"no Postgres server binaries in {bin_dir} (install postgresql-15, or set SCHEMAC_PG_BIN)")
    if parent:
        os.makedirs(parent, exist_ok=True)
    root = tempfile.mkdtemp(prefix="schemac-pg-", dir=parent)
    data = os.path.join(root, "data")
    sock = os.path.join(root, "sock")
    os.makedirs(sock)
    if os.geteuid() == 0:
        pg = pwd.getpwnam("postgres")
        for path in (root, sock):
            os.chown(path, pg.pw_uid, pg.pw_gid)
        # Every folder above the data directory must be traversable by postgres.
        p = os.path.dirname(root)
        while p and p != "/":
            mode = os.stat(p).st_mode
            if not mode & 0o001:
                os.chmod(p, mode | 0o001)
            p = os.path.dirname(p)
    log = os.path.join(root, "server.log")
    subprocess.run(_as_postgres([os.path.join(bin_dir, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
                                 "-E", "UTF8", "--no-locale", "--no-sync"]),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    last_error = None
    for _ in range(5):  # another process may take the port between probe and start
        port = _free_port()
        opts = (f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off "
                f"-c synchronous_commit=off -c max_connections=50 {options} " + os.environ.get("SCHEMAC_PG_OPTIONS", ""))
        r = subprocess.run(_as_postgres([os.path.join(bin_dir, "pg_ctl"), "-D", data, "-l", log, "-o", opts, "-w",
                                         "-t", "60", "start"]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode == 0:
            break
        last_error = r.stderr
    else:
        with open(log) as f:
            raise RuntimeError(f"Postgres did not start: {last_error}\n{f.read()}")

    def stop():
        subprocess.run(_as_postgres([os.path.join(bin_dir, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    version = subprocess.run([os.path.join(bin_dir, "postgres"), "--version"], capture_output=True,
                             text=True).stdout.strip()
    return Server(bin_dir, root, port, version)


if __name__ == "__main__":
    import time
    s = start()
    print(s.dsn, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
