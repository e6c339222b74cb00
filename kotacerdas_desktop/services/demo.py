"""The demo region "Kota Contoh": fictional people and OPDs to try the app with."""
from __future__ import annotations

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
