"""Worksheet kinds as data: field cleaning per type, record warnings, the readiness
configuration and score scale, merging FGD groups' readiness and rolling up keywords."""
from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.worksheets import (
    ALL_READINESS, DEFAULT_SCORE_LABELS, KINDS, LONG_TEXT_LIMIT, OPTIONAL_ELEMENTS, READINESS_TEXT_FIELDS,
    clean_long_text, clean_record, clean_value, defaults, is_blank, kind, missing_fields, parse_time,
    readiness_choices, record_warnings)
from kotacerdas_desktop.domain.readiness import (ScoreScale, check_score, merge_readiness, readiness_config,
                                                 roll_up_keywords, split_keywords)

HEX = "0123456789abcdef" * 2


def refused(k: str, key: str, value) -> str:
    with pytest.raises(ValidationError) as info:
        clean_value(KINDS[k], key, value)
    return str(info.value)


# ------------------------------------------------------------------ kinds as data

def test_every_kind_is_consistent():
    for key, k in KINDS.items():
        assert k.key == key
        assert k.scope in ("bimtek", "region"), key
        keys = [f.key for f in k.fields]
        assert len(keys) == len(set(keys)), f"{key}: duplicate field keys"
        if k.title_field:
            assert k.title_field in keys, key
        assert k.singleton or k.title_field or key in ("readiness", "dot_vote", "chapter_review"), \
            f"{key} has no title"
        for f in k.fields:
            assert f.type in ("text", "longtext", "int", "year", "date", "time", "choice", "ref", "element",
                              "opd", "people", "bool", "day", "dimension", "money", "multi", "scores"), (key, f.key)
            if f.type == "ref":
                assert f.target in KINDS, (key, f.key, f.target)
            else:
                assert not f.target, (key, f.key)
            if f.type == "choice":
                assert f.choices, (key, f.key)
                codes = [c for c, _ in f.choices]
                assert len(codes) == len(set(codes))
                if f.default is not None:
                    assert f.default in codes, (key, f.key)
            if f.default is not None:  # every default passes its own field's cleaning
                assert clean_value(k, f.key, f.default) == f.default, (key, f.key)


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_every_section_names_existing_fields(stage):
    for step in wz.steps_for(stage):
        for section in step.sections:
            k = KINDS[section.kind]
            keys = {f.key for f in k.fields}
            assert set(section.columns) <= keys, (step.key, section.kind, set(section.columns) - keys)
            for key, values in section.match:
                assert key in keys, (step.key, key)
                f = k.field(key)
                if f.type == "choice":
                    assert set(values) <= {c for c, _ in f.choices}
            for key, value in section.preset:
                assert key in keys, (step.key, key)
                assert clean_value(k, key, value) == value
            # what a section presets it must also accept (a new row stays visible)
            assert section.accepts({**defaults(k), **dict(section.preset)}), (step.key, section.kind)


def test_unknown_kind_and_field_are_refused():
    with pytest.raises(ValidationError, match="tidak dikenal"):
        kind("nope")
    assert kind("misi") is KINDS["misi"]
    with pytest.raises(ValidationError, match="'nope'"):
        KINDS["misi"].field("nope")
    with pytest.raises(ValidationError, match="tidak dikenal"):
        clean_value(KINDS["misi"], "nope", "x")


# ------------------------------------------------------------------ text

def test_text_is_collapsed_and_limited():
    assert clean_value(KINDS["misi"], "text", "  Mewujudkan \t tata   kelola  ") == "Mewujudkan tata kelola"
    assert clean_value(KINDS["misi"], "text", None) == ""
    assert clean_value(KINDS["misi"], "text", "x" * 500) == "x" * 500
    message = refused("misi", "text", "x" * 501)
    assert "Rumusan misi" in message and "500" in message and "501" in message
    assert "Satuan" in refused("indikator", "unit", "y" * 61)


@pytest.mark.parametrize("bad", ["\x00", "\x1b[31m", "\u200b", "\u202e", "\x7f"])
def test_text_refuses_control_and_invisible_characters(bad):
    message = refused("agenda", "title", f"Pembukaan{bad}acara")
    assert message.startswith("Acara ")
    assert "karakter" in message


