"""What Buku I Analisis Strategis, Buku II Masterplan and the executive summary say.

The builders turn a `Source` (gathered by services/documents/books.py, names resolved) into
a `Book` of blocks (books_data). Chapter titles are those of BOOK_CHAPTERS. Every chapter
says what is still missing and where to fill it in, so the book of an empty region is a
book too, never an error.
"""
from __future__ import annotations

from ..domain.bimtek import STAGES
from ..domain.wizard import step_for
from ..domain.worksheets import BOOK_CHAPTERS, FUNDING_SOURCES
from .books_data import (Bars, Book, Chapter, Fields, Grid, Highlight, Items, Legend, Section, Source, Text)

# Roadmap cells are coloured by funding source (pastel, so black text stays readable).
FUNDING_COLOURS = {"apbd": "#9dc3e6", "apbn_dak": "#a9d18e", "apbdes": "#ffd966", "csr": "#f4b183",
                   "kpbu": "#c9b3e0", "masyarakat": "#f7c6d9", "": "#d9d9d9"}
PRIORITY_ORDER = {"tinggi": 0, "sedang": 1, "rendah": 2}
READINESS_HEADERS = ["Sub-elemen", "Kondisi saat ini", "Kekuatan", "Kelemahan", "Peluang", "Ancaman",
                     "Kesenjangan (gap)"]


def chapter_title(key: str) -> str:
    """'Bab 1 Pendahuluan' for 'b1.1' (BOOK_CHAPTERS without the book's name)."""
    return dict(BOOK_CHAPTERS)[key].split(" · ", 1)[-1]


def where(stage: int, step: str) -> str:
    return f"isi di {STAGES[stage][0]} langkah {step_for(stage, step).title}"


def missing(what: str, stage: int, step: str) -> Text:
    return Text(f"Belum ada {what}; {where(stage, step)}.", "missing")


class _Numbers:
    """Section numbers within one chapter: 1.1, 1.2 ..."""

    def __init__(self, key: str) -> None:
        self.chapter, self.n = key.split(".")[1], 0

    def __call__(self, title: str) -> Section:
        self.n += 1
        return Section(f"{self.chapter}.{self.n} {title}")


def _value(x) -> str:
    return "" if x is None else str(x)


# --- shared passages -------------------------------------------------------------------------

def _programme_intro(src: Source) -> list:
    return [Text("Gerakan Menuju Smart City adalah program Kementerian Komunikasi dan Digital (dahulu "
                 "Kementerian Komunikasi dan Informatika) bersama pemerintah kabupaten dan kota untuk menyusun "
                 "rencana induk (masterplan) smart city: arah pembangunan daerah yang memanfaatkan teknologi, "
                 "inovasi dan kolaborasi untuk meningkatkan kualitas layanan publik dan kesejahteraan masyarakat."),
            Text(f"Pemerintah {src.region} menyusun masterplan smart city melalui empat bimbingan teknis (bimtek) "
                 f"bersama perangkat daerah, Dewan Smart City, Tim Pelaksana dan mentor dari kementerian. "
                 f"Hasilnya dituangkan dalam dua buku: Buku I Analisis Strategis dan Buku II Masterplan.")]


def _sources(src: Source) -> list:
    rows = [[b["label"], b["title"], b["dates"] or "belum dijadwalkan", b["venue"] or "-",
             str(b["present"]) if b["present"] else "-", b["status"]] for b in src.bimtek]
    out = [Text("Isi buku ini dihimpun dari kertas kerja yang diisi peserta selama empat bimtek. Setiap data "
                "dicatat langsung di ruang bimtek dan dapat diperbaiki pada tahap berikutnya.")]
    if rows:
        out += [Grid(["Tahap", "Tema", "Tanggal", "Tempat", "Kehadiran", "Status"], rows, [1.1, 2.5, 2.2, 3, 1.7, 1.5],
                     align="llllcl"),
                Text("Kehadiran: jumlah tanda hadir pada seluruh hari bimtek tahap itu.", "note")]
    return out


def _systematics(keys: list[str]) -> list:
    return [Text("Buku ini disusun dengan sistematika berikut:"), Items([chapter_title(k) for k in keys])]


def _misi_list(src: Source) -> list:
    if not src.misi:
        return [missing("misi", 1, "misi")]
    return [Grid(["Kode", "Misi"], [[code or "-", text] for code, text in src.misi], [1, 12], align="cl")]


