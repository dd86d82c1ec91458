// tests/store: schema v4 — companions and contacts of persons, item subjects (items_about),
// protection measures and restitution claims (versions, unchanged on the same bytes, filters,
// triggers against UPDATE/DELETE, verify() finding altered rows), and migration of a v3 store.
#define BOOST_TEST_MODULE witness_store
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <string>
#include <vector>

#include "core/hash.h"
#include "store/internal/schema.h"
#include "store/store.h"
#include "support/temp_dir.h"

using namespace berkas;
using store::OpenMode;
using store::PutOutcome;
using store::Store;

namespace berkas::store {
inline std::ostream& operator<<(std::ostream& os, PutOutcome o) { return os << to_string(o); }
}  // namespace berkas::store
namespace berkas::core {
inline std::ostream& operator<<(std::ostream& os, ErrorCode c) { return os << to_string(c); }
inline std::ostream& operator<<(std::ostream& os, MeasureStatus v) { return os << code_of(v); }
inline std::ostream& operator<<(std::ostream& os, ClaimStatus v) { return os << code_of(v); }
inline std::ostream& operator<<(std::ostream& os, RestitutionHead v) { return os << code_of(v); }
inline std::ostream& operator<<(std::ostream& os, ProtectionKind v) { return os << code_of(v); }
}  // namespace berkas::core

namespace {

struct Fixture {
  test::TempDir dir;
  std::string path = dir.file("berkas.db");

  std::unique_ptr<Store> open(OpenMode mode = OpenMode::create_if_missing) {
    auto s = Store::open(path, mode);
    BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().describe()));
    return std::move(*s);
  }
};

