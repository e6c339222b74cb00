from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from kotacerdas_desktop.domain.demo_data import (
    COMMON_OPDS, DEMO_BIMTEK, DEMO_KECAMATAN, DEMO_OPDS, DEMO_REGION, generate_demo_people,
)
from kotacerdas_desktop.domain.people import (
    CATEGORIES, PANGKAT, PersonName, normalize_email, normalize_golongan, normalize_phone, parse_nip,
    search_key, split_name,
)

TODAY = date(2026, 11, 22)
ROLES = {"kepala_daerah", "wakil_kepala_daerah", "sekda", "ketua_dprd"}
KEYS = {"prefix", "name", "suffix", "nip", "golongan", "jabatan", "opd", "phone", "email",
        "gender", "category", "role", "is_opd_head"}


@pytest.fixture(scope="module")
def people():
    return generate_demo_people()


def test_region_is_fictional():
    assert DEMO_REGION["kind"] == "kota" and DEMO_REGION["name"] == "Contoh"
    assert DEMO_REGION["paper_size"] in ("A4", "F4")
    assert "contoh" in DEMO_REGION["website"] and "contoh" in DEMO_REGION["email"]
    normalize_phone(DEMO_REGION["phone"])


def test_common_opds():
    assert 28 <= len(COMMON_OPDS) <= 40
    shorts = [o["short_name"] for o in COMMON_OPDS]
    names = [o["name"] for o in COMMON_OPDS]
    assert len(set(shorts)) == len(shorts) and len(set(names)) == len(names)
    for needed in ["Setda", "Setwan", "Inspektorat", "Bappeda", "BPKAD", "BKPSDM", "Diskominfo",
                   "Dinkes", "Disdik", "Dinas PUPR", "Satpol PP", "BPBD", "Disdukcapil",
                   "Dishub", "DPMPTSP", "DP3AP2KB", "RSUD", "Bapenda", "Kesbangpol"]:
        assert needed in shorts
    kominfo = next(o for o in COMMON_OPDS if o["short_name"] == "Diskominfo")
    assert kominfo["name"] == "Dinas Komunikasi dan Informatika"
    assert {"DISKOMINFO", "Dinas Kominfo", "Kominfo"} <= set(kominfo["aliases"])
    for o in COMMON_OPDS:
        assert set(o) >= {"name", "short_name", "aliases"} and isinstance(o["aliases"], list)
        assert "Contoh" not in o["name"]  # generic names only
    # an alias never points at two different OPDs
    owners = Counter(k for o in DEMO_OPDS
                     for k in {search_key(a) for a in [o["name"], o["short_name"], *o["aliases"]]})
    assert [k for k, n in owners.items() if n > 1] == []


def test_count_keys_and_determinism(people):
    assert len(people) == 120
    assert all(set(p) == KEYS for p in people)
    assert generate_demo_people() == people
    assert generate_demo_people(seed=7) != people
    assert generate_demo_people(seed=7) == generate_demo_people(seed=7)
    assert len(generate_demo_people(count=10)) == 10
    assert len(generate_demo_people(count=200)) == 200


def test_names_unique_and_clean(people):
    keys = [search_key(p["name"]) for p in people]
    assert len(set(keys)) == len(keys)
    for p in people:
        full = " ".join(x for x in (p["prefix"], p["name"]) if x)
        full = f"{full}, {p['suffix']}" if p["suffix"] else full
        assert split_name(full) == PersonName(p["prefix"], p["name"], p["suffix"])


def test_every_nip_valid_and_matches_gender(people):
    with_nip = [p for p in people if p["nip"]]
    assert len(with_nip) >= 90
    assert len({p["nip"] for p in with_nip}) == len(with_nip)
    for p in with_nip:
        info = parse_nip(p["nip"], today=TODAY)
        assert info.gender == p["gender"]
        assert 1965 <= info.birth_date.year <= 1998
        assert 22 <= info.appointment_year - info.birth_date.year <= 35
        assert p["golongan"] in PANGKAT and normalize_golongan(p["golongan"]) == p["golongan"]
    for p in people:
        if not p["nip"]:
            assert p["golongan"] == "" and p["category"] != "opd_staff"