def _vision(src: Source) -> list:
    visi = src.vision or {}
    if not visi.get("text"):
        return [missing("rumusan visi", 1, "visi")]
    status = "disepakati" if visi.get("status") == "disepakati" else "masih draf"
    out = [Highlight(visi["text"], f"Visi smart city {src.region} ({status})")]
    if visi.get("explanation"):
        out += [Text("Penjelasan visi:"), Items(visi["explanation"].split("\n"))]
    return out


def _issue_rows(src: Source) -> list[dict]:
    return sorted(src.issues, key=lambda x: PRIORITY_ORDER.get(x.get("priority"), 3))


# --- Buku I ----------------------------------------------------------------------------------

def buku_1(src: Source) -> Book:
    chapters = [_b11(src), _b12(src), _b13(src), _b14(src), _b15(src), _b16(src)]
    return Book("buku-1", "MASTERPLAN SMART CITY", "BUKU I", "ANALISIS STRATEGIS", src.region, src.province,
                src.year, src.logo, chapters, label="Buku I Analisis Strategis")


def _b11(src: Source) -> Chapter:
    n = _Numbers("b1.1")
    return Chapter("b1.1", chapter_title("b1.1"), [
        n("Latar belakang"), *_programme_intro(src),
        n("Maksud dan tujuan"),
        Text(f"Buku I memuat analisis kesiapan daerah, isu strategis, serta visi, misi, tujuan, sasaran dan "
             f"indikator smart city {src.region}. Buku ini menjadi dasar penyusunan strategi, program, peta jalan "
             f"dan quick win dalam Buku II Masterplan."),
        n("Sumber data"), *_sources(src),
        n("Sistematika penulisan"), *_systematics([k for k, _ in BOOK_CHAPTERS if k.startswith("b1")])])


def _b12(src: Source) -> Chapter:
    n = _Numbers("b1.2")
    identity = [("Nama wilayah", src.region), ("Provinsi", src.province or "-"),
                *[(title, name or "belum ditetapkan") for title, name in src.officials],
                ("Perangkat daerah (OPD)", f"{src.opd_count} OPD"),
                ("Peserta terdaftar", f"{src.people_count} orang"),
                ("Pengelola", ", ".join(x for x in (src.office, src.address) if x) or "-")]
    blocks = [n("Identitas wilayah"), Fields(identity), n("Kerangka smart city")]
    elements = sum(len(e) for _, e in src.dimensions)
    if src.dimensions:
        blocks += [Text(f"Masterplan ini memakai {src.framework or 'kerangka smart city'} dengan "
                        f"{len(src.dimensions)} dimensi dan {elements} elemen:"),
                   Grid(["No", "Dimensi", "Elemen"], [[str(i), d, "; ".join(e) or "-"]
                                                      for i, (d, e) in enumerate(src.dimensions, 1)],
                        [0.6, 3, 9], align="cll")]
    else:
        blocks.append(Text("Kerangka smart city belum dipilih; atur dimensi dan elemen di data wilayah.", "missing"))
    blocks.append(n("Perangkat daerah dan peserta"))
    if src.categories:
        blocks += [Text(f"Penyusunan masterplan melibatkan {src.opd_count} perangkat daerah dan "
                        f"{src.people_count} peserta terdaftar dengan rincian sebagai berikut."),
                   Grid(["Kelompok peserta", "Jumlah"], [[c, str(k)] for c, k in src.categories]
                        + [["Jumlah", str(src.people_count)]], [8, 2], kinds=[""] * len(src.categories) + ["total"],
                        align="lr")]
    else:
        blocks.append(Text("Belum ada peserta terdaftar; isi di Direktori peserta.", "missing"))
    return Chapter("b1.2", chapter_title("b1.2"), blocks)


