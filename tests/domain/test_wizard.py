"""The guided session without Qt: the steps of each stage, moving between them, the
checks of each step over a hand-built snapshot, and the outline numbering."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.wizard import Flow, Item, Section, Snapshot
from kotacerdas_desktop.domain.worksheets import readiness_choices

D1, D2 = date(2026, 9, 22), date(2026, 9, 23)
DIMS = (("dim1", "Smart Governance", (("e1", "Tata kelola"), ("e2", "Layanan publik"))),
        ("dim2", "Smart Branding", (("e3", "Pariwisata"),)))


def it(kind: str, id: str, position: int = 0, **data) -> Item:
    return Item(id, kind, data, position)


def check(step_key: str, snap: Snapshot, label_start: str) -> wz.Check:
    found = [c for c in wz.checks(wz.step_for(snap.stage, step_key), snap) if c.label.startswith(label_start)]
    assert len(found) == 1, (step_key, label_start, [c.label for c in wz.checks(wz.step_for(snap.stage, step_key), snap)])
    return found[0]


def with_items(snap: Snapshot, *items: Item, drop: tuple[str, ...] = ()) -> Snapshot:
    kept = tuple(i for i in snap.items if i.kind not in drop)
    return dataclasses.replace(snap, items=kept + items)


# ------------------------------------------------------------------ complete snapshots

def common_items() -> list[Item]:
    return [
        it("agenda", "ag1", day=D1.isoformat(), start="08:30", end="09:00", title="Pembukaan"),
        it("agenda", "ag2", 1, day=D2.isoformat(), start="08:00", title="Paparan"),
        it("mentor", "mt1", name="Dr. Rina", role="mentor"),
        it("fgd_group", "g1", name="Kelompok 1", members=["p1", "p2"]),
        it("fgd_group", "g2", 1, name="Kelompok 2", members=["p3"]),
        it("notulen", "nt", chair="Sekda", minute_taker="Budi", conclusions="Sepakat"),
        it("followup", "fu1", action="Kirim data", owner="Bappeda"),
        it("berita_acara", "ba", number="005/1/2026", decisions="Disepakati"),
        it("ba_signatory", "bs1", name="A"),
        it("ba_signatory", "bs2", 1, name="B"),
        it("misi", "m1", text="Misi satu"),
        it("misi", "m2", 1, text="Misi dua"),
    ]


def stage1() -> Snapshot:
    items = common_items()
    for n, gid in enumerate(("g1", "g2")):
        items.append(it("readiness", f"rg{n}", element="struktur.sdm", group=gid, kondisi="SDM kurang",
                        keywords="digital, melayani"))
    swot = dict(kondisi="K", kekuatan="S", kelemahan="W", peluang="O", ancaman="T", gap="G")
    for n, (key, _) in enumerate(readiness_choices()):
        items.append(it("readiness", f"rm{n}", n, element=key, group="", **swot))
    items += [it("strategic_issue", f"is{n}", n, title=f"Isu {n}", description="Uraian", priority="tinggi")
              for n in range(3)]
    items += [
        it("visi", "vs", text="Kota digital yang melayani", status="disepakati"),
        it("tujuan", "t1", misi="m1", text="Tujuan 1"),
        it("tujuan", "t2", 1, misi="m2", text="Tujuan 2"),
        it("sasaran", "s1", tujuan="t1", text="Sasaran 1"),
        it("sasaran", "s2", 1, tujuan="t2", text="Sasaran 2"),
        it("indikator", "i1", sasaran="s1", name="IKM", baseline="70", target="85", unit="%", year=2030),
        it("indikator", "i2", 1, sasaran="s2", name="SPBE", baseline="2,1", target="3,5", unit="indeks", year=2029),
    ]
    return Snapshot(1, "Hotel Contoh", (D1, D2), tuple(items), DIMS, {D1: 30, D2: 25})


def stage2() -> Snapshot:
    items = common_items() + [
        it("program", "p1", source="rpjmd", name="SPBE", misi="m1", element="e1", opd="o1", year_start=2025),
        it("program", "p2", 1, source="renstra", name="Promosi wisata", misi="m2", element="e3", opd="o2"),
        it("program", "n1", 2, source="baru", name="Aplikasi", misi="m1", element="e2", opd="o1", horizon="5"),
        it("program", "n2", 3, source="baru", name="Kota pintar", misi="m2", element="e3", opd="o2", horizon="10"),
        it("action", "a1", program="n1", activity="Kajian", opd="o1", year=2027),
        it("action", "a2", 1, program="n2", activity="Pilot", opd="o2", year=2030),
    ]
    return Snapshot(2, "Hotel Ngarai", (D1, D2), tuple(items), DIMS, {D1: 12, D2: 14})


# ------------------------------------------------------------------ steps

@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_every_stage_starts_with_preparation_and_registration_and_ends_with_closing(stage):
    keys = [s.key for s in wz.steps_for(stage)]
    assert keys[:2] == ["persiapan", "registrasi"] and keys[-1] == "penutup"
    assert len(keys) == len(set(keys))
    for s in wz.steps_for(stage):
        assert s.key in wz.CHECKS and s.editor in ("preparation", "registration", "records", "readiness",
                                                   "vision", "closing", "roadmap", "scoring", "dots",
                                                   "review", "commitment_text", "signing")
        assert s.title and s.prompt and s.produces
        if s.editor == "records":
            assert s.sections


def test_content_steps_of_stage_one_and_two():
    assert [s.key for s in wz.steps_for(1)] == ["persiapan", "registrasi", "kesiapan", "isu", "visi", "misi",
                                                "tujuan", "penutup"]
    assert [s.key for s in wz.steps_for(2)] == ["persiapan", "registrasi", "program_eksisting", "program_baru",
                                                "rencana_aksi", "penutup"]
    assert [s.key for s in wz.steps_for(3)] == ["persiapan", "registrasi", "strategi", "inovasi", "rencana_aksi",
                                                "peta_jalan", "kandidat_qw", "voting", "penutup"]
    assert wz.step_for(3, "rencana_aksi") is wz.step_for(2, "rencana_aksi")  # one step, shared
    assert [s.key for s in wz.steps_for(4)] == ["persiapan", "registrasi", "reviu_buku", "quick_win_final",
                                                "teks_komitmen", "penandatanganan", "penutup"]
    with pytest.raises(ValueError):
        wz.steps_for(5)
    assert wz.step_for(1, "misi").title == "Misi"
    with pytest.raises(KeyError):
        wz.step_for(2, "misi")


def test_section_accepts():
    plain = Section("misi", "Misi", ("text",))
    assert plain.accepts({}) and plain.accepts({"text": "x"})
    existing, new = wz.step_for(2, "program_eksisting").sections[0], wz.step_for(2, "program_baru").sections[0]
    assert existing.accepts({"source": "rpjmd"}) and existing.accepts({"source": "renstra"})
    assert not existing.accepts({"source": "baru"}) and not existing.accepts({})
    assert new.accepts({"source": "baru"}) and not new.accepts({"source": "rpjmd"})


# ------------------------------------------------------------------ flow

def test_flow_next_previous_clamp():
    flow = Flow(1)
    assert flow.current.key == "persiapan" and flow.at_start and not flow.at_end
    assert flow.previous().key == "persiapan" and flow.index == 0
    keys = [flow.next().key for _ in range(len(flow.steps) + 3)]
    assert keys[:len(flow.steps) - 1] == [s.key for s in flow.steps[1:]]
    assert set(keys[len(flow.steps) - 1:]) == {"penutup"}
    assert flow.at_end and not flow.at_start
    assert flow.previous().key == "tujuan"


def test_flow_go_and_unknown_keys_keep_the_position():
    flow = Flow(1, "visi")
    assert flow.current.key == "visi" and flow.index == 4
    assert flow.go("misi").key == "misi"
    assert flow.go("langkah_lama").key == "misi" and flow.index == 5
    assert flow.go("persiapan").key == "persiapan"
    assert Flow(1, "langkah_lama").current.key == "persiapan"
    assert Flow(2, "misi").current.key == "persiapan"  # a stage-1 step is not in stage 2
    assert Flow(2, "penutup").at_end
    assert Flow(3, None).current.key == "persiapan"


# ------------------------------------------------------------------ checks: empty and complete

@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_empty_snapshot_fails_every_check(stage):
    snap = Snapshot(stage)
    for step in wz.steps_for(stage):
        results = wz.checks(step, snap)
        assert results, step.key
        assert not any(c.done for c in results), (step.key, [c for c in results if c.done])
        assert wz.step_state(step, snap) == "empty"
    done, total = wz.stage_progress(snap)
    assert done == 0 and total > 0


@pytest.mark.parametrize("make", [stage1, stage2])
def test_complete_snapshot_passes_every_check(make):
    snap = make()
    for step in wz.steps_for(snap.stage):
        failed = [c for c in wz.checks(step, snap) if not c.done]
        assert not failed, (step.key, failed)
        assert wz.step_state(step, snap) == "done"
    done, total = wz.stage_progress(snap)
    assert done == total > 0


def test_step_state_partial():
    snap = with_items(stage1(), drop=("mentor",))
    step = wz.step_for(1, "persiapan")
    assert wz.step_state(step, snap) == "partial"
    done, total = wz.stage_progress(snap)
    assert done == total - 1


# ------------------------------------------------------------------ checks: specific

def test_preparation_checks():
    snap = dataclasses.replace(stage1(), venue="   ")
    c = check("persiapan", snap, "Tanggal dan tempat")
    assert not c.done and c.detail == "belum: tempat"
    c = check("persiapan", Snapshot(1, venue="Hotel"), "Tanggal dan tempat")
    assert not c.done and c.detail == "belum: tanggal"
    snap = with_items(stage1(), it("agenda", "ag1", day=D1.isoformat(), start="08:00", title="x"), drop=("agenda",))
    c = check("persiapan", snap, "Agenda tersusun")
    assert not c.done and c.detail == "1 dari 2"
    snap = with_items(stage1(), it("fgd_group", "g1", name="G", members=["p"]), it("fgd_group", "g2", 1, name="H"),
                      drop=("fgd_group",))
    c = check("persiapan", snap, "Kelompok FGD")
    assert not c.done and c.detail == "1 dari 2"


def test_registration_checks():
    snap = dataclasses.replace(stage1(), present={D1: 7})
    c = check("registrasi", snap, "Peserta hadir")
    assert not c.done and c.detail == "1 dari 2"
    c = check("registrasi", snap, "Jumlah kehadiran")
    assert c.done and c.detail == "7 kehadiran"


def test_readiness_checks():
    base = stage1()
    # a group whose record has only keywords has given no input yet
    snap = with_items(base, it("readiness", "rg0", element="struktur.sdm", group="g1", kondisi="x"),
                      it("readiness", "rg1", element="struktur.sdm", group="g2", keywords="digital"),
                      *[i for i in base.of("readiness") if not i.data.get("group")], drop=("readiness",))
    c = check("kesiapan", snap, "Masukan setiap kelompok")
    assert not c.done and c.detail == "1 dari 2"
    # switching on Alam asks for its three sub-elements too
    snap = with_items(base, it("readiness_config", "cfg", include_alam=True))
    c = check("kesiapan", snap, "Kondisi saat ini")
    assert not c.done and c.detail == "9 dari 12"
    # one SWOT field missing on one sub-element
    merged = [i for i in base.of("readiness") if not i.data.get("group")]
    broken = dataclasses.replace(merged[0], data={**merged[0].data, "ancaman": ""})
    snap = with_items(base, *[i for i in base.of("readiness") if i.data.get("group")], broken, *merged[1:],
                      drop=("readiness",))
    assert not check("kesiapan", snap, "SWOT gabungan").done
    assert check("kesiapan", snap, "Kondisi saat ini").done
    c = check("kesiapan", base, "Kata kunci visi")
    assert c.done and c.detail == "2 kata kunci"


def test_issue_and_vision_checks():
    snap = with_items(stage1(), *stage1().of("strategic_issue")[:2], drop=("strategic_issue",))
    c = check("isu", snap, "Isu strategis dirumuskan")
    assert not c.done and c.detail == "2 (minimal 3)"
    snap = with_items(stage1(), it("visi", "vs", text="Kota digital", status="draf"), drop=("visi",))
    assert check("visi", snap, "Rumusan visi").done and not check("visi", snap, "Visi disepakati").done
    assert wz.step_state(wz.step_for(1, "visi"), snap) == "partial"
    assert wz.vision_keywords(stage1()) == [("digital", 2), ("melayani", 2)]


def test_each_misi_needs_a_tujuan():
    snap = with_items(stage1(), it("tujuan", "t1", misi="m1", text="T"), drop=("tujuan", "sasaran", "indikator"))
    c = check("tujuan", snap, "Setiap misi punya tujuan")
    assert not c.done and c.detail == "1 dari 2"


def test_orphan_tujuan_does_not_count():
    base = stage1()
    # misi m2 archived (absent from the snapshot): its tujuan covers no misi
    snap = with_items(base, it("misi", "m1", text="M"), it("tujuan", "t2", misi="m2", text="T"),
                      drop=("misi", "tujuan", "sasaran", "indikator"))
    c = check("tujuan", snap, "Setiap misi punya tujuan")
    assert not c.done and c.detail == "0 dari 1"
    # a tujuan pointing at a misi that never existed neither
    snap = with_items(base, it("tujuan", "tx", 5, misi="gone", text="T"), drop=("tujuan",))
    assert check("tujuan", snap, "Setiap misi punya tujuan").detail == "0 dari 2"


def test_goal_chain_and_indicator_fields():
    base = stage1()
    snap = with_items(base, it("sasaran", "s1", tujuan="t1", text="S"), drop=("sasaran", "indikator"))
    c = check("tujuan", snap, "Setiap tujuan punya sasaran")
    assert not c.done and c.detail == "1 dari 2"
    assert check("tujuan", snap, "Setiap sasaran punya indikator").detail == "0 dari 1"
    snap = with_items(base, it("indikator", "i1", sasaran="s1", name="I", baseline="1", target="2", unit="%"),
                      it("indikator", "i2", sasaran="s2", name="I", baseline="1", target="2", unit="%", year=2030),
                      drop=("indikator",))
    c = check("tujuan", snap, "Setiap indikator punya baseline")
    assert not c.done and c.detail == "1 dari 2"


def test_programmes_cover_every_misi_and_dimension_via_element_ids():
    base = stage2()
    c = check("program_eksisting", base, "Setiap dimensi punya program")
    assert c.done and c.detail == "2 dari 2"
    # only elements of the first dimension (and one unknown element) are used
    programmes = [dataclasses.replace(p, data={**p.data, "element": "e1" if p.id != "n2" else "zz"})
                  for p in base.of("program")]
    snap = with_items(base, *programmes, drop=("program",))
    c = check("program_eksisting", snap, "Setiap dimensi punya program")
    assert not c.done and c.detail == "1 dari 2"
    # a new programme is enough to cover a misi
    snap = with_items(base, *[p for p in base.of("program") if p.id != "p2"], drop=("program",))
    assert check("program_eksisting", snap, "Setiap misi punya program").done
    snap = with_items(base, *[p for p in base.of("program") if p.data.get("misi") != "m2"], drop=("program",))
    c = check("program_eksisting", snap, "Setiap misi punya program")
    assert not c.done and c.detail == "1 dari 2"
    # an existing programme without its OPD is incomplete; new ideas are not counted there
    p1 = base.of("program")[0]
    snap = with_items(base, dataclasses.replace(p1, data={**p1.data, "opd": ""}),
                      *base.of("program")[1:], drop=("program",))
    c = check("program_eksisting", snap, "Setiap program lengkap")
    assert not c.done and c.detail == "1 dari 2"
    snap = with_items(base, *[p for p in base.of("program") if p.data["source"] == "baru"], drop=("program",))
    assert not check("program_eksisting", snap, "Program RPJMD/Renstra").done


@pytest.mark.parametrize("horizons, done, detail", [
    (("5", "10"), True, ""), (("5", "5"), False, "belum: 10 tahun"), (("10", "1"), False, "belum: 5 tahun"),
    (("1", ""), False, "belum: 5 tahun, 10 tahun"),
])
def test_new_programmes_need_horizons_5_and_10(horizons, done, detail):
    base = stage2()
    new = [dataclasses.replace(p, data={**p.data, "horizon": h})
           for p, h in zip([p for p in base.of("program") if p.data["source"] == "baru"], horizons)]
    snap = with_items(base, *[p for p in base.of("program") if p.data["source"] != "baru"], *new,
                      drop=("program",))
    c = check("program_baru", snap, "Ada ide jangka menengah")
    assert (c.done, c.detail) == (done, detail)
    assert check("program_baru", snap, "Setiap ide punya horizon").done == all(horizons)
    # horizon 10 of an existing programme does not count
    old = [dataclasses.replace(p, data={**p.data, "horizon": "10"}) for p in base.of("program")
           if p.data["source"] != "baru"]
    snap = with_items(base, *old, *[dataclasses.replace(p, data={**p.data, "horizon": "5"})
                                    for p in base.of("program") if p.data["source"] == "baru"], drop=("program",))
    assert not check("program_baru", snap, "Ada ide jangka menengah").done


def test_action_lines_per_new_programme():
    base = stage2()
    snap = with_items(base, it("action", "a1", program="n1", activity="K", opd="o1", year=2027), drop=("action",))
    c = check("rencana_aksi", snap, "Setiap program baru punya rencana aksi")
    assert not c.done and c.detail == "1 dari 2"
    # actions under an existing programme do not cover the new ones
    snap = with_items(base, it("action", "a1", program="p1", activity="K", opd="o1", year=2027), drop=("action",))
    assert check("rencana_aksi", snap, "Setiap program baru punya rencana aksi").detail == "0 dari 2"
    snap = with_items(base, it("action", "a1", program="n1", activity="K", opd="o1"),
                      it("action", "a2", program="n2", activity="K", year=2030), drop=("action",))
    assert check("rencana_aksi", snap, "Setiap program baru punya rencana aksi").done
    c = check("rencana_aksi", snap, "Setiap rencana aksi punya OPD")
    assert not c.done and c.detail == "0 dari 2"
    assert wz.step_state(wz.step_for(2, "rencana_aksi"), snap) == "partial"


def test_closing_checks():
    base = stage1()
    snap = with_items(base, it("notulen", "nt", chair="Sekda"), it("ba_signatory", "bs1", name="A"),
                      it("followup", "fu1", action="Kirim data"), it("followup", "fu2", action="Rapat", owner="X"),
                      drop=("notulen", "ba_signatory", "followup"))
    c = check("penutup", snap, "Notulen lengkap")
    assert not c.done and c.detail.lower() == "belum: notulis, kesimpulan"  # label case may vary
    c = check("penutup", snap, "Tindak lanjut")
    assert not c.done and c.detail == "1 dari 2"
    assert check("penutup", snap, "Berita acara lengkap").done
    c = check("penutup", snap, "Penanda tangan")
    assert not c.done and c.detail == "1 (minimal 2)"
    snap = with_items(base, drop=("berita_acara",))
    c = check("penutup", snap, "Berita acara lengkap")
    assert not c.done and c.detail.lower() == "belum: nomor, keputusan / kesepakatan"
    c = check("penutup", with_items(base, drop=("followup",)), "Tindak lanjut")
    assert not c.done and c.detail == "belum ada"


# ------------------------------------------------------------------ outline codes

def test_outline_codes_numbering_and_orphans():
    items = [
        it("misi", "mB", 1, text="B"), it("misi", "mA", 0, text="A"),
        it("tujuan", "tA1", 0, misi="mA"), it("tujuan", "tB1", 1, misi="mB"), it("tujuan", "tA2", 2, misi="mA"),
        it("tujuan", "tX", 3, misi="gone"),
        it("sasaran", "sA2a", 0, tujuan="tA2"), it("sasaran", "sA2b", 1, tujuan="tA2"),
        it("sasaran", "sX", 2, tujuan="tX"),
        it("indikator", "iA2b", 0, sasaran="sA2b"), it("indikator", "iX", 1, sasaran="sX"),
        it("program", "p", 0, misi="mA"),
    ]
    assert wz.outline_codes(items) == {
        "mA": "M1", "mB": "M2", "tA1": "T1.1", "tB1": "T2.1", "tA2": "T1.2",
        "sA2a": "S1.2.1", "sA2b": "S1.2.2", "iA2b": "I1.2.2.1"}
    assert wz.outline_codes(reversed(items)) == wz.outline_codes(items)
    assert wz.outline_codes([]) == {}
    # equal positions: ordered by id
    assert wz.outline_codes([it("misi", "b"), it("misi", "a")]) == {"a": "M1", "b": "M2"}
