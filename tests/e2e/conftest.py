"""The running gateway: a real uvicorn process over HTTP (``gateway serve``)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.servers import throwaway_postgres_database

_START_TIMEOUT_S = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class RunningGateway:
    base: str  # http://127.0.0.1:PORT
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def fhir(self) -> str:
        return f"{self.base}/fhir"

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flush — a crash."""
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_gateway(
    database_url: str,
    log_path: Path,
    *,
    directory_file: str | None = None,
    extra_env: dict[str, str] | None = None,
    port: int | None = None,
) -> RunningGateway:
    port = port or free_port()
    env = {**os.environ, "GATEWAY_DATABASE_URL": database_url, "GATEWAY_PORT": str(port), "GATEWAY_LOG_LEVEL": "INFO",
           **(extra_env or {})}  # fmt: skip
    if directory_file is not None:
        env["GATEWAY_DIRECTORY_FILE"] = directory_file
    env.pop("GATEWAY_BASE_URL", None)
    with log_path.open("ab") as log:  # the child keeps its own descriptor
        process = subprocess.Popen([sys.executable, "-m", "gateway.cli", "serve"], env=env, stdout=log, stderr=log)
    gateway = RunningGateway(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gateway exited with {process.returncode}:\n{gateway.logs()[-3000:]}")
        try:
            if httpx.get(f"{gateway.base}/readyz", timeout=1).status_code == 200:
                return gateway
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    gateway.stop()
    raise RuntimeError(f"gateway did not become ready in {_START_TIMEOUT_S} s:\n{gateway.logs()[-3000:]}")


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningGateway]:
    """One running gateway per store kind for the whole e2e session, on a database of its own."""
    directory = tmp_path_factory.mktemp(f"gateway-{request.param}")
    demo = Path(__file__).resolve().parents[2] / "demo" / "directory.json"
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{directory}/gateway.sqlite3"
        else:  # never the in-process tests' database: this process's scheduler would fire their timers
            url = stack.enter_context(throwaway_postgres_database())
        running = start_gateway(url, directory / "gateway.log", directory_file=str(demo))
        try:
            yield running
        finally:
            running.stop()
