"""Importing an invitation list: read, plan (preview), then apply in one transaction.

The plan is plain data the UI and the CLI show; nothing is written before
`apply`, and every row of the file ends in the result with what happened to it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..domain.errors import ValidationError
from ..domain.people import normalize_email, normalize_phone, parse_nip, search_key
from ..domain.text import clean_text
from ..domain.people_import import (FIELDS, ParsedPerson, SourceRow, match_opd, parse_row,
                                    parse_table)
from ..storage.models import Opd, Person
from ..storage.store import Store
from ..tabular import read_table
from .regions import _region, _uuid

OUTCOMES = {
    "new": "baru",
    "same": "sama (sudah ada)",
    "update": "diperbarui",
    "problem": "bermasalah",
    "duplicate": "duplikat dalam berkas",
}
COMPARED = ("prefix", "name", "suffix", "nip", "golongan", "jabatan", "phone", "email", "gender")


@dataclass
class PlanRow:
    """One data row of the file and what importing it would do."""
    person: ParsedPerson
    outcome: str = "new"
    match_id: str | None = None
    match_name: str = ""
    opd_id: str | None = None
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    duplicate_of: int | None = None

    @property
    def line(self) -> int:
        return self.person.line


@dataclass
class ImportPlan:
    path: str
    sheet: str
    sheets: list[str]
    header_index: int | None
    mapping: dict[int, str]
    header: list[str]
    rows: list[PlanRow]
    skipped: list[tuple[int, str, str]]  # (line, kind, text) of rows that are not people
    unknown_opds: list[str]
    opd_choices: dict[str, str | None] = field(default_factory=dict)  # opd text -> id, "" = create

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in OUTCOMES}
        for r in self.rows:
            out[r.outcome] += 1
        return out


@dataclass(frozen=True)
class RowResult:
    line: int
    action: str  # added | added_flagged | updated | updated_flagged | unchanged | duplicate | skipped
    person_id: str | None
    name: str
    note: str = ""


ACTIONS = {
    "added": "ditambahkan", "added_flagged": "ditambahkan, diberi tanda periksa",
    "updated": "diperbarui", "updated_flagged": "diperbarui, diberi tanda periksa",
    "unchanged": "sudah ada, tidak berubah", "duplicate": "duplikat dalam berkas, dilewati",
    "skipped": "bermasalah, tidak diimpor",
}


@dataclass(frozen=True)
class ImportResult:
    rows: list[RowResult]
    opds_created: list[str]

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in ACTIONS}
        for r in self.rows:
            out[r.action] += 1
        return out


def _norm(text: str) -> str:
    return search_key(text or "")


class PeopleImportService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- planning ------------------------------------------------------------------
    def plan(self, region_id, path, sheet: str | None = None, mapping: dict[int, str] | None = None,
             header_index: int | None = None) -> ImportPlan:
        table = read_table(Path(path), sheet)
        parsed = parse_table(table.rows, header_index=header_index, mapping=mapping)
        header = []
        if parsed.header_index is not None and parsed.header_index < len(table.rows):
            header = ["" if c is None else str(c) for c in table.rows[parsed.header_index]]
        skipped = [(r.line, r.kind, " | ".join(x for x in r.raw if x)) for r in parsed.skipped]
        plan = ImportPlan(str(path), table.sheet, table.sheets, parsed.header_index,
                          dict(parsed.mapping), header, [PlanRow(p) for p in parsed.people],
                          skipped, [])
        return self.evaluate(region_id, plan)

    def evaluate(self, region_id, plan: ImportPlan) -> ImportPlan:
        """(Re)compute every row's outcome against the region's people and OPDs."""
        with self.store.session() as s:
            r = _region(s, region_id)
            opds = list(s.scalars(select(Opd).where(Opd.region_id == r.id, Opd.archived.is_(False))))
            opd_rows = [(o.id.hex, o.name, o.short_name, tuple(o.alias_list)) for o in opds]
            people = list(s.scalars(select(Person).where(Person.region_id == r.id)))
        index = _PeopleIndex(people)
        opd_cache: dict[str, str | None] = {}
        unknown: list[str] = []
        earlier: dict[str, list[PlanRow]] = {}  # normalised name -> rows of the file so far
        by_nip_in_file: dict[str, PlanRow] = {}
        for row in plan.rows:
            p = row.person
            row.problems = list(p.problems)
            row.changes, row.match_id, row.match_name, row.duplicate_of = {}, None, "", None
            row.opd_id = None
            if p.opd_text:
                choice = plan.opd_choices.get(p.opd_text, None)
                if p.opd_text not in opd_cache:
                    opd_cache[p.opd_text] = match_opd(p.opd_text, opd_rows)
                row.opd_id = choice if choice else opd_cache[p.opd_text]
                if row.opd_id is None and choice != "":
                    row.problems.append(f"OPD '{p.opd_text}' tidak dikenal di wilayah ini.")
                    if p.opd_text not in unknown:
                        unknown.append(p.opd_text)
            nip = p.nip if _valid_nip(p) else ""
            twin = by_nip_in_file.get(nip) if nip else None
            if twin is None and p.name:
                twin = next((e for e in earlier.get(_norm(p.name), []) if _same_person_rows(e, row)), None)
            if twin is not None:
                row.outcome, row.duplicate_of = "duplicate", twin.line
                continue
            if p.name:
                earlier.setdefault(_norm(p.name), []).append(row)
            if nip:
                by_nip_in_file[nip] = row
            match, doubt = index.find(p, nip, row.opd_id)
            if doubt:
                row.problems.append(doubt)
            if match is not None:
                row.match_id, row.match_name = match.id.hex, match.name
                row.changes = _changes(match, p, row.opd_id)
            if row.problems:
                row.outcome = "problem"
            elif match is None:
                row.outcome = "new"
            else:
                row.outcome = "update" if row.changes else "same"
        plan.unknown_opds = unknown
        return plan

    def edit_row(self, region_id, plan: ImportPlan, index: int, values: dict[str, str]) -> ImportPlan:
        """Fix fields of one row in the preview; the row is parsed and judged again."""
        old = plan.rows[index].person
        fields = {f: getattr(old, "opd_text" if f == "opd" else f) for f in FIELDS
                  if f not in ("no", "ignore") and hasattr(old, "opd_text" if f == "opd" else f)}
        fields.update({k: v for k, v in values.items() if k in fields})
        if "name" in values:  # the edited name carries its own titles
            fields["prefix"], fields["suffix"] = "", ""
        row = SourceRow(line=old.line, kind="data", values=fields, section="", raw=list(fields.values()))
        plan.rows[index] = PlanRow(parse_row(row))
        return self.evaluate(region_id, plan)

    # --- applying ------------------------------------------------------------------------
    def apply(self, region_id, plan: ImportPlan, import_problems: bool = True) -> ImportResult:
        """Write the plan in one transaction; every row gets a result line."""
        results: list[RowResult] = []
        created: list[str] = []
        with self.store.session() as s:
            r = _region(s, region_id)
            new_opds: dict[str, Opd] = {}
            position = len(list(s.scalars(select(Opd.id).where(Opd.region_id == r.id))))
            for text, choice in plan.opd_choices.items():
                try:
                    clean_text(text, 200, "Nama OPD", required=True)
                except ValidationError:
                    continue  # not a usable OPD name: its rows stay flagged
                if choice == "" and any(row.person.opd_text == text for row in plan.rows):
                    opd = Opd(region_id=r.id, name=text, short_name="", position=position)
                    position += 1
                    s.add(opd)
                    new_opds[text] = opd
                    created.append(text)
            s.flush()
            for row in plan.rows:
                p = row.person
                opd_id = row.opd_id or (new_opds[p.opd_text].id.hex if p.opd_text in new_opds else None)
                if row.outcome == "duplicate":
                    results.append(RowResult(p.line, "duplicate", None, p.name,
                                             f"sama dengan baris {row.duplicate_of}"))
                    continue
                if row.outcome == "same":
                    results.append(RowResult(p.line, "unchanged", row.match_id, p.name))
                    continue
                problems = [x for x in row.problems
                            if not (p.opd_text in new_opds and "OPD" in x and p.opd_text in x)]
                values, bad = storable(p)
                if problems and (not import_problems or not values.get("name")):
                    results.append(RowResult(p.line, "skipped", row.match_id, p.name, " ".join(problems)))
                    continue
                person = s.get(Person, _uuid(row.match_id)) if row.match_id else None
                note = _review_note(p, problems, bad)
                if person is None:
                    person = Person(region_id=r.id, name=p.name)
                    s.add(person)
                    action = "added_flagged" if problems else "added"
                else:
                    action = "updated_flagged" if problems else "updated"
                _fill(person, values, opd_id, p.category, fresh=row.match_id is None)
                if problems:
                    person.review_note = note
                s.flush()
                results.append(RowResult(p.line, action, person.id.hex, p.name, " ".join(problems)))
        return ImportResult(results, created)


def _valid_nip(p: ParsedPerson) -> bool:
    if not p.nip or any("Excel" in x for x in p.problems):
        return False
    try:
        parse_nip(p.nip)
    except ValidationError:
        return False
    return True


def _same_person_rows(a: PlanRow, b: PlanRow) -> bool:
    """Two rows of one file with the same name: the same person unless their NIPs
    differ, when they share the OPD, a phone number or an email."""
    pa, pb = a.person, b.person
    if _valid_nip(pa) and _valid_nip(pb) and pa.nip != pb.nip:
        return False
    same_opd = (a.opd_id or pa.opd_text.casefold()) == (b.opd_id or pb.opd_text.casefold())
    return same_opd or bool(pa.phone and pa.phone == pb.phone) or bool(pa.email and pa.email == pb.email)


class _PeopleIndex:
    """The region's people by id, NIP, phone, email and name, for matching rows."""

    def __init__(self, people: list[Person]) -> None:
        self.by_id = {p.id.hex: p for p in people}
        self.by_nip = {p.nip: p for p in people if p.nip}
        self.by_name: dict[str, list[Person]] = {}
        for person in people:
            self.by_name.setdefault(_norm(person.name), []).append(person)

    def find(self, p: ParsedPerson, nip: str, opd_id: str | None) -> tuple[Person | None, str]:
        """(person, doubt): the registered person this row means, or None; `doubt` is a
        problem to show when a namesake exists but nothing confirms it is the same person."""
        if p.record_id and p.record_id in self.by_id:
            return self.by_id[p.record_id], ""
        if nip and nip in self.by_nip:
            return self.by_nip[nip], ""
        if not p.name:
            return None, ""
        candidates = [c for c in self.by_name.get(_norm(p.name), [])
                      if not (nip and c.nip and c.nip != nip)]
        if opd_id:
            candidates = [c for c in candidates if c.opd_id is None or c.opd_id.hex == opd_id]
        elif p.opd_text:
            candidates = [c for c in candidates if c.opd_id is None]
        if not candidates:
            return None, ""
        exact = [c for c in candidates if not _changes(c, p, opd_id)]
        if len(exact) == 1:
            return exact[0], ""

        def confirmed(c: Person) -> bool:
            return bool((p.phone and p.phone == c.phone) or (p.email and p.email == c.email)
                        or (nip and nip == c.nip))

        sure = [c for c in candidates if confirmed(c)]
        if len(sure) == 1:
            return sure[0], ""
        if len(candidates) == 1 and all(not old for old, _new in _changes(candidates[0], p, opd_id).values()
                                        if old != "diarsipkan"):
            return candidates[0], ""  # it only fills empty fields
        c = candidates[0]
        return None, (f"Nama sama dengan orang terdaftar ({c.name}"
                      + (f", {c.jabatan}" if c.jabatan else "") + ") tetapi datanya berbeda dan tidak "
                      "ada NIP, HP atau email yang sama; mungkin orang lain. Bila memang orang lain, "
                      "impor dengan tanda periksa.")


