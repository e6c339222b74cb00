"""One running instance per data folder, with an OS lock that dies with the process.

POSIX uses fcntl.flock, Windows msvcrt.locking; neither leaves a stale lock after
a crash or a power cut, so no stale-lock guessing is needed.
"""
from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

from ..domain.errors import UserError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


class AlreadyRunningError(UserError, RuntimeError):
    """Another process holds the data folder; the message names it."""


class InstanceLock:
    """Exclusive lock on `<data dir>/kotacerdas.lock` held while the app runs."""

    # Windows locks byte ranges; we lock byte 0 and keep the owner note after it so
    # that a refused process can still read who holds the lock.
    _NOTE_OFFSET = 16

    def __init__(self, path: Path, purpose: str = "app") -> None:
        self.path = Path(path)
        self.purpose = purpose
        self._fh = None

    def acquire(self, wait_seconds: float = 0.0) -> "InstanceLock":
        """Take the lock, retrying for up to `wait_seconds` (a short CLI command may hold it)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fh = os.fdopen(fd, "r+b")
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                self._lock(fh)
                break
            except OSError:
                if time.monotonic() >= deadline or self._owner().get("purpose") == "app":
                    fh.close()
                    raise AlreadyRunningError(self._refusal_message()) from None
                time.sleep(0.1)
        note = json.dumps(
            {"pid": os.getpid(), "host": socket.gethostname(), "purpose": self.purpose}
        ).encode()
        fh.seek(self._NOTE_OFFSET)
        fh.write(note)
        fh.truncate()
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is None:
            return
        try:
            self._unlock(self._fh)
        finally:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> "InstanceLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _owner(self) -> dict:
        """What the holder wrote about itself (pid, host, purpose), or {}."""
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self._NOTE_OFFSET)
                info = json.loads(fh.read(4096).decode() or "{}")
        except (OSError, ValueError):
            return {}
        return info if isinstance(info, dict) else {}

    def _refusal_message(self) -> str:
        info = self._owner()
        app = info.get("purpose", "app") == "app"
        owner = (f" ({'aplikasi' if app else 'perintah CLI'}, proses {info.get('pid')} di "
                 f"{info.get('host')})") if info else ""
        advice = ("Tutup jendela itu dulu" if app else "Tunggu perintah itu selesai")
        return (
            f"Folder data '{self.path.parent}' sedang dipakai oleh Kota Cerdas Desktop "
            f"yang lain{owner}. {advice}, atau pakai folder data lain dengan --data-dir."
        )

    @staticmethod
    def _lock(fh) -> None:
        if os.name == "nt":  # pragma: no cover
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    @staticmethod
    def _unlock(fh) -> None:
        if os.name == "nt":  # pragma: no cover
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
