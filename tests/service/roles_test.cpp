// Every feature of the service layer (service::Context: evidence, bundles, witness files,
// guidelines, uploads) through the access policy, for every role: administrator,
// cleared prosecutor, uncleared prosecutor, prosecutor of another case, paralegal, trainer (the
// anonymous visitor exists only on the web: tests/server/server_test.cpp). One real data dir with
// the law and the FIKTIF demo case, a real store and index; each breach of issue 10 that lives in
// the service has its regression test here (the web and CLI ones in server_test and e2e_cli_test).
#define BOOST_TEST_MODULE roles
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <string>

#include <xapian.h>

#include "core/hash.h"
#include "core/text.h"
#include "service/bundles.h"
#include "service/context.h"
#include "service/guidelines.h"
#include "service/kept_bundles.h"
#include "service/policy.h"
#include "service/service.h"
#include "service/upload.h"
#include "service/witness_entry.h"
#include "service/witness_file.h"
#include "support/evidence_files.h"
#include "support/demo_context.h"
#include "support/temp_dir.h"

using namespace berkas;
using service::Role;
using service::Viewer;
namespace fs = std::filesystem;

namespace {

const std::string k_case = "perkara-demo-001";
// The protected victim-witness of the demo case and of the training case (FIKTIF).
const char* k_victim = "Rina Fiksiana";
const char* k_trainee_victim = "Sekar Wulandari";

Viewer make(const std::string& user, Role role, bool assigned, bool cleared) {
  Viewer v;
  v.user = user;
  v.role = role;
  if (assigned) v.assigned_cases.insert(k_case);
  if (cleared) v.cleared_cases.insert(k_case);
  return v;
}

// The roles, by the name the tests use.
std::map<std::string, Viewer> roles() {
  return {{"admin", make("admin", Role::administrator, false, false)},
          {"cleared", make("jaksa.jelas", Role::prosecutor, true, true)},
          {"uncleared", make("jaksa", Role::prosecutor, true, false)},
          {"other", make("jaksa.lain", Role::prosecutor, false, false)},
          {"paralegal", make("pendamping", Role::paralegal, true, false)},
          {"trainer", make("pelatih", Role::trainer, false, false)}};
}

using DemoFixture = test::DemoFixture;
BOOST_TEST_GLOBAL_FIXTURE(DemoFixture);

service::Context& ctx() { return *test::demo().ctx; }
service::Service& svc() { return test::demo().ctx->evidence(); }

// A one-page PDF naming nobody protected (FIKTIF), base64-encoded for an e-mail.
std::string base64_pdf() {
  const std::string pdf = test::text_pdf({{"Daftar calon pekerja (FIKTIF)"}});
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < pdf.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(pdf[i]) << 16;
    if (i + 1 < pdf.size()) n |= static_cast<unsigned char>(pdf[i + 1]) << 8;
    if (i + 2 < pdf.size()) n |= static_cast<unsigned char>(pdf[i + 2]);
    out += k[(n >> 18) & 63];
    out += k[(n >> 12) & 63];
    out += i + 1 < pdf.size() ? k[(n >> 6) & 63] : '=';
    out += i + 2 < pdf.size() ? k[n & 63] : '=';
    if ((i / 3 + 1) % 19 == 0) out += "\r\n";
  }
  return out;
}

bool visible(const std::string& who, const char* what) {
  return who == "admin" || who == "cleared" || who == "uncleared" || who == "paralegal" || std::string(what) == "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(search_returns_case_material_only_to_who_may_see_the_case) {
  for (const auto& [who, v] : roles()) {
    search::Query q;
    q.text = "paspor";
    q.limit = 100;
    auto page = svc().search(v, q);
    BOOST_REQUIRE_MESSAGE(page, who);
    bool case_hit = false;
    for (const auto& h : page->results.hits) {
      case_hit = case_hit || h.case_id == k_case;
      BOOST_TEST(h.snippet.find(k_victim) == std::string::npos, who << " " << h.id);
    }
    BOOST_TEST(case_hit == visible(who, "case"), who);
  }
}

