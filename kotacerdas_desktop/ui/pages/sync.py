"""Sync over a USB stick: this laptop's key, trusted devices, one-click send (facilitator),
scan / preview / import (Diskominfo), conflicts to review and the sync history."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...i18n import tr
from ..dialogs.conflict_dialog import ConflictDialog
from ..feedback import confirm, show_error, show_info
from ..icons import Icons
from ..tasks import Task

BUNDLE_SUFFIX = ".kcbundle"
SUMMARY_COLUMNS = ("new", "updated", "deleted", "unchanged", "conflicts")


def ask_trust(parent, name: str, fingerprint: str) -> str | None:
    """Ask to compare the fingerprint aloud; the role chosen, or None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Percayai perangkat"))
    text = QLabel(tr("Perangkat: {name}\nCocokkan sidik jari ini dengan yang dibacakan pemilik perangkat: "
                     "{fingerprint}\nPercayai?", name=name, fingerprint=fingerprint))
    text.setTextFormat(Qt.PlainText)
    text.setWordWrap(True)
    office = QCheckBox(tr("Perangkat ini milik Diskominfo (kantor penerima)"))
    buttons = QDialogButtonBox(QDialogButtonBox.Yes | QDialogButtonBox.No)
    buttons.button(QDialogButtonBox.Yes).setText(tr("Percayai"))
    buttons.button(QDialogButtonBox.No).setText(tr("Batal"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for w in (text, office, buttons):
        layout.addWidget(w)
    if dialog.exec() != QDialog.Accepted:
        return None
    return "office" if office.isChecked() else "facilitator"


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QTableWidget.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectRows)
    t.setSelectionMode(QTableWidget.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: list[list]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(str(value)))


def _summary_text(raw: str) -> str:
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return raw
    names = {"versions": tr("versi"), "attachments": tr("lampiran"), "inserted": tr("versi baru")}
    return ", ".join(f"{names.get(k, k)} {v}" for k, v in data.items())


class SyncPage(QWidget):
    changed = Signal()

    def __init__(self, services, icons: Icons, ui_state: QSettings | None = None, parent=None) -> None:
        super().__init__(parent)
        self.services, self.icons, self.ui_state = services, icons, ui_state
        self.setObjectName("syncPage")
        self.region_id: str | None = None
        self.task: Task | None = None
        self.conflicts: list = []

        title = QLabel(tr("Sinkronisasi USB"))
        title.setObjectName("pageTitle")
        # this device
        self.device_label = QLabel()
        self.device_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.export_key_button = QPushButton(self.icons.get("export"), tr("Ekspor kunci publik…"))
        self.export_key_button.clicked.connect(self.export_key)
        self.trust_button = QPushButton(self.icons.get("check"), tr("Percayai perangkat…"))
        self.trust_button.clicked.connect(self.trust_device)
        self.trusted_label = QLabel()
        self.trusted_label.setWordWrap(True)
        self.revoke_button = QPushButton(self.icons.get("delete"), tr("Cabut…"))
        self.revoke_button.setToolTip(tr("Cabut kepercayaan pada perangkat yang hilang atau diganti: bundelnya "
                                         "ditolak sejak saat ini"))
        self.revoke_button.clicked.connect(self.revoke_device)
        device_box = QGroupBox(tr("Perangkat ini"))
        dv = QVBoxLayout(device_box)
        row = QHBoxLayout()
        row.addWidget(self.device_label, 1)
        row.addWidget(self.export_key_button)
        row.addWidget(self.trust_button)
        dv.addLayout(row)
        trusted_row = QHBoxLayout()
        trusted_row.addWidget(self.trusted_label, 1)
        trusted_row.addWidget(self.revoke_button)
        dv.addLayout(trusted_row)
        # the stick
        self.drives = QComboBox()
        self.drives.setObjectName("driveChoice")
        self.refresh_drives_button = QPushButton(self.icons.get("reset"), tr("Segarkan"))
        self.refresh_drives_button.setToolTip(tr("Cari lagi stik USB yang terpasang"))
        self.refresh_drives_button.clicked.connect(self.refresh_drives)
        drive_row = QHBoxLayout()
        drive_row.addWidget(QLabel(tr("Stik USB / folder:")))
        drive_row.addWidget(self.drives, 1)
        drive_row.addWidget(self.refresh_drives_button)
        # send
        self.send_button = QPushButton(self.icons.get("export"), tr("Kirim ke USB"))
        self.send_button.setObjectName("bigButton")
        self.send_button.setMinimumHeight(48)
        self.send_button.clicked.connect(self.send)
        self.encryption_label = QLabel()
        self.encryption_label.setWordWrap(True)
        self.last_sent_label = QLabel()
        self.accept_receipts_button = QPushButton(self.icons.get("check"), tr("Baca tanda terima di stik"))
        self.accept_receipts_button.setToolTip(tr("Tanda terima dari Diskominfo: versi yang sudah diterima kantor "
                                                  "tidak dikirim ulang"))
        self.accept_receipts_button.clicked.connect(self.accept_receipts)
        send_box = QGroupBox(tr("Kirim ke USB"))
        sv = QVBoxLayout(send_box)
        sv.addWidget(self.send_button)
        sv.addWidget(self.accept_receipts_button, 0, Qt.AlignLeft)
        sv.addWidget(self.encryption_label)
        sv.addWidget(self.last_sent_label)
        # receive
        self.scan_button = QPushButton(self.icons.get("open"), tr("Pindai stik…"))
        self.scan_button.clicked.connect(self.scan)
        self.files = QListWidget()
        self.files.setObjectName("bundleFiles")
        self.files.setMinimumHeight(110)
        self.preview_button = QPushButton(self.icons.get("import"), tr("Pratinjau"))
        self.preview_button.setToolTip(tr("Tampilkan apa yang akan berubah, tanpa mengubah data"))
        self.preview_button.clicked.connect(lambda: self.import_checked(dry_run=True))
        self.import_button = QPushButton(self.icons.get("import"), tr("Impor"))
        self.import_button.clicked.connect(lambda: self.import_checked(dry_run=False))
        self.summary = _table([tr("Berkas"), tr("Jenis data"), tr("Baru"), tr("Diubah"), tr("Dihapus"),
                               tr("Sama"), tr("Konflik")], "importSummary")
        self.summary.setMinimumHeight(120)
        receive_box = QGroupBox(tr("Terima dari USB"))
        rv = QVBoxLayout(receive_box)
        buttons = QHBoxLayout()
        self.receipt_button = QPushButton(self.icons.get("export"), tr("Tulis tanda terima"))
        self.receipt_button.setToolTip(tr("Untuk berkas tercentang yang sudah diimpor: tanda terima bertanda "
                                          "tangan ditulis ke stik, agar laptop fasilitator tidak mengirim ulang"))
        self.receipt_button.clicked.connect(self.write_receipts)
        for b in (self.scan_button, self.preview_button, self.import_button, self.receipt_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        rv.addLayout(buttons)
        rv.addWidget(self.files)
        rv.addWidget(self.summary)
        # conflicts
        self.conflict_table = _table([tr("Jenis data"), tr("Rekaman"), tr("Jenis konflik"), tr("Versi"),
                                      tr("Dilindungi")], "conflictTable")
        self.conflict_table.setMinimumHeight(120)
        self.conflict_table.doubleClicked.connect(lambda _i: self.review())
        self.review_button = QPushButton(self.icons.get("merge"), tr("Tinjau…"))
        self.review_button.clicked.connect(self.review)
        self.conflict_note = QLabel()
        conflict_box = QGroupBox(tr("Konflik"))
        cv = QVBoxLayout(conflict_box)
        cv.addWidget(self.conflict_note)
        cv.addWidget(self.conflict_table)
        cv.addWidget(self.review_button, 0, Qt.AlignLeft)
        # history
        self.history = _table([tr("Waktu"), tr("Arah"), tr("Perangkat"), tr("Urutan"), tr("Berkas"),
                               tr("Ringkasan")], "syncHistory")
        self.history.setMinimumHeight(140)
        history_box = QGroupBox(tr("Riwayat"))
        QVBoxLayout(history_box).addWidget(self.history)

        body = QWidget()
        bv = QVBoxLayout(body)
        bv.addWidget(device_box)
        bv.addLayout(drive_row)
        for box in (send_box, receive_box, conflict_box, history_box):
            bv.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        self.refresh_drives()

    # --- loading ---------------------------------------------------------------
    def load(self, region_id: str | None) -> None:
        self.region_id = region_id
        self.refresh()

    def refresh(self) -> None:
        me = self.services.sync.device()
        self.device_label.setText(tr("{name} — sidik jari {fingerprint}", name=me.name, fingerprint=me.fingerprint))
        trusted = [t for t in self.services.sync.trusted() if not t.revoked]
        roles = {"office": tr("Diskominfo"), "facilitator": tr("fasilitator")}
        self.trusted_label.setText(
            tr("Perangkat tepercaya: {list}", list=", ".join(f"{t.name} ({roles.get(t.role, t.role)})"
                                                             for t in trusted))
            if trusted else tr("Belum ada perangkat tepercaya."))
        self.revoke_button.setEnabled(bool(trusted))
        self.encryption_label.setText(
            tr("Bundel dienkripsi untuk Diskominfo yang terdaftar.") if self.services.sync.office_key()
            else tr("Belum ada kunci Diskominfo tepercaya: bundel ditandatangani tetapi tidak dienkripsi."))
        log = self.services.sync.log()
        sent = [r for r in log if r.direction == "export" and (not self.region_id or r.region_id == self.region_id)]
        self.last_sent_label.setText(
            tr("Terakhir dikirim: {at}, urutan {sequence}, ke {file}", at=sent[0].at, sequence=sent[0].sequence,
               file=sent[0].file_name) if sent else tr("Belum pernah dikirim"))
        self.send_button.setEnabled(bool(self.region_id))
        directions = {"export": tr("Kirim"), "import": tr("Terima")}
        _fill(self.history, [[r.at, directions.get(r.direction, r.direction), r.device_name, r.sequence,
                              r.file_name, _summary_text(r.summary)] for r in log])
        self.conflicts = self.services.sync.conflicts()
        _fill(self.conflict_table, [[c.entity, c.record_id[:12], c.kind, len(c.heads),
                                     tr("Ya") if c.protected else tr("Tidak")] for c in self.conflicts])
        note = tr("{n} konflik perlu ditinjau.", n=len(self.conflicts)) if self.conflicts \
            else tr("Tidak ada konflik.")
        duplicates = self.services.sync.duplicates(self.region_id)
        if duplicates:  # same NIP under two records: shown for a person to decide, never merged
            note += "\n" + "\n".join(tr("NIP ganda {nip}: {names} — periksa di Peserta; tidak digabung otomatis.",
                                         nip=nip, names=", ".join(names)) for nip, names in duplicates)
        self.conflict_note.setText(note)
        self.conflict_note.setWordWrap(True)
        self.review_button.setEnabled(bool(self.conflicts))

    def refresh_drives(self) -> None:
        from ...sync.usb import list_removable_drives

        self.drives.clear()
        for d in list_removable_drives():
            self.drives.addItem(self.icons.get("archive"), f"{d.label} ({d.path})", str(d.path))
        self.drives.addItem(self.icons.get("open"), tr("Pilih folder…"), None)

    def _folder(self) -> Path | None:
        chosen = self.drives.currentData()
        if chosen:
            return Path(chosen)
        folder = QFileDialog.getExistingDirectory(self, tr("Pilih folder stik USB"))
        return Path(folder) if folder else None

    def _run(self, fn, done) -> None:
        self.task = Task(lambda _report, _cancelled: fn(), self)
        self.task.finished.connect(done)
        self.task.failed.connect(lambda exc: show_error(self, exc))
        self.task.start()

    # --- keys ------------------------------------------------------------------
    def export_key(self) -> None:
        me = self.services.sync.device()
        path, _ = QFileDialog.getSaveFileName(self, tr("Ekspor kunci publik"), f"{me.name}.kckey",
                                              tr("Kunci publik (*.kckey)"))
        if not path:
            return
        try:
            written = self.services.sync.export_public_key(Path(path))
        except Exception as exc:  # noqa: BLE001 - shown in plain words
            show_error(self, exc)
            return
        show_info(self, tr("Kunci publik disimpan ke {path}.\nBacakan sidik jari {fingerprint} kepada penerima.",
                           path=written, fingerprint=me.fingerprint))

    def trust_device(self) -> None:
        from ...sync.keys import parse_public_key_file

        path, _ = QFileDialog.getOpenFileName(self, tr("Percayai perangkat"), "", tr("Kunci publik (*.kckey)"))
        if not path:
            return
        try:
            data = Path(path).read_bytes()
            key = parse_public_key_file(data)
            role = ask_trust(self, key.device_name, key.fingerprint)
            if role is None:
                return
            self.services.sync.trust(data, role)
        except Exception as exc:  # noqa: BLE001 - shown in plain words
            show_error(self, exc)
            return
        self.refresh()

    def revoke_device(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        trusted = [t for t in self.services.sync.trusted() if not t.revoked]
        if not trusted:
            return
        labels = [f"{t.name} — {t.fingerprint}" for t in trusted]
        choice, ok = QInputDialog.getItem(self, tr("Cabut perangkat"), tr("Perangkat yang dicabut:"), labels, 0, False)
        if not ok:
            return
        device = trusted[labels.index(choice)]
        if not confirm(self, tr("Cabut {name}? Bundel dari perangkat ini akan ditolak sampai dipercaya lagi.",
                                name=device.name)):
            return
        self.services.sync.revoke(device.device_id)
        self.refresh()

    # --- send ------------------------------------------------------------------
    def send(self) -> None:
        folder = self._folder() if self.region_id else None
        if folder is None:
            return
        sync, region = self.services.sync, self.region_id
        self._run(lambda: sync.export_bundle(region, folder, encrypt_to=sync.office_key()), self._sent)

    def _sent(self, result) -> None:
        self.refresh()
        note = (tr("Terenkripsi untuk Diskominfo.") if result.encrypted
                else tr("Tidak terenkripsi: belum ada kunci Diskominfo tepercaya."))
        show_info(self, tr("Terkirim ke {path}\n{versions} versi, {attachments} lampiran, urutan {sequence}.\n{note}",
                           path=result.path, versions=result.versions, attachments=result.attachments,
                           sequence=result.sequence, note=note))

    # --- receive ---------------------------------------------------------------
    def scan(self) -> None:
        folder = self._folder()
        if folder is None:
            return
        self._run(lambda: self._verify_all(folder), self._scanned)

    def _verify_all(self, folder: Path) -> list[tuple[Path, object, str]]:
        from ...sync.usb import read_from_stick

        found = []
        for path in sorted(p for p in folder.iterdir() if p.suffix.lower() == BUNDLE_SUFFIX and p.is_file()):
            try:
                found.append((path, self.services.sync.read(read_from_stick(path), accept_unknown=True), ""))
            except Exception as exc:  # noqa: BLE001 - a broken file is listed with its error
                found.append((path, None, str(exc)))
        return found

    def _scanned(self, found) -> None:
        self.files.clear()
        self.summary.setRowCount(0)
        for path, bundle, error in found:
            if bundle is None:
                item = QListWidgetItem(self.icons.get("warning"), f"{path.name} — {error}")
                item.setFlags(item.flags() & ~Qt.ItemIsUserCheckable & ~Qt.ItemIsEnabled)
            else:
                state = tr("tepercaya") if bundle.signer_trusted else tr("PENGIRIM BELUM TERDAFTAR")
                item = QListWidgetItem(self.icons.get("check" if bundle.signer_trusted else "warning"), tr(
                    "{file} — {device} (sidik jari {fingerprint}, {state}), wilayah {region}, urutan {sequence}",
                    file=path.name, device=bundle.device_name, fingerprint=bundle.signer_fingerprint,
                    state=state, region=bundle.region_name, sequence=bundle.sequence))
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked)
                item.setData(Qt.UserRole, (str(path), bundle.signer_trusted))
            item.setToolTip(item.text())
            self.files.addItem(item)
        if not found:
            self.files.addItem(QListWidgetItem(tr("Tidak ada berkas .kcbundle di folder ini.")))

    def checked_files(self) -> list[tuple[Path, bool]]:
        out = []
        for i in range(self.files.count()):
            item = self.files.item(i)
            data = item.data(Qt.UserRole)
            if data and item.checkState() == Qt.Checked:
                out.append((Path(data[0]), bool(data[1])))
        return out

    def import_checked(self, dry_run: bool = False) -> None:
        chosen = self.checked_files()
        if not chosen:
            show_info(self, tr("Pindai stik lalu centang berkas yang akan diimpor."))
            return
        unknown = [p.name for p, trusted in chosen if not trusted]
        accept = False
        if unknown:
            accept = confirm(self, tr("Terima pengirim yang belum terdaftar? Berkas: {files}\nLebih aman: percayai "
                                      "perangkat pengirim dulu setelah mencocokkan sidik jarinya.",
                                      files=", ".join(unknown)))
            if not accept:
                return
        self._run(lambda: self._import_all([p for p, _ in chosen], dry_run, accept),
                  lambda result: self._imported(result, dry_run))

    def _import_all(self, paths: list[Path], dry_run: bool, accept: bool):
        reports, errors = [], []
        for path in paths:
            try:
                reports.append(self.services.sync.import_bundle(path, dry_run=dry_run, accept_unknown=accept))
            except Exception as exc:  # noqa: BLE001 - reported per file, the others go on
                errors.append(f"{path.name}: {exc}")
        return reports, errors

    def _imported(self, result, dry_run: bool) -> None:
        reports, errors = result
        _fill(self.summary, [[rep.file_name, entity] + [counts.get(k, 0) for k in SUMMARY_COLUMNS]
                             for rep in reports for entity, counts in sorted(rep.summary.items())])
        if not dry_run:
            self.refresh()
            if reports:
                self.changed.emit()
            lines = [tr("{file}: sudah diimpor pada {at}; tidak ada yang berubah.", file=r.file_name,
                        at=r.already_imported_at) if r.already_imported_at and not r.inserted
                     else tr("{file}: {n} versi baru disimpan, {c} konflik.", file=r.file_name, n=r.inserted,
                             c=r.conflicts) for r in reports]
            lines += [w for r in reports for w in r.warnings]
            if lines:
                show_info(self, "\n".join(lines), tr("Impor selesai"))
        if errors:
            show_error(self, "\n".join(errors), tr("Sebagian berkas ditolak"))

    # --- receipts --------------------------------------------------------------
    def write_receipts(self) -> None:
        chosen = [p for p, _ in self.checked_files()]
        if not chosen:
            show_info(self, tr("Centang bundel yang sudah diimpor, lalu tulis tanda terimanya."))
            return
        written, errors = [], []
        for path in chosen:
            try:
                written.append(self.services.sync.write_receipt(path, path.with_suffix(".kcreceipt")).name)
            except Exception as exc:  # noqa: BLE001 - reported per file, the others go on
                errors.append(f"{path.name}: {exc}")
        if written:
            show_info(self, tr("Tanda terima ditulis: {files}", files=", ".join(written)))
        if errors:
            show_error(self, "\n".join(errors), tr("Sebagian tanda terima tidak ditulis"))

    def accept_receipts(self) -> None:
        folder = self._folder()
        if folder is None:
            return
        total, errors = 0, []
        for path in sorted(folder.glob("*.kcreceipt")):
            try:
                total += self.services.sync.accept_receipt(path.read_bytes())
            except Exception as exc:  # noqa: BLE001 - reported per file
                errors.append(f"{path.name}: {exc}")
        if errors:
            show_error(self, "\n".join(errors), tr("Sebagian tanda terima ditolak"))
        show_info(self, tr("{n} versi ditandai sudah diterima kantor; berikutnya hanya yang baru yang dikirim.",
                           n=total))

    # --- conflicts -------------------------------------------------------------
    def review(self) -> None:
        row = self.conflict_table.currentRow()
        if not self.conflicts:
            return
        dialog = ConflictDialog(self.services, self.conflicts[max(row, 0)], self)
        if dialog.exec() == QDialog.Accepted:
            self.refresh()
            self.changed.emit()

    def shutdown(self) -> None:
        if self.task is not None and self.task.running():
            self.task.wait()
