"""Laporan kegiatan ("laporan-kegiatan") of one bimtek: what was done, who came (charts per OPD and
per category), what the stage produced, the follow-ups, signed by the organiser (Diskominfo).

The meeting data comes from `minutes.gather`; the stage's outputs from `bimtek_report` (its steps,
the results of their checks and the captured records, names already resolved), shortened here to
a few lines a step.
"""
from __future__ import annotations

from ...domain.people import format_nip, pangkat_golongan_text
from ...reports.activity_pdf import Activity, StepOutput, render_activity
from ...reports.minutes_pdf import Signer
from ...reports.pdfbase import Progress
from ..bimtek_report import STATE_LABELS, bimtek_report
from ..reports import ReportRequest
from .minutes import gather, page_for


def _few(values, n: int = 3) -> str:
    """'a; b; c dan 4 lainnya'; '-' when empty."""
    values = [str(v) for v in values if v]
    if not values:
        return "-"
    head = "; ".join(values[:n])
    return head + (f" dan {len(values) - n} lainnya" if len(values) > n else "")


def _counted(label: str, values, n: int = 3) -> str:
    values = [v for v in values if v]
    return f"{label} ({len(values)}): {_few(values, n)}" if values else f"{label}: belum ada"


def _programmes(rec) -> list[str]:
    return [p["name"] for g in rec["by_misi"] for p in g["programs"]]


def step_lines(key: str, rec: dict) -> list[str]:
    """A few plain lines on what a step captured: counts and the first items."""
    if key == "persiapan":
        items = [a for d in rec["agenda"] for a in d["items"]]
        return [f"Agenda: {len(items)} butir dalam {len(rec['agenda'])} hari",
                _counted("Mentor dan narasumber", [m["name"] for m in rec["mentors"]]),
                _counted("Kelompok FGD", [f"{g['name']} ({g['member_count']} anggota)" for g in rec["fgd_groups"]])]
    if key == "registrasi":
        return [f"Hadir {d['day_label']}: {d['present']} orang" for d in rec["attendance"]] or ["Belum ada hari bimtek"]
    if key == "kesiapan":
        merged = [r for r in rec["elements"] if r["merged"]]
        scored = [f"{r['label'].split(' › ')[-1]} {r['merged']['score_label']}" for r in merged
                  if r["merged"].get("score_label")]
        return [f"Matriks kesiapan gabungan: {len(merged)} dari {len(rec['elements'])} sub-elemen; "
                f"{sum(r['group_rows'] for r in rec['elements'])} masukan kelompok"] + \
               ([f"Skor (alat bantu diskusi, tidak resmi): {_few(scored, 4)}"] if scored else [])
    if key == "isu":
        return [_counted("Isu strategis", [x["title"] for x in rec["issues"]])]
    if key == "visi":
        v = rec["visi"]
        return [_counted("Kata kunci visi", [k["word"] for k in rec["keywords"]], 8),
                f"Visi ({v['status_label'].lower()}): {v['text']}" if v else "Visi: belum dirumuskan"]
    if key == "misi":
        return [_counted("Misi", [m["text"] for m in rec["misi"]], 2)]
    if key == "tujuan":
        tujuan = [t for m in rec["tree"] for t in m["tujuan"]]
        sasaran = [s for t in tujuan for s in t["sasaran"]]
        return [f"{len(tujuan)} tujuan, {len(sasaran)} sasaran, {sum(len(s['indikator']) for s in sasaran)} indikator"]
    if key in ("program_eksisting", "program_baru"):
        return [_counted("Program" if key == "program_eksisting" else "Ide program baru", _programmes(rec))]
    if key == "rencana_aksi":
        actions = sum(len(p["actions"]) for p in rec["programs"])
        return [f"Rencana aksi: {actions} kegiatan untuk {len(rec['programs'])} program baru"]
    if key == "strategi":
        texts = [x["text"] for g in rec["by_dimension"] for x in g["strategies"]]
        return [_counted("Strategi", texts, 2)]
    if key == "inovasi":
        return [_counted("Inovasi", [x["name"] for x in rec["innovations"]]),
                "Status program: " + (", ".join(f"{x['status'].lower()} {x['count']}" for x in rec["program_status"])
                                      or "-")]
    if key == "peta_jalan":
        start = rec["start_year"]
        span = f"{start}-{start + rec['years'] - 1}" if start else "tahun pertama belum ditetapkan"
        money = f"; anggaran {rec['total_budget_label']}" if rec["total_budget"] else ""
        return [f"Peta jalan {span}: {len(rec['programs'])} program{money}"]
    if key == "kandidat_qw":
        return [f"Kandidat quick win: {len(rec['ranking'])}; kriteria: {len(rec['criteria'])}",
                _counted("Daftar pendek", rec["shortlist"], 5)]
    if key == "voting":
        return [f"{g['group']}: {g['total']} titik" for g in rec["groups"]] or ["Belum ada kelompok FGD"]
    if key == "reviu_buku":
        done = [c for c in rec["chapters"] if c["status"] == "disetujui"]
        revise = [c["chapter_label"] for c in rec["chapters"] if c["status"] == "revisi"]
        return [f"Bab disetujui: {len(done)} dari {len(rec['chapters'])}"] + \
               ([_counted("Perlu revisi", revise)] if revise else [])
    if key == "quick_win_final":
        return [_counted("Quick win final", [f"{q['name']} ({q['opd'] or 'OPD belum dipilih'})"
                                              for q in rec["quick_wins"]], 6)]
    if key == "teks_komitmen":
        if not rec["current_version"]:
            return ["Teks komitmen belum dibuat"]
        return [f"Teks komitmen versi {rec['current_version']}; "
                + ("disepakati" if rec["agreed"] else "versi terakhir belum disepakati")]
    if key == "penandatanganan":
        return [f"Sudah menandatangani: {rec['signed']} dari {rec['total']}"] + \
               ([_counted("Belum", [x["name"] for x in rec["unsigned"]], 5)] if rec["unsigned"] else [])
    if key == "penutup":
        ba = rec["berita_acara"]
        return ["Notulen: " + ("ada" if rec["notulen"] else "belum diisi"),
                f"Tindak lanjut: {len(rec['followups'])}",
                "Berita acara: " + (f"nomor {ba['number'] or '(belum bernomor)'}" if ba else "belum diisi"),
                _counted("Penanda tangan berita acara", [s["name"] for s in rec["signatories"]])]
    return []


