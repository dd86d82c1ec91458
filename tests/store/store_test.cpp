#define BOOST_TEST_MODULE store
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/hash.h"
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
}  // namespace berkas::core

namespace {

// Every test gets a fresh directory and a real SQLite file in it.
struct Fixture {
  test::TempDir dir;
  std::string path = dir.file("berkas.db");

  std::unique_ptr<Store> open(OpenMode mode = OpenMode::create_if_missing) {
    auto s = Store::open(path, mode);
    BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().describe()));
    return std::move(*s);
  }
};

// A raw sqlite3 connection, for looking under the store and for tampering with it.
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

// ---------------------------------------------------------------- sample objects (every field set)

core::Law sample_law() {
  core::Law law;
  law.id = "uu-21-2007";
  law.title = "Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang";
  law.short_name = "UU 21/2007";
  law.enacted = "2007-04-19";
  law.in_force_from = "2007-04-19";
  law.source = "shared/data/uu-21-2007.txt (BPK JDIH), corrected OCR";
  return law;
}

std::vector<core::Provision> sample_provisions() {
  core::Provision pasal;
  pasal.id = "uu-21-2007/pasal-2";
  pasal.law_id = "uu-21-2007";
  pasal.level = core::Provision::Level::pasal;
  pasal.bab = "II";
  pasal.bab_heading = "TINDAK PIDANA PERDAGANGAN ORANG";
  pasal.pasal = "2";
  pasal.label = "Pasal 2 UU 21/2007";
  pasal.text = "(1) Setiap orang yang melakukan perekrutan ...\n(2) Jika perbuatan ...";
  pasal.penjelasan = "Ayat (1) Dalam ketentuan ini, kata \"untuk tujuan\" ...";
  pasal.ordinal = 2;
  pasal.in_force_from = "2007-04-19";
  pasal.in_force_until = "2026-01-02";
  pasal.successor_id = "uu-1-2023/pasal-455";
  pasal.status_note = "Dicabut oleh UU 1/2023 Pasal 622 ayat (1) huruf m";
  core::Provision ayat1 = pasal;
  ayat1.id = "uu-21-2007/pasal-2/ayat-1";
  ayat1.level = core::Provision::Level::ayat;
  ayat1.parent_id = pasal.id;
  ayat1.ayat = 1;
  ayat1.label = "Pasal 2 ayat (1) UU 21/2007";
  ayat1.text = "Setiap orang yang melakukan perekrutan ...";
  ayat1.ordinal = 3;
  core::Provision pasal1;
  pasal1.id = "uu-21-2007/pasal-1";
  pasal1.law_id = "";  // filled from the law
  pasal1.pasal = "1";
  pasal1.bab = "I";
  pasal1.bab_heading = "KETENTUAN UMUM";
  pasal1.label = "Pasal 1 UU 21/2007";
  pasal1.text = "Dalam Undang-Undang ini yang dimaksud dengan: ...";
  pasal1.ordinal = 1;
  return {ayat1, pasal, pasal1};  // deliberately not in document order
}

core::Case sample_case() {
  core::Case c;
  c.id = "perkara-2024-001";
  c.register_number = "PDM-12/JKT.PST/Eku.2/05/2024";
  c.title = "Perekrutan pekerja ke Kamboja (FIKTIF)";
  c.court = "Pengadilan Negeri Jakarta Pusat";
  c.stage = core::CaseStage::penuntutan;
  c.charged_provisions = {"uu-21-2007/pasal-4", "uu-21-2007/pasal-2/ayat-1"};
  c.destination_country = "kamboja";
  c.recruitment_channel = "media sosial";
  c.offence_date = "2024-01-15";
  c.summary = "Ringkasan perkara.";
  c.fictional = true;
  return c;
}

core::Person sample_person() {
  core::Person p;
  p.id = "org-saksi-a";
  p.name = "Nama Asli Dilindungi";
  p.pseudonym = "Saksi A";
  p.role = core::PersonRole::saksi_korban;
  p.is_protected = true;
  p.case_ids = {"perkara-2024-001", "perkara-2024-002"};
  p.gender = "P";
  p.birth_date = "1999-03-04";
  p.origin = "Kabupaten Indramayu";
  p.language = "Jawa";
  p.needs_interpreter = true;
  p.fictional = true;
  p.identifiers = {{"nik", "3201014108010001"}, {"telepon", "+6285711220000"}};  // FIKTIF
  return p;
}

core::EvidenceItem sample_item(const std::string& id = "bap-korban-a") {
  core::EvidenceItem item;
  item.id = id;
  item.version = 7;  // ignored on input
  item.kind = core::EvidenceKind::keterangan_saksi;
  item.case_id = "perkara-2024-001";
  item.title = "BAP Saksi Korban A";
  item.date = "2024-02-01";
  item.place = "Bareskrim Polri, Jakarta";
  item.examiner = "Penyidik B";
  item.person_id = "org-saksi-a";
  item.summary = "Saksi direkrut melalui media sosial.";
  item.qa = {{1, "Apakah saudara sehat?", "Ya, sehat."}, {2, "Bagaimana saudara direkrut?", "Lewat Facebook.\nDijanjikan gaji."}};
  item.sections = {{"Catatan", "Teks bagian."}, {"", "Tanpa judul."}};
  item.attachments = {{"tangkapan-layar.png", core::sha256_hex("png bytes"), "image/png", 9, "Tangkapan layar"}};
  item.country = "kamboja";
  item.correction_note = "";
  item.fictional = true;
  item.released_for_training = true;
  return item;
}

core::Precedent sample_precedent() {
  core::Precedent p;
  p.id = "133-pid-sus-2025-pn-idm";
  p.number = "133/Pid.Sus/2025/PN Idm";
  p.court = "Pengadilan Negeri Indramayu";
  p.date = "2025-06-10";
  p.defendant = "Terdakwa X";
  p.provisions_charged = {"uu-21-2007/pasal-4", "uu-21-2007/pasal-10"};
  p.provisions_applied = {"uu-21-2007/pasal-4"};
  p.verdict = "terbukti secara sah dan meyakinkan bersalah";
  p.prison_months = 48;
  p.fine_rupiah = 120000000;
  p.restitution_rupiah = 35000000000LL;  // beyond 32 bits
  p.sentence_text = "pidana penjara selama 4 (empat) tahun";
  p.text = "PUTUSAN Nomor 133/Pid.Sus/2025/PN Idm ...";
  p.fictional = false;
  return p;
}

std::vector<core::Citation> cites(std::initializer_list<std::string> ids) {
  std::vector<core::Citation> out;
  std::size_t offset = 10;
  for (const auto& id : ids) out.push_back({id, "Pasal ... (" + id + ")", offset += 100});
  return out;
}

void check_same(const core::EvidenceItem& a, const core::EvidenceItem& b) {
  BOOST_TEST(a.id == b.id);
  BOOST_TEST(code_of(a.kind) == code_of(b.kind));
  BOOST_TEST(a.case_id == b.case_id);
  BOOST_TEST(a.title == b.title);
  BOOST_TEST(a.date == b.date);
  BOOST_TEST(a.place == b.place);
  BOOST_TEST(a.examiner == b.examiner);
  BOOST_TEST(a.person_id == b.person_id);
  BOOST_TEST(a.summary == b.summary);
  BOOST_REQUIRE(a.qa.size() == b.qa.size());
  for (std::size_t i = 0; i < a.qa.size(); ++i) {
    BOOST_TEST(a.qa[i].number == b.qa[i].number);
    BOOST_TEST(a.qa[i].question == b.qa[i].question);
    BOOST_TEST(a.qa[i].answer == b.qa[i].answer);
  }
  BOOST_REQUIRE(a.sections.size() == b.sections.size());
  for (std::size_t i = 0; i < a.sections.size(); ++i) {
    BOOST_TEST(a.sections[i].heading == b.sections[i].heading);
    BOOST_TEST(a.sections[i].text == b.sections[i].text);
  }
  BOOST_REQUIRE(a.attachments.size() == b.attachments.size());
  for (std::size_t i = 0; i < a.attachments.size(); ++i) {
    BOOST_TEST(a.attachments[i].name == b.attachments[i].name);
    BOOST_TEST(a.attachments[i].sha256 == b.attachments[i].sha256);
    BOOST_TEST(a.attachments[i].media_type == b.attachments[i].media_type);
    BOOST_TEST(a.attachments[i].size == b.attachments[i].size);
    BOOST_TEST(a.attachments[i].description == b.attachments[i].description);
  }
  BOOST_TEST(a.country == b.country);
  BOOST_TEST(a.correction_note == b.correction_note);
  BOOST_TEST(a.fictional == b.fictional);
  BOOST_TEST(a.released_for_training == b.released_for_training);
}

