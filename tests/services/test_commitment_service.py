"""The commitment document: text versions, signatories, signatures bound to the text and
verification codes, including what tampering with the stored data does to `verify`."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from kotacerdas_desktop.domain.commitment import (CROCKFORD, SignatureClaim, canonical_text, claim_sha256,
                                                  default_text, text_sha256, verification_code)
from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.signature import decode, strokes_sha256, synthetic_signature
from kotacerdas_desktop.services.errors import NotFound
from kotacerdas_desktop.storage.database import connect

NEW_TEXT = "KOMITMEN BERSAMA\n\nKami berkomitmen melaksanakan Masterplan Smart City."


def _sign(services, region, signatory, seed: int = 1) -> str:
    return services.commitment.sign(region, signatory.id, synthetic_signature(signatory.name, seed))


def _rows(services, sql: str, params=()) -> list[tuple]:
    with services.store.engine.connect() as c:
        return [tuple(r) for r in c.exec_driver_sql(sql, params).all()]


def _versions(services, doc_id: str) -> list[tuple[int, str, str]]:
    return _rows(services, "SELECT number, text, text_sha256 FROM commitment_version "
                           "WHERE commitment_id = ? ORDER BY number", (doc_id,))


def test_view_creates_version_1_with_default_text_and_signatories(services, demo_region):
    view = services.commitment.view(demo_region)
    assert view.version == 1 and view.code is None and view.signed == 0
    expected = canonical_text(default_text("kota", "Contoh", date.today().year))
    assert view.text == expected and view.text_sha256 == text_sha256(expected)
    assert view.region_name == "Kota Contoh"
    officials = [o.person_id for o in services.regions.detail(demo_region).officials if o.person_id]
    heads = [o.head_person_id for o in services.directory.opds(demo_region)
             if o.head_person_id and o.head_person_id not in officials]
    assert len(officials) == 4
    assert [s.person_id for s in view.signatories] == officials + heads
    assert len(view.signatories) == 36
    assert [s.role for s in view.signatories[:4]] == ["kepala_daerah", "wakil_kepala_daerah",
                                                      "ketua_dprd", "sekda"]
    assert {s.role for s in view.signatories[4:]} == {"kepala_opd"}
    assert view.signatories[0].role_title == "Wali Kota Contoh"
    assert not any(s.signed_current or s.signed_version for s in view.signatories)
    # Viewing again creates nothing new.
    again = services.commitment.view(demo_region)
    assert again.id == view.id and [s.id for s in again.signatories] == [s.id for s in view.signatories]
    assert len(_versions(services, view.id)) == 1


def test_sign_binds_the_claim_to_the_text(services, demo_region):
    view = services.commitment.view(demo_region)
    signatory = view.signatories[0]
    sig = synthetic_signature(signatory.name, 5)
    code = services.commitment.sign(demo_region, signatory.id, sig)
    ((version_number, version_sha, person_id, name, role, strokes, signed_at, claim),) = _rows(
        services,
        "SELECT v.number, v.text_sha256, s.person_id, s.signer_name, s.role, s.strokes_sha256, "
        "s.signed_at, s.claim_sha256 FROM commitment_signature s "
        "JOIN commitment_version v ON v.id = s.version_id")
    rebuilt = SignatureClaim(version=version_number, text_sha256=version_sha, signer_id=person_id,
                             signer_name=name, role=role, strokes_sha256=strokes, signed_at=signed_at)
    assert claim == claim_sha256(rebuilt)
    assert version_sha == text_sha256(view.text) and version_number == 1
    assert person_id == signatory.person_id and role == "kepala_daerah" and name == signatory.name
    assert strokes == strokes_sha256(sig)
    ((data,),) = _rows(services, "SELECT data FROM attachment WHERE sha256 = ?", (strokes,))
    assert decode(bytes(data)) == sig
    assert code == verification_code(view.id, 1, version_sha, [claim])
    after = services.commitment.view(demo_region)
    assert after.code == code and after.signed == 1
    assert after.signatories[0].signed_current and after.signatories[0].signed_version == 1
    assert after.signatories[0].strokes_sha256 == strokes
    assert any(e.action == "commitment_signed" and code in e.detail
               for e in services.attendance.audit_log(demo_region))


def test_signing_the_same_version_twice_is_refused(services, demo_region):
    signatory = services.commitment.view(demo_region).signatories[1]
    _sign(services, demo_region, signatory, 1)
    with pytest.raises(ValidationError, match="sudah menandatangani versi 1"):
        _sign(services, demo_region, signatory, 2)
    assert len(_rows(services, "SELECT id FROM commitment_signature")) == 1


def test_a_tap_is_not_a_signature(services, demo_region):
    from kotacerdas_desktop.domain.signature import Signature

    signatory = services.commitment.view(demo_region).signatories[0]
    tap = Signature(strokes=(((0.5, 0.5, 0.5), (0.5004, 0.5, 0.5)),), aspect=3.0)
    with pytest.raises(ValidationError, match="Tanda tangan terlalu sedikit"):
        services.commitment.sign(demo_region, signatory.id, tap)
    assert _rows(services, "SELECT id FROM commitment_signature") == []


def test_set_text_before_any_signature_edits_version_1(services, demo_region):
    view = services.commitment.view(demo_region)
    assert services.commitment.set_text(demo_region, NEW_TEXT + "\r\n\r\n\r\n") == 1
    assert _versions(services, view.id) == [(1, NEW_TEXT, text_sha256(NEW_TEXT))]
    assert services.commitment.view(demo_region).text == NEW_TEXT
    assert services.commitment.set_text(demo_region, NEW_TEXT) == 1  # unchanged: nothing to do


def test_set_text_after_a_signature_makes_version_2(services, demo_region):
    view = services.commitment.view(demo_region)
    first = view.signatories[0]
    code_v1 = _sign(services, demo_region, first)
    assert services.commitment.set_text(demo_region, NEW_TEXT) == 2
    versions = _versions(services, view.id)
    assert [(n, t) for n, t, _h in versions] == [(1, view.text), (2, NEW_TEXT)]
    assert versions[0][2] == view.text_sha256  # version 1 kept as signed
    ((on_version,),) = _rows(services, "SELECT v.number FROM commitment_signature s "
                                       "JOIN commitment_version v ON v.id = s.version_id")
    assert on_version == 1
    now = services.commitment.view(demo_region)
    assert now.version == 2 and now.text == NEW_TEXT and now.code is None and now.signed == 0
    me = now.signatories[0]
    assert me.signed_current is False and me.signed_version == 1
    # The same signatory can now sign version 2; a third text makes version 3.
    code_v2 = _sign(services, demo_region, first, 2)
    now = services.commitment.view(demo_region)
    assert now.signatories[0].signed_current and now.signatories[0].signed_version == 2
    assert now.code == code_v2 != code_v1
    assert services.commitment.set_text(demo_region, NEW_TEXT + "\nTambahan.") == 3

    # The old code still verifies, as version 1 of a document now at version 3.
    old = services.commitment.verify(code_v1)
    assert old.check.ok and (old.version, old.current_version) == (1, 3)
    assert old.signers == (first.name,)
    new = services.commitment.verify(code_v2)
    assert new.check.ok and (new.version, new.current_version) == (2, 3)


def test_verify_accepts_the_code_as_people_type_it(services, demo_region):
    signatories = services.commitment.view(demo_region).signatories
    _sign(services, demo_region, signatories[0])
    code = _sign(services, demo_region, signatories[1])
    for typed in (code, code.lower().replace("-", ""), " " + code.lower() + " ",
                  code.replace("-", " "), code[3:]):
        result = services.commitment.verify(typed)
        assert result.code == code
        assert result.check.ok, (typed, result.check)
        assert result.check.signatures_ok == 2 and result.check.signatures_bad == 0
        assert (result.version, result.current_version) == (1, 1)
        assert result.region_name == "Kota Contoh"
        assert set(result.signers) == {signatories[0].name, signatories[1].name}


def test_an_earlier_code_covers_only_its_own_signatures(services, demo_region):
    signatories = services.commitment.view(demo_region).signatories
    first = _sign(services, demo_region, signatories[0])
    _sign(services, demo_region, signatories[1])
    result = services.commitment.verify(first)
    assert result.check.ok and result.check.signatures_ok == 1
    assert result.signers == (signatories[0].name,)


def test_tampered_text_fails_verification(services, paths, demo_region):
    view = services.commitment.view(demo_region)
    code = _sign(services, demo_region, view.signatories[0])
    conn = connect(paths.database)
    try:
        cur = conn.execute("UPDATE commitment_version SET text = replace(text, 'Smart City', 'Kota Pintar') "
                           "WHERE commitment_id = ? AND number = 1", (view.id,))
        assert cur.rowcount == 1
    finally:
        conn.close()
    assert services.commitment.view(demo_region).text != view.text
    result = services.commitment.verify(code)
    assert result.check.text_ok is False
    assert result.check.ok is False
    assert result.check.signatures_ok == 0 and result.check.signatures_bad == 1


def test_tampered_signature_row_fails_verification(services, paths, demo_region):
    view = services.commitment.view(demo_region)
    code = _sign(services, demo_region, view.signatories[0])
    conn = connect(paths.database)
    try:
        conn.execute("UPDATE commitment_signature SET signer_name = 'Orang Lain'")
    finally:
        conn.close()
    result = services.commitment.verify(code)
    assert result.check.text_ok and not result.check.ok and result.check.signatures_bad >= 1


def test_deleting_the_strokes_attachment_cannot_pass_verification(services, paths, demo_region):
    view = services.commitment.view(demo_region)
    code = _sign(services, demo_region, view.signatories[0])
    ((strokes,),) = _rows(services, "SELECT strokes_sha256 FROM commitment_signature")
    conn = connect(paths.database)
    try:
        try:
            conn.execute("DELETE FROM attachment WHERE sha256 = ?", (strokes,))
            deleted = conn.execute("SELECT count(*) FROM attachment WHERE sha256 = ?",
                                   (strokes,)).fetchone()[0] == 0
        except sqlite3.DatabaseError:
            deleted = False
    finally:
        conn.close()
    result = services.commitment.verify(code)
    if deleted:  # the attachment table has no delete guard: verify must notice the loss
        assert result.check.ok is False
        assert result.check.signatures_ok == 0 and result.check.signatures_bad >= 1
    else:
        assert result.check.ok
        assert _rows(services, "SELECT 1 FROM attachment WHERE sha256 = ?", (strokes,))


def test_unknown_code_is_not_found(services, demo_region):
    _sign(services, demo_region, services.commitment.view(demo_region).signatories[0])
    unknown = verification_code("0" * 32, 1, "a" * 64, ["b" * 64])
    with pytest.raises(NotFound, match="tidak dikenal"):
        services.commitment.verify(unknown)


def test_mistyped_code_is_a_validation_error(services, demo_region):
    code = _sign(services, demo_region, services.commitment.view(demo_region).signatories[0])
    data = code.replace("-", "")[2:]
    for i in range(len(data)):  # any single wrong character is caught by the check character
        wrong = CROCKFORD[(CROCKFORD.index(data[i]) + 1) % 32]
        typo = "KC" + data[:i] + wrong + data[i + 1:]
        with pytest.raises(ValidationError, match="salah ketik"):
            services.commitment.verify(typo)
    swapped = next(data[:i] + data[i + 1] + data[i] + data[i + 2:] for i in range(len(data) - 1)
                   if data[i] != data[i + 1])
    with pytest.raises(ValidationError):
        services.commitment.verify(swapped)
    for garbage in ("", "KC-1234", "hello world!", "KC-" + "U" * 10):
        with pytest.raises(ValidationError):
            services.commitment.verify(garbage)


def test_review_fixes_swapped_strokes_stale_text_and_archived(services, demo_region):
    """A swapped drawing fails verify and check; a signature for a text that changed meanwhile
    is refused; archived people cannot check in."""
    from kotacerdas_desktop.domain.errors import ValidationError
    from kotacerdas_desktop.domain.signature import encode, synthetic_signature
    from kotacerdas_desktop.storage.database import check_database, connect

    view = services.commitment.view(demo_region)
    first = view.signatories[0]
    code = services.commitment.sign(demo_region, first.id, synthetic_signature(first.name, 1),
                                    expected_version=view.version, expected_text_sha256=view.text_sha256)
    services.commitment.set_text(demo_region, view.text + "\n7. Pasal tambahan.")
    second = view.signatories[1]
    with pytest.raises(ValidationError, match="berubah"):
        services.commitment.sign(demo_region, second.id, synthetic_signature(second.name, 1),
                                 expected_version=view.version, expected_text_sha256=view.text_sha256)
    digest = services.commitment.view(demo_region).signatories[0].strokes_sha256
    conn = connect(services.store.paths.database)
    try:
        conn.execute("DROP TRIGGER kc_attachment_immutable")
        conn.execute("UPDATE attachment SET data = ? WHERE sha256 = ?",
                     (encode(synthetic_signature("Orang Lain", 9)), digest))
        assert check_database(conn).attachments_corrupt == 1
    finally:
        conn.close()
    assert not services.commitment.verify(code).check.ok
    person = services.directory.people(demo_region)[5]
    services.directory.update_people([person.id], archived=True)
    day = services.attendance.days(demo_region)[0]
    with pytest.raises(ValidationError, match="diarsipkan"):
        services.attendance.check_in(day.id, person.id, synthetic_signature(person.name, 1))
