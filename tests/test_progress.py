"""The run's progress bar in a real terminal: a total for local folders, a rate, an ETA,
and Prefect's log lines printed above it, never into it.

``newsfacts run`` runs in a pseudo-terminal (so rich draws its live bar, as for a
person at a terminal) with Prefect logging at INFO, and the captured bytes are read
back: with the terminal's control sequences taken out, every log line must start a
line of its own.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLES

CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
LOG_LINE = re.compile(r"\d\d:\d\d:\d\d\.\d{3} \| (INFO|WARNING|ERROR) +\| ")
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


def run_in_terminal(argv: list[str], env: dict[str, str], timeout: float = 300) -> tuple[int, str]:
    """Run ``argv`` on a 160-column pseudo-terminal; its exit code and everything it wrote."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=REPO)
    os.close(slave)
    written = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the other end closed: the process is done
                    break
                if not chunk:
                    break
                written += chunk
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return code, written.decode("utf-8", "replace")


@pytest.mark.slow
def test_the_bar_has_a_total_a_rate_and_an_eta_and_logs_stay_above_it(
    prefect_harness, tmp_path: Path
) -> None:
    from prefect.settings import PREFECT_API_URL

    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "PREFECT_LOGGING_LEVEL": "INFO",  # a log line for every task run, during the bar
        "TERM": "xterm-256color",
    }
    env.pop("NO_COLOR", None)
    env.pop("COLUMNS", None)
    argv = [sys.executable, "-m", "flows.cli", "run", str(SAMPLES)]
    argv += ["-w", str(tmp_path / "w.duckdb"), "--batch-size", "3"]
    code, written = run_in_terminal(argv, env)
    assert code == 0, written[-3000:]
    assert "\x1b[" in written  # a live bar was drawn, not plain lines
    pieces = [p for p in re.split(r"[\r\n]", CONTROL.sub("", written)) if p.strip()]

    logs = [p for p in pieces if LOG_LINE.search(p)]
    assert len(logs) >= 10, pieces[-20:]
    into_the_bar = [p for p in logs if not LOG_LINE.match(p)]
    assert into_the_bar == [], into_the_bar[:3]

    count = len(list(SAMPLES.glob("*.*")))
    frames = [p for p in pieces if "documents" in p and p.lstrip(SPINNER + " ").startswith("etl")]
    # the total of the folder from the first batch on, the documents a second, the time left
    totals = {int(m.group(1)) for f in frames if (m := re.search(r" \d+/(\d+) documents", f))}
    assert totals == {count}, frames[:3]
    assert any(re.search(r"\d+\.\d docs/s · ETA \d:\d\d:\d\d", f) for f in frames), frames[-3:]
    assert any("etl done" in p and f" {count}/{count} documents" in p for p in pieces)
