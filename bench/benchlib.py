"""What the benchmark scripts share: stopping on a signal, reading wrk's results, describing the
machine, and writing a benchmark's own section of docs/benchmarks.md between its markers."""
from __future__ import annotations

import datetime as dt
import http.client
import os
import platform
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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


def command_output(*c: str) -> str:
    """stdout (or stderr) of a command run in the repository, "" if it cannot run."""
    try:
        r = subprocess.run(list(c), capture_output=True, text=True, cwd=ROOT, timeout=10)
        return (r.stdout or r.stderr).strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine(script: str) -> dict:
    """The machine, the tools, the commit and the load, for a report's header. `script` is the
    benchmark's run script, named in the invocation."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
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
    commit = command_output("git", "rev-parse", "--short", "HEAD")
    dirty = bool(command_output("git", "status", "--porcelain", "--untracked-files=no"))
    return {
        "cpu": cpu, "mhz": mhz, "nproc": os.cpu_count(), "ram_gib": mem_kb / 1024 / 1024, "os": os_name,
        "kernel": platform.release(), "wrk": wrk_version.split(" [")[0],
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "invocation": " ".join([script, *sys.argv[1:]]),
        "loadavg": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


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


def wait_for_log() -> None:
    """`serve` writes its log from a thread of its own, through a buffer flushed every second:
    a request's access line can follow its answer by up to that long."""
    time.sleep(1.2)


class Server:
    """`mentorhub serve` on a free loopback port (no web app), its log in `workdir`, stopped by
    its PID. start() returns once GET /healthz answers 200."""

    def __init__(self, binary: Path, database, workdir: Path, log_name: str = "serve.log", start_timeout: float = 30):
        self.binary, self.database, self.workdir = binary, str(database), workdir
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self.log_path = workdir / log_name

    def start(self) -> int:
        web_root = self.workdir / "no-web"
        web_root.mkdir(exist_ok=True)
        with open(self.log_path, "wb") as out:
            self.proc = subprocess.Popen(
                [str(self.binary), "--database", self.database, "serve", "--bind", "127.0.0.1", "--port", "0",
                 "--web-root", str(web_root)],
                cwd=self.workdir, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + self.start_timeout
        pattern = re.compile(rb"serving on http://127\.0\.0\.1:(\d+)")
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mentorhub serve exited ({self.proc.returncode}): {self.log_tail()}")
            m = pattern.search(self.log_path.read_bytes()[:4096])
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
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # our own child, by its PID
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self.proc = None
