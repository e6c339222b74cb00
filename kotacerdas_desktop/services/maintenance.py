"""Store-wide facts and care: info, integrity check, backups."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from .. import __version__
from ..storage.database import (CheckReport, DatabaseError, backup_database, check_database,
                                connect)
from ..storage.store import Store
from .regions import RegionService


@dataclass(frozen=True)
class StoreInfo:
    app_version: str
    data_dir: str
    database: str
    backups_dir: str
    schema_version: int
    device_id: str
    device_name: str
    versions: int
    regions: list[dict]

    def as_dict(self) -> dict:
        return asdict(self)


class MaintenanceService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def info(self) -> StoreInfo:
        regions = RegionService(self.store).list(include_archived=True)
        with self.store.engine.connect() as conn:
            versions = conn.exec_driver_sql("SELECT count(*) FROM record_version").scalar_one()
        paths = self.store.paths
        return StoreInfo(
            __version__, str(paths.data_dir), str(paths.database), str(paths.backups),
            self.store.info.schema_version, self.store.info.device_id, self.store.info.device_name,
            versions,
            [{"id": r.id, "name": r.display_name, "kind": r.kind, "province": r.province,
              "status": r.status, "people": r.people, "opds": r.opds} for r in regions],
        )

    def check(self) -> CheckReport:
        conn = connect(self.store.paths.database)
        try:
            return check_database(conn)
        finally:
            conn.close()

    def backup(self, target: Path | None = None) -> Path:
        """A consistent copy of the live database (SQLite backup API)."""
        paths = self.store.paths
        if target is not None:
            target = Path(target).expanduser().resolve()
            if target.parent == paths.data_dir:
                raise DatabaseError(
                    f"Cadangan tidak boleh ditulis langsung di folder data ('{target}'): berkas "
                    "aplikasi bisa tertimpa. Pilih folder lain, misalnya flashdisk atau Dokumen.")
        conn = connect(self.store.paths.database)
        try:
            return backup_database(conn, self.store.paths.backups, "manual", target=target)
        finally:
            conn.close()
