"""The CLI's USB sync commands: bundle export/import/verify, device show/export-key/trust,
conflicts list. Registered by cli.py; errors follow cli.py's rules (one Indonesian line)."""
from __future__ import annotations

import json
from pathlib import Path

SUB_ACTIONS = {"bundle": "bundle_command", "device": "device_command", "conflicts": "conflicts_command"}
READ_ONLY = {("bundle", "verify"), ("device", "show"), ("device", "export-key"), ("conflicts", "list")}


def add_parsers(sub, common, parser_class) -> None:
    bundle = sub.add_parser("bundle", help="bundel USB: export, import, verify")
    bsub = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", parser_class=parser_class)
    be = bsub.add_parser("export", parents=[common], help="tulis bundel satu wilayah ke berkas atau folder stik USB")
    be.add_argument("--region", required=True, help="nama atau id wilayah")
    be.add_argument("--out", required=True, help="berkas .kcbundle atau folder (nama aman dipilih otomatis)")
    be.add_argument("--full", action="store_true", help="semua versi, bukan hanya yang belum dikonfirmasi diterima")
    be.add_argument("--encrypt-to", metavar="KEYFILE",
                    help="enkripsi ke kunci publik Diskominfo (berkas .kckey); bawaan: kantor yang terdaftar")
    be.add_argument("--no-encrypt", action="store_true", help="jangan enkripsi walau kantor terdaftar")
    bi = bsub.add_parser("import", parents=[common], help="periksa lalu gabungkan satu atau beberapa bundel")
    bi.add_argument("files", nargs="+", metavar="FILE")
    bi.add_argument("--dry-run", action="store_true", help="hanya pratinjau; tidak ada yang diubah")
    bi.add_argument("--accept-unknown", action="store_true",
                    help="terima penanda tangan yang belum terdaftar (setelah dicek langsung)")
    bv = bsub.add_parser("verify", parents=[common], help="periksa bundel tanpa mengubah apa pun")
    bv.add_argument("file")
    br = bsub.add_parser("receipt", parents=[common], help="tulis tanda terima bertanda tangan untuk bundel terimpor")
    br.add_argument("file", help="bundel yang sudah diimpor")
    br.add_argument("--out", required=True, help="berkas tanda terima (.kcreceipt)")
    ba = bsub.add_parser("accept-receipt", parents=[common],
                         help="baca tanda terima kantor: versi itu tidak dikirim ulang")
    ba.add_argument("file")
    dev = sub.add_parser("device", help="perangkat ini: show, export-key, trust")
    dsub = dev.add_subparsers(dest="device_command", metavar="ACTION", parser_class=parser_class)
    dsub.add_parser("show", parents=[common], help="id, nama dan sidik jari kunci perangkat ini")
    dk = dsub.add_parser("export-key", parents=[common], help="tulis berkas kunci publik perangkat ini")
    dk.add_argument("file")
    dt = dsub.add_parser("trust", parents=[common], help="daftarkan perangkat lain dari berkas kunci publiknya")
    dt.add_argument("file")
    dt.add_argument("--office", action="store_true", help="kunci ini milik Diskominfo (tujuan enkripsi)")
    dr = dsub.add_parser("revoke", parents=[common], help="cabut kepercayaan pada perangkat (hilang atau diganti)")
    dr.add_argument("device_id")
    cf = sub.add_parser("conflicts", help="konflik hasil impor: list")
    csub = cf.add_subparsers(dest="conflicts_command", metavar="ACTION", parser_class=parser_class)
    csub.add_parser("list", parents=[common], help="catatan dengan beberapa versi terakhir")


def _out(args, data, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str) if args.json else text)


def cmd_device_show(services, args) -> int:
    d = services.sync.device()
    trusted = services.sync.trusted()
    lines = [f"Perangkat : {d.name} ({d.device_id})", f"Sidik jari: {d.fingerprint}", f"Berkas kunci: {d.key_file}",
             f"Perangkat tepercaya: {len(trusted)}"]
    lines += [f"  - {t.name} [{t.role}] {t.fingerprint}{' (dicabut)' if t.revoked else ''}" for t in trusted]
    _out(args, {"device": vars(d), "trusted": [vars(t) for t in trusted]}, "\n".join(lines))
    return 0


def cmd_device_export_key(services, args) -> int:
    path = services.sync.export_public_key(Path(args.file))
    d = services.sync.device()
    _out(args, {"file": str(path), "fingerprint": d.fingerprint},
         f"Kunci publik ditulis ke {path}. Sidik jari: {d.fingerprint} (bacakan untuk dicocokkan).")
    return 0


def cmd_device_trust(services, args) -> int:
    data = Path(args.file).read_bytes()
    t = services.sync.trust(data, role="office" if args.office else "facilitator")
    _out(args, vars(t), f"Perangkat {t.name} dipercaya sebagai {t.role}. Sidik jari: {t.fingerprint} "
                        "— pastikan sama dengan yang dibacakan pemiliknya.")
    return 0