void check_same(const core::Provision& a, const core::Provision& b) {
  BOOST_TEST(a.id == b.id);
  BOOST_TEST((a.level == b.level));
  BOOST_TEST(a.parent_id == b.parent_id);
  BOOST_TEST(a.bab == b.bab);
  BOOST_TEST(a.bab_heading == b.bab_heading);
  BOOST_TEST(a.pasal == b.pasal);
  BOOST_TEST(a.ayat == b.ayat);
  BOOST_TEST(a.label == b.label);
  BOOST_TEST(a.text == b.text);
  BOOST_TEST(a.penjelasan == b.penjelasan);
  BOOST_TEST(a.ordinal == b.ordinal);
  BOOST_TEST(a.in_force_from == b.in_force_from);
  BOOST_TEST(a.in_force_until == b.in_force_until);
  BOOST_TEST(a.successor_id == b.successor_id);
  BOOST_TEST(a.status_note == b.status_note);
}

}  // namespace

// ---------------------------------------------------------------- opening and schema

BOOST_FIXTURE_TEST_CASE(open_modes, Fixture) {
  auto missing = Store::open(path, OpenMode::must_exist);
  BOOST_REQUIRE(!missing);
  BOOST_TEST(missing.error().code == core::ErrorCode::io);
  BOOST_TEST(!std::filesystem::exists(path));
  BOOST_TEST(!Store::open(path, OpenMode::read_only));

  {
    auto s = open();
    BOOST_TEST(s->schema_version() == 7);
    BOOST_REQUIRE(s->put_case(sample_case(), "<case/>"));
  }
  BOOST_TEST(std::filesystem::exists(path));
  BOOST_TEST(open(OpenMode::must_exist)->get_case("perkara-2024-001").has_value());

  auto ro = open(OpenMode::read_only);
  BOOST_TEST(ro->get_case("perkara-2024-001").has_value());
  auto write = ro->put_case(sample_case(), "<case v='2'/>");
  BOOST_REQUIRE(!write);
  BOOST_TEST(write.error().code == core::ErrorCode::forbidden);
  BOOST_TEST(!ro->begin());
  BOOST_TEST(!ro->audit("system", "init", "", ""));

  auto junk = dir.write("junk.db", std::string(4096, 'x'));
  auto bad = Store::open(junk, OpenMode::must_exist);
  BOOST_REQUIRE(!bad);
  BOOST_TEST(bad.error().code == core::ErrorCode::invalid_input);
}

BOOST_FIXTURE_TEST_CASE(schema_version_and_migrations, Fixture) {
  open();
  {
    RawDb raw(path);
    BOOST_TEST(raw.scalar("SELECT max(version) FROM schema_version") == "7");
    BOOST_TEST(raw.scalar("PRAGMA journal_mode") == "wal");
    // Opening again applies nothing.
    BOOST_TEST(raw.scalar("SELECT count(*) FROM schema_version") == "7");
  }
  BOOST_TEST(open()->schema_version() == 7);
  {
    RawDb raw(path);
    BOOST_TEST(raw.scalar("SELECT count(*) FROM schema_version") == "7");
    BOOST_REQUIRE(raw.exec("INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00Z')") ==
                  SQLITE_OK);
  }
  for (auto mode : {OpenMode::create_if_missing, OpenMode::read_only}) {
    auto newer = Store::open(path, mode);
    BOOST_REQUIRE(!newer);
    BOOST_TEST(newer.error().code == core::ErrorCode::invalid_input);
    BOOST_TEST(newer.error().message.find("99 is newer") != std::string::npos, newer.error().message);
  }

  // A SQLite file that is not ours is refused, not migrated.
  const auto other = dir.file("other.db");
  {
    RawDb raw(other);
    BOOST_REQUIRE(raw.exec("CREATE TABLE t (x)") == SQLITE_OK);
  }
  auto foreign = Store::open(other, OpenMode::must_exist);
  BOOST_REQUIRE(!foreign);
  BOOST_TEST(foreign.error().message.find("not a Berkas store") != std::string::npos);
}

// ---------------------------------------------------------------- round trips

