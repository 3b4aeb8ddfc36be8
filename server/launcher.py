"""Start, stop and inspect chainkg's local Neo4j Community server (``chainkg neo4j start|stop|status``).

The server is ``server/src/main/java/chainkg/server/ChainkgNeo4j.java``: Neo4j Community 5.26
(``org.neo4j:neo4j`` from Maven Central) embedded in a small JVM program, Bolt on 127.0.0.1,
auth on. Maven builds it once (``mvn -q -B package`` into ``server/target``); after that a start
is a plain ``java -jar`` and takes a few seconds.

Everything the server keeps lives in one folder, ``$CHAINKG_NEO4J_DIR`` (default
``<cache>/neo4j``, see :func:`chainkg.settings.cache_dir`):

- ``home/``       Neo4j's own data and logs (``home/logs/debug.log``)
- ``password``    the generated password of user ``neo4j`` (mode 0600)
- ``server.pid``  the JVM's process id while it runs; ``server.port`` its Bolt port
- ``server.log``  the JVM's stdout/stderr; ``build.log`` Maven's output

The port is the argument, else ``$CHAINKG_NEO4J_PORT``, else the one used last time, else
:data:`DEFAULT_PORT` (one above Neo4j's usual 7687, so a Neo4j Desktop or server the user
already runs does not clash).

>>> info = ServerInfo(pid=1, port=7688, folder=Path("/tmp/x"))
>>> info.uri, info.user, info.password_file.name
('bolt://127.0.0.1:7688', 'neo4j', 'password')
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from chainkg.errors import ChainkgError
from chainkg.settings import cache_dir

log = logging.getLogger(__name__)

DEFAULT_PORT = 7688
USER = "neo4j"
SOURCE_DIR = Path(__file__).resolve().parent
JAR = SOURCE_DIR / "target" / "chainkg-neo4j.jar"
MAIN_CLASS = "chainkg.server.ChainkgNeo4j"
START_TIMEOUT = 180.0
STOP_TIMEOUT = 120.0
# Modest heap (``$CHAINKG_NEO4J_HEAP``, default 1g): the machines we run on have 2 cores;
# the page cache (1 GiB) is set in Java.
JVM_OPTIONS = (
    "-Xms256m",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


@dataclass(frozen=True)
class ServerInfo:
    """A running local server: where to connect and with what."""

    pid: int
    port: int
    folder: Path

    @property
    def uri(self) -> str:
        """The Bolt URI, always on the loopback interface."""
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def user(self) -> str:
        """The user to log in as."""
        return USER

    @property
    def password_file(self) -> Path:
        """The file holding the password (mode 0600)."""
        return self.folder / "password"

    def password(self) -> str:
        """The password, read from :attr:`password_file`."""
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ChainkgError(f"{self.password_file}: cannot read the local Neo4j password ({exc.strerror})") from None

    def describe(self) -> str:
        """Human-readable lines for ``chainkg neo4j status``."""
        return (
            f"Neo4j running (pid {self.pid})\n"
            f"  bolt URI:      {self.uri}\n"
            f"  user:          {self.user}\n"
            f"  password file: {self.password_file}\n"
            f"  log:           {self.folder / 'server.log'}"
        )


def server_dir() -> Path:
    """The folder holding the server's data, password, pid and logs."""
    env = os.environ.get("CHAINKG_NEO4J_DIR")
    return (Path(env) if env else cache_dir() / "neo4j").absolute()


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _is_our_jvm(pid: int) -> bool:
    """True when ``pid`` is a live (not zombie) process running our server class or jar."""
    try:  # reap it if it is our child and has exited
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    proc = Path("/proc") / str(pid)
    if proc.is_dir():
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            return False
        return JAR.name.encode() in cmdline or MAIN_CLASS.encode() in cmdline
    try:  # no /proc (macOS): trust the pid file
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def status() -> ServerInfo | None:
    """The running local server, or None (a stale pid file is ignored)."""
    folder = server_dir()
    pid = _read_int(folder / "server.pid")
    port = _read_int(folder / "server.port")
    if pid is None or port is None or not _is_our_jvm(pid):
        return None
    return ServerInfo(pid=pid, port=port, folder=folder)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Serialize start/stop between processes (two test runs, two shells)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "launcher.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _needs_build() -> bool:
    if not (JAR.exists() and (JAR.parent / "lib").is_dir()):
        return True
    built = JAR.stat().st_mtime
    sources = [SOURCE_DIR / "pom.xml", *(SOURCE_DIR / "src").rglob("*")]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


