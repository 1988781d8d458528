"""The Prefect API a command-line run talks to: the user's, or a local server it reuses.

Without ``PREFECT_API_URL`` Prefect starts a temporary server in every process
(7-75 s on two busy cores), which was most of a newcomer's ``newsfacts run``.
So by default (``Settings.prefect_server = "local"``) the CLI starts one local
server the first time, detached from the command, and every later run reuses
it: ``benchmarks/bench_prefect_api.py`` measures the options.

The server is Prefect's own API app, as Prefect's temporary server runs it (no UI,
no background services, the usual database under ``PREFECT_HOME``), served by
``python -m flows.prefect_api`` on a loopback port it picks itself and writes to
``PREFECT_HOME/newsfacts-server.json``. It stops by itself once it has had no
request for ``prefect_idle_seconds`` and no command is using it: each command
holds a shared lock on ``newsfacts-server.users`` while it runs, and the server
exits only when it can take that lock exclusively. ``prefect_server =
"ephemeral"`` keeps Prefect's temporary server per process; a configured
``PREFECT_API_URL`` is always used as it is.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from newsfacts.settings import PREFECT_SERVERS

STATE_FILE = "newsfacts-server.json"
START_LOCK = "newsfacts-server.lock"
USERS_LOCK = "newsfacts-server.users"
LOG_FILE = "newsfacts-server.log"


class PrefectApiError(RuntimeError):
    """The local Prefect server could not be started: the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class LocalServer:
    """Where a running local server is: its process, its API and the files beside it."""

    pid: int
    api_url: str
    home: Path


def prefect_home() -> Path:
    """Prefect's home folder (``PREFECT_HOME``, default ``~/.prefect``)."""
    from prefect.settings import get_current_settings

    return Path(get_current_settings().home).expanduser()


def configured_api_url() -> str | None:
    """The API URL the user configured (environment, profile, .env), or None."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


def _healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        return httpx.get(f"{api_url}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_state(home: Path) -> LocalServer | None:
    try:
        state = json.loads((home / STATE_FILE).read_text(encoding="utf-8"))
        return LocalServer(int(state["pid"]), str(state["api_url"]), home)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def running_server(home: Path) -> LocalServer | None:
    """The local server recorded in ``home``, if its process is alive and answers."""
    server = _read_state(home)
    if server is None or not _alive(server.pid) or not _healthy(server.api_url):
        return None
    return server


@contextlib.contextmanager
def _flock(path: Path, mode: int) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, mode)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _log_tail(home: Path) -> str:
    try:
        lines = (home / LOG_FILE).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    last = [line for line in lines if line.strip()][-1:]
    return f": {last[0].strip()}" if last else ""


def start_server(home: Path, idle_seconds: float, startup_seconds: float) -> LocalServer:
    """The local server of ``home``: the running one, or a new one started detached.

    Two commands starting at once start one server (they take turns on a lock).
    """
    with _flock(home / START_LOCK, fcntl.LOCK_EX):
        if (server := running_server(home)) is not None:
            return server
        (home / STATE_FILE).unlink(missing_ok=True)
        with open(home / LOG_FILE, "ab") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "flows.prefect_api",
                    "--home",
                    str(home),
                    "--idle-seconds",
                    str(idle_seconds),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # not stopped with the command, nor by its Ctrl-C
                env={**os.environ, "PREFECT_HOME": str(home)},
            )
        deadline = time.monotonic() + startup_seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise PrefectApiError(
                    f"the local Prefect server exited with code {process.returncode}"
                    f"{_log_tail(home)} (log: {home / LOG_FILE})"
                )
            server = _read_state(home)
            if server is not None and server.pid == process.pid and _healthy(server.api_url):
                return server
            time.sleep(0.2)
        process.terminate()
        raise PrefectApiError(
            f"the local Prefect server did not answer within {startup_seconds:g} s"
            f" (log: {home / LOG_FILE}); NEWSFACTS_PREFECT_STARTUP sets how long to wait"
        )


@contextlib.contextmanager
def prefect_api(mode: str, idle_seconds: float, startup_seconds: float) -> Iterator[str | None]:
    """Point this process's Prefect client at an API for the block: the URL it uses.

    ``mode`` ``"local"``: the configured ``PREFECT_API_URL`` if any, else the local
    server (started if need be), held in use until the block ends; ``"ephemeral"``:
    Prefect's own temporary server for this process (None).
    """
    if mode not in PREFECT_SERVERS:
        raise ValueError(
            f"unknown Prefect server {mode!r}: choose one of {', '.join(PREFECT_SERVERS)}"
        )
    configured = configured_api_url()
    if configured or mode == "ephemeral":
        yield configured
        return
    home = prefect_home()
    with _flock(home / USERS_LOCK, fcntl.LOCK_SH):  # the server waits for us to finish
        server = start_server(home, idle_seconds, startup_seconds)
        from prefect.settings import PREFECT_API_URL, temporary_settings

        previous = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = server.api_url  # for processes the run starts
        try:
            with temporary_settings({PREFECT_API_URL: server.api_url}):
                yield server.api_url
        finally:
            if previous is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = previous


def stop_server(home: Path, timeout: float = 20.0) -> bool:
    """Stop the local server of ``home`` (SIGTERM); whether one was running."""
    import signal

    server = _read_state(home)
    if server is None or not _alive(server.pid):
        return False
    os.kill(server.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(server.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return True


def serve_api(home: Path, idle_seconds: float) -> None:
    """Run the API (in this process) until it has been idle and unused for ``idle_seconds``."""
    import uvicorn

    os.environ.update(
        {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    )
    from prefect.server.api.server import create_app

    app = create_app(ephemeral=True, final=True)
    last_request = [time.monotonic()]

    @app.middleware("http")
    async def touch(request, call_next):  # starlette's middleware signature
        last_request[0] = time.monotonic()
        try:
            return await call_next(request)
        finally:
            last_request[0] = time.monotonic()

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="error", lifespan="on")
    server = uvicorn.Server(config)
    users = open(home / USERS_LOCK, "a+b")  # noqa: SIM115 (held until the process exits)

    def watch() -> None:
        while not server.should_exit:
            time.sleep(min(5.0, max(0.5, idle_seconds / 4)))
            if time.monotonic() - last_request[0] < idle_seconds:
                continue
            try:  # nobody is using it: keep the lock, so a new command waits for the exit
                fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            (home / STATE_FILE).unlink(missing_ok=True)
            server.should_exit = True

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            state = {"pid": os.getpid(), "api_url": f"http://127.0.0.1:{port}/api"}
            tmp = home / f"{STATE_FILE}.{os.getpid()}"
            tmp.write_text(json.dumps(state), encoding="utf-8")
            os.replace(tmp, home / STATE_FILE)

    threading.Thread(target=watch, daemon=True).start()
    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        current = _read_state(home)
        if current is not None and current.pid == os.getpid():
            (home / STATE_FILE).unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="newsfacts' local Prefect API server")
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--idle-seconds", type=float, default=900.0)
    args = parser.parse_args()
    serve_api(args.home, args.idle_seconds)


if __name__ == "__main__":
    main()