def _b13(src: Source) -> Chapter:
    n = _Numbers("b1.3")
    names = ", ".join(e["element"] for e in src.readiness) or "Struktur, Infrastruktur dan Suprastruktur"
    blocks = [Text(f"Analisis kesiapan menilai kesiapan daerah pada elemen {names}. Untuk setiap sub-elemen, "
                   f"kelompok diskusi terfokus (FGD) mencatat kondisi saat ini, kekuatan, kelemahan, peluang, ancaman "
                   f"dan kesenjangan (gap); hasil semua kelompok lalu digabungkan.")]
    if not any(s["record"] for e in src.readiness for s in e["subs"]):
        blocks.append(missing("data analisis kesiapan", 1, "kesiapan"))
        return Chapter("b1.3", chapter_title("b1.3"), blocks, landscape=True)
    scores = []
    for element in src.readiness:
        blocks.append(n(f"Elemen {element['element']}"))
        rows = []
        for sub in element["subs"]:
            rec = sub["record"] or {}
            label = sub["label"] + (f"\nSkor: {rec['score_label']}" if rec.get("score_label") else "") \
                + ("\n(gabungan otomatis dari masukan kelompok)" if sub["auto"] else "") \
                + ("" if rec else "\n(belum diisi)")
            rows.append([label] + [rec.get(k) or "-" for k in ("kondisi", "kekuatan", "kelemahan", "peluang",
                                                                  "ancaman", "gap")])
            if isinstance(rec.get("score"), int):
                scores.append((f"{element['element']} › {sub['label']}", rec["score"], str(rec["score"])))
        blocks.append(Grid(READINESS_HEADERS, rows, [2.2, 3, 3, 3, 3, 3, 3]))
    scale = src.scale
    if scale.get("enabled") and scores:
        blocks += [n("Skor kesiapan (tidak resmi)"),
                   Bars(f"Skor kesiapan per sub-elemen, skala {scale['minimum']}-{scale['maximum']} "
                        f"(skor tidak resmi)", scores, scale["maximum"]),
                   Text(f"Skor diberikan peserta FGD sebagai alat bantu diskusi ({scale.get('labels') or ''}); "
                        f"skor ini bukan penilaian resmi kementerian.", "note")]
    return Chapter("b1.3", chapter_title("b1.3"), blocks, landscape=True)


def _b14(src: Source) -> Chapter:
    issues = _issue_rows(src)
    if not issues:
        return Chapter("b1.4", chapter_title("b1.4"), [missing("isu strategis", 1, "isu")])
    rows = [[str(i), x["title"] + (f"\n{x['description']}" if x.get("description") else ""),
             "\n".join(v for v in (x.get("element_label"), x.get("dimension")) if v) or "-",
             x.get("priority_label") or "-"] for i, x in enumerate(issues, 1)]
    return Chapter("b1.4", chapter_title("b1.4"), [
        Text(f"Isu strategis dirumuskan dari kesenjangan yang ditemukan pada analisis kesiapan. Terdapat "
             f"{len(issues)} isu strategis, diurutkan menurut prioritas."),
        Grid(["No", "Isu strategis dan uraian", "Elemen kesiapan / dimensi", "Prioritas"], rows, [0.6, 8, 3.4, 1.5],
             align="cllc", lead=(1,))])


def _b15(src: Source) -> Chapter:
    n = _Numbers("b1.5")
    blocks = [n("Kata kunci visi")]
    if src.keywords:
        top = src.keywords[:12]
        blocks += [Text("Kata kunci visi dikumpulkan dari setiap elemen analisis kesiapan; semakin sering sebuah kata "
                        "kunci disebut, semakin kuat ia mewarnai rumusan visi."),
                   Bars("Kata kunci visi yang paling sering disebut", [(w, c, str(c)) for w, c in top],
                        max(c for _, c in top)),
                   _keyword_table(src.keywords)]
    else:
        blocks.append(Text(f"Belum ada kata kunci visi; {where(1, 'kesiapan')}.", "missing"))
    blocks += [n("Visi"), *_vision(src), n("Misi")]
    blocks += [Text(f"Visi dijabarkan dalam {len(src.misi)} misi:")] if src.misi else []
    blocks += _misi_list(src)
    return Chapter("b1.5", chapter_title("b1.5"), blocks)


