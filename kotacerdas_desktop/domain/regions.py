"""Regions, their official roles and document settings."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import ValidationError
from .text import clean_text

KINDS = {"kota": "Kota", "kabupaten": "Kabupaten"}
PAPER_SIZES = {"A4": "A4 (210 x 297 mm)", "F4": "F4 / folio (215 x 330 mm)"}
REGION_STATUSES = ("active", "archived")

# Official roles, in the order they sign.
OFFICIAL_ROLES = ("kepala_daerah", "wakil_kepala_daerah", "ketua_dprd", "sekda")


def role_title(role: str, kind: str, region_name: str = "", lang: str = "id") -> str:
    """The jabatan as written on documents, e.g. 'Wali Kota Contoh' or 'Wakil Bupati Contoh'."""
    head = {"kota": ("Wali Kota", "Mayor"), "kabupaten": ("Bupati", "Regent")}[kind]
    titles = {
        "kepala_daerah": (head[0], head[1]),
        "wakil_kepala_daerah": (f"Wakil {head[0]}", f"Deputy {head[1]}"),
        "ketua_dprd": (f"Ketua DPRD {KINDS[kind]}", "Chair of the regional parliament (DPRD)"),
        "sekda": (f"Sekretaris Daerah {KINDS[kind]}", "Regional secretary (Sekda)"),
    }
    text = titles[role][0 if lang == "id" else 1]
    if lang == "id" and region_name:
        text = f"{text} {region_name}"
    return text


@dataclass
class RegionInput:
    kind: str
    name: str
    province: str = ""
    office_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    paper_size: str = "A4"
    signing_place: str = ""


def clean_region_name(kind: str, name: str) -> str:
    """'Kota Bukittinggi' typed into the name field becomes 'Bukittinggi'."""
    name = " ".join((name or "").split())
    for word in ("Kota ", "Kabupaten ", "Kab. "):
        if name.lower().startswith(word.lower()):
            name = name[len(word):].strip()
    return name


def validate_region(data: RegionInput) -> RegionInput:
    kind = (data.kind or "").strip().lower()
    if kind == "kab":
        kind = "kabupaten"
    if kind not in KINDS:
        raise ValidationError("Jenis wilayah harus 'kota' atau 'kabupaten'.")
    name = clean_region_name(kind, clean_text(data.name, 130, "Nama wilayah", required=True))
    name = clean_text(name, 120, "Nama wilayah", required=True)
    paper = (data.paper_size or "A4").strip().upper()
    if paper not in PAPER_SIZES:
        raise ValidationError("Ukuran kertas harus A4 atau F4.")
    return RegionInput(
        kind=kind, name=name, province=clean_text(data.province, 120, "Provinsi"),
        office_name=clean_text(data.office_name, 200, "Nama kantor"),
        address=clean_text(data.address, 300, "Alamat"), phone=clean_text(data.phone, 60, "Telepon"),
        email=clean_text(data.email, 120, "Email"), website=clean_text(data.website, 120, "Laman"),
        paper_size=paper,
        signing_place=clean_text(data.signing_place, 120, "Tempat penandatanganan") or name,
    )


def display_name(kind: str, name: str) -> str:
    return f"{KINDS.get(kind, kind.title())} {name}".strip()


def kop_lines(kind: str, name: str, office_name: str, address: str, phone: str,
              email: str, website: str) -> list[str]:
    """Letterhead lines: 'PEMERINTAH KOTA CONTOH', office, then the contact line."""
    lines = [f"PEMERINTAH {display_name(kind, name).upper()}"]
    if office_name:
        lines.append(office_name.upper())
    contact = [address] + [p for p in (f"Telp. {phone}" if phone else "",
                                        f"Email: {email}" if email else "",
                                        f"Laman: {website}" if website else "") if p]
    contact_line = " | ".join(p for p in contact if p)
    if contact_line:
        lines.append(contact_line)
    return lines
