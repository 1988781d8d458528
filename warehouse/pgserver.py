"""A throwaway PostgreSQL server on loopback, for a DuckLake catalog on one machine.

Debian's ``postgresql`` package puts its programs in ``/usr/lib/postgresql/<version>/bin``
(not on the PATH). ``start`` makes a cluster in a folder (``initdb``, trust
authentication, superuser ``newsfacts``) and starts it there (``pg_ctl``) on
127.0.0.1 only, on a free port; its socket lives in the folder too. PostgreSQL
refuses to run as root: as root the folder is handed to the ``postgres`` user (made
with ``useradd`` when missing) and the server programs run as that user.

Used by the tests (a session fixture), by ``.ci/run`` and by the deployments of
docs/operations.md::

    uv run python -m warehouse.pgserver start /tmp/newsfacts-pg    # prints the DSN
    uv run python -m warehouse.pgserver createdb /tmp/newsfacts-pg lake
    uv run python -m warehouse.pgserver stop /tmp/newsfacts-pg

For many machines, use a real PostgreSQL server instead (any version DuckLake supports).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "newsfacts"
SERVICE_USER = "postgres"  # who runs the server when we are root
PORT_FILE = "newsfacts.port"


class PgServerError(RuntimeError):
    """The server could not be made, started or reached; one line saying why."""


def bin_dir() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` with ``initdb``, or ``pg_ctl`` on PATH."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise PgServerError(
        "no PostgreSQL server programs: install them (apt-get install -y postgresql)"
    )


@dataclass(frozen=True, slots=True)
class PgServer:
    """A running server: where it keeps its data and the port it listens on (127.0.0.1)."""

    directory: Path
    port: int

    def dsn(self, dbname: str = "postgres") -> str:
        """A libpq connection string for ``dbname`` (what ``ducklake:postgres:`` takes)."""
        return f"dbname={dbname} host=127.0.0.1 port={self.port} user={SUPERUSER}"

    def lake(self, dbname: str, data_path: Path | str) -> str:
        """The warehouse address of a DuckLake cataloged in ``dbname``, data under ``data_path``."""
        return f"ducklake:postgres:{self.dsn(dbname)}?data_path={data_path}"

    def _client(self, program: str) -> list[str]:
        return [str(bin_dir() / program), "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER]

    def createdb(self, dbname: str) -> str:
        """Create database ``dbname`` (if absent); returns its DSN."""
        done = subprocess.run(
            [
                *self._client("psql"),
                "-d",
                "postgres",
                "-tAc",
                f"select 1 from pg_database where datname = '{dbname}'",
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise PgServerError(
                f"cannot reach PostgreSQL on port {self.port}: {done.stderr.strip()}"
            )
        if done.stdout.strip() != "1":
            made = subprocess.run(
                [*self._client("createdb"), dbname],
                capture_output=True,
                text=True,
            )
            if made.returncode != 0:
                raise PgServerError(f"createdb {dbname}: {made.stderr.strip()}")
        return self.dsn(dbname)


def _service_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", SERVICE_USER],
            check=True,
            capture_output=True,
        )
        return pwd.getpwnam(SERVICE_USER)


def _as_server_user(command: list[str]) -> list[str]:
    """``command`` run as the service user when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVICE_USER, "--", *command]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(_as_server_user(command), capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise PgServerError(f"{what} failed: {detail[-1] if detail else done.returncode}")


def start(directory: Path | str, port: int | None = None) -> PgServer:
    """Start the server kept in ``directory`` (made there first if new); returns it.

    A server already running there is returned as it is.
    """
    directory = Path(directory).resolve()
    data = directory / "data"
    running = status(directory)
    if running is not None:
        return running
    directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        user = _service_user()
        os.chown(directory, user.pw_uid, user.pw_gid)
        for parent in directory.parents:  # the server must be able to reach its folder
            if parent.stat().st_mode & 0o001 == 0:
                raise PgServerError(
                    f"{parent} is closed to the {SERVICE_USER} user: put the server folder"
                    " somewhere it can reach (e.g. under /tmp)"
                )
    binaries = bin_dir()
    if not (data / "PG_VERSION").exists():
        _run(
            [
                *(str(binaries / "initdb"), "-D", str(data), "-U", SUPERUSER),
                *("--auth=trust", "--encoding=UTF8", "--no-instructions"),
            ],
            "initdb",
        )
    port = port or _free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c max_connections=200"
    _run(
        [
            *(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(directory / "server.log")),
            *("-o", options, "-w", "-t", "60", "start"),
        ],
        f"pg_ctl start (see {directory / 'server.log'})",
    )
    (directory / PORT_FILE).write_text(f"{port}\n", encoding="utf-8")
    return PgServer(directory, port)


def status(directory: Path | str) -> PgServer | None:
    """The server running in ``directory``, or None."""
    directory = Path(directory).resolve()
    data = directory / "data"
    port_file = directory / PORT_FILE
    if not (data / "postmaster.pid").exists() or not port_file.exists():
        return None
    done = subprocess.run(
        _as_server_user([str(bin_dir() / "pg_ctl"), "-D", str(data), "status"]),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return None
    return PgServer(directory, int(port_file.read_text(encoding="utf-8")))


def stop(directory: Path | str) -> bool:
    """Stop the server running in ``directory`` (fast shutdown); whether one was running."""
    directory = Path(directory).resolve()
    if status(directory) is None:
        return False
    _run(
        [str(bin_dir() / "pg_ctl"), "-D", str(directory / "data"), "-m", "fast", "-w", "stop"],
        "pg_ctl stop",
    )
    return True


USAGE = """usage: python -m warehouse.pgserver start DIR [PORT] | createdb DIR NAME | stop DIR
  start     make (first time) and start a server in DIR on 127.0.0.1; prints its DSN
  createdb  create database NAME on the server in DIR; prints its DSN
  stop      stop the server in DIR"""


def main(argv: list[str]) -> int:
    try:
        if len(argv) in (2, 3) and argv[0] == "start":
            server = start(argv[1], int(argv[2]) if len(argv) == 3 else None)
            print(server.dsn())
        elif len(argv) == 3 and argv[0] == "createdb":
            server = status(argv[1])
            if server is None:
                raise PgServerError(f"no PostgreSQL server is running in {argv[1]}")
            print(server.createdb(argv[2]))
        elif len(argv) == 2 and argv[0] == "stop":
            if not stop(argv[1]):
                print(f"no PostgreSQL server was running in {argv[1]}", file=sys.stderr)
        else:
            print(USAGE, file=sys.stderr)
            return 2
    except (PgServerError, ValueError, OSError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
