"""The CLI's `report` commands: `report list` and one document written to a file.
Registered by cli.py; errors follow its rules (one Indonesian line, exit 2 for usage)."""
from __future__ import annotations

from pathlib import Path

from .cli import UsageError, _out

# --- report ------------------------------------------------------------------------------------

_SCOPES = {"region": "per wilayah", "bimtek": "per bimtek (--bimtek)", "day": "per hari bimtek (--bimtek, --day)"}
_VARIANT_FLAGS = {"blank": "--blank", "names": "--names-only"}


def _report_list(args) -> int:
    from .services.reports import DOCUMENTS

    data, lines = [], []
    for doc in DOCUMENTS.values():
        variants = [{"key": key, "label": label, "default": n == 0, "option": _VARIANT_FLAGS.get(key, "")}
                    for n, (key, label) in enumerate(doc.variants)]
        data.append({"kind": doc.key, "title": doc.title, "scope": doc.scope, "formats": list(doc.formats),
                     "variants": variants, "description": doc.description})
        lines.append(f"{doc.key:<20} {doc.title:<28} {_SCOPES[doc.scope]:<34} "
                     f"{', '.join(f.upper() for f in doc.formats)}")
        lines.append(" " * 21 + doc.description)
        lines += [" " * 21 + f"{'bawaan' if v['default'] else v['option'] or v['key']:<13} {v['label'].lower()}"
                  for v in variants]
    lines.append("Contoh: report matriks-program --region \"Kota Contoh\" --out matriks.xlsx")
    _out(args, data, "\n".join(lines))
    return 0


def _prepare_report(args) -> int | None:
    """Check the arguments of `report` before the database is opened: `report list` ends here; for a
    document, args.report is set to (document, variant, day, format, target, target is a folder)."""
    from datetime import date as _date

    from .domain.errors import UserError
    from .services.reports import DOCUMENTS, FORMATS

    if args.kind == "list":
        return _report_list(args)
    doc = DOCUMENTS.get(args.kind)
    if doc is None:
        raise UsageError(f"jenis dokumen '{args.kind}' tidak dikenal; pilih dari: {', '.join(DOCUMENTS)}")
    for option, value in (("--region", args.region), ("--out", args.out)):
        if not value:
            raise UsageError(f"argumen {option} wajib diisi untuk 'report {doc.key}'")
    day = None
    if args.day:
        try:
            day = _date.fromisoformat(args.day)
        except ValueError:
            raise UsageError(f"tanggal '{args.day}' harus berbentuk YYYY-MM-DD") from None
    if doc.scope == "region" and (args.bimtek or args.day):
        raise UsageError(f"{doc.title} dibuat per wilayah; --bimtek dan --day tidak dipakai")
    if doc.scope == "bimtek" and args.day:
        raise UsageError(f"{doc.title} dibuat per bimtek; --day tidak dipakai")
    if doc.scope in ("bimtek", "day") and not args.bimtek and not (doc.scope == "day" and day):
        raise UsageError(f"{doc.title} dibuat per bimtek: sebutkan tahapnya dengan --bimtek 1-4")
    variant = "blank" if args.blank else "names" if args.names_only else ""
    if variant and variant not in dict(doc.variants):
        raise UsageError(f"{doc.title} tidak punya varian {_VARIANT_FLAGS[variant]}")
    available = ", ".join(f.upper() for f in doc.formats)
    if args.fmt and args.fmt not in doc.formats:
        raise UsageError(f"{doc.title} tersedia sebagai {available}, bukan {args.fmt.upper()}")
    target = Path(args.out).expanduser()
    folder = target.is_dir() or args.out.endswith(("/", "\\"))
    fmt = args.fmt or doc.formats[0]
    if not folder:
        ext = target.suffix.lower().lstrip(".")
        if ext in FORMATS:
            if args.fmt and ext != args.fmt:
                raise UsageError(f"berkas '{target.name}' berakhiran .{ext}, tetapi --format {args.fmt}; "
                                 f"pakai akhiran .{args.fmt}")
            if ext not in doc.formats:
                raise UsageError(f"{doc.title} tersedia sebagai {available}, bukan {ext.upper()} "
                                 f"(berkas '{target.name}')")
            fmt = ext
        elif ext and not args.fmt:
            raise UsageError(f"akhiran berkas '.{ext}' tidak dikenal; pakai "
                             + " atau ".join(f".{f}" for f in doc.formats) + " (atau --format)")
        else:
            target = target.with_name(f"{target.name}.{fmt}")
    if not (target if folder else target.parent).is_dir():
        raise UserError(f"Folder tujuan tidak ditemukan: {target if folder else target.parent}.")
    args.report = (doc, variant, day, fmt, target, folder)
    return None


def _report_day(services, region, doc, stage: int | None, day):
    """The stage and day of a day-scoped document: --day alone finds its bimtek; --bimtek alone
    is enough when that bimtek has one day."""
    from .domain.errors import ValidationError

    days = services.attendance.days(region.id)
    if doc.scope != "day":
        return stage, None
    if stage is None:
        found = [d for d in days if d.day == day]
        if not found:
            raise UsageError(f"tidak ada bimtek di {region.display_name} pada {day.isoformat()}; hari bimtek: "
                             + (", ".join(f"{d.day.isoformat()} (tahap {d.stage})" for d in days) or "belum ada"))
        return found[0].stage, day
    own = [d.day for d in days if d.stage == stage]
    if not own:
        raise ValidationError(f"Bimtek tahap {stage} di {region.display_name} belum punya hari. "
                              "Atur jadwalnya di dasbor.")
    if day is None:
        if len(own) > 1:
            raise UsageError(f"bimtek tahap {stage} berlangsung {len(own)} hari "
                             f"({', '.join(d.isoformat() for d in own)}): sebutkan --day")
        return stage, own[0]
    if day not in own:
        raise UsageError(f"bimtek tahap {stage} di {region.display_name} tidak berlangsung pada {day.isoformat()}; "
                         f"harinya: {', '.join(d.isoformat() for d in own)}")
    return stage, day


def _pdf_pages(path: Path) -> int | None:
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:  # noqa: BLE001 - the count is a courtesy; the file is written either way
        return None


def cmd_report(services, args) -> int:
    from .domain.errors import UserError
    from .services.reports import ReportRequest, default_file_name, render_to_file

    doc, variant, day, fmt, target, folder = args.report
    region = services.regions.find(args.region)
    stage, day = _report_day(services, region, doc, args.bimtek if doc.scope != "region" else None, day)
    req = ReportRequest(doc.key, region.id, stage=stage, day=day, variant=variant, paper=args.paper, fmt=fmt)
    if folder:
        target = target / default_file_name(services, req)
    try:
        path = render_to_file(services, req, target)
    except ModuleNotFoundError as exc:
        name = exc.name or ""
        if name.startswith(__package__ + "."):
            raise UserError(f"{doc.title} belum tersedia di versi ini (modul {name} tidak ada).") from exc
        raise UserError(f"{doc.title} butuh pustaka '{name}' yang belum terpasang; pasang ulang aplikasinya.") from exc
    size = path.stat().st_size
    pages = _pdf_pages(path) if fmt == "pdf" else None
    data = {"file": str(path), "kind": doc.key, "title": doc.title, "format": fmt, "variant": req.variant or None,
            "region": region.display_name, "stage": stage, "day": day.isoformat() if day else None,
            "paper": args.paper, "bytes": size, "pages": pages}
    detail = (f"{pages} halaman, " if pages else "") + f"{size:,} bita"
    _out(args, data, f"{doc.title} ditulis: {path} ({detail})")
    return 0


