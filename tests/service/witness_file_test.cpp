// service: witness files on a real store made by `init --demo` (FIKTIF data) — access rules,
// redaction in every output place (text, outline, document info, XMP, file name, audit), the
// revealed form, determinism, and the restitution arithmetic as printed.
#define BOOST_TEST_MODULE witness_file_service
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>

#include "core/hash.h"
#include "core/text.h"
#include "service/service.h"
#include "service/witness_file.h"
#include "support/temp_dir.h"

using namespace berkas;
using berkas::test::TempDir;

namespace {

constexpr const char* k_victim = "org-saksi-a";
const char* k_name_parts[] = {"rina", "fiksiana"};

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

bool shows_name(const std::string& s) {
  const std::string l = lower(s);
  for (const char* part : k_name_parts)
    if (l.find(part) != std::string::npos) return true;
  return false;
}

// One demo store for the whole suite (init --demo is the slow part).
struct Demo {
  TempDir dir;
  service::Options options;
  std::unique_ptr<service::Service> svc;

  Demo() {
    options.data_dir = (dir.path / "data").string();
    options.resource_dir = BERKAS_SOURCE_DIR;
    auto s = service::Service::open(options, true);
    BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().describe()));
    svc = std::move(*s);
    auto report = svc->init(service::Viewer::command_line("test"), true);
    BOOST_REQUIRE(report);
    BOOST_REQUIRE_EQUAL(report->failed(), 0u);
  }
  std::string out(const std::string& name) const { return (dir.path / name).string(); }
};

Demo& demo() {
  static Demo d;
  return d;
}

service::Viewer cli() { return service::Viewer::command_line("test"); }

service::Viewer role(service::Role r, bool assigned, bool cleared) {
  service::Viewer v;
  v.user = "u";
  v.role = r;
  if (assigned) v.assigned_cases = {"perkara-demo-001"};
  if (cleared) v.cleared_cases = {"perkara-demo-001"};
  return v;
}

