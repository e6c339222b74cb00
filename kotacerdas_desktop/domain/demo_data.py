"""Deterministic fictional demo data for "Kota Contoh", plus the built-in OPD list.

Everything here is invented: people, phone numbers, e-mail domains, hotels.
``COMMON_OPDS`` is the exception: real, generic names of Indonesian city
government units, offered as the starting list for any region.
"""
from __future__ import annotations

import random
from datetime import date

DEMO_REGION = dict(
    kind="kota", name="Contoh", province="Sumatera Barat",
    office_name="Dinas Komunikasi dan Informatika",
    address="Jl. Merdeka No. 1, Kota Contoh", phone="(0752) 123456",
    email="diskominfo@contoh.go.id", website="contoh.go.id", paper_size="F4",
)


def _opd(name: str, short: str, aliases: list[str], head: str | None = None) -> dict:
    return {"name": name, "short_name": short, "aliases": aliases,
            "head_title": head or f"Kepala {name}"}


# Typical OPD of an Indonesian kota; "head_title" is the jabatan of its head.
COMMON_OPDS: list[dict] = [
    _opd("Sekretariat Daerah", "Setda", ["Setdako", "Sekretariat Daerah Kota"],
         "Sekretaris Daerah"),
    _opd("Sekretariat DPRD", "Setwan", ["Sekretariat Dewan", "Sekwan", "Setdprd"],
         "Sekretaris DPRD"),
    _opd("Inspektorat", "Inspektorat", ["Inspektorat Daerah", "Inspektorat Kota"], "Inspektur"),
    _opd("Badan Perencanaan Pembangunan Daerah", "Bappeda",
         ["Bappedalitbang", "Bappelitbangda", "Bapelitbang",
          "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah"]),
    _opd("Badan Riset dan Inovasi Daerah", "BRIDA", ["Balitbangda", "Litbang", "Brida"]),
    _opd("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD",
         ["BPKD", "DPKAD", "Badan Keuangan Daerah"]),
    _opd("Badan Pendapatan Daerah", "Bapenda",
         ["Dispenda", "BPPRD", "Badan Pengelola Pajak dan Retribusi Daerah"]),
    _opd("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM",
         ["BKD", "BKPP", "Badan Kepegawaian Daerah", "BKPSDMD"]),
    _opd("Badan Kesatuan Bangsa dan Politik", "Kesbangpol",
         ["Badan Kesbangpol", "Kantor Kesbangpol"]),
    _opd("Badan Penanggulangan Bencana Daerah", "BPBD", ["Badan Penanggulangan Bencana"],
         "Kepala Pelaksana BPBD"),
    _opd("Dinas Komunikasi dan Informatika", "Diskominfo",
         ["DISKOMINFO", "Dinas Kominfo", "Kominfo", "Diskominfotik", "Diskominfo SP",
          "Dinas Komunikasi, Informatika dan Statistik"]),
    _opd("Dinas Pendidikan", "Disdik",
         ["Dinas Pendidikan dan Kebudayaan", "Disdikbud", "Diknas"]),
    _opd("Dinas Kesehatan", "Dinkes", ["Dinas Kesehatan Kota"]),
    _opd("Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR",
         ["PUPR", "DPUPR", "Dinas PU", "Dinas Pekerjaan Umum"]),
    _opd("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim",
         ["Perkim", "DPRKP", "Dinas Perkim", "Dinas Perumahan dan Kawasan Permukiman"]),
    _opd("Satuan Polisi Pamong Praja", "Satpol PP",
         ["Pol PP", "Satpol PP dan Damkar", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran"]),
    _opd("Dinas Pemadam Kebakaran dan Penyelamatan", "Disdamkar", ["Damkar", "Pemadam Kebakaran"]),
    _opd("Dinas Sosial", "Dinsos", ["Dinas Sosial Kota"]),
    _opd("Dinas Tenaga Kerja", "Disnaker",
         ["Disnakertrans", "Dinas Tenaga Kerja dan Transmigrasi", "Dinas Tenaga Kerja dan Perindustrian"]),
    _opd("Dinas Lingkungan Hidup", "DLH", ["Dinas LH", "DLHK"]),
    _opd("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", ["Dukcapil", "Capil"]),
    _opd("Dinas Perhubungan", "Dishub", ["Dinas Perhubungan Kota"]),
    _opd("Dinas Pariwisata", "Dispar",
         ["Dinas Pariwisata dan Kebudayaan", "Disparbud", "Disbudpar"]),
    _opd("Dinas Koperasi, Usaha Kecil dan Menengah, dan Perdagangan", "Diskopukmdag",
         ["Dinas Perdagangan", "Disperindag", "Diskop UKM", "Dinas Koperasi dan UKM",
          "Dinas Koperasi UKM dan Perdagangan"]),
    _opd("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP",
         ["DPM-PTSP", "DPMPTSP", "PTSP", "Dinas Perizinan"]),
    _opd("Dinas Pertanian dan Pangan", "Distan",
         ["Dispertan", "Dinas Pertanian", "Dinas Ketahanan Pangan", "DKPP"]),
    _opd("Dinas Perikanan", "Diskan", ["Dinas Kelautan dan Perikanan", "DKP"]),
    _opd("Dinas Perpustakaan dan Kearsipan", "Dispusip",
         ["Dispusarsip", "Perpustakaan Daerah", "Kantor Arsip dan Perpustakaan"]),
    _opd("Dinas Pemuda dan Olahraga", "Dispora", ["Dinas Pora", "Disporapar"]),
    _opd("Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
         "Perlindungan Anak", "DP3AP2KB", ["DP3A", "DPPKB", "DP2KBP3A", "DPPPA"]),
    _opd("Rumah Sakit Umum Daerah", "RSUD", ["Rumah Sakit Daerah", "RSUD Kota"],
         "Direktur RSUD"),
]

# The two (fictional) districts of Kota Contoh; region specific, hence not in COMMON_OPDS.
DEMO_KECAMATAN: list[dict] = [
    _opd("Kecamatan Contoh Utara", "Kec. Contoh Utara", ["Contoh Utara"], "Camat Contoh Utara"),
    _opd("Kecamatan Contoh Selatan", "Kec. Contoh Selatan", ["Contoh Selatan"],
         "Camat Contoh Selatan"),
]
DEMO_OPDS: list[dict] = COMMON_OPDS + DEMO_KECAMATAN

DEMO_BIMTEK: list[dict] = [
    {"stage": 1, "venue": "Hotel Contoh Indah, Ruang Serbaguna",
     "days": [date(2026, 9, 22), date(2026, 9, 23)], "status": "done"},
    {"stage": 2, "venue": "Hotel Ngarai Permai, Ballroom Lantai 2",
     "days": [date(2026, 10, 27), date(2026, 10, 28)], "status": "done"},
    {"stage": 3, "venue": "Hotel Contoh Indah, Ruang Serbaguna",
     "days": [date(2026, 11, 24), date(2026, 11, 25)], "status": "planned"},
    {"stage": 4, "venue": "Balai Kota Contoh, Aula Utama",
     "days": [date(2026, 12, 15), date(2026, 12, 16)], "status": "planned"},
]

GOV_DOMAIN = "contoh.go.id"
UNIV_DOMAIN = "univcontoh.ac.id"
OTHER_DOMAIN = "example.com"
MENTOR_DOMAIN = "example.org"

# ------------------------------------------------------------------ name pools
# key: (weight, muslim, male first, female first, male last, female last).
# "muslim" decides whether Islamic middle names and the H./Hj. title may occur.
_NAME_POOLS = {
    "minang": (34, True,
               "Afrizal Zulkifli Hendri Erizal Fadli Rahmat Syafrizal Yusnaldi Indra Dedi Rizki "
               "Fauzan Irwan Nofrizal Andri Arif Doni Ferdi Yasrizal Hafiz",
               "Yulia Rosmaini Nurhayati Fitri Desmawati Elvira Yenni Rahmi Nofia Silvia "
               "Mardiana Linda Yusnita Rika Welli Zurniati Efrida Vivi",
               "Putra Saputra Syahputra Hidayat Rahman Efendi Yusuf Hamdani Azwar Chaniago "
               "Piliang Tanjung Koto Sikumbang Jambak Caniago Mulyadi Fikri",
               "Putri Wahyuni Rahmi Yanti Sari Novita Susanti Oktavia Marlina Handayani "
               "Zulaikha Yusra"),
    "jawa": (20, True,
             "Budi Agus Slamet Bambang Joko Teguh Wahyu Eko Hadi Sigit Yudi Bayu Dwi Heru "
             "Sutrisno Catur",
             "Sri Endang Rini Dewi Wulan Ratna Tri Yuliani Puji Anik Kartika Diah",
             "Santoso Prasetyo Wibowo Susanto Nugroho Setiawan Purnomo Hartono Kurniawan "
             "Wijaya Raharjo Saputro",
             "Lestari Rahayu Handayani Wulandari Astuti Purwaningsih Kusumawati Mulyani "
             "Utami Pratiwi"),
    "sunda": (8, True,
              "Asep Ujang Dadang Cecep Dede Yayan Iwan Ade Deden",
              "Euis Neneng Lilis Iis Yuyun Rina Nenden Imas",
              "Sunandar Hermawan Supriatna Sopian Gunawan Saepudin Permana Ruhiyat",
              "Nurjanah Rosita Komalasari Maryani Suryani Hasanah Rahmawati"),
    "mandailing": (7, True,
                   "Syahrial Irfan Taufik Rusdi Parlindungan Ridwan Ikhwan Zulham",
                   "Nurmala Rosmawati Lisna Nurhalimah Mariani Sakinah",
                   "Nasution Harahap Lubis Siregar Hasibuan Pane Rangkuti Daulay",
                   "Nasution Harahap Lubis Siregar Hasibuan Pane Rangkuti Daulay"),
    "batak": (7, False,
              "Togar Hotman Robert Jhonson Martua Binsar Poltak Ferdinand Sahat Darwin Maruli",
              "Dame Lasma Tiurma Rotua Helen Rismauli Sondang Romauli",
              "Simanjuntak Hutapea Sitorus Manurung Sihombing Panjaitan Situmorang Tambunan "
              "Simatupang",
              "Simanjuntak Hutapea Sitorus Manurung Sihombing Panjaitan Situmorang Tambunan"),
    "bugis": (6, True,
              "Syamsul Arsyad Ismail Basri Syahrir Hasanuddin Amiruddin Jamaluddin Nasruddin",
              "Nurhaedah Hasnah Kasmawati Rahmah Hajrah Musdalifah Nurbaya",
              "Rahim Anwar Amir Syam Tahir Mappiase Pawelloi",
              "Rahim Anwar Amir Syam Tahir Haruna"),
    "melayu": (9, True,
               "Zainal Azhar Khairul Syahril Rizal Fadhil Zulfahmi Hamdan",
               "Nurul Zuraida Melati Aisyah Khairunnisa Zubaidah Fatimah Suryana",
               "Abidin Arifin Hamid Ismail Zainuddin Mahmud Hasan Effendi",
               "Abidin Arifin Hamid Zainuddin Mahmud Hasanah Aini"),
    "bali": (3, False, "Made Wayan Ketut Nyoman Putu Gede", "Made Wayan Ketut Nyoman Putu Kadek",
             "Suardana Sudarma Adnyana Wirawan Sukadana Mahendra",
             "Ariani Sriasih Suryani Ayu Dewi Astiti"),
    "manado": (4, False, "Jefri Ronald Stevanus Frangky Hendrik Meiky",
               "Meiske Grace Natalia Olvie Jenny",
               "Tumbelaka Rondonuwu Wenas Lumentut Mandagi Sumampouw",
               "Tumbelaka Rondonuwu Wenas Lumentut Mandagi Sumampouw"),
}
_MIDDLE = {"L": ["Muhammad", "Ahmad", "Abdul", "M."], "P": ["Siti", "Nur", "Dewi"]}

# Undergraduate and master's degrees that fit each kind of work.
_S1_BY_OPD = {
    "Diskominfo": ["S.Kom.", "S.Kom.", "S.T.", "S.I.Kom.", "S.Si."],
    "Bappeda": ["S.E.", "S.T.", "S.P.", "S.Si.", "S.IP."], "BRIDA": ["S.Si.", "S.T.", "S.E."],
    "BPKAD": ["S.E.", "S.Ak.", "S.E."], "Bapenda": ["S.E.", "S.E.", "S.Ak."],
    "Inspektorat": ["S.E.", "S.Ak.", "S.H."], "Dinas PUPR": ["S.T.", "S.T."],
    "Disperkim": ["S.T.", "S.T."], "Dishub": ["S.T.", "S.SiT.", "S.E."], "DLH": ["S.T.", "S.Si."],
    "Dinkes": ["S.KM.", "S.Kep.", "S.KM."], "RSUD": ["S.Kep.", "S.KM.", "S.Farm."],
    "Disdik": ["S.Pd.", "S.Pd."], "Distan": ["S.P.", "S.P."], "Diskan": ["S.Pi."],
    "BKPSDM": ["S.Psi.", "S.Sos.", "S.AP."], "Dinsos": ["S.Sos.", "S.Sos."],
    "Diskopukmdag": ["S.E.", "S.E."], "DPMPTSP": ["S.E.", "S.H.", "S.AP."],
}
_S1_GENERIC = ["S.Sos.", "S.E.", "S.H.", "S.IP.", "S.AP.", "S.STP."]
_S2_BY_S1 = {"S.Kom.": ["M.Kom.", "M.T.", "M.Si."], "S.T.": ["M.T.", "M.Eng.", "M.Si."],
             "S.E.": ["M.M.", "M.Si.", "M.E."], "S.Ak.": ["M.Ak.", "M.M."],
             "S.H.": ["M.H.", "M.Kn."], "S.Pd.": ["M.Pd."], "S.KM.": ["M.Kes.", "M.KM."],
             "S.Kep.": ["M.Kep.", "M.Kes."], "S.P.": ["M.P.", "M.Si."]}
_S2_GENERIC = ["M.Si.", "M.M.", "M.AP.", "M.Si."]
_D3 = ["A.Md.", "A.Md.Kom.", "A.Md."]

# Positions in some units: (secretary title, heads of division, functional jobs).
_UNIT_JOBS = {
    "Setda": ("Asisten Pemerintahan dan Kesejahteraan Rakyat",
              ["Kepala Bagian Organisasi", "Kepala Bagian Pemerintahan",
               "Kepala Bagian Perekonomian dan Sumber Daya Alam",
               "Kepala Bagian Perencanaan dan Keuangan", "Kepala Bagian Hukum"],
              ["Analis Kebijakan", "Analis Hukum"]),
    "Diskominfo": ("Sekretaris",
                   ["Kepala Bidang Aplikasi Informatika", "Kepala Bidang Infrastruktur TIK",
                    "Kepala Bidang Informasi dan Komunikasi Publik",
                    "Kepala Bidang Statistik dan Persandian"],
                   ["Pranata Komputer", "Pranata Humas", "Statistisi", "Sandiman"]),
    "Bappeda": ("Sekretaris",
                ["Kepala Bidang Perencanaan Infrastruktur dan Kewilayahan",
                 "Kepala Bidang Perencanaan Perekonomian dan Sumber Daya Alam",
                 "Kepala Bidang Pemerintahan dan Pembangunan Manusia",
                 "Kepala Bidang Perencanaan, Pengendalian dan Evaluasi"],
                ["Perencana"]),
    "BPKAD": ("Sekretaris", ["Kepala Bidang Anggaran", "Kepala Bidang Aset",
                             "Kepala Bidang Perbendaharaan"],
              ["Analis Keuangan Pusat dan Daerah"]),
    "BKPSDM": ("Sekretaris", ["Kepala Bidang Pengembangan Kompetensi Aparatur",
                              "Kepala Bidang Mutasi dan Promosi"],
               ["Analis Sumber Daya Manusia Aparatur"]),
    "Inspektorat": ("Sekretaris", ["Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II"],
                    ["Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah"]),
    "Dinkes": ("Sekretaris", ["Kepala Bidang Pelayanan Kesehatan",
                              "Kepala Bidang Kesehatan Masyarakat",
                              "Kepala Bidang Pencegahan dan Pengendalian Penyakit"],
               ["Administrator Kesehatan", "Epidemiolog Kesehatan"]),
    "Disdik": ("Sekretaris", ["Kepala Bidang Pembinaan Sekolah Dasar",
                              "Kepala Bidang Pembinaan Sekolah Menengah Pertama"],
               ["Pengawas Sekolah", "Analis Kebijakan"]),
    "Dinas PUPR": ("Sekretaris", ["Kepala Bidang Bina Marga", "Kepala Bidang Sumber Daya Air",
                                  "Kepala Bidang Penataan Ruang"],
                   ["Teknik Jalan dan Jembatan", "Penata Ruang"]),
    "Dishub": ("Sekretaris", ["Kepala Bidang Lalu Lintas", "Kepala Bidang Angkutan"],
               ["Penguji Kendaraan Bermotor", "Analis Kebijakan"]),
    "DLH": ("Sekretaris", ["Kepala Bidang Pengelolaan Sampah",
                           "Kepala Bidang Pengendalian Pencemaran"],
            ["Pengendali Dampak Lingkungan"]),
    "Disdukcapil": ("Sekretaris", ["Kepala Bidang Pelayanan Pendaftaran Penduduk",
                                   "Kepala Bidang Pemanfaatan Data dan Inovasi Pelayanan"],
                    ["Administrator Database Kependudukan"]),
}
_UNIT_JOBS.update({
    "Setwan": ("Kepala Bagian Umum", ["Kepala Bagian Persidangan dan Perundang-undangan",
                                      "Kepala Bagian Keuangan"], ["Analis Kebijakan"]),
    "RSUD": ("Wakil Direktur Umum dan Keuangan", ["Kepala Bidang Pelayanan Medik",
                                                 "Kepala Bidang Keperawatan"],
             ["Perawat", "Administrator Kesehatan"]),
    "Satpol PP": ("Sekretaris", ["Kepala Bidang Penegakan Peraturan Daerah",
                                 "Kepala Bidang Ketertiban Umum dan Ketenteraman Masyarakat"],
                  ["Polisi Pamong Praja"]),
})
_GENERIC_JOBS = ("Sekretaris", ["Kepala Bidang Program dan Pelayanan",
                                "Kepala Bidang Pembinaan dan Pengembangan"],
                 ["Analis Kebijakan", "Perencana"])
_KEC_JOBS = ("Sekretaris Camat", ["Kepala Seksi Pemerintahan", "Kepala Seksi Pelayanan Umum"],
             ["Analis Kebijakan"])
_PELAKSANA_JOBS = ["Staf", "Staf", "Pengadministrasi Perkantoran", "Pengolah Data dan Informasi",
                   "Operator Layanan Operasional"]

# Staff tiers: (first golongan index allowed, last index, birth years).
_TIERS = {
    "sekretaris": (12, 13, (1970, 1980)), "kabid": (11, 13, (1970, 1984)),
    "muda": (10, 11, (1975, 1988)), "pertama": (8, 9, (1985, 1996)),
    "pelaksana": (4, 9, (1980, 1998)),
}
_MOBILE_PREFIXES = ("811 812 813 821 822 823 852 853 814 815 816 855 856 857 858 817 818 "
                    "819 859 877 878 831 832 838 895 896 897 881 882 887").split()
_GOLONGAN = ("I/a I/b I/c I/d II/a II/b II/c II/d III/a III/b III/c III/d "
             "IV/a IV/b IV/c IV/d IV/e").split()
_TODAY_YEAR = 2026


class _Maker:
    """Holds the random source and the uniqueness sets of one generation run."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names: set[str] = set()
        self.nips: set[str] = set()
        self.phones: set[str] = set()
        self.emails: set[str] = set()
        self.muslim: dict[str, bool] = {}

    # -- identity
    def name(self, gender: str) -> str:
        pools = list(_NAME_POOLS.values())
        weights = [p[0] for p in pools]
        for _ in range(1000):
            pool = self.rng.choices(pools, weights)[0]
            firsts = (pool[2] if gender == "L" else pool[3]).split()
            lasts = (pool[4] if gender == "L" else pool[5]).split()
            first, last = self.rng.choice(firsts), self.rng.choice(lasts)
            if pool is _NAME_POOLS["bali"]:
                first = ("I " if gender == "L" else "Ni ") + first
            elif pool[1] and self.rng.random() < 0.18:
                first = f"{self.rng.choice(_MIDDLE[gender])} {first}"
            full = f"{first} {last}" if first.split()[-1] != last else first
            if full not in self.names and len(full.split()) >= 2:
                self.names.add(full)
                self.muslim[full] = pool[1]
                return full
        raise RuntimeError("nama demo habis")  # pragma: no cover

    def phone(self) -> str:
        while True:
            national = self.rng.choice(_MOBILE_PREFIXES) + "".join(
                str(self.rng.randrange(10)) for _ in range(self.rng.choice((7, 8))))
            if national not in self.phones:
                self.phones.add(national)
                return "+62" + national

    def email(self, name: str, domain: str) -> str:
        words = [w.strip(".").lower() for w in name.split()
                 if len(w.strip(".")) > 1 and w not in ("I", "Ni")]
        base = ".".join(words[:1] + words[-1:]) if len(words) > 1 else words[0]
        address, n = f"{base}@{domain}", 2
        while address in self.emails:
            address, n = f"{base}{n}@{domain}", n + 1
        self.emails.add(address)
        return address

    def nip(self, gender: str, birth_years: tuple[int, int], max_age: int = 35
            ) -> tuple[str, int]:
        """A valid NIP (appointed aged 22..max_age) and its appointment year."""
        while True:
            y = self.rng.randint(*birth_years)
            born = date.fromordinal(date(y, 1, 1).toordinal() + self.rng.randrange(365))
            ay = max(min(y + self.rng.randint(22, max_age), _TODAY_YEAR - 2), y + 22)
            am = self.rng.choice((1, 2, 3, 3, 4, 12))
            nip = (f"{born:%Y%m%d}{ay:04d}{am:02d}{'1' if gender == 'L' else '2'}"
                   f"{self.rng.randint(1, 250):03d}")
            if nip not in self.nips and ay <= _TODAY_YEAR - 2:
                self.nips.add(nip)
                return nip, ay

    # -- titles
    def degrees(self, opd: str, level: str, born: int, gender: str, muslim: bool
                ) -> tuple[str, str]:
        """(prefix, suffix) for an education level: sma, d3, s1, s2, s3."""
        r = self.rng
        prefix: list[str] = []
        suffix: list[str] = []
        if level == "d3":
            suffix.append(r.choice(_D3))
        elif level in ("s1", "s2", "s3"):
            s1 = r.choice(_S1_BY_OPD.get(opd, _S1_GENERIC))
            if born < 1971 and s1 in ("S.Sos.", "S.IP.", "S.E.") and r.random() < 0.6:
                prefix.append("Drs." if gender == "L" else "Dra.")
            elif born < 1975 and s1 == "S.T." and r.random() < 0.5:
                prefix.append("Ir.")
            else:
                suffix.append(s1)
            if level in ("s2", "s3"):
                suffix.append(r.choice(_S2_BY_S1.get(s1, _S2_GENERIC)))
            if level == "s3":
                prefix.insert(0, "Dr.")
        if muslim and born < 1982 and r.random() < 0.2:
            prefix.append("H." if gender == "L" else "Hj.")  # "Dr. H.", "Drs. H.", "H."
        return " ".join(prefix), ", ".join(suffix)

    def golongan(self, appointed: int, level: str, lo: int, hi: int) -> str:
        start = {"sma": 4, "d3": 6}.get(level, 8)
        idx = start + (_TODAY_YEAR - appointed) // 5
        return _GOLONGAN[max(lo, min(hi, idx))]


def _person(prefix="", name="", suffix="", nip="", golongan="", jabatan="", opd="",
            phone="", email="", gender="", category="opd_staff", role="",
            is_opd_head=False) -> dict:
    return dict(prefix=prefix, name=name, suffix=suffix, nip=nip, golongan=golongan,
                jabatan=jabatan, opd=opd, phone=phone, email=email, gender=gender,
                category=category, role=role, is_opd_head=is_opd_head)


def _civil_servant(mk: _Maker, opd: str, jabatan: str, tier: tuple[int, int, tuple[int, int]],
                   level: str, gender: str | None = None, **extra) -> dict:
    gender = gender or mk.rng.choice("LLP" if extra.get("is_opd_head") else "LP")
    name = mk.name(gender)
    senior = tier[0] >= 11  # senior posts need a long career
    nip, appointed = mk.nip(gender, tier[2], 28 if senior else 35)
    prefix, suffix = mk.degrees(opd, level, int(nip[:4]), gender, mk.muslim[name])
    return _person(prefix, name, suffix, nip, mk.golongan(appointed, level, tier[0], tier[1]),
                   jabatan, opd, mk.phone(), mk.email(name, GOV_DOMAIN), gender, **extra)


def _outsider(mk: _Maker, category: str, jabatan: str, domain: str, prefix: str = "",
              suffix: str = "", gender: str | None = None, role: str = "") -> dict:
    gender = gender or mk.rng.choice("LLP")
    name = mk.name(gender)
    if prefix in ("H.", "Hj."):
        prefix = ("H." if gender == "L" else "Hj.") if mk.muslim[name] else ""
    return _person(prefix, name, suffix, "", "", jabatan, "", mk.phone(),
                   mk.email(name, domain), gender, category, role)


def _officials_and_heads(mk: _Maker) -> list[dict]:
    region = f"Kota {DEMO_REGION['name']}"
    people = [
        _outsider(mk, "official", f"Wali Kota {DEMO_REGION['name']}", GOV_DOMAIN, "H.",
                  "S.H., M.H.", "L", "kepala_daerah"),
        _outsider(mk, "official", f"Wakil Wali Kota {DEMO_REGION['name']}", GOV_DOMAIN, "",
                  "S.E., M.M.", None, "wakil_kepala_daerah"),
        _outsider(mk, "official", f"Ketua DPRD {region}", GOV_DOMAIN, "H.", "S.Ag.",
                  None, "ketua_dprd"),
    ]
    for opd in DEMO_OPDS:
        short = opd["short_name"]
        if short == "Setda":
            people.append(_civil_servant(mk, short, opd["head_title"], (15, 15, (1968, 1972)),
                                         "s2", category="official", role="sekda",
                                         is_opd_head=True))
            continue
        tier = (11, 13, (1970, 1982)) if short.startswith("Kec.") else (13, 14, (1968, 1978))
        level = "s3" if mk.rng.random() < 0.12 else "s2"
        p = _civil_servant(mk, short, opd["head_title"], tier, level, is_opd_head=True)
        if short in ("Dinkes", "RSUD"):
            p["prefix"] = "dr."
            p["suffix"] = "Sp.PD" if short == "RSUD" else "M.Kes."
        people.append(p)
    return people


def _partners(mk: _Maker) -> list[dict]:
    u = "Universitas Contoh"
    return [
        _outsider(mk, "dewan", f"Rektor {u}", UNIV_DOMAIN, "Prof. Dr. Ir.", "M.T."),
        _outsider(mk, "dewan", "Ketua Kamar Dagang dan Industri Kota Contoh", OTHER_DOMAIN,
                  "H.", "S.E."),
        _outsider(mk, "dewan", f"Dosen Fakultas Ekonomi dan Bisnis, {u}", UNIV_DOMAIN, "Dr.",
                  "S.E., M.Si."),
        _outsider(mk, "dewan", "Tokoh Masyarakat Kota Contoh", OTHER_DOMAIN, "H.", ""),
        _outsider(mk, "dewan", "Ketua Relawan TIK Kota Contoh", OTHER_DOMAIN, "", "S.Kom."),
        _outsider(mk, "tim_pelaksana", f"Dosen Program Studi Sistem Informasi, {u}",
                  UNIV_DOMAIN, "", "S.Kom., M.Kom."),
        _outsider(mk, "tim_pelaksana", f"Dosen Program Studi Perencanaan Wilayah dan Kota, {u}",
                  UNIV_DOMAIN, "Dr.", "S.T., M.T."),
        _outsider(mk, "tim_pelaksana", "Ketua Komunitas Startup Contoh", OTHER_DOMAIN, "",
                  "S.Kom."),
        _outsider(mk, "tim_pelaksana", "Pimpinan Cabang Bank Contoh Sejahtera", OTHER_DOMAIN,
                  "", "S.E., M.M."),
        _outsider(mk, "tim_pelaksana", "Ketua Karang Taruna Kota Contoh", OTHER_DOMAIN, "",
                  "S.Pd."),
        _outsider(mk, "tim_pelaksana", "Ketua Forum Komunitas Kreatif Contoh", OTHER_DOMAIN),
        _outsider(mk, "mentor", "Tenaga Ahli Gerakan Menuju Smart City", MENTOR_DOMAIN, "Dr.",
                  "S.T., M.T."),
        _outsider(mk, "mentor", "Tenaga Ahli Gerakan Menuju Smart City", MENTOR_DOMAIN, "",
                  "S.Kom., M.Sc."),
        _outsider(mk, "speaker", f"Peneliti Pusat Studi Kota Cerdas, {u}", UNIV_DOMAIN, "Dr.",
                  "S.Si., M.T."),
        _outsider(mk, "other", "Wartawan Media Contoh Online", OTHER_DOMAIN, "", "S.I.Kom."),
    ]


def _staff_slots():
    """Endless (opd, tier) sequence: Diskominfo and Bappeda first, then all others."""
    yield from (("Diskominfo", t) for t in ["sekretaris", "kabid", "kabid", "kabid", "kabid",
                                            "muda", "muda", "pertama", "pertama", "pertama",
                                            "pelaksana", "pelaksana"])
    yield from (("Bappeda", t) for t in ["sekretaris", "kabid", "kabid", "kabid", "muda",
                                         "pertama", "pertama"])
    others = [o["short_name"] for o in DEMO_OPDS if o["short_name"] not in ("Diskominfo", "Bappeda")]
    busy = ["Setda", "Dinkes", "Disdik", "Dinas PUPR", "BPKAD", "Dishub", "Disdukcapil",
            "DPMPTSP", "DLH", "BKPSDM", "Inspektorat", "Bapenda"]
    rounds = [others, busy, busy, others]
    tiers = ["kabid", "pertama", "muda", "pelaksana", "sekretaris", "kabid", "pertama"]
    r = 0
    while True:
        for i, short in enumerate(rounds[min(r, len(rounds) - 1)]):
            yield short, tiers[(r + i) % len(tiers)]
        r += 1


def _staff_member(mk: _Maker, short: str, tier_name: str, used: set[tuple[str, str]]) -> dict:
    jobs = _KEC_JOBS if short.startswith("Kec.") else _UNIT_JOBS.get(short, _GENERIC_JOBS)
    sec, kabids, functionals = jobs
    tier = _TIERS[tier_name]
    fn = mk.rng.choice(functionals)
    if tier_name == "sekretaris" and (short, sec) not in used:
        jabatan = sec
    elif tier_name in ("sekretaris", "kabid"):
        free = [k for k in kabids if (short, k) not in used]
        jabatan = free[0] if free else f"{fn} Ahli Madya"
    elif tier_name == "muda":
        sub = "Kepala Subbagian Umum dan Kepegawaian"
        jabatan = sub if (short, sub) not in used and mk.rng.random() < 0.4 else f"{fn} Ahli Muda"
    elif tier_name == "pertama":
        jabatan = f"{fn} Ahli Pertama"
    else:
        jabatan = mk.rng.choice(_PELAKSANA_JOBS)
    used.add((short, jabatan))
    if jabatan.endswith("Ahli Madya"):
        tier = (12, 13, tier[2])
    if short.startswith("Kec.") and tier_name in ("sekretaris", "kabid"):
        tier = (10, 12, tier[2])
    if tier_name == "pelaksana":
        level = mk.rng.choice(["sma", "d3", "d3", "s1"])
        tier = {"sma": (4, 7, tier[2]), "d3": (6, 8, tier[2])}.get(level, (8, 9, tier[2]))
    elif tier_name == "pertama":
        level = "s1" if mk.rng.random() < 0.8 else "s2"
    else:
        level = "s2" if mk.rng.random() < 0.6 else "s1"
    return _civil_servant(mk, short, jabatan, tier, level)


def generate_demo_people(seed: int = 2022, count: int = 120) -> list[dict]:
    """Fictional participants for Kota Contoh; same seed gives identical output.

    Order: officials, one head per OPD (sekda heads Setda), partners
    (Dewan, Tim Pelaksana, mentors, speaker), then OPD staff. With ``count``
    below the number of fixed people the list is simply cut.
    """
    if count < 0:
        raise ValueError("count harus >= 0")
    mk = _Maker(seed)
    people = _officials_and_heads(mk) + _partners(mk)
    used: set[tuple[str, str]] = set()
    slots = _staff_slots()
    while len(people) < count:
        short, tier = next(slots)
        people.append(_staff_member(mk, short, tier, used))
    return people[:count]