def test_text_refuses_broken_surrogates():
    assert "rusak" in refused("agenda", "title", "a\ud800b")


# ------------------------------------------------------------------ long text

def test_long_text_keeps_line_breaks_and_collapses_blank_runs():
    text = "\n\n  Baris satu  \r\n\r\n\r\n\n  baris\tdua \rtiga\n\n\n"
    assert clean_value(KINDS["notulen"], "qa", text) == "Baris satu\n\nbaris dua\ntiga"
    assert clean_long_text("a\n \n\t\nb", 100, "X") == "a\n\nb"  # whitespace-only lines are blank
    assert clean_long_text("", 100, "X") == ""
    assert clean_long_text(None, 100, "X") == ""
    # NFC: a decomposed é counts as one character
    assert clean_long_text("Cafe\u0301", 4, "X") == "Caf\u00e9"


def test_long_text_limits_and_control_characters():
    k = KINDS["notulen"]
    assert len(clean_value(k, "qa", "a" * LONG_TEXT_LIMIT)) == LONG_TEXT_LIMIT
    assert "Tanya jawab terlalu panjang" in refused("notulen", "qa", "a" * (LONG_TEXT_LIMIT + 1))
    # the limit counts the line breaks too
    lines = "\n".join(["a" * 99] * 41)  # 41 * 99 + 40 = 4099
    assert "4099" in refused("notulen", "qa", lines)
    assert refused("notulen", "qa", "baris\nsatu\x07dua").startswith("Tanya jawab ")
    assert clean_value(KINDS["visi"], "text", "v" * 1000) == "v" * 1000
    assert "1000" in refused("visi", "text", "v" * 1001)


# ------------------------------------------------------------------ numbers

def test_int_and_year_ranges():
    k = KINDS["readiness"]
    assert clean_value(k, "score", "  7 ") == 7
    assert clean_value(k, "score", 0) == 0
    assert clean_value(k, "score", 10) == 10
    assert clean_value(k, "score", "") is None
    assert clean_value(k, "score", None) is None
    assert clean_value(k, "score", "  ") is None
    assert "Skor harus di antara 0 dan 10" in refused("readiness", "score", 11)
    assert "Skor harus di antara 0 dan 10" in refused("readiness", "score", "-1")
    assert "Skor harus berupa bilangan bulat" in refused("readiness", "score", "tiga")
    assert "Skor" in refused("readiness", "score", "3.5")
    assert "Skor harus berupa angka" in refused("readiness", "score", True)
    assert clean_value(KINDS["indikator"], "year", "2030") == 2030
    assert clean_value(KINDS["indikator"], "year", 2000) == 2000
    assert clean_value(KINDS["indikator"], "year", 2100) == 2100
    assert "Tahun target harus di antara 2000 dan 2100" in refused("indikator", "year", 1999)
    assert "Tahun target" in refused("indikator", "year", "2101")
    assert "Skor tertinggi harus di antara 1 dan 10" in refused("readiness_config", "score_max", 0)


def test_bool_strings():
    k = KINDS["readiness_config"]
    for text in ("1", "true", "True", " ya ", "YES"):
        assert clean_value(k, "include_alam", text) is True, text
    for text in ("0", "false", "tidak", "", "no", "nanti"):
        assert clean_value(k, "include_alam", text) is False, text
    assert clean_value(k, "include_alam", 1) is True
    assert clean_value(k, "include_alam", None) is False


# ------------------------------------------------------------------ time and date

@pytest.mark.parametrize("text, expected", [
    ("8.30", "08:30"), ("08:30", "08:30"), (" 8 . 30 ", "08:30"), ("0.00", "00:00"),
    ("23:59", "23:59"), ("", ""), (None, ""),
])
def test_time_accepted(text, expected):
    assert clean_value(KINDS["agenda"], "start", text) == expected
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "8:60", "8.5", "830", "08:30:00", "jam 8", "-1:30", "8,30", "8:3o"])
def test_time_refused(text):
    message = refused("agenda", "start", text)
    assert message.startswith("Mulai harus berbentuk jam.menit")
    assert refused("notulen", "end", text).startswith("Jam selesai ")


