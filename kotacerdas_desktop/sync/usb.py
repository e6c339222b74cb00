"""USB sticks: finding mounted removable drives, writing a bundle onto one safely, reading one back.

A write is atomic and verified: a temporary file beside the target (named so it
never looks like a bundle), written, flushed and fsynced, renamed, the folder
fsynced, the page cache dropped where the OS allows, then read back and
compared by SHA-256. A full or pulled stick leaves no file that looks valid.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import sys
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.errors import UserError
from .bundle import MAX_BUNDLE_BYTES, SUFFIX, BundleError

FAT32_MAX_FILE = 4 * 1024 ** 3 - 1
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DRIVE_REMOVABLE = 2      # GetDriveTypeW


class UsbError(UserError):
    """A file could not be put on (or read from) the stick; the message is plain Indonesian."""


class _ReadBackDiffers(OSError):
    pass


@dataclass(frozen=True)
class RemovableDrive:
    path: Path         # where it is mounted (Linux) or its drive root (Windows, e.g. E:\)
    label: str         # what to show the user
    device: str        # /dev/sdb1, or the drive letter
    read_only: bool = False


@dataclass(frozen=True)
class Mount:
    device: str
    mount_point: str
    fs_type: str
    options: tuple[str, ...]


# --- finding removable drives ---------------------------------------------------------------

def list_removable_drives() -> list[RemovableDrive]:
    """Removable volumes that are mounted now (Linux and Windows; empty elsewhere or on error)."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/mounts", encoding="utf-8", errors="replace") as fh:
                return linux_removable_drives(fh.read())
        if os.name == "nt":
            return windows_removable_drives()
    except OSError:
        pass
    return []


def parse_mounts(text: str) -> list[Mount]:
    """Lines of /proc/mounts; octal escapes (\\040 for a space) in paths decoded."""
    def unescape(field: str) -> str:
        return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 4:
            mounts.append(Mount(unescape(parts[0]), unescape(parts[1]), parts[2], tuple(parts[3].split(","))))
    return mounts


def linux_removable_drives(mounts_text: str, sys_root: Path = Path("/sys"),
                           dev_root: Path = Path("/dev")) -> list[RemovableDrive]:
    """Mounted block devices whose disk is removable or hangs off a USB bus (per sysfs)."""
    drives = []
    for m in parse_mounts(mounts_text):
        if not m.device.startswith(str(dev_root) + "/"):
            continue
        name = Path(os.path.realpath(m.device)).name if Path(m.device).exists() else Path(m.device).name
        if _is_removable(name, Path(sys_root)):
            label = Path(m.mount_point).name or m.mount_point
            drives.append(RemovableDrive(Path(m.mount_point), label, m.device, "ro" in m.options))
    return drives


def _is_removable(block: str, sys_root: Path) -> bool:
    node = sys_root / "class" / "block" / block
    if not node.exists():
        return False
    real = Path(os.path.realpath(node))
    disk = real.parent if (real / "partition").exists() else real
    try:
        removable = (disk / "removable").read_text().strip() == "1"
    except OSError:
        removable = False
    # Many USB hard disks and some sticks say removable=0; their sysfs path names the USB bus.
    return removable or "/usb" in str(real)


def windows_removable_drives() -> list[RemovableDrive]:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32
    mask = kernel32.GetLogicalDrives()
    drives = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        root = f"{chr(ord('A') + i)}:\\"
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != _DRIVE_REMOVABLE:
            continue
        label_buf = ctypes.create_unicode_buffer(261)
        flags = ctypes.c_ulong(0)
        ok = kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), label_buf, 261, None, None,
                                            ctypes.byref(flags), None, 0)
        if not ok:  # no medium in a card reader slot
            continue
        label = f"{label_buf.value or 'Stik USB'} ({root[:2]})"
        drives.append(RemovableDrive(Path(root), label, root[:2], bool(flags.value & 0x00080000)))
    return drives


# --- names ----------------------------------------------------------------------------------------

