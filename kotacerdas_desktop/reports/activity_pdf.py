"""Laporan kegiatan of one bimtek: a pure renderer over plain data.

Sections: I Pelaksanaan (dates, venue, agenda, mentors), II Kehadiran (a bar chart per OPD, a
pie per participant category, the table per OPD and day), III Keluaran tahap (each wizard step
with its checks and a few lines on what it captured), IV Tindak lanjut, V Penutup with the
organiser's signature block. Charts are ReportLab vector graphics in the bundled font; chart
labels are drawn as plain strings (never markup).
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from .minutes_pdf import (INDENT, Meeting, Signer, agenda_table, doc_styles, followup_table, indented, label_table,
                          mentor_list, opd_day_table, section, text_width, title_block, weekdays)
from .pdfbase import FONT, FONT_BOLD, Page, Progress, build_pdf, esc, signature_block

DARK = colors.HexColor("#1f4e79")
LIGHT = colors.HexColor("#bdd7ee")
PALETTE = [colors.HexColor(x) for x in ("#1f4e79", "#2e75b6", "#9dc3e6", "#c55a11", "#f4b183", "#548235",
                                        "#a9d18e", "#7f7f7f", "#ffd966")]
TOP_OPDS = 15


@dataclass(frozen=True)
class StepOutput:
    title: str
    state: str  # lengkap | sebagian | belum
    checks: tuple[tuple[str, bool, str], ...]  # (label, done, detail)
    lines: tuple[str, ...]  # what the step captured, a few short lines


@dataclass(frozen=True)
class Activity:
    meeting: Meeting
    status: str  # "Selesai", "Direncanakan", ...
    output: str  # the stage's output ("Buku I Analisis Strategis")
    passed: int
    total: int
    steps: tuple[StepOutput, ...]
    organiser: Signer
    office: str = ""  # "Dinas Komunikasi dan Informatika"


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def opd_chart(rows, width: float) -> Drawing:
    """Horizontal bars per OPD (the TOP_OPDS with most registered people): registered and present."""
    rows = list(reversed(sorted(rows, key=lambda r: (-r[2], -r[1], r[0]))[:TOP_OPDS]))
    per = 19
    chart = HorizontalBarChart()
    chart.x, chart.y = 4.2 * cm, 0.9 * cm
    chart.width, chart.height = width - chart.x - 0.9 * cm, per * len(rows)
    chart.data = [[r[2] for r in rows], [r[1] for r in rows]]
    chart.categoryAxis.categoryNames = [_short(r[0]) for r in rows]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7.5
    chart.categoryAxis.labels.boxAnchor, chart.categoryAxis.labels.dx = "e", -4
    chart.categoryAxis.tickLeft = 0
    top = max([r[2] for r in rows] + [1])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top + max(1, top // 8)
    chart.valueAxis.valueStep = max(1, round(top / 6))
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = 1, colors.HexColor("#dddddd")
    chart.bars[0].fillColor, chart.bars[1].fillColor = LIGHT, DARK
    chart.bars.strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0.5, 5
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 6
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    drawing = Drawing(width, chart.y + chart.height + 0.8 * cm)
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = chart.x, drawing.height - 0.15 * cm
    legend.fontName, legend.fontSize, legend.columnMaximum = FONT, 8, 1
    legend.dxTextSpace, legend.deltax, legend.boxAnchor, legend.alignment = 4, 150, "nw", "right"
    legend.colorNamePairs = [(LIGHT, "Terdaftar"), (DARK, "Hadir (sedikitnya satu hari)")]
    drawing.add(legend)
    return drawing


def category_chart(categories, width: float) -> Drawing | None:
    """A pie of the people present per participant category, with a legend of counts and shares."""
    data = [(label, n) for label, n, _reg in categories if n]
    if not data:
        return None
    total = sum(n for _, n in data)
    size = 4.2 * cm
    drawing = Drawing(width, size + 0.6 * cm)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 0.6 * cm, 0.3 * cm, size, size
    pie.data = [n for _, n in data]
    pie.labels = None
    pie.startAngle, pie.direction = 90, "clockwise"
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 0.8
    for i in range(len(data)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    drawing.add(pie)
    legend = Legend()
    legend.x, legend.y = size + 1.6 * cm, pie.y + size / 2 + 7 * len(data)
    legend.fontName, legend.fontSize, legend.deltay, legend.boxAnchor = FONT, 8.5, 14, "nw"
    legend.alignment, legend.columnMaximum = "right", len(data)
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], f"{label}: {n} orang ({round(100 * n / total)}%)")
                             for i, (label, n) in enumerate(data)]
    drawing.add(legend)
    return drawing


def _info_table(a: Activity, width: float, st) -> Table:
    m = a.meeting
    dotted = "." * 50
    rows = [("Kegiatan", m.event), ("Tahap", m.stage_name), ("Hari/tanggal", weekdays(m.days) or dotted),
            ("Tempat", m.venue or dotted), ("Penyelenggara", f"{a.office} {m.region}".strip()),
            ("Status", a.status), ("Keluaran tahap", a.output),
            ("Kemajuan", f"{a.passed} dari {a.total} pemeriksaan terpenuhi")]
    return label_table(rows, width, st)


def _attendance(a: Activity, width: float, st) -> list:
    m = a.meeting
    if not m.registered or not m.attendance:
        return [Paragraph("<i>Kehadiran belum tercatat di langkah Registrasi.</i>", st["smuted"])]
    days = "; ".join(f"hari ke-{i} {d.present} orang" for i, d in enumerate(m.attendance, 1))
    out: list = [Paragraph(esc(f"Dari {m.registered} orang peserta yang terdaftar, {m.present} orang hadir "
                                f"sedikitnya satu hari ({days})."), st["sbody"])]
    shown = min(TOP_OPDS, len(m.opds))
    chart_w = width - INDENT
    out.append(KeepTogether([Paragraph(esc(f"Grafik 1. Kehadiran per instansi/OPD ({shown} dengan peserta terdaftar "
                                           "terbanyak)"), st["sbody"]), Spacer(1, 0.1 * cm),
                             indented(opd_chart(m.opds, chart_w), width)]))
    pie = category_chart(m.categories, chart_w)
    if pie is not None:
        out.append(KeepTogether([Spacer(1, 0.3 * cm), Paragraph("Grafik 2. Peserta hadir per unsur", st["sbody"]),
                                 Spacer(1, 0.1 * cm), indented(pie, width)]))
    out += [Spacer(1, 0.3 * cm), CondPageBreak(5 * cm),
            Paragraph("Tabel kehadiran per instansi/OPD dan hari:", st["sbody"]),
            Spacer(1, 0.1 * cm), indented(opd_day_table(m, chart_w, st), width)]
    return out


def _steps(a: Activity, width: float, st) -> list:
    if not a.steps:
        return [Paragraph("<i>Belum ada langkah untuk tahap ini.</i>", st["smuted"])]
    cell = st["cell"]
    ok = ParagraphStyle("ok", parent=cell, fontName=FONT_BOLD, textColor=colors.HexColor("#2e7d32"))
    todo = ParagraphStyle("todo", parent=cell, fontName=FONT_BOLD, textColor=colors.HexColor("#b03a2e"))
    item = ParagraphStyle("item", parent=cell, leftIndent=10, bulletIndent=0, bulletFontName=FONT)
    out: list = []
    for n, step in enumerate(a.steps, 1):
        rows: list[list] = [[Paragraph(f"<b>{n}. {esc(step.title)}</b>", st["left"]), "",
                             Paragraph(esc(step.state), ok if step.state == "lengkap" else todo)]]
        for label, done, detail in step.checks:
            rows.append([Paragraph("✓" if done else "belum", ok if done else todo),
                         Paragraph(esc(label) + (f" — {esc(detail)}" if detail else ""), cell), ""])
        if step.lines:
            rows.append(["", [Paragraph("Keluaran:", cell)] + [Paragraph(esc(x, 400), item, bulletText="•")
                                                               for x in step.lines], ""])
        inner = width - INDENT
        table = Table(rows, colWidths=[1.5 * cm, inner - 1.5 * cm - 2 * cm, 2 * cm])
        last = len(rows) - 1
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("SPAN", (0, 0), (1, 0)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, "#999999"),
            ("ALIGN", (2, 0), (2, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, last), (-1, last), 8)]
            + [("SPAN", (1, r), (2, r)) for r in range(1, len(rows))]))
        table.hAlign = "RIGHT"
        out.append(KeepTogether([table]))
    return out


def _closing(a: Activity, width: float, st) -> list:
    m = a.meeting
    text = (f"Demikian laporan kegiatan {m.event} {m.stage_name} ini disampaikan sebagai bahan "
            "pertanggungjawaban dan tindak lanjut penyusunan masterplan smart city.")
    o = a.organiser
    block = signature_block(m.place_date, f"{o.position},", o.name, o.rank, o.nip, width=width / 2 - 0.4 * cm, st=st)
    grid = Table([["", block]], colWidths=[width / 2, width / 2])
    grid.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0.4 * cm), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [KeepTogether([Paragraph(esc(text), st["sbody"]), Spacer(1, 0.6 * cm), grid])]


def activity_story(a: Activity, page: Page) -> list:
    st = doc_styles()
    width = text_width(page)
    m = a.meeting
    story = title_block(["LAPORAN KEGIATAN", "BIMBINGAN TEKNIS PENYUSUNAN MASTERPLAN SMART CITY", m.region.upper(),
                         m.stage_name.upper()], None, st)
    story += [_info_table(a, width, st), Spacer(1, 0.2 * cm)]
    where = f" bertempat di {m.venue}" if m.venue else ""
    when = f" pada {weekdays(m.days)}" if m.days else " (tanggal belum ditetapkan)"
    story += section("I.", "Pelaksanaan", st)
    story.append(Paragraph(esc(f"{m.event} {m.stage_name} dilaksanakan selama {len(m.days) or '...'} hari{when}"
                               f"{where}, diselenggarakan oleh {a.office or 'penyelenggara'} {m.region}."),
                           st["sbody"]))
    story += [Paragraph("Susunan acara:", st["sbody"])] + agenda_table(m, width, st)
    story += [Spacer(1, 0.2 * cm), Paragraph("Mentor dan narasumber:", st["sbody"])] + mentor_list(m, st)
    story += section("II.", "Kehadiran", st) + _attendance(a, width, st)
    story += section("III.", "Keluaran tahap", st)
    story.append(Paragraph(esc(f"Keluaran {m.stage_label}: {a.output}. Pemeriksaan terpenuhi: {a.passed} dari "
                               f"{a.total}."), st["sbody"]))
    story += _steps(a, width, st)
    story += section("IV.", "Tindak lanjut", st) + followup_table(m, width, st, with_status=True)
    story += [CondPageBreak(8 * cm)] + section("V.", "Penutup", st) + _closing(a, width, st)
    return story


def render_activity(a: Activity, page: Page, out, progress: Progress | None = None) -> int:
    return build_pdf(out, activity_story(a, page), page, progress)