def test_seniority_and_golongan(people):
    order = list(PANGKAT)
    for p in people:
        if p["is_opd_head"] and not p["opd"].startswith("Kec."):
            assert order.index(p["golongan"]) >= order.index("IV/a"), p
        if p["jabatan"] == "Staf":
            assert order.index(p["golongan"]) <= order.index("III/b"), p


def test_phones_and_emails(people):
    phones = [p["phone"] for p in people]
    assert len(set(phones)) == len(phones)
    for p in people:
        assert re.fullmatch(r"\+628\d{8,11}", p["phone"])
        assert normalize_phone(p["phone"]) == p["phone"]
        assert normalize_email(p["email"]) == p["email"]
        domain = p["email"].split("@")[1]
        assert "contoh" in domain or domain.endswith(("example.com", "example.org"))
    assert len({p["email"] for p in people}) == len(people)


def test_genders_and_categories(people):
    assert {p["gender"] for p in people} == {"L", "P"}
    counts = Counter(p["gender"] for p in people)
    assert counts["P"] >= 30
    cats = Counter(p["category"] for p in people)
    assert set(cats) <= set(CATEGORIES)
    assert cats["opd_staff"] > 60
    assert cats["official"] == 4 and cats["mentor"] == 2
    assert cats["dewan"] >= 3 and cats["tim_pelaksana"] >= 3


def test_one_head_per_opd(people):
    shorts = [o["short_name"] for o in DEMO_OPDS]
    heads = [p for p in people if p["is_opd_head"]]
    assert sorted(p["opd"] for p in heads) == sorted(shorts)
    by_opd = {p["opd"]: p for p in heads}
    assert by_opd["Setda"]["jabatan"] == "Sekretaris Daerah"
    assert by_opd["Setda"]["role"] == "sekda"
    assert by_opd["Diskominfo"]["jabatan"] == "Kepala Dinas Komunikasi dan Informatika"
    for k in DEMO_KECAMATAN:
        assert by_opd[k["short_name"]]["jabatan"].startswith("Camat")
    assert all(p["opd"] in shorts for p in people if p["category"] == "opd_staff")
    assert all(p["opd"] == "" for p in people if p["category"] in ("dewan", "tim_pelaksana",
                                                                   "mentor"))


def test_roles(people):
    roles = {p["role"]: p for p in people if p["role"]}
    assert set(roles) == ROLES
    assert Counter(p["role"] for p in people if p["role"]).most_common(1)[0][1] == 1
    assert roles["kepala_daerah"]["jabatan"] == "Wali Kota Contoh"
    assert roles["ketua_dprd"]["nip"] == "" and roles["kepala_daerah"]["nip"] == ""
    assert roles["sekda"]["nip"] and roles["sekda"]["is_opd_head"]
    assert all(p["category"] == "official" for p in roles.values())


def test_non_civil_servants_have_no_nip(people):
    for p in people:
        if p["category"] in ("dewan", "tim_pelaksana", "mentor", "speaker", "other"):
            assert p["nip"] == "" and p["golongan"] == ""
    assert any("Universitas Contoh" in p["jabatan"] for p in people)


def test_titles_are_realistic(people):
    prefixed = [p for p in people if p["prefix"]]
    suffixed = [p for p in people if p["suffix"]]
    assert 10 <= len(prefixed) <= 70
    assert len(suffixed) >= 90
    assert any(p["prefix"].startswith("dr.") for p in people)
    for p in people:
        if "Hj." in p["prefix"].split():
            assert p["gender"] == "P"
        if "H." in p["prefix"].split():
            assert p["gender"] == "L"


def test_demo_bimtek():
    assert [b["stage"] for b in DEMO_BIMTEK] == [1, 2, 3, 4]
    assert [b["status"] for b in DEMO_BIMTEK] == ["done", "done", "planned", "planned"]
    previous = None
    for b in DEMO_BIMTEK:
        d1, d2 = b["days"]
        assert d1.year == 2026 and (d2 - d1).days == 1
        assert d1.weekday() < 5 and d2.weekday() < 5
        assert b["venue"]
        if previous:
            assert 14 <= (d1 - previous).days <= 45
        previous = d1
        assert (d2 < TODAY) == (b["status"] == "done")
