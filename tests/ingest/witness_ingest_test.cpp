// tests/ingest: witness-file input — <perlindungan> and <restitusi> (valid files, every
// rejection with file:line, rupiah amounts, totals), companions and the contact rule on <orang>,
// <tentang> on evidence items, and hostile XML under the new roots.
#define BOOST_TEST_MODULE witness_ingest
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>

#include "ingest/ingest.h"
#include "support/temp_dir.h"

namespace berkas::core {
inline std::ostream& operator<<(std::ostream& o, ErrorCode v) { return o << to_string(v); }
inline std::ostream& operator<<(std::ostream& o, ProtectionKind v) { return o << code_of(v); }
inline std::ostream& operator<<(std::ostream& o, MeasureStatus v) { return o << code_of(v); }
inline std::ostream& operator<<(std::ostream& o, ClaimStatus v) { return o << code_of(v); }
inline std::ostream& operator<<(std::ostream& o, RestitutionHead v) { return o << code_of(v); }
}  // namespace berkas::core

using berkas::core::ErrorCode;
using berkas::ingest::Parsed;
using berkas::ingest::parse_file;
using berkas::ingest::parse_rupiah;
using berkas::test::source_path;
using berkas::test::TempDir;
namespace core = berkas::core;

namespace {

const std::string k_schemas = source_path("schemas");

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const char* k_head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- FIKTIF / fictional — test data -->\n";

// Line 3 is the root element; the children follow one per line.
std::string protection(const std::string& body, const std::string& attrs = {}) {
  return std::string(k_head) + "<perlindungan id=\"lindung-uji\" orang=\"org-uji\" perkara=\"perkara-uji\" fiktif=\"ya\"" +
         attrs + ">\n" + body + "</perlindungan>\n";
}

std::string restitution(const std::string& body) {
  return std::string(k_head) + "<restitusi id=\"restitusi-uji\" orang=\"org-uji\" perkara=\"perkara-uji\" fiktif=\"ya\">\n" +
         body + "</restitusi>\n";
}

std::string entry(const char* head, const std::string& amount, const std::string& evidence = {}) {
  return std::string("  <rincian jenis=\"") + head + "\">\n    <uraian>Uraian uji</uraian>\n    <jumlah>" + amount +
         "</jumlah>\n" + evidence + "  </rincian>\n";
}

// Parses `xml` written to a file; returns the error, failing the test if it parsed.
berkas::core::Error rejected(const TempDir& dir, const std::string& xml, const std::string& reason, int line = 0) {
  const std::string path = dir.write("uji.xml", xml);
  auto r = parse_file(path, k_schemas);
  BOOST_REQUIRE_MESSAGE(!r, "should be rejected: " << reason);
  const auto& e = r.error();
  const std::string d = e.describe();
  BOOST_TEST_MESSAGE(d);
  BOOST_TEST(e.code == ErrorCode::invalid_input);
  BOOST_TEST(e.file == path);
  BOOST_TEST(contains(d, path + ":"), d);
  BOOST_TEST(contains(d, reason), d << " should say " << reason);
  if (line > 0) BOOST_TEST(e.line == line, d);
  return e;
}

Parsed accepted(const TempDir& dir, const std::string& xml) {
  const std::string path = dir.write("uji.xml", xml);
  auto r = parse_file(path, k_schemas);
  BOOST_REQUIRE_MESSAGE(r, (r ? std::string() : r.error().describe()));
  return *r;
}

}  // namespace

// ------------------------------------------------------------------ rupiah

