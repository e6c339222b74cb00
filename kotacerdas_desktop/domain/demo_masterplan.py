"""What the FGD groups of "Kota Contoh" produced in Tahap I and II: pure data.

Everything is invented for the demo region (figures, programmes, names of
initiatives), written the way regional governments write them. Programme codes
follow the shape of the national nomenclature ("urusan.bidang.program") without
claiming to be exact. demo_worksheets.py turns this into worksheet records.
"""
from __future__ import annotations

# --- Tahap I: readiness --------------------------------------------------------------------------
# Per sub-element: three statements per field, one per FGD group of the first bimtek
# (1: governance and city image, 2: economy and society, 3: settlements and environment),
# the vision keywords the groups may name, and the score the groups gravitate to (1-5).
READINESS: dict[str, dict] = {
    "struktur.sdm": dict(
        kondisi=("Dari 3.412 ASN, baru sekitar 6% berlatar belakang TIK dan sebagian besar ada di Diskominfo.",
                 "Pelaku UMKM dan pengurus kelurahan umumnya memakai ponsel pintar, tetapi belum untuk usaha "
                 "dan layanan.",
                 "Petugas teknis di PUPR, DLH dan Dishub belum terbiasa mengolah data spasial dan data sensor."),
        kekuatan=("Komitmen Wali Kota kuat; Dewan dan Tim Pelaksana Smart City sudah ditetapkan.",
                  "Universitas Contoh dan komunitas startup lokal siap menjadi mitra pelatihan.",
                  "Banyak anak muda di kelurahan (karang taruna, relawan TIK) yang melek digital."),
        kelemahan=("Belum ada peta kompetensi digital ASN dan rencana pengembangannya.",
                   "Rotasi pegawai membuat operator aplikasi sering berganti tanpa serah terima.",
                   "Pranata komputer dan analis data di OPD teknis sangat sedikit."),
        peluang=("Beasiswa Digital Talent dan pelatihan daring gratis dari pemerintah pusat.",
                 "Program magang mahasiswa di OPD melalui Kampus Merdeka.",
                 "Dana CSR perbankan untuk literasi digital masyarakat."),
        ancaman=("ASN bertalenta TIK pindah ke instansi lain atau ke swasta.",
                 "Hoaks dan penipuan daring menurunkan kepercayaan warga pada layanan digital.",
                 "Kesenjangan digital antara pusat kota dan kelurahan pinggiran makin lebar."),
        gap=("Kompetensi digital ASN belum cukup untuk menjalankan layanan elektronik secara mandiri.",
             "Literasi digital masyarakat belum merata sehingga manfaat layanan digital belum dirasakan semua.",
             "Belum ada pembinaan SDM TIK yang berkelanjutan di setiap OPD."),
        keywords=("SDM unggul", "cerdas", "digital", "sejahtera", "berbudaya"), score=2),
    "struktur.anggaran": dict(
        kondisi=("Belanja TIK sekitar 1,2% APBD dan tersebar di banyak OPD tanpa perencanaan terpadu.",
                 "Kegiatan pemberdayaan ekonomi digital masih bergantung pada hibah dan CSR.",
                 "Anggaran pemeliharaan infrastruktur banyak terserap untuk perbaikan darurat."),
        kekuatan=("Opini WTP lima tahun berturut-turut; pengelolaan keuangan tertib.",
                  "Pajak hotel dan restoran tumbuh setelah pandemi.",
                  "Sudah berpengalaman bekerja sama pembiayaan dengan BUMD dan perbankan."),
        kelemahan=("Belum ada penandaan (tagging) anggaran smart city dalam dokumen perencanaan.",
                   "OPD membeli aplikasi sendiri-sendiri sehingga terjadi duplikasi belanja.",
                   "Kapasitas fiskal terbatas; belanja pegawai masih di atas 40%."),
        peluang=("Dana Alokasi Khusus dan insentif fiskal untuk digitalisasi daerah.",
                 "Elektronifikasi transaksi pemerintah daerah dapat menaikkan PAD.",
                 "Skema KPBU untuk penerangan jalan dan pengelolaan sampah."),
        ancaman=("Dana transfer ke daerah berkurang.",
                 "Harga perangkat dan lisensi perangkat lunak terus naik.",
                 "Belanja wajib pendidikan dan kesehatan mempersempit ruang fiskal."),
        gap=("Perencanaan dan penganggaran TIK belum terpadu lintas OPD.",
             "Sumber pembiayaan di luar APBD belum dimanfaatkan secara terencana.",
             "Belum ada ukuran manfaat atas belanja TIK."),
        keywords=("sejahtera", "efisien", "transparan", "berdaya saing"), score=3),
    "struktur.tata_kelola": dict(
        kondisi=("Indeks SPBE 2,61 (baik); tim koordinasi SPBE ada tetapi jarang rapat.",
                 "Forum kemitraan dengan dunia usaha dan perguruan tinggi ada, tetapi tidak rutin.",
                 "Koordinasi lintas OPD dalam penanganan kota masih melalui surat dan rapat manual."),
        kekuatan=("Dewan Smart City dan Tim Pelaksana ditetapkan dengan Keputusan Wali Kota.",
                  "Budaya musyawarah dan peran ninik mamak memudahkan pelibatan masyarakat.",
                  "Aplikasi pengaduan warga sudah berjalan dan ditindaklanjuti OPD."),
        kelemahan=("Arsitektur dan peta rencana SPBE daerah belum ditetapkan.",
                   "Peran pentahelix belum terlembaga dalam perencanaan.",
                   "Tindak lanjut pengaduan lintas OPD lambat karena belum ada standar waktu."),
        peluang=("Perpres 95/2018 tentang SPBE dan Perpres 39/2019 tentang Satu Data Indonesia.",
                 "Pendampingan Gerakan Menuju Smart City dari kementerian.",
                 "Investor lebih tertarik pada kota yang tata kelolanya baik."),
        ancaman=("Pergantian kepemimpinan dapat mengubah prioritas program.",
                 "Ego sektoral antarinstansi.",
                 "Tuntutan transparansi publik meningkat cepat."),
        gap=("Tata kelola SPBE belum berjalan sebagai satu kesatuan lintas OPD.",
             "Kolaborasi pentahelix belum menjadi bagian rutin siklus perencanaan."),
        keywords=("pelayanan prima", "transparan", "kolaboratif", "cerdas"), score=3),
    "infrastruktur.fisik": dict(
        kondisi=("Kantor layanan tersebar sehingga warga berpindah tempat untuk satu urusan.",
                 "Pasar rakyat dan kawasan wisata kekurangan parkir dan jalur pejalan kaki.",
                 "Jalan mantap 86%; drainase kawasan padat belum berfungsi baik; TPA hampir penuh."),
        kekuatan=("Gedung Mal Pelayanan Publik sudah ada di pusat kota.",
                  "Ukuran kota yang kompak memudahkan jangkauan layanan.",
                  "Jaringan jalan kota sudah menghubungkan seluruh kelurahan."),
        kelemahan=("Sebagian gedung kantor belum ramah penyandang disabilitas.",
                   "Fasilitas bongkar muat dan gudang pasar terbatas.",
                   "Data aset infrastruktur belum lengkap dan belum terpetakan."),
        peluang=("Program nasional revitalisasi pasar dan kawasan wisata.",
                 "Rencana jalan tol meningkatkan aksesibilitas kota.",
                 "Dukungan BUMN untuk penerangan jalan tenaga surya."),
        ancaman=("Banjir dan longsor pada musim hujan.",
                 "Kendaraan pribadi bertambah lebih cepat daripada jalan.",
                 "Alih fungsi lahan hijau menjadi permukiman."),
        gap=("Sarana fisik layanan belum terpadu dan belum sepenuhnya inklusif.",
             "Pemeliharaan infrastruktur belum berbasis data kondisi aset.",
             "Kapasitas pengelolaan sampah dan drainase belum mengimbangi pertumbuhan kota."),
        keywords=("nyaman", "hijau", "tertata", "inklusif"), score=3),
    "infrastruktur.digital": dict(
        kondisi=("Ruang server sederhana; 64 aplikasi OPD berjalan sendiri-sendiri.",
                 "Sinyal 4G menjangkau 92% wilayah; beberapa kelurahan pinggiran masih lemah.",
                 "Jaringan intra pemerintah baru menghubungkan 18 dari 33 OPD."),
        kekuatan=("Portal resmi dan kanal media sosial pemerintah aktif.",
                  "Internet gratis di 45 titik ruang publik.",
                  "Operator telekomunikasi sudah menggelar serat optik di jalur utama."),
        kelemahan=("Belum ada interoperabilitas data antaraplikasi.",
                   "Keamanan informasi belum diuji secara berkala.",
                   "Ruang server tanpa pusat data cadangan (disaster recovery)."),
        peluang=("Pusat Data Nasional dan layanan cloud pemerintah.",
                 "Aplikasi umum SPBE dari pemerintah pusat tanpa biaya lisensi.",
                 "Kerja sama dengan operator seluler untuk menambah BTS."),
        ancaman=("Serangan siber dan kebocoran data pribadi.",
                 "Ketergantungan pada vendor untuk pemeliharaan aplikasi.",
                 "Gangguan listrik yang memutus layanan."),
        gap=("Infrastruktur digital belum terintegrasi dan belum cukup aman untuk layanan publik penuh.",
             "Akses internet belum merata di seluruh kelurahan.",
             "Satu data dan interoperabilitas antar-OPD belum terwujud."),
        keywords=("digital", "cerdas", "terintegrasi", "pelayanan prima"), score=2),
    "infrastruktur.sosial": dict(
        kondisi=("Antrean di 6 puskesmas dan RSUD masih panjang pada jam sibuk.",
                 "Belum ada ruang kreatif untuk pemuda; komunitas berkumpul di kafe atau kampus.",
                 "Ruang terbuka hijau publik baru sekitar 12% luas kota."),
        kekuatan=("Nilai adat dan gotong royong masih kuat.",
                  "Perpustakaan daerah aktif dengan layanan literasi keliling.",
                  "Taman kota dan jalur olahraga ramai dipakai warga."),
        kelemahan=("Fasilitas sosial belum punya sistem antrean dan informasi daring.",
                   "Gedung pertemuan kelurahan jarang dimanfaatkan.",
                   "RTH publik belum mencapai 20% sebagaimana diamanatkan undang-undang."),
        peluang=("Program Kota Layak Anak dan Kabupaten/Kota Sehat.",
                 "Tumbuhnya komunitas ekonomi kreatif anak muda.",
                 "CSR untuk taman dan ruang publik."),
        ancaman=("Penyakit menular dan risiko kesehatan lingkungan.",
                 "Pergeseran nilai budaya di kalangan generasi muda.",
                 "Pendatang baru menambah beban fasilitas sosial."),
        gap=("Fasilitas sosial belum didukung layanan informasi yang memudahkan warga.",
             "Ruang publik untuk interaksi dan kreativitas warga masih kurang."),
        keywords=("berbudaya", "sehat", "inklusif", "hijau"), score=3),
    "suprastruktur.regulasi": dict(
        kondisi=("Ada Perwali SPBE (2021), tetapi belum ada Perwali Satu Data dan Perwali Masterplan Smart City.",
                 "Belum ada aturan insentif bagi UMKM digital dan ekonomi kreatif.",
                 "Perda RTRW sedang direvisi; Perda pengelolaan sampah masih terbitan 2012."),
        kekuatan=("Bagian Hukum Setda responsif dan punya program pembentukan perda tahunan.",
                  "DPRD mendukung inisiatif kota cerdas.",
                  "Perda pelayanan publik sudah ada."),
        kelemahan=("Banyak aturan belum mengakomodasi layanan dan tanda tangan elektronik.",
                   "Sosialisasi regulasi kepada pelaku usaha lemah.",
                   "Penegakan perda ketertiban dan kebersihan belum konsisten."),
        peluang=("UU 27/2022 tentang Pelindungan Data Pribadi dan PP 71/2019 sebagai rujukan.",
                 "Contoh perwali smart city dari kota lain dapat diadaptasi.",
                 "Fasilitasi penyusunan regulasi oleh pemerintah provinsi."),
        ancaman=("Regulasi pusat berubah cepat sehingga aturan daerah cepat usang.",
                 "Tumpang tindih kewenangan pusat dan daerah.",
                 "Gugatan hukum terkait data pribadi."),
        gap=("Regulasi daerah belum lengkap untuk mendukung layanan dan data digital.",
             "Aturan teknis pelaksanaan masterplan smart city belum tersedia."),
        keywords=("berkepastian hukum", "transparan", "akuntabel", "digital"), score=2),
    "suprastruktur.kelembagaan": dict(
        kondisi=("Diskominfo mengoordinasikan smart city, tetapi belum ada unit pengelola inovasi.",
                 "Forum UMKM dan komunitas kreatif belum terhubung dengan pemerintah secara kelembagaan.",
                 "Belum ada pusat komando yang menyatukan pemantauan kota."),
        kekuatan=("Dewan Smart City melibatkan akademisi, dunia usaha, tokoh masyarakat dan media.",
                  "BRIDA menyelenggarakan kompetisi inovasi setiap tahun.",
                  "BPBD dan Satpol PP masing-masing punya pusat pengendalian operasi."),
        kelemahan=("Pembagian peran antar-OPD dalam smart city belum jelas.",
                   "Kelembagaan pentahelix belum punya sekretariat tetap.",
                   "Pusat pengendalian yang ada bekerja terpisah dan tidak berbagi data."),
        peluang=("Dorongan pemerintah pusat membentuk unit pengelola SPBE.",
                 "Kemitraan dengan Pusat Studi Kota Cerdas Universitas Contoh.",
                 "Layanan darurat 112 nasional dapat diadopsi."),
        ancaman=("Perubahan nomenklatur perangkat daerah.",
                 "Kepentingan sektoral mengalahkan agenda bersama.",
                 "Ketergantungan pada tokoh penggerak, bukan pada sistem."),
        gap=("Belum ada lembaga yang mengorkestrasi smart city lintas sektor.",
             "Pusat komando dan layanan darurat terpadu belum ada."),
        keywords=("kolaboratif", "inovatif", "aman", "cerdas"), score=3),
    "suprastruktur.tata_laksana": dict(
        kondisi=("Sebagian besar SOP layanan masih manual; baru 24 jenis izin dapat diajukan daring.",
                 "Prosedur pendampingan UMKM belum terdokumentasi dan belum terukur.",
                 "SOP tanggap darurat lintas OPD belum terpadu."),
        kekuatan=("Standar pelayanan dipublikasikan di setiap unit layanan.",
                  "Survei kepuasan masyarakat dilakukan setiap tahun.",
                  "SOP penanganan pengaduan sudah ada di Diskominfo."),
        kelemahan=("Proses bisnis belum dipetakan sebelum aplikasi dibuat.",
                   "Belum ada evaluasi inovasi secara berkala.",
                   "SOP tidak diperbarui setelah perubahan organisasi."),
        peluang=("Penyederhanaan birokrasi dan reformasi birokrasi tematik.",
                 "Penilaian kepatuhan pelayanan publik oleh Ombudsman.",
                 "Tanda tangan elektronik tersertifikasi dari BSrE."),
        ancaman=("Resistensi terhadap perubahan cara kerja.",
                 "Tuntutan layanan cepat 24 jam terus meningkat.",
                 "Risiko maladministrasi bila layanan digital berjalan tanpa SOP yang jelas."),
        gap=("Proses bisnis layanan belum disederhanakan dan didigitalkan secara menyeluruh.",
             "Belum ada SOP terpadu lintas OPD untuk layanan dan kedaruratan."),
        keywords=("pelayanan prima", "efisien", "cepat", "digital"), score=2),
}