def test_date_iso():
    k = KINDS["followup"]
    assert clean_value(k, "due", "2026-10-15") == "2026-10-15"
    assert clean_value(k, "due", " 2026-10-15 ") == "2026-10-15"
    assert clean_value(k, "due", date(2026, 1, 2)) == "2026-01-02"
    assert clean_value(k, "due", "") == "" and clean_value(k, "due", None) == ""
    assert clean_value(KINDS["agenda"], "day", "2026-09-22") == "2026-09-22"
    for bad in ("15-10-2026", "2026-02-30", "besok", "2026/10/15"):
        assert refused("followup", "due", bad).startswith("Tenggat harus berupa tanggal"), bad
    assert refused("agenda", "day", "22/09/2026").startswith("Hari ")


def test_date_from_a_datetime_keeps_only_the_date():
    assert clean_value(KINDS["followup"], "due", datetime(2026, 10, 15, 9, 30)) == "2026-10-15"


# ------------------------------------------------------------------ choices and references

def test_choice_unknown_refused():
    k = KINDS["program"]
    assert clean_value(k, "horizon", "10") == "10"
    assert clean_value(k, "horizon", 5) == "5"
    assert clean_value(k, "horizon", "") == ""
    assert clean_value(k, "source", " baru ") == "baru"
    message = refused("program", "horizon", "20")
    assert message.startswith("Horizon:") and "'20'" in message
    assert refused("program", "source", "RPJMD").startswith("Sumber:")  # codes, not labels
    assert clean_value(KINDS["readiness"], "element", "alam.lingkungan") == "alam.lingkungan"
    assert refused("readiness", "element", "struktur").startswith("Elemen:")


@pytest.mark.parametrize("k, key", [("tujuan", "misi"), ("program", "opd"), ("program", "element"),
                                     ("readiness", "group")])
def test_reference_ids_are_32_hex(k, key):
    u = uuid.uuid4()
    assert clean_value(KINDS[k], key, u.hex) == u.hex
    assert clean_value(KINDS[k], key, str(u)) == u.hex
    assert clean_value(KINDS[k], key, str(u).upper()) == u.hex
    assert clean_value(KINDS[k], key, f"  {u.hex.upper()} ") == u.hex
    assert clean_value(KINDS[k], key, "") == "" and clean_value(KINDS[k], key, None) == ""
    label = KINDS[k].field(key).label
    for bad in (u.hex[:-1], u.hex + "0", "g" * 32, f"{{{u}}}", "Misi pertama", "x"):
        assert refused(k, key, bad) == f"{label}: rujukan tidak sah.", bad


def test_people_list_dedup_and_normalised():
    a, b = uuid.uuid4(), uuid.uuid4()
    k = KINDS["fgd_group"]
    assert clean_value(k, "members", [a.hex, str(b), str(a).upper(), "", None, b.hex]) == [a.hex, b.hex]
    assert clean_value(k, "members", None) == []
    assert clean_value(k, "members", ()) == []
    assert refused("fgd_group", "members", [a.hex, "Budi"]) == "Anggota: rujukan tidak sah."


# ------------------------------------------------------------------ records

def test_clean_record_refuses_unknown_keys():
    k = KINDS["agenda"]
    assert clean_record(k, {"start": "8.30", "title": " Pembukaan "}) == {"start": "08:30", "title": "Pembukaan"}
    with pytest.raises(ValidationError) as info:
        clean_record(k, {"title": "x", "zeta": 1, "alpha": 2})
    assert str(info.value) == "Isian tidak dikenal pada Butir agenda: alpha, zeta."
    with pytest.raises(ValidationError, match="Mulai"):
        clean_record(k, {"title": "x", "start": "25.00"})
    assert clean_record(k, {}) == {}


def test_defaults():
    assert defaults(KINDS["program"]) == {"source": "rpjmd", "status": "usulan"}
    assert defaults(KINDS["misi"]) == {}
    assert defaults(KINDS["readiness_config"])["score_labels"] == DEFAULT_SCORE_LABELS


def test_is_blank():
    for v in (None, "", [], False):
        assert is_blank(v)
    for v in (0, "0", ["x"], True, " "):
        assert not is_blank(v)


