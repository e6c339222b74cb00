"""The commitment document of a region: text versions, signatories, signatures bound to
the exact text, verification codes that `kotacerdas-cli verify CODE` checks offline."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..domain.commitment import (COMMITMENT_ROLES, SignatureClaim, VersionCheck, canonical_text,
                                 check_version, claim_sha256, commitment_role_title, default_text,
                                 normalise_code, text_sha256, utc_timestamp, verification_code)
from ..domain.errors import ValidationError
from ..domain.regions import OFFICIAL_ROLES, display_name
from ..domain.signature import Signature, encode, has_enough_ink
from ..storage.models import (Commitment, CommitmentSignatory, CommitmentSignature,
                              CommitmentVersion, OfficialRole, Opd, Person, Region, VerificationCode)
from ..storage.store import Store
from .attendance import audit, store_attachment
from .errors import NotFound
from .regions import _region, _uuid


@dataclass(frozen=True)
class SignatoryView:
    id: str
    person_id: str | None
    name: str
    role: str
    role_title: str
    signed_current: bool        # a signature that covers the current text
    signed_version: int | None  # the latest version this signatory signed
    signed_at: str
    strokes_sha256: str | None


@dataclass(frozen=True)
class CommitmentView:
    id: str
    region_id: str
    region_name: str
    version: int
    text: str
    text_sha256: str
    signatories: tuple[SignatoryView, ...]
    code: str | None            # for the current version with its signatures, None if unsigned

    @property
    def signed(self) -> int:
        return sum(1 for s in self.signatories if s.signed_current)


@dataclass(frozen=True)
class VerifyResult:
    code: str
    region_name: str
    version: int
    current_version: int
    signers: tuple[str, ...]
    check: VersionCheck


def _strokes_intact(s, digest: str) -> bool:
    """The stored strokes exist, still hash to their name and decode."""
    import hashlib

    from ..domain.errors import ValidationError as _Invalid
    from ..domain.signature import decode

    row = s.connection().exec_driver_sql("SELECT data FROM attachment WHERE sha256 = ?", (digest,)).first()
    if row is None or hashlib.sha256(bytes(row[0])).hexdigest() != digest:
        return False
    try:
        decode(bytes(row[0]))
    except _Invalid:
        return False
    return True


def _full_name(p: Person) -> str:
    text = f"{p.prefix} {p.name}".strip()
    return f"{text}, {p.suffix}" if p.suffix else text


class CommitmentService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- document ---------------------------------------------------------------------
    def _ensure(self, s, region: Region) -> Commitment:
        doc = s.scalar(select(Commitment).where(Commitment.region_id == region.id))
        if doc is not None:
            return doc
        doc = Commitment(region_id=region.id, title="Komitmen Bersama")
        s.add(doc)
        s.flush()
        text = canonical_text(default_text(region.kind, region.name, date.today().year))
        s.add(CommitmentVersion(commitment_id=doc.id, number=1, text=text, text_sha256=text_sha256(text),
                                created_at=utc_timestamp()))
        self._default_signatories(s, region, doc)
        s.flush()
        return doc

    @staticmethod
    def _default_signatories(s, region: Region, doc: Commitment) -> None:
        """Officials who hold a role (in signing order), then the head of every OPD."""
        pos = 0
        roles = {o.role: o.person_id for o in s.scalars(select(OfficialRole).where(
            OfficialRole.region_id == region.id))}
        for role in OFFICIAL_ROLES:
            if roles.get(role):
                s.add(CommitmentSignatory(commitment_id=doc.id, person_id=roles[role], role=role, position=pos))
                pos += 1
        for opd in s.scalars(select(Opd).where(Opd.region_id == region.id, Opd.archived.is_(False))
                             .order_by(Opd.position, Opd.name)):
            if opd.head_person_id and opd.head_person_id not in roles.values():
                s.add(CommitmentSignatory(commitment_id=doc.id, person_id=opd.head_person_id,
                                          role="kepala_opd", position=pos))
                pos += 1

    @staticmethod
    def _current(s, doc: Commitment) -> CommitmentVersion:
        return s.scalar(select(CommitmentVersion).where(CommitmentVersion.commitment_id == doc.id)
                        .order_by(CommitmentVersion.number.desc()))

    def view(self, region_id) -> CommitmentView:
        with self.store.session() as s:
            region = _region(s, region_id)
            doc = self._ensure(s, region)
            current = self._current(s, doc)
            versions = {v.id: v.number for v in s.scalars(
                select(CommitmentVersion).where(CommitmentVersion.commitment_id == doc.id))}
            sigs = list(s.scalars(select(CommitmentSignature).join(
                CommitmentVersion, CommitmentSignature.version_id == CommitmentVersion.id)
                .where(CommitmentVersion.commitment_id == doc.id).order_by(CommitmentSignature.signed_at)))
            out = []
            for sg in s.scalars(select(CommitmentSignatory).where(
                    CommitmentSignatory.commitment_id == doc.id, CommitmentSignatory.active.is_(True))
                    .order_by(CommitmentSignatory.position)):
                person = s.get(Person, sg.person_id) if sg.person_id else None
                mine = [x for x in sigs if x.signatory_id == sg.id]
                latest = mine[-1] if mine else None
                current_sig = next((x for x in reversed(mine) if x.version_id == current.id), None)
                title = (person.jabatan if sg.role == "kepala_opd" and person and person.jabatan
                         else commitment_role_title(sg.role, region.kind, region.name))
                out.append(SignatoryView(
                    sg.id.hex, sg.person_id.hex if sg.person_id else None,
                    _full_name(person) if person else (latest.signer_name if latest else "—"),
                    sg.role, title, current_sig is not None,
                    versions.get(latest.version_id) if latest else None,
                    (current_sig or latest).signed_at if latest else "",
                    (current_sig or latest).strokes_sha256 if latest else None))
            current_claims = [x.claim_sha256 for x in sigs if x.version_id == current.id]
            code = verification_code(doc.id.hex, current.number, current.text_sha256,
                                     current_claims) if current_claims else None
            return CommitmentView(doc.id.hex, region.id.hex, display_name(region.kind, region.name),
                                  current.number, current.text, current.text_sha256, tuple(out), code)

    def set_text(self, region_id, text: str) -> int:
        """Change the text. Once anyone has signed, the change makes a new version and the
        earlier signatures stay with the version they signed. Returns the version number."""
        clean = canonical_text(text)
        with self.store.session() as s:
            region = _region(s, region_id)
            doc = self._ensure(s, region)
            current = self._current(s, doc)
            if clean == current.text:
                return current.number
            signed = s.scalar(select(func.count()).select_from(CommitmentSignature).where(
                CommitmentSignature.version_id == current.id))
            if signed:
                current = CommitmentVersion(commitment_id=doc.id, number=current.number + 1, text=clean,
                                            text_sha256=text_sha256(clean), created_at=utc_timestamp())
                s.add(current)
            else:
                current.text, current.text_sha256 = clean, text_sha256(clean)
            audit(s, self.store, region.id.hex, "commitment_text", f"versi {current.number}",
                  f"sha256 {current.text_sha256[:16]}")
            return current.number

    def reset_text(self, region_id) -> int:
        with self.store.session() as s:
            region = _region(s, region_id)
            text = default_text(region.kind, region.name, date.today().year)
        return self.set_text(region_id, text)

    # --- signatories ----------------------------------------------------------------------
    def add_signatory(self, region_id, person_id, role: str) -> str:
        if role not in COMMITMENT_ROLES:
            raise ValidationError(f"Peran '{role}' tidak dikenal.")
        with self.store.session() as s:
            region = _region(s, region_id)
            doc = self._ensure(s, region)
            person = s.get(Person, _uuid(person_id))
            if person is None or person.region_id != region.id:
                raise NotFound("Orang itu tidak terdaftar di wilayah ini.")
            existing = s.scalar(select(CommitmentSignatory).where(
                CommitmentSignatory.commitment_id == doc.id, CommitmentSignatory.person_id == person.id))
            if existing is not None:
                existing.active, existing.role = True, role
                return existing.id.hex
            last = s.scalar(select(func.max(CommitmentSignatory.position)).where(
                CommitmentSignatory.commitment_id == doc.id)) or 0
            sg = CommitmentSignatory(commitment_id=doc.id, person_id=person.id, role=role, position=last + 1)
            s.add(sg)
            s.flush()
            return sg.id.hex

    def remove_signatory(self, signatory_id) -> None:
        with self.store.session() as s:
            sg = s.get(CommitmentSignatory, _uuid(signatory_id))
            if sg is None:
                raise NotFound("Penanda tangan tidak ditemukan.")
            sg.active = False

    # --- signing ---------------------------------------------------------------------------
    def sign(self, region_id, signatory_id, signature: Signature, expected_version: int | None = None,
             expected_text_sha256: str | None = None) -> str:
        """Sign the current text; returns the verification code now valid for it.

        The UI passes the version and text hash the signer was shown: if the text changed
        meanwhile (another window, a synced bundle), the signature is refused."""
        if signature is None or not has_enough_ink(signature):
            raise ValidationError("Tanda tangan terlalu sedikit; mohon tanda tangan sekali lagi.")
        with self.store.session() as s:
            region = _region(s, region_id)
            doc = self._ensure(s, region)
            current = self._current(s, doc)
            if (expected_version is not None and expected_version != current.number) or \
                    (expected_text_sha256 is not None and expected_text_sha256 != current.text_sha256):
                raise ValidationError(f"Teks komitmen berubah menjadi versi {current.number} sejak "
                                      "ditampilkan; muat ulang dan baca teksnya sebelum menandatangani.")
            sg = s.get(CommitmentSignatory, _uuid(signatory_id))
            if sg is None or sg.commitment_id != doc.id or not sg.active:
                raise NotFound("Penanda tangan tidak ada di daftar komitmen ini.")
            person = s.get(Person, sg.person_id) if sg.person_id else None
            if person is None:
                raise ValidationError("Penanda tangan ini belum dikaitkan dengan orang terdaftar.")
            already = s.scalar(select(CommitmentSignature).where(
                CommitmentSignature.version_id == current.id, CommitmentSignature.signatory_id == sg.id))
            if already is not None:
                raise ValidationError(f"{person.name} sudah menandatangani versi {current.number}.")
            digest = store_attachment(s, encode(signature), "application/x-kotacerdas-strokes")
            claim = SignatureClaim(version=current.number, text_sha256=current.text_sha256,
                                   signer_id=person.id.hex, signer_name=_full_name(person), role=sg.role,
                                   strokes_sha256=digest, signed_at=utc_timestamp())
            s.add(CommitmentSignature(version_id=current.id, signatory_id=sg.id, person_id=person.id.hex,
                                      signer_name=claim.signer_name, role=sg.role, strokes_sha256=digest,
                                      signed_at=claim.signed_at, claim_sha256=claim_sha256(claim)))
            s.flush()
            hashes = sorted(x.claim_sha256 for x in s.scalars(select(CommitmentSignature).where(
                CommitmentSignature.version_id == current.id)))
            code = verification_code(doc.id.hex, current.number, current.text_sha256, hashes)
            s.add(VerificationCode(code=code, version_id=current.id, claim_hashes=json.dumps(hashes),
                                   issued_at=claim.signed_at))
            audit(s, self.store, region.id.hex, "commitment_signed", claim.signer_name,
                  f"versi {current.number}, {COMMITMENT_ROLES.get(sg.role, sg.role)}, kode {code}")
            return code

    # --- verifying --------------------------------------------------------------------------
    def verify(self, code_text: str) -> VerifyResult:
        code = normalise_code(code_text)
        with self.store.session() as s:
            row = s.scalars(select(VerificationCode).where(VerificationCode.code == code)
                            .order_by(VerificationCode.issued_at.desc())).first()
            if row is None:
                raise NotFound(f"Kode {code} tidak dikenal di basis data ini (belum disinkronkan, "
                               "atau bukan kode Kota Cerdas).")
            version = s.get(CommitmentVersion, row.version_id)
            doc = s.get(Commitment, version.commitment_id)
            region = s.get(Region, doc.region_id)
            current = self._current(s, doc)
            hashes = json.loads(row.claim_hashes)
            sigs = [x for x in s.scalars(select(CommitmentSignature).where(
                CommitmentSignature.version_id == version.id)) if x.claim_sha256 in hashes]
            claims = [SignatureClaim(version=version.number, text_sha256=version.text_sha256,
                                     signer_id=x.person_id or "", signer_name=x.signer_name, role=x.role,
                                     strokes_sha256=x.strokes_sha256, signed_at=x.signed_at) for x in sigs]
            strokes_ok = all(_strokes_intact(s, x.strokes_sha256) for x in sigs)
            check = check_version(doc.id.hex, version.number, version.text, version.text_sha256, claims,
                                  hashes, code)
            if not strokes_ok:
                check = VersionCheck(check.version, check.text_ok, 0, len(hashes), check.code_ok)
            return VerifyResult(code, display_name(region.kind, region.name), version.number, current.number,
                                tuple(x.signer_name for x in sigs), check)
