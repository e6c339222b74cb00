"""Worksheet kinds of Tahap III and IV as data: rupiah amounts, multiple choices, per-criterion
scores, dimension references, the quick-win and roadmap warnings, the book chapters as the
review's choices, and the defaults of every new kind."""
from __future__ import annotations

import pytest

from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.worksheets import (BOOK_CHAPTERS, FUNDING_SOURCES, KINDS, MONEY_MAX, PENTAHELIX,
                                                  clean_record, clean_value, defaults, format_money, kind,
                                                  missing_fields, parse_money, record_warnings)

HEX = "0123456789abcdef" * 2
HEX2 = "fedcba9876543210" * 2
NEW_KINDS = ("strategy", "innovation", "roadmap_config", "roadmap", "qw_config", "qw_criterion", "quick_win",
             "dot_vote", "chapter_review", "commitment_agreement")


def refused(k: str, key: str, value) -> str:
    with pytest.raises(ValidationError) as info:
        clean_value(KINDS[k], key, value)
    return str(info.value)


# ------------------------------------------------------------------ money

@pytest.mark.parametrize("text, expected", [
    ("Rp 1.500.000", 1_500_000),
    ("rp1.500.000", 1_500_000),
    ("RP 1.500.000", 1_500_000),
    ("1500000", 1_500_000),
    ("1.500.000,00", 1_500_000),
    ("1500000,00", 1_500_000),
    (" 250000 ", 250_000),
    ("Rp 250.000,00", 250_000),
    ("0", 0),
    ("999", 999),
    ("1.000", 1000),
    (1_500_000, 1_500_000),
    (0, 0),
    (MONEY_MAX, MONEY_MAX),
    (f"{MONEY_MAX}", MONEY_MAX),
])
def test_parse_money_accepts_rupiah_forms(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_parse_money_blank_is_none(blank):
    assert parse_money(blank) is None
    assert clean_value(KINDS["roadmap"], "budget", blank) is None


@pytest.mark.parametrize("bad", ["1,5 juta", "-5", "abc", "1.5", "1.50.000", "12.3456", "1.500.000,50", "Rp",
                                 "5e6", "1_000"])
def test_parse_money_refuses_other_text_naming_the_field(bad):
    with pytest.raises(ValidationError) as info:
        parse_money(bad, "Anggaran (Rp)")
    assert "Anggaran (Rp)" in str(info.value)
    message = refused("quick_win", "budget", bad)
    assert message.startswith("Anggaran (Rp)") and "rupiah" in message
    assert "Perkiraan anggaran (Rp)" in refused("roadmap", "budget", bad)


def test_parse_money_refuses_amounts_out_of_range_and_non_numbers():
    for bad in (MONEY_MAX + 1, f"{MONEY_MAX + 1}", "10.000.000.000.001", -5, -1):
        with pytest.raises(ValidationError) as info:
            parse_money(bad, "Anggaran")
        assert "Anggaran" in str(info.value) and "10.000.000.000.000" in str(info.value)
    for bad in (True, False, 1.5, [1], {"a": 1}):
        with pytest.raises(ValidationError, match="Anggaran"):
            parse_money(bad, "Anggaran")


def test_format_money():
    assert format_money(1_500_000) == "Rp 1.500.000"
    assert format_money(250_000) == "Rp 250.000"
    assert format_money(999) == "Rp 999"
    assert format_money(0) == "Rp 0"
    assert format_money(MONEY_MAX) == "Rp 10.000.000.000.000"
    assert format_money(None) == "" and format_money("") == ""
    assert format_money("1500000") == "Rp 1.500.000"
    for amount in (0, 7, 1000, 123_456_789, MONEY_MAX):
        assert parse_money(format_money(amount)) == amount  # what is shown reads back


# ------------------------------------------------------------------ multi

def test_multi_keeps_the_order_of_the_choices_and_drops_duplicates():
    qw = KINDS["quick_win"]
    assert qw.field("collaborators").choices == PENTAHELIX
    assert clean_value(qw, "collaborators", ["media", "akademisi", "pemerintah"]) == \
        ["pemerintah", "akademisi", "media"]
    assert clean_value(qw, "collaborators", ["media", " media ", "media"]) == ["media"]
    assert clean_value(qw, "collaborators", ("bisnis", "komunitas")) == ["bisnis", "komunitas"]
    assert clean_value(qw, "collaborators", [k for k, _ in reversed(PENTAHELIX)]) == [k for k, _ in PENTAHELIX]
    assert clean_value(qw, "collaborators", None) == [] and clean_value(qw, "collaborators", []) == []


def test_multi_refuses_unknown_choices():
    message = refused("quick_win", "collaborators", ["pemerintah", "swasta"])
    assert message.startswith("Kolaborator (pentahelix)") and "'swasta'" in message
    assert "Kolaborator" in refused("quick_win", "collaborators", ["Pemerintah"])  # keys, not labels
    assert "Kolaborator" in refused("quick_win", "collaborators", [""])


# ------------------------------------------------------------------ scores

def test_scores_clean_keys_and_drop_none():
    qw = KINDS["quick_win"]
    upper = HEX.upper()
    dashed = f"{HEX[:8]}-{HEX[8:12]}-{HEX[12:16]}-{HEX[16:20]}-{HEX[20:]}"
    assert clean_value(qw, "scores", {HEX: 3, HEX2: 0}) == {HEX: 3, HEX2: 0}
    assert clean_value(qw, "scores", {upper: 10}) == {HEX: 10}
    assert clean_value(qw, "scores", {dashed: 4}) == {HEX: 4}
    assert clean_value(qw, "scores", {HEX: None, HEX2: 2}) == {HEX2: 2}
    assert clean_value(qw, "scores", {HEX: None}) == {}
    assert clean_value(qw, "scores", {}) == {}


@pytest.mark.parametrize("bad", [
    {"c1": 3}, {"": 3}, {HEX + "0": 3},  # keys that are no record id
    {HEX: -1}, {HEX: 11}, {HEX: 2.5}, {HEX: 3.0}, {HEX: "3"}, {HEX: True}, {HEX: [3]},  # values
    [3, 4], "3", 3,  # not a mapping
])
def test_scores_refuse_bad_keys_and_values(bad):
    assert refused("quick_win", "scores", bad).startswith("Skor per kriteria")


# ------------------------------------------------------------------ dimension and references

def test_dimension_and_reference_fields_clean_to_hex():
    st = KINDS["strategy"]
    assert st.field("dimension").type == "dimension" and st.field("dimension").required
    assert clean_value(st, "dimension", HEX.upper()) == HEX
    assert clean_value(st, "dimension", "") == ""
    assert refused("strategy", "dimension", "Smart Governance").startswith("Dimensi")
    assert clean_value(KINDS["dot_vote"], "candidate", HEX) == HEX
    assert refused("dot_vote", "group", "Kelompok 1").startswith("Kelompok")


def test_new_kinds_point_at_the_right_targets_and_scopes():
    assert KINDS["dot_vote"].scope == "bimtek"
    assert {k: KINDS[k].scope for k in NEW_KINDS if k != "dot_vote"} == dict.fromkeys(
        (k for k in NEW_KINDS if k != "dot_vote"), "region")
    assert KINDS["dot_vote"].field("candidate").target == "quick_win"
    assert KINDS["dot_vote"].field("group").target == "fgd_group"
    assert KINDS["innovation"].field("program").target == "program"
    assert KINDS["roadmap"].field("program").target == "program"
    assert KINDS["strategy"].field("misi").target == "misi"
    assert KINDS["quick_win"].field("program").target == "program"
    assert {k for k in NEW_KINDS if KINDS[k].singleton} == {"roadmap_config", "qw_config", "commitment_agreement"}
    assert KINDS["roadmap"].field("source").choices == FUNDING_SOURCES == KINDS["quick_win"].field("source").choices


# ------------------------------------------------------------------ numbers of the new kinds

def test_int_ranges_of_the_new_kinds():
    assert clean_value(KINDS["quick_win"], "months", "12") == 12
    assert clean_value(KINDS["quick_win"], "months", 24) == 24
    for bad in (0, 25, "satu"):
        assert refused("quick_win", "months", bad).startswith("Lama pelaksanaan")
    assert clean_value(KINDS["roadmap"], "year", 10) == 10
    assert refused("roadmap", "year", 11).startswith("Tahun ke-")
    assert clean_value(KINDS["dot_vote"], "dots", 0) == 0
    assert refused("dot_vote", "dots", 100).startswith("Jumlah titik")
    assert refused("dot_vote", "dots", -1).startswith("Jumlah titik")
    assert clean_value(KINDS["qw_criterion"], "weight", 0) == 0
    assert refused("qw_criterion", "weight", 101).startswith("Bobot")
    assert refused("qw_config", "shortlist_size", 0).startswith("Jumlah daftar pendek")
    assert clean_value(KINDS["commitment_agreement"], "agreed_version", "3") == 3
    assert refused("roadmap_config", "years", "7").startswith("Rentang")
    assert clean_value(KINDS["roadmap_config"], "years", "10") == "10"


# ------------------------------------------------------------------ warnings

def test_quick_win_longer_than_twelve_months_is_warned():
    qw = KINDS["quick_win"]
    base = {"name": "Lapor cepat", "status": "usulan"}
    assert record_warnings(qw, base) == []
    assert record_warnings(qw, {**base, "months": 12}) == []
    assert record_warnings(qw, {**base, "months": 13}) == ["quick win harus selesai dalam 12 bulan"]
    assert record_warnings(qw, {**base, "months": 24}) == ["quick win harus selesai dalam 12 bulan"]
    assert record_warnings(qw, {**base, "months": None}) == []


def test_budget_without_source_is_warned_on_quick_win_and_roadmap():
    warning = "sumber dana belum dipilih"
    qw = {"name": "Lapor cepat", "status": "usulan"}
    assert record_warnings(KINDS["quick_win"], {**qw, "budget": 5_000_000}) == [warning]
    assert record_warnings(KINDS["quick_win"], {**qw, "budget": 5_000_000, "source": "apbd"}) == []
    assert record_warnings(KINDS["quick_win"], {**qw, "source": "apbd"}) == []
    assert record_warnings(KINDS["quick_win"], {**qw, "budget": None}) == []
    assert record_warnings(KINDS["quick_win"], {**qw, "months": 18, "budget": 1}) == \
        ["quick win harus selesai dalam 12 bulan", warning]
    rm = {"program": HEX, "year": 1, "milestone": "Uji coba"}
    assert record_warnings(KINDS["roadmap"], rm) == []
    assert record_warnings(KINDS["roadmap"], {**rm, "budget": 250_000}) == [warning]
    assert record_warnings(KINDS["roadmap"], {**rm, "budget": 250_000, "source": "csr"}) == []
    assert record_warnings(KINDS["roadmap"], {"budget": 1}) == [
        "Program belum diisi", "Tahun ke- belum diisi", "Capaian (milestone) belum diisi", warning]
    # other kinds never get the money warnings, even with such keys
    assert record_warnings(KINDS["innovation"], {"program": HEX, "name": "x", "type": "ti"}) == []


def test_required_fields_of_the_new_kinds():
    assert missing_fields(KINDS["strategy"], {}) == ["Dimensi", "Strategi"]
    assert missing_fields(KINDS["innovation"], {}) == ["Program", "Nama inovasi", "Jenis"]
    assert missing_fields(KINDS["quick_win"], {}) == ["Nama quick win", "Status"]
    assert missing_fields(KINDS["dot_vote"], {}) == ["Kandidat", "Kelompok", "Jumlah titik"]
    assert missing_fields(KINDS["dot_vote"], {"candidate": HEX, "group": HEX2, "dots": 0}) == []
    assert missing_fields(KINDS["chapter_review"], {}) == ["Bab", "Status"]
    assert missing_fields(KINDS["qw_criterion"], {"name": "Dampak", "weight": 0}) == []


# ------------------------------------------------------------------ book chapters

def test_book_chapters_are_the_review_choices():
    review = kind("chapter_review")
    assert review is KINDS["chapter_review"]
    chapter = review.field("chapter")
    assert chapter.choices == BOOK_CHAPTERS and chapter.type == "choice" and chapter.required
    assert [f.key for f in review.fields] == ["chapter", "status", "reviewer", "comments"]
    assert review.field("reviewer").suggest == "people"
    keys = [k for k, _ in BOOK_CHAPTERS]
    assert len(keys) == len(set(keys)) == 13
    assert [k for k in keys if k.startswith("b1.")] == [f"b1.{n}" for n in range(1, 7)]
    assert [k for k in keys if k.startswith("b2.")] == [f"b2.{n}" for n in range(1, 8)]
    for key in keys:
        assert clean_value(review, "chapter", key) == key
    assert refused("chapter_review", "chapter", "b3.1").startswith("Bab")
    assert refused("chapter_review", "chapter", "Buku I · Bab 1 Pendahuluan").startswith("Bab")
    assert clean_value(review, "status", "disetujui") == "disetujui"
    assert refused("chapter_review", "status", "selesai").startswith("Status")


# ------------------------------------------------------------------ defaults

@pytest.mark.parametrize("key", NEW_KINDS)
def test_defaults_of_each_new_kind_are_clean(key):
    k = KINDS[key]
    values = defaults(k)
    assert clean_record(k, values) == values
    assert clean_record(k, {}) == {}
    for f in k.fields:
        assert f.label and f.key
        if f.type == "choice" and f.default is not None:
            assert f.default in {c for c, _ in f.choices}, (key, f.key)
        if f.type in ("ref",):
            assert f.target in KINDS, (key, f.key)


def test_defaults_of_the_new_kinds():
    assert defaults(KINDS["roadmap_config"]) == {"years": "5"}
    assert defaults(KINDS["qw_config"]) == {"score_min": 1, "score_max": 5, "shortlist_size": 10}
    assert defaults(KINDS["qw_criterion"]) == {"weight": 10, "source": "manual"}
    assert defaults(KINDS["quick_win"]) == {"status": "usulan"}
    assert defaults(KINDS["innovation"]) == {"type": "ti"}
    assert defaults(KINDS["chapter_review"]) == {"status": "belum"}
    assert defaults(KINDS["strategy"]) == defaults(KINDS["dot_vote"]) == defaults(KINDS["roadmap"]) == {}
    assert defaults(KINDS["commitment_agreement"]) == {}


def test_full_quick_win_sheet_round_trips():
    qw = KINDS["quick_win"]
    data = {"name": " Lapor  Cepat ", "program": HEX, "status": "quick_win", "scores": {HEX2.upper(): 4},
            "element": HEX2, "opd": HEX, "problem": "Aduan lambat\r\n\r\n\r\nditangani", "solution": "Kanal tunggal",
            "benefits": "Cepat", "beneficiaries": "Warga", "collaborators": ["media", "pemerintah"],
            "start": "2027-01-04", "months": "9", "budget": "Rp 150.000.000", "source": "apbd",
            "indicator": "Waktu tanggap < 2 hari"}
    clean = clean_record(qw, data)
    assert clean["name"] == "Lapor Cepat" and clean["scores"] == {HEX2: 4}
    assert clean["problem"] == "Aduan lambat\n\nditangani"
    assert clean["collaborators"] == ["pemerintah", "media"]
    assert clean["months"] == 9 and clean["budget"] == 150_000_000
    assert clean_record(qw, clean) == clean  # stored values clean to themselves
    assert record_warnings(qw, clean) == []
    with pytest.raises(ValidationError, match="tidak dikenal"):
        clean_record(qw, {**data, "votes": 3})