BOOST_FIXTURE_TEST_CASE(law_round_trip_and_replace, Fixture) {
  auto s = open();
  const auto law = sample_law();
  auto provisions = sample_provisions();
  const std::string source = "<law id='uu-21-2007'/>";
  BOOST_TEST(*s->put_law(law, provisions, source) == PutOutcome::created);
  BOOST_TEST(*s->put_law(law, provisions, source) == PutOutcome::unchanged);

  auto got = s->law(law.id);
  BOOST_REQUIRE(got);
  BOOST_TEST(got->id == law.id);
  BOOST_TEST(got->title == law.title);
  BOOST_TEST(got->short_name == law.short_name);
  BOOST_TEST(got->enacted == law.enacted);
  BOOST_TEST(got->in_force_from == law.in_force_from);
  BOOST_TEST(got->source == law.source);
  BOOST_TEST(s->laws()->size() == 1u);
  BOOST_TEST(*s->source(core::sha256_hex(source)) == source);

  auto listed = s->provisions(law.id);
  BOOST_REQUIRE(listed);
  BOOST_REQUIRE(listed->size() == 3u);
  // Document order, whatever order they were put in.
  BOOST_TEST((*listed)[0].id == "uu-21-2007/pasal-1");
  BOOST_TEST((*listed)[0].law_id == law.id);
  check_same((*listed)[1], provisions[1]);
  check_same((*listed)[2], provisions[0]);
  auto ayat = s->provision("uu-21-2007/pasal-2/ayat-1");
  BOOST_REQUIRE(ayat);
  check_same(*ayat, provisions[0]);
  BOOST_TEST(ayat->law_id == law.id);
  BOOST_TEST(s->provision("uu-21-2007/pasal-99").error().code == core::ErrorCode::not_found);
  BOOST_TEST(s->law("uu-0-0").error().code == core::ErrorCode::not_found);
  BOOST_TEST(s->provisions("uu-0-0").error().code == core::ErrorCode::not_found);

  // New bytes replace the law and all its provisions; the old source is kept.
  provisions.pop_back();
  BOOST_TEST(*s->put_law(law, provisions, source + " ") == PutOutcome::new_version);
  BOOST_TEST(s->provisions(law.id)->size() == 2u);
  BOOST_TEST(!s->provision("uu-21-2007/pasal-1"));
  BOOST_TEST(s->source(core::sha256_hex(source)).has_value());

  // A provision of another law is refused and changes nothing.
  auto wrong = provisions;
  wrong[0].law_id = "uu-1-2023";
  auto refused = s->put_law(law, wrong, "other bytes");
  BOOST_REQUIRE(!refused);
  BOOST_TEST(refused.error().code == core::ErrorCode::invalid_input);
  BOOST_TEST(s->provisions(law.id)->size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(case_and_person_round_trip, Fixture) {
  auto s = open();
  auto c = sample_case();
  BOOST_TEST(*s->put_case(c, "case v1") == PutOutcome::created);
  BOOST_TEST(*s->put_case(c, "case v1") == PutOutcome::unchanged);
  auto got = s->get_case(c.id);
  BOOST_REQUIRE(got);
  BOOST_TEST(got->register_number == c.register_number);
  BOOST_TEST(got->title == c.title);
  BOOST_TEST(got->court == c.court);
  BOOST_TEST((got->stage == c.stage));
  BOOST_TEST(got->charged_provisions == c.charged_provisions);
  BOOST_TEST(got->destination_country == c.destination_country);
  BOOST_TEST(got->recruitment_channel == c.recruitment_channel);
  BOOST_TEST(got->offence_date == c.offence_date);
  BOOST_TEST(got->summary == c.summary);
  BOOST_TEST(got->fictional == c.fictional);
  BOOST_TEST(got->source_sha256 == core::sha256_hex("case v1"));

  c.stage = core::CaseStage::persidangan;
  c.charged_provisions = {"uu-21-2007/pasal-2"};
  BOOST_TEST(*s->put_case(c, "case v2") == PutOutcome::new_version);
  got = s->get_case(c.id);
  BOOST_TEST((got->stage == core::CaseStage::persidangan));
  BOOST_TEST(got->charged_provisions == c.charged_provisions);
  BOOST_TEST(s->cases()->size() == 1u);
  BOOST_TEST(s->source(core::sha256_hex("case v1")).has_value());
  BOOST_TEST(s->get_case("nope").error().code == core::ErrorCode::not_found);

  auto p = sample_person();
  BOOST_TEST(*s->put_person(p, "person") == PutOutcome::created);
  auto other = sample_person();
  other.id = "org-ahli-b";
  other.role = core::PersonRole::ahli;
  other.is_protected = false;
  other.needs_interpreter = false;
  other.fictional = false;
  other.case_ids = {"perkara-2024-002"};
  BOOST_TEST(*s->put_person(other, "other person") == PutOutcome::created);
  auto gp = s->person(p.id);
  BOOST_REQUIRE(gp);
  BOOST_TEST(gp->name == p.name);
  BOOST_TEST(gp->pseudonym == p.pseudonym);
  BOOST_TEST((gp->role == p.role));
  BOOST_TEST(gp->is_protected == p.is_protected);
  BOOST_TEST(gp->case_ids == p.case_ids);
  BOOST_TEST(gp->gender == p.gender);
  BOOST_TEST(gp->birth_date == p.birth_date);
  BOOST_TEST(gp->origin == p.origin);
  BOOST_TEST(gp->language == p.language);
  BOOST_TEST(gp->needs_interpreter == p.needs_interpreter);
  BOOST_TEST(gp->fictional == p.fictional);
  BOOST_REQUIRE(gp->identifiers.size() == 2u);
  BOOST_TEST(gp->identifiers[0].kind == "nik");
  BOOST_TEST(gp->identifiers[0].value == "3201014108010001");
  BOOST_TEST(gp->identifiers[1].value == "+6285711220000");
  BOOST_TEST(gp->source_sha256 == core::sha256_hex("person"));
  BOOST_TEST(s->persons()->size() == 2u);
  auto in_case = s->persons("perkara-2024-001");
  BOOST_REQUIRE(in_case->size() == 1u);
  BOOST_TEST((*in_case)[0].id == p.id);
  BOOST_TEST(s->persons("perkara-2024-002")->size() == 2u);
  BOOST_TEST(s->person("nope").error().code == core::ErrorCode::not_found);
}

BOOST_FIXTURE_TEST_CASE(item_round_trip_and_versions, Fixture) {
  auto s = open();
  const auto item = sample_item();
  const auto citations = cites({"uu-21-2007/pasal-2/ayat-1", "uu-21-2007/pasal-4"});
  BOOST_TEST(*s->put_item(item, citations, "<bap v1/>") == PutOutcome::created);
  const auto seq1 = s->last_seq();
  BOOST_TEST(*s->put_item(item, citations, "<bap v1/>") == PutOutcome::unchanged);
  BOOST_TEST(s->last_seq() == seq1);

  auto got = s->item(item.id);
  BOOST_REQUIRE(got);
  check_same(*got, item);
  BOOST_TEST(got->version == 1);
  BOOST_TEST(got->seq == seq1);
  BOOST_TEST(got->source_sha256 == core::sha256_hex("<bap v1/>"));
  auto got_cites = s->item_citations(item.id);
  BOOST_REQUIRE(got_cites->size() == 2u);
  BOOST_TEST((*got_cites)[1].provision_id == citations[1].provision_id);
  BOOST_TEST((*got_cites)[1].raw == citations[1].raw);
  BOOST_TEST((*got_cites)[1].offset == citations[1].offset);

  auto corrected = item;
  corrected.qa.push_back({3, "Tambahan?", "Tidak ada."});
  corrected.correction_note = "Jawaban 3 ditambahkan setelah pemeriksaan lanjutan";
  corrected.attachments.clear();
  BOOST_TEST(*s->put_item(corrected, cites({"uu-21-2007/pasal-4"}), "<bap v2/>") == PutOutcome::new_version);
  auto v2 = s->item(item.id);
  BOOST_REQUIRE(v2);
  BOOST_TEST(v2->version == 2);
  BOOST_TEST(v2->seq > seq1);
  check_same(*v2, corrected);
  // The old version is still there, unchanged, with its own citations.
  auto v1 = s->item(item.id, 1);
  BOOST_REQUIRE(v1);
  check_same(*v1, item);
  BOOST_TEST(s->item_citations(item.id, 1)->size() == 2u);
  BOOST_TEST(s->item_citations(item.id)->size() == 1u);
  BOOST_TEST(s->item(item.id, 3).error().code == core::ErrorCode::not_found);
  BOOST_TEST(s->item("nope").error().code == core::ErrorCode::not_found);

  auto versions = s->item_versions(item.id);
  BOOST_REQUIRE(versions->size() == 2u);
  BOOST_TEST((*versions)[0].version == 1);
  BOOST_TEST((*versions)[0].superseded);
  BOOST_TEST((*versions)[0].source_sha256 == core::sha256_hex("<bap v1/>"));
  BOOST_TEST((*versions)[1].version == 2);
  BOOST_TEST(!(*versions)[1].superseded);
  BOOST_TEST((*versions)[1].correction_note == corrected.correction_note);
  BOOST_TEST((*versions)[1].ingested_at.size() == 20u);  // "YYYY-MM-DDTHH:MM:SSZ"

  // The first version's bytes again change nothing: an old file re-ingested (a folder holding
  // the original and its correction) never becomes current again. A revert is a new file.
  BOOST_TEST(*s->put_item(item, citations, "<bap v1/>") == PutOutcome::unchanged);
  BOOST_TEST(s->item(item.id)->version == 2);
  BOOST_TEST(*s->put_item(item, citations, "<bap v3 reverts to v1/>") == PutOutcome::new_version);
  BOOST_TEST(s->item(item.id)->version == 3);

  auto other = sample_item("surat-kontrak");
  other.kind = core::EvidenceKind::surat;
  other.case_id = "perkara-2024-002";
  other.qa.clear();
  BOOST_TEST(*s->put_item(other, {}, "<surat/>") == PutOutcome::created);
  auto all = s->items();
  BOOST_REQUIRE(all->size() == 2u);
  BOOST_TEST((*all)[0].id == "bap-korban-a");
  BOOST_TEST((*all)[0].version == 3);
  auto in_case = s->items("perkara-2024-002");
  BOOST_REQUIRE(in_case->size() == 1u);
  check_same((*in_case)[0], other);
  BOOST_TEST(s->items("perkara-none")->empty());

  // A declared hash that is not the bytes' is refused.
  auto lying = sample_item("bap-lying");
  lying.source_sha256 = core::sha256_hex("something else");
  auto refused = s->put_item(lying, {}, "<bap/>");
  BOOST_REQUIRE(!refused);
  BOOST_TEST(refused.error().code == core::ErrorCode::integrity);
}

BOOST_FIXTURE_TEST_CASE(item_may_not_change_kind_or_case, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_item(sample_item(), {}, "v1"));
  const auto seq = s->last_seq();

  auto kind_changed = sample_item();
  kind_changed.kind = core::EvidenceKind::keterangan_ahli;
  auto r = s->put_item(kind_changed, {}, "v2");
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().code == core::ErrorCode::conflict);
  BOOST_TEST(r.error().field == "kind");

  auto case_changed = sample_item();
  case_changed.case_id = "perkara-lain";
  r = s->put_item(case_changed, {}, "v2");
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().code == core::ErrorCode::conflict);
  BOOST_TEST(r.error().field == "case_id");

  BOOST_TEST(s->last_seq() == seq);
  BOOST_TEST(s->item_versions("bap-korban-a")->size() == 1u);
  BOOST_TEST(!s->source(core::sha256_hex("v2")));
}

