"""A throwaway PostgreSQL cluster for the Python tests (the twin of pg_cluster.hpp).

PgCluster().start() runs initdb into a fresh temporary directory, starts the server on a
free loopback port (listen_addresses 127.0.0.1, socket in that directory, trust auth,
fsync/synchronous_commit/full_page_writes off for speed), creates a `mentorhub` database and
returns its URL; stop() stops the server (`pg_ctl stop -m fast`) and deletes the directory.
It uses the highest PostgreSQL under /usr/lib/postgresql/*/bin and needs no libpq binding:
databases are made with the `createdb` program. initdb refuses to run as root, so as root
the server tools run as the `postgres` system user, which owns the directory.

The cluster is never left running: stop() is registered with atexit, and a watchdog process
stops it and deletes the directory if this process dies without running atexit (a crash,
SIGKILL from a test timeout). Usable as a context manager. Not thread-safe: start and stop
from one thread; fresh_database() may be called from any.
"""

from __future__ import annotations

import atexit
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PgClusterError(RuntimeError):
    """The cluster could not be started; the message says why (for pytest.skip)."""


def find_bin_dir() -> Path | None:
    """The highest-numbered /usr/lib/postgresql/N/bin that has initdb and pg_ctl."""
    best: tuple[int, Path] | None = None
    root = Path("/usr/lib/postgresql")
    if not root.is_dir():
        return None
    for entry in root.iterdir():
        digits = re.match(r"\d+", entry.name)
        bin_dir = entry / "bin"
        if not digits or not all(os.access(bin_dir / tool, os.X_OK) for tool in ("initdb", "pg_ctl")):
            continue
        version = int(digits.group())
        if best is None or version > best[0]:
            best = (version, bin_dir)
    return best[1] if best else None


