// bundle: the witness file (berkas saksi) from synthetic data — the checklist as a pure function,
// and PDFs checked with real tools (qpdf, pdftotext, mutool). All data here is FIKTIF.
#define BOOST_TEST_MODULE witness_file
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>

#include "bundle/witness_file.h"
#include "core/hash.h"
#include "support/temp_dir.h"

using namespace berkas;
using berkas::test::TempDir;

namespace {

constexpr const char* k_protected_name = "Wulan Sembiring Fiktif";  // the "real" name: must never appear

struct Cmd {
  int code = -1;
  std::string out;
};

Cmd sh(const std::string& command) {
  Cmd c;
  std::FILE* p = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) return c;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) c.out.append(buf, n);
  const int st = ::pclose(p);
  c.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return c;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string source_dir() { return BERKAS_SOURCE_DIR; }
std::string template_path() { return source_dir() + "/templates/witness-file.xml"; }

bundle::WitnessFileOptions options() {
  bundle::WitnessFileOptions o;
  o.template_path = template_path();
  o.creator = "tester";
  return o;
}

core::EvidenceItem bap(int version, const std::string& date, const std::string& note) {
  core::EvidenceItem it;
  it.id = "bap-korban-w";
  it.version = version;
  it.kind = core::EvidenceKind::keterangan_saksi;
  it.case_id = "perkara-fiktif-9";
  it.title = "BAP Saksi Korban W";
  it.date = date;
  it.place = "Polda Contoh";
  it.examiner = "Penyidik Contoh (fiktif)";
  it.person_id = "org-korban-w";
  it.correction_note = note;
  it.fictional = true;
  it.source_sha256 = core::sha256_hex("bap v" + std::to_string(version));
  for (int i = 1; i <= 6; ++i)
    it.qa.push_back({i, "Pertanyaan " + std::to_string(i) + " versi " + std::to_string(version) + "?",
                     "JAWABAN-V" + std::to_string(version) + "-" + std::to_string(i) + " saya direkrut melalui media sosial."});
  return it;
}

core::ProtectionMeasure measure(const std::string& id, core::ProtectionKind k, core::MeasureStatus s, int version,
                                const std::string& requested, const std::string& decided) {
  core::ProtectionMeasure m;
  m.id = id;
  m.version = version;
  m.person_id = "org-korban-w";
  m.case_id = "perkara-fiktif-9";
  m.kind = k;
  m.status = s;
  m.requested = requested;
  m.decided = decided;
  m.authority = k == core::ProtectionKind::lpsk ? "LPSK" : "Majelis Hakim PN Contoh";
  m.reference = decided.empty() ? "" : "KEP-" + id;
  m.fictional = true;
  return m;
}

core::RestitutionClaim claim(core::ClaimStatus status) {
  core::RestitutionClaim c;
  c.id = "restitusi-korban-w";
  c.person_id = "org-korban-w";
  c.case_id = "perkara-fiktif-9";
  c.status = status;
  c.date = "2024-06-10";
  c.assessed_by = "LPSK";
  c.fictional = true;
  c.entries = {{core::RestitutionHead::kekayaan_penghasilan, "Gaji yang dijanjikan tidak dibayar, 4 bulan", 32'000'000, {"surat-slip-gaji"}},
               {core::RestitutionHead::kekayaan_penghasilan, "Ponsel dan dokumen yang dirampas", 3'450'000, {}},
               {core::RestitutionHead::penderitaan, "Penderitaan selama 4 bulan disekap", 25'000'000, {"ahli-psikolog-w"}},
               {core::RestitutionHead::medis_psikologis, "Konseling psikologis 12 sesi", 7'200'500, {"surat-kuitansi-hilang"}},
               {core::RestitutionHead::lainnya, "Biaya transportasi pulang", 4'100'000, {"surat-tiket"}}};
  return c;
}