BOOST_FIXTURE_TEST_CASE(precedent_round_trip, Fixture) {
  auto s = open();
  const auto p = sample_precedent();
  const auto citations = cites({"uu-21-2007/pasal-4", "uu-21-2007/pasal-48/ayat-1"});
  BOOST_TEST(*s->put_precedent(p, citations, "PUTUSAN ...") == PutOutcome::created);
  BOOST_TEST(*s->put_precedent(p, citations, "PUTUSAN ...") == PutOutcome::unchanged);
  auto got = s->precedent(p.id);
  BOOST_REQUIRE(got);
  BOOST_TEST(got->number == p.number);
  BOOST_TEST(got->court == p.court);
  BOOST_TEST(got->date == p.date);
  BOOST_TEST(got->defendant == p.defendant);
  BOOST_TEST(got->provisions_charged == p.provisions_charged);
  BOOST_TEST(got->provisions_applied == p.provisions_applied);
  BOOST_TEST(got->verdict == p.verdict);
  BOOST_TEST(got->prison_months == p.prison_months);
  BOOST_TEST(got->fine_rupiah == p.fine_rupiah);
  BOOST_TEST(got->restitution_rupiah == p.restitution_rupiah);
  BOOST_TEST(got->sentence_text == p.sentence_text);
  BOOST_TEST(got->text == p.text);
  BOOST_TEST(got->fictional == p.fictional);
  BOOST_TEST(got->source_sha256 == core::sha256_hex("PUTUSAN ..."));
  auto got_cites = s->precedent_citations(p.id);
  BOOST_REQUIRE(got_cites->size() == 2u);
  BOOST_TEST((*got_cites)[1].provision_id == citations[1].provision_id);
  BOOST_TEST((*got_cites)[1].offset == citations[1].offset);
  BOOST_TEST(s->precedents()->size() == 1u);

  auto revised = p;
  revised.provisions_applied = {"uu-21-2007/pasal-2/ayat-1"};
  BOOST_TEST(*s->put_precedent(revised, {}, "PUTUSAN (corrected) ...") == PutOutcome::new_version);
  got = s->precedent(p.id);
  BOOST_TEST(got->provisions_applied == revised.provisions_applied);
  BOOST_TEST(s->precedent_citations(p.id)->empty());
  BOOST_TEST(s->precedent("nope").error().code == core::ErrorCode::not_found);
  BOOST_TEST(s->precedent_citations("nope").error().code == core::ErrorCode::not_found);
}

// Each defendant's outcome, sentence and demand come back as put; the same bytes with fields
// from a newer decision reader replace the old ones (and only then).
BOOST_FIXTURE_TEST_CASE(precedent_outcomes_round_trip_and_newer_reader, Fixture) {
  auto s = open();
  auto p = sample_precedent();
  p.deliberated = "2025-03-03";
  p.pronounced = "2025-03-05";
  p.ruling_kind = "putusan";
  p.reader = 1;
  core::DefendantOutcome a;
  a.defendant = "Terdakwa I FIKTIF";
  a.outcome = core::Outcome::bersalah;
  a.count = "dakwaan kesatu subsidair";
  a.counts_not_proven = "dakwaan kesatu primair";
  a.sentence.prison = {3, 6, 15};
  a.sentence.fine_rupiah = 120000000;
  a.sentence.fine_substitute = {0, 3, 0};
  a.sentence.restitution_rupiah = 25500000;
  a.sentence.restitution_per_victim = {10000000, 15500000};
  a.sentence.restitution_joint = true;
  a.sentence.restitution_substitute = {0, 2, 0};
  core::Penalty demand;
  demand.prison = {5, 0, 0};
  demand.fine_substitute = {0, 0, 190};
  a.demand = demand;
  core::DefendantOutcome b;
  b.defendant = "Terdakwa II FIKTIF";
  b.outcome = core::Outcome::bebas;
  p.outcomes = {a, b};
  BOOST_TEST(*s->put_precedent(p, {}, "PUTUSAN ...") == PutOutcome::created);
  auto got = s->precedent(p.id);
  BOOST_REQUIRE(got);
  BOOST_TEST(got->deliberated == "2025-03-03");
  BOOST_TEST(got->pronounced == "2025-03-05");
  BOOST_TEST(got->ruling_kind == "putusan");
  BOOST_TEST(got->reader == 1);
  BOOST_TEST_REQUIRE(got->outcomes.size() == 2u);
  BOOST_TEST((got->outcomes[0] == a));
  BOOST_TEST((got->outcomes[1] == b));
  BOOST_TEST(!got->outcomes[1].demand.has_value());
  BOOST_TEST(s->precedents_read_before(2)->size() == 1u);
  BOOST_TEST(s->precedents_read_before(1)->empty());

  // The same bytes, the same reader: unchanged. A newer reader: its fields replace the old.
  BOOST_TEST(*s->put_precedent(p, {}, "PUTUSAN ...") == PutOutcome::unchanged);
  p.reader = 2;
  p.outcomes = {b};
  BOOST_TEST(*s->put_precedent(p, {}, "PUTUSAN ...") == PutOutcome::new_version);
  got = s->precedent(p.id);
  BOOST_TEST(got->outcomes.size() == 1u);
  BOOST_TEST(got->reader == 2);
  BOOST_TEST(s->precedents_read_before(2)->empty());
  // An older reader never overwrites a newer one's fields.
  p.reader = 1;
  BOOST_TEST(*s->put_precedent(p, {}, "PUTUSAN ...") == PutOutcome::unchanged);
}

// ---------------------------------------------------------------- transactions

BOOST_FIXTURE_TEST_CASE(rollback_leaves_nothing, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_case(sample_case(), "case"));
  const auto seq = s->last_seq();

  BOOST_REQUIRE(s->begin());
  BOOST_TEST(!s->begin());  // no nesting
  BOOST_REQUIRE(s->put_item(sample_item(), cites({"uu-21-2007/pasal-2"}), "<bap/>"));
  BOOST_REQUIRE(s->audit("cli:jaksa", "ingest", "bap-korban-a", "1 item"));
  BOOST_TEST(s->item("bap-korban-a").has_value());  // visible inside the transaction
  s->rollback();
  s->rollback();  // harmless when none is open

  BOOST_TEST(s->item("bap-korban-a").error().code == core::ErrorCode::not_found);
  BOOST_TEST(s->last_seq() == seq);
  BOOST_TEST(s->changes_since(seq)->empty());
  BOOST_TEST(!s->source(core::sha256_hex("<bap/>")));
  BOOST_TEST(s->items_citing("uu-21-2007/pasal-2")->empty());
  BOOST_TEST(s->audit_log()->empty());
  BOOST_TEST(!s->commit());  // nothing to commit
}