BOOST_AUTO_TEST_CASE(an_item_by_role) {
  for (const auto& [who, v] : roles()) {
    auto item = svc().item(v, "bap-saksi-a");
    BOOST_TEST(static_cast<bool>(item) == visible(who, "case"), who);
    if (!item) {
      BOOST_TEST((item.error().code == core::ErrorCode::not_found), who);  // hidden = missing
      continue;
    }
    // Only the cleared prosecutor reads the protected name; the others its pseudonym.
    std::string all = item->item.title;
    for (const auto& s : item->item.sections) all += s.text;
    for (const auto& qa : item->item.qa) all += qa.question + qa.answer;
    BOOST_TEST(item->redacted == (who != "cleared"), who);
    if (who != "cleared") BOOST_TEST(all.find(k_victim) == std::string::npos, who);
  }
}

// The demo victim's numbers (org-saksi-a.xml <nomor-identitas>, FIKTIF) as her statement writes
// them: hidden like her name from everyone not cleared, and never in the index.
BOOST_AUTO_TEST_CASE(a_protected_persons_numbers_are_hidden_like_her_name) {
  const std::vector<std::string> written = {"3201014108010001", "812-0000-1111", "0000-1111"};
  for (const auto& [who, v] : roles()) {
    auto item = svc().item(v, "bap-saksi-a");
    if (!item) continue;
    std::string all;
    for (const auto& qa : item->item.qa) all += qa.answer + "\n";
    for (const auto& w : written)
      BOOST_TEST((all.find(w) != std::string::npos) == (who == "cleared"), who << ": " << w);
    if (who != "cleared") BOOST_TEST(all.find("[nomor dilindungi]") != std::string::npos, who);
    // Searching for the number, in another writing, finds no trace of it either.
    search::Query q;
    q.text = "081200001111";
    auto r = svc().search(v, q);
    BOOST_TEST_REQUIRE(r.has_value(), who);
    for (const auto& hit : r->results.hits)
      for (const auto& w : written) BOOST_TEST(hit.snippet.find(w) == std::string::npos, who);
  }
  // The index holds no term of them.
  Xapian::Database db((fs::path(test::demo().options.data_dir) / "index").string());
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t)
    for (const std::string part : {"3201014108010001", "081200001111", "6281200001111", "1111", "0141", "0801"})
      BOOST_TEST((*t).find(part) == std::string::npos, *t);
}

