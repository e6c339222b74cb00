"""What the FGD groups of "Kota Contoh" produced in Tahap III and IV: pure data.

Strategies per dimension, innovations, the five-year roadmap of the new programmes
(demo_masterplan.NEW_PROGRAMMES, referred to by their 1-based number), the quick-win
candidates with their scores and dot votes, the final quick-win sheets and the chapter
review. Everything is invented for the demo region; demo_worksheets.py turns it into records.
"""
from __future__ import annotations

# --- Tahap III: strategy ---------------------------------------------------------------------------
# (dimension code, framework element or "" for the whole dimension, misi number, strategy)
STRATEGIES = (
    ("governance", "", 1,
     "Memperkuat tata kelola SPBE melalui arsitektur dan peta rencana SPBE daerah, dengan Diskominfo sebagai "
     "pengampu dan forum SPBE yang bertemu setiap triwulan."),
    ("governance", "Pelayanan publik", 1,
     "Mengintegrasikan layanan perizinan dan nonperizinan dalam satu pintu daring dengan proses bisnis yang "
     "disederhanakan dan standar waktu layanan yang dipantau."),
    ("governance", "Kebijakan publik", 1,
     "Menjadikan Satu Data Kota Contoh dasar perencanaan dan pengambilan keputusan, didukung regulasi, "
     "walidata dan produsen data di setiap OPD."),
    ("branding", "Branding pariwisata", 3,
     "Membangun identitas kota dan kalender acara budaya yang dipromosikan bersama pelaku wisata, "
     "komunitas kreatif dan media."),
    ("branding", "Penataan wajah kota", 4,
     "Menata koridor utama dan kawasan pusat kota sebagai etalase kota yang bersih, tertib dan ramah "
     "pejalan kaki."),
    ("economy", "Ekosistem transaksi keuangan", 3,
     "Memperluas transaksi nontunai pada pasar, retribusi dan pajak daerah bersama bank daerah untuk "
     "menutup kebocoran PAD."),
    ("economy", "Ekosistem industri", 3,
     "Mendampingi UMKM masuk pasar digital dan menumbuhkan ekosistem inovasi bersama kampus dan komunitas "
     "startup."),
    ("living", "Kesehatan", 2,
     "Mendigitalkan layanan kesehatan dasar dan rujukan sehingga antrean berkurang dan data pasien terhubung."),
    ("living", "Transportasi / mobilitas", 4,
     "Mengembangkan manajemen lalu lintas berbasis data dan angkutan kota terjadwal secara bertahap."),
    ("society", "Keamanan masyarakat", 4,
     "Menyatukan penanganan kedaruratan dalam layanan 112 dan pusat komando lintas OPD."),
    ("society", "Ekosistem belajar", 2,
     "Meningkatkan literasi digital aparatur dan warga melalui fasilitator di sekolah dan kelurahan."),
    ("environment", "Tata kelola sampah", 5,
     "Mengurangi sampah dari sumbernya melalui bank sampah digital dan TPST, dengan partisipasi warga."),
    ("environment", "", 5,
     "Memperkuat ketangguhan kota terhadap bencana dan perubahan iklim dengan sensor, peringatan dini dan "
     "kelurahan tangguh bencana."),
)

