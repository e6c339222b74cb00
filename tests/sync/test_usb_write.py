"""USB sticks: finding them (Linux path, on fixture text), safe names, atomic verified writes, full sticks."""
from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
from collections import namedtuple
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kotacerdas_desktop.domain.errors import UserError
from kotacerdas_desktop.sync import usb
from kotacerdas_desktop.sync.bundle import BundleError
from kotacerdas_desktop.sync.usb import UsbError, safe_bundle_name, write_atomically

MOUNTS = r"""/dev/sda2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /run tmpfs rw,nosuid,nodev 0 0
/dev/sdb1 /media/ani/KOTA\040CERDAS vfat rw,nosuid,nodev,uid=1000,shortname=mixed 0 0
/dev/sdc1 /media/ani/DISK_USB exfat ro,nosuid,nodev 0 0
/dev/sda1 /boot/efi vfat rw,relatime 0 0
"""
Usage = namedtuple("Usage", "total used free")


def fake_sysfs(root: Path) -> Path:
    """sdb: a stick (removable=1); sdc: a USB disk that says removable=0; sda: the internal disk."""
    def disk(name: str, parent: str, removable: str) -> None:
        part = root / "devices" / parent / "block" / name / f"{name}1"
        part.mkdir(parents=True)
        (part / "partition").write_text("1\n")
        (part.parent / "removable").write_text(removable + "\n")
        (root / "class" / "block").mkdir(parents=True, exist_ok=True)
        (root / "class" / "block" / f"{name}1").symlink_to(part)
        (root / "class" / "block" / name).symlink_to(part.parent)
    disk("sda", "pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0", "0")
    disk("sdb", "pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0", "1")
    disk("sdc", "pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host7/target7:0:0/7:0:0:0", "0")
    return root


def test_parse_mounts_decodes_escapes():
    mounts = usb.parse_mounts(MOUNTS)
    assert mounts[3] == usb.Mount("/dev/sdb1", "/media/ani/KOTA CERDAS", "vfat",
                                  ("rw", "nosuid", "nodev", "uid=1000", "shortname=mixed"))
    assert usb.parse_mounts("garbage\n\n") == []


def test_linux_removable_drives(tmp_path):
    drives = usb.linux_removable_drives(MOUNTS, fake_sysfs(tmp_path / "sys"))
    assert drives == [
        usb.RemovableDrive(Path("/media/ani/KOTA CERDAS"), "KOTA CERDAS", "/dev/sdb1", False),
        usb.RemovableDrive(Path("/media/ani/DISK_USB"), "DISK_USB", "/dev/sdc1", True),
    ]
    assert usb.linux_removable_drives(MOUNTS, tmp_path / "no-sys") == []


def test_list_removable_drives_runs_here():
    assert all(isinstance(d, usb.RemovableDrive) for d in usb.list_removable_drives())


def test_safe_bundle_name():
    name = safe_bundle_name("Kab. Tanjung Jabung Timur: Ñ", "Laptop Bu Siti / Aula", datetime(2025, 1, 14, 9, 30, 5), 12)
    assert name == "KotaCerdas_Kab-Tanjung-Jabung-Timur-N_Laptop-Bu-Siti-Aula_20250114-093005_000012.kcbundle"
    assert safe_bundle_name("", "日本", datetime(2025, 1, 1), 1).startswith("KotaCerdas_wilayah_perangkat_")


@settings(max_examples=200)
@given(region=st.text(), device=st.text(), sequence=st.integers(1, 10 ** 9))
def test_safe_bundle_name_is_safe_for_any_input(region, device, sequence):
    name = safe_bundle_name(region, device, datetime(2025, 1, 14, 9, 30), sequence)
    assert re.fullmatch(r"[A-Za-z0-9_-]+\.kcbundle", name) and len(name) < 255


def test_write_atomically_writes_and_verifies(tmp_path):
    target = tmp_path / "stick" / "a.kcbundle"
    target.parent.mkdir()
    assert write_atomically(target, b"bundle-1") == target
    assert target.read_bytes() == b"bundle-1"
    write_atomically(target, b"bundle-2" * 1000)  # replaces an earlier copy of the same name
    assert target.read_bytes() == b"bundle-2" * 1000
    assert os.listdir(target.parent) == ["a.kcbundle"]


