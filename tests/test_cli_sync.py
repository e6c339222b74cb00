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


def test_receipt_stops_resending_and_revoked_devices_are_refused(folders, capsys):
    a, b, stick = folders
    run(capsys, a + ["device", "export-key", str(stick / "f.kckey")])
    run(capsys, b + ["device", "export-key", str(stick / "k.kckey")])
    run(capsys, a + ["device", "trust", "--office", str(stick / "k.kckey")])
    run(capsys, b + ["device", "trust", str(stick / "f.kckey")])
    rc, out, _ = run(capsys, a + ["--json", "bundle", "export", "--region", "contoh", "--out", str(stick / "1.kcbundle")])
    first = json.loads(out)
    assert run(capsys, b + ["bundle", "import", first["file"]])[0] == 0
    rc, out, _ = run(capsys, b + ["bundle", "receipt", first["file"], "--out", str(stick / "1.kcreceipt")])
    assert rc == 0
    rc, out, _ = run(capsys, a + ["bundle", "accept-receipt", str(stick / "1.kcreceipt")])
    assert rc == 0 and f"{first['versions']} versi" in out
    rc, out, _ = run(capsys, a + ["--json", "bundle", "export", "--region", "contoh", "--out", str(stick / "2.kcbundle")])
    assert json.loads(out)["versions"] == 0 and json.loads(out)["sequence"] == 2  # nothing new to send
    rc, out, _ = run(capsys, a + ["--json", "bundle", "export", "--full", "--region", "contoh",
                                  "--out", str(stick / "3.kcbundle")])
    assert json.loads(out)["versions"] == first["versions"]
    # a tampered receipt is refused
    text = (stick / "1.kcreceipt").read_text().replace('"version_ids":["', '"version_ids":["0')
    (stick / "bad.kcreceipt").write_text(text)
    rc, _, err = run(capsys, a + ["bundle", "accept-receipt", str(stick / "bad.kcreceipt")])
    assert rc == 1 and ("tidak sah" in err or "bukan tanda terima" in err)
    # the office revokes the facilitator's laptop: its bundles are refused from now on
    rc, out, _ = run(capsys, b + ["--json", "device", "show"])
    facilitator = json.loads(out)["trusted"][0]["device_id"]
    assert run(capsys, b + ["device", "revoke", facilitator])[0] == 0
    rc, _, err = run(capsys, b + ["bundle", "import", str(stick / "3.kcbundle")])
    assert rc == 1 and "belum terdaftar" in err


def test_a_bad_bundle_leaves_the_database_byte_for_byte(folders, capsys, tmp_path):
    import random

    a, b, stick = folders
    run(capsys, a + ["device", "export-key", str(stick / "f.kckey")])
    run(capsys, b + ["device", "trust", str(stick / "f.kckey")])
    rc, out, _ = run(capsys, a + ["--json", "bundle", "export", "--region", "contoh", "--out", str(stick / "x.kcbundle")])
    good = (stick / "x.kcbundle").read_bytes()
    db = tmp_path / "b" / "kotacerdas.sqlite"
    run(capsys, b + ["info"])  # make sure the database exists
    before = db.read_bytes()
    rng = random.Random(3)
    for n in range(12):
        data = bytearray(good)
        for _ in range(3):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        (stick / f"bad{n}.kcbundle").write_bytes(bytes(data))
        rc, _, err = run(capsys, b + ["bundle", "import", str(stick / f"bad{n}.kcbundle")])
        if rc == 0:  # the flip hit bytes the reader never uses: then the whole bundle was fine
            break
        assert rc == 1 and err.count("\n") == 1
        assert db.read_bytes() == before


def test_same_nip_under_two_records_is_flagged_not_merged(folders, capsys):
    from kotacerdas_desktop.domain.people import PersonInput
    from kotacerdas_desktop.paths import prepare_paths, resolve_data_dir
    from kotacerdas_desktop.services import Services

    a, b, stick = folders
    services = Services.open(prepare_paths(resolve_data_dir(a[1])))
    region = services.regions.find("contoh").id
    someone = services.directory.people(region)[5]
    services.directory.save_person(region, PersonInput(name="Orang Kembar", nip=someone.nip, category="opd_staff"))
    services.close()
    rc, out, _ = run(capsys, a + ["conflicts", "list"])
    assert rc == 0 and f"NIP ganda {someone.nip}" in out and "Orang Kembar" in out


def test_a_missing_earlier_bundle_is_pointed_out(folders, capsys):
    a, b, stick = folders
    run(capsys, a + ["device", "export-key", str(stick / "f.kckey")])
    run(capsys, b + ["device", "trust", str(stick / "f.kckey")])
    run(capsys, a + ["bundle", "export", "--region", "contoh", "--out", str(stick / "1.kcbundle")])
    run(capsys, a + ["bundle", "export", "--region", "contoh", "--full", "--out", str(stick / "2.kcbundle")])
    rc, out, _ = run(capsys, b + ["bundle", "import", str(stick / "2.kcbundle")])
    assert rc == 0 and "urutan 1" in out and "belum diimpor" in out
    rc, out, _ = run(capsys, b + ["bundle", "import", str(stick / "1.kcbundle")])
    assert rc == 0 and "Perhatian" not in out