# --- Tahap III: innovations ------------------------------------------------------------------------
# (new programme number, name, type, OPD short name, description)
INNOVATIONS = (
    (1, "Perwali Satu Data dan Forum Data Kota", "kebijakan", "Diskominfo",
     "Regulasi yang menetapkan walidata, produsen data dan daftar data prioritas; forum data bertemu setiap "
     "triwulan."),
    (2, "Izin Tuntas Tanpa Tatap Muka", "layanan", "DPMPTSP",
     "Pengajuan, pembayaran dan pengambilan izin dari ponsel; setiap berkas dapat dilacak seperti paket kiriman."),
    (3, "Aplikasi Contoh dalam Genggaman", "ti", "Diskominfo",
     "Satu aplikasi warga untuk pengaduan, informasi dan layanan dasar, dengan satu akun."),
    (3, "Standar tindak lanjut pengaduan tiga hari", "kebijakan", "Setda",
     "Keputusan Wali Kota tentang batas waktu tanggapan pengaduan dan eskalasi ke atasan OPD."),
    (4, "Nomor darurat tunggal 112", "layanan", "Diskominfo",
     "Satu nomor untuk kebakaran, bencana, kecelakaan dan gangguan ketertiban, dijawab operator 24 jam."),
    (5, "Rujukan elektronik puskesmas-RSUD", "ti", "Dinkes",
     "Data pasien rujukan dikirim dari puskesmas ke RSUD sebelum pasien tiba."),
    (6, "Relawan Cakap Digital Kelurahan", "layanan", "Disdik",
     "Guru, kader PKK dan relawan TIK menjadi fasilitator kelas literasi digital di kelurahan."),
    (7, "QRIS retribusi pasar", "ti", "Diskopukmdag",
     "Pedagang membayar retribusi dengan memindai kode QR; setoran langsung masuk kas daerah."),
    (8, "Klinik Kemasan, Halal dan HKI UMKM", "layanan", "Diskopukmdag",
     "Pendampingan satu pintu untuk kemasan, sertifikasi halal dan pendaftaran merek."),
    (9, "Kalender Acara Kota Contoh", "ti", "Dispar",
     "Kalender acara budaya dan wisata yang dapat disematkan di situs hotel dan agen perjalanan."),
    (10, "Tantangan Inovasi Kota", "kebijakan", "BRIDA",
     "OPD mengajukan masalah, kampus dan startup menawarkan solusi; pemenang diuji coba di OPD."),
    (11, "Simpang adaptif ATCS", "ti", "Dishub",
     "Lampu lalu lintas menyesuaikan waktu hijau dengan antrean kendaraan yang terpantau kamera."),
    (12, "Tabungan sampah dalam aplikasi", "ti", "DLH",
     "Setoran warga ke bank sampah dicatat di aplikasi dan dapat ditukar dengan pembayaran iuran atau token "
     "listrik."),
    (14, "Peringatan dini lewat WhatsApp dan sirene", "ti", "BPBD",
     "Sensor tinggi muka air memicu pesan otomatis ke warga bantaran sungai dan sirene kelurahan."),
)

