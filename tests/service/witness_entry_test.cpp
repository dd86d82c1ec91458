// tests/service: web entry of protection measures and restitution claims, end to end on a real
// store and index (Service::open + init with the demo case): ids derived, versions, XML escaping
// byte for byte, access (trainer, unassigned paralegal), errors in the form's terms with nothing
// stored and no temporary file left, no protected name in what is stored or audited.
#define BOOST_TEST_MODULE witness_entry
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <ostream>
#include <string>

#include "service/service.h"
#include "service/witness_entry.h"
#include "store/store.h"
#include "support/temp_dir.h"

using namespace berkas;
using service::FileOutcome;
using service::Role;
using service::Viewer;

namespace berkas::core {
inline std::ostream& operator<<(std::ostream& o, ErrorCode v) { return o << to_string(v); }
}  // namespace berkas::core
namespace berkas::service {
inline std::ostream& operator<<(std::ostream& o, FileOutcome::Status v) { return o << to_string(v); }
}  // namespace berkas::service

namespace {

const char* k_case = "perkara-demo-001";
const char* k_protected_name = "Rina Fiksiana";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

struct Fixture {
  test::TempDir dir;
  service::Options options;
  std::unique_ptr<service::Service> svc;

  Fixture() {
    options.data_dir = dir.file("data");
    options.resource_dir = test::source_path("");
    auto s = service::Service::open(options, true);
    BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().describe()));
    svc = std::move(*s);
    auto report = svc->init(Viewer::command_line("test"), true);
    BOOST_REQUIRE(report);
    BOOST_REQUIRE_MESSAGE(report->failed() == 0u, "demo files failed to load");
  }

  // The store as it is on disk (a separate reader).
  std::unique_ptr<store::Store> store() const {
    auto st = store::Store::open((std::filesystem::path(options.data_dir) / "store.sqlite").string(),
                                 store::OpenMode::must_exist);
    BOOST_REQUIRE(st);
    return std::move(*st);
  }

  // No temporary folder or file left under the data dir.
  bool no_leftovers() const {
    for (const auto& e : std::filesystem::directory_iterator(options.data_dir))
      if (contains(e.path().filename().string(), ".entry-")) return false;
    return true;
  }

  static Viewer user(const std::string& name, Role role, bool assigned) {
    Viewer v;
    v.user = name;
    v.role = role;
    if (assigned) v.assigned_cases = {k_case};
    return v;
  }
};

service::ProtectionForm av_request() {
  service::ProtectionForm f;
  f.person_id = "org-saksi-a";
  f.case_id = k_case;
  f.kind = "tanpa-terdakwa";
  f.status = "diajukan";
  f.requested = "2024-05-10";
  f.authority = "Majelis Hakim";
  return f;
}