struct RawDb {
  sqlite3* db = nullptr;
  explicit RawDb(const std::string& path) { BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
  ~RawDb() { sqlite3_close(db); }
  int exec(const std::string& sql) { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
  std::string message() const { return sqlite3_errmsg(db); }
  std::string scalar(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return out;
  }
};

bool has_problem(const std::vector<store::IntegrityProblem>& problems, const std::string& object) {
  for (const auto& p : problems)
    if (p.object == object) return true;
  return false;
}

core::ProtectionMeasure sample_measure(const std::string& id = "lindung-saksi-a-lpsk") {
  core::ProtectionMeasure m;
  m.id = id;
  m.version = 9;  // ignored on input
  m.person_id = "org-saksi-a";
  m.case_id = "perkara-2024-001";
  m.kind = core::ProtectionKind::lpsk;
  m.status = core::MeasureStatus::diajukan;
  m.requested = "2024-04-02";
  m.authority = "LPSK";
  m.reference = "";
  m.description = "Perlindungan fisik (FIKTIF)";
  m.fictional = true;
  return m;
}

core::RestitutionClaim sample_claim(const std::string& id = "restitusi-saksi-a") {
  core::RestitutionClaim c;
  c.id = id;
  c.person_id = "org-saksi-a";
  c.case_id = "perkara-2024-001";
  c.status = core::ClaimStatus::diajukan;
  c.date = "2024-05-20";
  c.assessed_by = "LPSK";
  c.claimant_note = "Diajukan sendiri";
  c.entries = {{core::RestitutionHead::kekayaan_penghasilan, "Gaji tidak dibayar", 12'500'000, {"surat-tawaran", "chat"}},
               {core::RestitutionHead::penderitaan, "Penderitaan", 50'000'000, {}},
               {core::RestitutionHead::medis_psikologis, "Konseling", 7'500'000, {"ahli-psikologi"}}};
  c.fictional = true;
  return c;
}

core::EvidenceItem item(const std::string& id, const std::string& person, std::vector<std::string> about) {
  core::EvidenceItem it;
  it.id = id;
  it.kind = core::EvidenceKind::keterangan_ahli;
  it.case_id = "perkara-2024-001";
  it.title = "Laporan " + id;
  it.date = "2024-04-22";
  it.person_id = person;
  it.about_person_ids = std::move(about);
  it.sections = {{"Temuan", "Teks."}};
  return it;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(person_companion_organisation_contact_round_trip, Fixture) {
  auto s = open();
  core::Person victim;
  victim.id = "org-saksi-a";
  victim.name = "Nama Dilindungi";
  victim.pseudonym = "Saksi A";
  victim.role = core::PersonRole::saksi_korban;
  victim.is_protected = true;
  victim.companion_id = "org-pendamping";
  core::Person companion;
  companion.id = "org-pendamping";
  companion.name = "Pendamping Uji";
  companion.role = core::PersonRole::pendamping;
  companion.organisation = "Lembaga Uji";
  companion.contact = "Kantor (021) 555-0000";
  BOOST_REQUIRE(s->put_person(victim, "<orang a/>"));
  BOOST_REQUIRE(s->put_person(companion, "<orang b/>"));
  auto v = s->person("org-saksi-a");
  BOOST_REQUIRE(v);
  BOOST_TEST(v->companion_id == "org-pendamping");
  BOOST_TEST(v->contact.empty());
  auto c = s->person("org-pendamping");
  BOOST_TEST(c->organisation == "Lembaga Uji");
  BOOST_TEST(c->contact == "Kantor (021) 555-0000");
  // A new version of the person replaces the fields (persons are not versioned).
  companion.contact = "";
  BOOST_TEST(*s->put_person(companion, "<orang b2/>") == PutOutcome::new_version);
  BOOST_TEST(s->person("org-pendamping")->contact.empty());
}

BOOST_FIXTURE_TEST_CASE(item_subjects_and_items_about, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_item(item("ahli-psikologi", "org-ahli", {"org-saksi-a", "org-saksi-b"}), {}, "<a1/>"));
  BOOST_REQUIRE(s->put_item(item("bap-saksi-a", "org-saksi-a", {}), {}, "<b1/>"));
  BOOST_REQUIRE(s->put_item(item("surat-lain", "org-lain", {}), {}, "<c1/>"));
  auto got = s->item("ahli-psikologi");
  BOOST_REQUIRE(got);
  BOOST_TEST(got->about_person_ids == (std::vector<std::string>{"org-saksi-a", "org-saksi-b"}));

  BOOST_TEST(*s->items_about("org-saksi-a") == (std::vector<std::string>{"ahli-psikologi", "bap-saksi-a"}));
  BOOST_TEST(*s->items_about("org-saksi-b") == (std::vector<std::string>{"ahli-psikologi"}));
  BOOST_TEST(*s->items_about("org-ahli") == (std::vector<std::string>{"ahli-psikologi"}));
  BOOST_TEST(s->items_about("org-tidak-ada")->empty());

  // Only latest versions count: a correction that drops the subject takes the item off the list.
  BOOST_REQUIRE(*s->put_item(item("ahli-psikologi", "org-ahli", {"org-saksi-a"}), {}, "<a2/>") == PutOutcome::new_version);
  BOOST_TEST(s->items_about("org-saksi-b")->empty());
  BOOST_TEST(s->item("ahli-psikologi", 1)->about_person_ids.size() == 2u);  // the old version keeps its rows

  RawDb raw(path);
  BOOST_TEST(raw.exec("UPDATE item_subjects SET person_id = 'org-lain'") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("DELETE FROM item_subjects") == SQLITE_CONSTRAINT);
}

BOOST_FIXTURE_TEST_CASE(protection_versions_and_filters, Fixture) {
  auto s = open();
  auto m = sample_measure();
  BOOST_TEST(*s->put_protection(m, "<perlindungan v1/>") == PutOutcome::created);
  BOOST_TEST(*s->put_protection(m, "<perlindungan v1/>") == PutOutcome::unchanged);

  // A status change is a new version; the old one stays.
  auto granted = m;
  granted.status = core::MeasureStatus::dikabulkan;
  granted.decided = "2024-04-16";
  granted.until = "2024-10-16";
  granted.reference = "KEP-1/LPSK/2024";
  BOOST_TEST(*s->put_protection(granted, "<perlindungan v2/>") == PutOutcome::new_version);
  // Re-ingesting the first file does not make it current again.
  BOOST_TEST(*s->put_protection(m, "<perlindungan v1/>") == PutOutcome::unchanged);

  auto versions = s->protection_versions(m.id);
  BOOST_REQUIRE(versions);
  BOOST_REQUIRE(versions->size() == 2u);
  BOOST_TEST((*versions)[0].version == 1);
  BOOST_TEST((*versions)[0].status == core::MeasureStatus::diajukan);
  BOOST_TEST((*versions)[0].source_sha256 == core::sha256_hex("<perlindungan v1/>"));
  BOOST_TEST((*versions)[1].version == 2);
  BOOST_TEST((*versions)[1].decided == "2024-04-16");
  BOOST_TEST((*versions)[1].until == "2024-10-16");
  BOOST_TEST((*versions)[1].reference == "KEP-1/LPSK/2024");
  BOOST_TEST((*versions)[1].description == m.description);
  BOOST_TEST((*versions)[1].authority == "LPSK");
  BOOST_TEST((*versions)[1].fictional);
  BOOST_TEST(*s->source((*versions)[1].source_sha256) == "<perlindungan v2/>");

  auto other_person = sample_measure("lindung-saksi-b-av");
  other_person.person_id = "org-saksi-b";
  other_person.kind = core::ProtectionKind::audio_visual;
  auto other_case = sample_measure("lindung-saksi-a-lain");
  other_case.case_id = "perkara-2024-002";
  BOOST_REQUIRE(s->put_protection(other_person, "<b/>"));
  BOOST_REQUIRE(s->put_protection(other_case, "<c/>"));

  auto ids = [](const std::vector<core::ProtectionMeasure>& ms) {
    std::vector<std::string> out;
    for (const auto& x : ms) out.push_back(x.id + "@" + std::to_string(x.version));
    return out;
  };
  BOOST_TEST(ids(*s->protections()) ==
             (std::vector<std::string>{"lindung-saksi-a-lain@1", "lindung-saksi-a-lpsk@2", "lindung-saksi-b-av@1"}));
  BOOST_TEST(ids(*s->protections("org-saksi-a")) ==
             (std::vector<std::string>{"lindung-saksi-a-lain@1", "lindung-saksi-a-lpsk@2"}));
  BOOST_TEST(ids(*s->protections({}, "perkara-2024-001")) ==
             (std::vector<std::string>{"lindung-saksi-a-lpsk@2", "lindung-saksi-b-av@1"}));
  BOOST_TEST(ids(*s->protections("org-saksi-a", "perkara-2024-001")) == (std::vector<std::string>{"lindung-saksi-a-lpsk@2"}));
  BOOST_TEST(s->protections("org-tidak-ada")->empty());
  BOOST_TEST(s->counts()->protections == 3);

  auto missing = s->protection_versions("tidak-ada");
  BOOST_REQUIRE(!missing);
  BOOST_TEST(missing.error().code == core::ErrorCode::not_found);

  // Person and case are fixed at the first version; the message names neither stored value.
  auto moved = granted;
  moved.case_id = "perkara-rahasia";
  auto r = s->put_protection(moved, "<perlindungan v3/>");
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().code == core::ErrorCode::conflict);
  BOOST_TEST(r.error().message.find("perkara-2024-001") == std::string::npos, r.error().message);
  auto no_person = m;
  no_person.person_id.clear();
  BOOST_TEST(s->put_protection(no_person, "<x/>").error().code == core::ErrorCode::invalid_input);
  // A declared hash that is not the bytes' is refused.
  auto lying = m;
  lying.source_sha256 = core::sha256_hex("something else");
  BOOST_TEST(s->put_protection(lying, "<perlindungan v9/>").error().code == core::ErrorCode::integrity);
  BOOST_TEST(s->verify()->empty());
}

BOOST_FIXTURE_TEST_CASE(restitution_versions_entries_and_filters, Fixture) {
  auto s = open();
  auto c = sample_claim();
  BOOST_TEST(*s->put_restitution(c, "<restitusi v1/>") == PutOutcome::created);
  BOOST_TEST(*s->put_restitution(c, "<restitusi v1/>") == PutOutcome::unchanged);
  auto got = s->restitution_claims();
  BOOST_REQUIRE(got);
  BOOST_REQUIRE(got->size() == 1u);
  const auto& g = got->front();
  BOOST_TEST(g.version == 1);
  BOOST_TEST(g.status == core::ClaimStatus::diajukan);
  BOOST_TEST(g.assessed_by == "LPSK");
  BOOST_TEST(g.claimant_note == "Diajukan sendiri");
  BOOST_TEST(!g.granted_rupiah);
  BOOST_REQUIRE(g.entries.size() == 3u);
  BOOST_TEST(g.entries[0].description == "Gaji tidak dibayar");
  BOOST_TEST(g.entries[0].amount_rupiah == 12'500'000);
  BOOST_TEST(g.entries[0].evidence_ids == (std::vector<std::string>{"surat-tawaran", "chat"}));
  BOOST_TEST(g.entries[1].evidence_ids.empty());
  BOOST_TEST(g.entries[2].head == core::RestitutionHead::medis_psikologis);
  BOOST_TEST(g.total() == 70'000'000);

  auto decided = c;
  decided.status = core::ClaimStatus::dikabulkan_sebagian;
  decided.granted_rupiah = 0;  // a grant of nothing is still a grant, not an absent one
  decided.decision_reference = "1/Pid.Sus/2024/PN Uji";
  BOOST_TEST(*s->put_restitution(decided, "<restitusi v2/>") == PutOutcome::new_version);
  auto versions = s->restitution_versions(c.id);
  BOOST_REQUIRE(versions->size() == 2u);
  BOOST_TEST(!(*versions)[0].granted_rupiah);
  BOOST_REQUIRE((*versions)[1].granted_rupiah);
  BOOST_TEST(*(*versions)[1].granted_rupiah == 0);
  BOOST_TEST((*versions)[1].decision_reference == "1/Pid.Sus/2024/PN Uji");
  BOOST_TEST((*versions)[1].entries.size() == 3u);
  BOOST_TEST(s->restitution_claims("org-saksi-a", "perkara-2024-001")->front().version == 2);
  BOOST_TEST(s->restitution_claims("org-saksi-b")->empty());
  BOOST_TEST(s->restitution_claims({}, "perkara-2024-002")->empty());
  BOOST_TEST(s->counts()->restitution_claims == 1);
  BOOST_TEST(s->restitution_versions("tidak-ada").error().code == core::ErrorCode::not_found);

  auto negative = sample_claim("restitusi-negatif");
  negative.entries[1].amount_rupiah = -1;
  auto r = s->put_restitution(negative, "<restitusi neg/>");
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().code == core::ErrorCode::invalid_input);
  BOOST_TEST(s->restitution_versions("restitusi-negatif").error().code == core::ErrorCode::not_found);
  BOOST_TEST(s->verify()->empty());
}

