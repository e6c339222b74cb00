"""The demo region "Kota Contoh": fictional people and OPDs to try the app with."""
from __future__ import annotations

import json
import uuid
from datetime import date

from sqlalchemy import select

from ..domain.demo_data import DEMO_BIMTEK, DEMO_OPDS, DEMO_REGION, generate_demo_people
from ..domain.people import PersonInput, ValidationError, validate_person
from ..domain.frameworks import DEFAULT_TEMPLATE
from ..domain.regions import RegionInput, validate_region
from ..storage.models import Bimtek, BimtekDay, OfficialRole, Opd, Person, Region
from ..storage.store import Store
from .regions import RegionService


class DemoService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def existing(self) -> str | None:
        with self.store.session() as s:
            r = s.scalar(select(Region).where(Region.kind == DEMO_REGION["kind"],
                                              Region.name == DEMO_REGION["name"]))
            return r.id.hex if r else None

    def create(self) -> str:
        """Create Kota Contoh in one transaction; refuses when it already exists."""
        if self.existing():
            raise ValidationError("Wilayah contoh 'Kota Contoh' sudah ada.")
        people = generate_demo_people()
        with self.store.session() as s:
            region = RegionService.create_in(s, validate_region(RegionInput(**DEMO_REGION)),
                                             DEFAULT_TEMPLATE)
            opds: dict[str, Opd] = {}
            for i, item in enumerate(DEMO_OPDS):
                opd = Opd(region_id=region.id, name=item["name"], short_name=item["short_name"],
                          position=i)
                opd.alias_list = list(item.get("aliases", ()))
                s.add(opd)
                opds[item["short_name"]] = opd
            s.flush()
            roles = {o.role: o for o in s.scalars(select(OfficialRole).where(OfficialRole.region_id == region.id))}
            for item in people:
                opd = opds.get(item["opd"]) if item["opd"] else None
                clean, _ = validate_person(PersonInput(
                    prefix=item["prefix"], name=item["name"], suffix=item["suffix"], nip=item["nip"],
                    golongan=item["golongan"], jabatan=item["jabatan"], opd_id=None,
                    phone=item["phone"], email=item["email"], gender=item["gender"],
                    category=item["category"]))
                person = Person(region_id=region.id, prefix=clean.prefix, name=clean.name,
                                suffix=clean.suffix, nip=clean.nip, golongan=clean.golongan,
                                jabatan=clean.jabatan, opd_id=opd.id if opd else None,
                                phone=clean.phone, email=clean.email, gender=clean.gender,
                                category=clean.category)
                s.add(person)
                s.flush()
                if item.get("is_opd_head") and opd is not None:
                    opd.head_person_id = person.id
                if item.get("role") in roles:
                    roles[item["role"]].person_id = person.id
            stages = {b.stage: b for b in s.scalars(select(Bimtek).where(Bimtek.region_id == region.id))}
            for item in DEMO_BIMTEK:
                b = stages[item["stage"]]
                b.venue = item["venue"]
                b.status = item["status"]
                for i, day in enumerate(item["days"]):
                    s.add(BimtekDay(bimtek_id=b.id, day_date=day.isoformat(), position=i))
        return region.id.hex

    def fill_full(self, region_id: str, seed: int = 2022) -> tuple[int, int]:
        """Give the demo region attendance on every bimtek day and a fully signed commitment,
        with synthetic strokes, so that reports have real content. Returns (check-ins, signatures)."""
        import random

        from ..domain.commitment import (SignatureClaim, claim_sha256, utc_timestamp,
                                         verification_code)
        from ..domain.signature import encode, synthetic_signature
        from ..storage.models import (Attendance, Commitment, CommitmentSignatory,
                                      CommitmentSignature, CommitmentVersion, VerificationCode)
        from .attendance import audit, store_attachment
        from .commitment import CommitmentService, _full_name

        rng = random.Random(seed)
        CommitmentService(self.store).view(region_id)  # creates the document and its signatories
        checkins = signed = 0
        with self.store.session() as s:
            region = s.get(Region, uuid.UUID(region_id))
            people = list(s.scalars(select(Person).where(Person.region_id == region.id,
                                                         Person.archived.is_(False))))
            strokes = {p.id: store_attachment(s, encode(synthetic_signature(p.name, seed)),
                                              "application/x-kotacerdas-strokes") for p in people}
            days = s.scalars(select(BimtekDay).join(Bimtek, BimtekDay.bimtek_id == Bimtek.id)
                             .where(Bimtek.region_id == region.id).order_by(BimtekDay.day_date)).all()
            for day in days:
                for p in people:
                    if rng.random() < 0.12:
                        continue  # absent that day
                    paper = rng.random() < 0.05
                    s.add(Attendance(bimtek_day_id=day.id, person_id=p.id, mode="paper" if paper else "signed",
                                     strokes_sha256=None if paper else strokes[p.id],
                                     signed_at=f"{day.day_date}T0{rng.randint(0, 2)}:{rng.randint(10, 59)}:"
                                               f"{rng.randint(10, 59)}Z",
                                     device_id=self.store.info.device_id))
                    checkins += 1
            doc = s.scalar(select(Commitment).where(Commitment.region_id == region.id))
            version = s.scalar(select(CommitmentVersion).where(CommitmentVersion.commitment_id == doc.id)
                               .order_by(CommitmentVersion.number.desc()))
            hashes = []
            for sg in s.scalars(select(CommitmentSignatory).where(CommitmentSignatory.commitment_id == doc.id,
                                                                  CommitmentSignatory.active.is_(True))):
                person = s.get(Person, sg.person_id)
                claim = SignatureClaim(version=version.number, text_sha256=version.text_sha256,
                                       signer_id=person.id.hex, signer_name=_full_name(person), role=sg.role,
                                       strokes_sha256=strokes[person.id], signed_at=utc_timestamp())
                digest = claim_sha256(claim)
                hashes.append(digest)
                s.add(CommitmentSignature(version_id=version.id, signatory_id=sg.id, person_id=person.id.hex,
                                          signer_name=claim.signer_name, role=sg.role,
                                          strokes_sha256=claim.strokes_sha256, signed_at=claim.signed_at,
                                          claim_sha256=digest))
                signed += 1
            code = verification_code(doc.id.hex, version.number, version.text_sha256, sorted(hashes))
            s.add(VerificationCode(code=code, version_id=version.id, claim_hashes=json.dumps(sorted(hashes)),
                                   issued_at=utc_timestamp()))
            audit(s, self.store, region_id, "commitment_signed", "data contoh",
                  f"{signed} tanda tangan sintetis, kode {code}")
        return checkins, signed

    def fill_worksheets(self, region_id: str, seed: int = 2022) -> int:
        """Fill the worksheets of the demo region in one transaction: agenda, mentors, FGD groups,
        notulen, follow-ups and berita acara of all four bimtek, and the masterplan content of
        Tahap I to IV (Tahap IV agrees on the commitment text's current version, so sign it with
        fill_full first for a complete stage). Every record goes through the worksheet validation.
        Returns the number of records written (changes to earlier records included)."""
        from ..domain.demo_worksheets import DemoPerson, build_demo_worksheets
        from ..domain.worksheets import KINDS
        from ..storage.models import Dimension, Element, Framework, WorkItem
        from .commitment import CommitmentService
        from .worksheets import WorksheetService, person_label

        sheets = WorksheetService(self.store)
        version = CommitmentService(self.store).view(region_id).version  # creates the text if still missing
        with self.store.session() as s:
            region = s.get(Region, uuid.UUID(region_id))
            if s.scalar(select(WorkItem.id).where(WorkItem.region_id == region.id).limit(1)) is not None:
                raise ValidationError("Lembar kerja wilayah ini sudah berisi data; data contoh tidak ditambahkan.")
            opds = list(s.scalars(select(Opd).where(Opd.region_id == region.id, Opd.archived.is_(False))))
            short = {o.id: o.short_name or o.name for o in opds}
            heads = {o.head_person_id for o in opds}
            roles = {o.person_id: o.role for o in s.scalars(select(OfficialRole).where(
                OfficialRole.region_id == region.id)) if o.person_id}
            people = [DemoPerson(p.id.hex, person_label(p), short.get(p.opd_id, ""), p.jabatan, p.category,
                                 p.id in heads, roles.get(p.id, ""))
                      for p in s.scalars(select(Person).where(Person.region_id == region.id,
                                                              Person.archived.is_(False)).order_by(Person.name))]
            elements = {(d.code, e.name): e.id.hex for d, e in s.execute(
                select(Dimension, Element).join(Element, Element.dimension_id == Dimension.id)
                .join(Framework, Dimension.framework_id == Framework.id).where(Framework.region_id == region.id))}
            dimensions = {d.code: d.id.hex for d in s.scalars(
                select(Dimension).join(Framework, Dimension.framework_id == Framework.id)
                .where(Framework.region_id == region.id))}
            stages = {b.stage: b for b in s.scalars(select(Bimtek).where(Bimtek.region_id == region.id))}
            schedule = {stage: (b.venue, [date.fromisoformat(d.day_date) for d in b.days])
                        for stage, b in stages.items()}
            records = build_demo_worksheets(people, {short[o.id]: o.id.hex for o in opds}, elements, schedule, seed,
                                            dimensions=dimensions, commitment_version=version)
            ids: dict[str, str] = {}

            def stored(value):  # a local key, or a dict keyed by local keys, as stored ids
                return {ids[k]: v for k, v in value.items()} if isinstance(value, dict) else ids[value]

            for r in records:
                data = {k: stored(v) if k in r.refs and v else v for k, v in r.data.items()}
                if r.updates:  # as WorksheetService.update, inside this transaction
                    item = s.get(WorkItem, uuid.UUID(ids[r.updates]))
                    item.values = {**item.values, **sheets._clean(s, region.id, KINDS[r.kind], data, item.values)}
                else:
                    item = sheets._add(s, stages[r.stage], KINDS[r.kind], data)
                if r.key:
                    ids[r.key] = item.id.hex
        return len(records)
