// A store whose index was made by another analyser (an older Berkas, another dictionary) is
// rebuilt when the service opens it for writing, so no search runs on terms today's analyser
// would not produce; a read-only reader leaves it alone. Real store, real Xapian database.
#define BOOST_TEST_MODULE analyser
#include <boost/test/unit_test.hpp>

#include <xapian.h>

#include <algorithm>

#include "search/search.h"
#include "service/service.h"
#include "support/temp_dir.h"

using namespace berkas;

BOOST_AUTO_TEST_CASE(an_index_from_another_analyser_is_rebuilt_on_open) {
  test::TempDir dir;
  const service::Options options{dir.file("data"), test::source_path("")};
  const auto v = service::Viewer::command_line("test");
  {
    auto s = service::Service::open(options, true);
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST_REQUIRE((*s)->init(v, true).has_value());
  }
  const std::string index = dir.file("data") + "/index";
  const auto current = search::analyser_version({test::source_path("index")});
  BOOST_TEST_REQUIRE(current.has_value());
  {
    Xapian::WritableDatabase db(index, Xapian::DB_OPEN);
    BOOST_TEST(db.get_metadata("berkas.analyser") == *current);
    // As an index built before the analyser used the dictionary: its terms are those of old roots.
    db.set_metadata("berkas.analyser", "");
    db.commit();
  }
  {
    service::Options ro = options;
    ro.read_only = true;
    auto reader = service::Service::open(ro, false);
    BOOST_TEST_REQUIRE(reader.has_value());
    Xapian::Database db(index);
    BOOST_TEST(db.get_metadata("berkas.analyser").empty());  // a reader does not rebuild
  }
  auto s = service::Service::open(options, false);
  BOOST_TEST_REQUIRE(s.has_value());
  {
    Xapian::Database db(index);
    BOOST_TEST(db.get_metadata("berkas.analyser") == *current);
  }
  auto report = (*s)->verify(v);
  BOOST_TEST_REQUIRE(report.has_value());
  BOOST_TEST(report->ok());
  auto log = (*s)->audit_log(v);
  BOOST_TEST_REQUIRE(log.has_value());
  BOOST_TEST(std::any_of(log->begin(), log->end(), [](const core::AuditEvent& e) { return e.action == "reindex"; }));
  // Search works on the rebuilt index: a derived form finds the law's root word.
  search::Query q;
  q.text = "perekrutan";
  auto page = (*s)->search(v, q);
  BOOST_TEST_REQUIRE(page.has_value());
  BOOST_TEST(page->results.total > 0);
}