def free_port() -> int:
    """A loopback port nobody listens on now; start() retries if another process takes it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    def __init__(self) -> None:
        self.bin_dir: Path | None = None
        self.dir: Path | None = None
        self.port: int | None = None
        self.url: str | None = None
        self._as_user: dict = {}  # subprocess arguments that switch to the postgres user
        self._running = False
        self._watchdog: subprocess.Popen | None = None
        self._counter = itertools.count()

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> str:
        """Starts the cluster (once) and returns postgresql://postgres@127.0.0.1:PORT/mentorhub."""
        if self.url is not None:
            return self.url
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self.url

    def _start(self) -> None:
        self.bin_dir = find_bin_dir()
        if self.bin_dir is None:
            raise PgClusterError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")

        base = None
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise PgClusterError("running as root and there is no postgres user to run as") from None
            self._as_user = {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}
            base = "/tmp"  # traversable by everyone, unlike a root-only TMPDIR
            if not os.stat(base).st_mode & 0o001:
                raise PgClusterError(f"{base} is not traversable by the postgres user")
        self.dir = Path(tempfile.mkdtemp(prefix="mh-pg-", dir=base))
        atexit.register(self.stop)
        if self._as_user:
            os.chown(self.dir, self._as_user["user"], self._as_user["group"])

        data = self.dir / "data"
        # The watchdog waits for EOF on a pipe only this process holds, then cleans up. Its own
        # session keeps a Ctrl-C meant for the tests from killing it first.
        self._watchdog = subprocess.Popen(
            ["/bin/sh", "-c", 'cat >/dev/null; "$1" stop -D "$2" -m immediate -w -t 30; rm -rf "$3"',
             "mh-pg-watchdog", str(self.bin_dir / "pg_ctl"), str(data), str(self.dir)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            cwd="/", start_new_session=True, **self._as_user)

        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-locale", "--no-sync", "--no-instructions")
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# mentorhub tests: loopback only, and speed over durability\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\n"
                "fsync = off\n"
                "synchronous_commit = off\n"
                "full_page_writes = off\n"
                "max_connections = 200\n"
                "shared_buffers = 32MB\n")

        log = self.dir / "server.log"
        failure = ""
        for _ in range(5):
            port = free_port()
            try:
                self._run("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-t", "60",
                          "-o", f"-p {port}", "start")
            except PgClusterError as e:
                failure = f"{e}\n{_tail(log)}"
                continue
            self.port = port
            self._running = True
            break
        if not self._running:
            raise PgClusterError(f"pg_ctl start failed: {failure}")

        self._createdb("mentorhub")
        self.url = self.url_for("mentorhub")

    def stop(self) -> None:
        """Stops the server and deletes its directory; safe to call twice."""
        # postmaster.pid also covers a start that timed out with the server still coming up.
        if self._running or (self.dir is not None and (self.dir / "data" / "postmaster.pid").exists()):
            self._running = False
            try:
                self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "-t", "60", "stop")
            except PgClusterError:
                pass  # the watchdog below still stops it
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
        if self._watchdog is not None:
            # With the directory gone the woken watchdog has nothing left to do.
            self._watchdog.stdin.close()
            self._watchdog.wait(timeout=60)
            self._watchdog = None
        self.dir = None
        self.url = None
        self.port = None

    def pause(self) -> None:
        """Stops the server as an outage would (sessions ended, port closed), keeping the data."""
        if not self._running:
            raise PgClusterError("the cluster is not running")
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "-t", "60", "stop")
        self._running = False

    def resume(self) -> None:
        """Starts the paused server again on the same port, with the same data."""
        if self._running or self.dir is None:
            raise PgClusterError("the cluster is not paused")
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "server.log"), "-w", "-t", "60",
                  "-o", f"-p {self.port}", "start")
        self._running = True

    def __enter__(self) -> "PgCluster":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- databases -------------------------------------------------------------------------

    def url_for(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def fresh_database(self, name: str | None = None) -> str:
        """Creates an empty database (a generated name when none is given) and returns its URL."""
        if self.url is None:
            raise PgClusterError("the cluster is not running")
        if name is None:
            name = f"mh_test_{os.getpid()}_{next(self._counter)}"
        self._createdb(name)
        return self.url_for(name)

    # -- helpers ---------------------------------------------------------------------------

    def _createdb(self, name: str) -> None:
        # createdb quotes the name itself; the pattern keeps URLs simple and names unsurprising.
        if not _NAME.match(name):
            raise ValueError(f"database name {name!r} must match {_NAME.pattern}")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run([str(self.bin_dir / tool), *args], cwd=self.dir,
                                stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                **self._as_user)
        if result.returncode != 0:
            raise PgClusterError(f"{tool} failed ({result.returncode}): "
                                 f"{(result.stdout + result.stderr).strip()[-1500:]}")


def _tail(path: Path) -> str:
    try:
        return path.read_text(errors="replace")[-1500:]
    except OSError:
        return ""


_shared: PgCluster | None = None


def shared_pg_cluster() -> PgCluster:
    """One started cluster per process, stopped at exit. Raises PgClusterError if impossible."""
    global _shared
    if _shared is None:
        cluster = PgCluster()
        cluster.start()
        _shared = cluster
    return _shared


def _serve_over_pipes() -> int:
    """`python3 pgcluster.py`: a cluster for a program in another language (the browser tests).

    Starts the cluster and prints its URL on a line; then, for every database name read on a
    line of stdin, creates that database and prints its URL (or `error: ...`); at EOF on stdin
    (the caller ended or died) stops the cluster and exits.
    """
    import sys

    cluster = PgCluster()
    try:
        print(cluster.start(), flush=True)
    except PgClusterError as e:
        print(f"error: {e}", flush=True)
        return 1
    try:
        for line in sys.stdin:
            name = line.strip()
            if not name:
                continue
            try:
                print(cluster.fresh_database(name), flush=True)
            except (PgClusterError, ValueError) as e:
                print(f"error: {e}".replace("\n", " "), flush=True)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(_serve_over_pipes())