BOOST_AUTO_TEST_CASE(a_trainer_sees_a_released_item_anonymised_and_nothing_else) {
  // Breach 2 of issue 10: the trainer saw her father's name, birth date, phone, passport and
  // account numbers. Every person by role pseudonym, numbers masked, dates month/year.
  const auto v = roles().at("trainer");
  auto item = svc().item(v, "bap-latih-korban");
  BOOST_REQUIRE(item);
  std::string all = item->item.title;
  for (const auto& s : item->item.sections) all += s.text;
  for (const auto& qa : item->item.qa) all += qa.question + qa.answer;
  BOOST_TEST(all.find(k_trainee_victim) == std::string::npos);
  BOOST_TEST(!std::regex_search(all, std::regex("[0-9]{6,}")), "an identifying number is shown");
  BOOST_TEST(!std::regex_search(all, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")), "a full date is shown");
  // Not released: missing, as for anyone who may not see it.
  auto hidden = svc().item(v, "bap-saksi-a");
  BOOST_TEST((!hidden && hidden.error().code == core::ErrorCode::not_found));
  // A cleared prosecutor of the training case is not this trainer: the item shows as stored to
  // the administrator (pseudonymised, not anonymised).
  auto admin = svc().item(roles().at("admin"), "bap-latih-korban");
  BOOST_REQUIRE(admin);
}

BOOST_AUTO_TEST_CASE(the_case_and_its_documents) {
  for (const auto& [who, v] : roles()) {
    auto c = svc().case_view(v, k_case);
    BOOST_TEST(static_cast<bool>(c) == visible(who, "case"), who);
    auto wf = ctx().witness_files().data(v, "org-saksi-a", k_case);
    BOOST_TEST(static_cast<bool>(wf) == visible(who, "case"), who);
    if (!c) BOOST_TEST((c.error().code == core::ErrorCode::not_found), who);
  }
}

BOOST_AUTO_TEST_CASE(court_bundles_by_role) {
  for (const std::string who : {"uncleared", "other", "trainer"}) {
    const auto v = roles().at(who);
    service::BundleRequest r;
    r.case_id = k_case;
    r.out_path = test::demo().dir.file("bundel-" + who + ".pdf");
    auto made = ctx().bundles().make(v, r);
    BOOST_TEST(static_cast<bool>(made) == visible(who, "case"), who);
    if (!made) {
      BOOST_TEST((made.error().code == core::ErrorCode::not_found), who);
      BOOST_TEST(!fs::exists(r.out_path), who);
      continue;
    }
    BOOST_TEST(made->redacted, who);
    auto list = ctx().bundles().records(v, k_case);
    BOOST_REQUIRE(list);
    BOOST_TEST(!list->empty());
  }
  // Who may not see the case sees no bundle of it.
  auto none = ctx().bundles().records(roles().at("other"), k_case);
  BOOST_TEST((!none || none->empty()));
}

BOOST_AUTO_TEST_CASE(guideline_answer_keys_by_role) {
  for (const auto& [who, v] : roles()) {
    auto module = ctx().guidelines().html(v, "pendampingan-korban-tppo", false);
    BOOST_TEST(static_cast<bool>(module), who << (module ? "" : module.error().describe()));
    auto answers = ctx().guidelines().html(v, "pendampingan-korban-tppo", true);
    const bool allowed = who == "admin" || who == "trainer";
    BOOST_TEST(static_cast<bool>(answers) == allowed, who);
    if (!answers) BOOST_TEST((answers.error().code == core::ErrorCode::forbidden), who);
    if (module) BOOST_TEST(module->find(k_trainee_victim) == std::string::npos, who);
  }
}

BOOST_AUTO_TEST_CASE(uploads_by_role) {
  // Breach 1 of issue 10: an upload reusing the id of the victim's statement replaced it. Now
  // only an explicit, noted correction by someone the policy allows becomes a new version.
  std::string xml = test::read_file(test::source_path("demo/03-bap/bap-saksi-a.xml"));
  const std::string changed = core::replace_all(xml, "</keterangan-saksi>", "<!-- diubah -->\n</keterangan-saksi>");
  const std::string path = test::demo().dir.write("unggah/bap-saksi-a.xml", changed);
  for (const auto& [who, v] : roles()) {
    if (who == "admin" || who == "cleared") continue;  // they may correct: not here (it would change the item)
    auto report = ctx().uploads().ingest(v, {path});
    if (report) {
      BOOST_REQUIRE_EQUAL(report->files.size(), 1u);
      BOOST_TEST((report->files[0].status == service::FileOutcome::Status::failed), who);
    } else {
      BOOST_TEST((report.error().code == core::ErrorCode::forbidden), who);
    }
    service::UploadOptions correction;
    correction.correction = true;
    auto asked = ctx().uploads().ingest(v, {path}, correction);
    if (asked) BOOST_TEST((asked->files[0].status == service::FileOutcome::Status::failed), who);
    auto item = svc().item(roles().at("admin"), "bap-saksi-a");
    BOOST_REQUIRE(item);
    BOOST_TEST(item->versions.size() == 1u, who << " replaced the statement");
  }
  // Even who may correct cannot do it by merely reusing the id.
  for (const std::string who : {"admin", "cleared"}) {
    auto report = ctx().uploads().ingest(roles().at(who), {path});
    BOOST_REQUIRE(report);
    BOOST_TEST((report->files[0].status == service::FileOutcome::Status::failed), who);
  }
}

BOOST_AUTO_TEST_CASE(witness_entries_by_role) {
  // Breach 5 of issue 10: an entry without an id made a second restitution claim. It edits the
  // one claim of the person and case; trainers and who may not see the case change nothing.
  service::RestitutionForm f;
  f.person_id = "org-saksi-a";
  f.case_id = k_case;
  f.status = "disusun";
  f.date = "2024-05-02";
  f.assessed_by = "LPSK";
  f.lines.push_back({"kekayaan-penghasilan", "Gaji yang tidak dibayar (FIKTIF)", "15000000", ""});
  for (const std::string who : {"trainer", "other"}) {
    auto r = ctx().witness_files().enter(roles().at(who), f);
    BOOST_TEST(!r, who);
  }
  auto before = ctx().witness_files().data(roles().at("admin"), "org-saksi-a", k_case);
  BOOST_REQUIRE(before);
  const auto claims = before->claims.size();
  auto r = ctx().witness_files().enter(roles().at("paralegal"), f);
  BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
  auto after = ctx().witness_files().data(roles().at("admin"), "org-saksi-a", k_case);
  BOOST_REQUIRE(after);
  BOOST_TEST(after->claims.size() == claims);
}

BOOST_AUTO_TEST_CASE(the_audit_log_is_for_administrators) {
  for (const auto& [who, v] : roles()) {
    auto log = svc().audit_log(v, 0, 10);
    BOOST_TEST(static_cast<bool>(log) == (who == "admin"), who);
  }
}

BOOST_AUTO_TEST_CASE(disclosure_copies_by_role) {
  // Breach 3 of issue 10: the cleared maker's bundle printed real names while saying they were
  // pseudonymised. A copy shows identities only when asked for, by one cleared for the case.
  for (const auto& [who, v] : roles()) {
    service::BundleRequest r;
    r.case_id = k_case;
    r.disclosure = core::Disclosure::identities;
    r.out_path = test::demo().dir.file("terbuka-" + who + ".pdf");
    auto made = ctx().bundles().make(v, r);
    const bool allowed = who == "cleared";
    BOOST_TEST(static_cast<bool>(made) == allowed, who << (made ? "" : " " + made.error().describe()));
    if (made) {
      BOOST_TEST(!made->redacted, who);
      BOOST_TEST((made->disclosure == core::Disclosure::identities), who);
    } else {
      // Who may not see the case gets the missing case's answer; who sees it, forbidden.
      BOOST_TEST((made.error().code == (visible(who, "case") ? core::ErrorCode::forbidden : core::ErrorCode::not_found)),
                 who);
      BOOST_TEST(!fs::exists(r.out_path), who);
    }
  }
  // The cleared maker's default copy: pseudonyms, and it says so.
  service::BundleRequest r;
  r.case_id = k_case;
  r.out_path = test::demo().dir.file("samaran-cleared.pdf");
  auto made = ctx().bundles().make(roles().at("cleared"), r);
  BOOST_REQUIRE(made);
  BOOST_TEST(made->redacted);
  BOOST_TEST((made->disclosure == core::Disclosure::pseudonyms));
}

BOOST_AUTO_TEST_CASE(kept_bundles_are_downloaded_only_by_who_may_see_every_name_in_them) {
  // The cleared prosecutor keeps an identities copy; only viewers cleared as much may have it.
  auto kept = ctx().bundles().keep(roles().at("cleared"), k_case, core::Disclosure::identities);
  BOOST_REQUIRE_MESSAGE(kept, (kept ? "" : kept.error().describe()));
  auto pseud = ctx().bundles().keep(roles().at("uncleared"), k_case, core::Disclosure::pseudonyms);
  BOOST_REQUIRE(pseud);
  BOOST_TEST(kept->made.sha256 != pseud->made.sha256);
  for (const auto& [who, v] : roles()) {
    std::vector<std::string> audited;
    auto audit = [&](const std::string& action, const std::string&, const std::string&) -> core::Status {
      audited.push_back(action);
      return {};
    };
    auto open_copy = ctx().bundles().kept_file(v, k_case, kept->made.sha256, audit);
    BOOST_TEST(static_cast<bool>(open_copy) == (who == "cleared"), who);
    auto samaran = ctx().bundles().kept_file(v, k_case, pseud->made.sha256 + ".pdf", audit);
    BOOST_TEST(static_cast<bool>(samaran) == visible(who, "case"), who);
    if (open_copy) BOOST_TEST(core::sha256_hex(open_copy->bytes) == kept->made.sha256);
    if (!open_copy) BOOST_TEST((open_copy.error().code == core::ErrorCode::not_found), who);
    // Who sees the case but not the names is refused the open copy, and that is audited.
    if (visible(who, "case") && who != "cleared")
      BOOST_TEST((std::find(audited.begin(), audited.end(), "bundle.withheld") != audited.end()), who);
    if (open_copy) BOOST_TEST((std::find(audited.begin(), audited.end(), "bundle.download") != audited.end()), who);
  }
  // An altered kept file is never handed out as the bundle.
  const auto pdf = fs::path(test::demo().options.data_dir) / "bundles" / (pseud->made.sha256 + ".pdf");
  {
    std::ofstream out(pdf, std::ios::binary | std::ios::app);
    out << "%tampered";
  }
  auto altered = ctx().bundles().kept_file(roles().at("uncleared"), k_case, pseud->made.sha256,
                                           [](const std::string&, const std::string&, const std::string&) {
                                             return core::Status{};
                                           });
  BOOST_TEST((!altered && altered.error().code == core::ErrorCode::integrity));
  // No audit, no file.
  auto unaudited = ctx().bundles().kept_file(
      roles().at("cleared"), k_case, kept->made.sha256,
      [](const std::string&, const std::string&, const std::string&) -> core::Status {
        return core::fail(core::ErrorCode::io, "audit log unavailable");
      });
  BOOST_TEST(!unaudited);
}

BOOST_AUTO_TEST_CASE(originals_go_whole_only_to_who_may_see_every_name_in_them) {
  const auto source = [](const char* path) {
    std::ifstream in(std::string(BERKAS_SOURCE_DIR) + "/" + path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  for (const auto& [who, v] : roles()) {
    std::vector<std::string> audited;
    auto audit = [&](const std::string& action, const std::string&, const std::string&) -> core::Status {
      audited.push_back(action);
      return {};
    };
    // The victim's statement names her: whole only to the cleared prosecutor; refused (audited) to
    // who sees the case but not the name; as missing to everyone else.
    auto bap = ctx().originals().item(v, "bap-saksi-a", audit);
    BOOST_TEST(static_cast<bool>(bap) == (who == "cleared"), who);
    if (bap) BOOST_TEST(bap->bytes == source("demo/03-bap/bap-saksi-a.xml"));
    if (bap) BOOST_TEST(core::sha256_hex(bap->bytes) == bap->sha256);
    if (!bap && visible(who, "case"))
      BOOST_TEST((bap.error().code == core::ErrorCode::forbidden &&
                  std::find(audited.begin(), audited.end(), "original.withheld") != audited.end()),
                 who);
    if (!bap && !visible(who, "case")) BOOST_TEST((bap.error().code == core::ErrorCode::not_found), who);
    if (!bap) BOOST_TEST(bap.error().message.find("Rina") == std::string::npos, who);
    // A letter that names nobody protected: whole to everyone who sees the case.
    auto letter = ctx().originals().item(v, "surat-tawaran-kerja@1", audit);
    BOOST_TEST(static_cast<bool>(letter) == visible(who, "case"), who);
    if (letter) BOOST_TEST(letter->bytes == source("demo/05-surat/surat-tawaran-kerja.xml"));
    // Its PDF attachment names her in its (compressed) text layer, the chat export in its bytes:
    // both only to the cleared.
    auto pdf = ctx().originals().attachment(v, "surat-tawaran-kerja", 1, audit);
    BOOST_TEST(static_cast<bool>(pdf) == (who == "cleared"), who);
    auto chat = ctx().originals().attachment(v, "el-chat-telegram", 1, audit);
    BOOST_TEST(static_cast<bool>(chat) == (who == "cleared"), who);
    // The training statement is never handed out whole, not even to its trainer.
    BOOST_TEST(!ctx().originals().item(v, "bap-latih-korban", audit), who);
    if (letter) BOOST_TEST((std::find(audited.begin(), audited.end(), "original.download") != audited.end()), who);
  }
  // A native e-mail whose attachment names nobody protected: the attachment (read before it is
  // handed out) goes to everyone who sees the case.
  test::TempDir tmp;
  const auto eml = tmp.write(
      "surel.eml",
      "From: agen@contoh.invalid\r\nTo: calon@contoh.invalid\r\nSubject: Daftar (FIKTIF)\r\n"
      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
      "Content-Type: text/plain\r\n\r\nTerlampir.\r\n--b\r\nContent-Type: application/pdf\r\n"
      "Content-Disposition: attachment; filename=\"daftar.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
          base64_pdf() + "\r\n--b--\r\n");
  ingest::NativeOptions native;
  native.case_id = k_case;
  auto in = ctx().evidence().ingest(Viewer::command_line("test"), {eml}, native);
  BOOST_REQUIRE(in && in->failed() == 0);
  const auto mail_id = in->files.at(0).object_id;
  const auto noop = [](const std::string&, const std::string&, const std::string&) { return core::Status{}; };
  for (const auto& [who, v] : roles())
    BOOST_TEST(static_cast<bool>(ctx().originals().attachment(v, mail_id, 1, noop)) == visible(who, "case"), who);
  // No audit entry, no original.
  auto unaudited = ctx().originals().item(roles().at("uncleared"), "surat-tawaran-kerja",
                                          [](const std::string&, const std::string&, const std::string&) {
                                            return core::Status(core::fail(core::ErrorCode::io, "audit log unavailable"));
                                          });
  BOOST_TEST(!unaudited);
}
