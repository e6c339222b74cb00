"""kotacerdas-cli, both as `python -m kotacerdas_desktop ...` subprocesses and
in-process through cli.run(): results, exit codes, and one clear line on errors."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kotacerdas_desktop import APP_NAME, __version__
from kotacerdas_desktop.cli import run
from kotacerdas_desktop.paths import ENV_DATA_DIR, prepare_paths
from kotacerdas_desktop.storage.database import check_database, connect, prepare_database
from kotacerdas_desktop.storage.lock import InstanceLock
from kotacerdas_desktop.storage.migrations import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent


def clean_env(tmp_path: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != ENV_DATA_DIR}
    env.update(PYTHONPATH=str(ROOT), HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen",
               XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"))
    env.update(extra)
    return env


def cli(tmp_path: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kotacerdas_desktop", *args], cwd=tmp_path,
                          env=env or clean_env(tmp_path), capture_output=True, text=True, timeout=60)


def one_clear_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def call(capsys, *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    """A data folder with Kota Contoh, made once through a real subprocess."""
    base = tmp_path_factory.mktemp("cli-demo")
    data = base / "data"
    result = cli(base, "--data-dir", str(data), "demo")
    assert result.returncode == 0, result.stderr
    assert "Kota Contoh" in result.stdout and "120 orang" in result.stdout
    return data


# --- subprocess ---------------------------------------------------------------------------------

def test_version(tmp_path):
    for args in (["--version"], ["cli", "--version"]):
        result = cli(tmp_path, *args)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"{APP_NAME} {__version__}"


def test_demo_then_info_as_json(demo_dir, tmp_path):
    result = cli(tmp_path, "--data-dir", str(demo_dir), "--json", "info")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["schema_version"] == SCHEMA_VERSION
    assert Path(info["data_dir"]) == demo_dir.resolve()
    assert info["versions"] > 200
    (region,) = info["regions"]
    assert region["name"] == "Kota Contoh" and region["kind"] == "kota"
    assert region["people"] == 120
    assert 25 <= region["opds"] <= 40
    assert len(region["id"]) == 32


def test_check_says_baik(demo_dir, tmp_path):
    result = cli(tmp_path, "--data-dir", str(demo_dir), "check")
    assert result.returncode == 0, result.stderr
    assert "HASIL: BAIK" in result.stdout and "Keutuhan SQLite        : ok" in result.stdout
    result = cli(tmp_path, "--data-dir", str(demo_dir), "--json", "check")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["integrity"] == "ok" and data["versions"] > 200


def test_demo_twice_is_refused(demo_dir, tmp_path):
    result = cli(tmp_path, "--data-dir", str(demo_dir), "demo")
    assert result.returncode == 1
    line = one_clear_line(result.stderr)
    assert "Kota Contoh" in line and "sudah ada" in line
    assert result.stdout == ""


def test_data_dir_that_is_a_file(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("isi")
    result = cli(tmp_path, "--data-dir", str(blocker), "info")
    assert result.returncode == 1
    line = one_clear_line(result.stderr)
    assert str(blocker) in line and "bukan folder" in line
    assert blocker.read_text() == "isi"


@pytest.mark.parametrize("args", [
    ["cli", "perintah-aneh"],
    ["--data-dir", "{d}", "region", "create", "Agam"],  # --kind missing
    ["--data-dir", "{d}", "region", "create", "Agam", "--kind", "desa"],
    ["--data-dir", "{d}", "perintah-aneh"],  # not a CLI word: the GUI parser refuses it
])
def test_bad_usage_exits_2_without_traceback(tmp_path, args):
    args = [a.format(d=tmp_path / "data") for a in args]
    result = cli(tmp_path, *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.strip()
    assert not (tmp_path / "data" / "kotacerdas.sqlite").exists()


def test_environment_variable_chooses_the_data_dir(tmp_path):
    data = tmp_path / "dari-env"
    env = clean_env(tmp_path, **{ENV_DATA_DIR: str(data)})
    result = cli(tmp_path, "region", "create", "Agam", "--kind", "kabupaten", env=env)
    assert result.returncode == 0, result.stderr
    assert "Kabupaten Agam" in result.stdout
    conn = sqlite3.connect(str(data / "kotacerdas.sqlite"))
    try:
        assert conn.execute("SELECT kind, name FROM region").fetchall() == [("kabupaten", "Agam")]
    finally:
        conn.close()
    # --data-dir still wins over the variable.
    other = tmp_path / "dari-opsi"
    result = cli(tmp_path, "--data-dir", str(other), "--json", "info", env=env)
    assert json.loads(result.stdout)["regions"] == []
    assert Path(json.loads(result.stdout)["data_dir"]) == other.resolve()


def test_writes_refused_while_the_app_holds_the_folder(demo_dir, tmp_path):
    paths = prepare_paths(demo_dir)
    lock = InstanceLock(paths.lock_file, purpose="app").acquire()
    try:
        result = cli(tmp_path, "--data-dir", str(demo_dir), "region", "create", "Solok",
                     "--kind", "kota")
        assert result.returncode == 1
        line = one_clear_line(result.stderr)
        assert "sedang dipakai" in line and str(paths.data_dir) in line and "aplikasi" in line

        result = cli(tmp_path, "--data-dir", str(demo_dir), "info")
        assert result.returncode == 0, result.stderr
        assert "Kota Contoh" in result.stdout and "120 orang" in result.stdout
    finally:
        lock.release()
    conn = sqlite3.connect(str(paths.database))
    try:
        assert conn.execute("SELECT count(*) FROM region WHERE name = 'Solok'").fetchone()[0] == 0
    finally:
        conn.close()


# --- in-process --------------------------------------------------------------------------------

def test_region_create_and_list(tmp_path, capsys):
    d = str(tmp_path / "data")
    code, out, err = call(capsys, "--data-dir", d, "region", "create", "Tanah Datar",
                          "--kind", "kabupaten", "--province", "Sumatera Barat")
    assert code == 0, err
    assert "Wilayah dibuat: Kabupaten Tanah Datar" in out

    code, out, _ = call(capsys, "--data-dir", d, "region", "list")
    assert code == 0
    assert "Kabupaten Tanah Datar" in out and "Sumatera Barat" in out

    code, out, _ = call(capsys, "--data-dir", d, "--json", "region", "list")
    (region,) = json.loads(out)
    assert region["display_name"] == "Kabupaten Tanah Datar" and region["province"] == "Sumatera Barat"

    code, out, err = call(capsys, "--data-dir", d, "region", "create", "tanah datar", "--kind", "kabupaten")
    assert code == 1 and out == ""
    assert "sudah ada" in one_clear_line(err)
    code, out, _ = call(capsys, "--data-dir", d, "--json", "region", "list")
    assert len(json.loads(out)) == 1


def test_empty_folder_info_and_list(tmp_path, capsys):
    d = str(tmp_path / "data")
    code, out, _ = call(capsys, "--data-dir", d, "region", "list")
    assert code == 0 and "Belum ada wilayah" in out
    code, out, _ = call(capsys, "--data-dir", d, "info")
    assert code == 0 and f"Versi skema   : {SCHEMA_VERSION}" in out and "Wilayah       : 0" in out


def test_backup_to_a_file(tmp_path, capsys):
    d = str(tmp_path / "data")
    code, out, err = call(capsys, "--data-dir", d, "--json", "region", "create", "Pasaman",
                          "--kind", "kabupaten")
    assert code == 0, err
    region_id = json.loads(out)["id"]
    target = tmp_path / "salinan" / "cadangan.sqlite"
    target.parent.mkdir()
    code, out, err = call(capsys, "--data-dir", d, "backup", "--out", str(target))
    assert code == 0, err
    assert str(target) in out
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    conn = sqlite3.connect(str(target))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT id, kind, name FROM region").fetchall() == [
            (region_id, "kabupaten", "Pasaman")]
    finally:
        conn.close()
    check = connect(target)
    try:
        assert check_database(check).ok
    finally:
        check.close()

    # Without --out it goes to the backups folder; a folder as --out is refused clearly.
    code, out, _ = call(capsys, "--data-dir", d, "--json", "backup")
    assert code == 0 and Path(json.loads(out)["backup"]).parent == (tmp_path / "data" / "backups").resolve()
    code, out, err = call(capsys, "--data-dir", d, "backup", "--out", str(target.parent))
    assert code == 1 and "folder" in one_clear_line(err)


@pytest.mark.parametrize("argv", [[], ["region"], ["perintah-aneh"], ["region", "create", "Agam"],
                                  ["region", "create", "Agam", "--kind", "kota", "--paper", "A3"]])
def test_bad_usage_in_process(tmp_path, capsys, argv):
    code, out, err = call(capsys, "--data-dir", str(tmp_path / "data"), *argv)
    assert code == 2
    assert one_clear_line(err).startswith("kotacerdas-cli:")
    assert not (tmp_path / "data").exists()


def test_version_in_process(capsys):
    with pytest.raises(SystemExit) as exc:
        run(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"{APP_NAME} {__version__}"


def test_env_var_in_process(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    code, out, err = call(capsys, "region", "create", "Solok", "--kind", "kota")
    assert code == 0, err
    assert (tmp_path / "env" / "kotacerdas.sqlite").is_file()


def test_lock_in_process_refuses_writes_allows_reads(tmp_path, capsys):
    paths = prepare_paths(tmp_path / "data")
    assert call(capsys, "--data-dir", str(paths.data_dir), "region", "create", "Agam",
                "--kind", "kabupaten")[0] == 0
    with InstanceLock(paths.lock_file, purpose="app"):
        for argv in (["demo"], ["region", "create", "Solok", "--kind", "kota"]):
            code, out, err = call(capsys, "--data-dir", str(paths.data_dir), *argv)
            assert code == 1 and "sedang dipakai" in one_clear_line(err)
        for argv in (["info"], ["check"], ["region", "list"], ["backup"]):
            code, out, err = call(capsys, "--data-dir", str(paths.data_dir), *argv)
            assert code == 0, (argv, err)
    code, out, _ = call(capsys, "--data-dir", str(paths.data_dir), "region", "create", "Solok", "--kind", "kota")
    assert code == 0


def test_newer_database_is_refused_and_the_folder_stays_usable(tmp_path, capsys):
    paths = prepare_paths(tmp_path / "data")
    prepare_database(paths.database, paths.backups)
    conn = sqlite3.connect(str(paths.database))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = paths.database.read_bytes()
    for argv in (["info"], ["region", "create", "Agam", "--kind", "kabupaten"]):
        code, out, err = call(capsys, "--data-dir", str(paths.data_dir), *argv)
        assert code == 1
        assert "lebih baru" in one_clear_line(err)
    assert paths.database.read_bytes() == before
    # The refused run must not leave the folder locked.
    InstanceLock(paths.lock_file).acquire().release()


def test_database_file_that_is_not_a_database(tmp_path, capsys):
    paths = prepare_paths(tmp_path / "data")
    paths.database.write_bytes(b"\x00\x01bukan sqlite" * 500)
    code, out, err = call(capsys, "--data-dir", str(paths.data_dir), "info")
    assert code == 1
    assert "bukan basis data" in one_clear_line(err)
    InstanceLock(paths.lock_file).acquire().release()
