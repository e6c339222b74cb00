"""Hostile and awkward input found in review: each case once broke or misled."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.settings import Preferences

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, env=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run([sys.executable, "-m", "kotacerdas_desktop", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("folder", ["data?x=1", "data%41b", "data #1 é"])
def test_odd_folder_names_use_exactly_that_folder(tmp_path, folder):
    if os.name == "nt" and "?" in folder:
        pytest.skip("'?' is not allowed in Windows folder names")
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(tmp_path / folder))
    try:
        services.regions.create(RegionInput(kind="kota", name="Tes"))
    finally:
        services.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]
    assert (tmp_path / folder / "kotacerdas.sqlite").stat().st_size > 0


def test_insert_or_replace_leaves_a_tombstone_and_check_stays_true(services):
    from kotacerdas_desktop.storage.database import check_database, connect

    rid = services.regions.create(RegionInput(kind="kota", name="Tes"))
    conn = connect(services.store.paths.database)
    try:
        old = conn.execute("SELECT id FROM official_role WHERE role = 'sekda'").fetchone()[0]
        conn.execute("INSERT OR REPLACE INTO official_role (id, region_id, role) VALUES (?, ?, 'sekda')",
                     (uuid.uuid4().hex, rid))
        deleted = conn.execute("SELECT deleted FROM record_version WHERE record_id = ? "
                               "ORDER BY hlc DESC LIMIT 1", (old,)).fetchone()[0]
        assert deleted == 1
        assert check_database(conn).ok
        conn.execute("DELETE FROM record_head WHERE record_id = ?", (rid,))
        report = check_database(conn)
        assert not report.ok and report.heads_inconsistent == 1
    finally:
        conn.close()


def test_duplicate_names_compare_beyond_ascii_and_on_rename(services):
    services.regions.create(RegionInput(kind="kota", name="Émoji"))
    with pytest.raises(ValidationError, match="sudah ada"):
        services.regions.create(RegionInput(kind="kota", name="éMOJI"))
    other = services.regions.create(RegionInput(kind="kota", name="Padang"))
    with pytest.raises(ValidationError, match="sudah ada"):
        services.regions.update(other, RegionInput(kind="kota", name="émoji"))


def test_common_opds_skip_clashes_instead_of_stopping_halfway(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Tes"))
    services.directory.save_opd(rid, "OPD Saya", short_name="Satpol PP")
    added = services.directory.add_common_opds(rid)
    names = [o.name for o in services.directory.opds(rid)]
    assert added == len(names) - 1
    assert "Satuan Polisi Pamong Praja" not in names
    assert "Dinas Sosial" in names and names.index("Dinas Sosial") > 0


@pytest.mark.parametrize("bad", ["Nul\x00byte", "Esc\x1b[31mRed", "rtl\u202eoverride", "zero\u200bwidth"])
def test_invisible_and_control_characters_are_refused(services, bad):
    with pytest.raises(ValidationError, match="karakter"):
        services.regions.create(RegionInput(kind="kota", name=bad))
    rid = services.regions.create(RegionInput(kind="kota", name="Tes " + str(len(bad))))
    with pytest.raises(ValidationError):
        services.directory.save_opd(rid, bad)
    with pytest.raises(ValidationError):
        services.regions.add_dimension(rid, bad)


def test_overlong_names_are_refused_not_cut(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Tes"))
    with pytest.raises(ValidationError, match="terlalu panjang"):
        services.directory.save_opd(rid, "Dinas " * 100)
    card = services.bimtek.cards(rid)[0]
    with pytest.raises(ValidationError, match="terlalu panjang"):
        services.bimtek.update(card.id, venue="Hotel " * 50)


@pytest.mark.parametrize("content", ["[]", '"x"', "null", "42"])
def test_settings_file_of_the_wrong_shape_falls_back_to_defaults(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_text(content)
    assert Preferences.load(path) == Preferences()


def test_read_only_database_is_reported_in_plain_words(tmp_path):
    if os.name == "nt" or os.geteuid() == 0:
        pytest.skip("root writes read-only files; covered by the message mapping test")
    data = tmp_path / "d"
    assert cli("--data-dir", str(data), "demo").returncode == 0
    (data / "kotacerdas.sqlite").chmod(0o444)
    out = cli("--data-dir", str(data), "region", "create", "Ro", "--kind", "kota")
    assert out.returncode == 1 and "hanya dapat dibaca" in out.stderr


def test_write_error_messages():
    from kotacerdas_desktop.storage.database import describe_write_error

    assert "hanya dapat dibaca" in describe_write_error(Path("x"), Exception("attempt to write a readonly database"))
    assert "Disk penuh" in describe_write_error(Path("x"), Exception("database or disk is full"))


def test_cli_options_after_the_command_and_backup_guard(tmp_path):
    data = tmp_path / "d"
    assert cli("--data-dir", str(data), "demo").returncode == 0
    out = cli("info", "--json", "--data-dir", str(data))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["regions"][0]["name"] == "Kota Contoh"
    out = cli("--data-dir", str(data), "backup", "--out", str(data / "kotacerdas.lock"))
    assert out.returncode == 1 and "folder data" in out.stderr
    assert "Traceback" not in out.stderr


def test_concurrent_cli_writers_wait_for_each_other(tmp_path):
    data = tmp_path / "d"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-m", "kotacerdas_desktop", "--data-dir", str(data),
                               "region", "create", f"Kota{i}", "--kind", "kota"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(4)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], results
    out = cli("--data-dir", str(data), "--json", "region", "list")
    assert len(json.loads(out.stdout)) == 4