def cmd_bundle_export(services, args) -> int:
    region = services.regions.find(args.region)
    key = None
    if args.encrypt_to:
        from .sync.keys import parse_public_key_file
        key = parse_public_key_file(Path(args.encrypt_to).read_bytes()).encryption_key
    elif not args.no_encrypt:
        key = services.sync.office_key()
    r = services.sync.export_bundle(region.id, Path(args.out), full=args.full, encrypt_to=key)
    _out(args, {"file": str(r.path), "bundle_id": r.bundle_id, "versions": r.versions, "attachments": r.attachments,
                "encrypted": r.encrypted, "sequence": r.sequence},
         f"Bundel ditulis: {r.path} ({r.versions} versi, {r.attachments} lampiran, "
         f"{'terenkripsi' if r.encrypted else 'tidak terenkripsi'}, urutan {r.sequence}).")
    return 0


def cmd_bundle_import(services, args) -> int:
    reports = [services.sync.import_bundle(Path(f), dry_run=args.dry_run, accept_unknown=args.accept_unknown)
               for f in args.files]
    lines = []
    for rep in reports:
        head = f"{rep.file_name}: dari {rep.device_name} ({rep.signer_fingerprint}), wilayah {rep.region_name}"
        if rep.already_imported_at:
            lines.append(f"{head} — sudah diimpor pada {rep.already_imported_at}; tidak ada yang berubah.")
            continue
        lines.append(head + (" — PRATINJAU, tidak ada yang diubah" if args.dry_run else
                             f" — {rep.inserted} versi baru disimpan"))
        for entity, s in rep.summary.items():
            if any(s.values()):
                lines.append(f"  {entity}: baru {s['new']}, berubah {s['updated']}, dihapus {s['deleted']}, "
                             f"sama {s['unchanged']}, konflik {s['conflicts']}")
        if rep.conflicts:
            lines.append(f"  {rep.conflicts} konflik: lihat 'conflicts list'.")
        lines += [f"  Perhatian: {w}" for w in rep.warnings]
    _out(args, [vars(r) for r in reports], "\n".join(lines))
    return 0


def cmd_bundle_verify(services, args) -> int:
    from .sync.usb import read_from_stick

    b = services.sync.read(read_from_stick(Path(args.file)), accept_unknown=True)
    state = "tepercaya" if b.signer_trusted else "BELUM TERDAFTAR (impor akan ditolak tanpa --accept-unknown)"
    _out(args, {"bundle_id": b.bundle_id, "device": b.device_name, "fingerprint": b.signer_fingerprint,
                "trusted": b.signer_trusted, "region": b.region_name, "sequence": b.sequence,
                "encrypted": b.encrypted, "counts": b.counts, "created_at": b.created_at},
         f"BUNDEL SAH: {b.bundle_id}\nDari      : {b.device_name} ({b.signer_fingerprint}), {state}\n"
         f"Wilayah   : {b.region_name}\nUrutan    : {b.sequence}, dibuat {b.created_at}\n"
         f"Terenkripsi: {'ya' if b.encrypted else 'tidak'}\nIsi       : {b.counts}")
    return 0


def cmd_bundle_receipt(services, args) -> int:
    path = services.sync.write_receipt(Path(args.file), Path(args.out))
    _out(args, {"file": str(path)}, f"Tanda terima ditulis: {path}")
    return 0


def cmd_bundle_accept_receipt(services, args) -> int:
    n = services.sync.accept_receipt(Path(args.file).read_bytes())
    _out(args, {"delivered": n}, f"Tanda terima sah: {n} versi ditandai sudah diterima kantor.")
    return 0


def cmd_device_revoke(services, args) -> int:
    services.sync.revoke(args.device_id)
    _out(args, {"revoked": args.device_id}, f"Perangkat {args.device_id} tidak lagi dipercaya.")
    return 0


def cmd_conflicts_list(services, args) -> int:
    conflicts = services.sync.conflicts()
    duplicates = services.sync.duplicates()
    lines = [f"{c.entity} {c.record_id}: {c.kind}, {len(c.heads)} versi terakhir"
             f"{' (dilindungi: tanda tangan/kehadiran)' if c.protected else ''}" for c in conflicts]
    lines += [f"NIP ganda {nip}: {', '.join(names)} (periksa; tidak digabung otomatis)" for nip, names in duplicates]
    _out(args, {"conflicts": [{"entity": c.entity, "record_id": c.record_id, "kind": c.kind, "heads": list(c.heads),
                               "protected": c.protected} for c in conflicts],
                "duplicate_nip": [{"nip": nip, "people": names} for nip, names in duplicates]},
         "\n".join(lines) if lines else "Tidak ada konflik.")
    return 0


COMMANDS = {
    ("bundle", "export"): cmd_bundle_export, ("bundle", "import"): cmd_bundle_import,
    ("bundle", "verify"): cmd_bundle_verify, ("device", "show"): cmd_device_show,
    ("device", "export-key"): cmd_device_export_key, ("device", "trust"): cmd_device_trust,
    ("conflicts", "list"): cmd_conflicts_list, ("bundle", "receipt"): cmd_bundle_receipt,
    ("bundle", "accept-receipt"): cmd_bundle_accept_receipt, ("device", "revoke"): cmd_device_revoke,
}