BOOST_FIXTURE_TEST_CASE(failed_put_inside_transaction_leaves_it_usable, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->begin());
  BOOST_REQUIRE(s->put_item(sample_item("a"), {}, "a"));
  auto bad = sample_item("a");
  bad.kind = core::EvidenceKind::surat;
  BOOST_TEST(!s->put_item(bad, {}, "a2"));
  // A provision id used twice in one law fails half-way through its inserts.
  auto provisions = sample_provisions();
  provisions.push_back(provisions[0]);
  auto dup = s->put_law(sample_law(), provisions, "law");
  BOOST_REQUIRE(!dup);
  BOOST_TEST(dup.error().code == core::ErrorCode::conflict);
  BOOST_REQUIRE(s->put_item(sample_item("b"), {}, "b"));
  BOOST_REQUIRE(s->commit());

  BOOST_TEST(s->items()->size() == 2u);
  BOOST_TEST(s->laws()->empty());
  BOOST_TEST(s->counts()->provisions == 0);
  BOOST_TEST(s->changes_since(0)->size() == 2u);
}

// ---------------------------------------------------------------- change log

BOOST_FIXTURE_TEST_CASE(changes_since_gives_latest_per_object, Fixture) {
  auto s = open();
  BOOST_TEST(s->last_seq() == 0);
  BOOST_REQUIRE(s->put_case(sample_case(), "case"));                 // 1
  BOOST_REQUIRE(s->put_item(sample_item(), {}, "item v1"));          // 2
  BOOST_REQUIRE(s->put_person(sample_person(), "person"));           // 3
  BOOST_REQUIRE(s->put_item(sample_item(), {}, "item v2"));          // 4
  BOOST_REQUIRE(s->put_item(sample_item(), {}, "item v2"));          // unchanged
  BOOST_REQUIRE(s->put_law(sample_law(), sample_provisions(), "law"));  // 5
  BOOST_REQUIRE(s->put_precedent(sample_precedent(), {}, "putusan"));  // 6
  BOOST_TEST(s->last_seq() == 6);

  auto all = s->changes_since(0);
  BOOST_REQUIRE(all->size() == 5u);
  std::vector<std::string> order;
  for (const auto& c : *all) order.push_back(c.kind + ":" + c.object_id + "@" + std::to_string(c.seq));
  const std::vector<std::string> expected = {"case:perkara-2024-001@1", "person:org-saksi-a@3",
                                             "item:bap-korban-a@4", "law:uu-21-2007@5",
                                             "precedent:133-pid-sus-2025-pn-idm@6"};
  BOOST_TEST(order == expected, boost::test_tools::per_element());

  auto tail = s->changes_since(3);
  BOOST_REQUIRE(tail->size() == 3u);
  BOOST_TEST((*tail)[0].kind == "item");
  BOOST_TEST((*tail)[0].seq == 4);
  BOOST_TEST(s->changes_since(6)->empty());
  BOOST_TEST(s->item("bap-korban-a")->seq == 4);
}

// ---------------------------------------------------------------- citations

BOOST_FIXTURE_TEST_CASE(citing_a_pasal_finds_its_ayat, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_item(sample_item("cites-ayat"), cites({"uu-21-2007/pasal-2/ayat-1"}), "1"));
  BOOST_REQUIRE(s->put_item(sample_item("cites-pasal"), cites({"uu-21-2007/pasal-2", "uu-21-2007/pasal-2/ayat-2"}),
                            "2"));
  BOOST_REQUIRE(s->put_item(sample_item("cites-pasal-20"), cites({"uu-21-2007/pasal-20"}), "3"));
  BOOST_REQUIRE(s->put_item(sample_item("cites-kuhp"), cites({"uu-1-2023/pasal-455/ayat-1"}), "4"));

  const std::vector<std::string> pasal2 = {"cites-ayat", "cites-pasal"};
  BOOST_TEST(*s->items_citing("uu-21-2007/pasal-2") == pasal2, boost::test_tools::per_element());
  const std::vector<std::string> ayat1 = {"cites-ayat"};
  BOOST_TEST(*s->items_citing("uu-21-2007/pasal-2/ayat-1") == ayat1, boost::test_tools::per_element());
  BOOST_TEST(s->items_citing("uu-21-2007/pasal-20")->size() == 1u);
  // Unshipped provisions can be cited and found.
  BOOST_TEST(s->items_citing("uu-1-2023/pasal-455")->size() == 1u);
  BOOST_TEST(s->items_citing("uu-21-2007/pasal-99")->empty());

  // Only latest versions count: a correction that drops the citation removes the item.
  BOOST_REQUIRE(s->put_item(sample_item("cites-ayat"), {}, "1 corrected"));
  const std::vector<std::string> now_pasal2 = {"cites-pasal"};
  BOOST_TEST(*s->items_citing("uu-21-2007/pasal-2") == now_pasal2, boost::test_tools::per_element());

  auto p = sample_precedent();  // charges pasal-4 and pasal-10, applies pasal-4
  BOOST_REQUIRE(s->put_precedent(p, cites({"uu-21-2007/pasal-2/ayat-1"}), "putusan"));
  auto other = sample_precedent();
  other.id = "1-pid-sus-2024-pn-jkt-pst";
  other.provisions_charged = {"uu-21-2007/pasal-10"};
  other.provisions_applied = {};
  BOOST_REQUIRE(s->put_precedent(other, {}, "putusan 2"));
  BOOST_TEST(s->precedents_citing("uu-21-2007/pasal-2")->size() == 1u);
  BOOST_TEST(s->precedents_citing("uu-21-2007/pasal-4")->size() == 1u);
  BOOST_TEST(s->precedents_citing("uu-21-2007/pasal-10")->size() == 2u);
  BOOST_TEST(s->precedents_citing("uu-21-2007/pasal-1")->empty());
  BOOST_TEST(s->counts()->citations == 6);  // every version's citations are kept
}

// ---------------------------------------------------------------- attachments

BOOST_FIXTURE_TEST_CASE(attachments_are_content_addressed, Fixture) {
  auto s = open();
  const std::string bytes("%PDF-1.7\0binary\xff", 16);
  const auto key = core::sha256_hex(bytes);
  BOOST_REQUIRE(s->put_attachment(key, bytes));
  BOOST_REQUIRE(s->put_attachment(key, bytes));  // present: no-op
  BOOST_TEST(*s->attachment(key) == bytes);
  BOOST_TEST(s->counts()->attachments == 1);

  auto mismatch = s->put_attachment(core::sha256_hex("other"), bytes);
  BOOST_REQUIRE(!mismatch);
  BOOST_TEST(mismatch.error().code == core::ErrorCode::integrity);
  auto bad_key = s->put_attachment("ABC", bytes);
  BOOST_REQUIRE(!bad_key);
  BOOST_TEST(bad_key.error().code == core::ErrorCode::invalid_input);
  BOOST_TEST(s->attachment(core::sha256_hex("other")).error().code == core::ErrorCode::not_found);

  BOOST_REQUIRE(s->put_attachment(core::sha256_hex(""), ""));
  BOOST_TEST(s->attachment(core::sha256_hex(""))->empty());

  // An item naming an attachment whose bytes are not stored is reported by verify.
  BOOST_REQUIRE(s->put_item(sample_item(), {}, "<bap/>"));
  auto problems = s->verify();
  BOOST_REQUIRE(problems);
  BOOST_TEST(has_problem(*problems, "item bap-korban-a v1"));
  BOOST_REQUIRE(s->put_attachment(core::sha256_hex("png bytes"), "png bytes"));
  BOOST_TEST(s->verify()->empty());
}