def test_missing_fields_and_warnings():
    agenda = KINDS["agenda"]
    assert missing_fields(agenda, {}) == ["Hari", "Mulai", "Acara"]
    assert record_warnings(agenda, {"day": "2026-09-22"}) == ["Mulai belum diisi", "Acara belum diisi"]
    ok = {"day": "2026-09-22", "start": "08:30", "title": "Pembukaan"}
    assert record_warnings(agenda, ok) == []
    assert record_warnings(agenda, {**ok, "end": "09:00"}) == []
    assert record_warnings(agenda, {**ok, "end": "08:00"}) == ["jam selesai tidak setelah jam mulai"]
    assert record_warnings(agenda, {**ok, "end": "08:30"}) == ["jam selesai tidak setelah jam mulai"]
    notulen = {"chair": "A", "minute_taker": "B", "conclusions": "C", "start": "10:00", "end": "09:59"}
    assert record_warnings(KINDS["notulen"], notulen) == ["jam selesai tidak setelah jam mulai"]
    # the bool False and the empty list count as missing; 0 does not
    assert missing_fields(KINDS["fgd_group"], {"name": "G", "members": []}) == []
    assert missing_fields(KINDS["readiness"], {"element": ""}) == ["Elemen"]


def test_programme_years_reversed():
    program = KINDS["program"]
    base = {"source": "rpjmd", "name": "P", "misi": HEX, "element": HEX, "opd": HEX}
    assert record_warnings(program, base) == []
    assert record_warnings(program, {**base, "year_start": 2025, "year_end": 2030}) == []
    assert record_warnings(program, {**base, "year_start": 2025, "year_end": 2025}) == []
    assert record_warnings(program, {**base, "year_start": 2030, "year_end": 2025}) == \
        ["tahun selesai sebelum tahun mulai"]
    assert record_warnings(program, {"year_start": 2030, "year_end": 2025}) == [
        "Sumber belum diisi", "Nama program belum diisi", "Misi belum diisi", "Dimensi › elemen belum diisi",
        "OPD pengampu belum diisi", "tahun selesai sebelum tahun mulai"]


# ------------------------------------------------------------------ readiness configuration

def test_readiness_choices():
    base = readiness_choices()
    assert len(base) == 9 and base[0] == ("struktur.sdm", "Struktur › Sumber daya manusia")
    assert not any(key.startswith(("alam.", "budaya.")) for key, _ in base)
    assert len(readiness_choices(("alam",))) == 12
    assert len(ALL_READINESS) == 15
    assert set(OPTIONAL_ELEMENTS) == {"alam", "budaya"}


def test_readiness_config_defaults():
    for data in (None, {}):
        cfg = readiness_config(data)
        assert cfg.include == ()
        assert cfg.scale == ScoreScale(1, 5, ("sangat rendah", "rendah", "sedang", "tinggi", "sangat tinggi"), True)
        assert len(cfg.elements) == 9
    cfg = readiness_config({"include_budaya": True, "include_alam": True, "use_score": False,
                            "score_min": 0, "score_max": 2, "score_labels": " kurang ; cukup;; baik ;"})
    assert cfg.include == ("alam", "budaya")  # always in model order
    assert len(cfg.elements) == 15
    assert cfg.scale.labels == ("kurang", "cukup", "baik")
    assert cfg.scale.maximum == 2 and not cfg.scale.enabled


def test_readiness_config_broken_values_fall_back():
    for lo, hi in ((5, 5), (7, 3), (None, None), ("", "")):
        cfg = readiness_config({"score_min": lo, "score_max": hi})
        assert (cfg.scale.minimum, cfg.scale.maximum) == (1, 5), (lo, hi)
    assert readiness_config({"score_labels": ""}).scale.labels == ()
    assert readiness_config({"score_labels": None}).scale.labels == ()
    assert readiness_config({"score_min": "2", "score_max": "4"}).scale.maximum == 4


def test_readiness_config_keeps_a_lowest_score_of_zero():
    cfg = readiness_config({"score_min": 0, "score_max": 4})
    assert (cfg.scale.minimum, cfg.scale.maximum) == (0, 4)
    check_score(cfg, 0)


def test_readiness_config_non_numeric_falls_back():
    cfg = readiness_config({"score_min": "abc", "score_max": "lima"})
    assert (cfg.scale.minimum, cfg.scale.maximum) == (1, 5)