// A victim-witness with two BAP versions, an expert assessment, a document, measures and a claim.
bundle::WitnessData sample() {
  bundle::WitnessData d;
  auto& p = d.person;
  p.id = "org-korban-w";
  p.display_name = "Saksi W";
  p.pseudonymised = true;
  p.is_protected = true;
  p.role = core::PersonRole::saksi_korban;
  p.gender = "P";
  p.birth_date = "2000-05-01";
  p.language = "Indonesia";
  p.companion_id = "org-pendamping-w";
  p.fictional = true;
  d.companion = {"org-pendamping-w", true, "Pendamping Contoh (fiktif)", "Lembaga Layanan Korban Contoh", "021-555-0100"};

  core::Case c;
  c.id = "perkara-fiktif-9";
  c.register_number = "PDM-9/JKT.PST/Eku.2/06/2024";
  c.title = "FIKTIF: Perekrutan ke Kamboja";
  c.court = "Pengadilan Negeri Jakarta Pusat";
  c.offence_date = "2024-01-15";
  c.fictional = true;
  d.cases = {c};

  d.statements.push_back({bap(2, "2024-04-02", "Jawaban nomor 3 dikoreksi atas permintaan saksi."), true, 0, ""});
  d.statements.push_back({bap(1, "2024-03-04", ""), false, 2, "Jawaban nomor 3 dikoreksi atas permintaan saksi."});

  core::EvidenceItem ahli;
  ahli.id = "ahli-psikolog-w";
  ahli.kind = core::EvidenceKind::keterangan_ahli;
  ahli.case_id = c.id;
  ahli.title = "Asesmen psikologis Saksi W";
  ahli.date = "2024-05-20";
  ahli.examiner = "Psikolog Contoh (fiktif)";
  ahli.about_person_ids = {p.id};
  ahli.sections = {{"Kesimpulan", "Saksi W menunjukkan gejala stres pascatrauma; disarankan keterangan tanpa kehadiran terdakwa."}};
  ahli.fictional = true;
  d.expert = {ahli};

  core::EvidenceItem slip;
  slip.id = "surat-slip-gaji";
  slip.kind = core::EvidenceKind::surat;
  slip.case_id = c.id;
  slip.title = "Surat tawaran kerja dan slip gaji";
  slip.date = "2023-12-01";
  slip.summary = "Tawaran kerja yang menjanjikan gaji Rp8.000.000 per bulan.";
  slip.fictional = true;
  d.documents = {slip};

  d.protections.push_back({measure("lindung-w-lpsk", core::ProtectionKind::lpsk, core::MeasureStatus::dikabulkan, 2, "2024-03-05", "2024-03-20"),
                           {measure("lindung-w-lpsk", core::ProtectionKind::lpsk, core::MeasureStatus::diajukan, 1, "2024-03-05", ""),
                            measure("lindung-w-lpsk", core::ProtectionKind::lpsk, core::MeasureStatus::dikabulkan, 2, "2024-03-05", "2024-03-20")}});
  auto av = measure("lindung-w-av", core::ProtectionKind::audio_visual, core::MeasureStatus::diajukan, 1, "2024-06-01", "");
  d.protections.push_back({av, {av}});

  auto cl = claim(core::ClaimStatus::diajukan);
  auto draft = cl;
  draft.version = 1;
  draft.status = core::ClaimStatus::disusun;
  draft.date = "2024-05-30";
  cl.version = 2;
  d.claims.push_back({cl, {draft, cl}});
  d.visible_evidence_ids = {"surat-slip-gaji", "ahli-psikolog-w", "surat-tiket"};
  d.date = bundle::witness_file_date(d);
  d.checklist = bundle::witness_checklist(d);
  d.forbidden_strings = {k_protected_name};
  return d;
}

const bundle::CheckItem* find(const std::vector<bundle::CheckItem>& list, const std::string& id, int nth = 0) {
  for (const auto& c : list)
    if (c.id == id && nth-- == 0) return &c;
  return nullptr;
}

bool met(const std::vector<bundle::CheckItem>& list, const std::string& id) {
  const auto* c = find(list, id);
  BOOST_REQUIRE_MESSAGE(c, "no checklist entry " + id);
  return c->status == bundle::CheckStatus::terpenuhi;
}

struct Built {
  std::shared_ptr<TempDir> dir = std::make_shared<TempDir>();
  std::string path;
  bundle::RenderedPdf pdf;
  std::string text;   // pdftotext -layout
  std::string plain;  // pdftotext in reading order (table cells whole), white space squeezed
};

