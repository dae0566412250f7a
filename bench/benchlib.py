"""What the benchmark scripts share: stopping on a signal, reading wrk's results, describing the
machine, a durable throwaway PostgreSQL cluster, and writing a benchmark's own section of
docs/benchmarks.md between its markers."""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))  # pgcluster.py, which the tests use too
from pgcluster import free_port  # noqa: E402,F401  (a loopback port nothing listens on now)


class Stop(Exception):
    """Raised by a signal handler so that the benchmark cleans up (servers, clusters) and exits."""


def on_signal(signum, _frame):
    raise Stop(f"signal {signum}")


def non_2xx(result: dict) -> int:
    """Answers outside 2xx in a wrk result (the BENCH_JSON the Lua scripts print)."""
    return sum(n for code, n in result["statuses"].items() if not 200 <= int(code) < 300)


def socket_errors(result: dict) -> int:
    e = result["errors"]
    return e["connect"] + e["read"] + e["write"] + e["timeout"]


def run_wrk(cmd: list[str], env: dict, seconds: int) -> tuple[dict, str]:
    """Runs wrk (`cmd`, with a Lua script that loads bench/wrk_report.lua from MH_BENCH_LIB, whose
    done() prints a "BENCH_JSON {...}" line) for a run of `seconds`: the parsed result and wrk's
    whole stdout."""
    env = dict(env, MH_BENCH_LIB=str(Path(__file__).resolve().parent))
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 60)
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr.strip()} {out.stdout[-500:]}")
    line = next((l for l in out.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no BENCH_JSON line:\n{out.stdout}\n{out.stderr}")
    return json.loads(line[len("BENCH_JSON "):]), out.stdout


def http_call(port: int, method: str, path: str, body=None, headers=None, timeout: float = 30):
    """One request to the server on 127.0.0.1:`port`, `body` sent as JSON: the status, the
    headers (lower-case names, each with its list of values) and the raw body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        h = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        raw = r.read()
        hdrs: dict[str, list[str]] = {}
        for k, v in r.getheaders():
            hdrs.setdefault(k.lower(), []).append(v)
        return r.status, hdrs, raw
    finally:
        conn.close()


def session_cookie(hdrs: dict) -> str:
    """The `mh_session=...` cookie a sign-in's answer sets (headers as http_call gives them)."""
    return next(c.split(";", 1)[0] for c in hdrs.get("set-cookie", []) if c.startswith("mh_session="))


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo ("unknown" if it says none)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def command_output(*c: str) -> str:
    """stdout (or stderr) of a command run in the repository, "" if it cannot run."""
    try:
        r = subprocess.run(list(c), capture_output=True, text=True, cwd=ROOT, timeout=10)
        return (r.stdout or r.stderr).strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def commit() -> str:
    """The commit checked out (short), and whether tracked files have uncommitted changes."""
    rev = command_output("git", "rev-parse", "--short", "HEAD")
    dirty = bool(command_output("git", "status", "--porcelain", "--untracked-files=no"))
    return rev + (" (with uncommitted changes)" if dirty else "")


def machine(script: str) -> dict:
    """The machine, the tools, the commit and the load, for a report's header. `script` is the
    benchmark's run script, named in the invocation."""
    cpu = cpu_model()
    mem_kb = 0
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        mem_kb = int(m.group(1)) if m else 0
    except OSError:
        pass
    os_name = platform.platform()
    try:
        rel = dict(l.split("=", 1) for l in Path("/etc/os-release").read_text().splitlines() if "=" in l)
        os_name = rel.get("PRETTY_NAME", os_name).strip('"')
    except OSError:
        pass
    mhz = ""
    try:
        m = re.search(r"cpu MHz\s*:\s*([\d.]+)", Path("/proc/cpuinfo").read_text())
        mhz = f"{float(m.group(1)):.0f} MHz" if m else ""
    except OSError:
        pass
    wrk_version = (command_output("wrk", "-v").splitlines() or ["wrk"])[0]
    return {
        "cpu": cpu, "mhz": mhz, "nproc": os.cpu_count(), "ram_gib": mem_kb / 1024 / 1024, "os": os_name,
        "kernel": platform.release(), "wrk": wrk_version.split(" [")[0],
        "commit": commit(),
        "invocation": " ".join([script, *sys.argv[1:]]),
        "loadavg": loadavg(),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def loadavg() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def write_doc(path: Path, section: str, begin: str, end: str) -> None:
    """Replaces the section between `begin` and `end` (the section includes both markers),
    leaving every other benchmark's section alone; appends it the first time."""
    if path.exists():
        text = path.read_text()
        if begin in text and end in text:
            before, rest = text.split(begin, 1)
            after = rest.split(end, 1)[1]
            text = before + section.rstrip("\n") + after
        else:
            text = text.rstrip("\n") + "\n\n" + section
    else:
        text = ("# Benchmarks\n\nMeasured performance of Mentorhub. Each section names its machine, its date and "
                "the command that produced it.\n\n" + section)
    path.write_text(text)


def add_doc_arguments(ap: argparse.ArgumentParser) -> None:
    """--doc and --no-doc, what publish() takes: the file that gets the benchmark's section, or
    printing the section instead."""
    ap.add_argument("--doc", type=Path, default=ROOT / "docs/benchmarks.md")
    ap.add_argument("--no-doc", action="store_true", help="print the section instead of writing it")


def publish(section: str, doc: Path, no_doc: bool, begin: str, end: str, log) -> None:
    """Prints the section (--no-doc), or writes it into `doc` between its markers and says so."""
    if no_doc:
        print(section)
    else:
        write_doc(doc, section, begin, end)
        log(f"wrote its section of {doc.relative_to(ROOT) if doc.is_relative_to(ROOT) else doc}")


def start_durable_cluster(settings: dict, note: str):
    """A throwaway cluster from tests/support/pgcluster.py, switched back to PostgreSQL's normal
    durability with `settings` (a comment `note` above them in postgresql.conf)."""
    from pgcluster import PgCluster  # noqa: E402

    cluster = PgCluster()
    cluster.start()
    data = cluster.dir / "data"
    with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write(f"\n# {note}\n")
        for key, value in settings.items():
            conf.write(f"{key} = {value}\n")
    # shared_buffers needs a restart; pg_ctl restart keeps the port (postmaster.opts).
    cluster._run("pg_ctl", "-D", str(data), "-l", str(cluster.dir / "server.log"), "-m", "fast", "-w", "-t", "60",
                 "restart")
    return cluster


def pg_show(cluster, key: str) -> str:
    """A setting of the cluster's server, as SHOW answers it."""
    return subprocess.run([str(cluster.bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U",
                           "postgres", "-d", "mentorhub", "-Atc", f"SHOW {key}"],
                          capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL).stdout.strip()


def stop_process(proc: subprocess.Popen, timeout: float) -> None:
    """SIGTERM to our own child (by its PID), then SIGKILL if it is still there after `timeout`."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)


def wait_for_log() -> None:
    """`serve` writes its log from a thread of its own, through a buffer flushed every second:
    a request's access line can follow its answer by up to that long."""
    time.sleep(1.2)


class Server:
    """`mentorhub serve` on a free loopback port (no web app), its log in `workdir`, stopped by
    its PID. start() returns once GET /healthz answers 200. `extra_args` follow serve's own;
    the server runs in `cwd` (by default `workdir`)."""

    def __init__(self, binary: Path, database, workdir: Path, log_name: str = "serve.log", start_timeout: float = 30,
                 extra_args: list[str] | tuple[str, ...] = (), cwd: Path | None = None):
        self.binary, self.database, self.workdir = binary, str(database), workdir
        self.start_timeout = start_timeout
        self.extra_args = list(extra_args)
        self.cwd = cwd or workdir
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self.log_path = workdir / log_name

    def start(self) -> int:
        web_root = self.workdir / "no-web"
        web_root.mkdir(exist_ok=True)
        with open(self.log_path, "wb") as out:
            self.proc = subprocess.Popen(
                [str(self.binary), "--database", self.database, "serve", "--bind", "127.0.0.1", "--port", "0",
                 "--web-root", str(web_root), *self.extra_args],
                cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + self.start_timeout
        pattern = re.compile(rb"serving on http://127\.0\.0\.1:(\d+)")
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mentorhub serve exited ({self.proc.returncode}): {self.log_tail()}")
            m = pattern.search(self.log_path.read_bytes()[:8192])
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.05)
        if self.port is None:
            raise RuntimeError(f"mentorhub serve did not say its port: {self.log_tail()}")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", "/healthz")
            status = conn.getresponse().status
        finally:
            conn.close()
        if status != 200:
            raise RuntimeError(f"GET /healthz -> {status}")
        return self.port

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def rss_mib(self) -> float:
        try:
            m = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{self.proc.pid}/status").read_text())
            return int(m.group(1)) / 1024 if m else 0.0
        except (OSError, AttributeError):
            return 0.0

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server so far (/proc/PID/stat, clock ticks)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, AttributeError, IndexError, ValueError):
            return 0.0

    def log_tail(self) -> str:
        try:
            return self.log_path.read_bytes()[-1500:].decode(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None:
            return
        stop_process(self.proc, 15)
        self.proc = None
