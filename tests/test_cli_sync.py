"""USB sync from the command line, as a facilitator and Diskominfo would use it: keys
exchanged on the stick, an encrypted bundle exported, verified, imported once, twice."""
from __future__ import annotations

import json

import pytest

from kotacerdas_desktop.cli import run as cli


@pytest.fixture
def folders(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    a, b = ["--data-dir", str(tmp_path / "a")], ["--data-dir", str(tmp_path / "b")]
    assert cli(a + ["demo"]) == 0
    return a, b, stick


def run(capsys, args):
    rc = cli(args)
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_enrol_export_verify_import_twice(folders, capsys):
    a, b, stick = folders
    assert run(capsys, a + ["device", "export-key", str(stick / "fasilitator.kckey")])[0] == 0
    rc, out, _ = run(capsys, b + ["device", "export-key", str(stick / "kantor.kckey")])
    office_fp = out.rsplit("Sidik jari: ", 1)[1].split(" ")[0]
    rc, out, _ = run(capsys, a + ["device", "trust", "--office", str(stick / "kantor.kckey")])
    assert rc == 0 and office_fp in out
    rc, out, _ = run(capsys, a + ["--json", "bundle", "export", "--region", "Kota Contoh", "--out", str(stick)])
    exported = json.loads(out)
    assert rc == 0 and exported["encrypted"] and exported["versions"] > 200
    bundle = exported["file"]
    assert ":" not in bundle.rsplit("/", 1)[1]  # FAT32-safe name
    # the office has not enrolled the facilitator yet: refused, nothing changes
    rc, _, err = run(capsys, b + ["bundle", "import", bundle])
    assert rc == 1 and "belum terdaftar" in err
    assert run(capsys, b + ["device", "trust", str(stick / "fasilitator.kckey")])[0] == 0
    rc, out, _ = run(capsys, b + ["bundle", "verify", bundle])
    assert rc == 0 and "BUNDEL SAH" in out and "tepercaya" in out
    rc, out, _ = run(capsys, b + ["bundle", "import", "--dry-run", bundle])
    assert "PRATINJAU" in out and "person: baru 120" in out
    rc, out, _ = run(capsys, b + ["region", "list"])
    assert "Kota Contoh" not in out  # the dry run changed nothing
    rc, out, _ = run(capsys, b + ["bundle", "import", bundle])
    assert rc == 0 and "versi baru disimpan" in out
    rc, out, _ = run(capsys, b + ["bundle", "import", bundle])
    assert rc == 0 and "sudah diimpor pada" in out
    rc, out, _ = run(capsys, b + ["--json", "people", "list", "--region", "Kota Contoh"])
    assert len(json.loads(out)) == 120
    rc, out, _ = run(capsys, b + ["check"])
    assert rc == 0 and "BAIK" in out
    rc, out, _ = run(capsys, b + ["conflicts", "list"])
    assert "Tidak ada konflik" in out


def test_damaged_and_foreign_files_are_refused_in_plain_words(folders, capsys, tmp_path):
    a, b, stick = folders
    bad = stick / "rusak.kcbundle"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    rc, _, err = run(capsys, b + ["bundle", "import", str(bad)])
    assert rc == 1 and "bukan bundel" in err
    rc, _, err = run(capsys, b + ["bundle", "import", str(stick / "tidak-ada.kcbundle")])
    assert rc == 1 and "tidak-ada.kcbundle" in err
    rc, _, err = run(capsys, a + ["device", "trust", str(bad)])
    assert rc == 1 and err.count("\n") == 1  # one line, no traceback
