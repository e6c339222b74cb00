"""All services over one open store."""
from __future__ import annotations

from dataclasses import dataclass

from ..paths import AppPaths
from ..storage.database import DatabaseInfo
from ..storage.store import Store
from .attendance import AttendanceService
from .bimtek import BimtekService
from .commitment import CommitmentService
from .demo import DemoService
from .directory import DirectoryService
from .maintenance import MaintenanceService
from .people_import import PeopleImportService
from .regions import RegionService
from .sync import SyncService
from .worksheets import WorksheetService


@dataclass
class Services:
    store: Store
    regions: RegionService
    directory: DirectoryService
    bimtek: BimtekService
    demo: DemoService
    maintenance: MaintenanceService
    people_import: PeopleImportService
    attendance: AttendanceService
    commitment: CommitmentService
    worksheets: WorksheetService
    sync: SyncService

    @classmethod
    def open(cls, paths: AppPaths, info: DatabaseInfo | None = None) -> "Services":
        store = Store.open(paths, info)
        return cls(store, RegionService(store), DirectoryService(store), BimtekService(store),
                   DemoService(store), MaintenanceService(store), PeopleImportService(store),
                   AttendanceService(store), CommitmentService(store), WorksheetService(store),
                   SyncService(store))

    def close(self) -> None:
        self.store.close()