BOOST_AUTO_TEST_CASE(rupiah_amounts_as_written) {
  BOOST_TEST(*parse_rupiah("12500000") == 12'500'000);
  BOOST_TEST(*parse_rupiah("12.500.000") == 12'500'000);
  BOOST_TEST(*parse_rupiah("Rp12.500.000") == 12'500'000);
  BOOST_TEST(*parse_rupiah("Rp 12.500.000") == 12'500'000);
  BOOST_TEST(*parse_rupiah("Rp. 750.000") == 750'000);
  BOOST_TEST(*parse_rupiah("  Rp 0 ") == 0);
  BOOST_TEST(*parse_rupiah("500") == 500);
  BOOST_TEST(*parse_rupiah("1.000.000.000.000.000") == 1'000'000'000'000'000);  // the largest accepted
}

BOOST_AUTO_TEST_CASE(rupiah_amounts_refused_with_reason) {
  struct Case {
    const char* text;
    const char* reason;
  };
  const Case cases[] = {
      {"-500.000", "tidak boleh negatif / a restitution amount cannot be negative: '-500.000'"},
      {"Rp-500.000", "cannot be negative"},
      {"-Rp 500.000", "cannot be negative"},
      {"\xE2\x88\x92" "500.000", "cannot be negative"},  // Unicode minus sign
      {"lima juta", "bukan angka rupiah / not an amount in rupiah: 'lima juta'"},
      {"12.500.000,50", "tanpa sen"},
      {"12.500.000,00", "no sen or decimals"},
      {"12,5", "no sen or decimals"},
      {"12.50.000", "dots must group thousands"},
      {"1250.000", "dots must group thousands"},
      {".500", "dots must group thousands"},
      {"500.", "dots must group thousands"},
      {"", "the amount is empty"},
      {"Rp", "the amount is empty"},
      {"1.000.000.000.000.001", "absurdly large"},
      {"99999999999999999999999999", "absurdly large"},  // would overflow int64
      {"1e6", "not an amount in rupiah"},
      {"0x10", "not an amount in rupiah"},
      {"12 500 000", "not an amount in rupiah"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      auto r = parse_rupiah(c.text);
      BOOST_REQUIRE(!r);
      BOOST_TEST(r.error().code == ErrorCode::invalid_input);
      BOOST_TEST(contains(r.error().message, c.reason), r.error().message);
    }
  }
}

// ------------------------------------------------------------------ perlindungan

BOOST_AUTO_TEST_CASE(protection_valid_and_demo) {
  TempDir dir;
  auto p = accepted(dir, protection("  <jenis>audio-visual</jenis>\n  <status>dikabulkan</status>\n"
                                    "  <diajukan>2024-05-08</diajukan>\n  <diputus>2024-05-15</diputus>\n"
                                    "  <sampai>2024-12-31</sampai>\n  <oleh>Majelis Hakim</oleh>\n"
                                    "  <nomor>PEN-1/2024</nomor>\n  <keterangan>Dari ruang terpisah</keterangan>\n"));
  BOOST_REQUIRE(p.kind == Parsed::Kind::protection);
  BOOST_REQUIRE(p.protection);
  BOOST_TEST(!p.item);
  const auto& m = *p.protection;
  BOOST_TEST(m.id == "lindung-uji");
  BOOST_TEST(m.person_id == "org-uji");
  BOOST_TEST(m.case_id == "perkara-uji");
  BOOST_TEST(m.kind == core::ProtectionKind::audio_visual);
  BOOST_TEST(m.status == core::MeasureStatus::dikabulkan);
  BOOST_TEST(m.requested == "2024-05-08");
  BOOST_TEST(m.decided == "2024-05-15");
  BOOST_TEST(m.until == "2024-12-31");
  BOOST_TEST(m.authority == "Majelis Hakim");
  BOOST_TEST(m.reference == "PEN-1/2024");
  BOOST_TEST(m.description == "Dari ruang terpisah");
  BOOST_TEST(m.fictional);
  BOOST_TEST(m.source_sha256 == p.source_sha256);

  for (const char* f : {"lindung-saksi-a-lpsk.xml", "lindung-saksi-a-audio-visual.xml", "lindung-saksi-a-pendampingan.xml"}) {
    auto d = parse_file(source_path(std::string("demo/09-perlindungan/") + f), k_schemas);
    BOOST_REQUIRE_MESSAGE(d, f << ": " << (d ? "" : d.error().describe()));
    BOOST_TEST(d->protection->person_id == "org-saksi-a");
    BOOST_TEST(!contains(d->source, "Rina"), f << " names the protected person");
  }
}

BOOST_AUTO_TEST_CASE(protection_rejections_name_file_and_line) {
  TempDir dir;
  // Decided without a decision date (line 5 is <status>).
  rejected(dir, protection("  <jenis>lpsk</jenis>\n  <status>dikabulkan</status>\n  <diajukan>2024-04-02</diajukan>\n"),
           "status dikabulkan memerlukan <diputus>", 5);
  rejected(dir, protection("  <jenis>lpsk</jenis>\n  <status>ditolak</status>\n  <diajukan>2024-04-02</diajukan>\n"),
           "needs its decision date", 5);
  // Decided before requested (line 7 is <diputus>).
  rejected(dir,
           protection("  <jenis>lpsk</jenis>\n  <status>dikabulkan</status>\n  <diajukan>2024-04-02</diajukan>\n"
                      "  <diputus>2024-04-01</diputus>\n"),
           "the decision cannot come before the request", 7);
  // Only requested, yet a decision date.
  rejected(dir,
           protection("  <jenis>lpsk</jenis>\n  <status>diajukan</status>\n  <diajukan>2024-04-02</diajukan>\n"
                      "  <diputus>2024-04-03</diputus>\n"),
           "hapus <diputus>", 7);
  // Ends before it began (line 8 is <sampai>).
  rejected(dir,
           protection("  <jenis>lpsk</jenis>\n  <status>berakhir</status>\n  <diajukan>2024-04-02</diajukan>\n"
                      "  <diputus>2024-04-10</diputus>\n  <sampai>2024-04-09</sampai>\n"),
           "the end date cannot come before", 8);
  // Not a real date (the schema's xs:date alone takes day 30 of February? either way: refused).
  rejected(dir, protection("  <jenis>lpsk</jenis>\n  <status>diajukan</status>\n  <diajukan>2024-02-30</diajukan>\n"),
           "2024-02-30", 6);
  // "lainnya" needs a description (reported at <jenis>, line 4).
  rejected(dir, protection("  <jenis>lainnya</jenis>\n  <status>diajukan</status>\n  <diajukan>2024-04-02</diajukan>\n"),
           "needs a <keterangan>", 4);
  // Unknown kind: the schema names the value.
  rejected(dir, protection("  <jenis>teleportasi</jenis>\n  <status>diajukan</status>\n  <diajukan>2024-04-02</diajukan>\n"),
           "teleportasi", 4);
  // No person.
  {
    const std::string xml = std::string(k_head) +
                            "<perlindungan id=\"lindung-uji\" perkara=\"perkara-uji\">\n  <jenis>lpsk</jenis>\n"
                            "  <status>diajukan</status>\n  <diajukan>2024-04-02</diajukan>\n</perlindungan>\n";
    rejected(dir, xml, "orang", 3);
  }
}

// ------------------------------------------------------------------ restitusi

BOOST_AUTO_TEST_CASE(restitution_valid_with_total_and_grant) {
  TempDir dir;
  auto p = accepted(dir, restitution("  <status>dikabulkan-sebagian</status>\n  <tanggal>2024-05-20</tanggal>\n"
                                     "  <dinilai-oleh>LPSK</dinilai-oleh>\n  <catatan-pemohon>Diajukan ahli waris</catatan-pemohon>\n" +
                                     entry("kekayaan-penghasilan", "Rp12.500.000",
                                           "    <bukti item=\"surat-uji\"/>\n    <bukti item=\"bap-uji\"/>\n    <bukti item=\"surat-uji\"/>\n") +
                                     entry("penderitaan", "50000000") + entry("medis-psikologis", "Rp 7.500.000") +
                                     entry("lainnya", "0") +
                                     "  <jumlah-total>Rp70.000.000</jumlah-total>\n  <dikabulkan>60.000.000</dikabulkan>\n"
                                     "  <putusan>1/Pid.Sus/2024/PN Uji</putusan>\n"));
  BOOST_REQUIRE(p.kind == Parsed::Kind::restitution);
  BOOST_REQUIRE(p.restitution);
  const auto& c = *p.restitution;
  BOOST_TEST(c.status == core::ClaimStatus::dikabulkan_sebagian);
  BOOST_TEST(c.date == "2024-05-20");
  BOOST_TEST(c.assessed_by == "LPSK");
  BOOST_TEST(c.claimant_note == "Diajukan ahli waris");
  BOOST_REQUIRE(c.entries.size() == 4u);
  BOOST_TEST(c.entries[0].head == core::RestitutionHead::kekayaan_penghasilan);
  BOOST_TEST(c.entries[0].amount_rupiah == 12'500'000);
  BOOST_TEST(c.entries[0].description == "Uraian uji");
  BOOST_REQUIRE(c.entries[0].evidence_ids.size() == 2u);  // a repeated item is listed once
  BOOST_TEST(c.entries[0].evidence_ids[1] == "bap-uji");
  BOOST_TEST(c.entries[3].amount_rupiah == 0);
  BOOST_TEST(c.total() == 70'000'000);
  BOOST_TEST(c.total_of(core::RestitutionHead::medis_psikologis) == 7'500'000);
  BOOST_REQUIRE(c.granted_rupiah);
  BOOST_TEST(*c.granted_rupiah == 60'000'000);
  BOOST_TEST(c.decision_reference == "1/Pid.Sus/2024/PN Uji");

  auto demo = parse_file(source_path("demo/10-restitusi/restitusi-saksi-a.xml"), k_schemas);
  BOOST_REQUIRE_MESSAGE(demo, (demo ? "" : demo.error().describe()));
  BOOST_TEST(demo->restitution->entries.size() >= 3u);
  BOOST_TEST(demo->restitution->status == core::ClaimStatus::diajukan);
  BOOST_TEST(!contains(demo->source, "Rina"));
}

BOOST_AUTO_TEST_CASE(restitution_rejections_name_file_and_line) {
  TempDir dir;
  const std::string head = "  <status>diajukan</status>\n  <tanggal>2024-05-20</tanggal>\n";  // lines 4-5
  // Entries start at line 6: <rincian> 6, <uraian> 7, <jumlah> 8, </rincian> 9; next <jumlah> at 12.
  rejected(dir, restitution(head + entry("penderitaan", "-500.000")),
           "jumlah restitusi tidak boleh negatif / a restitution amount cannot be negative: '-500.000'", 8);
  rejected(dir, restitution(head + entry("penderitaan", "1.000") + entry("lainnya", "lima juta")),
           "bukan angka rupiah / not an amount in rupiah: 'lima juta'", 12);
  rejected(dir, restitution(head + entry("penderitaan", "12.500.000,00")), "no sen or decimals", 8);
  rejected(dir, restitution(head + entry("penderitaan", "10000000000000000")), "absurdly large", 8);
  rejected(dir, restitution(head + entry("penderitaan", "")), "the amount is empty", 8);
  // A sum beyond the limit, though each entry is within it.
  rejected(dir,
           restitution(head + entry("penderitaan", "1.000.000.000.000.000") + entry("lainnya", "1")),
           "add up to an absurd amount", 12);
  // Stated total differs from the sum (line 10 is <jumlah-total>).
  {
    auto e = rejected(dir, restitution(head + entry("penderitaan", "Rp12.500.000") + "  <jumlah-total>Rp12.000.000</jumlah-total>\n"),
                      "angka tidak cocok / the figures do not add up: jumlah-total Rp12.000.000 tetapi jumlah "
                      "rincian Rp12.500.000 / but the entries sum to Rp12.500.000",
                      10);
    BOOST_TEST(e.field == "jumlah-total");
  }
  // No entry at all.
  rejected(dir, restitution(head), "needs at least one entry", 3);
  // Granted or paid without the amount granted (line 4 is <status>).
  rejected(dir, restitution("  <status>dibayar</status>\n  <tanggal>2024-05-20</tanggal>\n" + entry("penderitaan", "1.000")),
           "needs the amount granted", 4);
  rejected(dir, restitution("  <status>dikabulkan</status>\n  <tanggal>2024-05-20</tanggal>\n" + entry("penderitaan", "1.000")),
           "memerlukan <dikabulkan>", 4);
  // A granted amount on a claim only filed (line 10 is <dikabulkan>).
  rejected(dir, restitution(head + entry("penderitaan", "1.000") + "  <dikabulkan>500</dikabulkan>\n"),
           "has no granted amount", 10);
  // Granted more than claimed.
  rejected(dir,
           restitution("  <status>dikabulkan</status>\n  <tanggal>2024-05-20</tanggal>\n" + entry("penderitaan", "1.000") +
                       "  <dikabulkan>Rp1.001</dikabulkan>\n"),
           "the amount granted exceeds the amount claimed", 10);
  rejected(dir,
           restitution("  <status>dikabulkan</status>\n  <tanggal>2024-05-20</tanggal>\n" + entry("penderitaan", "1.000") +
                       "  <dikabulkan>-1</dikabulkan>\n"),
           "cannot be negative", 10);
  // Unknown head: the schema names the value (line 6).
  rejected(dir, restitution(head + entry("kerugian-imajiner", "1.000")), "kerugian-imajiner", 6);
  // Not a real date.
  rejected(dir, restitution("  <status>diajukan</status>\n  <tanggal>2023-02-29</tanggal>\n" + entry("penderitaan", "1")),
           "2023-02-29", 5);
}

// ------------------------------------------------------------------ orang, tentang

BOOST_AUTO_TEST_CASE(person_companion_and_contact_rule) {
  TempDir dir;
  auto person = [](const char* role, const std::string& extra) {
    return std::string(k_head) + "<orang id=\"org-uji\" fiktif=\"ya\">\n  <nama>Orang Uji</nama>\n  <peran>" + role +
           "</peran>\n  <perkara>perkara-uji</perkara>\n" + extra + "</orang>\n";
  };
  auto victim = accepted(dir, person("saksi-korban", "  <pendamping orang=\"org-pendamping-uji\"/>\n"));
  BOOST_TEST(victim.person->companion_id == "org-pendamping-uji");
  BOOST_TEST(victim.person->contact.empty());

  auto companion = accepted(dir, person("pendamping", "  <lembaga>Lembaga Uji</lembaga>\n  <kontak>Kantor 021-0000</kontak>\n"));
  BOOST_TEST(companion.person->organisation == "Lembaga Uji");
  BOOST_TEST(companion.person->contact == "Kantor 021-0000");

  // Line 8 is <kontak> (after <pendamping> on line 7).
  for (const char* role : {"saksi-korban", "saksi", "tersangka", "terdakwa"}) {
    BOOST_TEST_CONTEXT(role) {
      rejected(dir, person(role, "  <pendamping orang=\"org-pendamping-uji\"/>\n  <kontak>0812-0000-0000</kontak>\n"),
               "saksi dan korban dihubungi hanya melalui pendamping; hapus <kontak> / a witness or victim is contacted "
               "only through their companion",
               8);
    }
  }
  rejected(dir, person("saksi", "  <pendamping orang=\"org-uji\"/>\n"), "names the person themself", 7);

  auto demo = parse_file(source_path("demo/02-orang/org-saksi-a.xml"), k_schemas);
  BOOST_REQUIRE(demo);
  BOOST_TEST(demo->person->companion_id == "org-pendamping");
  BOOST_TEST(demo->person->contact.empty());
  auto office = parse_file(source_path("demo/02-orang/org-pendamping.xml"), k_schemas);
  BOOST_REQUIRE(office);
  BOOST_TEST(!office->person->organisation.empty());
  BOOST_TEST(contains(office->person->contact, "fiktif"));
}

BOOST_AUTO_TEST_CASE(items_about_persons) {
  auto p = parse_file(source_path("demo/04-ahli/ahli-psikologi-saksi-a.xml"), k_schemas);
  BOOST_REQUIRE_MESSAGE(p, (p ? "" : p.error().describe()));
  BOOST_TEST(p->item->person_id == "org-ahli-psikologi");
  BOOST_REQUIRE(p->item->about_person_ids.size() == 1u);
  BOOST_TEST(p->item->about_person_ids[0] == "org-saksi-a");
  BOOST_TEST(!contains(p->source, "Rina"));
  BOOST_TEST(!contains(p->source, "Fiksiana"));

  // Every item schema takes <tentang> after <kepala>; existing files without it stay valid.
  TempDir dir;
  const std::string surat = std::string(k_head) +
                            "<surat id=\"surat-uji\" perkara=\"perkara-uji\" fiktif=\"ya\">\n  <kepala>\n"
                            "    <judul>Surat uji</judul>\n    <jenis-surat>rekam medis</jenis-surat>\n"
                            "    <tanggal>2024-04-01</tanggal>\n  </kepala>\n  <tentang orang=\"org-a\"/>\n"
                            "  <tentang orang=\"org-b\"/>\n  <tentang orang=\"org-a\"/>\n</surat>\n";
  auto s = accepted(dir, surat);
  BOOST_REQUIRE(s.item->about_person_ids.size() == 2u);
  BOOST_TEST(s.item->about_person_ids[1] == "org-b");
  for (const char* f : {"demo/03-bap/bap-saksi-a.xml", "demo/05-surat/surat-tawaran-kerja.xml",
                        "demo/06-elektronik/chat-telegram.xml", "demo/04-ahli/ahli-forensik-digital.xml"}) {
    auto d = parse_file(source_path(f), k_schemas);
    BOOST_TEST(d.has_value(), f);
    if (d) BOOST_TEST(d->item->about_person_ids.empty());
  }
  // <tentang> in the wrong place is a schema error with its line.
  const std::string misplaced = std::string(k_head) +
                                "<surat id=\"surat-uji\" perkara=\"perkara-uji\">\n  <tentang orang=\"org-a\"/>\n  <kepala>\n"
                                "    <judul>Surat uji</judul>\n    <jenis-surat>x</jenis-surat>\n"
                                "    <tanggal>2024-04-01</tanggal>\n  </kepala>\n</surat>\n";
  rejected(dir, misplaced, "tentang", 4);
}

// ------------------------------------------------------------------ hostile input

BOOST_AUTO_TEST_CASE(hostile_xml_under_the_new_roots) {
  TempDir dir;
  rejected(dir,
           "<?xml version=\"1.0\"?>\n<!DOCTYPE restitusi [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
           "<restitusi id=\"r\" orang=\"o\" perkara=\"p\"><status>diajukan</status><tanggal>2024-01-01</tanggal>"
           "<rincian jenis=\"lainnya\"><uraian>&x;</uraian><jumlah>1</jumlah></rincian></restitusi>\n",
           "DOCTYPE");
  rejected(dir,
           "<?xml version=\"1.0\"?>\n<!DOCTYPE perlindungan [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>\n"
           "<perlindungan id=\"l\" orang=\"o\" perkara=\"p\"><jenis>lainnya</jenis><status>diajukan</status>"
           "<diajukan>2024-01-01</diajukan><keterangan>&b;</keterangan></perlindungan>\n",
           "DOCTYPE");
  rejected(dir,
           "<?xml version=\"1.0\"?>\n<restitusi xmlns:xi=\"http://www.w3.org/2001/XInclude\" id=\"r\" orang=\"o\" "
           "perkara=\"p\"><status>diajukan</status><tanggal>2024-01-01</tanggal><rincian jenis=\"lainnya\">"
           "<uraian><xi:include href=\"/etc/passwd\" parse=\"text\"/></uraian><jumlah>1</jumlah></rincian></restitusi>\n",
           "nclude");
  // Extra elements or attributes are not allowed (no place to smuggle data in).
  rejected(dir, restitution("  <status>diajukan</status>\n  <tanggal>2024-05-20</tanggal>\n  <rahasia>x</rahasia>\n"),
           "rahasia", 6);
}