BOOST_FIXTURE_TEST_CASE(triggers_refuse_update_and_delete, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_protection(sample_measure(), "<p/>"));
  BOOST_REQUIRE(s->put_restitution(sample_claim(), "<r/>"));
  RawDb raw(path);
  for (const char* sql : {"UPDATE protection_versions SET status = 'dikabulkan'", "DELETE FROM protection_versions",
                          "UPDATE restitution_versions SET status = 'dibayar'", "DELETE FROM restitution_versions",
                          "UPDATE restitution_entries SET amount_rupiah = 1", "DELETE FROM restitution_entries",
                          "UPDATE restitution_evidence SET item_id = 'lain'", "DELETE FROM restitution_evidence",
                          "DELETE FROM protections", "DELETE FROM restitution_claims",
                          "UPDATE protections SET case_id = 'lain'", "UPDATE restitution_claims SET person_id = 'lain'",
                          "UPDATE protections SET latest_version = 0"}) {
    BOOST_TEST_CONTEXT(sql) {
      BOOST_TEST(raw.exec(sql) == SQLITE_CONSTRAINT);
      const std::string m = raw.message();
      BOOST_TEST((m.find("immutable") != std::string::npos || m.find("cannot be deleted") != std::string::npos ||
                  m.find("keeps its") != std::string::npos),
                 m);
    }
  }
  // The CHECKs hold even on a fresh insert: no negative amount, no unknown head.
  BOOST_TEST(raw.exec("INSERT INTO restitution_entries VALUES ('restitusi-saksi-a', 1, 9, 'lainnya', 'x', -5)") ==
             SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("INSERT INTO restitution_entries VALUES ('restitusi-saksi-a', 1, 9, 'hadiah', 'x', 5)") ==
             SQLITE_CONSTRAINT);
  BOOST_TEST(raw.scalar("SELECT status FROM protection_versions") == "diajukan");
  BOOST_TEST(s->verify()->empty());
}