def _slug(text: str, fallback: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-")
    return slug or fallback


def safe_bundle_name(region: str, device: str, when: datetime, sequence: int) -> str:
    """A file name every stick accepts: ASCII letters, digits, '-' and '_', no ':', ends in .kcbundle.

    e.g. 'KotaCerdas_Kota-Bandung_Laptop-3_20250114-0930_000012.kcbundle'
    """
    name = (f"KotaCerdas_{_slug(region, 'wilayah')}_{_slug(device, 'perangkat')}_"
            f"{when.strftime('%Y%m%d-%H%M%S')}_{int(sequence):06d}{SUFFIX}")
    return name  # at most ~130 characters: every part is bounded


# --- writing and reading --------------------------------------------------------------------------

def _os_error_message(exc: OSError, path: Path, size: int) -> str:
    if exc.errno in _FULL:
        return (f"Stik USB penuh: ruang kosong tidak cukup untuk '{path.name}' (perlu {_mib(size)}). "
                "Hapus berkas lain dari stik atau pakai stik lain, lalu ekspor lagi.")
    if exc.errno == errno.EROFS:
        return "Stik USB terkunci atau hanya-baca; buka kuncinya (sakelar di stik) atau pakai stik lain."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"Tidak ada izin menulis ke '{path.parent}'; pilih folder lain di stik."
    return (f"Stik USB dicabut atau tidak dapat ditulis ({exc.strerror or exc}). Pasang lagi stiknya "
            "lalu ekspor ulang; berkas yang belum selesai sudah dihapus.")


def _mib(n: int) -> str:
    return f"{n / 1024 ** 2:.1f} MB" if n >= 1024 ** 2 else f"{-(-n // 1024)} KB"


def write_atomically(path: Path, data: bytes) -> Path:
    """Put `data` at `path` so that afterwards either the complete, verified file is there or
    nothing that looks like it (any previous file of that name is then gone or untouched)."""
    path = Path(path)
    data = bytes(data)
    if len(data) > FAT32_MAX_FILE:
        raise UsbError(f"Berkas terlalu besar untuk stik USB ({_mib(len(data))}; batas FAT32 4 GB). "
                            "Ekspor per wilayah atau per bagian.")
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = None  # unknown: the write itself will tell
    if free is not None and free < len(data):
        raise UsbError(_os_error_message(OSError(errno.ENOSPC, "No space"), path, len(data)))
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    renamed = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        renamed = True
        _fsync_dir(path.parent)
        if hashlib.sha256(_read_uncached(path)).digest() != hashlib.sha256(data).digest():
            raise _ReadBackDiffers(errno.EIO, "read back differs")
    except OSError as exc:
        for leftover in (tmp, path) if renamed else (tmp,):
            try:
                leftover.unlink()
            except OSError:
                pass
        if isinstance(exc, _ReadBackDiffers):
            raise UsbError("Salinan di stik USB tidak sama dengan aslinya (stik rusak atau dicabut); "
                                "berkas dihapus. Pakai stik lain lalu ekspor ulang.") from exc
        raise UsbError(_os_error_message(exc, path, len(data))) from exc
    return path


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX). Windows has no directory handles to sync; some
    filesystems refuse a directory fsync (EINVAL), which is no failure of the write."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _read_uncached(path: Path) -> bytes:
    """Read a file back, asking the OS first to drop its cached pages so the stick itself is read."""
    with open(path, "rb") as fh:
        if hasattr(os, "posix_fadvise"):
            try:
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
        return fh.read()


def read_from_stick(path: Path, max_bytes: int = MAX_BUNDLE_BYTES) -> bytes:
    """Read a bundle file into memory, refusing anything larger than a bundle may be."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise BundleError(f"Berkas '{path.name}' terlalu besar untuk sebuah bundel ({_mib(size)}).")
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UsbError(f"Berkas '{path.name}' tidak dapat dibaca dari stik ({exc.strerror or exc}); "
                            "stik dicabut? Pasang lagi lalu coba ulang.") from exc
    if len(data) > max_bytes:
        raise BundleError(f"Berkas '{path.name}' terlalu besar untuk sebuah bundel.")
    return data