Built build(const bundle::WitnessData& d) {
  Built b;
  auto r = bundle::build_witness_file(d, options());
  BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
  b.pdf = *r;
  b.path = b.dir->file("saksi.pdf");
  std::ofstream(b.path, std::ios::binary) << r->pdf;
  b.text = sh("pdftotext -layout '" + b.path + "' -").out;
  b.plain = std::regex_replace(sh("pdftotext '" + b.path + "' -").out, std::regex("\\s+"), " ");
  return b;
}

}  // namespace

// ---------------------------------------------------------------- pure functions

BOOST_AUTO_TEST_CASE(age_on_counts_whole_years) {
  BOOST_TEST(*bundle::age_on("2006-06-10", "2024-06-09") == 17);
  BOOST_TEST(*bundle::age_on("2006-06-10", "2024-06-10") == 18);
  BOOST_TEST(*bundle::age_on("2000-02-29", "2024-02-28") == 23);
  BOOST_TEST(!bundle::age_on("", "2024-01-01").has_value());
  BOOST_TEST(!bundle::age_on("2006-13-01", "2024-01-01").has_value());
  BOOST_TEST(!bundle::age_on("2025-01-01", "2024-01-01").has_value());
}

BOOST_AUTO_TEST_CASE(file_date_is_the_latest_record_never_the_clock) {
  auto d = sample();
  BOOST_TEST(bundle::witness_file_date(d) == "2024-06-10");  // the claim's date
  d.claims.clear();
  BOOST_TEST(bundle::witness_file_date(d) == "2024-06-01");  // the audio-visual request
  bundle::WitnessData empty;
  empty.cases = d.cases;
  BOOST_TEST(bundle::witness_file_date(empty) == "2024-01-15");  // the offence date
  BOOST_TEST(bundle::witness_file_date(bundle::WitnessData{}) == "");
}

