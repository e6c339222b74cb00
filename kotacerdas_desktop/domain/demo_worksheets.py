"""Worksheet records of the demo region "Kota Contoh", built without a database.

`build_demo_worksheets` takes the demo people, OPDs, framework and bimtek schedule
(as plain values) and returns the records of every bimtek in the order they must be
written: agenda, mentors, FGD groups, notulen, follow-ups and berita acara for all
four bimtek, then the masterplan content of Tahap I and II (demo_masterplan.py) and
of Tahap III and IV (demo_roadmap.py). A record refers to an earlier one by its local
key (e.g. a tujuan's "misi" holds "misi:2"; a quick win's scores are keyed by
"qwc:1"...); the writer swaps those for the stored ids. A record with `updates`
changes an earlier one (a Tahap II programme gets its Tahap III status, a Tahap III
candidate becomes a final quick win in Tahap IV). Same inputs and seed, same records.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Mapping, Sequence

from . import demo_masterplan as mp
from . import demo_roadmap as rm
from .bimtek import STAGES
from .dates import date_in_words, format_days
from .quickwins import DEFAULT_CRITERIA, DOTS_CRITERION
from .readiness import merge_readiness
from .worksheets import READINESS_TEXT_FIELDS


@dataclass(frozen=True)
class DemoPerson:
    id: str
    name: str  # with titles, as written on documents
    opd: str = ""  # OPD short name, "" for people outside the government units
    jabatan: str = ""
    category: str = ""
    head: bool = False  # head of their OPD
    role: str = ""  # official role (kepala_daerah, sekda, ...)


@dataclass(frozen=True)
class DemoRecord:
    stage: int  # the bimtek the record is written through (region records: the stage that made them)
    kind: str
    data: dict
    key: str = ""  # local name later records use to refer to this one
    refs: tuple[str, ...] = field(default=())  # fields of data that hold local keys (a dict: its keys)
    updates: str = ""  # local key of an earlier record this one changes (data: only the changed fields)


MENTOR_INSTITUTIONS = (("mentor", "Kementerian Komunikasi dan Digital"),
                       ("tenaga_ahli", "Tenaga Ahli Gerakan Menuju Smart City"))
MENTOR_TOPICS = {
    1: ("Kebijakan Gerakan Menuju Smart City", "Analisis kesiapan dan perumusan visi"),
    2: ("Pemetaan program RPJMD dan Renstra", "Rencana aksi dan pembiayaan program"),
    3: ("Inovasi dan strategi smart city", "Peta jalan dan pemilihan quick win"),
    4: ("Reviu Buku I dan Buku II", "Finalisasi quick win dan komitmen bersama"),
}

# Per stage, per day: (start, end, title, who). "who" is a cast slot (see _Cast.name) or plain text.
_OPENING = (("08:00", "08:30", "Registrasi peserta dan pengisian daftar hadir", "Panitia (Diskominfo)"),
            ("08:30", "09:15", "Pembukaan: laporan panitia dan sambutan Wali Kota Contoh", "wali"))
_MORNING = ("08:00", "08:30", "Registrasi peserta", "Panitia (Diskominfo)")
_BREAK = ("10:30", "10:45", "Rehat kopi", "")
_LUNCH = ("12:00", "13:00", "Ishoma", "")
_CLOSE = ("16:00", "16:30", "Penutupan", "sekda")
AGENDA: dict[int, tuple[tuple[tuple[str, str, str, str], ...], ...]] = {
    1: ((*_OPENING,
         ("09:15", "10:30", "Paparan: kebijakan Gerakan Menuju Smart City dan tahapan masterplan", "mentor1"),
         _BREAK,
         ("10:45", "12:00", "Paparan: analisis kesiapan struktur, infrastruktur dan suprastruktur", "mentor2"),
         _LUNCH,
         ("13:00", "15:30", "FGD kelompok: kondisi dan SWOT setiap elemen kesiapan", "Pemandu kelompok FGD"),
         ("15:30", "16:30", "Pleno: presentasi hasil FGD hari pertama", "mentor1")),
        (_MORNING,
         ("08:30", "09:00", "Kilas balik hari pertama", "mentor2"),
         ("09:00", "10:30", "FGD kelompok: kesenjangan, isu strategis dan kata kunci visi", "Pemandu kelompok FGD"),
         ("10:30", "12:00", "Presentasi hasil kelompok dan tanggapan mentor", "mentor1"),
         _LUNCH,
         ("13:00", "15:00", "Perumusan visi, misi, tujuan, sasaran dan indikator", "mentor1"),
         ("15:00", "16:00", "Pleno kesepakatan hasil Tahap I dan rencana tindak lanjut", "bappeda"),
         _CLOSE)),
    2: ((*_OPENING,
         ("09:15", "10:30", "Paparan: pemetaan program RPJMD dan Renstra ke dimensi smart city", "mentor1"),
         _BREAK,
         ("10:45", "12:00", "Paparan: sinkronisasi RPJMD 2025-2029 dengan masterplan smart city", "bappeda"),
         _LUNCH,
         ("13:00", "15:30", "FGD kelompok: program eksisting per misi dan per dimensi", "Pemandu kelompok FGD"),
         ("15:30", "16:30", "Pleno: hasil pemetaan program eksisting", "mentor2")),
        (_MORNING,
         ("08:30", "09:00", "Kilas balik hari pertama", "mentor2"),
         ("09:00", "10:30", "FGD kelompok: ide program baru jangka 1, 5 dan 10 tahun", "Pemandu kelompok FGD"),
         ("10:30", "12:00", "FGD kelompok: rencana aksi program baru", "Pemandu kelompok FGD"),
         _LUNCH,
         ("13:00", "15:00", "Presentasi hasil kelompok dan tanggapan mentor", "mentor1"),
         ("15:00", "16:00", "Pleno kesepakatan hasil Tahap II", "bappeda"),
         _CLOSE)),
    3: ((*_OPENING,
         ("09:15", "10:30", "Paparan: merancang inovasi dan strategi smart city", "mentor1"),
         _BREAK,
         ("10:45", "12:00", "Paparan: kota cerdas dari riset ke praktik", "peneliti"),
         _LUNCH,
         ("13:00", "15:30", "FGD kelompok: strategi dan inovasi per dimensi", "Pemandu kelompok FGD"),
         ("15:30", "16:30", "Pleno: strategi dan inovasi per dimensi", "mentor2")),
        (_MORNING,
         ("08:30", "09:00", "Kilas balik hari pertama", "mentor2"),
         ("09:00", "10:30", "FGD kelompok: peta jalan lima tahun, anggaran dan sumber dana", "Pemandu kelompok FGD"),
         ("10:30", "12:00", "Penilaian dan pemilihan daftar pendek quick win", "mentor1"),
         _LUNCH,
         ("13:00", "15:00", "Presentasi rancangan quick win per kelompok", "mentor2"),
         ("15:00", "16:00", "Pleno kesepakatan hasil Tahap III", "bappeda"),
         _CLOSE)),
    4: ((*_OPENING,
         ("09:15", "10:30", "Reviu Buku I Analisis Strategis bab demi bab", "mentor1"),
         _BREAK,
         ("10:45", "12:00", "Reviu Buku II Masterplan bab demi bab", "mentor2"),
         _LUNCH,
         ("13:00", "15:30", "FGD kelompok: penyempurnaan dokumen dan lembar quick win", "Pemandu kelompok FGD"),
         ("15:30", "16:30", "Pleno: hasil penyempurnaan dokumen", "mentor1")),
        (_MORNING,
         ("08:30", "10:00", "Presentasi akhir quick win oleh kepala OPD pengampu", "mentor1"),
         ("10:00", "11:00", "Penetapan quick win final", "mentor2"),
         ("11:00", "12:00", "Penandatanganan komitmen bersama oleh Wali Kota dan kepala OPD", "wali"),
         _LUNCH,
         ("13:00", "15:00", "Rencana penetapan Perwali Masterplan Smart City dan tindak lanjut", "bappeda"),
         ("15:00", "16:00", "Pleno penutup dan evaluasi bimtek", "mentor2"),
         _CLOSE)),
}

# (name, focus) of the FGD groups of each bimtek.
_CLUSTERS = (("Pemerintahan dan Citra Kota", "Smart Governance dan Smart Branding"),
             ("Ekonomi dan Masyarakat", "Smart Economy dan Smart Society"),
             ("Permukiman dan Lingkungan", "Smart Living dan Smart Environment"))
FGD_GROUPS: dict[int, tuple[tuple[str, str], ...]] = {
    1: tuple((f"Kelompok {i} — {name}", f"Kesiapan semua elemen dari sudut {focus}")
             for i, (name, focus) in enumerate(_CLUSTERS, 1)),
    2: (("Kelompok 1 — Misi 1: Tata Kelola dan Pelayanan", "Program Smart Governance"),
        ("Kelompok 2 — Misi 2: Sumber Daya Manusia", "Program Smart Society dan kesehatan"),
        ("Kelompok 3 — Misi 3: Ekonomi dan Pariwisata", "Program Smart Economy dan Smart Branding"),
        ("Kelompok 4 — Misi 4 dan 5: Infrastruktur dan Lingkungan",
         "Program Smart Living dan Smart Environment")),
    3: tuple((f"Kelompok {i} — {name}", f"Strategi, inovasi dan quick win {focus}")
             for i, (name, focus) in enumerate(_CLUSTERS, 1)),
    4: (("Kelompok 1 — Reviu Buku I", "Analisis strategis, visi dan misi"),
        ("Kelompok 2 — Reviu Buku II: Tata Kelola dan Ekonomi", "Smart Governance, Branding dan Economy"),
        ("Kelompok 3 — Reviu Buku II: Sosial dan Lingkungan", "Smart Living, Society dan Environment"),
        ("Kelompok 4 — Lembar Quick Win", "Kelengkapan lembar quick win final")),
}

NOTULEN: dict[int, dict[str, str]] = {
    1: dict(
        contributions="Kepala Bappeda meminta analisis kesiapan memakai data resmi terbaru (BPS, indeks SPBE, "
                      "survei kepuasan masyarakat).\n"
                      "Dinas PUPR mengusulkan drainase dan persampahan menjadi perhatian utama infrastruktur fisik.\n"
                      "Universitas Contoh menawarkan mahasiswa magang untuk mendata aplikasi OPD.\n"
                      "Relawan TIK mengusulkan kelas literasi digital di setiap kelurahan.",
        qa="Tanya: Apakah skor kesiapan dinilai oleh kementerian?\n"
           "Jawab (mentor): Skor hanya alat bantu diskusi, bukan penilaian resmi.\n"
           "Tanya: Bagaimana jika satu isu menyangkut dua dimensi?\n"
           "Jawab (mentor): Catat pada dimensi utamanya; kaitannya dibahas pada Tahap II.",
        conclusions="1. Matriks kesiapan sembilan sub-elemen disepakati sebagai gabungan hasil tiga kelompok.\n"
                    "2. Delapan isu strategis ditetapkan beserta prioritasnya.\n"
                    "3. Visi smart city Kota Contoh disepakati; misi, tujuan, sasaran dan indikator menjadi "
                    "bahan Buku I.\n"
                    "4. OPD melengkapi data dukung paling lambat dua minggu setelah bimtek."),
    2: dict(
        contributions="Bappeda menegaskan bahwa program eksisting harus memakai kode dan nama sesuai RPJMD "
                      "2025-2029 dan Renstra.\n"
                      "Dinkes dan RSUD meminta rekam medis elektronik menjadi satu program bersama.\n"
                      "Kadin Kota Contoh siap mendukung pendampingan UMKM digital.\n"
                      "BPBD mengusulkan sistem peringatan dini masuk rencana jangka panjang.",
        qa="Tanya: Apakah ide program baru harus sudah ada anggarannya?\n"
           "Jawab (mentor): Belum; cukup OPD pengampu, horizon dan rencana aksi. Pembiayaan dibahas di Tahap III.\n"
           "Tanya: Bolehkah satu program mendukung dua misi?\n"
           "Jawab (mentor): Boleh; pilih misi utamanya di lembar kerja.",
        conclusions="1. Program RPJMD dan Renstra dipetakan ke setiap misi dan dimensi.\n"
                    "2. Ide program baru jangka 1, 5 dan 10 tahun disepakati beserta OPD pengampunya.\n"
                    "3. Setiap ide program baru memiliki rencana aksi awal.\n"
                    "4. Bappeda memverifikasi kode program sebelum Tahap III."),
    3: dict(
        contributions="Peserta sepakat inovasi tidak harus berbasis TIK; perbaikan kebijakan juga dihitung.\n"
                      "Dishub dan Diskominfo mengusulkan command center dibangun bertahap.\n"
                      "Dispar mengusulkan city branding sebagai quick win karena manfaatnya cepat terasa.",
        qa="Tanya: Berapa quick win yang ideal?\n"
           "Jawab (mentor): Tiga sampai enam, sebaiknya satu per dimensi, masing-masing dengan OPD pengampu.\n"
           "Tanya: Apakah peta jalan boleh melewati masa RPJMD?\n"
           "Jawab (mentor): Boleh sampai sepuluh tahun; tahun 6-10 bersifat arah kebijakan.",
        conclusions="1. Strategi per dimensi dan daftar inovasi disepakati.\n"
                    "2. Peta jalan lima tahun disusun untuk setiap program baru, dengan perkiraan anggaran dan "
                    "sumber dana.\n"
                    "3. Sepuluh kandidat quick win masuk daftar pendek untuk dimatangkan pada Tahap IV."),
    4: dict(
        contributions="Kelompok reviu meminta indikator Buku I diselaraskan dengan indikator kinerja RPJMD.\n"
                      "Kepala OPD pengampu mempresentasikan quick win dengan jadwal dan anggaran.\n"
                      "Wali Kota meminta quick win masuk RKPD tahun depan.",
        qa="Tanya: Kapan masterplan ditetapkan?\n"
           "Jawab (Bappeda): Setelah penyempurnaan akhir, melalui Peraturan Wali Kota.\n"
           "Tanya: Siapa yang memantau pelaksanaan quick win?\n"
           "Jawab (Diskominfo): Tim Pelaksana Smart City, dilaporkan setiap triwulan kepada Dewan Smart City.",
        conclusions="1. Buku I dan Buku II disempurnakan sesuai masukan kelompok reviu.\n"
                    "2. Enam quick win final ditetapkan, satu untuk setiap dimensi.\n"
                    "3. Komitmen bersama ditandatangani oleh Wali Kota dan seluruh kepala OPD.\n"
                    "4. Rancangan Perwali Masterplan Smart City disiapkan Bagian Hukum Setda."),
}

# (action, owner slot, days after the last bimtek day, status)
FOLLOWUPS: dict[int, tuple[tuple[str, str, int, str], ...]] = {
    1: (("Melengkapi data dukung analisis kesiapan (aplikasi, SDM TIK, anggaran TIK) setiap OPD", "aptika", 14,
         "selesai"),
        ("Menyusun draf Buku I Analisis Strategis", "mentor1", 28, "selesai"),
        ("Menyampaikan RPJMD 2025-2029 dan Renstra OPD dalam format lembar kerja Tahap II", "bappeda", 21,
         "selesai")),
    2: (("Memverifikasi kode dan nama program eksisting dengan dokumen Renstra setiap OPD", "bappeda", 14,
         "selesai"),
        ("Melengkapi uraian dan rencana aksi ide program baru", "kominfo", 21, "terbuka"),
        ("Mengumpulkan contoh inovasi dari kompetisi inovasi daerah", "brida", 21, "terbuka")),
    3: (("Menyusun lembar quick win lengkap (masalah, solusi, jadwal, anggaran)", "kominfo", 14, "terbuka"),
        ("Menyusun draf Buku II Masterplan dan peta jalan", "mentor1", 14, "terbuka"),
        ("Menyiapkan naskah komitmen bersama dan daftar penanda tangan", "kominfo_sek", 14, "terbuka"),
        ("Menjadwalkan kehadiran Wali Kota dan seluruh kepala OPD pada Tahap IV", "sekda", 7, "terbuka")),
    4: (("Menyampaikan dokumen masterplan final kepada Kementerian Komunikasi dan Digital", "kominfo", 14,
         "terbuka"),
        ("Menyusun rancangan Perwali Masterplan Smart City", "sekda", 45, "terbuka"),
        ("Memasukkan quick win tahun pertama ke RKPD dan Renja OPD", "bappeda", 30, "terbuka")),
}

BERITA_ACARA: dict[int, tuple[int, str]] = {
    1: (412, "1. Hasil analisis kesiapan (struktur, infrastruktur, suprastruktur) disepakati.\n"
             "2. Isu strategis dan visi smart city Kota Contoh disepakati.\n"
             "3. Misi, tujuan, sasaran dan indikator menjadi bahan Buku I Analisis Strategis."),
    2: (468, "1. Pemetaan program RPJMD dan Renstra per misi dan dimensi disepakati.\n"
             "2. Ide program baru jangka 1, 5 dan 10 tahun beserta OPD pengampu disepakati.\n"
             "3. Rencana aksi awal setiap program baru menjadi bahan Buku II Masterplan."),
    3: (523, "1. Strategi dan inovasi per dimensi disepakati.\n"
             "2. Peta jalan lima tahun program baru disepakati sebagai bahan Buku II.\n"
             "3. Daftar pendek quick win ditetapkan untuk dimatangkan pada Tahap IV."),
    4: (571, "1. Buku I dan Buku II Masterplan Smart City Kota Contoh disepakati dengan perbaikan.\n"
             "2. Quick win final ditetapkan beserta OPD pengampunya.\n"
             "3. Komitmen bersama ditandatangani oleh Wali Kota dan kepala OPD."),
}


class _Cast:
    """Who plays which part, picked from the demo people by role, OPD and jabatan."""

    def __init__(self, people: Sequence[DemoPerson]) -> None:
        self.people = list(people)
        self.mentors = mentors = [p for p in self.people if p.category == "mentor"][:2]
        self.slots: dict[str, DemoPerson | None] = {
            "wali": self._first(lambda p: p.role == "kepala_daerah"),
            "sekda": self._first(lambda p: p.role == "sekda"),
            "kominfo": self._head("Diskominfo"),
            "bappeda": self._head("Bappeda"),
            "brida": self._head("BRIDA"),
            "mentor1": mentors[0] if mentors else None,
            "mentor2": mentors[-1] if mentors else None,
            "peneliti": self._first(lambda p: p.category == "speaker"),
            "aptika": self._first(lambda p: p.opd == "Diskominfo" and "Aplikasi" in p.jabatan)
            or self._head("Diskominfo"),
            "kominfo_sek": self._first(lambda p: p.opd == "Diskominfo" and p.jabatan == "Sekretaris")
            or self._head("Diskominfo"),
        }

    def _first(self, test) -> DemoPerson | None:
        return next((p for p in self.people if test(p)), None)

    def _head(self, opd: str) -> DemoPerson | None:
        return self._first(lambda p: p.opd == opd and p.head)

    def name(self, slot: str) -> str:
        """A slot's person, or the slot itself when it is plain text ("Panitia (Diskominfo)")."""
        if slot in self.slots:
            p = self.slots[slot]
            return p.name if p else ""
        return slot

    def facilitators(self) -> list[DemoPerson]:
        """Group leads: heads of division at Bappeda and Diskominfo, then the university lecturers."""
        return ([p for p in self.people if p.opd in ("Bappeda", "Diskominfo") and p.jabatan.startswith("Kepala Bidang")]
                + [p for p in self.people if p.category == "tim_pelaksana" and p.jabatan.startswith("Dosen")])

    def minute_takers(self) -> list[DemoPerson]:
        return [p for p in self.people if p.opd == "Diskominfo" and "Ahli Pertama" in p.jabatan] or \
            [p for p in self.people if p.opd == "Diskominfo"]

    def participants(self) -> list[DemoPerson]:
        return [p for p in self.people if p.category in ("opd_staff", "dewan", "tim_pelaksana")]


