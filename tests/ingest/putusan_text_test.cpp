#define BOOST_TEST_MODULE putusan_text
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/putusan_text.h"
#include "support/temp_dir.h"

using namespace berkas;

namespace berkas::core {
inline std::ostream& operator<<(std::ostream& os, ErrorCode c) { return os << to_string(c); }
}  // namespace berkas::core

using V = std::vector<std::string>;

namespace {

core::Precedent parse_file(const std::string& rel) {
  const std::string path = test::source_path(rel);
  const std::string bytes = test::read_file(path);
  BOOST_TEST_REQUIRE(!bytes.empty(), "missing test data " << path);
  auto r = ingest::parse_putusan_text(bytes, rel);
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().describe()));
  return *r;
}

core::Precedent parse(const std::string& text) {
  auto r = ingest::parse_putusan_text(text, "inline.txt");
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().describe()));
  return *r;
}

// A small decision in the usual order; each part can be replaced by a test.
struct Parts {
  std::string head = "PUTUSAN\nNomor 7/Pid.Sus/2025/PN Idm\nDEMI KEADILAN BERDASARKAN KETUHANAN YANG MAHA ESA\n";
  std::string court = "Pengadilan Negeri Indramayu yang mengadili perkara pidana dengan acara pemeriksaan biasa\n";
  std::string identity = "1. Nama lengkap : CONTOH FIKTIF bin REKAAN;\n2. Tempat lahir : Indramayu;\n";
  std::string dakwaan =
      "Menimbang, bahwa Terdakwa didakwa berdasarkan surat dakwaan sebagai berikut:\n"
      "Perbuatan Terdakwa diatur dalam Pasal 2 ayat (1) UU TPPO;\n";
  std::string considerations = "Menimbang, bahwa dakwaan terbukti;\n";
  std::string mengingat = "Mengingat Pasal 2 ayat (1) UU No. 21 Tahun 2007 serta peraturan lain;\n";
  std::string heading = "MENGADILI:\n";
  std::string amar =
      "1. Menyatakan Terdakwa CONTOH FIKTIF bin REKAAN terbukti secara sah dan meyakinkan bersalah "
      "melakukan tindak pidana perdagangan orang;\n"
      "2. Menjatuhkan pidana kepada Terdakwa dengan pidana penjara selama 3 (tiga) tahun dan denda "
      "sejumlah Rp120.000.000,00 (seratus dua puluh juta rupiah);\n"
      "3. Membebankan biaya perkara sejumlah Rp5.000,00;\n";
  std::string closing =
      "Demikian diputuskan dalam rapat permusyawaratan Majelis Hakim Pengadilan Negeri Indramayu, pada "
      "hari Senin, tanggal 3 Maret 2025, oleh kami HAKIM FIKTIF, S.H.\n";

  std::string str() const {
    return head + court + identity + dakwaan + considerations + mengingat + heading + amar + closing;
  }
};

}  // namespace

// ---------------------------------------------------------------- the fictional decisions

BOOST_AUTO_TEST_SUITE(fictional_decisions)

BOOST_AUTO_TEST_CASE(pn_indramayu_kamboja) {
  const auto p = parse_file("tests/data/putusan/fiktif-pn-idm-kamboja.txt");
  BOOST_TEST(p.number == "901/Pid.Sus/2025/PN Idm");
  BOOST_TEST(p.id == "901-pid-sus-2025-pn-idm");
  BOOST_TEST(p.court == "Pengadilan Negeri Indramayu");
  BOOST_TEST(p.date == "2025-03-05");  // pronounced, not deliberated (3 Maret)
  BOOST_TEST(p.defendant == "BUDI FIKTIF bin CONTOH");
  BOOST_TEST(p.provisions_charged == (V{"uu-21-2007/pasal-4", "uu-21-2007/pasal-2/ayat-1"}));
  BOOST_TEST(p.provisions_applied == (V{"uu-21-2007/pasal-4", "uu-21-2007/pasal-48/ayat-1"}));
  BOOST_TEST(p.verdict.rfind("Menyatakan Terdakwa BUDI FIKTIF bin CONTOH tersebut di atas, terbukti", 0) == 0);
  BOOST_TEST(p.verdict.find("dakwaan alternatif Kesatu") != std::string::npos);
  BOOST_TEST(p.prison_months == 66);
  BOOST_TEST(p.fine_rupiah == 200000000);
  BOOST_TEST(p.restitution_rupiah == 75500000);  // 45.5 + 30 million, two victims
  BOOST_TEST(p.sentence_text.rfind("Menjatuhkan pidana kepada Terdakwa", 0) == 0);
  BOOST_TEST(p.sentence_text.find("5 (lima) tahun dan 6 (enam) bulan") != std::string::npos);
  BOOST_TEST(p.fictional);
  BOOST_TEST(p.source_sha256.size() == 64u);
}

BOOST_AUTO_TEST_CASE(pn_jakarta_pusat_myanmar) {
  const auto p = parse_file("tests/data/putusan/fiktif-pn-jkt-pst-myanmar.txt");
  BOOST_TEST(p.number == "912/Pid.Sus/2024/PN.Jkt.Pst");
  BOOST_TEST(p.id == "912-pid-sus-2024-pn-jkt-pst");
  BOOST_TEST(p.court == "Pengadilan Negeri Jakarta Pusat");
  BOOST_TEST(p.date == "2024-05-16");
  BOOST_TEST(p.defendant == "SITI REKAAN binti CONTOH alias MAMI");
  BOOST_TEST(p.provisions_charged ==
             (V{"uu-21-2007/pasal-2/ayat-1", "kuhp-1946/pasal-55/ayat-1", "uu-21-2007/pasal-4"}));
  BOOST_TEST(p.provisions_applied == (V{"uu-21-2007/pasal-2/ayat-1", "kuhp-1946/pasal-55/ayat-1"}));
  BOOST_TEST(p.verdict.find("dakwaan Primair") != std::string::npos);
  BOOST_TEST(p.prison_months == 56);  // "empat tahun dan delapan bulan", in words
  BOOST_TEST(p.fine_rupiah == 120000000);  // "Rp. 120.000.000,-"
  BOOST_TEST(p.restitution_rupiah == 0);   // only mentioned in the considerations
  BOOST_TEST(p.fictional);
}