BOOST_FIXTURE_TEST_CASE(verify_finds_altered_rows_and_missing_sources, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_protection(sample_measure(), "<p1/>"));
  BOOST_REQUIRE(s->put_restitution(sample_claim(), "<r1/>"));
  BOOST_REQUIRE(s->put_restitution(sample_claim("restitusi-lain"), "<r2/>"));
  BOOST_TEST(s->verify()->empty());
  {
    RawDb raw(path);
    BOOST_REQUIRE(raw.exec("DROP TRIGGER protection_versions_no_update") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("UPDATE protection_versions SET status = 'dikabulkan'") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("DROP TRIGGER restitution_entries_no_update") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("UPDATE restitution_entries SET amount_rupiah = 99000000 "
                           "WHERE claim_id = 'restitusi-saksi-a' AND position = 1") == SQLITE_OK);
  }
  auto problems = s->verify();
  BOOST_REQUIRE(problems);
  BOOST_TEST(has_problem(*problems, "protection lindung-saksi-a-lpsk v1"));
  BOOST_TEST(has_problem(*problems, "restitution restitusi-saksi-a v1"));
  BOOST_TEST(!has_problem(*problems, "restitution restitusi-lain v1"));
  {
    // An evidence link added behind the store's back is found too.
    RawDb raw(path);
    BOOST_REQUIRE(raw.exec("INSERT INTO restitution_evidence VALUES ('restitusi-lain', 1, 1, 0, 'bukti-palsu')") ==
                  SQLITE_OK);
  }
  problems = s->verify();
  BOOST_TEST(has_problem(*problems, "restitution restitusi-lain v1"));
  {
    // The source of a version removed (foreign keys off, trigger dropped).
    RawDb raw(path);
    BOOST_REQUIRE(raw.exec("DROP TRIGGER sources_no_delete") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("PRAGMA foreign_keys = OFF") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("DELETE FROM sources WHERE sha256 = '" + core::sha256_hex("<p1/>") + "'") == SQLITE_OK);
    // And a version pointer moved onto a version that does not exist.
    BOOST_REQUIRE(raw.exec("UPDATE restitution_claims SET latest_version = 5 WHERE id = 'restitusi-lain'") == SQLITE_OK);
  }
  problems = s->verify();
  BOOST_TEST(has_problem(*problems, "protection lindung-saksi-a-lpsk v1"));
  bool source_missing = false;
  for (const auto& p : *problems)
    source_missing = source_missing || (p.object == "protection lindung-saksi-a-lpsk v1" &&
                                        p.problem.find("is missing") != std::string::npos);
  BOOST_TEST(source_missing);
  BOOST_TEST(has_problem(*problems, "restitution restitusi-lain"));
}