def _position(p: DemoPerson) -> str:
    return f"{p.jabatan}, {p.opd}" if p.opd and p.opd not in p.jabatan and not p.head else p.jabatan


def _groups(stage: int, cast: _Cast, rng: random.Random) -> list[DemoRecord]:
    specs = FGD_GROUPS[stage]
    n = len(specs)
    pool = cast.facilitators()
    leads = [pool[((stage - 1) * n + i) % len(pool)] for i in range(n)] if pool else []
    others = [p for p in cast.participants() if p not in leads]
    rng.shuffle(others)
    others.sort(key=lambda p: p.opd)  # stable: each OPD's people in random order, then dealt out
    members: list[list[str]] = [[leads[i].id] if leads else [] for i in range(n)]
    for i, p in enumerate(others):
        members[(i + stage) % n].append(p.id)
    return [DemoRecord(stage, "fgd_group", {"name": name, "focus": focus,
                                            "lead": leads[i].name if leads else "", "members": members[i]},
                       key=f"fgd:{stage}:{i + 1}")
            for i, (name, focus) in enumerate(specs)]


def _preparation(stage: int, days: Sequence[date], cast: _Cast, rng: random.Random) -> list[DemoRecord]:
    out = [DemoRecord(stage, "agenda", {"day": day.isoformat(), "start": start, "end": end, "title": title,
                                        "speaker": cast.name(who)})
           for day, sessions in zip(days, AGENDA[stage]) for start, end, title, who in sessions]
    out += [DemoRecord(stage, "mentor", {"name": person.name, "role": role, "institution": institution,
                                         "topic": topic})
            for (role, institution), topic, person in zip(MENTOR_INSTITUTIONS, MENTOR_TOPICS[stage], cast.mentors)]
    return out + _groups(stage, cast, rng)