# (title, readiness sub-element, (dimension code, framework element), priority, description)
ISSUES = (
    ("Layanan publik belum terintegrasi dan masih banyak tatap muka", "suprastruktur.tata_laksana",
     ("governance", "Pelayanan publik"), "tinggi",
     "Warga harus datang ke beberapa kantor untuk satu urusan; baru 24 jenis izin dapat diajukan daring."),
    ("Aplikasi OPD tersebar dan data belum satu", "infrastruktur.digital",
     ("governance", "Manajemen birokrasi"), "tinggi",
     "64 aplikasi berjalan sendiri-sendiri; data yang sama diminta berulang kali dan sering berbeda."),
    ("Regulasi pendukung smart city belum lengkap", "suprastruktur.regulasi",
     ("governance", "Kebijakan publik"), "tinggi",
     "Perwali Satu Data dan Perwali Masterplan Smart City belum ada; aturan tanda tangan elektronik belum ada."),
    ("Kompetensi digital aparatur dan masyarakat rendah", "struktur.sdm",
     ("society", "Ekosistem belajar"), "tinggi",
     "Baru 6% ASN berlatar TIK; literasi digital warga kelurahan pinggiran tertinggal."),
    ("Pengelolaan sampah belum berbasis data dan TPA hampir penuh", "infrastruktur.fisik",
     ("environment", "Tata kelola sampah"), "tinggi",
     "Sampah terkelola baru 68%; bank sampah belum terhubung dengan pengangkutan."),
    ("Potensi wisata dan produk UMKM belum terpromosikan secara digital", "infrastruktur.sosial",
     ("branding", "Branding pariwisata"), "sedang",
     "Kalender acara dan produk unggulan belum punya kanal promosi bersama."),
    ("Transaksi ekonomi dan retribusi masih tunai", "struktur.anggaran",
     ("economy", "Ekosistem transaksi keuangan"), "sedang",
     "Baru 18% retribusi pasar dan parkir dibayar nontunai; kebocoran PAD sulit dipantau."),
    ("Penanganan kedaruratan dan pemantauan kota belum terpadu", "suprastruktur.kelembagaan",
     ("society", "Keamanan masyarakat"), "sedang",
     "BPBD, Damkar, Satpol PP dan Dishub memantau sendiri-sendiri; belum ada nomor darurat tunggal."),
)