service::RestitutionForm claim() {
  service::RestitutionForm f;
  f.person_id = "org-saksi-a";
  f.case_id = k_case;
  f.status = "disusun";
  f.date = "2024-05-02";
  f.assessed_by = "LPSK";
  f.lines = {{"kekayaan-penghasilan", "Gaji tidak dibayar", "Rp 12.500.000", "surat-tawaran-kerja, el-chat-telegram"},
             {"", "", "", ""},  // a blank row of the form is skipped
             {"penderitaan", "Penderitaan", "50000000", "bap-saksi-a"},
             {"medis-psikologis", "Konseling", "7.500.000", "ahli-psikologi-saksi-a"}};
  return f;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(protection_entered_then_changed_is_a_new_version, Fixture) {
  const auto jaksa = user("jaksa", Role::prosecutor, true);
  auto first = service::enter_protection(*svc, options, jaksa, av_request());
  BOOST_REQUIRE_MESSAGE(first, (first ? "" : first.error().describe()));
  BOOST_TEST(first->status == FileOutcome::Status::created);
  BOOST_TEST(first->kind == "protection");
  BOOST_TEST(first->object_id == "lindung-org-saksi-a-tanpa-terdakwa");  // derived from person and kind
  BOOST_TEST(first->version == 1);
  BOOST_TEST(first->path.empty());

  // The same form again: nothing new.
  auto again = service::enter_protection(*svc, options, jaksa, av_request());
  BOOST_REQUIRE(again);
  BOOST_TEST(again->status == FileOutcome::Status::unchanged);

  // The decision, entered later under the same (derived) id.
  auto decided = av_request();
  decided.status = "dikabulkan";
  decided.decided = "2024-05-17";
  decided.reference = "Penetapan 1/2024";
  auto second = service::enter_protection(*svc, options, jaksa, decided);
  BOOST_REQUIRE_MESSAGE(second, (second ? "" : second.error().describe()));
  BOOST_TEST(second->status == FileOutcome::Status::new_version);
  BOOST_TEST(second->version == 2);

  auto st = store();
  auto versions = st->protection_versions("lindung-org-saksi-a-tanpa-terdakwa");
  BOOST_REQUIRE(versions);
  BOOST_REQUIRE(versions->size() == 2u);
  BOOST_TEST(core::code_of((*versions)[0].status) == std::string("diajukan"));
  BOOST_TEST(core::code_of((*versions)[1].status) == std::string("dikabulkan"));
  BOOST_TEST((*versions)[1].decided == "2024-05-17");
  BOOST_TEST(!(*versions)[1].fictional);  // entered on the web: real data
  // The stored source is the generated XML, kept and verifiable.
  auto source = st->source((*versions)[1].source_sha256);
  BOOST_REQUIRE(source);
  BOOST_TEST(contains(*source, "<perlindungan id=\"lindung-org-saksi-a-tanpa-terdakwa\""));
  BOOST_TEST(st->verify()->empty());
  // The demo's three measures plus this one.
  BOOST_TEST(st->protections("org-saksi-a", k_case)->size() == 4u);

  // Audited by ids, never by name or temporary path.
  auto log = st->audit_log();
  BOOST_REQUIRE(log);
  bool found = false;
  for (const auto& e : *log) {
    BOOST_TEST(!contains(e.detail + e.object, k_protected_name));
    BOOST_TEST(!contains(e.detail + e.object, ".entry-"));
    found = found || (e.actor == "jaksa" && e.object == "protection:lindung-org-saksi-a-tanpa-terdakwa@2");
  }
  BOOST_TEST(found);
  BOOST_TEST(no_leftovers());
}

BOOST_FIXTURE_TEST_CASE(values_survive_escaping_byte_for_byte, Fixture) {
  const auto admin = user("admin", Role::administrator, false);
  auto f = av_request();
  f.id = "lindung-uji-escape";
  f.kind = "lainnya";
  const std::string tricky = "Ruang <B> & \"C\" 'D' ]]> <![CDATA[x]]> &amp; </keterangan><nomor>9</nomor>";
  f.description = tricky;
  f.authority = "A&B <PN>";
  auto r = service::enter_protection(*svc, options, admin, f);
  BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
  auto got = store()->protection_versions("lindung-uji-escape");
  BOOST_REQUIRE(got);
  BOOST_TEST(got->front().description == tricky);
  BOOST_TEST(got->front().authority == "A&B <PN>");
  BOOST_TEST(got->front().reference.empty());  // nothing smuggled into another element

  auto c = claim();
  c.id = "restitusi-uji-escape";
  c.lines[0].description = tricky;
  c.claimant_note = "Ahli waris \"X\" & <Y>";
  auto rc = service::enter_restitution(*svc, options, admin, c);
  BOOST_REQUIRE_MESSAGE(rc, (rc ? "" : rc.error().describe()));
  auto claims = store()->restitution_versions("restitusi-uji-escape");
  BOOST_REQUIRE(claims);
  BOOST_TEST(claims->front().entries.front().description == tricky);
  BOOST_TEST(claims->front().claimant_note == "Ahli waris \"X\" & <Y>");

  // Control characters are refused before anything is written.
  auto ctl = av_request();
  ctl.description = std::string("baris\x01satu");
  auto bad = service::enter_protection(*svc, options, admin, ctl);
  BOOST_REQUIRE(!bad);
  BOOST_TEST(bad.error().code == core::ErrorCode::invalid_input);
  BOOST_TEST(contains(bad.error().message, "keterangan: "), bad.error().message);
  BOOST_TEST(contains(bad.error().message, "control characters"));
  BOOST_TEST(bad.error().field == "description");
  auto odd_kind = av_request();
  odd_kind.kind = "Teleportasi <x>";
  auto k = service::enter_protection(*svc, options, admin, odd_kind);
  BOOST_REQUIRE(!k);
  BOOST_TEST(k.error().message == "jenis: jenis perlindungan tidak dikenal / unknown kind of protection: 'Teleportasi <x>'");
  BOOST_TEST(k.error().field == "kind");
  BOOST_TEST(no_leftovers());
}

BOOST_FIXTURE_TEST_CASE(restitution_entered_with_items_and_computed_total, Fixture) {
  const auto paralegal = user("pendamping", Role::paralegal, true);
  // The victim already has a claim in this case (demo/10-restitusi): an entry without an id is
  // its next version, never a second claim (service-layer issue, finding 5: an uncleared
  // paralegal, whose form is not pre-filled, created a second claim and the checklist's
  // "claim filed" turned to BELUM).
  auto r = service::enter_restitution(*svc, options, paralegal, claim());
  BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
  BOOST_TEST(r->kind == "restitution");
  BOOST_TEST(r->object_id == "restitusi-saksi-a");
  BOOST_TEST(r->status == FileOutcome::Status::new_version);
  BOOST_TEST(store()->restitution_claims("org-saksi-a", k_case)->size() == 1u);
  auto claims = store()->restitution_claims("org-saksi-a");
  BOOST_REQUIRE(claims);
  const core::RestitutionClaim* mine = nullptr;
  for (const auto& c : *claims)
    if (c.id == r->object_id) mine = &c;
  BOOST_REQUIRE(mine);
  BOOST_REQUIRE(mine->entries.size() == 3u);
  BOOST_TEST(mine->entries[0].amount_rupiah == 12'500'000);
  BOOST_TEST(mine->entries[0].evidence_ids == (std::vector<std::string>{"surat-tawaran-kerja", "el-chat-telegram"}));
  BOOST_TEST(mine->total() == 70'000'000);
  BOOST_TEST(core::format_rupiah(mine->total()) == "Rp70.000.000");

  // Granted later: a new version with the amount granted.
  auto decided = claim();
  decided.status = "dikabulkan-sebagian";
  decided.granted = "Rp60.000.000";
  decided.decision_reference = "1/Pid.Sus/2024/PN Jkt.Pst";
  auto v2 = service::enter_restitution(*svc, options, paralegal, decided);
  BOOST_REQUIRE_MESSAGE(v2, (v2 ? "" : v2.error().describe()));
  BOOST_TEST(v2->version == 3);
  auto latest = store()->restitution_versions(r->object_id);
  BOOST_REQUIRE(latest->size() == 3u);
  BOOST_TEST(*latest->back().granted_rupiah == 60'000'000);
  BOOST_TEST(no_leftovers());
}

BOOST_FIXTURE_TEST_CASE(an_entry_without_an_id_updates_the_one_record_it_names, Fixture) {
  const auto paralegal = user("pendamping", Role::paralegal, true);
  // A protection measure of a kind the victim already has: its next version.
  auto lpsk = av_request();
  lpsk.kind = "lpsk";
  auto r = service::enter_protection(*svc, options, paralegal, lpsk);
  BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
  BOOST_TEST(r->object_id == "lindung-saksi-a-lpsk");
  BOOST_TEST(r->status == FileOutcome::Status::new_version);
  // A new claim id chosen explicitly makes a second claim; after that, an entry without an id
  // must say which one it changes.
  auto second = claim();
  second.id = "restitusi-saksi-a-kedua";
  BOOST_REQUIRE(service::enter_restitution(*svc, options, paralegal, second));
  const auto before = store()->counts();
  auto which = service::enter_restitution(*svc, options, paralegal, claim());
  BOOST_REQUIRE(!which);
  BOOST_TEST(which.error().field == "id");
  BOOST_TEST(contains(which.error().message, "restitusi-saksi-a, restitusi-saksi-a-kedua"), which.error().message);
  BOOST_TEST(store()->counts()->restitution_claims == before->restitution_claims);
  BOOST_TEST(no_leftovers());
}

BOOST_FIXTURE_TEST_CASE(bad_amounts_give_form_errors_and_store_nothing, Fixture) {
  const auto jaksa = user("jaksa", Role::prosecutor, true);
  const auto before = store()->counts();
  BOOST_REQUIRE(before);
  const auto audit_before = before->audit_events;

  auto negative = claim();
  negative.lines[2].amount = "-500.000";  // form row 3
  auto r = service::enter_restitution(*svc, options, jaksa, negative);
  BOOST_REQUIRE(!r);
  const auto& e = r.error();
  BOOST_TEST_MESSAGE(e.describe());
  BOOST_TEST(e.code == core::ErrorCode::invalid_input);
  BOOST_TEST(contains(e.message, "rincian 3: jumlah: "), e.message);
  BOOST_TEST(contains(e.message, "tidak boleh negatif / a restitution amount cannot be negative: '-500.000'"), e.message);
  BOOST_TEST(e.field == "lines.3.amount");
  BOOST_TEST(e.file.empty());
  BOOST_TEST(!contains(e.describe(), options.data_dir));
  BOOST_TEST(!contains(e.describe(), ".entry-"));
  BOOST_TEST(!contains(e.describe(), ".xml"));

  auto words = claim();
  words.lines[0].amount = "lima juta";
  auto w = service::enter_restitution(*svc, options, jaksa, words);
  BOOST_REQUIRE(!w);
  BOOST_TEST(contains(w.error().message, "rincian 1: jumlah: jumlah bukan angka rupiah / not an amount in rupiah: 'lima juta'"),
             w.error().message);

  auto too_much = claim();
  too_much.status = "dikabulkan";
  too_much.granted = "Rp70.000.001";
  auto g = service::enter_restitution(*svc, options, jaksa, too_much);
  BOOST_REQUIRE(!g);
  BOOST_TEST(contains(g.error().message, "dikabulkan: "), g.error().message);
  BOOST_TEST(contains(g.error().message, "exceeds the amount claimed"));
  BOOST_TEST(g.error().field == "granted");

  auto no_lines = claim();
  no_lines.lines = {{"", "", "", ""}};
  auto n = service::enter_restitution(*svc, options, jaksa, no_lines);
  BOOST_REQUIRE(!n);
  BOOST_TEST(contains(n.error().message, "at least one entry"), n.error().message);

  auto unknown_item = claim();
  unknown_item.lines[0].evidence_ids = "surat-tidak-ada";
  auto u = service::enter_restitution(*svc, options, jaksa, unknown_item);
  BOOST_REQUIRE(!u);
  BOOST_TEST(u.error().code == core::ErrorCode::not_found);
  BOOST_TEST(contains(u.error().message, "barang bukti 'surat-tidak-ada' belum ada"), u.error().message);

  auto decided_early = av_request();
  decided_early.status = "dikabulkan";
  decided_early.requested = "2024-05-10";
  decided_early.decided = "2024-05-01";
  auto d = service::enter_protection(*svc, options, jaksa, decided_early);
  BOOST_REQUIRE(!d);
  BOOST_TEST(contains(d.error().message, "diputus: "), d.error().message);
  BOOST_TEST(d.error().field == "decided");

  auto after = store()->counts();
  BOOST_TEST(after->restitution_claims == before->restitution_claims);
  BOOST_TEST(after->protections == before->protections);
  BOOST_TEST(after->audit_events == audit_before);
  BOOST_TEST(store()->restitution_claims("org-saksi-a", k_case)->size() == 1u);  // the demo's only
  BOOST_TEST(no_leftovers());
}

BOOST_FIXTURE_TEST_CASE(access_trainer_and_unassigned_paralegal, Fixture) {
  auto trainer = service::enter_protection(*svc, options, user("pelatih", Role::trainer, true), av_request());
  BOOST_REQUIRE(!trainer);
  BOOST_TEST(trainer.error().code == core::ErrorCode::forbidden);
  auto trainer_claim = service::enter_restitution(*svc, options, user("pelatih", Role::trainer, true), claim());
  BOOST_REQUIRE(!trainer_claim);
  BOOST_TEST(trainer_claim.error().code == core::ErrorCode::forbidden);

  // A paralegal not assigned to the case gets exactly the text of a case that does not exist.
  const auto outsider = user("paralegal-lain", Role::paralegal, false);
  auto refused = service::enter_protection(*svc, options, outsider, av_request());
  BOOST_REQUIRE(!refused);
  BOOST_TEST(refused.error().code == core::ErrorCode::not_found);
  auto missing_form = av_request();
  missing_form.case_id = "perkara-tidak-ada";
  auto missing = service::enter_protection(*svc, options, outsider, missing_form);
  BOOST_REQUIRE(!missing);
  BOOST_TEST(missing.error().code == core::ErrorCode::not_found);
  BOOST_TEST(refused.error().message == "perkara 'perkara-demo-001' belum ada / case not found");
  BOOST_TEST(missing.error().message == "perkara 'perkara-tidak-ada' belum ada / case not found");
  auto refused_claim = service::enter_restitution(*svc, options, outsider, claim());
  BOOST_REQUIRE(!refused_claim);
  BOOST_TEST(refused_claim.error().message == refused.error().message);

  // Assigned to the case, but naming a person who is in no case they can see: not found.
  auto stranger = av_request();
  stranger.person_id = "org-tidak-dikenal";
  auto p = service::enter_protection(*svc, options, user("pendamping", Role::paralegal, true), stranger);
  BOOST_REQUIRE(!p);
  BOOST_TEST(p.error().code == core::ErrorCode::not_found);
  BOOST_TEST(p.error().message == "orang 'org-tidak-dikenal' belum ada / person not found");

  BOOST_TEST(store()->protections("org-saksi-a", k_case)->size() == 3u);  // the demo's only
  for (const auto* e : {&trainer.error(), &refused.error(), &missing.error(), &p.error()})
    BOOST_TEST(!contains(e->describe(), k_protected_name));
  BOOST_TEST(no_leftovers());
}