def _closing(stage: int, venue: str, days: Sequence[date], next_bimtek: tuple[str, Sequence[date]] | None,
             cast: _Cast) -> list[DemoRecord]:
    chair = cast.slots["sekda" if stage == 4 else "kominfo"]
    takers = cast.minute_takers()
    taker = takers[(stage - 1) % len(takers)] if takers else None
    if next_bimtek:
        label, title = STAGES[stage + 1][0], STAGES[stage + 1][1]
        next_meeting = f"Bimtek {label} ({title}), {format_days(list(next_bimtek[1]))}, {next_bimtek[0]}"
    else:
        next_meeting = "Rapat Dewan Smart City: pembahasan rancangan Perwali Masterplan, Januari 2027"
    out = [DemoRecord(stage, "notulen", {"chair": chair.name if chair else "",
                                         "minute_taker": taker.name if taker else "", "start": "08:30",
                                         "end": "16:30", **NOTULEN[stage], "next_meeting": next_meeting})]
    last = max(days) if days else None
    out += [DemoRecord(stage, "followup", {"action": action, "owner": cast.name(owner), "status": status,
                                           "due": (last + timedelta(days=after)).isoformat() if last else ""})
            for action, owner, after, status in FOLLOWUPS[stage]]
    number, decisions = BERITA_ACARA[stage]
    label, title = STAGES[stage][0], STAGES[stage][1]
    wali = cast.slots["wali"]
    opening = (f"Pada hari ini {date_in_words(min(days))} bertempat di {venue}, telah dilaksanakan "
               if days else "Telah dilaksanakan ")
    proceedings = (f"{opening}Bimbingan Teknis Penyusunan Masterplan Smart City Kota Contoh {label}: {title}"
                   + (f" selama {len(days)} hari ({format_days(list(days))})" if days else "") + ".\n"
                   f"Acara dibuka oleh Wali Kota Contoh{', ' + wali.name if wali else ''}, dan dihadiri perangkat "
                   "daerah, Dewan Smart City, Tim Pelaksana Smart City serta mentor dari Kementerian Komunikasi "
                   "dan Digital (daftar hadir terlampir).\n"
                   "Peserta bekerja dalam kelompok FGD sesuai agenda dan hasilnya dibahas dalam pleno.\n"
                   "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.")
    year = last.year if last else 2026
    out.append(DemoRecord(stage, "berita_acara", {"number": f"005/{number}/DISKOMINFO/{year}",
                                                  "proceedings": proceedings, "decisions": decisions}))
    signers = ((chair, "pimpinan"), (cast.slots["mentor1"], "narasumber"), (taker, "notulis"))
    out += [DemoRecord(stage, "ba_signatory", {"name": p.name, "jabatan": _position(p), "role": role})
            for p, role in signers if p is not None]
    return out


