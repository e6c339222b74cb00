"""Every document a bimtek produces: the registry, the request, and writing a file safely.

A document module under `services/documents/` gathers plain data through the services
and hands it to a renderer under `reports/` (no database, no Qt there). Files are written
to a temporary name, flushed to disk and renamed, so a full disk or a cancel never
leaves a half document that looks finished.
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..domain.errors import UserError, ValidationError
from ..reports.pdfbase import Cancelled, Kop, Progress

FORMATS = {"pdf": "PDF", "xlsx": "Excel (.xlsx)", "docx": "Word (.docx)"}


@dataclass(frozen=True)
class Document:
    key: str
    title: str  # Indonesian; the UI translates
    scope: str  # region | bimtek | day
    formats: tuple[str, ...]
    module: str  # services.documents.<module>.render(services, request, out, progress)
    variants: tuple[tuple[str, str], ...] = ()  # (key, label); the first is the default
    description: str = ""


DOCUMENTS: dict[str, Document] = {d.key: d for d in (
    Document("daftar-hadir", "Daftar hadir", "day", ("pdf", "xlsx"), "attendance",
             (("signed", "Dengan tanda tangan yang direkam"), ("names", "Nama tercetak, tanda tangan di kertas"),
              ("blank", "Kosong (diisi tangan)")),
             "Per hari bimtek: No, Nama, NIP, Pangkat/Gol, Jabatan, Instansi/OPD, No. HP, Tanda tangan."),
    Document("komitmen", "Lembar komitmen", "region", ("pdf",), "commitment",
             (("signed", "Dengan tanda tangan yang direkam"), ("blank", "Kosong untuk tanda tangan basah")),
             "Teks komitmen bersama, blok tanda tangan pejabat dan daftar kepala OPD, kode verifikasi dan QR."),
    Document("berita-acara", "Berita acara", "bimtek", ("pdf",), "minutes", (),
             "Berita acara pelaksanaan bimtek dengan ringkasan kehadiran."),
    Document("notulen", "Notulen", "bimtek", ("pdf",), "minutes", (),
             "Notulen rapat bimtek dengan ringkasan kehadiran."),
    Document("laporan-kegiatan", "Laporan kegiatan", "bimtek", ("pdf",), "activity", (),
             "Apa yang dilakukan, kehadiran per OPD dan per kategori (grafik), keluaran tahap."),
    Document("buku-1", "Buku I Analisis Strategis", "region", ("pdf", "docx"), "books", (),
             "Kesiapan dan SWOT, isu strategis, visi, misi, tujuan, sasaran dan indikator."),
    Document("buku-2", "Buku II Masterplan", "region", ("pdf", "docx"), "books", (),
             "Strategi, program per dimensi, rencana aksi, peta jalan, quick win, lampiran."),
    Document("ringkasan-eksekutif", "Ringkasan eksekutif", "region", ("pdf", "docx"), "books", (),
             "Ringkasan masterplan dalam beberapa halaman."),
    Document("matriks-program", "Matriks program", "region", ("xlsx",), "masterplan_xlsx", (),
             "Semua program per dimensi: misi, OPD, horizon, status, anggaran."),
    Document("peta-jalan", "Peta jalan", "region", ("xlsx",), "masterplan_xlsx", (),
             "Program x tahun dengan capaian, anggaran dan sumber dana."),
    Document("quick-win", "Quick win", "region", ("xlsx",), "masterplan_xlsx", (),
             "Kandidat dan quick win final dengan nilai, peringkat dan lembar lengkap."),
)}


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    region_id: str
    stage: int | None = None  # bimtek 1-4 for bimtek- and day-scoped documents
    day: date | None = None  # for day-scoped documents (daftar hadir)
    variant: str = ""  # one of the document's variants; "" = its default
    paper: str | None = None  # A4 | F4; None = the region's setting
    fmt: str = "pdf"

    @property
    def document(self) -> Document:
        return DOCUMENTS[self.kind]


def check_request(req: ReportRequest) -> ReportRequest:
    """The request with defaults filled in, or a ValidationError in plain words."""
    doc = DOCUMENTS.get(req.kind)
    if doc is None:
        raise ValidationError(f"Jenis dokumen '{req.kind}' tidak dikenal. Lihat daftarnya dengan 'report list'.")
    if req.fmt not in doc.formats:
        raise ValidationError(f"{doc.title} tersedia sebagai {', '.join(f.upper() for f in doc.formats)}, "
                              f"bukan {req.fmt.upper()}.")
    variant = req.variant or (doc.variants[0][0] if doc.variants else "")
    if doc.variants and variant not in {v for v, _ in doc.variants}:
        raise ValidationError(f"Varian '{req.variant}' tidak ada untuk {doc.title}.")
    if doc.scope in ("bimtek", "day") and req.stage not in (1, 2, 3, 4):
        raise ValidationError(f"{doc.title} dibuat per bimtek: sebutkan tahapnya (1-4).")
    if req.paper is not None and req.paper.upper() not in ("A4", "F4"):
        raise ValidationError("Ukuran kertas harus A4 atau F4.")
    return replace(req, variant=variant, paper=req.paper.upper() if req.paper else None)


def kop_for(services, region_id: str) -> Kop:
    """The region's letterhead for official documents."""
    detail = services.regions.detail(region_id)
    data = detail.data
    government = f"PEMERINTAH {detail.display_name}".upper()
    contact = " · ".join(x for x in (f"Telp. {data.phone}" if data.phone else "",
                                     data.email, data.website) if x)
    return Kop(government, data.office_name, data.address, contact, services.regions.logo(region_id))


