"""Check-in with signature strokes, paper fallback, scans, counters and the audit log,
checked against what is stored."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.domain.signature import Signature, decode, strokes_sha256, synthetic_signature
from kotacerdas_desktop.services.attendance import SCAN_MAX_BYTES
from kotacerdas_desktop.services.errors import NotFound
from kotacerdas_desktop.storage.database import DatabaseError, connect

TAP = Signature(strokes=(((0.5, 0.5, 0.5), (0.5005, 0.5003, 0.5)),), aspect=3.0)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64


@pytest.fixture
def day(services, demo_region):
    return services.attendance.days(demo_region)[0]


@pytest.fixture
def people(services, demo_region):
    return services.directory.people(demo_region)


def _attachment(services, digest: str) -> tuple[str, int, bytes] | None:
    with services.store.engine.connect() as c:
        row = c.exec_driver_sql("SELECT media_type, size, data FROM attachment WHERE sha256 = ?",
                                (digest,)).first()
    return (row[0], row[1], bytes(row[2])) if row else None


def _attendance_payloads(services, attendance_id: str) -> list[dict]:
    with services.store.engine.connect() as c:
        rows = c.exec_driver_sql("SELECT payload FROM record_version WHERE entity = 'attendance' "
                                 "AND record_id = ? ORDER BY hlc", (attendance_id,)).all()
    return [json.loads(p) for (p,) in rows]


def _actions(services, region_id: str) -> list[tuple[str, str]]:
    """(action, subject) of the region's audit log, oldest first."""
    with services.store.engine.connect() as c:
        return [tuple(r) for r in c.exec_driver_sql(
            "SELECT action, subject FROM audit_log WHERE region_id = ? ORDER BY at, rowid",
            (region_id,)).all()]


# --- signing -----------------------------------------------------------------------------

def test_check_in_stores_the_strokes_as_a_content_addressed_attachment(services, day, people):
    person = people[0]
    sig = synthetic_signature(person.name, 7)
    view = services.attendance.check_in(day.id, person.id, sig)
    assert view.mode == "signed" and view.person_id == person.id
    assert view.strokes_sha256 == strokes_sha256(sig)
    media, size, data = _attachment(services, view.strokes_sha256)
    assert hashlib.sha256(data).hexdigest() == strokes_sha256(sig)
    assert size == len(data) and media == "application/x-kotacerdas-strokes"
    assert decode(data) == sig
    assert services.attendance.strokes(view.strokes_sha256) == sig
    stored = services.attendance.presence(day.id)[person.id]
    assert stored.strokes_sha256 == view.strokes_sha256 and stored.attendance_id == view.attendance_id


@pytest.mark.parametrize("signature", [TAP, None, Signature(strokes=(), aspect=3.0)])
def test_a_tap_or_no_signature_is_refused_in_indonesian(services, day, people, signature):
    with pytest.raises(ValidationError, match="Tanda tangan terlalu sedikit"):
        services.attendance.check_in(day.id, people[0].id, signature)
    assert services.attendance.presence(day.id) == {}


def test_checking_in_twice_needs_replace(services, day, people):
    person = people[1]
    services.attendance.check_in(day.id, person.id, synthetic_signature(person.name, 1))
    with pytest.raises(ValidationError, match="sudah tercatat hadir"):
        services.attendance.check_in(day.id, person.id, synthetic_signature(person.name, 2))
    with pytest.raises(ValidationError, match="sudah tercatat hadir"):
        services.attendance.check_in(day.id, person.id, None, paper=True)
    assert len(services.attendance.presence(day.id)) == 1


def test_replace_keeps_the_old_strokes_in_history_and_audits_it(services, demo_region, day, people):
    person = people[2]
    first = services.attendance.check_in(day.id, person.id, synthetic_signature(person.name, 1))
    second = services.attendance.check_in(day.id, person.id, synthetic_signature(person.name, 2),
                                          replace=True)
    assert second.strokes_sha256 != first.strokes_sha256
    assert second.attendance_id == first.attendance_id  # the same record, a new version
    assert services.attendance.presence(day.id)[person.id].strokes_sha256 == second.strokes_sha256
    hashes = [p["strokes_sha256"] for p in _attendance_payloads(services, first.attendance_id)]
    assert hashes == [first.strokes_sha256, second.strokes_sha256]
    # Both stroke sets are still stored and readable.
    assert services.attendance.strokes(first.strokes_sha256) == synthetic_signature(person.name, 1)
    assert services.attendance.strokes(second.strokes_sha256) == synthetic_signature(person.name, 2)
    mine = [a for a, subject in _actions(services, demo_region) if subject == person.name]
    assert mine == ["checkin", "resign"]
    latest = services.attendance.audit_log(demo_region)[0]
    assert latest.action == "resign" and second.strokes_sha256[:12] in latest.detail


def test_paper_mode_needs_no_strokes(services, demo_region, day, people):
    person = people[3]
    view = services.attendance.check_in(day.id, person.id, None, paper=True)
    assert view.mode == "paper" and view.strokes_sha256 is None
    stored = services.attendance.presence(day.id)[person.id]
    assert stored.mode == "paper" and stored.strokes_sha256 is None
    assert ("checkin_paper", person.name) in _actions(services, demo_region)
    # Signing on the pad later replaces the paper mark (with confirmation).
    again = services.attendance.check_in(day.id, person.id, synthetic_signature(person.name, 3),
                                         replace=True)
    assert again.mode == "signed" and again.strokes_sha256


# --- counters ------------------------------------------------------------------------------

