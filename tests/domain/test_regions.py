from __future__ import annotations

import pytest

from kotacerdas_desktop.domain.people import ValidationError
from kotacerdas_desktop.domain.regions import (RegionInput, display_name, kop_lines, role_title,
                                               validate_region)


def test_kind_prefix_is_removed_from_name_and_signing_place_defaults():
    r = validate_region(RegionInput(kind="kota", name="  Kota   Bukittinggi "))
    assert r.name == "Bukittinggi"
    assert r.signing_place == "Bukittinggi"
    assert display_name(r.kind, r.name) == "Kota Bukittinggi"
    assert validate_region(RegionInput(kind="kab", name="Kab. Agam")).kind == "kabupaten"


@pytest.mark.parametrize("data, word", [
    (RegionInput(kind="provinsi", name="X"), "Jenis"),
    (RegionInput(kind="kota", name="   "), "wajib"),
    (RegionInput(kind="kota", name="X" * 121), "terlalu panjang"),
    (RegionInput(kind="kota", name="X", paper_size="Letter"), "A4 atau F4"),
    (RegionInput(kind="kota", name="X", address="a" * 301), "Alamat"),
])
def test_invalid_regions_are_refused_with_reason(data, word):
    with pytest.raises(ValidationError, match=word):
        validate_region(data)


def test_role_titles_follow_region_kind():
    assert role_title("kepala_daerah", "kota", "Sawahlunto") == "Wali Kota Sawahlunto"
    assert role_title("kepala_daerah", "kabupaten", "Agam") == "Bupati Agam"
    assert role_title("wakil_kepala_daerah", "kabupaten", "Agam") == "Wakil Bupati Agam"
    assert role_title("ketua_dprd", "kota", "") == "Ketua DPRD Kota"
    assert role_title("kepala_daerah", "kota", "", "en") == "Mayor"


def test_kop_lines():
    lines = kop_lines("kota", "Contoh", "Dinas Komunikasi dan Informatika", "Jl. Merdeka 1",
                      "(0752) 123", "a@contoh.go.id", "")
    assert lines[0] == "PEMERINTAH KOTA CONTOH"
    assert lines[1] == "DINAS KOMUNIKASI DAN INFORMATIKA"
    assert lines[2] == "Jl. Merdeka 1 | Telp. (0752) 123 | Email: a@contoh.go.id"
    assert kop_lines("kabupaten", "Agam", "", "", "", "", "") == ["PEMERINTAH KABUPATEN AGAM"]