def _organiser(services, region_id: str, office: str, region: str) -> Signer:
    """The head of the organising office (the OPD named like the kop's office), or a blank block."""
    wanted = " ".join(office.split()).casefold()
    opd = next((o for o in services.directory.opds(region_id)
                if wanted and wanted in (o.name.casefold(), o.short_name.casefold())), None)
    position = f"Kepala {office} {region}" if office else f"Penyelenggara, {region}"
    if opd is None or not opd.head_person_id:
        return Signer("", "", position)
    p = services.directory.person(opd.head_person_id)
    return Signer("", p.full_name, position, pangkat_golongan_text(p.golongan) if p.golongan else "",
                  format_nip(p.nip) if p.nip else "")


def render(services, req: ReportRequest, out, progress: Progress | None = None) -> int:
    progress = progress or Progress()
    meeting = gather(services, req, progress)
    report = bimtek_report(services.regions, services.worksheets, req.region_id, req.stage, services.commitment)
    office = services.regions.detail(req.region_id).data.office_name
    steps = tuple(StepOutput(s["title"], STATE_LABELS.get(s["state"], s["state"]),
                             tuple((c["label"], c["done"], c["detail"]) for c in s["checks"]),
                             tuple(step_lines(s["key"], s["records"]))) for s in report["steps"])
    activity = Activity(meeting, report["status_label"], report["output"], report["progress"]["passed"],
                        report["progress"]["total"], steps, _organiser(services, req.region_id, office, meeting.region),
                        office)
    return render_activity(activity, page_for(services, req, "Laporan Kegiatan", meeting), out, progress)