def _keyword_table(keywords: list[tuple[str, int]], columns: int = 3) -> Grid:
    """Every keyword with its count, in `columns` pairs of columns side by side."""
    per = -(-len(keywords) // columns)
    rows = []
    for i in range(per):
        row = []
        for c in range(columns):
            k = i + c * per
            row += [keywords[k][0], str(keywords[k][1])] if k < len(keywords) else ["", ""]
        rows.append(row)
    return Grid(["Kata kunci", "Disebut"] * columns, rows, [3.2, 1.5] * columns, align="lc" * columns)


def _b16(src: Source) -> Chapter:
    if not src.goals:
        return Chapter("b1.6", chapter_title("b1.6"),
                       [missing("tujuan, sasaran dan indikator", 1, "tujuan")])
    rows, kinds = [], []
    for g in src.goals:
        level = g["level"]
        if level == "misi":
            rows.append([f"{g['code']}  {g['text']}"] + [""] * 5)
        else:
            rows.append([g["code"], g["text"], g.get("unit") or "", _value(g.get("baseline")),
                         _value(g.get("target")), _value(g.get("year"))])
        kinds.append({"misi": "group", "tujuan": "strong"}.get(level, ""))
    return Chapter("b1.6", chapter_title("b1.6"), [
        Text("Setiap misi dijabarkan menjadi tujuan (T), setiap tujuan menjadi sasaran (S), dan setiap sasaran "
             "diukur dengan indikator (I) yang memiliki kondisi awal (baseline), target dan tahun target."),
        Grid(["Kode", "Tujuan / sasaran / indikator", "Satuan", "Baseline", "Target", "Tahun"], rows,
             [1.4, 7.2, 1.6, 1.5, 1.5, 1.3], kinds=kinds, align="llcccc")])


# --- Buku II ---------------------------------------------------------------------------------

def buku_2(src: Source) -> Book:
    chapters = [_b21(src), _b22(src), _b23(src), _b24(src), _b25(src), _b26(src), _b27(src)]
    return Book("buku-2", "MASTERPLAN SMART CITY", "BUKU II", "MASTERPLAN", src.region, src.province, src.year,
                src.logo, chapters, [_annex_commitment(src), _annex_people(src)], label="Buku II Masterplan")


def _b21(src: Source) -> Chapter:
    n = _Numbers("b2.1")
    visi = (src.vision or {}).get("text")
    link = [Text("Buku II menjabarkan hasil Buku I Analisis Strategis menjadi strategi, program, inovasi, rencana "
                 "aksi, peta jalan dan quick win. Visi yang menjadi arah seluruh program adalah:"),
            Highlight(visi)] if visi else [Text("Buku II menjabarkan hasil Buku I Analisis Strategis menjadi "
                                                "strategi, program, inovasi, rencana aksi, peta jalan dan quick win."),
                                           missing("rumusan visi", 1, "visi")]
    return Chapter("b2.1", chapter_title("b2.1"), [
        n("Latar belakang"), *_programme_intro(src),
        n("Keterkaitan dengan Buku I"), *link,
        n("Sumber data"), *_sources(src),
        n("Sistematika penulisan"), *_systematics([k for k, _ in BOOK_CHAPTERS if k.startswith("b2")]),
        Text("Lampiran memuat lembar komitmen bersama beserta penanda tangannya dan daftar peserta.", "note")])


def _by_dimension(src: Source, rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Rows grouped in the framework's dimension order; rows of no (or an unknown) dimension last."""
    names = [d for d, _ in src.dimensions]
    groups = [(d, [r for r in rows if r.get("dimension") == d]) for d in names]
    rest = [r for r in rows if r.get("dimension") not in names]
    return groups + ([("Tanpa dimensi", rest)] if rest else [])


def _b22(src: Source) -> Chapter:
    n = _Numbers("b2.2")
    blocks = [Text("Strategi dirumuskan untuk setiap dimensi smart city dan dikaitkan dengan misi (kode M), "
                   "sebagai jalan untuk menutup kesenjangan yang ditemukan pada analisis kesiapan.")]
    if not any(g["strategies"] for g in src.strategies):
        return Chapter("b2.2", chapter_title("b2.2"), blocks + [missing("strategi", 3, "strategi")])
    for group in src.strategies:
        blocks.append(n(group["dimension"] or "Tanpa dimensi"))
        if not group["strategies"]:
            blocks.append(Text("Belum ada strategi untuk dimensi ini.", "missing"))
            continue
        blocks.append(Grid(["No", "Elemen", "Misi", "Strategi"],
                           [[str(i), x["element"] or "Seluruh dimensi", x["misi_code"] or "-", x["text"]]
                            for i, x in enumerate(group["strategies"], 1)], [0.6, 2.6, 1, 9.4], align="llcl"))
    return Chapter("b2.2", chapter_title("b2.2"), blocks)


MATRIX_HEADERS = ["No", "Elemen", "Misi", "Program (rujukan RPJMD/Renstra)", "Inovasi", "OPD pengampu", "Horizon",
                  "Status"]


def _programme_cell(p: dict) -> str:
    years = "-".join(str(y) for y in dict.fromkeys((p.get("year_start"), p.get("year_end"))) if y)
    ref = " ".join(v for v in (p.get("source_label"), p.get("ref_code")) if v)
    return p["name"] + "".join(f"\n{v}" for v in (ref, years) if v)


def programme_counts(src: Source) -> list[list[str]]:
    rows = []
    for dim, progs in _by_dimension(src, src.programmes):
        count = {s: sum(1 for p in progs if p.get("source") == s) for s in ("rpjmd", "renstra", "baru")}
        rows.append([dim, str(count["rpjmd"]), str(count["renstra"]), str(count["baru"]), str(len(progs)),
                     str(sum(1 for q in src.quick_wins if (q.get("dimension") or "Tanpa dimensi") == dim))])
    return rows


def _b23(src: Source) -> Chapter:
    n = _Numbers("b2.3")
    blocks = [Text("Program dipetakan per dimensi: program yang sudah ada di RPJMD dan Renstra perangkat daerah, "
                   "serta ide program baru untuk jangka pendek (1 tahun), menengah (5 tahun) dan panjang "
                   "(10 tahun). Inovasi tidak harus berbasis teknologi informasi: kebijakan dan perbaikan layanan "
                   "juga termasuk.")]
    if not src.programmes:
        return Chapter("b2.3", chapter_title("b2.3"), blocks + [
            Text(f"Belum ada program; {where(2, 'program_eksisting')} dan {where(2, 'program_baru')}.",
                 "missing")], landscape=True)
    counts = programme_counts(src)
    blocks += [n("Ringkasan program"),
               Grid(["Dimensi", "RPJMD", "Renstra", "Ide baru", "Jumlah", "Quick win"],
                    counts + [["Jumlah"] + [str(sum(int(r[i]) for r in counts)) for i in range(1, 6)]],
                    [5, 1.4, 1.4, 1.4, 1.4, 1.4], kinds=[""] * len(counts) + ["total"], align="lccccc")]
    if src.misi:
        blocks += [Text("Kode misi pada kolom Misi:"), *_misi_list(src)]
    for dim, progs in _by_dimension(src, src.programmes):
        blocks.append(n(dim))
        if not progs:
            blocks.append(Text("Belum ada program untuk dimensi ini.", "missing"))
            continue
        rows = [[str(i), p.get("element") or "-", p.get("misi_code") or "-", _programme_cell(p),
                 "\n".join(f"• {x}" for x in p.get("innovations") or ()) or "-", p.get("opd") or "-",
                 p.get("horizon_label") or "-", p.get("status_label") or "-"] for i, p in enumerate(progs, 1)]
        blocks.append(Grid(MATRIX_HEADERS, rows, [0.6, 2.6, 0.9, 5.4, 4.6, 3.2, 1.8, 1.5], align="llcllllc",
                           lead=(3,)))
    return Chapter("b2.3", chapter_title("b2.3"), blocks, landscape=True)


def _b24(src: Source) -> Chapter:
    blocks = [Text("Rencana aksi menjabarkan setiap program baru menjadi kegiatan dengan perangkat daerah pelaksana, "
                   "keluaran, tahun pelaksanaan dan indikator keberhasilan.")]
    if not any(p["actions"] for p in src.actions):
        return Chapter("b2.4", chapter_title("b2.4"), blocks + [missing("rencana aksi", 2, "rencana_aksi")])
    rows, kinds = [], []
    for p in src.actions:
        rows.append([p["programme"] + (f" — {p['opd']}" if p.get("opd") else "")] + [""] * 4)
        kinds.append("group")
        for a in p["actions"] or [{"activity": "(belum ada rencana aksi)"}]:
            rows.append([a.get("activity") or "-", a.get("opd") or "-", a.get("output") or "-",
                         _value(a.get("year")) or "-", a.get("indicator") or "-"])
            kinds.append("")
    blocks.append(Grid(["Kegiatan", "OPD pelaksana", "Keluaran", "Tahun", "Indikator keberhasilan"], rows,
                       [5, 3, 3.2, 1.3, 3.4], kinds=kinds, align="lllcl"))
    return Chapter("b2.4", chapter_title("b2.4"), blocks)


def short_money(value: int) -> str:
    """4500000000 -> 'Rp 4,5 M', 450000000 -> 'Rp 450 jt' (for narrow roadmap cells)."""
    for size, unit in ((10 ** 12, "T"), (10 ** 9, "M"), (10 ** 6, "jt")):
        if value >= size:
            return f"Rp {value / size:.2f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"
    return f"Rp {value:,}".replace(",", ".")


def year_label(roadmap: dict, year: int) -> str:
    start = roadmap.get("start_year")
    return str(start + year - 1) if start else f"Tahun {year}"


def roadmap_budget(src: Source) -> list[list[str]]:
    return [[year_label(src.roadmap, y["year"]) if y["year"] else "Tahun belum diisi", y["budget_label"] or "Rp 0"]
            for y in src.roadmap.get("per_year", ())]


def _b25(src: Source) -> Chapter:
    rm = src.roadmap
    programs = rm.get("programs") or []
    blocks = [Text("Peta jalan menempatkan setiap program pada tahun pelaksanaannya, dengan capaian (milestone), "
                   "perkiraan anggaran dan sumber dana. Warna sel menunjukkan sumber dana.")]
    if not any(p["entries"] for p in programs):
        return Chapter("b2.5", chapter_title("b2.5"), blocks + [missing("peta jalan", 3, "peta_jalan")],
                       landscape=True)
    span = max([int(rm.get("years") or 5)] + [e["year"] for p in programs for e in p["entries"] if e["year"]])
    first = year_label(rm, 1)
    blocks.insert(0, Text(f"Rentang peta jalan: {rm.get('years_label') or f'{span} tahun'}"
                          + (f", mulai {first}." if rm.get("start_year") else "; tahun pertama belum ditetapkan.")))
    rows, fills, kinds, used = [], {}, [], {}
    sources = dict(FUNDING_SOURCES)
    money = (lambda e: e["budget_label"]) if span <= 6 else (lambda e: short_money(e["budget"]))
    for i, p in enumerate(programs, 1):
        row = [str(i), p["name"] + (f"\n{p['opd']}" if p.get("opd") else "")
               + ("" if p["entries"] else "\n(belum ada capaian)")]
        for year in range(1, span + 1):
            entries = [e for e in p["entries"] if e["year"] == year]
            row.append("\n".join(e["milestone"] + (f"\n{money(e)}" if e.get("budget") else "") for e in entries))
            if entries:
                key = entries[0].get("source") if entries[0].get("source") in sources else ""
                fills[(len(rows), year + 1)] = FUNDING_COLOURS.get(key, FUNDING_COLOURS[""])
                used[key] = sources.get(key, "Sumber dana belum dipilih")
        row.append(p.get("total_budget_label") or "-")
        rows.append(row)
        kinds.append("")
    per_year = {y["year"]: money(y) for y in rm.get("per_year", ()) if y.get("budget")}
    rows.append(["", "Anggaran per tahun"] + [per_year.get(y, "-") for y in range(1, span + 1)]
                + [rm.get("total_budget_label") or "-"])
    kinds.append("total")
    blocks += [Grid(["No", "Program dan OPD pengampu"] + [year_label(rm, y) for y in range(1, span + 1)] + ["Jumlah"],
                    rows, [0.6, 4.6 if span <= 6 else 3.4] + [14 / span if span <= 6 else 1.8] * span + [2.6],
                    kinds=kinds, fills=fills,
                    align="ll" + "l" * span + "r", lead=(1,)),
               Legend("Sumber dana", [(FUNDING_COLOURS.get(k, FUNDING_COLOURS[""]), used[k])
                                      for k in [*sources, ""] if k in used])]
    if span > 6:
        blocks.append(Text("Anggaran dalam sel disingkat: jt = juta, M = miliar, T = triliun rupiah.", "note"))
    if rm.get("total_budget"):
        blocks.append(Text(f"Perkiraan anggaran seluruh peta jalan: {rm['total_budget_label']}."))
    return Chapter("b2.5", chapter_title("b2.5"), blocks, landscape=True)


def quick_win_schedule(q: dict) -> str:
    return ", ".join(v for v in (f"mulai {q['start_label']}" if q.get("start_label") else "",
                                 f"{q['months']} bulan" if q.get("months") else "",
                                 f"sampai {q['end_label']}" if q.get("end_label") else "") if v) or "-"


def quick_win_money(q: dict) -> str:
    return " ".join(v for v in (q.get("budget_label"), f"({q['source_label']})" if q.get("source_label") else "")
                    if v) or "-"


def _ranking(src: Source) -> list:
    active = [r for r in src.ranking if r.get("rank") is not None]
    if not active:
        return [missing("kandidat quick win", 3, "kandidat_qw")]
    items = [(f"{r['rank']}. {r['name']}", r["total"], f"{r['total']:.2f}".replace(".", ",")) for r in active]
    out = [Bars("Peringkat kandidat quick win (nilai 0-100)", items, 100,
                {i for i, r in enumerate(active) if r.get("status") == "quick_win"},
                "Batang gelap: quick win final. Nilai dihitung dari skor kriteria berbobot.")]
    if src.criteria:
        out += [Text("Kriteria penilaian dan bobotnya:"),
                Grid(["Kriteria", "Bobot", "Porsi"],
                     [[c["name"], _value(c.get("weight")), f"{c.get('share', 0):.1f}%".replace(".", ",")]
                      for c in src.criteria], [8, 1.5, 1.5], align="lcc")]
    return out


def _b26(src: Source) -> Chapter:
    n = _Numbers("b2.6")
    blocks = [Text("Quick win adalah program yang dapat diwujudkan dalam 6-12 bulan dan manfaatnya langsung "
                   "dirasakan warga. Kandidat dinilai dengan kriteria berbobot dan voting titik, lalu quick win "
                   "final ditetapkan dalam pleno Tahap IV."),
              n("Penilaian kandidat"), *_ranking(src)]
    if not src.quick_wins:
        return Chapter("b2.6", chapter_title("b2.6"), blocks + [missing("quick win final", 4, "quick_win_final")])
    blocks += [n("Quick win final"), Text(f"Pleno Tahap IV menetapkan {len(src.quick_wins)} quick win final:"),
               _quick_win_table(src)]
    for i, q in enumerate(src.quick_wins, 1):
        blocks.append(n(f"Quick win {i}: {q['name']}"))
        blocks.append(Fields([
            ("Nama quick win", q["name"]), ("Dimensi › elemen", q.get("element") or "-"),
            ("Program terkait", q.get("program") or "-"), ("Masalah", q.get("problem") or "-"),
            ("Solusi", q.get("solution") or "-"), ("Tujuan dan manfaat", q.get("benefits") or "-"),
            ("Penerima manfaat", q.get("beneficiaries") or "-"), ("OPD pemilik", q.get("opd") or "-"),
            ("Kolaborator (pentahelix)", ", ".join(q.get("collaborators_labels") or ()) or "-"),
            ("Jadwal", quick_win_schedule(q)), ("Anggaran dan sumber dana", quick_win_money(q)),
            ("Indikator keberhasilan", q.get("indicator") or "-"), ("Status", q.get("status_label") or "-")]))
        if q.get("missing_fields"):
            blocks.append(Text("Belum diisi: " + ", ".join(q["missing_fields"]) + ".", "missing"))
    return Chapter("b2.6", chapter_title("b2.6"), blocks)


def _quick_win_table(src: Source) -> Grid:
    return Grid(["No", "Quick win", "OPD pemilik", "Jadwal", "Anggaran"],
                [[str(i), q["name"] + (f"\n{q['element']}" if q.get("element") else ""), q.get("opd") or "-",
                  quick_win_schedule(q), quick_win_money(q)] for i, q in enumerate(src.quick_wins, 1)],
                [0.6, 4.6, 3.6, 3.4, 3], align="cllll", lead=(1,))


def _b27(src: Source) -> Chapter:
    head = "Peraturan Wali Kota" if src.kind == "kota" else "Peraturan Bupati"
    innovations = sum(len(p.get("innovations") or ()) for p in src.programmes)
    facts = [f"{len(src.programmes)} program", f"{innovations} inovasi", f"{len(src.quick_wins)} quick win final"]
    if src.roadmap.get("total_budget"):
        facts.append(f"perkiraan anggaran peta jalan {src.roadmap['total_budget_label']}")
    return Chapter("b2.7", chapter_title("b2.7"), [
        Text(f"Buku II Masterplan Smart City {src.region} memuat strategi, program dan inovasi per dimensi, rencana "
             f"aksi, peta jalan dan quick win yang disusun bersama selama empat bimtek: {', '.join(facts)}. "
             f"Masterplan ini menjadi acuan bersama seluruh perangkat daerah dan mitra pentahelix dalam membangun "
             f"smart city."),
        Text("Langkah selanjutnya:"),
        Items([f"Masterplan ditetapkan dengan {head}.",
               "Program dan kegiatan diintegrasikan ke dalam RPJMD, Renstra perangkat daerah dan RKPD.",
               "Quick win dilaksanakan pada tahun pertama oleh perangkat daerah pemiliknya.",
               "Forum Smart City bertemu secara berkala untuk memantau pelaksanaan dan memperbarui peta jalan.",
               "Kementerian mengevaluasi pelaksanaan masterplan setiap tahun."], numbered=True)])


def commitment_status(src: Source) -> str:
    c = src.commitment
    if not c:
        return f"Teks komitmen belum dibuat; susun di {STAGES[4][0]} langkah {step_for(4, 'teks_komitmen').title}."
    text = f"Komitmen bersama versi {c['version']} "
    if not c["signed"]:
        return text + f"belum ditandatangani (0 dari {c['total']} penanda tangan)."
    text += f"telah ditandatangani {c['signed']} dari {c['total']} penanda tangan"
    return text + (f"; kode verifikasi {c['code']}." if c.get("code") else ".")


def _annex_commitment(src: Source) -> Chapter:
    c = src.commitment
    blocks = [Text(commitment_status(src), "body" if c else "missing")]
    if c:
        paragraphs = [p.strip("\n") for p in c["text"].split("\n\n") if p.strip()]
        blocks += [Text(p, "title" if i == 0 else "body") for i, p in enumerate(paragraphs)]
        blocks += [Fields([("Versi teks", str(c["version"])), ("Kode verifikasi", c.get("code") or "belum ada"),
                           ("Ditandatangani", f"{c['signed']} dari {c['total']} penanda tangan")], "Keterangan"),
                   Grid(["No", "Nama", "Jabatan", "Status tanda tangan"],
                        [[str(i), s["name"], s["title"] or "-", s["status"]] for i, s in enumerate(c["signatories"], 1)],
                        [0.6, 5, 5.4, 2.6], align="cllc")
                   if c["signatories"] else Text("Belum ada penanda tangan.", "missing")]
    return Chapter("l1", "Lampiran 1 Komitmen bersama", blocks)


def _annex_people(src: Source) -> Chapter:
    if not src.participants:
        return Chapter("l2", "Lampiran 2 Daftar peserta",
                       [Text("Belum ada peserta terdaftar; isi di Direktori peserta.", "missing")])
    return Chapter("l2", "Lampiran 2 Daftar peserta", [
        Text(f"Peserta penyusunan masterplan ({len(src.participants)} orang):"),
        Grid(["No", "Nama", "Jabatan", "OPD / instansi"],
             [[str(i), name, jabatan or "-", opd or "-"] for i, (name, jabatan, opd) in enumerate(src.participants, 1)],
             [0.7, 5, 5, 4], align="clll")])


# --- Ringkasan eksekutif ---------------------------------------------------------------------

def ringkasan(src: Source) -> Book:
    visi = (src.vision or {}).get("text")
    issues = _issue_rows(src)[:5]
    gaps = sorted(((s["label"], e["element"], s["record"]) for e in src.readiness for s in e["subs"]
                   if s["record"] and isinstance(s["record"].get("score"), int) and s["record"].get("gap")),
                  key=lambda x: x[2]["score"])[:3]
    chapters = [
        Chapter("r1", "Wilayah", [Text(
            f"{src.region}" + (f", Provinsi {src.province}" if src.province else "")
            + f", menyusun masterplan smart city bersama {src.opd_count} perangkat daerah dan {src.people_count} "
              f"peserta melalui empat bimtek." + (f" Kerangka yang dipakai: {src.framework}." if src.framework else ""))]),
        Chapter("r2", "Visi dan misi", ([Highlight(visi)] if visi else [missing("rumusan visi", 1, "visi")])
                + _misi_list(src)),
        Chapter("r3", "Kesenjangan kesiapan utama",
                ([Grid(["No", "Isu strategis", "Prioritas"], [[str(i), x["title"], x.get("priority_label") or "-"]
                                                              for i, x in enumerate(issues, 1)], [0.6, 11, 1.8],
                       align="clc")] if issues else [missing("isu strategis", 1, "isu")])
                + ([Text("Sub-elemen dengan skor kesiapan terendah (skor tidak resmi):"),
                    Items([f"{e} › {label} (skor {r['score']}): " + "; ".join(
                        x.lstrip("•-* ").rstrip(" .;") for x in r["gap"].split("\n") if x.strip()) + "."
                           for label, e, r in gaps])] if gaps else [])),
        Chapter("r4", "Program per dimensi",
                [Grid(["Dimensi", "RPJMD", "Renstra", "Ide baru", "Jumlah", "Quick win"], programme_counts(src),
                      [5, 1.4, 1.4, 1.4, 1.4, 1.4], align="lccccc")] if src.programmes
                else [Text(f"Belum ada program; {where(2, 'program_eksisting')}.", "missing")]),
        Chapter("r5", "Quick win final",
                [_quick_win_table(src)] if src.quick_wins
                else [missing("quick win final", 4, "quick_win_final")]),
        Chapter("r6", "Anggaran peta jalan per tahun",
                [Grid(["Tahun", "Perkiraan anggaran"], roadmap_budget(src)
                      + [["Jumlah", src.roadmap.get("total_budget_label") or "Rp 0"]], [4, 5],
                      kinds=[""] * len(roadmap_budget(src)) + ["total"], align="lr")]
                if src.roadmap.get("total_budget") else [missing("anggaran peta jalan", 3, "peta_jalan")]),
        Chapter("r7", "Komitmen bersama", [Text(commitment_status(src), "body" if src.commitment else "missing")]),
    ]
    return Book("ringkasan-eksekutif", "MASTERPLAN SMART CITY", "RINGKASAN EKSEKUTIF", "", src.region, src.province,
                src.year, src.logo, chapters, cover=False, label="Ringkasan Eksekutif")


BUILDERS = {"buku-1": buku_1, "buku-2": buku_2, "ringkasan-eksekutif": ringkasan}


def build(kind: str, src: Source) -> Book:
    return BUILDERS[kind](src)
