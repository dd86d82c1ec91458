// The two halves of an ingest (service.h): read_input_files reads files off the writer, touching
// no store; Service::store_read stores what was read with ingest's own rules — files that refer
// to one stored later get their second try, a protected person's name in a native file's name
// gives way to a neutral one, a file that could not be read is reported with its error. On a
// real store with the shipped law; the demo case's files (FIKTIF).
#define BOOST_TEST_MODULE read_store
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "service/service.h"
#include "support/temp_dir.h"

using namespace berkas;

namespace {

struct Store {
  test::TempDir dir;
  std::unique_ptr<service::Service> svc;
  Store() {
    auto s = service::Service::open({dir.file("data"), test::source_path("")}, true);
    BOOST_TEST_REQUIRE(s.has_value());
    svc = std::move(*s);
    auto law = svc->init(service::Viewer::command_line("test"), false);
    BOOST_TEST_REQUIRE(law.has_value());
  }
};

const service::Viewer k_system = service::Viewer::command_line("test");

}  // namespace

BOOST_AUTO_TEST_CASE(files_read_on_another_thread_are_stored_as_ingest_stores_them) {
  Store s;
  // The witness names the case and her companion, the letter names the witness; the case and the
  // companion come later: the witness and the letter wait for their second try.
  const std::vector<std::string> files{test::source_path("demo/02-orang/org-saksi-a.xml"),
                                       test::source_path("demo/05-surat/surat-kbri-phnom-penh.xml"),
                                       test::source_path("demo/01-perkara/perkara-demo-001.xml"),
                                       test::source_path("demo/02-orang/org-pendamping.xml"),
                                       s.dir.write("rusak.xml", "<surat>")};
  std::vector<service::ReadFile> read;
  std::vector<std::size_t> told;
  std::thread reader([&] {
    service::ReadOptions o;
    o.on_file = [&](std::size_t i, std::size_t n) {
      if (n == files.size()) told.push_back(i);
    };
    read = service::read_input_files(test::source_path(""), files, {}, o);
  });
  reader.join();
  BOOST_TEST((told == std::vector<std::size_t>{0, 1, 2, 3, 4}));
  BOOST_TEST_REQUIRE(read.size() == files.size());
  BOOST_TEST(!read[4].parsed.has_value());  // kept as read: its error is reported when stored
  // Nothing was stored by reading.
  BOOST_TEST(!s.svc->item(k_system, "surat-kbri-phnom-penh").has_value());

  auto report = s.svc->store_read(k_system, std::move(read), {});
  BOOST_TEST_REQUIRE(report.has_value(), (report ? "" : report.error().describe()));
  BOOST_TEST_REQUIRE(report->files.size() == 5u);
  BOOST_TEST(report->failed() == 1u);
  for (const auto& f : report->files) {
    if (f.path.find("rusak.xml") != std::string::npos) {
      BOOST_TEST((f.status == service::FileOutcome::Status::failed));
      BOOST_TEST(f.error.find("rusak.xml") != std::string::npos, f.error);
    } else {
      BOOST_TEST((f.status == service::FileOutcome::Status::created), f.path << ": " << f.error);
    }
  }
  BOOST_TEST_REQUIRE(s.svc->item(k_system, "surat-kbri-phnom-penh").has_value());
  // Indexed: the search finds it.
  search::Query q;
  q.text = "kbri";
  auto hits = s.svc->search(k_system, q);
  BOOST_TEST_REQUIRE(hits.has_value());
  BOOST_TEST(hits->results.total >= 1);
  // The audit names what was stored, as for any ingest.
  auto audit = s.svc->audit_log(k_system, 0, 1000);
  BOOST_TEST_REQUIRE(audit.has_value());
  bool audited = false;
  for (const auto& e : *audit) audited = audited || e.object == "item:surat-kbri-phnom-penh@1";
  BOOST_TEST(audited);
}

BOOST_AUTO_TEST_CASE(a_native_file_named_after_a_protected_person_is_stored_under_a_neutral_name) {
  Store s;
  for (const char* f : {"demo/01-perkara/perkara-demo-001.xml", "demo/02-orang/org-pendamping.xml",
                        "demo/02-orang/org-saksi-a.xml"}) {
    auto r = s.svc->ingest(k_system, {test::source_path(f)});
    BOOST_TEST_REQUIRE((r.has_value() && r->failed() == 0u), f);
  }
  ingest::NativeOptions native;
  native.case_id = "perkara-demo-001";
  native.kind = "surat";
  const auto path = s.dir.write("Rina Fiksiana.txt", "Catatan tulisan tangan (FIKTIF): paspor ditahan agen.\n");
  std::atomic<bool> never{false};
  service::ReadOptions o;
  o.cancel = &never;
  auto read = service::read_input_files(test::source_path(""), {path}, native, o);
  auto report = s.svc->store_read(k_system, std::move(read), native);
  BOOST_TEST_REQUIRE(report.has_value());
  BOOST_TEST_REQUIRE(report->files.size() == 1u);
  const auto& f = report->files[0];
  BOOST_TEST_REQUIRE((f.status == service::FileOutcome::Status::created), f.error);
  auto item = s.svc->item(k_system, f.object_id);
  BOOST_TEST_REQUIRE(item.has_value());
  BOOST_TEST(item->item.original.file_name.find("Rina") == std::string::npos, item->item.original.file_name);
  BOOST_TEST(item->item.original.file_name == f.object_id + ".txt");
  // A case the store lacks is refused before anything is stored, as ingest refuses it.
  native.case_id = "perkara-tidak-ada";
  auto missing = s.svc->store_read(k_system, service::read_input_files(test::source_path(""), {path}, native), native);
  BOOST_TEST(!missing.has_value());
}

BOOST_AUTO_TEST_CASE(a_cancelled_read_reads_nothing_more) {
  std::atomic<bool> cancel{true};
  service::ReadOptions o;
  o.cancel = &cancel;
  test::TempDir dir;
  const auto path = dir.write("a.xml", "<surat/>");
  auto read = service::read_input_files(test::source_path(""), {path, path}, {}, o);
  BOOST_TEST_REQUIRE(read.size() == 2u);
  for (const auto& f : read) {
    BOOST_TEST_REQUIRE(!f.parsed.has_value());
    BOOST_TEST(f.parsed.error().message.find("reading cancelled") != std::string::npos);
  }
}