service::WitnessFileMade make(const service::Viewer& v, const std::string& file, const std::string& person = k_victim,
                              core::Disclosure disclosure = core::Disclosure::pseudonyms) {
  service::WitnessFileRequest r;
  r.person_id = person;
  r.out_path = demo().out(file);
  r.disclosure = disclosure;
  auto m = service::make_witness_file(*demo().svc, demo().options, v, r);
  BOOST_REQUIRE_MESSAGE(m, (m ? "" : m.error().describe()));
  return *m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(data_for_the_protected_victim_is_pseudonymised) {
  auto d = service::witness_file_data(*demo().svc, demo().options, cli(), k_victim);
  BOOST_REQUIRE_MESSAGE(d, (d ? "" : d.error().describe()));
  BOOST_TEST(d->person.display_name == "Saksi A");
  BOOST_TEST(d->person.pseudonymised);
  BOOST_TEST((d->person.role == core::PersonRole::saksi_korban));
  BOOST_TEST(d->companion.found);
  BOOST_TEST(d->companion.id == "org-pendamping");
  BOOST_TEST(!d->statements.empty());
  BOOST_TEST(d->statements.front().item.id == "bap-saksi-a");
  bool assessment = false;
  for (const auto& it : d->expert) assessment = assessment || it.id == "ahli-psikologi-saksi-a";
  BOOST_TEST(assessment);
  BOOST_TEST(d->protections.size() == 3u);
  BOOST_REQUIRE_EQUAL(d->claims.size(), 1u);
  BOOST_TEST(d->claims.front().claim.total() == 93'850'000);
  BOOST_TEST(d->date == "2024-05-20");
  BOOST_TEST(!d->checklist.empty());
  BOOST_TEST((std::find(d->forbidden_strings.begin(), d->forbidden_strings.end(), "Rina Fiksiana") != d->forbidden_strings.end()));
  // Every supporting item of the claim is in the store and visible to the command line.
  BOOST_TEST(d->visible_evidence_ids.count("surat-manifes-penerbangan") == 1u);
  const std::string json = service::witness_file_json(*d);
  BOOST_TEST(!shows_name(json));
  Poco::JSON::Parser parser;
  auto o = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  BOOST_TEST(o->getObject("person")->getValue<std::string>("display_name") == "Saksi A");
  BOOST_TEST(o->getArray("restitution")->getObject(0)->getValue<std::string>("total") == "Rp93.850.000");
}

BOOST_AUTO_TEST_CASE(redacted_pdf_has_the_pseudonym_and_never_the_name) {
  const auto m = make(cli(), "redacted.pdf");
  BOOST_TEST(m.redacted);
  BOOST_TEST(sh("qpdf --check '" + m.path + "'").code == 0);
  const std::string text = sh("pdftotext '" + m.path + "' -").out;
  BOOST_TEST(text.find("Saksi A") != std::string::npos);
  BOOST_TEST(!shows_name(text));
  const std::string outline = sh("mutool show '" + m.path + "' outline").out;
  BOOST_TEST(outline.find("Daftar Periksa") != std::string::npos);
  BOOST_TEST(!shows_name(outline));
  const Cmd info = sh("pdfinfo -meta '" + m.path + "'");  // XMP
  BOOST_TEST(info.out.find("Saksi A") != std::string::npos);
  BOOST_TEST(!shows_name(info.out));
  const Cmd infodict = sh("pdfinfo '" + m.path + "'");
  BOOST_TEST(infodict.out.find("Berkas Saksi Saksi A") != std::string::npos);
  BOOST_TEST(!shows_name(infodict.out));
  // Nowhere in the file at all (streams decompressed).
  const std::string qdf = sh("qpdf --qdf --object-streams=disable '" + m.path + "' -").out;
  BOOST_TEST(qdf.size() > 10000u);
  BOOST_TEST(!shows_name(qdf));
  BOOST_TEST(!shows_name(m.path));
}

BOOST_AUTO_TEST_CASE(cleared_viewer_sees_the_name_only_when_asking_for_identities) {
  auto v = cli();
  v.cleared_all = true;
  // Issue 10: cleared, but the default is pseudonyms.
  const auto def = make(v, "cleared-default.pdf");
  BOOST_TEST(def.redacted);
  BOOST_TEST((def.disclosure == core::Disclosure::pseudonyms));
  BOOST_TEST(!shows_name(sh("pdftotext '" + def.path + "' -").out));
  const auto m = make(v, "revealed.pdf", k_victim, core::Disclosure::identities);
  BOOST_TEST(!m.redacted);
  BOOST_TEST((m.disclosure == core::Disclosure::identities));
  const std::string text = sh("pdftotext '" + m.path + "' -").out;
  BOOST_TEST(text.find("Rina Fiksiana") != std::string::npos);
  // A prosecutor cleared for the case sees it too; one assigned but not cleared does not.
  auto cleared = service::witness_file_data(*demo().svc, demo().options, role(service::Role::prosecutor, true, true), k_victim);
  BOOST_REQUIRE(cleared);
  BOOST_TEST(cleared->person.display_name == "Rina Fiksiana");
  // (Protected persons of cases the prosecutor is not cleared for stay forbidden.)
  BOOST_TEST((std::find(cleared->forbidden_strings.begin(), cleared->forbidden_strings.end(), "Rina Fiksiana") ==
              cleared->forbidden_strings.end()));
  auto assigned = service::witness_file_data(*demo().svc, demo().options, role(service::Role::paralegal, true, false), k_victim);
  BOOST_REQUIRE(assigned);
  BOOST_TEST(assigned->person.display_name == "Saksi A");
  BOOST_TEST(!shows_name(service::witness_file_json(*assigned)));
}

BOOST_AUTO_TEST_CASE(hidden_is_the_same_answer_as_missing) {
  auto missing = service::witness_file_data(*demo().svc, demo().options, cli(), "org-tidak-ada");
  BOOST_REQUIRE(!missing);
  BOOST_TEST((missing.error().code == core::ErrorCode::not_found));
  const std::string expected = core::replace_all(missing.error().describe(), "org-tidak-ada", k_victim);
  for (const auto& v : {role(service::Role::trainer, false, false), role(service::Role::trainer, true, true),
                        role(service::Role::prosecutor, false, false), role(service::Role::paralegal, false, false)}) {
    auto r = service::witness_file_data(*demo().svc, demo().options, v, k_victim);
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == core::ErrorCode::not_found));
    BOOST_TEST(r.error().describe() == expected);
    BOOST_TEST(!shows_name(r.error().describe()));
    service::WitnessFileRequest req;
    req.person_id = k_victim;
    req.out_path = demo().out("never.pdf");
    BOOST_TEST(!service::make_witness_file(*demo().svc, demo().options, v, req));
    BOOST_TEST(!std::filesystem::exists(req.out_path));
  }
  // A case the person is not in.
  auto other = service::witness_file_data(*demo().svc, demo().options, cli(), k_victim, "perkara-tidak-ada");
  BOOST_REQUIRE(!other);
  BOOST_TEST(other.error().describe() == expected);
  BOOST_TEST(service::witness_file_data(*demo().svc, demo().options, cli(), k_victim, "perkara-demo-001").has_value());
}

BOOST_AUTO_TEST_CASE(same_data_gives_the_same_bytes_and_the_audit_names_no_one) {
  const auto a = make(cli(), "same-1.pdf");
  const auto b = make(cli(), "same-2.pdf");
  BOOST_TEST(a.sha256 == b.sha256);
  BOOST_TEST(core::sha256_hex(test::read_file(a.path)) == a.sha256);
  auto log = demo().svc->audit_log(cli());
  BOOST_REQUIRE(log);
  int found = 0;
  for (const auto& e : *log) {
    BOOST_TEST(!shows_name(e.detail));
    if (e.action == "witness-file" && e.object == k_victim && e.detail.find(a.sha256) != std::string::npos) ++found;
  }
  BOOST_TEST(found >= 2);
}