// ---------------------------------------------------------------- audit and verify

BOOST_FIXTURE_TEST_CASE(audit_chain_and_tamper_detection, Fixture) {
  auto s = open();
  auto e1 = s->audit("system", "init", "", "store created");
  auto e2 = s->audit("cli:jaksa", "ingest", "bap-korban-a", "1 item\nwith a newline: and colon");
  BOOST_REQUIRE(s->begin());
  auto e3 = s->audit("cli:jaksa", "verify", "", "");
  BOOST_REQUIRE(s->commit());
  BOOST_REQUIRE(e1);
  BOOST_REQUIRE(e2);
  BOOST_REQUIRE(e3);
  BOOST_TEST(e1->seq == 1);
  BOOST_TEST(e1->prev_hash == std::string(64, '0'));
  BOOST_TEST(e2->prev_hash == e1->hash);
  BOOST_TEST(e3->prev_hash == e2->hash);
  BOOST_TEST(e1->time.back() == 'Z');

  auto log = s->audit_log();
  BOOST_REQUIRE(log->size() == 3u);
  BOOST_TEST((*log)[1].detail == e2->detail);
  BOOST_TEST((*log)[1].hash == e2->hash);
  BOOST_TEST(s->audit_log(1, 1)->size() == 1u);
  BOOST_TEST(s->audit_log(1, 1)->front().seq == 2);
  BOOST_TEST(s->counts()->audit_events == 3);
  BOOST_TEST(s->verify()->empty());

  {
    RawDb raw(path);
    BOOST_TEST(raw.exec("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2") != SQLITE_OK);
    BOOST_TEST(raw.exec("DELETE FROM audit_log WHERE seq = 3") != SQLITE_OK);
    // Someone with raw access removes the guard first.
    BOOST_REQUIRE(raw.exec("DROP TRIGGER audit_log_no_update") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2") == SQLITE_OK);
  }
  auto problems = s->verify();
  BOOST_REQUIRE(problems);
  BOOST_TEST(has_problem(*problems, "audit #2"));
  BOOST_TEST(!has_problem(*problems, "audit #1"));

  {
    // Re-hashing the altered event just moves the break to the next link.
    RawDb raw(path);
    core::AuditEvent forged = (*log)[1];
    forged.detail = "nothing happened";
    core::Sha256 h;
    h.update("berkas-audit-v1\n");
    for (const std::string& f : {forged.prev_hash, std::to_string(forged.seq), forged.time, forged.actor,
                                 forged.action, forged.object, forged.detail}) {
      h.update(std::to_string(f.size()) + ":");
      h.update(f);
      h.update("\n");
    }
    BOOST_REQUIRE(raw.exec("UPDATE audit_log SET hash = '" + h.hex_digest() + "' WHERE seq = 2") == SQLITE_OK);
  }
  problems = s->verify();
  BOOST_TEST(!has_problem(*problems, "audit #2"));  // the canonical form is the documented one
  BOOST_TEST(has_problem(*problems, "audit #3"));
}

BOOST_FIXTURE_TEST_CASE(verify_detects_tampered_source_and_missing_versions, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_item(sample_item(), {}, "<bap>original</bap>"));
  BOOST_REQUIRE(s->put_attachment(core::sha256_hex("png bytes"), "png bytes"));
  BOOST_REQUIRE(s->audit("system", "init", "", ""));
  BOOST_TEST(s->verify()->empty());
  const auto key = core::sha256_hex("<bap>original</bap>");
  {
    RawDb raw(path);
    BOOST_REQUIRE(raw.exec("DROP TRIGGER sources_no_update") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("UPDATE sources SET bytes = CAST('<bap>forged</bap>' AS BLOB)") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("DROP TRIGGER attachments_no_update") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("UPDATE attachments SET bytes = CAST('other' AS BLOB)") == SQLITE_OK);
  }
  auto problems = s->verify();
  BOOST_REQUIRE(problems);
  BOOST_TEST(has_problem(*problems, "source " + key));
  BOOST_TEST(has_problem(*problems, "attachment " + core::sha256_hex("png bytes")));
  {
    RawDb raw(path);
    BOOST_REQUIRE(raw.exec("DROP TRIGGER sources_no_delete") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("PRAGMA foreign_keys = OFF") == SQLITE_OK);
    BOOST_REQUIRE(raw.exec("DELETE FROM sources") == SQLITE_OK);
  }
  problems = s->verify();
  BOOST_TEST(has_problem(*problems, "item bap-korban-a v1"));
}

BOOST_FIXTURE_TEST_CASE(raw_update_of_evidence_is_rejected, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_item(sample_item(), cites({"uu-21-2007/pasal-2"}), "<bap/>"));
  BOOST_REQUIRE(s->put_attachment(core::sha256_hex("png bytes"), "png bytes"));
  RawDb raw(path);
  BOOST_TEST(raw.exec("UPDATE item_versions SET title = 'diubah' WHERE item_id = 'bap-korban-a'") ==
             SQLITE_CONSTRAINT);
  BOOST_TEST(raw.message().find("immutable") != std::string::npos, raw.message());
  BOOST_TEST(raw.exec("DELETE FROM item_versions") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("UPDATE item_qa SET answer = 'lain'") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("DELETE FROM item_citations") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("UPDATE sources SET size = 0") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("DELETE FROM attachments") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("UPDATE items SET kind = 'surat'") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("UPDATE items SET latest_version = 0") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("DELETE FROM changes") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.scalar("SELECT title FROM item_versions") == "BAP Saksi Korban A");
  BOOST_TEST(s->verify()->empty());
}

BOOST_FIXTURE_TEST_CASE(native_item_keeps_its_original_and_units_immutably, Fixture) {
  auto s = open();
  auto item = sample_item("surat-pdf-1");
  item.kind = core::EvidenceKind::surat;
  item.qa.clear();
  item.original.file_name = "surat-pdf-1.pdf";
  item.original.media_type = "application/pdf";
  item.original.format = "pdf";
  item.original.metadata = {{"pdf.pages", "2"}, {"pdf.title", "Surat\ttawaran\nkerja"}};
  core::TextUnit page1{1, "text-layer", -1, "", "", false, "", "Halaman pertama."};
  core::TextUnit page2{2, "ocr", 87.46, "", "", false, "", "Halaman kedua\ndipindai."};
  core::TextUnit message{3, "parsed", -1, "2024-02-12T09:15", "Perekrut (FIKTIF)", false, "IMG-1.jpg", "Foto paspor"};
  item.units = {page1, page2, message};
  BOOST_REQUIRE(s->put_attachment(core::sha256_hex("png bytes"), "png bytes"));
  BOOST_REQUIRE(s->put_item(item, {}, "%PDF-1.4 fictional"));
  auto back = s->item("surat-pdf-1");
  BOOST_REQUIRE(back);
  BOOST_TEST(back->original.file_name == "surat-pdf-1.pdf");
  BOOST_TEST(back->original.media_type == "application/pdf");
  BOOST_TEST(back->original.format == "pdf");
  BOOST_REQUIRE(back->original.metadata.size() == 2u);
  BOOST_TEST(back->original.metadata[1].second == "Surat tawaran kerja");  // one line each
  BOOST_REQUIRE(back->units.size() == 3u);
  BOOST_TEST(back->units[0].method == "text-layer");
  BOOST_TEST(back->units[0].confidence == -1.0);
  BOOST_TEST(back->units[1].confidence == 87.5);  // kept to a tenth
  BOOST_TEST(back->units[1].text == "Halaman kedua\ndipindai.");
  BOOST_TEST(back->units[2].sender == "Perekrut (FIKTIF)");
  BOOST_TEST(back->units[2].time == "2024-02-12T09:15");
  BOOST_TEST(back->units[2].media == "IMG-1.jpg");
  BOOST_TEST(back->full_text().find("dipindai") != std::string::npos);
  // An XML item has no original info and no units.
  BOOST_REQUIRE(s->put_item(sample_item(), {}, "<bap/>"));
  BOOST_TEST(s->item("bap-korban-a")->original.empty());
  BOOST_TEST(s->item("bap-korban-a")->units.empty());
  // Derived text is as immutable as the version it belongs to; a bad method is refused.
  RawDb raw(path);
  BOOST_TEST(raw.exec("UPDATE item_units SET text = 'lain'") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("DELETE FROM item_units") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("UPDATE item_originals SET file_name = 'x.pdf'") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("DELETE FROM item_originals") == SQLITE_CONSTRAINT);
  auto bad = sample_item("surat-pdf-2");
  bad.units = {{1, "tebakan", -1, "", "", false, "", "x"}};
  BOOST_TEST(!s->put_item(bad, {}, "other bytes"));
  BOOST_TEST(!s->item("surat-pdf-2"));
  BOOST_TEST(s->verify()->empty());
}