def _changes(existing: Person, p: ParsedPerson, opd_id: str | None) -> dict[str, tuple[str, str]]:
    """Fields the file would change: only non-empty values that differ (an empty cell erases nothing)."""
    out = {}
    for f in COMPARED:
        new = getattr(p, f)
        old = getattr(existing, f) or ""
        if new and new != old:
            out[f] = (old, new)
    current_opd = existing.opd_id.hex if existing.opd_id else None
    if opd_id and opd_id != current_opd:
        out["opd"] = (current_opd or "", opd_id)
    if p.category and p.category != existing.category and p.category != "other" and \
            not (p.category == "opd_staff" and existing.category != "other"):
        out["category"] = (existing.category, p.category)
    if existing.archived:
        out["archived"] = ("diarsipkan", "aktif")  # someone invited again is active again
    return out


def storable(p: ParsedPerson) -> tuple[dict[str, str], dict[str, str]]:
    """Split a row's values into those valid enough to store and those that are not
    (kept only in the review note, so nothing invalid lands in a field)."""
    values = {f: getattr(p, f) for f in COMPARED}
    bad: dict[str, str] = {}
    checks = {"nip": lambda v: parse_nip(v), "phone": normalize_phone, "email": normalize_email}
    for key, check in checks.items():
        if values[key]:
            try:
                if key == "nip" and any("Excel" in x for x in p.problems):
                    raise ValidationError("angka dari Excel")
                check(values[key])
            except ValidationError:
                bad[key] = values.pop(key)
    limits = {"prefix": 60, "name": 200, "suffix": 120, "jabatan": 200, "golongan": 30}
    for key, limit in limits.items():
        try:
            clean_text(values[key], limit, key)
        except ValidationError:
            bad[key] = values.pop(key)
    return values, bad


def _fill(person: Person, values: dict[str, str], opd_id: str | None, category: str, fresh: bool) -> None:
    for key, value in values.items():
        if value and getattr(person, key) != value:
            setattr(person, key, value)
    if opd_id and (person.opd_id is None or person.opd_id.hex != opd_id):
        person.opd_id = _uuid(opd_id)
    if person.archived:
        person.archived = False
    if fresh:
        person.category = category or ("opd_staff" if opd_id else "other")


def _review_note(p: ParsedPerson, problems: list[str], bad: dict[str, str]) -> str:
    if not problems:
        return ""
    written = "; ".join(f"{FIELDS.get(k, k)} tertulis: {v[:80]}" for k, v in bad.items())
    return f"Impor baris {p.line}: " + " ".join(problems) + (f" ({written})" if written else "")