# --- Tahap III: roadmap ----------------------------------------------------------------------------
ROADMAP_YEARS = "5"
# Per new programme number: (year of the roadmap, milestone, budget in million rupiah, funding source).
ROADMAP: dict[int, tuple[tuple[int, str, int, str], ...]] = {
    1: ((1, "Perwali Satu Data ditetapkan; 120 dataset prioritas didaftar", 350, "apbd"),
        (2, "Portal Satu Data beroperasi; 50% OPD terhubung", 1200, "apbd"),
        (3, "Seluruh OPD terhubung; 250 dataset dimutakhirkan", 850, "apbd"),
        (4, "Dasbor pimpinan memakai data portal", 600, "apbd"),
        (5, "400 dataset prioritas dimutakhirkan setiap tahun", 500, "apbd")),
    2: ((1, "40 layanan perizinan dipetakan dan dapat diajukan daring", 650, "apbd"),
        (2, "120 jenis layanan daring; pelacakan berkas untuk semua izin", 450, "apbd")),
    3: ((1, "Katalog aplikasi; aplikasi OPD dikonsolidasikan; SOP pengaduan tiga hari", 400, "apbd"),
        (2, "Aplikasi warga tahap pertama: pengaduan, informasi dan 10 layanan", 1500, "apbd"),
        (3, "Tahap kedua: 30 layanan; 50.000 pengguna aktif", 1100, "apbd"),
        (4, "Masuk dengan identitas kependudukan digital", 800, "apbd"),
        (5, "100.000 pengguna aktif; survei kepuasan pengguna", 500, "apbd")),
    4: ((1, "Layanan 112 beroperasi 24 jam dengan 12 operator", 900, "apbd"),
        (2, "Ruang command center; 200 CCTV terhubung", 4500, "apbd"),
        (3, "ATCS, BPBD, Damkar dan Satpol PP dalam satu dasbor", 2500, "apbd"),
        (4, "Analitik video untuk kepadatan dan kejadian", 1800, "kpbu"),
        (5, "Waktu tanggap rata-rata 10 menit", 700, "apbd")),
    5: ((1, "Rekam medis elektronik di 6 puskesmas", 1800, "apbn_dak"),
        (2, "Rujukan elektronik puskesmas-RSUD", 1200, "apbn_dak"),
        (3, "RME terhubung SATUSEHAT; antrean daring di semua puskesmas", 900, "apbd"),
        (4, "Telekonsultasi dokter spesialis RSUD ke puskesmas", 750, "apbd"),
        (5, "Dasbor surveilans penyakit kota", 600, "apbd")),
    6: ((1, "120 fasilitator terlatih; kelas di 16 kelurahan untuk 5.000 warga", 450, "csr"),
        (2, "Kelas lanjutan untuk UMKM dan lansia; 10.000 warga", 350, "apbd")),
    7: ((1, "QRIS di 3 pasar; 60% retribusi pasar nontunai", 300, "csr"),
        (2, "Seluruh pasar dan parkir tepi jalan nontunai; 75% retribusi nontunai", 250, "apbd")),
    8: ((1, "1.000 UMKM didampingi masuk lokapasar", 600, "apbd"),
        (2, "Etalase daring 300 produk unggulan", 450, "csr"),
        (3, "Klinik kemasan, halal dan HKI; 3.000 UMKM berjualan daring", 700, "apbd"),
        (4, "Kampung UMKM Digital di 4 kelurahan", 900, "csr"),
        (5, "6.000 UMKM berjualan daring", 500, "apbd")),
    9: ((1, "Identitas dan panduan merek kota ditetapkan", 250, "apbd"),
        (2, "Kalender acara digital; 12 acara unggulan", 600, "apbd"),
        (3, "Paket wisata bersama pelaku usaha", 400, "csr"),
        (4, "Promosi bersama kota tetangga dan maskapai", 550, "apbd"),
        (5, "650.000 kunjungan wisatawan per tahun", 500, "apbd")),
    10: ((1, "Tantangan inovasi kota pertama bersama kampus", 300, "apbd"),
         (2, "Ruang inovasi bersama di gedung BRIDA", 1500, "apbd"),
         (3, "10 purwarupa per tahun; 3 diadopsi OPD", 400, "csr"),
         (4, "Inkubasi startup lokal bersama universitas", 600, "csr"),
         (5, "Dana padanan inovasi bersama dunia usaha", 800, "kpbu")),
    11: ((2, "ATCS di 12 simpang utama", 4800, "apbn_dak"),
         (3, "Pusat kendali lalu lintas terhubung command center", 1500, "apbd"),
         (4, "Uji coba 2 koridor angkutan kota terjadwal", 3500, "apbd"),
         (5, "Informasi waktu tiba di 40 halte", 1200, "kpbu")),
    12: ((1, "Aplikasi bank sampah; 60 bank sampah terhubung", 350, "apbd"),
         (2, "120 bank sampah aktif; jadwal angkut daring", 400, "csr"),
         (3, "Pembangunan TPST skala kota tahap I", 5000, "apbn_dak"),
         (4, "TPST beroperasi; sampah ke TPA turun 20%", 2500, "apbd"),
         (5, "Sampah ke TPA turun 30%; 90% sampah terkelola", 800, "masyarakat")),
    13: ((2, "Uji coba 300 titik PJU tenaga surya", 2700, "apbd"),
         (3, "Prastudi KPBU penggantian PJU selesai", 650, "apbd"),
         (4, "Penggantian PJU tahap I melalui KPBU", 5000, "kpbu"),
         (5, "Seluruh PJU dipantau dari jarak jauh", 1500, "kpbu")),
    14: ((2, "8 stasiun sensor curah hujan dan tinggi muka air", 1800, "apbn_dak"),
         (3, "Peringatan otomatis ke warga; 8 kelurahan tangguh bencana", 600, "apbd"),
         (4, "16 kelurahan tangguh bencana", 450, "apbd"),
         (5, "Peringatan dini terhubung command center", 500, "apbd")),
}

