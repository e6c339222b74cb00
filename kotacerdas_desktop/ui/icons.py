"""One registry of icons with meaningful names over qtawesome, created lazily."""
from __future__ import annotations

from PySide6.QtGui import QIcon

_SPECS = {
    "regions": "mdi6.city-variant-outline",
    "dashboard": "mdi6.view-dashboard-outline",
    "settings": "mdi6.cog-outline",
    "add": "mdi6.plus",
    "open": "mdi6.folder-open-outline",
    "archive": "mdi6.archive-arrow-down-outline",
    "unarchive": "mdi6.archive-arrow-up-outline",
    "demo": "mdi6.school-outline",
    "edit": "mdi6.pencil-outline",
    "delete": "mdi6.delete-outline",
    "up": "mdi6.arrow-up",
    "down": "mdi6.arrow-down",
    "backup": "mdi6.database-export-outline",
    "language": "mdi6.translate",
    "calendar": "mdi6.calendar-month-outline",
    "venue": "mdi6.map-marker-outline",
    "check": "mdi6.check-circle-outline",
    "todo": "mdi6.circle-outline",
    "logo": "mdi6.image-outline",
    "people": "mdi6.account-group-outline",
    "import": "mdi6.file-import-outline",
    "export": "mdi6.file-export-outline",
    "about": "mdi6.information-outline",
    "quit": "mdi6.exit-to-app",
    "back": "mdi6.arrow-left",
    "checkin": "mdi6.draw-pen",
    "commitment": "mdi6.file-sign",
    "session": "mdi6.presentation-play",
    "warning": "mdi6.alert-circle-outline",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "next": "mdi6.arrow-right",
    "merge": "mdi6.call-merge",
    "keyword": "mdi6.tag-outline",
    "play": "mdi6.play",
    "pause": "mdi6.pause",
    "reset": "mdi6.restore",
    "timer": "mdi6.timer-outline",
    "history": "mdi6.history",
    "reports": "mdi6.printer-outline",
    "sync": "mdi6.usb-flash-drive-outline",
    "projector": "mdi6.projector",
}


class Icons:
    """`icons.get("add")`; qtawesome is imported at the first request, not at start-up."""

    def __init__(self, color: str = "#34495e") -> None:
        self.color = color
        self._cache: dict[str, QIcon] = {}

    def get(self, name: str) -> QIcon:
        if name not in self._cache:
            import qtawesome

            self._cache[name] = qtawesome.icon(_SPECS[name], color=self.color)
        return self._cache[name]

    @staticmethod
    def names() -> list[str]:
        return list(_SPECS)