def test_counters_overall_and_per_opd(services, day, people):
    by_opd: dict[str, list] = {}
    for p in people:
        by_opd.setdefault(p.opd_name or "(tanpa OPD)", []).append(p)
    before = services.attendance.counters(day.id)
    assert before.present == 0 and before.invited == len(people)
    assert sum(invited for _n, _p, invited in before.per_opd) == len(people)
    opds = {o.id: o for o in services.directory.opds(day.region_id)}
    short = {p.id: (opds[p.opd_id].short_name or opds[p.opd_id].name) if p.opd_id else "(tanpa OPD)"
             for p in people}
    big = max(by_opd, key=lambda k: len(by_opd[k]))
    chosen = by_opd[big][:3] + [next(p for p in people if short[p.id] != short[by_opd[big][0].id])]
    for i, p in enumerate(chosen):
        if i == 1:
            services.attendance.check_in(day.id, p.id, None, paper=True)
        else:
            services.attendance.check_in(day.id, p.id, synthetic_signature(p.name, i))
    after = services.attendance.counters(day.id)
    assert (after.present, after.invited) == (4, len(people))
    per = {name: (present, invited) for name, present, invited in after.per_opd}
    expected: dict[str, int] = {}
    for p in chosen:
        expected[short[p.id]] = expected.get(short[p.id], 0) + 1
    for name, (present, invited) in per.items():
        assert present == expected.get(name, 0), name
        assert invited == sum(1 for p in people if short[p.id] == name), name
    # Other days are untouched.
    other = services.attendance.days(day.region_id)[1]
    assert services.attendance.counters(other.id).present == 0


def test_a_person_of_another_region_is_refused(services, day):
    other = services.regions.create(RegionInput(kind="kabupaten", name="Lain"))
    from kotacerdas_desktop.domain.people import PersonInput

    stranger = services.directory.save_person(other, PersonInput(name="Orang Lain", category="opd_staff"))
    with pytest.raises(NotFound, match="tidak terdaftar di wilayah ini"):
        services.attendance.check_in(day.id, stranger, synthetic_signature("Orang Lain", 1))
    with pytest.raises(NotFound):
        services.attendance.check_in(day.id, stranger, None, paper=True)
    assert services.attendance.presence(day.id) == {}


# --- scans -------------------------------------------------------------------------------

@pytest.mark.parametrize("data,media", [(PNG, "image/png"), (JPEG, "image/jpeg"), (PDF, "application/pdf")])
def test_add_scan_accepts_png_jpeg_pdf(services, day, data, media):
    scan_id = services.attendance.add_scan(day.id, data, "daftar-hadir." + media.split("/")[1], "hal. 1")
    (row,) = services.attendance.scans(day.id)
    assert row[0] == scan_id and row[3] == hashlib.sha256(data).hexdigest()
    assert _attachment(services, row[3]) == (media, len(data), data)


@pytest.mark.parametrize("data", [b"GIF89a" + b"\x00" * 32, b"", b"PK\x03\x04 not a pdf",
                                  b"hello %PDF-"])
def test_add_scan_refuses_other_files(services, day, data):
    with pytest.raises(ValidationError, match="JPEG/PNG atau PDF"):
        services.attendance.add_scan(day.id, data, "x.bin")
    assert services.attendance.scans(day.id) == []


def test_add_scan_refuses_more_than_25_mb(services, day):
    big = b"%PDF-" + b"\x00" * (SCAN_MAX_BYTES - 4)
    assert len(big) == SCAN_MAX_BYTES + 1
    with pytest.raises(ValidationError, match="25 MB"):
        services.attendance.add_scan(day.id, big, "besar.pdf")
    assert services.attendance.scans(day.id) == []
    services.attendance.add_scan(day.id, big[:SCAN_MAX_BYTES], "pas.pdf")  # exactly 25 MB is fine
    assert len(services.attendance.scans(day.id)) == 1


# --- audit log ------------------------------------------------------------------------------

def test_audit_log_cannot_be_changed_through_sql(services, paths, demo_region, day, people):
    services.attendance.check_in(day.id, people[0].id, synthetic_signature(people[0].name, 1))
    conn = connect(paths.database)
    try:
        before = conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
        assert before
        for sql in ("UPDATE audit_log SET action = 'dihapus'",
                    "UPDATE audit_log SET detail = detail || '!' WHERE action = 'checkin'",
                    "DELETE FROM audit_log",
                    "DELETE FROM audit_log WHERE action = 'checkin'"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute(sql)
        assert conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall() == before
    finally:
        conn.close()
    # The app's own sessions are refused as well (in plain words, nothing kept).
    with pytest.raises(DatabaseError):
        with services.store.session() as s:
            s.connection().exec_driver_sql("DELETE FROM audit_log")
    assert [e.action for e in services.attendance.audit_log(demo_region)] == ["checkin"]


# --- demo ----------------------------------------------------------------------------------

def test_demo_fill_full_gives_attendance_on_every_day(services, demo_region):
    checkins, signed = services.demo.fill_full(demo_region)
    days = services.attendance.days(demo_region)
    assert len(days) == 8
    total = 0
    for d in days:
        presence = services.attendance.presence(d.id)
        counters = services.attendance.counters(d.id)
        assert 0 < counters.present <= counters.invited
        assert counters.present == len(presence)
        total += len(presence)
        signed_one = next(p for p in presence.values() if p.mode == "signed")
        assert services.attendance.strokes(signed_one.strokes_sha256) is not None
    assert total == checkins
    assert signed == 36 and services.commitment.view(demo_region).signed == 36
    report = services.maintenance.check()
    assert report.ok, report
