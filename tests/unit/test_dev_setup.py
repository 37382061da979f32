"""dev.py: the lock files cover pyproject.toml, and run/test never reinstall each other."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import dev

ROOT = Path(__file__).resolve().parents[2]


def _names(requirements: list[str]) -> set[str]:
    return {
        re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements
    }


def _pinned(lock: Path) -> set[str]:
    lines = lock.read_text(encoding="utf-8").splitlines()
    return {line.split("==")[0].lower() for line in lines if "==" in line and line[0] != " "}


def test_lock_files_pin_every_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _names(project["dependencies"])
    dev_only = _names(project["optional-dependencies"]["dev"])
    assert runtime <= _pinned(ROOT / "requirements.lock"), "run `python3 dev.py lock`"
    assert runtime | dev_only <= _pinned(ROOT / "requirements-dev.lock"), (
        "run `python3 dev.py lock`"
    )


@pytest.fixture
def venv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(dev, "VENV", tmp_path)
    monkeypatch.setattr(dev, "BIN", tmp_path / "bin")

    def no_install(*args: object) -> None:
        raise AssertionError("reinstalled although nothing changed")

    monkeypatch.setattr(dev, "_stage", no_install)
    (tmp_path / "bin").mkdir()
    for tool in ("python", "uv"):  # an existing venv: nothing to create
        (tmp_path / "bin" / tool).touch()
    return tmp_path


def test_run_after_test_does_not_reinstall(venv: Path) -> None:
    (venv / f".installed-dev-{dev._digest()}").touch()
    dev._ensure_env("run")
    dev._ensure_env("dev")
    assert (venv / f".installed-dev-{dev._digest()}").exists()


def test_test_after_run_installs_the_dev_tools(venv: Path) -> None:
    (venv / f".installed-run-{dev._digest()}").touch()
    dev._ensure_env("run")
    with pytest.raises(AssertionError, match="reinstalled"):
        dev._ensure_env("dev")


def test_a_dependency_added_without_re_pinning_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert dev._locks_current()  # the committed locks match pyproject.toml
    monkeypatch.setattr(dev, "_deps_hash", lambda: "0123456789abcdef")
    assert not dev._locks_current()  # dev.py would re-pin before installing