VISI = dict(
    text="Kota Contoh Cerdas, Sejahtera dan Berbudaya melalui Pelayanan Prima Berbasis Digital "
         "dalam Lingkungan yang Hijau",
    explanation="Cerdas: warga dan aparatur cakap digital dan memakai data untuk mengambil keputusan.\n"
                "Sejahtera: ekonomi kerakyatan tumbuh, UMKM dan pariwisata terhubung ke pasar digital.\n"
                "Berbudaya: pembangunan berpijak pada adat, gotong royong dan nilai religius masyarakat.\n"
                "Pelayanan prima berbasis digital: layanan cepat, mudah, terintegrasi dan dapat diakses "
                "dari mana saja.\n"
                "Hijau: kota yang bersih, tertata dan tangguh terhadap bencana.")

# Misi -> tujuan -> sasaran -> indikator (name, unit, baseline, target, year).
MISI = (
    ("Mewujudkan tata kelola pemerintahan yang bersih, transparan dan berbasis elektronik dengan "
     "pelayanan publik yang prima", (
        ("Meningkatkan kualitas tata kelola pemerintahan berbasis elektronik", (
            ("Meningkatnya kematangan SPBE", (("Indeks SPBE", "indeks", "2,61", "3,50", 2031),)),
            ("Meningkatnya integrasi data antar-OPD", (
                ("OPD yang terhubung ke portal Satu Data", "persen", "35", "100", 2031),
                ("Dataset prioritas yang dimutakhirkan setiap tahun", "dataset", "120", "400", 2031))),
        )),
        ("Meningkatkan kualitas pelayanan publik", (
            ("Meningkatnya kepuasan masyarakat atas layanan publik", (
                ("Indeks Kepuasan Masyarakat", "nilai", "78,4", "88,0", 2031),
                ("Jenis izin yang dapat diajukan daring", "jenis layanan", "24", "120", 2031))),
        )),
    )),
    ("Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berkarakter", (
        ("Meningkatkan derajat kesehatan masyarakat", (
            ("Meningkatnya layanan kesehatan berbasis digital", (
                ("Puskesmas yang menerapkan rekam medis elektronik", "persen", "40", "100", 2029),)),
        )),
        ("Meningkatkan kualitas pendidikan dan literasi digital", (
            ("Meningkatnya literasi digital masyarakat", (
                ("Indeks literasi digital", "indeks (1-5)", "3,45", "3,90", 2031),)),
            ("Meningkatnya mutu pembelajaran", (
                ("Sekolah dengan akses internet memadai", "persen", "62", "100", 2029),)),
        )),
    )),
    ("Membangun ekonomi kerakyatan yang berdaya saing melalui UMKM, pariwisata dan ekonomi digital", (
        ("Meningkatkan pertumbuhan ekonomi kerakyatan", (
            ("Meningkatnya UMKM yang masuk ekosistem digital", (
                ("UMKM yang berjualan daring", "unit usaha", "1.850", "6.000", 2031),
                ("Retribusi daerah yang dibayar nontunai", "persen", "18", "75", 2029))),
            ("Meningkatnya kunjungan wisatawan", (
                ("Kunjungan wisatawan", "orang per tahun", "412.000", "650.000", 2031),)),
        )),
    )),
    ("Mewujudkan infrastruktur dan permukiman yang terpadu, aman dan nyaman", (
        ("Mewujudkan mobilitas kota yang tertib dan aman", (
            ("Meningkatnya kinerja lalu lintas", (
                ("Simpang bersinyal yang terpantau ATCS", "persen", "15", "80", 2031),)),
            ("Meningkatnya kecepatan layanan kedaruratan", (
                ("Waktu tanggap rata-rata panggilan darurat", "menit", "25", "10", 2031),)),
        )),
    )),
    ("Mewujudkan lingkungan hidup yang bersih, hijau dan tangguh bencana", (
        ("Meningkatkan kualitas lingkungan hidup", (
            ("Meningkatnya pengelolaan sampah", (
                ("Sampah yang terkelola", "persen", "68", "90", 2031),
                ("Bank sampah aktif", "unit", "42", "120", 2031))),
        )),
        ("Meningkatkan ketangguhan terhadap bencana", (
            ("Meningkatnya kesiapsiagaan masyarakat", (
                ("Kelurahan tangguh bencana", "kelurahan", "4", "16", 2031),)),
        )),
    )),
)