# --- Tahap III: quick-win scoring ------------------------------------------------------------------
SCORE_SCALE = (1, 5)
SHORTLIST_SIZE = 10
# Weights of quickwins.DEFAULT_CRITERIA (same order) and of the dot-vote criterion; they add up to 100.
CRITERION_WEIGHTS = (20, 20, 10, 10, 10, 10, 10)
DOTS_WEIGHT = 10

# (name, new programme number, (dimension code, element), OPD, scores per criterion (1-5, in
#  DEFAULT_CRITERIA order), dots from the FGD groups of Tahap III, status after Tahap III, what it is)
CANDIDATES = (
    ("SiPelita", 2, ("governance", "Pelayanan publik"), "DPMPTSP", (5, 5, 5, 4, 4, 5, 5), (5, 3, 2), "terpilih",
     "Sistem Pelayanan Izin Terpadu: izin usaha mikro diajukan dan dilacak dari ponsel."),
    ("LAPOR Bos", 3, ("governance", "Pelayanan publik"), "Diskominfo", (5, 5, 4, 3, 3, 5, 4), (4, 1, 1),
     "terpilih", "Pengaduan warga lewat WhatsApp dengan tanggapan OPD paling lama tiga hari."),
    ("SiDATA", 1, ("governance", "Kebijakan publik"), "Diskominfo", (4, 3, 4, 4, 3, 5, 4), (3, 0, 1), "terpilih",
     "Portal Satu Data tahap awal dengan 120 dataset prioritas."),
    ("Pesona Contoh", 9, ("branding", "Branding pariwisata"), "Dispar", (4, 4, 4, 4, 5, 5, 5), (3, 2, 2),
     "terpilih", "Merek kota dan kalender acara budaya yang dipromosikan bersama pelaku wisata."),
    ("PASTI Bayar", 7, ("economy", "Ekosistem transaksi keuangan"), "Diskopukmdag", (5, 4, 5, 4, 5, 5, 4),
     (1, 3, 2), "terpilih", "Pasar Tanpa Tunai: retribusi dan belanja di pasar rakyat dengan QRIS."),
    ("Etalase Ranah", 8, ("economy", "Ekosistem industri"), "Diskopukmdag", (4, 4, 4, 3, 3, 4, 4), (1, 2, 0),
     "terpilih", "Etalase daring produk UMKM unggulan Kota Contoh."),
    ("Contoh Berinovasi", 10, ("economy", "Ekosistem industri"), "BRIDA", (3, 2, 3, 5, 3, 4, 3), (1, 1, 0),
     "usulan", "Tantangan inovasi kota bersama kampus dan komunitas startup."),
    ("SiAntre Sehat", 5, ("living", "Kesehatan"), "Dinkes", (5, 5, 5, 3, 5, 5, 4), (2, 3, 4), "terpilih",
     "Antrean puskesmas daring dengan perkiraan jam dilayani."),
    ("SiAngkot", 11, ("living", "Transportasi / mobilitas"), "Dishub", (2, 4, 1, 3, 3, 4, 3), (0, 1, 0),
     "ditolak", "Angkutan kota terjadwal dengan informasi waktu tiba."),
    ("Si Cepat", 4, ("society", "Keamanan masyarakat"), "Diskominfo", (4, 5, 4, 4, 5, 5, 4), (3, 4, 3),
     "terpilih", "Sistem Cepat Tanggap Darurat: nomor 112 dijawab operator 24 jam."),
    ("Kelas CAKAP", 6, ("society", "Ekosistem belajar"), "Disdik", (5, 4, 4, 3, 4, 4, 3), (0, 2, 1), "terpilih",
     "Kelas Cakap Digital di setiap kelurahan bersama relawan TIK."),
    ("Si Bersih", 12, ("environment", "Tata kelola sampah"), "DLH", (4, 4, 4, 4, 5, 5, 4), (1, 2, 5), "terpilih",
     "Bank sampah digital: setoran tercatat di aplikasi dan jadwal angkut diumumkan."),
    ("SiAGA Banjir", 14, ("environment", "Proteksi lingkungan"), "BPBD", (3, 4, 3, 4, 3, 4, 3), (1, 1, 4),
     "usulan", "Peringatan dini banjir lewat WhatsApp untuk warga bantaran sungai."),
    ("Lampu Pintar", 13, ("environment", "Tata kelola energi"), "Disperkim", (2, 3, 1, 3, 3, 4, 3), (0, 0, 0),
     "ditolak", "Lampu jalan tenaga surya yang dipantau dari jarak jauh."),
)