// ---------------------------------------------------------------- several Store objects

BOOST_FIXTURE_TEST_CASE(second_store_sees_committed_data, Fixture) {
  auto writer = open();
  auto reader = open(OpenMode::must_exist);
  BOOST_REQUIRE(writer->begin());
  BOOST_REQUIRE(writer->put_attachment(core::sha256_hex("png bytes"), "png bytes"));
  BOOST_REQUIRE(writer->put_item(sample_item(), {}, "<bap/>"));
  // Not yet committed: the other connection does not see it.
  BOOST_TEST(reader->item("bap-korban-a").error().code == core::ErrorCode::not_found);
  BOOST_TEST(reader->last_seq() == 0);
  BOOST_REQUIRE(writer->commit());

  auto got = reader->item("bap-korban-a");
  BOOST_REQUIRE(got);
  check_same(*got, sample_item());
  BOOST_TEST(reader->last_seq() == 1);

  // Both write in turn; the audit chain stays one chain.
  BOOST_REQUIRE(writer->audit("a", "x", "", ""));
  BOOST_REQUIRE(reader->audit("b", "y", "", ""));
  BOOST_REQUIRE(writer->audit("a", "z", "", ""));
  auto log = reader->audit_log();
  BOOST_REQUIRE(log->size() == 3u);
  BOOST_TEST((*log)[2].prev_hash == (*log)[1].hash);
  BOOST_TEST(writer->verify()->empty());

  auto ro = open(OpenMode::read_only);
  BOOST_TEST(ro->items()->size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(counts_of_everything, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_law(sample_law(), sample_provisions(), "law"));
  BOOST_REQUIRE(s->put_case(sample_case(), "case"));
  BOOST_REQUIRE(s->put_person(sample_person(), "person"));
  BOOST_REQUIRE(s->put_item(sample_item(), cites({"uu-21-2007/pasal-2"}), "v1"));
  BOOST_REQUIRE(s->put_item(sample_item(), cites({"uu-21-2007/pasal-2"}), "v2"));
  BOOST_REQUIRE(s->put_precedent(sample_precedent(), cites({"uu-21-2007/pasal-4"}), "putusan"));
  BOOST_REQUIRE(s->put_attachment(core::sha256_hex("png bytes"), "png bytes"));
  BOOST_REQUIRE(s->audit("system", "init", "", ""));
  auto c = s->counts();
  BOOST_REQUIRE(c);
  BOOST_TEST(c->laws == 1);
  BOOST_TEST(c->provisions == 3);
  BOOST_TEST(c->cases == 1);
  BOOST_TEST(c->persons == 1);
  BOOST_TEST(c->items == 1);
  BOOST_TEST(c->item_versions == 2);
  BOOST_TEST(c->precedents == 1);
  BOOST_TEST(c->citations == 3);
  BOOST_TEST(c->attachments == 1);
  BOOST_TEST(c->audit_events == 1);
  BOOST_TEST(s->verify()->empty());
}

// ---------------------------------------------------------------- accounts (schema v2)

namespace {
store::UserRecord sample_user(const std::string& name, const std::string& role) {
  store::UserRecord u;
  u.name = name;
  u.role = role;
  u.password_algorithm = "pbkdf2-sha256";
  u.password_iterations = 210000;
  u.password_salt = std::string(32, 'a');
  u.password_hash = std::string(64, 'b');
  return u;
}
}  // namespace

BOOST_FIXTURE_TEST_CASE(users_are_updatable_and_keep_created_at, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_user(sample_user("jaksa1", "prosecutor")));
  auto u = s->user("jaksa1");
  BOOST_REQUIRE(u);
  BOOST_TEST(u->role == "prosecutor");
  BOOST_TEST(u->password_iterations == 210000);
  BOOST_TEST(!u->created_at.empty());
  auto changed = *u;
  changed.role = "paralegal";
  changed.password_hash = std::string(64, 'c');
  changed.created_at.clear();
  BOOST_REQUIRE(s->put_user(changed));
  auto again = s->user("jaksa1");
  BOOST_TEST(again->role == "paralegal");
  BOOST_TEST(again->password_hash == std::string(64, 'c'));
  BOOST_TEST(again->created_at == u->created_at);
  BOOST_TEST(s->users()->size() == 1u);

  auto bad = s->put_user(sample_user("x", "superuser"));
  BOOST_REQUIRE(!bad);
  BOOST_TEST(bad.error().code == core::ErrorCode::invalid_input);
  BOOST_TEST(s->user("nobody").error().code == core::ErrorCode::not_found);
  BOOST_TEST(s->delete_user("nobody").error().code == core::ErrorCode::not_found);
}

BOOST_FIXTURE_TEST_CASE(sessions_expire_and_cascade_with_their_user, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_user(sample_user("jaksa1", "prosecutor")));
  const std::string h1 = core::sha256_hex("token-1"), h2 = core::sha256_hex("token-2");
  BOOST_REQUIRE(s->put_session({h1, "jaksa1", "csrf1", "2024-01-01T00:00:00Z", "2024-01-01T08:00:00Z"}));
  BOOST_REQUIRE(s->put_session({h2, "jaksa1", "csrf2", "2024-01-01T00:00:00Z", "2024-01-02T08:00:00Z"}));
  BOOST_TEST(!s->put_session({h1, "jaksa1", "again", "", ""}));  // same token hash
  BOOST_TEST(!s->put_session({"not-a-hash", "jaksa1", "x", "", ""}));
  BOOST_TEST(!s->put_session({core::sha256_hex("t3"), "ghost", "x", "", ""}));  // no such user
  BOOST_TEST(s->session(h1)->csrf_token == "csrf1");
  BOOST_TEST(*s->delete_expired_sessions("2024-01-01T12:00:00Z") == 1);
  BOOST_TEST(s->session(h1).error().code == core::ErrorCode::not_found);
  BOOST_TEST(s->session(h2).has_value());
  BOOST_REQUIRE(s->put_assignment({"jaksa1", "perkara-2024-001", true, ""}));
  BOOST_REQUIRE(s->delete_user("jaksa1"));
  BOOST_TEST(!s->session(h2));
  BOOST_TEST(s->assignments()->empty());
}