# --- Tahap II: programmes --------------------------------------------------------------------------
# Existing: (source, code, name, OPD short name, misi number, (dimension code, element), start, end)
PROGRAMMES = (
    ("rpjmd", "2.16.03", "Program Pengelolaan Aplikasi Informatika", "Diskominfo", 1,
     ("governance", "Manajemen birokrasi"), 2025, 2029),
    ("renstra", "2.16.02", "Program Pengelolaan Informasi dan Komunikasi Publik", "Diskominfo", 1,
     ("governance", "Kebijakan publik"), 2025, 2029),
    ("renstra", "2.20.02", "Program Penyelenggaraan Statistik Sektoral", "Diskominfo", 1,
     ("governance", "Kebijakan publik"), 2025, 2029),
    ("rpjmd", "2.18.03", "Program Pelayanan Penanaman Modal", "DPMPTSP", 1,
     ("governance", "Pelayanan publik"), 2025, 2029),
    ("rpjmd", "2.12.02", "Program Pendaftaran Penduduk", "Disdukcapil", 1,
     ("governance", "Pelayanan publik"), 2025, 2029),
    ("renstra", "5.03.02", "Program Kepegawaian Daerah", "BKPSDM", 1,
     ("governance", "Manajemen birokrasi"), 2025, 2029),
    ("rpjmd", "5.01.02", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah", "Bappeda", 1,
     ("governance", "Kebijakan publik"), 2025, 2029),
    ("renstra", "5.02.02", "Program Pengelolaan Keuangan Daerah", "BPKAD", 1,
     ("governance", "Manajemen birokrasi"), 2025, 2029),
    ("renstra", "6.01.02", "Program Penyelenggaraan Pengawasan", "Inspektorat", 1,
     ("governance", "Manajemen birokrasi"), 2025, 2029),
    ("rpjmd", "1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
     "Dinkes", 2, ("living", "Kesehatan"), 2025, 2029),
    ("renstra", "1.02.03", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan", "Dinkes", 2,
     ("living", "Kesehatan"), 2025, 2029),
    ("rpjmd", "1.01.02", "Program Pengelolaan Pendidikan", "Disdik", 2,
     ("society", "Ekosistem belajar"), 2025, 2029),
    ("renstra", "2.23.02", "Program Pembinaan Perpustakaan", "Dispusip", 2,
     ("society", "Ekosistem belajar"), 2025, 2029),
    ("renstra", "2.19.03", "Program Pengembangan Kapasitas Daya Saing Kepemudaan", "Dispora", 2,
     ("society", "Interaksi masyarakat"), 2025, 2029),
    ("renstra", "2.08.06", "Program Perlindungan Khusus Anak", "DP3AP2KB", 2,
     ("society", "Interaksi masyarakat"), 2025, 2029),
    ("renstra", "1.06.04", "Program Rehabilitasi Sosial", "Dinsos", 2,
     ("economy", "Kesejahteraan rakyat"), 2025, 2029),
    ("rpjmd", "2.17.05", "Program Pemberdayaan Usaha Menengah, Usaha Kecil dan Usaha Mikro (UMKM)",
     "Diskopukmdag", 3, ("economy", "Ekosistem industri"), 2025, 2029),
    ("renstra", "3.30.03", "Program Peningkatan Sarana Distribusi Perdagangan", "Diskopukmdag", 3,
     ("economy", "Ekosistem transaksi keuangan"), 2025, 2029),
    ("rpjmd", "5.02.04", "Program Pengelolaan Pendapatan Daerah", "Bapenda", 3,
     ("economy", "Ekosistem transaksi keuangan"), 2025, 2029),
    ("renstra", "2.07.03", "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja", "Disnaker", 3,
     ("economy", "Kesejahteraan rakyat"), 2025, 2029),
    ("rpjmd", "3.26.02", "Program Peningkatan Daya Tarik Destinasi Pariwisata", "Dispar", 3,
     ("branding", "Branding pariwisata"), 2025, 2029),
    ("renstra", "3.26.03", "Program Pemasaran Pariwisata", "Dispar", 3,
     ("branding", "Branding pariwisata"), 2025, 2029),
    ("renstra", "3.26.04", "Program Pengembangan Ekonomi Kreatif melalui Pemanfaatan dan Perlindungan Hak "
     "Kekayaan Intelektual", "Dispar", 3, ("branding", "Branding bisnis"), 2025, 2029),
    ("renstra", "2.18.04", "Program Promosi Penanaman Modal", "DPMPTSP", 3,
     ("branding", "Branding bisnis"), 2026, 2029),
    ("rpjmd", "1.03.10", "Program Penyelenggaraan Jalan", "Dinas PUPR", 4,
     ("living", "Transportasi / mobilitas"), 2025, 2029),
    ("renstra", "1.03.04", "Program Penyelenggaraan Penataan Ruang", "Dinas PUPR", 4,
     ("living", "Harmonisasi tata ruang"), 2025, 2029),
    ("rpjmd", "2.15.02", "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)", "Dishub", 4,
     ("living", "Transportasi / mobilitas"), 2025, 2029),
    ("renstra", "1.04.03", "Program Kawasan Permukiman", "Disperkim", 4,
     ("branding", "Penataan wajah kota"), 2025, 2029),
    ("renstra", "1.05.02", "Program Peningkatan Ketenteraman dan Ketertiban Umum", "Satpol PP", 4,
     ("society", "Keamanan masyarakat"), 2025, 2029),
    ("renstra", "1.05.04", "Program Pencegahan, Penanggulangan, Penyelamatan Kebakaran dan Penyelamatan "
     "Non Kebakaran", "Disdamkar", 4, ("society", "Keamanan masyarakat"), 2025, 2029),
    ("rpjmd", "2.11.08", "Program Pengelolaan Persampahan", "DLH", 5,
     ("environment", "Tata kelola sampah"), 2025, 2029),
    ("renstra", "2.11.04", "Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup", "DLH", 5,
     ("environment", "Proteksi lingkungan"), 2025, 2029),
    ("renstra", "1.05.03", "Program Penanggulangan Bencana", "BPBD", 5,
     ("environment", "Proteksi lingkungan"), 2025, 2029),
    ("renstra", "1.04.05", "Program Peningkatan Prasarana, Sarana dan Utilitas Umum (PSU)", "Disperkim", 5,
     ("environment", "Tata kelola energi"), 2026, 2029),
)