# --- Tahap IV: the final quick wins (one per dimension) ---------------------------------------------
# name -> the full sheet; "start" is (month, day) in the first roadmap year.
FINAL_SHEETS: dict[str, dict] = {
    "SiPelita": dict(
        problem="Pelaku usaha mikro harus datang dua sampai tiga kali ke MPP untuk satu izin; rata-rata "
                "izin selesai dalam 9 hari kerja.",
        solution="Pengajuan izin usaha mikro dari ponsel dengan unggah berkas, tanda tangan elektronik dan "
                 "pelacakan status; petugas MPP memverifikasi secara daring.",
        benefits="Izin usaha mikro selesai dalam 3 hari kerja tanpa tatap muka; waktu dan ongkos pelaku usaha "
                 "berkurang; antrean di MPP turun.",
        beneficiaries="Sekitar 4.000 pelaku usaha mikro per tahun",
        collaborators=["pemerintah", "akademisi", "bisnis"],
        start=(2, 1), months=10, budget=650_000_000, source="apbd",
        indicator="80% izin usaha mikro diajukan daring dan selesai dalam 3 hari kerja"),
    "Pesona Contoh": dict(
        problem="Acara budaya dan wisata Kota Contoh diumumkan sendiri-sendiri dan sering bentrok; wisatawan "
                "tidak tahu jadwalnya.",
        solution="Merek kota dengan panduan penggunaannya dan satu kalender acara daring yang diisi bersama "
                 "Dispar, sanggar budaya dan pelaku wisata.",
        benefits="Acara tersusun sepanjang tahun; promosi bersama lebih murah; lama tinggal wisatawan naik.",
        beneficiaries="Pelaku wisata, sanggar budaya, UMKM kuliner dan wisatawan",
        collaborators=["pemerintah", "bisnis", "komunitas", "media"],
        start=(1, 15), months=8, budget=250_000_000, source="apbd",
        indicator="12 acara unggulan terjadwal; kunjungan wisatawan naik 10%"),
    "PASTI Bayar": dict(
        problem="Baru 18% retribusi pasar dibayar nontunai; setoran tunai rawan bocor dan sulit dipantau.",
        solution="QRIS untuk pedagang dan loket retribusi di tiga pasar utama bersama bank daerah; "
                 "pendampingan pedagang oleh mahasiswa.",
        benefits="Setoran retribusi tercatat langsung di kas daerah; pedagang menerima pembayaran nontunai.",
        beneficiaries="1.200 pedagang di tiga pasar dan pembeli",
        collaborators=["pemerintah", "akademisi", "bisnis"],
        start=(3, 1), months=9, budget=300_000_000, source="csr",
        indicator="80% pedagang memakai QRIS; 60% retribusi pasar nontunai"),
    "SiAntre Sehat": dict(
        problem="Antrean di puskesmas mencapai 2-3 jam pada pagi hari; pasien lansia menunggu lama.",
        solution="Ambil nomor antrean dari ponsel atau WhatsApp dengan perkiraan jam dilayani, layar antrean "
                 "di setiap puskesmas dan anjungan bagi yang tidak punya ponsel.",
        benefits="Waktu tunggu berkurang; kunjungan tersebar sepanjang hari; data kunjungan tersedia harian.",
        beneficiaries="Pasien 6 puskesmas, sekitar 180.000 kunjungan per tahun",
        collaborators=["pemerintah", "bisnis", "komunitas"],
        start=(2, 1), months=10, budget=450_000_000, source="apbd",
        indicator="Waktu tunggu rata-rata turun dari 120 menjadi 45 menit"),
    "Si Cepat": dict(
        problem="Warga tidak tahu nomor darurat setiap instansi; panggilan diteruskan berkali-kali sehingga "
                "waktu tanggap rata-rata 25 menit.",
        solution="Nomor tunggal 112 dijawab operator 24 jam, diteruskan ke BPBD, Damkar, Satpol PP, Dishub "
                 "atau puskesmas dengan SOP bersama.",
        benefits="Satu nomor untuk semua kedaruratan; waktu tanggap lebih cepat; setiap kejadian tercatat.",
        beneficiaries="Seluruh warga dan pengunjung Kota Contoh",
        collaborators=["pemerintah", "komunitas", "media"],
        start=(1, 2), months=12, budget=900_000_000, source="apbd",
        indicator="Waktu tanggap rata-rata 15 menit; 95% panggilan terjawab dalam 20 detik"),
    "Si Bersih": dict(
        problem="42 bank sampah mencatat setoran di buku; jadwal angkut tidak pasti sehingga warga enggan "
                "memilah sampah.",
        solution="Aplikasi pencatatan tabungan sampah dan jadwal angkut, dipakai pengelola bank sampah, "
                 "petugas DLH dan warga.",
        benefits="Tabungan warga tercatat rapi; sampah terpilah naik; DLH tahu volume sampah per kelurahan.",
        beneficiaries="Pengelola dan nasabah bank sampah di 16 kelurahan",
        collaborators=["pemerintah", "akademisi", "komunitas", "media"],
        start=(3, 1), months=9, budget=350_000_000, source="apbd",
        indicator="120 bank sampah aktif memakai aplikasi; 5.000 nasabah tercatat"),
}

