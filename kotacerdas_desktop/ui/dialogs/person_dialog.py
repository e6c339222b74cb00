"""Add or edit one person of the directory."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit

from ...domain.errors import ValidationError
from ...domain.people import (CATEGORIES, CATEGORY_LABELS_EN, GENDER_LABELS_EN, GENDERS, PANGKAT,
                              PersonInput,
                              format_nip, pangkat_golongan_text, validate_person)
from ...i18n import language, tr
from ...services.directory import OpdView, PersonView
from ..widgets.form_dialog import build_form_dialog, error_label


class PersonDialog(QDialog):
    def __init__(self, person: PersonView | None, opds: list[OpdView], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Ubah data orang") if person else tr("Orang baru"))
        p = person
        self.prefix = QLineEdit(p.prefix if p else "")
        self.prefix.setPlaceholderText(tr("mis. Dr. H."))
        self.name = QLineEdit(p.name if p else "")
        self.name.setPlaceholderText(tr("nama tanpa gelar, atau lengkap dengan gelar"))
        self.suffix = QLineEdit(p.suffix if p else "")
        self.suffix.setPlaceholderText(tr("mis. S.T., M.Si."))
        self.nip = QLineEdit(format_nip(p.nip) if p else "")
        self.nip.setPlaceholderText(tr("18 digit; kosongkan bila bukan ASN"))
        self.golongan = QComboBox()
        self.golongan.setEditable(True)
        self.golongan.addItem("", "")
        for gol in PANGKAT:
            self.golongan.addItem(pangkat_golongan_text(gol), gol)
        if p and p.golongan:
            idx = self.golongan.findData(p.golongan)
            if idx >= 0:
                self.golongan.setCurrentIndex(idx)
            else:
                self.golongan.setEditText(p.golongan)
        self.jabatan = QLineEdit(p.jabatan if p else "")
        self.opd = QComboBox()
        self.opd.addItem(tr("— tanpa OPD —"), None)
        for o in opds:
            self.opd.addItem(o.name + (f" ({o.short_name})" if o.short_name else ""), o.id)
        if p and p.opd_id:
            self.opd.setCurrentIndex(max(0, self.opd.findData(p.opd_id)))
        self.phone = QLineEdit(p.phone if p else "")
        self.phone.setPlaceholderText(tr("mis. 0812-3456-7890"))
        self.email = QLineEdit(p.email if p else "")
        self.gender = QComboBox()
        self.gender.addItem("", "")
        for code, label in (GENDERS if language() == "id" else GENDER_LABELS_EN).items():
            self.gender.addItem(label, code)
        self.gender.setCurrentIndex(max(0, self.gender.findData(p.gender if p else "")))
        self.category = QComboBox()
        labels = CATEGORIES if language() == "id" else CATEGORY_LABELS_EN
        for code, label in labels.items():
            self.category.addItem(label, code)
        self.category.setCurrentIndex(max(0, self.category.findData(p.category if p else "opd_staff")))
        self.review_note = QLineEdit(p.review_note if p else "")
        self.review_note.setPlaceholderText(tr("kosong = tidak perlu diperiksa"))
        self.error = error_label()
        build_form_dialog(self, [
            (tr("Gelar depan"), self.prefix), (tr("Nama"), self.name), (tr("Gelar belakang"), self.suffix),
            (tr("NIP"), self.nip), (tr("Pangkat/Gol."), self.golongan), (tr("Jabatan"), self.jabatan),
            (tr("OPD"), self.opd), (tr("No. HP"), self.phone), (tr("Email"), self.email),
            (tr("Jenis kelamin"), self.gender), (tr("Kategori"), self.category),
            (tr("Catatan pemeriksaan"), self.review_note)], tr("Simpan"), extras=(self.error,),
            min_width=520)
        self.warnings: list[str] = []

    def value(self) -> PersonInput:
        gol = self.golongan.currentData() if self.golongan.currentText() == \
            self.golongan.itemText(self.golongan.currentIndex()) else self.golongan.currentText()
        return PersonInput(prefix=self.prefix.text(), name=self.name.text(), suffix=self.suffix.text(),
                           nip=self.nip.text(), golongan=gol or "", jabatan=self.jabatan.text(),
                           opd_id=self.opd.currentData(), phone=self.phone.text(),
                           email=self.email.text(), gender=self.gender.currentData(),
                           category=self.category.currentData())

    def accept(self) -> None:
        try:
            _clean, self.warnings = validate_person(self.value())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