BOOST_AUTO_TEST_CASE(printed_total_is_the_sum_of_the_entries) {
  auto d = service::witness_file_data(*demo().svc, demo().options, cli(), k_victim);
  BOOST_REQUIRE(d);
  const auto& claim = d->claims.front().claim;
  std::int64_t sum = 0;
  for (const auto& e : claim.entries) sum += e.amount_rupiah;
  const auto m = make(cli(), "totals.pdf");
  const std::string text = std::regex_replace(sh("pdftotext -layout '" + m.path + "' -").out, std::regex("\\s+"), " ");
  std::smatch match;
  BOOST_REQUIRE(std::regex_search(text, match, std::regex("JUMLAH SELURUHNYA / TOTAL (Rp[0-9.]+)")));
  BOOST_TEST(match[1].str() == core::format_rupiah(sum));
  BOOST_TEST(match[1].str() == "Rp93.850.000");
  for (const char* h : {"a", "b", "c", "d"})
    BOOST_TEST(std::regex_search(text, match, std::regex(std::string("Jumlah huruf ") + h + " (Rp[0-9.]+)")));
  std::regex_search(text, match, std::regex("Jumlah huruf a (Rp[0-9.]+)"));
  BOOST_TEST(match[1].str() == core::format_rupiah(claim.total_of(core::RestitutionHead::kekayaan_penghasilan)));
  BOOST_TEST(match[1].str() == "Rp33.600.000");
}

BOOST_AUTO_TEST_CASE(corrected_statement_shows_both_versions) {
  // The mother's statement was corrected (demo/07-koreksi): version 2 current, version 1 superseded.
  auto d = service::witness_file_data(*demo().svc, demo().options, cli(), "org-saksi-ibu");
  BOOST_REQUIRE_MESSAGE(d, (d ? "" : d.error().describe()));
  BOOST_REQUIRE_GE(d->statements.size(), 2u);
  BOOST_TEST(d->statements[0].current);
  BOOST_TEST(d->statements[0].item.version == 2);
  BOOST_TEST(!d->statements[1].current);
  BOOST_TEST(d->statements[1].item.version == 1);
  BOOST_TEST(d->statements[1].superseded_by == 2);
  BOOST_TEST(!d->statements[1].superseded_note.empty());
  const auto m = make(cli(), "ibu.pdf", "org-saksi-ibu");
  const std::string text = std::regex_replace(sh("pdftotext '" + m.path + "' -").out, std::regex("\\s+"), " ");
  BOOST_TEST(text.find("digantikan oleh versi 2 / superseded by version 2") != std::string::npos);
  BOOST_TEST(text.find("DIGANTIKAN oleh versi 2") != std::string::npos);
  BOOST_TEST(!shows_name(text));  // her statement names her daughter
}

BOOST_AUTO_TEST_CASE(default_file_name_is_the_id_and_bad_requests_leave_nothing) {
  const auto here = std::filesystem::current_path();
  std::filesystem::current_path(demo().dir.path);
  service::WitnessFileRequest r;
  r.person_id = k_victim;
  auto m = service::make_witness_file(*demo().svc, demo().options, cli(), r);
  auto v = cli();
  v.cleared_all = true;
  r.disclosure = core::Disclosure::identities;
  auto open = service::make_witness_file(*demo().svc, demo().options, v, r);
  // Identities asked for by a prosecutor of the case who is not cleared: forbidden, no file.
  auto refused = service::make_witness_file(*demo().svc, demo().options, role(service::Role::prosecutor, true, false), r);
  r.disclosure = core::Disclosure::pseudonyms;
  r.template_name = "tidak-ada";
  auto missing_template = service::make_witness_file(*demo().svc, demo().options, cli(), r);
  r.template_name = (std::filesystem::path(BERKAS_SOURCE_DIR) / "templates" / "court-bundle.xml").string();
  r.out_path = "wrong-kind.pdf";
  auto wrong_kind = service::make_witness_file(*demo().svc, demo().options, cli(), r);
  std::filesystem::current_path(here);
  BOOST_REQUIRE(m);
  BOOST_TEST(m->path == "berkas-saksi-org-saksi-a.pdf");
  BOOST_REQUIRE(open);
  BOOST_TEST(open->path == "berkas-saksi-org-saksi-a-terbuka.pdf");
  BOOST_REQUIRE(!refused);
  BOOST_TEST((refused.error().code == core::ErrorCode::forbidden));
  BOOST_TEST(refused.error().message.find("hanya pengguna yang berwenang") != std::string::npos);
  BOOST_REQUIRE(!missing_template);
  BOOST_TEST((missing_template.error().code == core::ErrorCode::not_found));
  BOOST_REQUIRE(!wrong_kind);
  BOOST_TEST((wrong_kind.error().code == core::ErrorCode::invalid_input));
  BOOST_TEST(!std::filesystem::exists(demo().dir.path / "wrong-kind.pdf"));
}
