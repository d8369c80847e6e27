"""A real Neo4j 5.26 Community server managed by the project, for machines without Docker.

The server's jars come from Maven Central through `server/pom.xml`; the server home (lib, conf,
data, logs, run) lives in a git-ignored folder. Neo4j's tarball (bin scripts, conf templates, log
configs) is not on Maven Central, so this module writes neo4j.conf and the two log4j2 configs itself
and launches the JVM directly.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from newsgraph.config import PROJECT_ROOT, Settings

POM = PROJECT_ROOT / "server" / "pom.xml"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dfile.encoding=UTF-8",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
]

_LOG_APPENDER = """
        <RollingRandomAccessFile name="{name}" fileName="${{config:server.directories.logs}}/{file}"
                                 filePattern="$${{config:server.directories.logs}}/{file}.%02i">
            <{layout} pattern="%d{{yyyy-MM-dd HH:mm:ss.SSSZ}}{{GMT+0}} %-5p {category}%m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="5"/>
        </RollingRandomAccessFile>"""

SERVER_LOGS_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by newsgraph: Neo4j's default server-logs.xml is not on Maven Central. -->
<Configuration status="ERROR" monitorInterval="30" packages="org.neo4j.logging.log4j">
    <Appenders>{_LOG_APPENDER.format(name="DebugLog", file="debug.log", layout="Neo4jDebugLogLayout",
                                     category="[%c{1.}] ")}{_LOG_APPENDER.format(
    name="QueryLog", file="query.log", layout="PatternLayout", category="")}{_LOG_APPENDER.format(
    name="SecurityLog", file="security.log", layout="PatternLayout", category="")}
    </Appenders>
    <Loggers>
        <Root level="INFO"><AppenderRef ref="DebugLog"/></Root>
        <Logger name="QueryLogger" level="INFO" additivity="false"><AppenderRef ref="QueryLog"/></Logger>
        <Logger name="SecurityLogger" level="INFO" additivity="false"><AppenderRef ref="SecurityLog"/></Logger>
    </Loggers>
</Configuration>
"""

USER_LOGS_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by newsgraph: Neo4j's default user-logs.xml is not on Maven Central. -->
<Configuration status="ERROR" monitorInterval="30" packages="org.neo4j.logging.log4j">
    <Appenders>{_LOG_APPENDER.format(name="Neo4jLog", file="neo4j.log", layout="PatternLayout", category="")}
        <Console name="ConsoleAppender" target="SYSTEM_OUT">
            <PatternLayout pattern="%d{{yyyy-MM-dd HH:mm:ss.SSSZ}}{{GMT+0}} %-5p %m%n"/>
        </Console>
    </Appenders>
    <Loggers>
        <Root level="INFO">
            <AppenderRef ref="Neo4jLog"/>
            <AppenderRef ref="ConsoleAppender"/>
        </Root>
    </Loggers>
