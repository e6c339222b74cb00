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

READ_ONLY = {"info", "check", "backup", ("region", "list")}


class UsageError(Exception):
    pass


_ARGPARSE_ID = (
    ("the following arguments are required", "argumen wajib belum diisi"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("invalid choice", "pilihan tidak dikenal"),
    ("choose from", "pilih dari"),
    ("expected one argument", "butuh satu nilai"),
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
    sub.add_parser("demo", parents=[common], help="buat wilayah contoh 'Kota Contoh'")
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
    from .domain.people import ValidationError
    from .services.errors import ServiceError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(f"kotacerdas-cli: {exc} (lihat --help)", file=sys.stderr)
        return 2
    if not args.command or (args.command == "region" and not args.region_command):
        print("kotacerdas-cli: perintah belum diberikan (lihat --help)", file=sys.stderr)
        return 2
    key = (args.command, args.region_command) if args.command == "region" else args.command
    services = lock = None
    try:
        services, lock = _open_services(args, writes=key not in READ_ONLY)
        return COMMANDS[key](services, args)
    except (DataDirError, DatabaseError, AlreadyRunningError, ValidationError, ServiceError) as exc:
        print(f"kotacerdas-cli: {exc}", file=sys.stderr)
        return 1
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
    _out(args, {"id": region_id, "name": detail.display_name, "people": people, "opds": opds},
         f"Wilayah contoh dibuat: {detail.display_name} ({opds} OPD, {people} orang), id {region_id}")
    return 0


def cmd_check(services, args) -> int:
    r = services.maintenance.check()
    data = {"ok": r.ok, "integrity": r.integrity, "foreign_key_problems": r.foreign_key_problems,
            "schema_version": r.schema_version, "missing_triggers": r.missing_triggers,
            "records_without_history": r.records_without_history,
            "heads_not_matching": r.heads_not_matching, "versions_with_bad_id": r.versions_with_bad_id,
            "versions": r.versions, "heads_inconsistent": r.heads_inconsistent,
            "rows_missing": r.rows_missing}
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


COMMANDS = {
    "info": cmd_info, "demo": cmd_demo, "check": cmd_check, "backup": cmd_backup,
    ("region", "list"): cmd_region_list, ("region", "create"): cmd_region_create,
}
