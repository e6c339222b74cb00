"""One instance per data folder (an OS lock that dies with its process) and the
data folder itself: where it is and what happens when it cannot be used."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kotacerdas_desktop.paths import (DB_FILENAME, ENV_DATA_DIR, DataDirError, default_data_dir,
                                      prepare_paths, resolve_data_dir)
from kotacerdas_desktop.storage.lock import AlreadyRunningError, InstanceLock

ROOT = Path(__file__).resolve().parents[2]


# --- the instance lock ----------------------------------------------------------------------

def test_second_lock_on_the_same_folder_is_refused_with_the_folder_named(paths):
    first = InstanceLock(paths.lock_file, purpose="app").acquire()
    try:
        with pytest.raises(AlreadyRunningError) as err:
            InstanceLock(paths.lock_file, purpose="cli").acquire()
        message = str(err.value)
        assert f"'{paths.data_dir}'" in message
        assert "sedang dipakai" in message
        assert f"proses {os.getpid()}" in message and "aplikasi" in message
    finally:
        first.release()
    # Free again after release, and usable as a context manager.
    with InstanceLock(paths.lock_file) as again:
        assert again.path == paths.lock_file
    InstanceLock(paths.lock_file).acquire().release()


def test_release_is_idempotent_and_other_folders_are_independent(tmp_path):
    a = prepare_paths(tmp_path / "a")
    b = prepare_paths(tmp_path / "b")
    la = InstanceLock(a.lock_file).acquire()
    lb = InstanceLock(b.lock_file).acquire()  # a different folder is not blocked
    la.release()
    la.release()
    lb.release()
    InstanceLock(a.lock_file).acquire().release()


_HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kotacerdas_desktop.storage.lock import InstanceLock
    lock = InstanceLock(Path(sys.argv[1]), purpose=sys.argv[2]).acquire()  # keep it alive
    print("TERKUNCI", flush=True)
    time.sleep(60)
""")


def _start_holder(lock_file: Path, purpose: str = "app") -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(lock_file), purpose],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    if line.strip() != "TERKUNCI":
        proc.kill()
        raise AssertionError(f"lock holder failed: {line!r} {proc.stderr.read()}")
    return proc


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_lock_of_a_killed_process_is_free_again(paths):
    proc = _start_holder(paths.lock_file, "cli")
    try:
        with pytest.raises(AlreadyRunningError) as err:
            InstanceLock(paths.lock_file).acquire()
        assert f"proses {proc.pid}" in str(err.value) and "perintah CLI" in str(err.value)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    # The stale note is still in the file, but the OS lock died with the process.
    assert paths.lock_file.exists()
    lock = InstanceLock(paths.lock_file).acquire()
    lock.release()


# --- the data folder --------------------------------------------------------------------------

def test_prepare_paths_creates_the_folder_layout(tmp_path):
    paths = prepare_paths(tmp_path / "baru" / "data")
    assert paths.data_dir.is_dir() and paths.backups.is_dir() and paths.logs.is_dir()
    assert paths.database == paths.data_dir / DB_FILENAME
    assert paths.lock_file.parent == paths.data_dir
    assert paths.data_dir.is_absolute()


def test_data_dir_that_is_a_file_is_refused_clearly(tmp_path):
    target = tmp_path / "data"
    target.write_text("bukan folder")
    with pytest.raises(DataDirError) as err:
        prepare_paths(target)
    message = str(err.value)
    assert str(target) in message
    assert "berkas, bukan folder" in message and "--data-dir" in message
    assert target.read_text() == "bukan folder"


def test_data_dir_below_a_file_is_refused_clearly(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    with pytest.raises(DataDirError, match="tidak dapat dibuat"):
        prepare_paths(blocker / "data")


def test_database_path_that_is_a_folder_is_refused(tmp_path):
    data = tmp_path / "data"
    (data / DB_FILENAME).mkdir(parents=True)
    with pytest.raises(DataDirError, match="bukan berkas basis data"):
        prepare_paths(data)


@pytest.mark.skipif(os.name == "nt" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="root ignores permission bits")
def test_read_only_data_dir_is_refused(tmp_path):
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    (data / "logs").mkdir()
    data.chmod(0o555)
    try:
        with pytest.raises(DataDirError, match="tidak dapat ditulisi"):
            prepare_paths(data)
    finally:
        data.chmod(0o755)


def test_resolve_data_dir_precedence(tmp_path, monkeypatch):
    env_dir = tmp_path / "dari-env"
    cli_dir = tmp_path / "dari-cli"
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    assert resolve_data_dir(None) == default_data_dir()
    assert resolve_data_dir("") == default_data_dir()
    assert resolve_data_dir(cli_dir) == cli_dir

    monkeypatch.setenv(ENV_DATA_DIR, str(env_dir))
    assert resolve_data_dir(None) == env_dir
    assert resolve_data_dir("") == env_dir
    assert resolve_data_dir(str(cli_dir)) == cli_dir  # --data-dir wins

    monkeypatch.setenv(ENV_DATA_DIR, "")
    assert resolve_data_dir(None) == default_data_dir()

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(ENV_DATA_DIR, "~/kc")
    assert resolve_data_dir(None) == tmp_path / "kc"
    assert resolve_data_dir("~/lain") == tmp_path / "lain"


def test_default_data_dir_is_per_user():
    d = default_data_dir()
    assert d.is_absolute()
    assert "KotaCerdas" in d.parts
