"""``review.config`` works out the user data folder on plain Linux without importing platformdirs
(issue 14: start-up); these tests check it names the folder platformdirs names, and that the default
file is still honoured wherever it is."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from review import config

UNSET = None

# (XDG_DATA_HOME, HOME): set, empty, relative, trailing slashes, the root, unset
ENVIRONMENTS = [
    (xdg, home)
    for xdg in (UNSET, "", "relative/data", "/srv/xdg data", "/srv/xdg/", "/")
    for home in (UNSET, "", "home-relative", "/home/lee", "/home/lee/", "/", "//net/home")
]


def _set(monkeypatch: pytest.MonkeyPatch, name: str, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, value)


@pytest.mark.skipif(sys.platform != "linux", reason="the platformdirs-free path is for Linux")
@pytest.mark.parametrize(("xdg", "home"), ENVIRONMENTS)
def test_the_user_data_folder_is_the_one_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str | None
) -> None:
    _set(monkeypatch, "XDG_DATA_HOME", xdg)
    _set(monkeypatch, "HOME", home)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    monkeypatch.delenv("ANDROID_ROOT", raising=False)
    fast = config._linux_data_dir()
    expected = platformdirs.user_data_dir("ordiff")
    assert config.user_data_dir() == expected
    assert fast in (None, expected)
    # the cases platformdirs decides from the password database are left to it; the rest are not
    assert (fast is None) == (not (xdg or "").startswith("/") and not (home or "").startswith("/"))


@pytest.mark.parametrize("variable", ["ANDROID_DATA", "ANDROID_ROOT"])
def test_an_android_environment_is_left_to_platformdirs(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "/data" if variable == "ANDROID_DATA" else "/system")
    assert config._linux_data_dir() is None
    assert config.user_data_dir() == platformdirs.user_data_dir("ordiff")


@pytest.mark.skipif(sys.platform != "linux", reason="the platformdirs-free path is for Linux")
@pytest.mark.parametrize("through", ["XDG_DATA_HOME", "HOME"])
def test_an_existing_default_file_is_configured(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, through: str
) -> None:
    monkeypatch.delenv(config.ENV_VAR, raising=False)
    if through == "XDG_DATA_HOME":
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
        folder = tmp_path / "data" / "ordiff"
    else:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
        monkeypatch.setenv("HOME", str(tmp_path))
        folder = tmp_path / ".local" / "share" / "ordiff"
    assert not config.configured()
    assert not folder.exists()  # asking creates nothing
    folder.mkdir(parents=True)
    (folder / "review.sqlite3").write_bytes(b"")
    assert config.configured()
    assert config.default_url() == f"sqlite:///{folder / 'review.sqlite3'}"
    assert config.resolve_url() == config.default_url()
    assert config.resolve_url("memory:") == "memory:"


def test_a_named_database_is_configured_without_looking_for_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/nonexistent-home")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv(config.ENV_VAR, raising=False)
    assert not config.configured()
    assert config.configured("memory:")
    monkeypatch.setenv(config.ENV_VAR, " sqlite:///x.db ")
    assert config.configured() and config.resolve_url() == "sqlite:///x.db"
    monkeypatch.setenv(config.ENV_VAR, "  ")
    assert not config.configured()