def _readiness(groups: list[str], rng: random.Random) -> list[DemoRecord]:
    out: list[DemoRecord] = []
    for element, spec in mp.READINESS.items():
        entries = []
        for g, group in enumerate(groups):
            entry = {key: spec[key][g % len(spec[key])] for key in READINESS_TEXT_FIELDS}
            entry["keywords"] = ", ".join(rng.sample(spec["keywords"], 3))
            entry["score"] = max(1, min(5, spec["score"] + rng.choice((-1, 0, 0, 1))))
            entries.append(entry)
            out.append(DemoRecord(1, "readiness", {"element": element, "group": group, **entry}, refs=("group",)))
        out.append(DemoRecord(1, "readiness", {"element": element, "group": "", **merge_readiness(entries)}))
    return out


def _goals() -> list[DemoRecord]:
    out: list[DemoRecord] = []
    for m, (misi, goals) in enumerate(mp.MISI, 1):
        out.append(DemoRecord(1, "misi", {"text": misi}, key=f"misi:{m}"))
        for t, (tujuan, targets) in enumerate(goals, 1):
            tk = f"tujuan:{m}.{t}"
            out.append(DemoRecord(1, "tujuan", {"misi": f"misi:{m}", "text": tujuan}, key=tk, refs=("misi",)))
            for s, (sasaran, indicators) in enumerate(targets, 1):
                sk = f"sasaran:{m}.{t}.{s}"
                out.append(DemoRecord(1, "sasaran", {"tujuan": tk, "text": sasaran}, key=sk, refs=("tujuan",)))
                for name, unit, baseline, target, year in indicators:
                    out.append(DemoRecord(1, "indikator", {"sasaran": sk, "name": name, "unit": unit,
                                                           "baseline": baseline, "target": target, "year": year},
                                          refs=("sasaran",)))
    return out