BOOST_AUTO_TEST_CASE(checklist_of_the_sample) {
  const auto d = sample();
  const auto& c = d.checklist;
  BOOST_TEST(met(c, "bap"));
  BOOST_TEST(met(c, "pendamping"));
  BOOST_TEST(find(c, "pendamping")->legal_basis == "UU 21/2007 Pasal 35");
  BOOST_TEST(!find(c, "juru-bahasa"));  // not needed
  // The audio-visual request is still pending: one open entry naming it.
  const auto* pending = find(c, "perlindungan-diputus");
  BOOST_REQUIRE(pending);
  BOOST_TEST((pending->status == bundle::CheckStatus::belum));
  BOOST_TEST(pending->detail.find("lindung-w-av") != std::string::npos);
  BOOST_TEST(pending->legal_basis == "UU 21/2007 Pasal 34");
  BOOST_TEST(!find(c, "perlindungan-diputus", 1));
  BOOST_TEST(met(c, "tanggal-lahir"));       // 24 years old on 2024-06-10
  BOOST_TEST(!find(c, "sidang-tertutup-anak"));
  BOOST_TEST(met(c, "restitusi"));
  BOOST_TEST(met(c, "restitusi-diajukan"));
  // "Ponsel dan dokumen" has no evidence; "surat-kuitansi-hilang" is not visible.
  BOOST_TEST(!met(c, "restitusi-bukti"));
  BOOST_TEST(find(c, "restitusi-bukti")->detail.find("Ponsel") != std::string::npos);
  BOOST_TEST(!met(c, "restitusi-bukti-ada"));
  BOOST_TEST(find(c, "restitusi-bukti-ada")->detail.find("surat-kuitansi-hilang") != std::string::npos);
  BOOST_TEST(find(c, "restitusi-bukti-ada")->detail.find("surat-tiket") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(checklist_victim_without_companion_claim_or_statement) {
  auto d = sample();
  d.statements.clear();
  d.claims.clear();
  d.person.companion_id.clear();
  d.companion = {};
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(!met(d.checklist, "bap"));
  BOOST_TEST(!met(d.checklist, "pendamping"));
  BOOST_TEST(find(d.checklist, "pendamping")->detail.find("belum ditunjuk") != std::string::npos);
  BOOST_TEST(!met(d.checklist, "restitusi"));
  BOOST_TEST(find(d.checklist, "restitusi")->legal_basis == "UU 21/2007 Pasal 48 ayat (1)");
  BOOST_TEST(!find(d.checklist, "restitusi-diajukan"));

  // A companion named but not in the store.
  d.person.companion_id = "org-hilang";
  d.companion = {"org-hilang", false, "", "", ""};
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(!met(d.checklist, "pendamping"));
  BOOST_TEST(find(d.checklist, "pendamping")->detail.find("org-hilang") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(checklist_child_witness_needs_a_closed_hearing) {
  auto d = sample();
  d.person.birth_date = "2007-01-01";  // 17 on 2024-06-10
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(!met(d.checklist, "sidang-tertutup-anak"));
  BOOST_TEST(find(d.checklist, "sidang-tertutup-anak")->legal_basis == "UU 21/2007 Pasal 39 ayat (1)");
  BOOST_TEST(find(d.checklist, "pendamping")->legal_basis.find("Pasal 39 ayat (2)") != std::string::npos);
  auto closed = measure("lindung-w-tertutup", core::ProtectionKind::sidang_tertutup, core::MeasureStatus::dikabulkan, 1,
                        "2024-05-01", "2024-05-02");
  d.protections.push_back({closed, {closed}});
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(met(d.checklist, "sidang-tertutup-anak"));

  // Unknown birth date of a victim is itself an open item; a plain witness has no such entry.
  d.person.birth_date.clear();
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(!met(d.checklist, "tanggal-lahir"));
  BOOST_TEST(!find(d.checklist, "sidang-tertutup-anak"));
  d.person.role = core::PersonRole::saksi;
  d.person.companion_id.clear();
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(!find(d.checklist, "tanggal-lahir"));
  BOOST_TEST(!find(d.checklist, "restitusi"));
  BOOST_TEST(!find(d.checklist, "pendamping"));
}

BOOST_AUTO_TEST_CASE(checklist_interpreter_and_draft_claim) {
  auto d = sample();
  d.person.needs_interpreter = true;
  d.person.language = "Sunda";
  d.claims.front().claim.status = core::ClaimStatus::disusun;
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(!met(d.checklist, "juru-bahasa"));
  BOOST_TEST(find(d.checklist, "juru-bahasa")->legal_basis == "KUHAP Pasal 177");
  BOOST_TEST(find(d.checklist, "juru-bahasa")->detail.find("belum diajukan") != std::string::npos);
  BOOST_TEST(!met(d.checklist, "restitusi-diajukan"));
  BOOST_TEST(met(d.checklist, "restitusi"));  // a claim exists, though not filed

  auto jb = measure("lindung-w-jb", core::ProtectionKind::juru_bahasa, core::MeasureStatus::diajukan, 1, "2024-06-01", "");
  d.protections.push_back({jb, {jb}});
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(!met(d.checklist, "juru-bahasa"));
  BOOST_TEST(find(d.checklist, "juru-bahasa")->detail.find("belum diputus") != std::string::npos);
  d.protections.back().measure.status = core::MeasureStatus::dikabulkan;
  d.protections.back().measure.decided = "2024-06-05";
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(met(d.checklist, "juru-bahasa"));

  // Every request decided: one met entry.
  d.protections.erase(d.protections.begin() + 1);  // the pending audio-visual request
  d.checklist = bundle::witness_checklist(d);
  BOOST_TEST(met(d.checklist, "perlindungan-diputus"));
  BOOST_TEST(!find(d.checklist, "perlindungan-diputus", 1));
}

// ---------------------------------------------------------------- templates

BOOST_AUTO_TEST_CASE(shipped_template_is_valid_and_kinds_do_not_mix) {
  BOOST_TEST(bundle::check_witness_template(template_path()).has_value());
  // The court template is not a witness file, nor the other way round.
  auto a = bundle::check_witness_template(source_dir() + "/templates/court-bundle.xml");
  BOOST_TEST(!a.has_value());
  BOOST_TEST((a.error().code == core::ErrorCode::invalid_input));
  auto b = bundle::check_template(template_path());
  BOOST_TEST(!b.has_value());
  BOOST_TEST(bundle::check_template(source_dir() + "/templates/court-bundle.xml").has_value());
}

BOOST_AUTO_TEST_CASE(bad_witness_templates_are_refused_with_file_and_line) {
  TempDir dir;
  std::filesystem::create_directories(dir.path / "templates");
  std::filesystem::create_directories(dir.path / "schemas");
  std::filesystem::copy_file(source_dir() + "/schemas/witness-file-template.xsd", dir.path / "schemas/witness-file-template.xsd");
  std::ifstream in(template_path());
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto attempt = [&](const std::string& from, const std::string& to) {
    std::string t = good;
    const auto at = t.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    t.replace(at, from.size(), to);
    const std::string path = (dir.path / "templates/t.xml").string();
    std::ofstream(path, std::ios::binary | std::ios::trunc) << t;
    bundle::WitnessFileOptions o;
    o.template_path = path;
    return bundle::build_witness_file(sample(), o);
  };
  // A court placeholder has no value in a witness file.
  auto r1 = attempt("Tanggal berkas: {{file.date}}", "Item {{item.id}}");
  BOOST_REQUIRE(!r1);
  BOOST_TEST((r1.error().code == core::ErrorCode::invalid_input));
  BOOST_TEST(r1.error().line > 1);
  BOOST_TEST(r1.error().describe().find("item.id") != std::string::npos);
  // A court section is not part of the witness-file schema.
  auto r2 = attempt("<expert id=\"keterangan-ahli\"", "<charges id=\"keterangan-ahli\"");
  BOOST_REQUIRE(!r2);
  BOOST_TEST((r2.error().code == core::ErrorCode::invalid_input));
  // Unknown attribute value.
  auto r3 = attempt("superseded=\"full\"", "superseded=\"none\"");
  BOOST_REQUIRE(!r3);
  // The summary form of superseded versions is accepted and prints no Q/A of version 1.
  auto ok = attempt("superseded=\"full\"", "superseded=\"summary\"");
  BOOST_REQUIRE_MESSAGE(ok, (ok ? "" : ok.error().describe()));
  const std::string path = (dir.path / "s.pdf").string();
  std::ofstream(path, std::ios::binary) << ok->pdf;
  const std::string text = sh("pdftotext '" + path + "' -").out;
  BOOST_TEST(text.find("JAWABAN-V2-3") != std::string::npos);
  BOOST_TEST(text.find("JAWABAN-V1-3") == std::string::npos);
  BOOST_TEST(text.find("6 pertanyaan dan jawaban") != std::string::npos);
}

// ---------------------------------------------------------------- the PDF

BOOST_AUTO_TEST_CASE(pdf_passes_qpdf_and_has_every_section) {
  const auto b = build(sample());
  BOOST_TEST(sh("qpdf --check '" + b.path + "'").code == 0);
  BOOST_TEST(b.pdf.page_count >= 6);
  const std::string& flat = b.plain;
  for (const char* s : {"BERKAS SAKSI", "Daftar Isi", "Daftar Periksa Sebelum Saksi Didengar", "Identitas dan Kontak",
                        "Keterangan Saksi (BAP), Semua Versi", "Keterangan Ahli tentang Saksi", "Surat dan Bukti Elektronik",
                        "Perlindungan Saksi dan Korban", "Restitusi (UU No. 21 Tahun 2007 Pasal 48)",
                        "Kontak melalui pendamping", "Lembaga Layanan Korban Contoh", "021-555-0100",
                        "Asesmen psikologis Saksi W", "Surat tawaran kerja dan slip gaji", "UU 21/2007 Pasal 34",
                        "UU 31/2014 Pasal 5", "KUHAP Pasal 184 ayat (1) huruf a", "FIKTIF", "Saksi W", "PDM-9/JKT.PST/Eku.2/06/2024", "24 tahun",
                        "Tanggal berkas: 2024-06-10"})
    BOOST_TEST(flat.find(s) != std::string::npos, "missing: " << s);
  // Page numbers and the FIKTIF header on the second page.
  const std::string p2 = sh("pdftotext -layout -f 2 -l 2 '" + b.path + "' -").out;
  BOOST_TEST(p2.find("Halaman 2 dari " + std::to_string(b.pdf.page_count)) != std::string::npos);
  BOOST_TEST(p2.find("FIKTIF") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_statement_version_appears_newest_first_superseded_marked) {
  const auto b = build(sample());
  const auto v2 = b.text.find("Versi 2, 2024-04-02 (berlaku / current)");
  const auto v1 = b.text.find("Versi 1, 2024-03-04 (digantikan oleh versi 2 / superseded by version 2)");
  BOOST_REQUIRE(v2 != std::string::npos);
  BOOST_REQUIRE(v1 != std::string::npos);
  BOOST_TEST(v2 < v1);
  BOOST_TEST(b.text.find("DIGANTIKAN oleh versi 2") != std::string::npos);
  BOOST_TEST(b.text.find("Jawaban nomor 3 dikoreksi") != std::string::npos);
  BOOST_TEST(b.text.find("JAWABAN-V2-6") != std::string::npos);
  BOOST_TEST(b.text.find("JAWABAN-V1-6") != std::string::npos);
  // Both versions are bookmarked.
  const std::string outline = sh("mutool show '" + b.path + "' outline").out;
  BOOST_TEST(outline.find("Versi 2, 2024-04-02") != std::string::npos);
  BOOST_TEST(outline.find("Versi 1, 2024-03-04") != std::string::npos);
  BOOST_TEST(outline.find("Daftar Periksa") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(restitution_table_prints_computed_subtotals_and_total) {
  const auto d = sample();
  const auto b = build(d);
  const auto& c = d.claims.front().claim;
  BOOST_TEST(c.total() == 71'750'500);
  // Every head with the law's words, its subtotal, and the total equal to the sum of the entries.
  for (const char* words : {"kehilangan kekayaan atau penghasilan", "penderitaan",
                            "biaya untuk tindakan perawatan medis dan/atau psikologis"})
    BOOST_TEST(b.text.find(words) != std::string::npos, "missing head: " << words);
  std::smatch m;
  const std::string flat = std::regex_replace(b.text, std::regex("\\s+"), " ");
  BOOST_REQUIRE(std::regex_search(flat, m, std::regex("Jumlah huruf a (Rp[0-9.]+)")));
  BOOST_TEST(m[1].str() == "Rp35.450.000");
  BOOST_REQUIRE(std::regex_search(flat, m, std::regex("Jumlah huruf c (Rp[0-9.]+)")));
  BOOST_TEST(m[1].str() == "Rp7.200.500");
  BOOST_REQUIRE(std::regex_search(flat, m, std::regex("JUMLAH SELURUHNYA / TOTAL (Rp[0-9.]+)")));
  BOOST_TEST(m[1].str() == core::format_rupiah(c.total()));
  // The sum of the printed entry amounts equals the printed total.
  std::int64_t sum = 0;
  for (const auto& e : c.entries) {
    BOOST_TEST(flat.find(core::format_rupiah(e.amount_rupiah)) != std::string::npos);
    sum += e.amount_rupiah;
  }
  BOOST_TEST(core::format_rupiah(sum) == m[1].str());
  BOOST_TEST(flat.find("dihitung dari 5 rincian") != std::string::npos);
  BOOST_TEST(flat.find("Riwayat permohonan") != std::string::npos);
  BOOST_TEST(flat.find("disusun (belum diajukan)") != std::string::npos);  // version 1 in the history
}

BOOST_AUTO_TEST_CASE(checklist_and_protection_history_are_printed) {
  const auto b = build(sample());
  const std::string flat = std::regex_replace(b.text, std::regex("\\s+"), " ");
  BOOST_TEST(flat.find("BELUM") != std::string::npos);
  BOOST_TEST(flat.find("terpenuhi") != std::string::npos);
  BOOST_TEST(flat.find("surat-kuitansi-hilang") != std::string::npos);
  BOOST_TEST(flat.find("Riwayat status") != std::string::npos);
  BOOST_TEST(flat.find("KEP-lindung-w-lpsk") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(same_data_gives_the_same_bytes) {
  const auto a = bundle::build_witness_file(sample(), options());
  const auto b = bundle::build_witness_file(sample(), options());
  BOOST_REQUIRE(a);
  BOOST_REQUIRE(b);
  BOOST_TEST(a->sha256 == b->sha256);
  BOOST_TEST((a->pdf == b->pdf));
}

BOOST_AUTO_TEST_CASE(protected_name_is_nowhere_and_a_leak_fails_the_build) {
  const auto b = build(sample());
  const std::string qdf = sh("qpdf --qdf --object-streams=disable '" + b.path + "' -").out;
  BOOST_TEST(qdf.size() > 1000u);
  BOOST_TEST(lower(qdf).find(lower(k_protected_name)) == std::string::npos);
  BOOST_TEST(lower(b.text).find("wulan") == std::string::npos);
  // A name that slipped through redaction: no PDF at all, and the message does not repeat it.
  for (int where = 0; where < 4; ++where) {
    auto d = sample();
    switch (where) {
      case 0: d.statements.front().item.qa[2].answer += " nama saya Wulan  Sembiring fiktif."; break;
      case 1: d.claims.front().claim.entries[1].description = "Ponsel milik WULAN SEMBIRING FIKTIF"; break;
      case 2: d.companion.contact = "lewat wulan sembiring fiktif"; break;
      case 3: d.protections.front().measure.reference = "Wulan Sembiring Fiktif/LPSK"; break;
    }
    auto r = bundle::build_witness_file(d, options());
    BOOST_REQUIRE_MESSAGE(!r, "leak " << where << " not caught");
    BOOST_TEST((r.error().code == core::ErrorCode::forbidden));
    BOOST_TEST(lower(r.error().describe()).find("wulan") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(no_companion_no_claim_no_items_still_makes_a_file) {
  bundle::WitnessData d;
  d.person.id = "org-saksi-kosong";
  d.person.display_name = "Saksi Kosong";
  d.person.role = core::PersonRole::saksi_korban;
  d.date = "2024-01-01";
  d.checklist = bundle::witness_checklist(d);
  const auto b = build(d);
  BOOST_TEST(sh("qpdf --check '" + b.path + "'").code == 0);
  for (const char* s : {"Belum ada pendamping yang ditunjuk", "Belum ada keterangan (BAP)", "Belum ada permohonan restitusi",
                        "Penjelasan Pasal 48 ayat (1)", "tidak diketahui"})
    BOOST_TEST(b.text.find(s) != std::string::npos, "missing: " << s);
  BOOST_TEST(b.text.find("FIKTIF") == std::string::npos);  // not fictional data: no FIKTIF mark
}

BOOST_AUTO_TEST_CASE(native_documents_are_listed_with_their_original_and_text) {
  auto d = sample();
  core::EvidenceItem chat;
  chat.id = "elektronik-obrolan";
  chat.kind = core::EvidenceKind::elektronik;
  chat.title = "Obrolan WhatsApp dengan perekrut (FIKTIF)";
  chat.date = "2024-02-12";
  chat.source_sha256 = core::sha256_hex("obrolan");
  chat.original.format = "whatsapp-text";
  chat.original.file_name = "obrolan.txt";
  chat.original.media_type = "text/plain";
  core::TextUnit sys;
  sys.number = 1;
  sys.method = "parsed";
  sys.system = true;
  sys.text = "Pesan terenkripsi";
  core::TextUnit msg = sys;
  msg.number = 2;
  msg.system = false;
  msg.sender = "Saksi W";
  msg.time = "2024-02-12T09:17";
  msg.text = "Apakah paspor saya diurus? (KALIMATUJI)";
  chat.units = {sys, msg};
  core::EvidenceItem scan;
  scan.id = "surat-pindaian";
  scan.kind = core::EvidenceKind::surat;
  scan.title = "Pindaian kontrak (FIKTIF)";
  scan.source_sha256 = core::sha256_hex("pindaian");
  scan.original.format = "pdf";
  scan.original.file_name = "kontrak.pdf";
  scan.original.media_type = "application/pdf";
  core::TextUnit page = sys;
  page.system = false;
  page.method = "ocr";
  page.text = "kontrak kerja";
  scan.units = {page};
  d.documents.push_back(chat);
  d.documents.push_back(scan);
  const auto b = build(d);
  BOOST_TEST(sh("qpdf --check '" + b.path + "'").code == 0);
  const std::string& flat = b.plain;
  for (const std::string& s : std::vector<std::string>{"SHA-256 berkas asli", "KALIMATUJI",
                              "[sistem / system]", "2024-02-12 09:17", "teks / text: OCR (hlm. 1)",
                              "The original file is not merged here"})
    BOOST_TEST(flat.find(s) != std::string::npos, "missing: " << s);
  // The originals' hashes (a long value may wrap inside its column).
  const std::string no_space = std::regex_replace(flat, std::regex(" "), "");
  BOOST_TEST(no_space.find(chat.source_sha256) != std::string::npos);
  BOOST_TEST(no_space.find(scan.source_sha256) != std::string::npos);
  // The transcript's lines in order.
  BOOST_TEST(flat.find("Pesan terenkripsi") < flat.find("KALIMATUJI"));
}