@pytest.mark.parametrize("where, code, message", [
    ("write", errno.ENOSPC, "Stik USB penuh"),
    ("fsync", errno.ENOSPC, "Stik USB penuh"),
    ("write", errno.EIO, "Stik USB dicabut atau tidak dapat ditulis"),
    ("fsync", errno.ENODEV, "Stik USB dicabut atau tidak dapat ditulis"),
    ("open", errno.EROFS, "hanya-baca"),
    ("open", errno.EACCES, "Tidak ada izin menulis"),
    ("replace", errno.EIO, "Stik USB dicabut"),
])
def test_failed_writes_leave_nothing(tmp_path, monkeypatch, where, code, message):
    real = {"write": os.write, "fsync": os.fsync, "open": os.open, "replace": os.replace}
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if where != "fsync" or len(calls) == 1:  # fsync: the file's, not the folder's
            raise OSError(code, os.strerror(code))
        return real[where](*args, **kwargs)
    monkeypatch.setattr(os, where, failing)
    with pytest.raises(UsbError, match=message) as info:
        write_atomically(tmp_path / "a.kcbundle", b"x" * 100_000)
    assert isinstance(info.value, UserError)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


def test_a_read_back_that_differs_removes_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(usb, "_read_uncached", lambda path: b"something else")
    with pytest.raises(UsbError, match="tidak sama dengan aslinya"):
        write_atomically(tmp_path / "a.kcbundle", b"bundle")
    assert os.listdir(tmp_path) == []


def test_too_big_and_too_little_space(tmp_path, monkeypatch):
    monkeypatch.setattr(usb, "FAT32_MAX_FILE", 10)
    with pytest.raises(UsbError, match="batas FAT32 4 GB"):
        write_atomically(tmp_path / "a.kcbundle", b"x" * 11)
    monkeypatch.setattr(usb, "FAT32_MAX_FILE", 4 * 1024 ** 3 - 1)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(10 ** 6, 10 ** 6 - 1000, 1000))
    with pytest.raises(UsbError, match="Stik USB penuh.*perlu"):
        write_atomically(tmp_path / "a.kcbundle", b"x" * 5000)
    assert os.listdir(tmp_path) == []


def test_read_from_stick(tmp_path):
    path = tmp_path / "a.kcbundle"
    path.write_bytes(b"12345")
    assert usb.read_from_stick(path) == b"12345"
    with pytest.raises(BundleError, match="terlalu besar"):
        usb.read_from_stick(path, max_bytes=4)
    with pytest.raises(UsbError, match="tidak dapat dibaca dari stik"):
        usb.read_from_stick(tmp_path / "missing.kcbundle")


@pytest.fixture
def tiny_stick(tmp_path):
    """A real 64 KiB filesystem (tmpfs), when we may mount one."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mount_point = tmp_path / "stick"
    mount_point.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=False)


@pytest.mark.parametrize("precheck", [True, False])
def test_export_onto_a_really_full_stick(tiny_stick, monkeypatch, precheck):
    (tiny_stick / "foto.jpg").write_bytes(os.urandom(16 * 1024))  # someone else's file stays
    if not precheck:  # pretend the free space is unknown, so the write itself runs into ENOSPC
        monkeypatch.setattr(shutil, "disk_usage", lambda path: (_ for _ in ()).throw(OSError(errno.EIO, "?")))
    with pytest.raises(UsbError, match="Stik USB penuh") as info:
        write_atomically(tiny_stick / "KotaCerdas_x_000001.kcbundle", os.urandom(200 * 1024))
    assert "Hapus berkas lain" in str(info.value)
    assert sorted(os.listdir(tiny_stick)) == ["foto.jpg"]
    write_atomically(tiny_stick / "small.kcbundle", b"fits")
    assert (tiny_stick / "small.kcbundle").read_bytes() == b"fits"