# --- Tahap IV: chapter review (chapter key -> reviewer cast slot, comment) --------------------------
CHAPTER_REVIEWS: dict[str, tuple[str, str]] = {
    "b1.1": ("mentor1", "Latar belakang dan dasar hukum lengkap; tambahkan UU 27/2022."),
    "b1.2": ("bappeda", "Data kependudukan diperbarui dengan angka BPS terbaru."),
    "b1.3": ("mentor2", "Matriks kesiapan sesuai hasil FGD; skor dicantumkan sebagai alat bantu."),
    "b1.4": ("bappeda", "Isu strategis selaras dengan RPJMD 2025-2029."),
    "b1.5": ("sekda", "Visi dan misi disetujui dalam pleno."),
    "b1.6": ("bappeda", "Indikator diselaraskan dengan indikator kinerja utama RPJMD."),
    "b2.1": ("mentor1", "Disetujui tanpa perubahan."),
    "b2.2": ("mentor2", "Strategi setiap dimensi sudah terkait misi."),
    "b2.3": ("kominfo", "Inovasi nonTIK (kebijakan dan layanan) sudah terwakili."),
    "b2.4": ("bappeda", "Rencana aksi memuat OPD pelaksana dan tahun."),
    "b2.5": ("bappeda", "Anggaran peta jalan menjadi acuan Renja OPD; sumber dana dicek ulang setiap tahun."),
    "b2.6": ("kominfo", "Enam quick win final, satu per dimensi, lengkap dengan lembar kerja."),
    "b2.7": ("mentor1", "Disetujui; lampirkan komitmen bersama yang sudah ditandatangani."),
}
