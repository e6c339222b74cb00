"""kotacerdas-cli: headless commands over the services."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import APP_NAME, __version__
from .paths import DataDirError, prepare_paths, resolve_data_dir
from .storage.database import DatabaseError, DatabaseInfo, prepare_database
from .storage.lock import AlreadyRunningError, InstanceLock

READ_ONLY = {"info", "check", "backup", "verify", ("region", "list"), ("people", "list"),
             ("people", "export"), ("attendance", "list"), ("bimtek", "show"), "report"}


class UsageError(Exception):
    pass


_ARGPARSE_ID = (
    ("the following arguments are required", "argumen wajib belum diisi"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("invalid choice", "pilihan tidak dikenal"),
    ("invalid int value", "bukan bilangan bulat"),
    ("choose from", "pilih dari"),
    ("expected one argument", "butuh satu nilai"),
    ("not allowed with argument", "tidak boleh bersama argumen"),
    ("argument ", "argumen "),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, in Indonesian, exit 2, no usage dump
        for english, indonesian in _ARGPARSE_ID:
            message = message.replace(english, indonesian)
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="kotacerdas-cli", description=f"{APP_NAME} {__version__}: perintah baris.")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument("--data-dir", help="folder data (bawaan: KOTACERDAS_DATA_DIR atau folder pengguna)")
    p.add_argument("--json", action="store_true", help="keluaran sebagai JSON")
    # The global options are accepted after the command too ("info --json").
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.add_parser("info", parents=[common], help="lokasi berkas, versi skema, perangkat, jumlah data per wilayah")
    demo = sub.add_parser("demo", parents=[common], help="buat wilayah contoh 'Kota Contoh'")
    demo.add_argument("--full", action="store_true",
                      help="sekaligus isi kehadiran, lembar kerja keempat bimtek (hasil Tahap I-IV) "
                           "dan komitmen yang sudah ditandatangani")
    vf = sub.add_parser("verify", parents=[common], help="periksa kode verifikasi lembar komitmen")
    vf.add_argument("code")
    att = sub.add_parser("attendance", help="kehadiran: list")
    asub = att.add_subparsers(dest="attendance_command", metavar="ACTION", parser_class=_Parser)
    al = asub.add_parser("list", parents=[common], help="daftar hadir satu bimtek")
    al.add_argument("--region", required=True, help="nama atau id wilayah")
    al.add_argument("--bimtek", required=True, type=int, choices=[1, 2, 3, 4], help="tahap 1-4")
    al.add_argument("--day", help="tanggal YYYY-MM-DD (bawaan: semua hari bimtek itu)")
    bt = sub.add_parser("bimtek", help="bimtek: show")
    bsub = bt.add_subparsers(dest="bimtek_command", metavar="ACTION", parser_class=_Parser)
    bs = bsub.add_parser("show", parents=[common], help="langkah, pemeriksaan dan hasil kerja satu bimtek")
    bs.add_argument("--region", required=True, help="nama atau id wilayah")
    bs.add_argument("--bimtek", required=True, type=int, choices=[1, 2, 3, 4], help="tahap 1-4")
    from . import cli_sync
    cli_sync.add_parsers(sub, common, _Parser)
    cm = sub.add_parser("commitment", help="komitmen bersama: show")
    csub = cm.add_subparsers(dest="commitment_command", metavar="ACTION", parser_class=_Parser)
    cs = csub.add_parser("show", parents=[common], help="teks, versi, penanda tangan, kode verifikasi")
    cs.add_argument("--region", required=True, help="nama atau id wilayah")
    sub.add_parser("check", parents=[common], help="periksa keutuhan basis data dan riwayat")
    b = sub.add_parser("backup", parents=[common], help="cadangkan basis data")
    b.add_argument("--out", help="berkas tujuan (bawaan: folder backups)")
    region = sub.add_parser("region", help="wilayah: list, create")
    rsub = region.add_subparsers(dest="region_command", metavar="ACTION", parser_class=_Parser)
    rl = rsub.add_parser("list", parents=[common], help="daftar wilayah")
    rl.add_argument("--all", action="store_true", help="termasuk yang diarsipkan")
    rc = rsub.add_parser("create", parents=[common], help="buat wilayah baru")
    rc.add_argument("name")
    rc.add_argument("--kind", required=True, choices=["kota", "kabupaten"])
    rc.add_argument("--province", default="")
    rc.add_argument("--paper", default="A4", choices=["A4", "F4"])
    rc.add_argument("--framework", default="ministry", choices=["ministry", "giffinger", "custom"])
    people = sub.add_parser("people", help="peserta: import, list, export")
    psub = people.add_subparsers(dest="people_command", metavar="ACTION", parser_class=_Parser)
    pi = psub.add_parser("import", parents=[common], help="impor daftar undangan (.xlsx/.csv)")
    pi.add_argument("file")
    pi.add_argument("--region", required=True, help="nama atau id wilayah")
    pi.add_argument("--sheet", help="nama lembar kerja (bawaan: lembar pertama)")
    pi.add_argument("--dry-run", action="store_true", help="hanya pratinjau, tidak menyimpan apa pun")
    pi.add_argument("--skip-problems", action="store_true",
                    help="jangan impor baris bermasalah (bawaan: diimpor dengan tanda periksa)")
    pi.add_argument("--create-opds", action="store_true", help="buat OPD yang belum dikenal")
    pl = psub.add_parser("list", parents=[common], help="daftar peserta")
    pl.add_argument("--region", required=True, help="nama atau id wilayah")
    pl.add_argument("--search", default="", help="cari nama, NIP atau OPD")
    pl.add_argument("--all", action="store_true", help="termasuk yang diarsipkan")
    pe = psub.add_parser("export", parents=[common], help="ekspor peserta ke .xlsx atau .csv")
    pe.add_argument("file")
    pe.add_argument("--region", required=True, help="nama atau id wilayah")
    rp = sub.add_parser("report", parents=[common], help="buat dokumen (daftar hadir, berita acara, buku, matriks); "
                                                         "'report list' menampilkan jenisnya")
    rp.add_argument("kind", metavar="JENIS", help="jenis dokumen (lihat 'report list'), atau list")
    rp.add_argument("--region", metavar="WILAYAH", help="nama atau id wilayah")
    rp.add_argument("--bimtek", type=int, choices=[1, 2, 3, 4], help="tahap 1-4 (dokumen per bimtek atau per hari)")
    rp.add_argument("--day", metavar="YYYY-MM-DD", help="tanggal (dokumen per hari, mis. daftar hadir)")
    variant = rp.add_mutually_exclusive_group()
    variant.add_argument("--blank", action="store_true", help="lembar kosong untuk diisi atau ditandatangani tangan")
    variant.add_argument("--names-only", action="store_true", help="nama tercetak, tanda tangan di kertas")
    rp.add_argument("--paper", type=str.upper, choices=["A4", "F4"], help="ukuran kertas (bawaan: pengaturan wilayah)")
    rp.add_argument("--format", dest="fmt", choices=["pdf", "xlsx", "docx"],
                    help="jenis berkas (bawaan: menurut akhiran nama berkas --out)")
    rp.add_argument("--out", metavar="BERKAS", help="berkas tujuan (.pdf, .xlsx atau .docx), atau folder untuk nama bawaan")
    return p


def _out(args, data, text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _open_services(args, writes: bool):
    from .services import Services

    paths = prepare_paths(resolve_data_dir(args.data_dir))
    lock = InstanceLock(paths.lock_file, purpose="cli")
    try:
        # Another short CLI command may hold the lock for a moment: wait a little for it.
        lock.acquire(wait_seconds=10 if writes else 0)
    except AlreadyRunningError:
        if writes:
            raise
        lock = None  # the running app keeps the database prepared; reading is safe
    info: DatabaseInfo | None = None
    if lock is not None or not paths.database.exists():
        info = prepare_database(paths.database, paths.backups)
    else:
        from .storage.database import connect, ensure_device, read_schema_version

        conn = connect(paths.database)
        try:
            dev = ensure_device(conn)
            info = DatabaseInfo(paths.database, read_schema_version(conn), None, None, *dev)
        finally:
            conn.close()
    return Services.open(paths, info), lock


def run(argv: list[str]) -> int:
    from .domain.errors import UserError
    from .domain.people import ValidationError
    from .services.errors import ServiceError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(f"kotacerdas-cli: {exc} (lihat --help)", file=sys.stderr)
        return 2
    sub_action = {"region": "region_command", "people": "people_command",
                  "attendance": "attendance_command", "commitment": "commitment_command",
                  "bimtek": "bimtek_command"}
    from . import cli_sync
    sub_action.update(cli_sync.SUB_ACTIONS)
    if not args.command or (args.command in sub_action and not getattr(args, sub_action[args.command])):
        print("kotacerdas-cli: perintah belum diberikan (lihat --help)", file=sys.stderr)
        return 2
    key = ((args.command, getattr(args, sub_action[args.command]))
           if args.command in sub_action else args.command)
    services = lock = None
    try:
        if key in PREPARE:  # argument checks that need no database; a command that needs none ends there
            done = PREPARE[key](args)
            if done is not None:
                return done
        services, lock = _open_services(args, writes=key not in READ_ONLY | cli_sync.READ_ONLY)
        return {**COMMANDS, **cli_sync.COMMANDS}[key](services, args)
    except UsageError as exc:
        print(f"kotacerdas-cli: {exc} (lihat --help)", file=sys.stderr)
        return 2
    except (DataDirError, DatabaseError, AlreadyRunningError, ValidationError, ServiceError,
            UserError) as exc:
        print(f"kotacerdas-cli: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` or a pager that quit: not an error
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second complaint when Python flushes stdout
        return 0
    except OSError as exc:
        print(f"kotacerdas-cli: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the CLI promises one line, never a traceback
        import logging

        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        print(f"kotacerdas-cli: kesalahan tak terduga ({type(exc).__name__}: {exc}). "
              "Data yang sudah tersimpan tetap aman; jalankan 'check' untuk memeriksa.", file=sys.stderr)
        return 1
    finally:
        if services is not None:
            services.close()
        if lock is not None:
            lock.release()


def cmd_info(services, args) -> int:
    info = services.maintenance.info()
    lines = [f"{APP_NAME} {info.app_version}",
             f"Folder data   : {info.data_dir}",
             f"Basis data    : {info.database}",
             f"Cadangan      : {info.backups_dir}",
             f"Versi skema   : {info.schema_version}",
             f"Perangkat     : {info.device_name} ({info.device_id})",
             f"Versi riwayat : {info.versions}",
             f"Wilayah       : {len(info.regions)}"]
    for r in info.regions:
        arch = " [diarsipkan]" if r["status"] == "archived" else ""
        lines.append(f"  - {r['name']}{arch}: {r['opds']} OPD, {r['people']} orang  (id {r['id']})")
    _out(args, info.as_dict(), "\n".join(lines))
    return 0


def cmd_demo(services, args) -> int:
    region_id = services.demo.create()
    detail = services.regions.detail(region_id)
    people = len(services.directory.people(region_id))
    opds = len(services.directory.opds(region_id))
    data = {"id": region_id, "name": detail.display_name, "people": people, "opds": opds}
    text = f"Wilayah contoh dibuat: {detail.display_name} ({opds} OPD, {people} orang), id {region_id}"
    if args.full:
        checkins, signatures = services.demo.fill_full(region_id)
        records = services.demo.fill_worksheets(region_id)
        code = services.commitment.view(region_id).code
        data.update(checkins=checkins, commitment_signatures=signatures, verification_code=code,
                    worksheet_records=records)
        text += (f"\nKehadiran: {checkins} tanda tangan di {len(services.attendance.days(region_id))} hari bimtek; "
                 f"komitmen: {signatures} tanda tangan, kode verifikasi {code}"
                 f"\nLembar kerja: {records} catatan (agenda, kelompok FGD, notulen dan berita acara empat bimtek; "
                 "hasil Tahap I sampai IV)")
    _out(args, data, text)
    return 0


def cmd_attendance_list(services, args) -> int:
    from datetime import date as _date

    from .domain.dates import format_date
    from .domain.people import format_nip

    region = services.regions.find(args.region)
    days = [d for d in services.attendance.days(region.id) if d.stage == args.bimtek]
    if args.day:
        try:
            wanted = _date.fromisoformat(args.day)
        except ValueError:
            raise UsageError(f"tanggal '{args.day}' harus berbentuk YYYY-MM-DD") from None
        days = [d for d in days if d.day == wanted]
    if not days:
        from .domain.errors import ValidationError

        raise ValidationError(f"Bimtek tahap {args.bimtek} di {region.display_name} belum punya hari"
                         + (f" {args.day}" if args.day else "") + ". Atur jadwalnya di dasbor.")
    people = {p.id: p for p in services.directory.people(region.id, include_archived=True)}
    data, lines = [], []
    for d in days:
        presence = services.attendance.presence(d.id)
        c = services.attendance.counters(d.id)
        rows = sorted(presence.values(), key=lambda x: people[x.person_id].name.casefold()
                      if x.person_id in people else "")
        lines.append(f"Tahap {d.stage}, {format_date(d.day)}: hadir {c.present} dari {c.invited} undangan")
        for i, x in enumerate(rows, 1):
            p = people.get(x.person_id)
            how = "kertas" if x.mode == "paper" else "tanda tangan"
            lines.append(f"  {i:>3}. {p.full_name if p else x.person_id:<45.45} {format_nip(p.nip) if p else '':<22}"
                         f" {p.opd_name if p else '':<14.14} {how} {x.signed_at}")
        data.append({"day": d.day.isoformat(), "stage": d.stage, "present": c.present, "invited": c.invited,
                     "per_opd": [{"opd": o, "present": a, "invited": b} for o, a, b in c.per_opd],
                     "attendance": [{"person_id": x.person_id, "name": people[x.person_id].full_name
                                     if x.person_id in people else "", "mode": x.mode,
                                     "strokes_sha256": x.strokes_sha256, "signed_at": x.signed_at}
                                    for x in rows]})
    _out(args, data, "\n".join(lines))
    return 0


def cmd_bimtek_show(services, args) -> int:
    from .services.bimtek_report import bimtek_report, render_text

    region = services.regions.find(args.region)
    report = bimtek_report(services.regions, services.worksheets, region.id, args.bimtek)
    _out(args, report, "" if args.json else render_text(report))
    return 0


def cmd_commitment_show(services, args) -> int:
    region = services.regions.find(args.region)
    v = services.commitment.view(region.id)
    data = {"region": v.region_name, "version": v.version, "text_sha256": v.text_sha256, "text": v.text,
            "verification_code": v.code, "signed": v.signed, "signatories": [
                {"name": s.name, "role": s.role, "title": s.role_title, "signed_current": s.signed_current,
                 "signed_version": s.signed_version, "signed_at": s.signed_at} for s in v.signatories]}
    lines = [f"Komitmen bersama {v.region_name}, versi {v.version}", f"SHA-256 teks: {v.text_sha256}",
             f"Kode verifikasi: {v.code or '(belum ada tanda tangan)'}", "", v.text, "",
             f"Penanda tangan ({v.signed} dari {len(v.signatories)} sudah menandatangani versi ini):"]
    for s in v.signatories:
        state = ("sudah" if s.signed_current else
                 f"menandatangani versi {s.signed_version} (tidak mencakup teks sekarang)" if s.signed_version
                 else "belum")
        lines.append(f"  - {s.name} — {s.role_title}: {state}")
    _out(args, data, "\n".join(lines))
    return 0


def cmd_verify(services, args) -> int:
    r = services.commitment.verify(args.code)
    c = r.check
    data = {"code": r.code, "region": r.region_name, "version": r.version, "current_version": r.current_version,
            "text_ok": c.text_ok, "signatures_ok": c.signatures_ok, "signatures_bad": c.signatures_bad,
            "code_ok": c.code_ok, "ok": c.ok, "signers": list(r.signers)}
    lines = [f"Kode {r.code}: komitmen bersama {r.region_name}, versi {r.version}",
             f"Teks utuh: {'ya' if c.text_ok else 'TIDAK'}; tanda tangan sah: {c.signatures_ok}, "
             f"bermasalah: {c.signatures_bad}; kode cocok: {'ya' if c.code_ok else 'TIDAK'}"]
    if r.current_version != r.version:
        lines.append(f"Catatan: teks sudah diubah sejak itu; versi sekarang {r.current_version}.")
    lines.append("HASIL: SAH" if c.ok else "HASIL: TIDAK SAH")
    _out(args, data, "\n".join(lines))
    return 0 if c.ok else 1


def cmd_check(services, args) -> int:
    r = services.maintenance.check()
    data = {"ok": r.ok, "integrity": r.integrity, "foreign_key_problems": r.foreign_key_problems,
            "schema_version": r.schema_version, "missing_triggers": r.missing_triggers,
            "records_without_history": r.records_without_history,
            "heads_not_matching": r.heads_not_matching, "versions_with_bad_id": r.versions_with_bad_id,
            "versions": r.versions, "heads_inconsistent": r.heads_inconsistent,
            "rows_missing": r.rows_missing, "attachments_missing": r.attachments_missing,
            "attachments_corrupt": r.attachments_corrupt}
    text = "\n".join([
        f"Keutuhan SQLite        : {r.integrity}",
        f"Masalah kunci asing    : {r.foreign_key_problems}",
        f"Versi skema            : {r.schema_version}",
        f"Pemicu riwayat hilang  : {', '.join(r.missing_triggers) or 0}",
        f"Data tanpa riwayat     : {r.records_without_history}",
        f"Data beda dari riwayat : {r.heads_not_matching}",
        f"Versi dengan hash salah: {r.versions_with_bad_id}",
        f"Kepala riwayat janggal : {r.heads_inconsistent}",
        f"Data hilang dari tabel : {r.rows_missing}",
        f"Lampiran hilang        : {r.attachments_missing}",
        f"Lampiran rusak/diubah  : {r.attachments_corrupt}",
        f"Jumlah versi riwayat   : {r.versions}",
        "HASIL: BAIK" if r.ok else "HASIL: ADA MASALAH"])
    _out(args, data, text)
    return 0 if r.ok else 1


def cmd_backup(services, args) -> int:
    target = Path(args.out).expanduser() if args.out else None
    if target is not None and target.is_dir():
        raise DatabaseError(f"'{target}' adalah folder; beri nama berkas, misalnya {target / 'cadangan.sqlite'}.")
    path = services.maintenance.backup(target)
    _out(args, {"backup": str(path), "bytes": path.stat().st_size},
         f"Cadangan ditulis: {path} ({path.stat().st_size:,} bita)")
    return 0


def cmd_region_list(services, args) -> int:
    regions = services.regions.list(include_archived=args.all)
    data = [vars(r) for r in regions]
    if not regions:
        text = "Belum ada wilayah. Buat dengan 'region create' atau coba 'demo'."
    else:
        text = "\n".join(f"{r.id}  {r.display_name:<30} {r.province:<24} {r.opds:>3} OPD {r.people:>5} orang"
                         + ("  [diarsipkan]" if r.status == "archived" else "") for r in regions)
    _out(args, data, text)
    return 0


def cmd_region_create(services, args) -> int:
    from .domain.regions import RegionInput

    region_id = services.regions.create(
        RegionInput(kind=args.kind, name=args.name, province=args.province, paper_size=args.paper),
        framework=args.framework)
    d = services.regions.detail(region_id)
    _out(args, {"id": region_id, "name": d.display_name, "province": d.data.province},
         f"Wilayah dibuat: {d.display_name}, id {region_id}")
    return 0


def cmd_people_import(services, args) -> int:
    from .services.people_import import ACTIONS, OUTCOMES

    region = services.regions.find(args.region)
    plan = services.people_import.plan(region.id, Path(args.file).expanduser(), sheet=args.sheet)
    if args.create_opds:
        plan.opd_choices = {text: "" for text in plan.unknown_opds}
        plan = services.people_import.evaluate(region.id, plan)
    mapping = {plan.header[i] if i < len(plan.header) else f"kolom {i + 1}": f
               for i, f in sorted(plan.mapping.items()) if f != "ignore"}
    data = {"region": region.display_name, "file": plan.path, "sheet": plan.sheet,
            "header_row": None if plan.header_index is None else plan.header_index + 1,
            "mapping": mapping, "dry_run": args.dry_run, "counts": plan.counts(),
            "unknown_opds": plan.unknown_opds,
            "rows": [{"line": r.line, "outcome": r.outcome, "name": r.person.name,
                      "nip": r.person.nip, "opd": r.person.opd_text, "problems": r.problems,
                      "warnings": r.person.warnings, "match_id": r.match_id,
                      "changes": {k: list(v) for k, v in r.changes.items()},
                      "duplicate_of": r.duplicate_of} for r in plan.rows],
            "skipped": [{"line": line, "kind": kind, "text": text} for line, kind, text in plan.skipped]}
    lines = [f"{plan.path} [{plan.sheet}] -> {region.display_name}",
             f"Baris judul kolom: {data['header_row'] or 'tidak ditemukan'}; kolom: "
             + ", ".join(f"{k} = {v}" for k, v in mapping.items())]
    for r in plan.rows:
        extra = " ".join(r.problems) if r.problems else (
            f"sama dengan baris {r.duplicate_of}" if r.duplicate_of else
            ", ".join(f"{k}: {a or '-'} -> {b}" for k, (a, b) in r.changes.items()))
        if r.person.warnings:
            extra = " ".join(x for x in (extra, "Catatan: " + " ".join(r.person.warnings)) if x)
        lines.append(f"  baris {r.line:>4}  {OUTCOMES[r.outcome]:<22} {r.person.name or '(tanpa nama)'}"
                     + (f"  ({extra})" if extra else ""))
    for line, kind, text in plan.skipped:
        if kind not in ("empty",):
            lines.append(f"  baris {line:>4}  dilewati ({kind}): {text[:70]}")
    lines.append("Ringkasan pratinjau: " + ", ".join(f"{OUTCOMES[k]} {v}" for k, v in plan.counts().items()))
    if args.dry_run:
        lines.append("Uji coba (--dry-run): tidak ada yang disimpan.")
    else:
        result = services.people_import.apply(region.id, plan, import_problems=not args.skip_problems)
        data["result"] = {"counts": result.counts(), "opds_created": result.opds_created,
                          "rows": [{"line": x.line, "action": x.action, "person_id": x.person_id,
                                    "name": x.name, "note": x.note} for x in result.rows]}
        lines.append("Hasil: " + ", ".join(f"{ACTIONS[k]} {v}" for k, v in result.counts().items() if v))
        if result.opds_created:
            lines.append("OPD baru: " + ", ".join(result.opds_created))
    _out(args, data, "\n".join(lines))
    return 0


def cmd_people_list(services, args) -> int:
    from .domain.people import format_nip, search_key

    region = services.regions.find(args.region)
    people = services.directory.people(region.id, include_archived=args.all)
    if args.search:
        words = search_key(args.search).split()
        people = [p for p in people
                  if all(w in search_key(f"{p.full_name} {p.nip} {p.opd_name}") for w in words)]
    data = [vars(p) | {"full_name": p.full_name} for p in people]
    text = "\n".join(f"{p.full_name:<45.45} {format_nip(p.nip):<22} {p.opd_name:<18.18} {p.jabatan:.40}"
                     for p in people) or "Tidak ada orang yang cocok."
    _out(args, data, text + ("" if args.json else f"\n{len(people)} orang"))
    return 0


def cmd_people_export(services, args) -> int:
    region = services.regions.find(args.region)
    path, count = services.directory.export(region.id, Path(args.file).expanduser())
    _out(args, {"file": str(path), "people": count}, f"{count} orang diekspor ke {path}")
    return 0


COMMANDS = {
    "info": cmd_info, "demo": cmd_demo, "check": cmd_check, "backup": cmd_backup,
    ("region", "list"): cmd_region_list, ("region", "create"): cmd_region_create,
    ("people", "import"): cmd_people_import, ("people", "list"): cmd_people_list,
    ("people", "export"): cmd_people_export, ("attendance", "list"): cmd_attendance_list,
    ("commitment", "show"): cmd_commitment_show, ("bimtek", "show"): cmd_bimtek_show, "verify": cmd_verify,
}
from .cli_report import _prepare_report, cmd_report  # noqa: E402 - needs UsageError and _out above

COMMANDS["report"] = cmd_report
PREPARE = {"report": _prepare_report}