</Configuration>
"""


class ServerError(RuntimeError):
    """The managed server could not be provisioned, started or reached."""


@dataclass(frozen=True)
class StartReport:
    seconds: float
    provision_seconds: float
    already_running: bool
    pid: int


@dataclass(frozen=True)
class Status:
    managed: bool
    running: bool
    pid: int | None
    uri: str
    home: Path | None
    answering: bool


class ManagedNeo4j:
    def __init__(self, settings: Settings) -> None:
        if not settings.managed:
            raise ServerError(f"NEO4J_URI is set ({settings.uri}): that server is not managed by newsgraph")
        self.settings = settings
        self.home = settings.home
        self.lib = self.home / "lib"
        self.conf = self.home / "conf"
        self.logs = self.home / "logs"
        self.pid_file = self.home / "run" / "neo4j.pid"

    # -- provisioning -------------------------------------------------------------------------

    @property
    def _lib_marker(self) -> Path:
        return self.lib / ".complete"

    def _pom_fingerprint(self) -> str:
        return str(POM.stat().st_mtime_ns) + ":" + str(len(POM.read_bytes()))

    def jars_present(self) -> bool:
        return self._lib_marker.exists() and self._lib_marker.read_text() == self._pom_fingerprint()

    def provision(self) -> float:
        """Lay out the server home, readable by its owner only; returns the seconds spent downloading jars
        (0 when cached)."""
        if len(self.settings.password) < 8:
            raise ServerError("NEO4J_PASSWORD must have at least 8 characters for Neo4j 5")
        self.home.mkdir(parents=True, exist_ok=True)
        for sub in ("conf", "data", "logs", "plugins", "import", "run"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        for folder in (self.home, *(self.home / sub for sub in ("conf", "data", "logs", "run"))):
            folder.chmod(0o700)  # the store, the users' password hashes and the query log are private
        spent = 0.0
        if not self.jars_present():
            spent = self._copy_jars()
        self._write_config()
        return spent

    @property
    def first_boot(self) -> bool:
        """No system database yet: the server will create the user `neo4j` with Neo4j's default password,
        which `start` replaces with NEO4J_PASSWORD over Bolt (never on a command line)."""
        return not (self.home / "data" / "databases" / "system").exists()

    def _copy_jars(self) -> float:
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError("Maven (mvn) is not on PATH; it is needed once to fetch Neo4j's jars")
        staging = self.home / "lib.partial"
        shutil.rmtree(staging, ignore_errors=True)
        started = time.monotonic()
        result = subprocess.run(
            [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
             f"-DoutputDirectory={staging}"],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            output = result.stdout[-3000:] + result.stderr[-3000:]
            raise ServerError(f"mvn could not resolve Neo4j from {POM}:\n{output}")
        shutil.rmtree(self.lib, ignore_errors=True)
        staging.rename(self.lib)  # a killed download never leaves a half-filled lib/
        self._lib_marker.write_text(self._pom_fingerprint())
        return time.monotonic() - started

    def _write_config(self) -> None:
        s = self.settings
        per_transaction, all_transactions = transaction_memory(s.heap)
        conf = {
            "server.directories.data": self.home / "data",
            "server.directories.logs": self.logs,
            "server.directories.plugins": self.home / "plugins",
            "server.directories.import": self.home / "import",
            "server.directories.run": self.home / "run",
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": f"127.0.0.1:{s.bolt_port}",
            "server.bolt.tls_level": "DISABLED",
            "server.http.enabled": "true" if s.http_enabled else "false",
            "server.http.listen_address": f"127.0.0.1:{s.http_port}",
            "server.https.enabled": "false",
            "dbms.security.http_access_control_allow_origin": f"http://127.0.0.1:{s.http_port}",
            "dbms.security.auth_enabled": "true",
            # Belt and braces behind the query sandbox (newsgraph.sandbox): no files through LOAD CSV, no URL
            # fetched by Cypher from any address, no procedure from a plugin folder.
            "dbms.security.allow_csv_import_from_file_urls": "false",
            "internal.dbms.cypher_ip_blocklist": "0.0.0.0/0,::/0",
            "dbms.security.procedures.unrestricted": "",
            "dbms.security.procedures.allowlist": "",  # no extension from a plugin jar is loaded
            "server.memory.pagecache.size": s.pagecache,
            # One heavy query is stopped with an error, well before the heap is spent (the JVM exits on OOM).
            "db.memory.transaction.max": per_transaction,
            "dbms.memory.transaction.total.max": all_transactions,
            "db.transaction.timeout": "10m",
            "db.lock.acquisition.timeout": "1m",
            "dbms.usage_report.enabled": "false",
            "db.tx_log.preallocate": "false",
            "db.tx_log.rotation.retention_policy": "2 days 1G",
            "server.logs.config": self.conf / "server-logs.xml",
            "server.logs.user.config": self.conf / "user-logs.xml",
        }
        text = "# Written by `newsgraph neo4j start`; edit the environment, not this file.\n"
        text += "".join(f"{key}={value}\n" for key, value in conf.items())
        (self.conf / "neo4j.conf").write_text(text)
        (self.conf / "server-logs.xml").write_text(SERVER_LOGS_XML)
        (self.conf / "user-logs.xml").write_text(USER_LOGS_XML)

    def _claim_default_password(self) -> bool:
        """On first boot, replace Neo4j's default password with NEO4J_PASSWORD (a parameter over Bolt, so it
        never appears in a process list). False when the default password is not accepted."""
        try:
            with GraphDatabase.driver(self.settings.uri, auth=("neo4j", "neo4j"), connection_timeout=3) as driver:
                driver.execute_query("ALTER CURRENT USER SET PASSWORD FROM $old TO $new", old="neo4j",
                                     new=self.settings.password, database_="system")
        except AuthError:
            return False
        return True

    def ports(self) -> list[int]:
        return [self.settings.bolt_port, *([self.settings.http_port] if self.settings.http_enabled else [])]

    # -- process control ----------------------------------------------------------------------

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except FileNotFoundError:
            return None
        return pid if MAIN_CLASS.encode() in cmdline else None

    def start(self, timeout: float = 180.0) -> StartReport:
        started = time.monotonic()
        running = self.pid()
        if running is not None:
            self.wait_until_ready(timeout)
            return StartReport(time.monotonic() - started, 0.0, True, running)
        provision_seconds = self.provision()
        taken = [port for port in self.ports() if port_in_use(port)]
        if taken:
            raise ServerError(
                f"port {', '.join(map(str, taken))} on 127.0.0.1 is already used by another program, so newsgraph "
                "will neither start its server there nor talk to the other one. Stop that program, or choose "
                "free ports with NEWSGRAPH_NEO4J_BOLT_PORT / NEWSGRAPH_NEO4J_HTTP_PORT.")
        first_boot = self.first_boot
        command = [
            _java(), f"-Xms{self.settings.heap}", f"-Xmx{self.settings.heap}", *JVM_FLAGS,
            "-cp", f"{self.home / 'plugins'}/*:{self.conf}/*:{self.lib}/*",
            MAIN_CLASS, f"--home-dir={self.home}", f"--config-dir={self.conf}", "--console-mode",
        ]
        console_log = (self.logs / "console.log").open("ab")
        process = subprocess.Popen(
            command, stdout=console_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=self.home, start_new_session=True,  # outlives the CLI that started it
        )
        console_log.close()
        self.pid_file.write_text(str(process.pid))
        try:
            self.wait_until_ready(timeout, process, first_boot=first_boot)
        except ServerError:
            self.stop()
            raise
        return StartReport(time.monotonic() - started, provision_seconds, False, process.pid)

    def wait_until_ready(self, timeout: float, process: subprocess.Popen[bytes] | None = None, *,
                         first_boot: bool = False) -> None:
        """Wait until the server answers with our password; with `process`, only that process counts as the
        server (another program answering on the port is an error, never mistaken for ours)."""
        deadline = time.monotonic() + timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise ServerError(f"Neo4j exited with code {process.returncode}; last log lines:\n{self.log_tail()}")
            if process is not None and listens(process.pid, self.settings.bolt_port) is False:
                last_error = ServerError(f"the server is not yet listening on port {self.settings.bolt_port}")
                time.sleep(0.5)
                continue
            try:
                answers(self.settings)
                return
            except AuthError as exc:
                if first_boot and self._claim_default_password():
                    first_boot = False
                    continue
                raise ServerError(
                    f"Neo4j answered but refused the password for user {self.settings.user!r}: {exc}. "
                    f"The password is fixed when {self.home}/data is first created; use the original "
                    "NEO4J_PASSWORD or delete that folder."
                ) from exc
            except Exception as exc:
                last_error = exc
            time.sleep(0.5)
        raise ServerError(f"Neo4j did not answer on {self.settings.uri} within {timeout:.0f}s "
                          f"({last_error}); last log lines:\n{self.log_tail()}")

    def stop(self, timeout: float = 60.0) -> bool:
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)  # Neo4j checkpoints and closes the store on SIGTERM
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.pid() is not None:
            _reap(pid)
            time.sleep(0.2)
        if self.pid() is not None:
            os.kill(pid, signal.SIGKILL)
            _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True

    def log_tail(self, lines: int = 25) -> str:
        chunks = []
        for name in ("console.log", "debug.log"):
            path = self.logs / name
            if path.exists():
                chunks.append(f"--- {path}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(chunks) or "(no logs yet)"


def transaction_memory(heap: str) -> tuple[str, str]:
    """Memory limits for one transaction and for all at once: a quarter and three fifths of the heap."""
    total = size_in_bytes(heap)
    return f"{total // 4 // 1024 // 1024}m", f"{total * 3 // 5 // 1024 // 1024}m"


def size_in_bytes(text: str) -> int:
    """«1g», «768m», «512k», «1048576» → bytes."""
    match = re.fullmatch(r"\s*(\d+)\s*([kmgKMG]?)[bB]?\s*", text)
    if not match:
        raise ServerError(f"a memory size reads like 1g, 768m or 512k, got {text!r}")
    return int(match[1]) * 1024 ** " kmg".index((match[2] or " ").lower())


def port_in_use(port: int) -> bool:
    """Whether some program already listens on 127.0.0.1:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def listens(pid: int, port: int) -> bool | None:
    """Whether process `pid` holds the listening socket of TCP `port` (None where /proc cannot tell)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    if not inodes:
        return False if Path("/proc/net/tcp").exists() else None
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return None
    for descriptor in descriptors:
        with contextlib.suppress(OSError):
            if os.readlink(descriptor) in inodes:
                return True
    return False


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise ServerError("java is not on PATH; Neo4j 5.26 needs Java 17 or 21")
    return java


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def answers(settings: Settings) -> None:
    """Raises unless the server accepts our credentials and runs a query."""
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                              connection_timeout=3) as driver:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.database)


def status(settings: Settings) -> Status:
    try:
        answers(settings)
        answering = True
    except (ServiceUnavailable, AuthError, OSError, Exception):
        answering = False
    if not settings.managed:
        return Status(False, answering, None, settings.uri, None, answering)
    pid = ManagedNeo4j(settings).pid()
    return Status(True, pid is not None, pid, settings.uri, settings.home, answering)