BOOST_FIXTURE_TEST_CASE(assignments_and_clearance, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_user(sample_user("jaksa1", "prosecutor")));
  BOOST_REQUIRE(s->put_user(sample_user("pendamping1", "paralegal")));
  BOOST_REQUIRE(s->put_assignment({"jaksa1", "perkara-b", false, ""}));
  BOOST_REQUIRE(s->put_assignment({"jaksa1", "perkara-a", false, ""}));
  BOOST_REQUIRE(s->put_assignment({"pendamping1", "perkara-a", false, ""}));
  BOOST_REQUIRE(s->put_assignment({"jaksa1", "perkara-a", true, ""}));  // update: cleared
  BOOST_TEST(!s->put_assignment({"ghost", "perkara-a", false, ""}));
  auto mine = s->assignments("jaksa1");
  BOOST_REQUIRE(mine);
  BOOST_REQUIRE(mine->size() == 2u);
  BOOST_TEST(mine->at(0).case_id == "perkara-a");
  BOOST_TEST(mine->at(0).cleared);
  BOOST_TEST(!mine->at(1).cleared);
  BOOST_TEST(s->assignments()->size() == 3u);
  BOOST_REQUIRE(s->delete_assignment("jaksa1", "perkara-b"));
  BOOST_TEST(s->assignments("jaksa1")->size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(login_attempts_per_user_and_client, Fixture) {
  auto s = open();
  // The user name need not exist: lockouts must not tell which names do.
  auto none = s->login_attempts("nobody", "127.0.0.1");
  BOOST_REQUIRE(none);
  BOOST_TEST(none->failures == 0);
  BOOST_REQUIRE(s->put_login_attempts({"nobody", "127.0.0.1", 3, "2024-01-01T00:00:00Z", ""}));
  BOOST_REQUIRE(s->put_login_attempts({"nobody", "127.0.0.1", 5, "2024-01-01T00:01:00Z", "2024-01-01T00:16:00Z"}));
  auto a = s->login_attempts("nobody", "127.0.0.1");
  BOOST_TEST(a->failures == 5);
  BOOST_TEST(a->locked_until == "2024-01-01T00:16:00Z");
  BOOST_TEST(s->login_attempts("nobody", "10.0.0.1")->failures == 0);
  BOOST_REQUIRE(s->clear_login_attempts("nobody", "127.0.0.1"));
  BOOST_TEST(s->login_attempts("nobody", "127.0.0.1")->failures == 0);
}

BOOST_FIXTURE_TEST_CASE(accounts_tables_are_not_evidence_and_verify_stays_clean, Fixture) {
  auto s = open();
  BOOST_REQUIRE(s->put_user(sample_user("admin", "administrator")));
  BOOST_REQUIRE(s->put_session({core::sha256_hex("t"), "admin", "c", "2024-01-01T00:00:00Z", "2099-01-01T00:00:00Z"}));
  // No change-log entry: the index has nothing to do with accounts.
  BOOST_TEST(s->last_seq() == 0);
  BOOST_TEST(s->verify()->empty());
  auto ro = open(OpenMode::read_only);
  BOOST_TEST(ro->user("admin").has_value());
  BOOST_TEST(ro->put_user(sample_user("x", "trainer")).error().code == core::ErrorCode::forbidden);
}

// ---------------------------------------------------------------- bundles (schema v3)

namespace {

store::BundleRecord sample_bundle(const std::string& pdf) {
  store::BundleRecord b;
  b.case_id = "perkara-2024-001";
  b.template_name = "court-bundle";
  b.created_at = "2024-06-01";
  b.sha256 = core::sha256_hex(pdf);
  b.manifest_sha256 = core::sha256_hex("manifest");
  b.content_sha256 = core::sha256_hex("content");
  b.page_count = 12;
  b.file_name = "pdm-01-2024.pdf";
  b.stamp_prefix = "PDM-01-";
  b.user = "jaksa";
  b.redacted = true;
  b.entries = {{"bap-korban-a", "bap", 2, core::sha256_hex("<bap/>"), 3, 7, false},
               {"bap-korban-a#lampiran-1", "lampiran", 2, core::sha256_hex("pdf"), 8, 8, true}};
  return b;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(bundles_round_trip_and_are_found_by_hash, Fixture) {
  auto s = open();
  auto b = sample_bundle("pdf one");
  auto put = s->put_bundle(b);
  BOOST_REQUIRE(put);
  BOOST_TEST(*put == store::PutOutcome::created);
  BOOST_TEST(b.id > 0);
  BOOST_TEST(!b.recorded_at.empty());

  auto got = s->bundle_by_sha256(core::sha256_hex("pdf one"));
  BOOST_REQUIRE(got);
  BOOST_TEST(got->id == b.id);
  BOOST_TEST(got->case_id == "perkara-2024-001");
  BOOST_TEST(got->created_at == "2024-06-01");
  BOOST_TEST(got->page_count == 12);
  BOOST_TEST(got->content_sha256 == core::sha256_hex("content"));
  BOOST_TEST(got->file_name == "pdm-01-2024.pdf");
  BOOST_TEST(got->user == "jaksa");
  BOOST_TEST(got->redacted);
  BOOST_REQUIRE(got->entries.size() == 2u);
  BOOST_TEST(got->entries[0].object_id == "bap-korban-a");
  BOOST_TEST(got->entries[0].version == 2);
  BOOST_TEST(got->entries[0].first_page == 3);
  BOOST_TEST(got->entries[0].last_page == 7);
  BOOST_TEST(!got->entries[0].withheld);
  BOOST_TEST(got->entries[1].withheld);

  // The same bytes again: the row is found, not duplicated.
  auto again = sample_bundle("pdf one");
  again.user = "other";
  BOOST_TEST(*s->put_bundle(again) == store::PutOutcome::unchanged);
  BOOST_TEST(again.id == b.id);
  BOOST_TEST(again.user == "jaksa");

  auto other = sample_bundle("pdf two");
  other.case_id = "perkara-2024-002";
  other.redacted = false;
  BOOST_REQUIRE(s->put_bundle(other));
  BOOST_TEST(s->bundles()->size() == 2u);
  auto of_case = s->bundles("perkara-2024-001");
  BOOST_REQUIRE(of_case->size() == 1u);
  BOOST_TEST((*of_case)[0].entries.size() == 2u);
  BOOST_TEST(s->bundles("perkara-9")->empty());

  auto missing = s->bundle_by_sha256(core::sha256_hex("never"));
  BOOST_REQUIRE(!missing);
  BOOST_TEST(missing.error().code == core::ErrorCode::not_found);
}

BOOST_FIXTURE_TEST_CASE(bad_bundles_are_refused_and_leave_nothing, Fixture) {
  auto s = open();
  auto no_case = sample_bundle("x");
  no_case.case_id.clear();
  BOOST_TEST(s->put_bundle(no_case).error().code == core::ErrorCode::invalid_input);
  auto bad_hash = sample_bundle("x");
  bad_hash.sha256 = "ABC";
  BOOST_TEST(s->put_bundle(bad_hash).error().code == core::ErrorCode::invalid_input);
  auto no_pages = sample_bundle("x");
  no_pages.page_count = 0;
  BOOST_TEST(s->put_bundle(no_pages).error().code == core::ErrorCode::invalid_input);
  BOOST_TEST(s->bundles()->empty());
}

BOOST_FIXTURE_TEST_CASE(bundle_rows_are_immutable, Fixture) {
  auto s = open();
  auto b = sample_bundle("pdf");
  BOOST_REQUIRE(s->put_bundle(b));
  RawDb raw(path);
  BOOST_TEST(raw.exec("UPDATE bundles SET page_count = 3") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.message().find("immutable") != std::string::npos, raw.message());
  BOOST_TEST(raw.exec("DELETE FROM bundles") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("UPDATE bundle_entries SET sha256 = 'x'") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.exec("DELETE FROM bundle_entries") == SQLITE_CONSTRAINT);
  BOOST_TEST(raw.scalar("SELECT count(*) FROM bundle_entries") == "2");
  BOOST_TEST(s->verify()->empty());
}