def test_check_score():
    cfg = readiness_config({"score_min": 2, "score_max": 4})
    check_score(cfg, None)
    for s in (2, 3, 4):
        check_score(cfg, s)
    for s in (1, 5, 0):
        with pytest.raises(ValidationError, match="Skor harus di antara 2 dan 4"):
            check_score(cfg, s)


def test_score_scale_label():
    scale = ScoreScale()
    assert scale.label(None) == ""
    assert scale.label(1) == "1 (sangat rendah)"
    assert scale.label(5) == "5 (sangat tinggi)"
    assert scale.label(0) == "0" and scale.label(6) == "6"
    assert ScoreScale(0, 2, ("a", "b", "c")).label(0) == "0 (a)"
    # labels that do not match the range are not shown at all (never shifted)
    assert ScoreScale(1, 4, ("a", "b", "c", "d", "e")).label(1) == "1"
    assert ScoreScale(1, 5, ()).label(3) == "3"


# ------------------------------------------------------------------ merging readiness

def test_merge_readiness_dedups_lines_across_groups():
    entries = [
        {"kondisi": "SDM TIK kurang\n- Anggaran terbatas\n\n", "kekuatan": "ASN muda"},
        {"kondisi": "• sdm tik KURANG\n* Jaringan belum merata", "kekuatan": "  asn muda  "},
        {"kondisi": "", "kelemahan": "Regulasi lama"},
    ]
    merged = merge_readiness(entries)
    assert merged["kondisi"] == "• SDM TIK kurang\n• Anggaran terbatas\n• Jaringan belum merata"
    assert merged["kekuatan"] == "ASN muda"  # one distinct line: no bullet
    assert merged["kelemahan"] == "Regulasi lama"
    assert set(merged) == {"kondisi", "kekuatan", "kelemahan"}  # nothing for fields no group wrote


def test_merge_readiness_keeps_what_the_facilitator_wrote():
    entries = [{"kondisi": "A", "gap": "G1", "keywords": "digital", "score": 2},
               {"kondisi": "B", "gap": "G2", "keywords": "maju", "score": 4}]
    current = {"kondisi": "Tulisan fasilitator", "gap": "", "keywords": "sendiri", "score": 0}
    merged = merge_readiness(entries, current)
    assert merged == {"gap": "• G1\n• G2"}
    assert merge_readiness(entries, {"score": None})["score"] == 3


def test_merge_readiness_keywords_and_score():
    entries = [{"keywords": "Digital, melayani; digital", "score": 3},
               {"keywords": "DIGITAL\nsejahtera,, ", "score": 4},
               {"keywords": "", "score": None},
               {"score": "5"}]  # a non-int score is not counted
    merged = merge_readiness(entries)
    assert merged["keywords"] == "Digital, melayani, sejahtera"  # first spelling wins
    assert merged["score"] == 4  # 3.5 rounds up
    assert merge_readiness([{"score": 1}, {"score": 2}, {"score": 2}])["score"] == 2  # 1.67
    assert merge_readiness([{"score": 1}, {"score": 1}, {"score": 2}])["score"] == 1  # 1.33
    assert merge_readiness([{"score": 0}])["score"] == 0


def test_merge_readiness_empty_input():
    assert merge_readiness([]) == {}
    assert merge_readiness([], {"kondisi": "x"}) == {}
    assert merge_readiness([{"group": "g", "element": "struktur.sdm"}]) == {}
    assert merge_readiness([{k: "  \n - \n" for k in READINESS_TEXT_FIELDS}]) == {}


# ------------------------------------------------------------------ keywords

def test_split_keywords():
    assert split_keywords(" a, b ;c\n\n,d ") == ["a", "b", "c", "d"]
    assert split_keywords("") == [] and split_keywords(None) == []


def test_roll_up_keywords_orders_and_counts_once_per_record():
    entries = [
        {"keywords": "melayani, Digital, digital, DIGITAL"},  # counted once for this record
        {"keywords": "sejahtera, digital"},
        {"keywords": "Sejahtera; inovatif"},
        {"keywords": ""},
        {},
    ]
    assert roll_up_keywords(entries) == [("Digital", 2), ("sejahtera", 2), ("melayani", 1), ("inovatif", 1)]
    assert roll_up_keywords([]) == []