BOOST_FIXTURE_TEST_CASE(migration_from_v3_keeps_data, Fixture) {
  // A v3 store as an earlier berkas left it: migrations 1-3 applied, a person and an item in it.
  const std::string person_source = "<orang v3/>";
  const std::string item_source = "<bap v3/>";
  {
    RawDb raw(path);
    int applied = 0;
    for (const auto& m : store::internal::migrations()) {
      if (m.version > 3) break;
      BOOST_REQUIRE_MESSAGE(raw.exec(m.sql) == SQLITE_OK, raw.message());
      BOOST_REQUIRE(raw.exec("INSERT INTO schema_version VALUES (" + std::to_string(m.version) +
                             ", 'v3 test', '2024-01-01T00:00:00Z')") == SQLITE_OK);
      ++applied;
    }
    BOOST_REQUIRE(applied == 3);
    const std::string ph = core::sha256_hex(person_source), ih = core::sha256_hex(item_source);
    BOOST_REQUIRE(raw.exec("INSERT INTO sources VALUES ('" + ph + "', CAST('" + person_source + "' AS BLOB), " +
                           std::to_string(person_source.size()) + ", '2024-01-01T00:00:00Z')") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("INSERT INTO sources VALUES ('" + ih + "', CAST('" + item_source + "' AS BLOB), " +
                           std::to_string(item_source.size()) + ", '2024-01-01T00:00:00Z')") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("INSERT INTO changes (kind, object_id, at) VALUES ('person', 'org-lama', 'x'), "
                           "('item', 'bap-lama', 'x')") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("INSERT INTO persons VALUES ('org-lama', 'Nama Lama', 'Saksi L', 'saksi', 1, 'P', '', '', "
                           "'Indonesia', 0, 1, '" + ph + "', 1)") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("INSERT INTO items VALUES ('bap-lama', 'bap', 'perkara-lama', 1, '" + ih + "')") == SQLITE_OK);
    BOOST_REQUIRE_MESSAGE(raw.exec("INSERT INTO item_versions VALUES ('bap-lama', 1, 'bap', 'perkara-lama', 'BAP lama', "
                                   "'2023-01-01', '', '', 'org-lama', '', '', '', 1, 0, '" + ih +
                                   "', 2, '2024-01-01T00:00:00Z')") == SQLITE_OK,
                          raw.message());
    BOOST_TEST(raw.scalar("SELECT max(version) FROM schema_version") == "3");
  }
  {
    auto s = open(OpenMode::must_exist);
    BOOST_TEST(s->schema_version() == 7);
    auto p = s->person("org-lama");
    BOOST_REQUIRE_MESSAGE(p, (p ? "" : p.error().describe()));
    BOOST_TEST(p->pseudonym == "Saksi L");
    BOOST_TEST(p->companion_id.empty());
    BOOST_TEST(p->organisation.empty());
    auto it = s->item("bap-lama");
    BOOST_REQUIRE(it);
    BOOST_TEST(it->about_person_ids.empty());
    BOOST_TEST(*s->items_about("org-lama") == (std::vector<std::string>{"bap-lama"}));
    BOOST_TEST(s->protections()->empty());
    BOOST_TEST(s->verify()->empty());
    // The new tables work in the migrated file.
    BOOST_TEST(*s->put_protection(sample_measure(), "<p/>") == PutOutcome::created);
    BOOST_TEST(*s->put_restitution(sample_claim(), "<r/>") == PutOutcome::created);
    BOOST_TEST(s->verify()->empty());
  }
  RawDb raw(path);
  BOOST_TEST(raw.scalar("SELECT max(version) FROM schema_version") == "7");
  BOOST_TEST(raw.scalar("SELECT description FROM schema_version WHERE version = 4").find("witness") != std::string::npos);
}
