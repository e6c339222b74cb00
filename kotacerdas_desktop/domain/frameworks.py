"""Built-in smart city frameworks (shared DOMAIN notes, section 4).

A region copies one of these into its own editable framework; regions may add,
rename and reorder dimensions and elements afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FrameworkTemplate:
    kind: str
    name: str
    description: str
    dimensions: tuple[tuple[str, str, tuple[str, ...]], ...]  # (code, name, elements)


MINISTRY = FrameworkTemplate(
    kind="ministry",
    name="Kerangka Kementerian (6 dimensi x 3 elemen)",
    description="Enam dimensi Gerakan Menuju Smart City, masing-masing tiga elemen.",
    dimensions=(
        ("governance", "Smart Governance", ("Pelayanan publik", "Manajemen birokrasi", "Kebijakan publik")),
        ("branding", "Smart Branding", ("Branding pariwisata", "Branding bisnis", "Penataan wajah kota")),
        ("economy", "Smart Economy", ("Ekosistem industri", "Kesejahteraan rakyat", "Ekosistem transaksi keuangan")),
        ("living", "Smart Living", ("Harmonisasi tata ruang", "Kesehatan", "Transportasi / mobilitas")),
        ("society", "Smart Society", ("Interaksi masyarakat", "Ekosistem belajar", "Keamanan masyarakat")),
        ("environment", "Smart Environment", ("Proteksi lingkungan", "Tata kelola sampah", "Tata kelola energi")),
    ),
)

GIFFINGER = FrameworkTemplate(
    kind="giffinger",
    name="Enam pilar Giffinger dkk. (2007)",
    description="Model akademik enam pilar, seperti dipakai Kota Bukittinggi.",
    dimensions=(
        ("governance", "Smart Governance", (
            "Partisipasi dalam pengambilan keputusan", "Layanan publik dan sosial",
            "Tata kelola yang transparan", "Strategi dan perspektif politik")),
        ("people", "Smart People", (
            "Tingkat kualifikasi", "Pembelajaran sepanjang hayat", "Kemajemukan sosial dan etnis",
            "Fleksibilitas", "Kreativitas", "Keterbukaan pikiran", "Partisipasi dalam kehidupan publik")),
        ("mobility", "Smart Mobility", (
            "Aksesibilitas lokal", "Aksesibilitas (inter)nasional", "Ketersediaan infrastruktur TIK",
            "Transportasi berkelanjutan dan aman")),
        ("living", "Smart Living", (
            "Fasilitas budaya", "Kesehatan", "Keamanan individu", "Perumahan", "Fasilitas pendidikan",
            "Pariwisata", "Kohesi sosial")),
        ("economy", "Smart Economy", (
            "Semangat inovasi", "Kewirausahaan", "Citra ekonomi", "Produktivitas",
            "Fleksibilitas pasar tenaga kerja", "Keterkaitan internasional", "Kemampuan bertransformasi")),
        ("environment", "Smart Environment", (
            "Kondisi alam", "Polusi", "Perlindungan lingkungan", "Pengelolaan sumber daya berkelanjutan")),
    ),
)

CUSTOM = FrameworkTemplate(
    kind="custom",
    name="Kerangka sendiri",
    description="Mulai dari kosong dan susun dimensi serta elemen sendiri.",
    dimensions=(),
)

TEMPLATES: dict[str, FrameworkTemplate] = {t.kind: t for t in (MINISTRY, GIFFINGER, CUSTOM)}
DEFAULT_TEMPLATE = "ministry"
