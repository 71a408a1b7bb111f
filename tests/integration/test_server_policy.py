"""Non-negotiable: with CI=true a missing server fails the run; elsewhere it is a loud skip."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
from tests.servers import throwaway_postgres_database

def test_needs_postgres():
    with throwaway_postgres_database():
        pass
"""


def run_probe(tmp_path: Path, *, ci: str) -> subprocess.CompletedProcess[str]:
    probe = tmp_path / "test_probe.py"
    probe.write_text(PROBE)
    env = {**os.environ, "CI": ci, "GATEWAY_TEST_POSTGRES_URL": "postgresql://postgres@127.0.0.1:1/postgres"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "default", "--rootdir", str(tmp_path),
         "-c", "/dev/null", str(probe)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_a_missing_postgres_fails_under_ci(tmp_path: Path) -> None:
    result = run_probe(tmp_path, ci="true")
    assert result.returncode == 1, result.stdout
    assert "the real server is required in CI" in result.stdout


def test_a_missing_postgres_is_a_loud_skip_outside_ci(tmp_path: Path) -> None:
    result = run_probe(tmp_path, ci="")
    assert result.returncode == 0, result.stdout
    assert "LOUD SKIP" in result.stdout or "1 skipped" in result.stdout
