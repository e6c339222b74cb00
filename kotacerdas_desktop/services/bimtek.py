"""The four bimtek of a region: schedule, venue and status."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from ..domain.bimtek import STATUSES, validate_days
from ..domain.people import ValidationError
from ..domain.text import clean_text
from ..storage.models import Bimtek, BimtekDay
from ..storage.store import Store
from .errors import NotFound
from .regions import BimtekCard, _region, _uuid, card_for


class BimtekService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def cards(self, region_id) -> list[BimtekCard]:
        with self.store.session() as s:
            r = _region(s, region_id)
            return [card_for(b, s) for b in s.scalars(
                select(Bimtek).where(Bimtek.region_id == r.id).order_by(Bimtek.stage))]

    def update(self, bimtek_id, *, venue: str | None = None, status: str | None = None,
               days: list[date] | None = None) -> BimtekCard:
        with self.store.session() as s:
            b = s.get(Bimtek, _uuid(bimtek_id))
            if b is None:
                raise NotFound("Bimtek tidak ditemukan.")
            if venue is not None:
                venue = clean_text(venue, 200, "Tempat")
                if b.venue != venue:
                    b.venue = venue
            if status is not None:
                if status not in STATUSES:
                    raise ValidationError(f"Status '{status}' tidak dikenal.")
                if b.status != status:
                    b.status = status
            if days is not None:
                wanted = [d.isoformat() for d in validate_days(days)]
                current = {d.day_date: d for d in b.days}
                for text, day in current.items():
                    if text not in wanted:
                        b.days.remove(day)
                for i, text in enumerate(wanted):
                    if text in current:
                        if current[text].position != i:
                            current[text].position = i
                    else:
                        b.days.append(BimtekDay(id=uuid.uuid4(), day_date=text, position=i))
            s.flush()
            s.refresh(b)
            return card_for(b, s)