BOOST_AUTO_TEST_CASE(pt_dki_appeal) {
  const auto p = parse_file("tests/data/putusan/fiktif-pt-dki-banding-myanmar.txt");
  BOOST_TEST(p.number == "945/PID.SUS/2024/PT DKI");
  BOOST_TEST(p.id == "945-pid-sus-2024-pt-dki");
  BOOST_TEST(p.court == "Pengadilan Tinggi DKI Jakarta");
  BOOST_TEST(p.date == "2024-08-20");  // "diucapkan ... pada hari itu juga"
  BOOST_TEST(p.defendant == "SITI REKAAN binti CONTOH alias MAMI");
  BOOST_TEST(p.provisions_charged ==
             (V{"uu-21-2007/pasal-2/ayat-1", "kuhp-1946/pasal-55/ayat-1", "uu-21-2007/pasal-4"}));
  BOOST_TEST(p.provisions_applied ==
             (V{"uu-21-2007/pasal-2/ayat-1", "uu-21-2007/pasal-48", "kuhp-1946/pasal-55/ayat-1"}));
  // The appeal's own ruling, not the quoted first-instance one (56 months, Rp120 million).
  BOOST_TEST(p.prison_months == 72);
  BOOST_TEST(p.fine_rupiah == 200000000);
  BOOST_TEST(p.restitution_rupiah == 20000000);
  BOOST_TEST(p.verdict.find("tersebut di atas telah terbukti") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(demo_pn_with_restitution) {
  const auto p = parse_file("demo/putusan/fiktif-demo-pn-jkt-pst-kamboja.txt");
  BOOST_TEST(p.number == "977/Pid.Sus/2024/PN Jkt.Pst");
  BOOST_TEST(p.court == "Pengadilan Negeri Jakarta Pusat");
  BOOST_TEST(p.date == "2024-10-15");
  BOOST_TEST(p.defendant == "RUDI FIKTIF alias KOKO bin CONTOH");
  BOOST_TEST(p.provisions_charged ==
             (V{"uu-21-2007/pasal-4", "uu-21-2007/pasal-10", "uu-21-2007/pasal-2/ayat-1"}));
  BOOST_TEST(p.provisions_applied ==
             (V{"uu-21-2007/pasal-4", "uu-21-2007/pasal-10", "uu-21-2007/pasal-48"}));
  BOOST_TEST(p.prison_months == 60);
  BOOST_TEST(p.fine_rupiah == 150000000);
  BOOST_TEST(p.restitution_rupiah == 80000000);  // three victims, listed as bullets
  BOOST_TEST(p.fictional);
}

BOOST_AUTO_TEST_CASE(demo_pt_appeal) {
  const auto p = parse_file("demo/putusan/fiktif-demo-pt-dki-kamboja.txt");
  BOOST_TEST(p.number == "988/PID.SUS/2025/PT DKI");
  BOOST_TEST(p.court == "Pengadilan Tinggi DKI Jakarta");
  BOOST_TEST(p.date == "2025-02-04");
  BOOST_TEST(p.defendant == "RUDI FIKTIF alias KOKO bin CONTOH");
  BOOST_TEST(p.provisions_applied == (V{"uu-21-2007/pasal-4", "uu-21-2007/pasal-10"}));
  BOOST_TEST(p.prison_months == 84);
  BOOST_TEST(p.fine_rupiah == 200000000);
  BOOST_TEST(p.restitution_rupiah == 80000000);  // stated total, not total + parts
  BOOST_TEST(p.fictional);
}

BOOST_AUTO_TEST_CASE(every_data_file_is_marked_fictional) {
  for (const char* rel : {"tests/data/putusan/fiktif-pn-idm-kamboja.txt",
                          "tests/data/putusan/fiktif-pn-jkt-pst-myanmar.txt",
                          "tests/data/putusan/fiktif-pt-dki-banding-myanmar.txt",
                          "demo/putusan/fiktif-demo-pn-jkt-pst-kamboja.txt",
                          "demo/putusan/fiktif-demo-pt-dki-kamboja.txt"}) {
    const std::string bytes = test::read_file(test::source_path(rel));
    BOOST_TEST(bytes.rfind("FIKTIF / fictional — not a real decision", 0) == 0, rel);
  }
}

BOOST_AUTO_TEST_CASE(page_furniture_removed_every_word_kept) {
  const auto p = parse_file("tests/data/putusan/fiktif-pn-idm-kamboja.txt");
  for (const char* furniture :
       {"Direktori Putusan", "putusan.mahkamahagung.go.id", "Disclaimer", "kepaniteraan@",
        "Halaman 1 dari", "berusaha untuk selalu mencantumkan", "\f"})
    BOOST_TEST(p.text.find(furniture) == std::string::npos, furniture);
  BOOST_TEST(p.text.find("\nMahkamah Agung Republik Indonesia\n") == std::string::npos);
  // Words split across lines and pages by the layout are whole again, and the body is intact.
  for (const char* words :
       {"PUTUSAN\nNomor 901/Pid.Sus/2025/PN Idm", "Sihanoukville", "BOS REKAAN",
        "PANITERA FIKTIF, S.H.", "dua ratus lima puluh juta rupiah"})
    BOOST_TEST(p.text.find(words) != std::string::npos, words);
  BOOST_TEST(core::squeeze_space(p.text).find("Demikian diputuskan dalam rapat permusyawaratan") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------- variants of each field

BOOST_AUTO_TEST_SUITE(number)

BOOST_AUTO_TEST_CASE(forms) {
  struct Case { const char* head; const char* want; };
  for (const Case& c : std::vector<Case>{
           {"PUTUSAN\nNomor 133/Pid.Sus/2025/PN Idm\n", "133/Pid.Sus/2025/PN Idm"},
           {"PUTUSAN Nomor 133/Pid.Sus/2025/PN Idm\n", "133/Pid.Sus/2025/PN Idm"},
           {"P U T U S A N\nNomor : 12/Pid.Sus/2024/PN.Jkt.Pst\n", "12/Pid.Sus/2024/PN.Jkt.Pst"},
           {"PUTUSAN\nNomor: 12/Pid.Sus/2024/PN Jkt.Pst\nDEMI KEADILAN\n", "12/Pid.Sus/2024/PN Jkt.Pst"},
           {"PUTUSAN\nNomor 45/PID.SUS/2024/PT DKI\n", "45/PID.SUS/2024/PT DKI"},
           {"PUTUSAN\nNomor 1234 K/Pid.Sus/2024\n", "1234 K/Pid.Sus/2024"},
           {"PUTUSAN\nNomor 88 PK/Pid.Sus/2023\n", "88 PK/Pid.Sus/2023"},
           {"PUTUSAN\nNOMOR 5/Pid.B/2024/PN Smg.\n", "5/Pid.B/2024/PN Smg"},
           {"PUTUSAN\nNomor\n77/Pid.Sus/2024/PN Btm\n", "77/Pid.Sus/2024/PN Btm"},
           {"PUTUSAN\nNomor 3/Pid.Sus-TPPO/2024/PN Kpg\n", "3/Pid.Sus-TPPO/2024/PN Kpg"},
       }) {
    Parts d;
    d.head = std::string(c.head) + "DEMI KEADILAN BERDASARKAN KETUHANAN YANG MAHA ESA\n";
    const auto p = parse(d.str());
    BOOST_TEST(p.number == c.want, c.head);
    BOOST_TEST(p.id == core::slugify(c.want));
  }
}

BOOST_AUTO_TEST_CASE(other_nomor_before_the_number_are_skipped) {
  Parts d;
  d.head = "Jalan Fiktif Nomor 7, Nomor telepon 0812\nPUTUSAN\nNomor 9/Pid.Sus/2025/PN Idm\n";
  BOOST_TEST(parse(d.str()).number == "9/Pid.Sus/2025/PN Idm");
}

BOOST_AUTO_TEST_CASE(missing_number_is_invalid_input_with_file_and_line) {
  Parts d;
  d.head = "\n\nPUTUSAN\nNomor tidak terbaca\n";
  const auto r = ingest::parse_putusan_text(d.str(), "perkara/rusak.txt");
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().code == core::ErrorCode::invalid_input);
  BOOST_TEST(r.error().file == "perkara/rusak.txt");
  BOOST_TEST(r.error().line == 3);  // the PUTUSAN heading
  BOOST_TEST(r.error().describe().find("perkara/rusak.txt:3") != std::string::npos);

  const auto empty = ingest::parse_putusan_text("", "kosong.txt");
  BOOST_REQUIRE(!empty);
  BOOST_TEST(empty.error().file == "kosong.txt");
  BOOST_TEST(empty.error().line == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(court_date_defendant)

BOOST_AUTO_TEST_CASE(courts) {
  Parts d;
  d.court = "Pengadilan Tinggi Jawa Barat yang memeriksa dan mengadili perkara pidana dalam tingkat banding\n";
  BOOST_TEST(parse(d.str()).court == "Pengadilan Tinggi Jawa Barat");
  d.court = "PENGADILAN NEGERI KUPANG yang mengadili perkara pidana\n";
  BOOST_TEST(parse(d.str()).court == "Pengadilan Negeri Kupang");
  d.court = "M A H K A M A H   A G U N G\nMAHKAMAH AGUNG memeriksa perkara pidana khusus pada tingkat kasasi\n";
  BOOST_TEST(parse(d.str()).court == "Mahkamah Agung");
  d.court = "Pengadilan Negeri\nJakarta Pusat yang\nmengadili perkara pidana\n";
  BOOST_TEST(parse(d.str()).court == "Pengadilan Negeri Jakarta Pusat");
  d.court = "";  // falls back to the closing formula
  BOOST_TEST(parse(d.str()).court == "Pengadilan Negeri Indramayu");
}

BOOST_AUTO_TEST_CASE(dates) {
  Parts d;
  BOOST_TEST(parse(d.str()).date == "2025-03-03");
  d.closing = "Demikian diputuskan dalam rapat permusyawaratan Majelis Hakim pada hari Senin, tanggal 03 "
              "Maret 2025, oleh kami HAKIM FIKTIF, S.H.\n";
  BOOST_TEST(parse(d.str()).date == "2025-03-03");
  d.closing = "Demikian diputuskan pada hari Senin tanggal 3 Maret 2025 oleh kami, dan diucapkan dalam "
              "sidang terbuka untuk umum pada hari Kamis tanggal 6 Maret 2025 oleh Hakim Ketua\n";
  BOOST_TEST(parse(d.str()).date == "2025-03-06");
  d.closing = "Demikian diputuskan pada hari Senin tanggal 3 Maret 2025 oleh kami, putusan mana "
              "diucapkan dalam sidang terbuka untuk umum pada hari itu juga oleh Hakim Ketua pada "
              "Pengadilan Negeri yang bersidang sejak tanggal 6 Januari 2025\n";
  BOOST_TEST(parse(d.str()).date == "2025-03-03");
  d.closing = "Demikian\ndiputuskan pada hari Selasa tanggal 28 Pebruari 2023 oleh kami\n";
  BOOST_TEST(parse(d.str()).date == "2023-02-28");
  d.closing = "DEMIKIAN DIPUTUSKAN pada hari Rabu tanggal 12 NOPEMBER 2024\n";
  BOOST_TEST(parse(d.str()).date == "2024-11-12");
  d.closing = "Demikian diputuskan pada hari Senin tanggal 31 Februari 2025\n";  // no such day
  BOOST_TEST(parse(d.str()).date.empty());
  d.closing = "Putusan ini diucapkan dalam sidang terbuka untuk umum pada hari Jumat, 7 Juni 2024.\n";
  BOOST_TEST(parse(d.str()).date == "2024-06-07");
  d.closing = "";
  BOOST_TEST(parse(d.str()).date.empty());
}

BOOST_AUTO_TEST_CASE(defendants) {
  Parts d;
  BOOST_TEST(parse(d.str()).defendant == "CONTOH FIKTIF bin REKAAN");
  d.identity = "Nama Lengkap      :   ANI REKAAN binti CONTOH ;\n";
  BOOST_TEST(parse(d.str()).defendant == "ANI REKAAN binti CONTOH");
  d.identity = "1. Nama lengkap : ANI REKAAN; 2. Tempat lahir : Kupang;\n";
  BOOST_TEST(parse(d.str()).defendant == "ANI REKAAN");
  d.identity = "dalam perkara Terdakwa : JOKO CONTOH alias JO bin FIKTIF, umur 30 tahun\n";
  BOOST_TEST(parse(d.str()).defendant == "JOKO CONTOH alias JO bin FIKTIF");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(provisions)

BOOST_AUTO_TEST_CASE(charged_from_dakwaan_only) {
  Parts d;
  d.head += "Setelah mendengar tuntutan yang menyatakan Terdakwa melanggar Pasal 4 UU TPPO;\n";
  d.dakwaan = "Menimbang, bahwa Terdakwa didakwa oleh Penuntut Umum dengan dakwaan sebagai berikut:\n"
              "KESATU: Pasal 4 jo.\nPasal 10 UU\nNo. 21 Tahun 2007; ATAU KEDUA: Pasal 2 ayat (1) UU "
              "TPPO jo. Pasal 55 ayat (1) ke-1 KUHP;\n";
  d.considerations = "Menimbang, bahwa menurut Pasal 184 KUHAP alat bukti yang sah ...;\n";
  const auto p = parse(d.str());
  BOOST_TEST(p.provisions_charged == (V{"uu-21-2007/pasal-4", "uu-21-2007/pasal-10",
                                        "uu-21-2007/pasal-2/ayat-1", "kuhp-1946/pasal-55/ayat-1"}));
  BOOST_TEST(p.provisions_applied == V{"uu-21-2007/pasal-2/ayat-1"});
}

BOOST_AUTO_TEST_CASE(dakwaan_heading_and_fallback_to_tuntutan) {
  Parts d;
  d.dakwaan = "DAKWAAN\nPasal 2 ayat (1) dan ayat (2) UU TPPO\nMenimbang, bahwa ...;\n";
  BOOST_TEST(parse(d.str()).provisions_charged ==
             (V{"uu-21-2007/pasal-2/ayat-1", "uu-21-2007/pasal-2/ayat-2"}));
  d.dakwaan = "Setelah mendengar tuntutan pidana Penuntut Umum: Terdakwa melanggar Pasal 6 UU TPPO;\n";
  BOOST_TEST(parse(d.str()).provisions_charged == V{"uu-21-2007/pasal-6"});
}

BOOST_AUTO_TEST_CASE(applied_from_memperhatikan_before_the_ruling) {
  Parts d;
  d.mengingat = "Memperhatikan, Pasal 4 jo. Pasal 48 ayat (1) Undang-Undang Nomor 21 Tahun 2007 dan "
                "Undang-Undang Nomor 8 Tahun 1981 serta peraturan lain yang bersangkutan;\n";
  d.heading = "M E N G A D I L I :\n";
  BOOST_TEST(parse(d.str()).provisions_applied ==
             (V{"uu-21-2007/pasal-4", "uu-21-2007/pasal-48/ayat-1"}));
  d.mengingat = "Mengingat Pasal 455 ayat (1) UU Nomor 1 Tahun 2023;\n";
  BOOST_TEST(parse(d.str()).provisions_applied == V{"uu-1-2023/pasal-455/ayat-1"});
  d.heading = "Mengadili :\n";
  BOOST_TEST(parse(d.str()).provisions_applied == V{"uu-1-2023/pasal-455/ayat-1"});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sentence)

namespace {
core::Precedent with_sentence(const std::string& point2) {
  Parts d;
  d.amar = "1. Menyatakan Terdakwa CONTOH FIKTIF terbukti bersalah;\n2. " + point2 +
           "\n3. Menetapkan Terdakwa tetap ditahan;\n";
  return parse(d.str());
}
}  // namespace

BOOST_AUTO_TEST_CASE(prison_terms) {
  struct Case { const char* text; int months; };
  for (const Case& c : std::vector<Case>{
           {"Menjatuhkan pidana penjara selama 5 (lima) tahun dan 6 (enam) bulan;", 66},
           {"Menjatuhkan pidana penjara selama 1 (satu) tahun 6 (enam) bulan;", 18},
           {"Menjatuhkan pidana penjara selama empat tahun dan delapan bulan;", 56},
           {"Menjatuhkan pidana penjara selama lima belas tahun;", 180},
           {"Menjatuhkan pidana penjara selama 10 (sepuluh) bulan;", 10},
           {"Menjatuhkan pidana penjara selama 3 (tiga) tahun dan denda Rp120.000.000,00 "
            "subsidair pidana kurungan selama 6 (enam) bulan;", 36},
           {"Menjatuhkan pidana kepada Terdakwa oleh karena itu dengan pidana penjara\nselama 7 "
            "(tujuh)\ntahun;", 84},
           {"Menjatuhkan pidana penjara selama 2 (dua) tahun 3 (tiga) bulan dan 15 (lima belas) hari;", 27},
           {"Menjatuhkan pidana denda sejumlah Rp120.000.000,00;", 0},
           {"Menjatuhkan pidana penjara selama sembilan ratus juta tahun;", 0},
       }) {
    BOOST_TEST(with_sentence(c.text).prison_months == c.months, c.text);
  }
}

BOOST_AUTO_TEST_CASE(fines) {
  struct Case { const char* text; std::int64_t rupiah; };
  for (const Case& c : std::vector<Case>{
           {"Menjatuhkan pidana penjara selama 5 (lima) tahun dan denda sejumlah "
            "Rp200.000.000,00 (dua ratus juta rupiah);", 200000000},
           {"Menjatuhkan pidana penjara selama 5 tahun dan denda sebesar Rp. 120.000.000,- "
            "(seratus dua puluh juta rupiah);", 120000000},
           {"Menjatuhkan pidana penjara selama 5 tahun dan denda Rp 150.000.000,00;", 150000000},
           {"Menjatuhkan pidana penjara selama 5 tahun dan denda sebesar Rp120 juta;", 120000000},
           {"Menjatuhkan pidana penjara selama 5 tahun;", 0},
           {"Menjatuhkan pidana penjara selama 5 tahun dan denda Rp999999999999999 miliar;", 0},
       }) {
    BOOST_TEST(with_sentence(c.text).fine_rupiah == c.rupiah, c.text);
  }
}

BOOST_AUTO_TEST_CASE(sentence_text_and_verdict_as_written) {
  const auto p = with_sentence("Menjatuhkan pidana kepada Terdakwa dengan pidana penjara selama 3\n"
                               "(tiga) tahun dan denda sejumlah Rp120.000.000,00;");
  BOOST_TEST(p.sentence_text ==
             "Menjatuhkan pidana kepada Terdakwa dengan pidana penjara selama 3 (tiga) tahun dan denda "
             "sejumlah Rp120.000.000,00");
  BOOST_TEST(p.verdict == "Menyatakan Terdakwa CONTOH FIKTIF terbukti bersalah");
}

BOOST_AUTO_TEST_CASE(restitution_variants) {
  struct Case { const char* point3; std::int64_t rupiah; };
  for (const Case& c : std::vector<Case>{
           {"3. Menghukum Terdakwa membayar restitusi kepada Korban sejumlah Rp50.000.000,00;", 50000000},
           {"3. Membebankan restitusi kepada Terdakwa sebesar Rp. 12.500.000,- kepada Saksi A dan "
            "Rp7.500.000,- kepada Saksi B;", 20000000},
           {"3. Menghukum Terdakwa membayar restitusi kepada: - Saksi A sejumlah Rp10.000.000,00; - "
            "Saksi B sejumlah Rp5.000.000,00; dengan ketentuan apabila tidak dibayar diganti "
            "kurungan 3 bulan;", 15000000},
           {"3. Menghukum Terdakwa membayar restitusi kepada Saksi A Rp10.000.000,00 dan Saksi B "
            "Rp5.000.000,00, dengan total sejumlah Rp15.000.000,00;", 15000000},
           {"3. Menghukum Terdakwa membayar restitusi kepada Korban A sejumlah Rp10.000.000,00;\n"
            "4. Menghukum Terdakwa membayar restitusi kepada Korban B sejumlah Rp4.000.000,00;", 14000000},
           {"3. Menetapkan Terdakwa tetap ditahan;", 0},
       }) {
    Parts d;
    d.amar = "1. Menyatakan Terdakwa CONTOH bersalah;\n2. Menjatuhkan pidana penjara selama 3 tahun;\n" +
             std::string(c.point3) + "\n9. Membebankan biaya perkara sejumlah Rp5.000,00;\n";
    BOOST_TEST(parse(d.str()).restitution_rupiah == c.rupiah, c.point3);
  }
}

// Prison terms as OCR text writes them (issue 12: "3(tiga) tahun" and "1 (satu) T ahun dan
// 4 (empat) Bulan" read as 0). FIKTIF sentences in the published forms.
BOOST_AUTO_TEST_CASE(prison_terms_split_or_glued_by_ocr) {
  struct Case {
    const char* point;
    int months;
  };
  for (const auto& c : std::vector<Case>{
           {"2. Menjatuhkan pidana penjara selama 3(tiga) tahun;", 36},
           {"2. Menjatuhkan pidana penjara selama 1 (satu) T ahun dan 4 (empat) Bulan;", 16},
           {"2. Menjatuhkan pidana penjara sel ama 5 (lima) tahun dan denda Rp100.000.000,00;", 60},
           {"2. Menjatuhkan pidana penjara selama 15(lima belas)tahun;", 180},
           {"2. Menjatuhkan pidana pen jara selama 2 (dua) tahun 6 (enam) bul an;", 30},
           // Not a split keyword: "se lama" is left alone when it does not spell one exactly.
           {"2. Menjatuhkan pidana penjara selama-lamanya;", 0},
       }) {
    Parts d;
    d.amar = "1. Menyatakan Terdakwa CONTOH bersalah;\n" + std::string(c.point) + "\n3. Membebankan biaya perkara sejumlah Rp5.000,00;\n";
    BOOST_TEST(parse(d.str()).prison_months == c.months, c.point);
  }
}

// The identity list squeezed onto one line, or labelled "Nama Terdakwa" (FIKTIF).
BOOST_AUTO_TEST_CASE(defendant_name_ends_at_the_next_numbered_field) {
  Parts d;
  d.identity = "1. Nama lengkap : CONTOH FIKTIF bin REKAAN 2. Tempat lahir : Indramayu; 3. Umur : 30 tahun\n";
  BOOST_TEST(parse(d.str()).defendant == "CONTOH FIKTIF bin REKAAN");
  d.identity = "1. Nama lengkap : REKAAN. 2. Tempat Lahir : Indramayu. 3. Umur : 30 tahun\n";
  BOOST_TEST(parse(d.str()).defendant == "REKAAN");
  d.identity = "1. Nama Terdakwa : SITI FIKTIF binti CONTOH\n2. Tempat lahir : Indramayu\n";
  BOOST_TEST(parse(d.str()).defendant == "SITI FIKTIF binti CONTOH");
  // A number inside a name that is not a field ("RT 02") stays.
  d.identity = "1. Nama lengkap : CONTOH als. BUDI 2 FIKTIF\n2. Tempat lahir : Indramayu\n";
  BOOST_TEST(parse(d.str()).defendant == "CONTOH als. BUDI 2 FIKTIF");
}

// The court's name as OCR splits it, and without its class (FIKTIF headings).
BOOST_AUTO_TEST_CASE(court_name_mended_and_without_its_class) {
  Parts d;
  d.court = "Pengadilan Negeri T anjung Karang yang mengadili perkara pidana dengan acara pemeriksaan biasa\n";
  BOOST_TEST(parse(d.str()).court == "Pengadilan Negeri Tanjung Karang");
  d.court = "Pengadilan Negeri Padang Kelas I A yang mengadili perkara pidana dengan acara pemeriksaan biasa\n";
  BOOST_TEST(parse(d.str()).court == "Pengadilan Negeri Padang");
  d.court = "Pengadilan Negeri Jambi Kelas IA Khusus yang mengadili perkara pidana\n";
  BOOST_TEST(parse(d.str()).court == "Pengadilan Negeri Jambi");
}

BOOST_AUTO_TEST_CASE(appeal_that_only_affirms) {
  Parts d;
  d.amar = "1. Menyatakan Terdakwa X bersalah;\n2. Menjatuhkan pidana penjara selama 4 (empat) tahun dan "
           "denda Rp120.000.000,00;\n";
  d.heading = "MENGADILI:\n";
  d.mengingat = "Menimbang, bahwa Pengadilan Negeri telah memutus yang amarnya: MENGADILI: " + d.amar +
                "Menimbang, bahwa Pengadilan Tinggi sependapat;\nMengingat Pasal 2 UU TPPO;\n";
  d.amar = "- Menerima permintaan banding dari Penuntut Umum;\n- Menguatkan putusan Pengadilan Negeri "
           "Indramayu Nomor 7/Pid.Sus/2025/PN Idm yang dimintakan banding tersebut;\n";
  const auto p = parse(d.str());
  BOOST_TEST(p.verdict.rfind("Menguatkan putusan Pengadilan Negeri Indramayu", 0) == 0);
  BOOST_TEST(p.prison_months == 48);
  BOOST_TEST(p.fine_rupiah == 120000000);
  BOOST_TEST(p.provisions_applied == V{"uu-21-2007/pasal-2"});
}

BOOST_AUTO_TEST_CASE(cassation_rejected) {
  Parts d;
  d.head = "PUTUSAN\nNomor 1234 K/Pid.Sus/2024\n";
  d.court = "MAHKAMAH AGUNG memeriksa perkara pidana khusus pada tingkat kasasi\n";
  d.amar = "Menolak permohonan kasasi dari Pemohon Kasasi/Terdakwa CONTOH FIKTIF tersebut;\n"
           "Membebankan biaya perkara sejumlah Rp2.500,00;\n";
  const auto p = parse(d.str());
  BOOST_TEST(p.court == "Mahkamah Agung");
  BOOST_TEST(p.verdict == "Menolak permohonan kasasi dari Pemohon Kasasi/Terdakwa CONTOH FIKTIF tersebut");
  BOOST_TEST(p.prison_months == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cleaning)

BOOST_AUTO_TEST_CASE(hyphenation) {
  Parts d;
  d.considerations = "Menimbang, bahwa perbuatan Terdakwa melanggar ketentuan tentang pem-\nberantasan "
                     "perdagangan orang, anak-\nanak menjadi korban, berkali-\nkali dikirim melalui "
                     "Soekarno-\nHatta menurut Undang-\nUndang;\n";
  const auto p = parse(d.str());
  BOOST_TEST(p.text.find("pemberantasan perdagangan") != std::string::npos);
  BOOST_TEST(p.text.find("anak-anak menjadi") != std::string::npos);
  BOOST_TEST(p.text.find("berkali-kali dikirim") != std::string::npos);
  BOOST_TEST(p.text.find("Soekarno-Hatta menurut") != std::string::npos);
  BOOST_TEST(p.text.find("Undang-Undang;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(furniture_between_parts_of_a_citation) {
  Parts d;
  d.mengingat =
      "Mengingat Pasal 2 ayat (1)\n\f"
      "Disclaimer\nKepaniteraan Mahkamah Agung Republik Indonesia berusaha untuk selalu mencantumkan informasi paling kini dan akurat\n"
      "Email : kepaniteraan@mahkamahagung.go.id Telp : 021-384 3348 (ext.318) Halaman 4\n"
      "Halaman 4 dari 9 Putusan Nomor 7/Pid.Sus/2025/PN Idm\n"
      "\fDirektori Putusan Mahkamah Agung Republik Indonesia\nputusan.mahkamahagung.go.id\n"
      "Mahkamah Agung Republik Indonesia\n"
      "Undang-Undang Nomor 21 Tahun 2007;\n";
  const auto p = parse(d.str());
  BOOST_TEST(p.provisions_applied == V{"uu-21-2007/pasal-2/ayat-1"});
  BOOST_TEST(p.text.find("Mengingat Pasal 2 ayat (1)\nUndang-Undang Nomor 21 Tahun 2007;") != std::string::npos);
  BOOST_TEST(p.text.find("Halaman") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(spacing_and_nbsp) {
  Parts d;
  d.head = "PUTUSAN\r\nNomor\xC2\xA0 7/Pid.Sus/2025/PN  Idm\r\n";
  d.mengingat = "Mengingat\tPasal\xC2\xA0" "2  ayat(1)   UU\xC2\xA0TPPO;\n";
  const auto p = parse(d.str());
  BOOST_TEST(p.number == "7/Pid.Sus/2025/PN Idm");
  BOOST_TEST(p.provisions_applied == V{"uu-21-2007/pasal-2/ayat-1"});
  BOOST_TEST(p.text.find('\r') == std::string::npos);
  BOOST_TEST(p.text.find("  ") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_decision_that_quotes_the_disclaimer_words_keeps_its_own) {
  Parts d;
  d.considerations = "Menimbang, bahwa Mahkamah Agung\nMenimbang, bahwa halaman 3 BAP memuat keterangan;\n";
  const auto p = parse(d.str());
  BOOST_TEST(p.text.find("Menimbang, bahwa Mahkamah Agung\n") != std::string::npos);
  BOOST_TEST(p.text.find("halaman 3 BAP") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hostile)

BOOST_AUTO_TEST_CASE(binary_garbage_is_rejected) {
  std::mt19937 gen(7);
  std::string g(1u << 20, '\0');
  for (auto& c : g) c = static_cast<char>(gen() & 0xFF);
  const auto r = ingest::parse_putusan_text(g, "sampah.bin");
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().code == core::ErrorCode::invalid_input);
  BOOST_TEST(r.error().file == "sampah.bin");
}

BOOST_AUTO_TEST_CASE(huge_decision_parses_in_linear_time) {
  Parts d;
  std::string filler;
  while (filler.size() < (8u << 20))
    filler += "Menimbang, bahwa Pasal Pasal 2 ayat ( Nomor / Rp. restitusi MENGADILI Mengingat "
              "diucapkan 3 Maret - \n";
  d.considerations = filler;
  const auto t0 = std::chrono::steady_clock::now();
  const auto p = parse(d.str());
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  BOOST_TEST(p.number == "7/Pid.Sus/2025/PN Idm");
  BOOST_TEST(s < 30.0);
}

BOOST_AUTO_TEST_CASE(many_nomor_without_a_number) {
  std::string t = "PUTUSAN\n";
  while (t.size() < (4u << 20)) t += "Nomor 1/ Nomor 12/Pid/ Nomor : ";
  const auto r = ingest::parse_putusan_text(t, "x.txt");
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().line == 1);
}

BOOST_AUTO_TEST_CASE(many_markers_without_their_partners) {
  // Each "didakwa" looks for "sebagai berikut" only nearby; each "Demikian diputuskan" for a
  // date only nearby: a text full of them must not turn quadratic.
  Parts d;
  std::string filler;
  while (filler.size() < (4u << 20)) filler += "Terdakwa didakwa demikian diputuskan diucapkan restitusi Rp ";
  d.dakwaan = filler + "\n";
  d.amar = filler + "\n";
  const auto t0 = std::chrono::steady_clock::now();
  const auto p = parse(d.str());
  BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 30.0);
  BOOST_TEST(p.number == "7/Pid.Sus/2025/PN Idm");
  BOOST_TEST(p.restitution_rupiah == 0);
}

BOOST_AUTO_TEST_CASE(truncated_decision) {
  // Cut off after the number: everything else is simply missing.
  const auto p = parse("PUTUSAN\nNomor 7/Pid.Sus/2025/PN Idm\n");
  BOOST_TEST(p.number == "7/Pid.Sus/2025/PN Idm");
  BOOST_TEST(p.court.empty());
  BOOST_TEST(p.date.empty());
  BOOST_TEST(p.verdict.empty());
  BOOST_TEST(p.prison_months == 0);
  BOOST_TEST(!p.fictional);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------- outcomes per defendant
// Fictional rulings (FIKTIF), each written the way real rulings put it; the real decisions'
// outcomes are checked in ingest_test (real_decision_outcomes).

namespace {

core::Precedent with_amar(const std::string& amar, const std::string& heading = "MENGADILI:\n",
                          const std::string& demand = "") {
  Parts d;
  d.heading = heading;
  d.amar = amar;
  d.considerations = demand + d.considerations;
  return parse(d.str());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outcomes)

BOOST_AUTO_TEST_CASE(guilty_with_term_fine_and_its_substitute) {
  const auto p = with_amar(
      "1. Menyatakan Terdakwa CONTOH FIKTIF bin REKAAN tersebut di atas, terbukti secara sah dan meyakinkan bersalah "
      "melakukan tindak pidana perdagangan orang sebagaimana dalam dakwaan alternatif Kesatu Penuntut Umum;\n"
      "2. Menjatuhkan pidana kepada Terdakwa oleh karena itu dengan pidana penjara selama 1 (satu) T ahun dan 4 "
      "(empat) Bulan dan 15 (lima belas) hari dan denda sejumlah Rp100.000.000,00 (seratus juta rupiah) dengan "
      "ketentuan apabila denda tersebut tidak dibayar diganti dengan pidana kurungan selama 3 (tiga) bulan;\n"
      "3. Membebankan kepada Terdakwa membayar biaya perkara sejumlah Rp5.000,00;\n");
  BOOST_TEST_REQUIRE(p.outcomes.size() == 1u);
  const auto& o = p.outcomes[0];
  BOOST_TEST(o.defendant == "CONTOH FIKTIF bin REKAAN");
  BOOST_TEST(core::code_of(o.outcome) == std::string("bersalah"));
  BOOST_TEST(o.count == "dakwaan alternatif kesatu");
  BOOST_TEST((o.sentence.prison == core::Term{1, 4, 15}));
  BOOST_TEST(o.sentence.fine_rupiah == 100000000);
  BOOST_TEST((o.sentence.fine_substitute == core::Term{0, 3, 0}));
  BOOST_TEST(o.sentence.restitution_rupiah == 0);  // the costs are not restitution
  BOOST_TEST(!o.demand.has_value());
  BOOST_TEST(p.prison_months == 16);
  BOOST_TEST(p.ruling_kind == "putusan");
}

BOOST_AUTO_TEST_CASE(acquitted_of_every_count) {
  const auto p = with_amar(
      "1. Menyatakan Terdakwa CONTOH FIKTIF bin REKAAN tidak terbukti secara sah dan meyakinkan bersalah melakukan "
      "tindak pidana sebagaimana didakwakan dalam dakwaan kesatu;\n"
      "2. Membebaskan Terdakwa oleh karena itu dari segala dakwaan Penuntut Umum;\n"
      "3. Memulihkan hak-hak Terdakwa dalam kemampuan, kedudukan, harkat serta martabatnya;\n"
      "4. Membebankan biaya perkara kepada Negara;\n");
  BOOST_TEST_REQUIRE(p.outcomes.size() == 1u);
  BOOST_TEST(core::code_of(p.outcomes[0].outcome) == std::string("bebas"));
  BOOST_TEST(p.outcomes[0].count.empty());
  BOOST_TEST(p.outcomes[0].counts_not_proven == "dakwaan kesatu");
  BOOST_TEST(p.outcomes[0].sentence.empty());
  BOOST_TEST(p.prison_months == 0);
}

BOOST_AUTO_TEST_CASE(released_from_prosecution) {
  const auto p = with_amar(
      "1. Menyatakan Terdakwa CONTOH FIKTIF bin REKAAN terbukti melakukan perbuatan yang didakwakan kepadanya, "
      "akan tetapi perbuatan itu tidak merupakan suatu tindak pidana;\n"
      "2. Melepaskan Terdakwa oleh karena itu dari segala tuntutan hukum;\n"
      "3. Memulihkan hak-hak Terdakwa;\n");
  BOOST_TEST_REQUIRE(p.outcomes.size() == 1u);
  BOOST_TEST(core::code_of(p.outcomes[0].outcome) == std::string("lepas"));
}

// A court order: the defendant died, the prosecution lapses; dated by "Ditetapkan di".
BOOST_AUTO_TEST_CASE(prosecution_lapsed_by_a_court_order) {
  Parts d;
  d.heading = "MENETAPKAN:\n";
  d.amar = "1. Menyatakan penuntutan terhadap Terdakwa CONTOH FIKTIF bin REKAAN gugur karena Terdakwa meninggal dunia;\n"
           "2. Memerintahkan Penuntut Umum untuk mengembalikan barang bukti;\n";
  d.closing = "Ditetapkan di Indramayu, pada tanggal 14 Juli 2025\nHakim Ketua, HAKIM FIKTIF\n";
  const auto p = parse(d.str());
  BOOST_TEST(p.ruling_kind == "penetapan");
  BOOST_TEST(p.date == "2025-07-14");
  BOOST_TEST(p.pronounced == "2025-07-14");
  BOOST_TEST_REQUIRE(p.outcomes.size() == 1u);
  BOOST_TEST(core::code_of(p.outcomes[0].outcome) == std::string("gugur"));
}

// The ruling opens with the restitution order, jointly on both defendants and itemised per
// victim; then the verdict; then a sentence for each. Regression: the verdict was lost when the
// first statement was the restitution order, and a joint restitution was counted twice.
BOOST_AUTO_TEST_CASE(joint_restitution_first_then_one_sentence_each) {
  const auto p = with_amar(
      "1. Menghukum Para Terdakwa secara tanggung renteng untuk membayar restitusi kepada Saksi Korban A "
      "sebesar Rp10.000.000,00 (sepuluh juta rupiah) dan kepada Saksi Korban B sebesar Rp15.500.000,00, "
      "sehingga seluruhnya berjumlah Rp25.500.000,00, dengan ketentuan apabila tidak dibayar diganti dengan "
      "pidana kurungan selama 2 (dua) bulan;\n"
      "2. Menyatakan Terdakwa I CONTOH FIKTIF bin REKAAN dan Terdakwa II RIA KHAYALAN binti UJI tersebut di atas, "
      "terbukti secara sah dan meyakinkan bersalah melakukan tindak pidana perdagangan orang sebagaimana dalam "
      "dakwaan kesatu Penuntut Umum;\n"
      "3. Menjatuhkan pidana kepada Terdakwa I CONTOH FIKTIF bin REKAAN dengan pidana penjara selama 4 (empat) tahun "
      "dan denda sejumlah Rp100.000.000,00 subsidair 3 (tiga) bulan kurungan;\n"
      "4. Menjatuhkan pidana kepada Terdakwa II RIA KHAYALAN binti UJI dengan pidana penjara selama 3 (tiga) tahun "
      "dan 6 (enam) bulan dan denda sejumlah Rp80.000.000,00 subsidair 2 (dua) bulan kurungan;\n");
  BOOST_TEST_REQUIRE(p.outcomes.size() == 2u);
  BOOST_TEST(p.outcomes[0].defendant == "Terdakwa I CONTOH FIKTIF bin REKAAN");
  BOOST_TEST(p.outcomes[1].defendant == "Terdakwa II RIA KHAYALAN binti UJI");
  for (const auto& o : p.outcomes) {
    BOOST_TEST(core::code_of(o.outcome) == std::string("bersalah"));
    BOOST_TEST(o.count == "dakwaan kesatu");
    BOOST_TEST(o.sentence.restitution_rupiah == 25500000);
    BOOST_TEST(o.sentence.restitution_joint);
    BOOST_TEST((o.sentence.restitution_per_victim == std::vector<std::int64_t>{10000000, 15500000}));
    BOOST_TEST((o.sentence.restitution_substitute == core::Term{0, 2, 0}));
  }
  BOOST_TEST((p.outcomes[0].sentence.prison == core::Term{4, 0, 0}));
  BOOST_TEST(p.outcomes[0].sentence.fine_rupiah == 100000000);
  BOOST_TEST((p.outcomes[1].sentence.prison == core::Term{3, 6, 0}));
  BOOST_TEST(p.outcomes[1].sentence.fine_rupiah == 80000000);
  BOOST_TEST((p.outcomes[1].sentence.fine_substitute == core::Term{0, 2, 0}));
  BOOST_TEST(p.restitution_rupiah == 25500000);  // once, not once per defendant
  BOOST_TEST(p.prison_months == 48);
}

// Co-defendants with different outcomes: one convicted on the subsidiary count after the
// primary one is declared not proven, the other acquitted.
BOOST_AUTO_TEST_CASE(one_convicted_on_the_subsidiary_count_one_acquitted) {
  const auto p = with_amar(
      "1. Menyatakan Terdakwa I CONTOH FIKTIF dan Terdakwa II RIA KHAYALAN tidak terbukti secara sah dan meyakinkan "
      "bersalah melakukan tindak pidana sebagaimana didakwakan dalam dakwaan primair;\n"
      "2. Membebaskan Terdakwa I CONTOH FIKTIF dan Terdakwa II RIA KHAYALAN dari dakwaan primair tersebut;\n"
      "3. Menyatakan Terdakwa I CONTOH FIKTIF terbukti secara sah dan meyakinkan bersalah melakukan tindak pidana "
      "sebagaimana dalam dakwaan subsidair;\n"
      "4. Menjatuhkan pidana kepada Terdakwa I CONTOH FIKTIF oleh karena itu dengan pidana penjara selama 2 (dua) "
      "tahun;\n"
      "5. Menyatakan Terdakwa II RIA KHAYALAN tidak terbukti secara sah dan meyakinkan bersalah melakukan tindak "
      "pidana sebagaimana dalam dakwaan subsidair;\n"
      "6. Membebaskan Terdakwa II RIA KHAYALAN oleh karena itu dari dakwaan tersebut;\n");
  BOOST_TEST_REQUIRE(p.outcomes.size() == 2u);
  BOOST_TEST(core::code_of(p.outcomes[0].outcome) == std::string("bersalah"));
  BOOST_TEST(p.outcomes[0].count == "dakwaan subsidair");
  BOOST_TEST(p.outcomes[0].counts_not_proven == "dakwaan primair");
  BOOST_TEST((p.outcomes[0].sentence.prison == core::Term{2, 0, 0}));
  BOOST_TEST(core::code_of(p.outcomes[1].outcome) == std::string("bebas"));
  BOOST_TEST(p.outcomes[1].counts_not_proven == "dakwaan primair; dakwaan subsidair");
  BOOST_TEST(p.outcomes[1].sentence.prison.empty());
}

// The demand, kept apart from the sentence; the fine's substitute in the 2026 wording, where
// the first period is the time to pay and the substitute follows "pengganti denda selama".
BOOST_AUTO_TEST_CASE(demand_kept_apart_from_the_sentence) {
  const auto p = with_amar(
      "1. Menyatakan Terdakwa CONTOH FIKTIF bin REKAAN terbukti secara sah dan meyakinkan bersalah melakukan tindak "
      "pidana perdagangan orang sebagaimana dakwaan kesatu;\n"
      "2. Menjatuhkan pidana kepada Terdakwa dengan pidana penjara selama 5 (lima) tahun;\n",
      "MENGADILI:\n",
      "Setelah mendengar pembacaan tuntutan pidana yang diajukan oleh Penuntut Umum yang pada pokoknya sebagai "
      "berikut:\n1. Menyatakan Terdakwa CONTOH FIKTIF bin REKAAN telah terbukti bersalah melakukan tindak pidana "
      "sebagaimana dakwaan kesatu;\n2. Menjatuhkan pidana terhadap Terdakwa dengan pidana penjara selama 8 "
      "(delapan) tahun dan pidana denda sebesar Rp 1.000.000.000.- (satu miliar rupiah), dengan ketentuan apabila "
      "dalam waktu 1 (satu) bulan pidana denda tidak dibayar, maka harta kekayaan Terdakwa disita, dan apabila "
      "tidak cukup diganti dengan pidana penjara pengganti denda selama 190 (seratus sembilan puluh) hari;\n"
      "3. Memerintahkan Terdakwa membayar Restitusi sebesar Rp47.000.000,- dengan ketentuan apabila tidak dibayar "
      "diganti dengan pidana kurungan pengganti selama 1 (satu) tahun;\n"
      "Setelah mendengar pembelaan Terdakwa;\n");
  BOOST_TEST_REQUIRE(p.outcomes.size() == 1u);
  const auto& o = p.outcomes[0];
  BOOST_TEST((o.sentence.prison == core::Term{5, 0, 0}));
  BOOST_TEST(o.sentence.fine_rupiah == 0);
  BOOST_TEST_REQUIRE(o.demand.has_value());
  BOOST_TEST((o.demand->prison == core::Term{8, 0, 0}));
  BOOST_TEST(o.demand->fine_rupiah == 1000000000);
  BOOST_TEST((o.demand->fine_substitute == core::Term{0, 0, 190}));
  BOOST_TEST(o.demand->restitution_rupiah == 47000000);
  BOOST_TEST((o.demand->restitution_substitute == core::Term{1, 0, 0}));
  BOOST_TEST(p.restitution_rupiah == 0);  // asked for, not ordered
}

// Hostile: a ruling of a hundred thousand points, each naming defendants and amounts, must be
// read in linear time (every search is bounded by its point).
BOOST_AUTO_TEST_CASE(a_ruling_of_many_points_is_read_in_linear_time) {
  std::string amar;
  while (amar.size() < (4u << 20))
    amar += "1. Menyatakan Terdakwa II bersalah dakwaan kesatu; 2. Menghukum Terdakwa I membayar restitusi Rp1.000 ";
  const auto t0 = std::chrono::steady_clock::now();
  const auto p = with_amar(amar);
  BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 30.0);
  BOOST_TEST(p.outcomes.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