def _programmes(opds: Mapping[str, str], elements: Mapping[tuple[str, str], str]) -> list[DemoRecord]:
    out: list[DemoRecord] = []
    for source, code, name, opd, misi, element, start, end in mp.PROGRAMMES:
        out.append(DemoRecord(2, "program", {
            "source": source, "ref_code": code, "name": name, "misi": f"misi:{misi}",
            "element": elements.get(element, ""), "opd": opds.get(opd, ""), "year_start": start,
            "year_end": end}, refs=("misi",)))
    for i, (name, horizon, opd, misi, element, description, actions) in enumerate(mp.NEW_PROGRAMMES, 1):
        out.append(DemoRecord(2, "program", {
            "source": "baru", "name": name, "misi": f"misi:{misi}", "element": elements.get(element, ""),
            "opd": opds.get(opd, ""), "horizon": horizon, "status": "usulan", "description": description},
            key=f"program:{i}", refs=("misi",)))
        for activity, who, output, year, indicator in actions:
            out.append(DemoRecord(2, "action", {"program": f"program:{i}", "activity": activity,
                                                "opd": opds.get(who, ""), "output": output, "year": year,
                                                "indicator": indicator}, refs=("program",)))
    return out


def _strategy_and_roadmap(opds: Mapping[str, str], elements: Mapping[tuple[str, str], str],
                          dimensions: Mapping[str, str], start_year: int) -> list[DemoRecord]:
    """Tahap III: strategies, innovations, the status of the new programmes and the roadmap."""
    out = [DemoRecord(3, "strategy", {"dimension": dimensions.get(dim, ""),
                                      "element": elements.get((dim, element), "") if element else "",
                                      "misi": f"misi:{misi}", "text": text}, refs=("misi",))
           for dim, element, misi, text in rm.STRATEGIES]
    out += [DemoRecord(3, "innovation", {"program": f"program:{n}", "name": name, "type": kind,
                                         "opd": opds.get(opd, ""), "description": description}, refs=("program",))
            for n, name, kind, opd, description in rm.INNOVATIONS]
    out += [DemoRecord(3, "program", {"status": "terpilih"}, updates=f"program:{n}")
            for n in range(1, len(mp.NEW_PROGRAMMES) + 1)]
    out.append(DemoRecord(3, "roadmap_config", {"start_year": start_year, "years": rm.ROADMAP_YEARS}))
    out += [DemoRecord(3, "roadmap", {"program": f"program:{n}", "year": year, "milestone": milestone,
                                      "budget": millions * 1_000_000, "source": source}, refs=("program",))
            for n, entries in sorted(rm.ROADMAP.items()) for year, milestone, millions, source in entries]
    return out


