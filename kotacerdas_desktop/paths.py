"""Where the app keeps its files: data dir, database, backups, logs, resources."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import APP_ID
from .domain.errors import UserError

ENV_DATA_DIR = "KOTACERDAS_DATA_DIR"
DB_FILENAME = "kotacerdas.sqlite"


class DataDirError(UserError, RuntimeError):
    """The data folder cannot be used; the message is shown to the user as is."""


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def device_key(self) -> Path:
        """This installation's signing and encryption keys for USB bundles (keep it private)."""
        return self.data_dir / "device-key.pem"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "kotacerdas.lock"

    @property
    def ui_state(self) -> Path:
        return self.data_dir / "ui-state.ini"

    @property
    def settings(self) -> Path:
        return self.data_dir / "settings.json"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False, roaming=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins over KOTACERDAS_DATA_DIR, which wins over the platform default."""
    raw = cli_value if cli_value not in (None, "") else os.environ.get(ENV_DATA_DIR) or None
    return Path(raw).expanduser() if raw is not None else default_data_dir()


def prepare_paths(data_dir: Path) -> AppPaths:
    """Create the data folder (and its subfolders) or explain in plain words why not."""
    data_dir = data_dir.expanduser()
    if data_dir.exists() and not data_dir.is_dir():
        raise DataDirError(
            f"Folder data '{data_dir}' ternyata sebuah berkas, bukan folder. "
            "Pilih folder lain dengan --data-dir atau hapus/pindahkan berkas itu."
        )
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        for sub in ("backups", "logs"):
            (data_dir / sub).mkdir(exist_ok=True)
    except OSError as exc:
        raise DataDirError(
            f"Folder data '{data_dir}' tidak dapat dibuat: {exc.strerror or exc}."
        ) from exc
    probe = data_dir / f".write-test-{os.getpid()}"
    try:  # a real write: os.access ignores Windows ACLs and read-only media
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError:
        raise DataDirError(f"Folder data '{data_dir}' tidak dapat ditulisi (izin akses atau "
                           "media hanya-baca). Pilih folder lain dengan --data-dir.") from None
    paths = AppPaths(data_dir.resolve())
    if paths.database.exists() and not paths.database.is_file():
        raise DataDirError(f"'{paths.database}' bukan berkas basis data.")
    return paths


def resource_root() -> Path:
    """The resources/ folder, both from a source checkout and inside a frozen bundle."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)