def paper_for(services, req: ReportRequest) -> str:
    return req.paper or services.regions.detail(req.region_id).data.paper_size or "A4"


def _document_module(name: str):
    """The module that makes a document. Imported here, lazily (ReportLab loads only when a
    document is made) but with plain import statements, so a frozen build includes them."""
    if name == "attendance":
        from .documents import attendance as module
    elif name == "commitment":
        from .documents import commitment as module
    elif name == "minutes":
        from .documents import minutes as module
    elif name == "activity":
        from .documents import activity as module
    elif name == "books":
        from .documents import books as module
    elif name == "masterplan_xlsx":
        from .documents import masterplan_xlsx as module
    else:  # pragma: no cover - the registry names only the modules above
        module = importlib.import_module(f"{__package__}.documents.{name}")
    return module


def render(services, req: ReportRequest, out, progress: Progress | None = None):
    """Write one document to the binary file object `out`."""
    req = check_request(req)
    return _document_module(req.document.module).render(services, req, out, progress or Progress())


def render_to_file(services, req: ReportRequest, path: Path, progress: Progress | None = None) -> Path:
    """Render into `path` atomically: a temporary file beside it, flushed, fsynced, renamed.
    On any failure or cancel the temporary file is removed and `path` is untouched."""
    path = Path(path)
    req = check_request(req)
    if path.suffix.lower().lstrip(".") != req.fmt:
        path = path.with_suffix("." + req.fmt)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            render(services, req, fh, progress)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except Cancelled:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"Dokumen tidak dapat ditulis ke {path}: {exc.strerror or exc}.") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def default_file_name(services, req: ReportRequest) -> str:
    """'daftar-hadir-kota-contoh-tahap-1-2026-09-22.pdf'; safe on FAT32 and Windows."""
    import re

    detail = services.regions.detail(req.region_id)
    parts = [req.kind, detail.display_name]
    if req.stage:
        parts.append(f"tahap-{req.stage}")
    if req.day:
        parts.append(req.day.isoformat())
    if req.variant and req.variant not in ("signed", ""):
        parts.append(req.variant)
    name = "-".join(parts).lower()
    name = re.sub(r"[^a-z0-9.-]+", "-", name).strip("-")[:120]
    return f"{name}.{req.fmt}"