def _quick_wins(opds: Mapping[str, str], elements: Mapping[tuple[str, str], str],
                groups: Sequence[str]) -> list[DemoRecord]:
    """Tahap III: the scoring set-up, the candidates with their scores and the dot votes."""
    lo, hi = rm.SCORE_SCALE
    out = [DemoRecord(3, "qw_config", {"score_min": lo, "score_max": hi, "shortlist_size": rm.SHORTLIST_SIZE})]
    criteria = [(name, weight, source, description) for (name, _, source, description), weight
                in zip((*DEFAULT_CRITERIA, DOTS_CRITERION), (*rm.CRITERION_WEIGHTS, rm.DOTS_WEIGHT))]
    out += [DemoRecord(3, "qw_criterion", {"name": name, "weight": weight, "source": source,
                                           "description": description}, key=f"qwc:{i}")
            for i, (name, weight, source, description) in enumerate(criteria, 1)]
    for i, (name, program, element, opd, scores, _dots, status, what) in enumerate(rm.CANDIDATES, 1):
        out.append(DemoRecord(3, "quick_win", {
            "name": name, "program": f"program:{program}", "status": status,
            "scores": {f"qwc:{c}": score for c, score in enumerate(scores, 1)},
            "element": elements.get(element, ""), "opd": opds.get(opd, ""), "solution": what},
            key=f"qw:{i}", refs=("program", "scores")))
    out += [DemoRecord(3, "dot_vote", {"candidate": f"qw:{i}", "group": group, "dots": n},
                       refs=("candidate", "group"))
            for i, candidate in enumerate(rm.CANDIDATES, 1) for group, n in zip(groups, candidate[5]) if n]
    return out


