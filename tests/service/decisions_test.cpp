// What a decision decides for each defendant, through the service: kept in the store, shown as
// JSON, searchable by outcome (hasil:), and derived again from the kept source when a store was
// filled by an older decision reader. Real store file, real Xapian index; the demo's fictional
// decisions (two convictions, one acquittal).
#define BOOST_TEST_MODULE decisions
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <string>

#include "service/json.h"
#include "service/service.h"
#include "support/temp_dir.h"

using namespace berkas;

namespace {

const char* k_acquittal = "981-pid-sus-2025-pn-sby";

struct Demo {
  test::TempDir dir;
  service::Options options{dir.file("data"), test::source_path("")};
  service::Viewer v = service::Viewer::command_line("test");
  Demo() {
    auto s = service::Service::open(options, true);
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST_REQUIRE((*s)->init(v, true).has_value());
  }
  std::vector<std::string> hits(service::Service& s, const std::string& text) {
    search::Query q;
    q.text = text;
    q.limit = 50;
    auto page = s.search(v, q);
    BOOST_TEST_REQUIRE(page.has_value(), text);
    std::vector<std::string> ids;
    for (const auto& h : page->results.hits) ids.push_back(h.object_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

void sql(const std::string& path, const char* statement) {
  sqlite3* db = nullptr;
  BOOST_TEST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, statement, nullptr, nullptr, &err);
  BOOST_TEST(rc == SQLITE_OK, (err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(outcomes_are_kept_shown_and_searchable, Demo) {
  auto s = service::Service::open(options, false);
  BOOST_TEST_REQUIRE(s.has_value());
  auto view = (*s)->precedent(v, k_acquittal);
  BOOST_TEST_REQUIRE(view.has_value());
  const auto& p = view->precedent;
  BOOST_TEST(p.deliberated == "2025-07-07");
  BOOST_TEST(p.pronounced == "2025-07-10");
  BOOST_TEST_REQUIRE(p.outcomes.size() == 1u);
  BOOST_TEST(core::code_of(p.outcomes[0].outcome) == std::string("bebas"));
  BOOST_TEST(p.outcomes[0].counts_not_proven == "dakwaan kesatu; dakwaan kedua");
  BOOST_TEST_REQUIRE(p.outcomes[0].demand.has_value());
  BOOST_TEST((p.outcomes[0].demand->prison == core::Term{4, 0, 0}));

  const std::string json = service::json::of(*view);
  for (const char* field : {"\"outcomes\"", "\"outcome\": \"bebas\"", "\"deliberated\": \"2025-07-07\"",
                            "\"pronounced\": \"2025-07-10\"", "\"demand\"", "\"restitution_per_victim\""})
    BOOST_TEST(json.find(field) != std::string::npos, field);

  BOOST_TEST(hits(**s, "hasil:bebas") == (std::vector<std::string>{k_acquittal}));
  BOOST_TEST(hits(**s, "outcome:bebas perdagangan") == (std::vector<std::string>{k_acquittal}));
  const auto guilty = hits(**s, "hasil:bersalah");
  BOOST_TEST(guilty.size() == 2u);
  BOOST_TEST((std::find(guilty.begin(), guilty.end(), k_acquittal) == guilty.end()));
  BOOST_TEST(hits(**s, "hasil:gugur").empty());

  search::Query q;
  q.text = "jenis:putusan";
  q.facets = true;
  auto page = (*s)->search(v, q);
  BOOST_TEST_REQUIRE(page.has_value());
  const auto& facet = page->results.facets["hasil"];
  auto count = [&](const std::string& value) {
    for (const auto& f : facet)
      if (f.value == value) return f.count;
    return std::int64_t{-1};
  };
  BOOST_TEST(count("bersalah") == 2);
  BOOST_TEST(count("bebas") == 1);
}

// A store filled by an older decision reader (its outcomes missing, reader 0) gets them derived
// again from the kept source the next time it is opened for writing, each audited; the index
// follows, so hasil: finds them.
BOOST_FIXTURE_TEST_CASE(an_older_readers_decisions_are_read_again_on_open, Demo) {
  sql(dir.file("data") + "/store.sqlite",
      "DELETE FROM precedent_penalties; DELETE FROM precedent_outcomes; UPDATE precedents SET reader = 0;");
  {
    service::Options ro = options;
    ro.read_only = true;
    auto reader = service::Service::open(ro, false);
    BOOST_TEST_REQUIRE(reader.has_value());
    BOOST_TEST((*reader)->precedent(v, k_acquittal)->precedent.outcomes.empty());  // a reader changes nothing
  }
  auto s = service::Service::open(options, false);
  BOOST_TEST_REQUIRE(s.has_value());
  auto view = (*s)->precedent(v, k_acquittal);
  BOOST_TEST_REQUIRE(view.has_value());
  BOOST_TEST_REQUIRE(view->precedent.outcomes.size() == 1u);
  BOOST_TEST(core::code_of(view->precedent.outcomes[0].outcome) == std::string("bebas"));
  BOOST_TEST(view->precedent.reader > 0);
  auto log = (*s)->audit_log(v);
  BOOST_TEST_REQUIRE(log.has_value());
  const auto rereads = std::count_if(log->begin(), log->end(), [](const core::AuditEvent& e) { return e.action == "reread"; });
  BOOST_TEST(rereads == 3);
  BOOST_TEST(hits(**s, "hasil:bebas") == (std::vector<std::string>{k_acquittal}));
  auto report = (*s)->verify(v);
  BOOST_TEST_REQUIRE(report.has_value());
  BOOST_TEST(report->ok());
  // Opened again: nothing left to read again.
  (*s).reset();
  auto again = service::Service::open(options, false);
  BOOST_TEST_REQUIRE(again.has_value());
  log = (*again)->audit_log(v);
  BOOST_TEST(std::count_if(log->begin(), log->end(), [](const core::AuditEvent& e) { return e.action == "reread"; }) == 3);
}

// A published decision may name a person protected in one of our cases (here as a
// co-defendant in the ruling): the outcomes name them no more than the text does.
BOOST_FIXTURE_TEST_CASE(outcomes_never_name_a_protected_person, Demo) {
  const std::string name = "Rina Fiksiana";  // protected in the demo case (org-saksi-a)
  const std::string file = dir.write(
      "putusan-uji.txt",
      "FIKTIF / fictional\nPUTUSAN\nNomor 5/Pid.Sus/2025/PN Idm\nPengadilan Negeri Indramayu yang mengadili perkara "
      "pidana\n1. Nama lengkap : CONTOH FIKTIF;\nMENGADILI:\n1. Menyatakan Terdakwa I CONTOH FIKTIF dan Terdakwa II " +
          name +
          " tersebut di atas terbukti secara sah dan meyakinkan bersalah sebagaimana dalam dakwaan kesatu;\n2. Menjatuhkan "
          "pidana kepada Para Terdakwa dengan pidana penjara masing-masing selama 2 (dua) tahun;\nDemikian diputuskan "
          "dalam rapat permusyawaratan Majelis Hakim pada hari Senin, tanggal 3 Maret 2025, dan diucapkan pada hari itu "
          "juga.\n");
  auto s = service::Service::open(options, false);
  BOOST_TEST_REQUIRE(s.has_value());
  BOOST_TEST_REQUIRE((*s)->ingest(v, {file}).has_value());
  auto view = (*s)->precedent(v, "5-pid-sus-2025-pn-idm");
  BOOST_TEST_REQUIRE(view.has_value());
  BOOST_TEST_REQUIRE(view->precedent.outcomes.size() == 2u);
  BOOST_TEST(view->precedent.outcomes[1].defendant.find("Terdakwa II") == 0u);
  const std::string json = service::json::of(*view);
  BOOST_TEST(json.find(name) == std::string::npos);
  BOOST_TEST(json.find("Fiksiana") == std::string::npos);
}

// A reference no law can take is kept unresolved, as written, on the decision's page; "KUHP" in
// a decision of 2025 is the old code, not UU 1/2023.
BOOST_FIXTURE_TEST_CASE(unresolved_references_and_the_kuhp_of_the_decisions_date, Demo) {
  const std::string file = dir.write(
      "putusan-kuhp.txt",
      "FIKTIF / fictional\nPUTUSAN\nNomor 6/Pid.Sus/2025/PN Idm\nPengadilan Negeri Indramayu yang mengadili perkara "
      "pidana\n1. Nama lengkap : CONTOH FIKTIF;\nMenimbang, bahwa perbuatan itu sebagaimana diatur dalam Pasal 455 ayat (2) "
      "dan Pasal 2 ayat (1) UU TPPO jo Pasal 55 ayat (1) ke-1 KUHP;\nMENGADILI:\n1. Menyatakan Terdakwa terbukti secara "
      "sah dan meyakinkan bersalah;\n2. Menjatuhkan pidana kepada Terdakwa dengan pidana penjara selama 3 (tiga) tahun;\n"
      "Demikian diputuskan dalam rapat permusyawaratan Majelis Hakim pada hari Senin, tanggal 3 Maret 2025, dan "
      "diucapkan pada hari itu juga.\n");
  auto s = service::Service::open(options, false);
  BOOST_TEST_REQUIRE(s.has_value());
  BOOST_TEST_REQUIRE((*s)->ingest(v, {file}).has_value());
  auto view = (*s)->precedent(v, "6-pid-sus-2025-pn-idm");
  BOOST_TEST_REQUIRE(view.has_value());
  bool unresolved = false, old_code = false;
  for (const auto& c : view->cited) {
    if (c.provision_id.empty()) {
      unresolved = true;
      BOOST_TEST(c.raw == "Pasal 455 ayat (2)");
      BOOST_TEST(c.label == "tidak terselesaikan / unresolved");
    }
    if (c.provision_id == "kuhp-1946/pasal-55/ayat-1") {
      old_code = true;
      BOOST_TEST(c.label.find("Wetboek van Strafrecht") != std::string::npos);
    }
    BOOST_TEST(c.provision_id.rfind("uu-1-2023/", 0) != 0u, c.provision_id);  // not the 2023 code in 2025
  }
  BOOST_TEST(unresolved);
  BOOST_TEST(old_code);
}