def _tool(name: str, needed_for: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ChainkgError(f"`{name}` not found on PATH; {needed_for} (install Java 17+ and Maven)")
    return path


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def build(folder: Path | None = None) -> Path:
    """Build the server jar with Maven when it is missing or older than its sources; return it."""
    if not _needs_build():
        return JAR
    folder = folder or server_dir()
    folder.mkdir(parents=True, exist_ok=True)
    mvn = _tool("mvn", "Maven builds the local Neo4j server")
    build_log = folder / "build.log"
    log.warning("building the local Neo4j server with Maven (first time fetches org.neo4j:neo4j) ...")
    with open(build_log, "w", encoding="utf-8") as out:
        rc = subprocess.run([mvn, "-q", "-B", "package"], cwd=SOURCE_DIR, stdout=out,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL).returncode
    if rc != 0:
        raise ChainkgError(f"building the local Neo4j server failed (mvn exit {rc}); see {build_log}:\n"
                           + _tail(build_log))
    return JAR


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _choose_port(port: int | None, folder: Path) -> int:
    if port is None:
        env = os.environ.get("CHAINKG_NEO4J_PORT")
        if env:
            if not env.isdigit():
                raise ChainkgError(f"CHAINKG_NEO4J_PORT={env!r} is not a port number")
            port = int(env)
        else:
            port = _read_int(folder / "server.port") or DEFAULT_PORT
    if not 0 < port < 65536:
        raise ChainkgError(f"--port {port}: not a TCP port (1-65535)")
    if not _port_free(port):
        raise ChainkgError(f"port {port} on 127.0.0.1 is already in use; choose another with --port N "
                           "or CHAINKG_NEO4J_PORT")
    return port


def _spawn(java: str, folder: Path, port: int) -> int:
    """Start the JVM in its own session, output appended to ``server.log``; return its pid.

    ``os.posix_spawn`` rather than ``subprocess.Popen``: the server outlives this process and
    :func:`stop` may run in another one, so there is no Popen object to keep; :func:`_is_our_jvm`
    reaps it when this process happens to be its parent.
    """
    heap = os.environ.get("CHAINKG_NEO4J_HEAP", "1g")
    argv = [java, f"-Xmx{heap}", *JVM_OPTIONS, "-jar", str(JAR), str(folder / "home"), str(port),
            str(folder / "password")]
    log_flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
    return os.posix_spawn(java, argv, dict(os.environ), setsid=True, file_actions=[
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(folder / "server.log"), log_flags, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ])


def _wait_for_exec(pid: int, timeout: float = 10.0) -> None:
    """Wait until the spawned child has become the JVM: right after the spawn its command line
    is still empty (the exec has not happened yet), and :func:`_is_our_jvm` would take it for a
    process that is not ours."""
    cmdline = Path("/proc") / str(pid) / "cmdline"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if cmdline.read_bytes():
                return
        except OSError:  # gone already, or no /proc: the caller's checks say which
            return
        time.sleep(0.01)


def _bolt_answers(info: ServerInfo) -> bool:
    """True once the server accepts our user and password over Bolt."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    try:
        with GraphDatabase.driver(info.uri, auth=(info.user, info.password()),
                                  connection_timeout=2.0) as driver:
            driver.verify_connectivity()
    except (DriverError, Neo4jError, OSError):
        return False
    return True


def _says_ready(log_file: Path, offset: int) -> bool:
    """True once the JVM wrote its ready line (password set) to the log after ``offset``.

    Probing Bolt before that would fail authentication, and repeated failures lock the user.
    """
    try:
        with open(log_file, "rb") as fh:
            fh.seek(offset)
            return b"chainkg-neo4j ready" in fh.read()
    except OSError:
        return False


def start(port: int | None = None) -> ServerInfo:
    """Start the local server (building it first if needed) and wait until Bolt answers.

    Idempotent: when the server already runs, return it as it is (a different ``port`` is an
    error rather than a silent second server).
    """
    folder = server_dir()
    with _locked(folder):
        running = status()
        if running is not None:
            if port is not None and port != running.port:
                raise ChainkgError(f"the local Neo4j already runs on port {running.port}; "
                                   f"`chainkg neo4j stop` first to move it to {port}")
            return running
        java = _tool("java", "the local Neo4j server runs on Java 17+")
        build(folder)
        port = _choose_port(port, folder)
        log_file = folder / "server.log"
        offset = log_file.stat().st_size if log_file.exists() else 0
        pid = _spawn(java, folder, port)
        _wait_for_exec(pid)
        _write_atomic(folder / "server.port", f"{port}\n")
        _write_atomic(folder / "server.pid", f"{pid}\n")
        info = ServerInfo(pid=pid, port=port, folder=folder)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if not _is_our_jvm(pid):
                (folder / "server.pid").unlink(missing_ok=True)
                raise ChainkgError(f"the local Neo4j exited while starting; see {folder / 'server.log'}:\n"
                                   + _tail(folder / "server.log"))
            if _says_ready(log_file, offset) and _bolt_answers(info):
                return info
            time.sleep(0.5)
        _terminate(pid)
        raise ChainkgError(f"the local Neo4j did not answer on {info.uri} within {START_TIMEOUT:.0f}s; "
                           f"see {folder / 'server.log'}")


def _terminate(pid: int) -> bool:
    """SIGTERM (clean shutdown through the JVM's hook), then wait; SIGKILL as a last resort."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline:
        if not _is_our_jvm(pid):
            return True
        time.sleep(0.2)
    log.warning("local Neo4j (pid %d) did not stop within %.0fs; killing it", pid, STOP_TIMEOUT)
    os.kill(pid, signal.SIGKILL)
    return False


ADMIN_CLASS = "org.neo4j.cli.AdminTool"
ADMIN_TIMEOUT = 3600.0


def run_admin(args: list[str], log_file: Path, heap: str | None = None) -> None:
    """Run ``neo4j-admin ARGS`` (e.g. ``database import full ...``) against the server's home
    while the server is stopped; its output goes to ``log_file``.

    The embedded server built by Maven has no ``neo4j-admin`` script, but the admin tool's
    classes (``org.neo4j:neo4j-command-line``, the importer ``org.neo4j:neo4j-import-tool``) come
    with ``org.neo4j:neo4j`` into ``server/target/lib``: the script's main class runs on that
    classpath with ``NEO4J_HOME`` set to the server's ``home/`` (the same data folder the
    server uses). A non-zero exit is a ChainkgError with the end of the log.
    """
    if status() is not None:
        raise ChainkgError("the local Neo4j is running; stop it before `neo4j-admin` writes its files")
    java = _tool("java", "neo4j-admin runs on Java 17+")
    folder = server_dir()
    build(folder)
    home = folder / "home"
    (home / "conf").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    argv = [java, f"-Xmx{heap or os.environ.get('CHAINKG_NEO4J_HEAP', '1g')}", *JVM_OPTIONS,
            "-cp", f"{JAR.parent / 'lib'}/*", ADMIN_CLASS, *args]
    with open(log_file, "w", encoding="utf-8") as out:
        try:
            rc = subprocess.run(argv, cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, timeout=ADMIN_TIMEOUT).returncode
        except subprocess.TimeoutExpired:
            raise ChainkgError(f"neo4j-admin {' '.join(args[:3])} did not finish within {ADMIN_TIMEOUT:.0f}s; "
                               f"see {log_file}") from None
    if rc != 0:
        raise ChainkgError(f"neo4j-admin {' '.join(args[:3])} failed (exit {rc}); see {log_file}:\n"
                           + _tail(log_file))


def stop() -> ServerInfo | None:
    """Stop the local server cleanly; return what was stopped, or None if nothing ran."""
    folder = server_dir()
    with _locked(folder):
        info = status()
        if info is not None:
            _terminate(info.pid)
        (folder / "server.pid").unlink(missing_ok=True)
        return info