def _finalisation(cast: _Cast, start_year: int, commitment_version: int) -> list[DemoRecord]:
    """Tahap IV: the chapter review, the final quick-win sheets and the agreed commitment text."""
    out = [DemoRecord(4, "chapter_review", {"chapter": chapter, "status": "disetujui", "reviewer": cast.name(who),
                                            "comments": comments})
           for chapter, (who, comments) in rm.CHAPTER_REVIEWS.items()]
    keys = {c[0]: f"qw:{i}" for i, c in enumerate(rm.CANDIDATES, 1)}
    for name, sheet in rm.FINAL_SHEETS.items():
        month, day = sheet["start"]
        out.append(DemoRecord(4, "quick_win", {**sheet, "status": "quick_win",
                                               "start": date(start_year, month, day).isoformat()},
                              updates=keys[name]))
    if commitment_version:
        out.append(DemoRecord(4, "commitment_agreement", {
            "agreed_version": commitment_version,
            "note": f"Teks versi {commitment_version} dibacakan dalam pleno Tahap IV dan disepakati tanpa perubahan."}))
    return out


def build_demo_worksheets(people: Sequence[DemoPerson], opds: Mapping[str, str],
                          elements: Mapping[tuple[str, str], str],
                          bimtek: Mapping[int, tuple[str, Sequence[date]]], seed: int = 2022,
                          dimensions: Mapping[str, str] | None = None,
                          commitment_version: int = 0) -> list[DemoRecord]:
    """Every worksheet record of the demo, in writing order.

    people: the region's people in a stable order; opds: OPD short name -> id;
    elements: (dimension code, element name) -> id; bimtek: stage -> (venue, days);
    dimensions: dimension code -> id; commitment_version: the commitment text's current
    version, which Tahap IV agrees on (0: no agreement is recorded). A reference to an
    unknown OPD, element or dimension is left empty. The content of Tahap III and IV is
    built only when those bimtek are given; the roadmap starts the year after the first
    bimtek day."""
    rng = random.Random(seed)
    cast = _Cast(people)
    out: list[DemoRecord] = []
    for stage in sorted(bimtek):
        venue, days = bimtek[stage]
        days = sorted(days)
        out += _preparation(stage, days, cast, rng) + _closing(stage, venue, days, bimtek.get(stage + 1), cast)
    groups = [r.key for r in out if r.kind == "fgd_group" and r.stage == 1]
    out += _readiness(groups, rng)
    for title, element, dimension, priority, description in mp.ISSUES:
        out.append(DemoRecord(1, "strategic_issue", {"title": title, "element": element,
                                                     "dimension": elements.get(dimension, ""),
                                                     "priority": priority, "description": description}))
    out.append(DemoRecord(1, "visi", {**mp.VISI, "status": "disepakati"}))
    out += _goals()
    out += _programmes(opds, elements)
    first = min((d for _, days in bimtek.values() for d in days), default=date(2026, 1, 1))
    if 3 in bimtek:
        out += _strategy_and_roadmap(opds, elements, dimensions or {}, first.year + 1)
        out += _quick_wins(opds, elements, [r.key for r in out if r.kind == "fgd_group" and r.stage == 3])
    if 4 in bimtek and 3 in bimtek:
        out += _finalisation(cast, first.year + 1, commitment_version)
    return out