# New ideas: (name, horizon, lead OPD, misi number, (dimension code, element), description,
#             action lines: (activity, OPD, output, year, indicator))
NEW_PROGRAMMES = (
    ("Contoh Satu Data: portal data terpadu", "5", "Diskominfo", 1, ("governance", "Kebijakan publik"),
     "Satu portal data dengan walidata di Diskominfo dan produsen data di setiap OPD.", (
        ("Menyusun Perwali Satu Data dan daftar data prioritas", "Diskominfo", "Perwali Satu Data", 2027,
         "Perwali ditetapkan"),
        ("Membangun portal dan menghubungkan data prioritas OPD", "Diskominfo", "Portal Satu Data", 2028,
         "100% OPD terhubung"))),
    ("MPP Contoh Daring", "1", "DPMPTSP", 1, ("governance", "Pelayanan publik"),
     "Layanan Mal Pelayanan Publik yang dapat diajukan dan dipantau dari ponsel.", (
        ("Memetakan dan menyederhanakan proses bisnis 40 layanan perizinan", "DPMPTSP",
         "Peta proses bisnis", 2027, "40 layanan dipetakan"),
        ("Membuka pengajuan daring dan pelacakan berkas", "Diskominfo", "Layanan daring MPP", 2027,
         "Waktu layanan turun 50%"))),
    ("Contoh dalam Genggaman: aplikasi layanan warga", "5", "Diskominfo", 1, ("governance", "Pelayanan publik"),
     "Satu aplikasi untuk pengaduan, informasi dan layanan dasar; menggantikan aplikasi OPD yang tumpang tindih.", (
        ("Mengonsolidasikan aplikasi layanan OPD", "Diskominfo", "Katalog aplikasi", 2027,
         "Jumlah aplikasi berkurang 40%"),
        ("Meluncurkan aplikasi warga tahap pertama", "Diskominfo", "Aplikasi seluler", 2028,
         "50.000 pengguna aktif"),
        ("Menetapkan standar waktu tindak lanjut pengaduan", "Setda", "SOP pengaduan", 2027,
         "95% pengaduan ditanggapi dalam 3 hari"))),
    ("Command Center dan Layanan Darurat 112", "5", "Diskominfo", 4, ("society", "Keamanan masyarakat"),
     "Pusat komando yang menyatukan CCTV, ATCS, BPBD, Damkar dan Satpol PP dengan nomor darurat tunggal 112.", (
        ("Menyiapkan ruang, SOP lintas OPD dan operator 112", "Diskominfo", "Layanan 112 beroperasi", 2027,
         "Waktu tanggap 15 menit"),
        ("Mengintegrasikan CCTV dan sistem pemantauan OPD", "Dishub", "Dasbor pemantauan kota", 2028,
         "200 titik CCTV terhubung"))),
    ("Rekam Medis Elektronik Terintegrasi", "5", "Dinkes", 2, ("living", "Kesehatan"),
     "Rekam medis elektronik di seluruh puskesmas dan RSUD, terhubung dengan platform nasional.", (
        ("Menerapkan rekam medis elektronik di 6 puskesmas", "Dinkes", "RME puskesmas", 2027,
         "6 puskesmas memakai RME"),
        ("Menghubungkan RME puskesmas dengan RSUD untuk rujukan", "RSUD", "Rujukan elektronik", 2028,
         "100% rujukan elektronik"))),
    ("Contoh Cakap Digital", "1", "Disdik", 2, ("society", "Ekosistem belajar"),
     "Kelas literasi digital di sekolah dan kelurahan bersama relawan TIK dan kampus.", (
        ("Melatih guru dan kader kelurahan sebagai fasilitator literasi digital", "Disdik",
         "120 fasilitator", 2027, "120 fasilitator terlatih"),
        ("Menyelenggarakan kelas literasi digital di setiap kelurahan", "Diskominfo", "Kelas kelurahan", 2027,
         "5.000 warga ikut kelas"))),
    ("Pasar Rakyat Nontunai", "1", "Diskopukmdag", 3, ("economy", "Ekosistem transaksi keuangan"),
     "Pembayaran QRIS untuk pedagang dan retribusi pasar bersama bank daerah.", (
        ("Memasang QRIS di pedagang dan loket retribusi pasar", "Diskopukmdag", "QRIS di 3 pasar", 2027,
         "80% pedagang memakai QRIS"),
        ("Menerapkan retribusi pasar dan parkir nontunai", "Bapenda", "Retribusi nontunai", 2027,
         "Retribusi nontunai 60%"))),
    ("Kampung UMKM Digital", "5", "Diskopukmdag", 3, ("economy", "Ekosistem industri"),
     "Pendampingan UMKM untuk berjualan daring, sertifikasi halal dan pengemasan, dengan etalase produk kota.", (
        ("Pendampingan UMKM masuk lokapasar", "Diskopukmdag", "UMKM berjualan daring", 2027,
         "1.000 UMKM per tahun"),
        ("Membuka etalase daring produk unggulan Kota Contoh", "Diskominfo", "Etalase daring", 2028,
         "300 produk terdaftar"))),
    ("Contoh Ranah Berbudaya: city branding dan kalender acara", "5", "Dispar", 3,
     ("branding", "Branding pariwisata"),
     "Identitas kota dan kalender acara budaya yang dipromosikan bersama pelaku wisata.", (
        ("Menyusun identitas dan panduan merek kota", "Dispar", "Buku panduan merek", 2027,
         "Merek kota ditetapkan"),
        ("Menerbitkan kalender acara digital tahunan", "Dispar", "Kalender acara", 2028,
         "Kunjungan wisatawan naik 10%"))),
    ("Ekosistem Inovasi Kota Contoh", "10", "BRIDA", 3, ("economy", "Ekosistem industri"),
     "Ruang inovasi bersama kampus dan komunitas startup untuk menguji solusi masalah kota.", (
        ("Menyelenggarakan tantangan inovasi kota bersama kampus", "BRIDA", "Tantangan inovasi tahunan", 2027,
         "10 purwarupa per tahun"),)),
    ("Transportasi Publik Terintegrasi dan ATCS", "10", "Dishub", 4, ("living", "Transportasi / mobilitas"),
     "Pengaturan simpang adaptif dan angkutan kota terjadwal dengan informasi waktu tiba.", (
        ("Memasang ATCS di simpang utama", "Dishub", "ATCS di 12 simpang", 2028, "Waktu tunda turun 20%"),
        ("Uji coba angkutan kota terjadwal dengan informasi daring", "Dishub", "2 koridor percontohan", 2030,
         "Penumpang naik 25%"))),
    ("Bank Sampah Digital dan TPST Terpadu", "5", "DLH", 5, ("environment", "Tata kelola sampah"),
     "Pencatatan bank sampah dan jadwal angkut dalam satu aplikasi; TPST untuk mengurangi beban TPA.", (
        ("Mendigitalkan pencatatan tabungan bank sampah", "DLH", "Aplikasi bank sampah", 2027,
         "120 bank sampah aktif"),
        ("Membangun TPST skala kota", "DLH", "TPST beroperasi", 2029, "Sampah ke TPA turun 30%"))),
    ("PJU Tenaga Surya Cerdas", "10", "Disperkim", 5, ("environment", "Tata kelola energi"),
     "Penggantian lampu jalan dengan lampu tenaga surya yang dipantau dari jarak jauh.", (
        ("Uji coba 300 titik PJU tenaga surya", "Disperkim", "300 titik PJU", 2028, "Tagihan listrik PJU turun"),
        ("Menyiapkan skema KPBU penggantian seluruh PJU", "Bappeda", "Dokumen prastudi KPBU", 2029,
         "Prastudi selesai"))),
    ("Sistem Peringatan Dini Bencana", "10", "BPBD", 5, ("environment", "Proteksi lingkungan"),
     "Sensor curah hujan dan tinggi muka air dengan peringatan otomatis ke warga.", (
        ("Memasang sensor curah hujan dan tinggi muka air", "BPBD", "8 stasiun sensor", 2028,
         "Peringatan 30 menit sebelum banjir"),
        ("Membentuk kelurahan tangguh bencana", "BPBD", "Kelurahan tangguh bencana", 2029,
         "16 kelurahan"))),
)
