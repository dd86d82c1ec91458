// Upload jobs (issue 11): a scan uploaded as native evidence is read (OCR) by a job off the
// request and off the writer. The upload answers at once (303 to the job's page, 202 with the
// job's JSON); the job shows file i of k and page n of m, counts that only grow, then the upload
// report; the item is stored and found. Only the uploader and administrators see the job; too
// many jobs are refused; and another user's upload is stored while the OCR still runs (ordering,
// not time). Through the real HTTP server on loopback (tests/support/server_world.h), with one
// OCR thread and one job at a time. Every file is made here and is FIKTIF.
#define BOOST_TEST_MODULE upload_jobs
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "support/evidence_files.h"
#include "support/server_world.h"

using namespace berkas;

namespace {

test::World* g_world = nullptr;
struct Setup {
  Setup() {
    g_world = new test::World(4, [](server::Options& o) {
      o.ocr_threads = 1;  // a scan takes long enough to be watched
      o.max_jobs = 1;     // so that a second job is refused
    });
    test::set_up_users(*g_world);
  }
  ~Setup() {
    delete g_world;
    g_world = nullptr;
  }
};
BOOST_TEST_GLOBAL_FIXTURE(Setup);

test::World& w() { return *g_world; }
const test::Who& as(const std::string& who) { return w().users.at(who); }

const std::string k_boundary = "JoBs";

std::string form(const std::vector<std::pair<std::string, std::string>>& fields,
                 const std::vector<std::pair<std::string, std::string>>& files) {
  std::string b;
  for (const auto& [name, value] : fields)
    b += "--" + k_boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  for (const auto& [name, bytes] : files)
    b += "--" + k_boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
  return b + "--" + k_boundary + "--\r\n";
}

test::Reply api_upload(const test::Who& who, const std::string& body) {
  return w().call("POST", "/api/v1/ingest", body, "multipart/form-data; boundary=" + k_boundary,
                  {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}});
}
test::Reply page_upload(const test::Who& who, const std::string& body) {
  return w().call("POST", "/upload", body, "multipart/form-data; boundary=" + k_boundary, {{"Cookie", who.cookie}});
}

// A scan of `pages` pages, page i saying "Halaman <i>" and `words` (no text layer: OCR only).
std::string scan(int pages, const std::string& words, const std::string& stem) {
  std::vector<std::vector<std::string>> text;
  for (int i = 1; i <= pages; ++i)
    text.push_back({"SURAT PERJANJIAN KERJA (FIKTIF)", "Halaman " + std::to_string(i) + " " + words,
                    "Gaji dibayar ke rekening penampung di Bavet"});
  const auto pdf = w().dir.write(stem + "-teks.pdf", test::text_pdf(text));
  auto bytes = test::scan_pdf(w().dir, pdf, pages, 150, stem);
  BOOST_REQUIRE_MESSAGE(!bytes.empty(), "pdftoppm, mutool or qpdf failed");
  BOOST_REQUIRE(bytes.find("/Font") == std::string::npos);  // no text layer at all
  return bytes;
}

struct Seen {
  std::string state;
  std::size_t files = 0, file = 0;
  int pages_done = 0, pages_total = 0;
  Poco::JSON::Object::Ptr json;
};

Seen look(const std::string& api_url, const test::Who& who) {
  auto r = w().get(api_url, &who);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.status << " " << r.body);
  Seen s;
  s.json = r.json();
  s.state = s.json->getValue<std::string>("state");
  s.files = s.json->getValue<std::size_t>("files");
  s.file = s.json->getValue<std::size_t>("file");
  s.pages_done = s.json->getValue<int>("pages_done");
  s.pages_total = s.json->getValue<int>("pages_total");
  return s;
}

// Polls the job until it ends, checking that its counts never go back; every state seen.
std::vector<Seen> follow(const std::string& api_url, const test::Who& who) {
  std::vector<Seen> seen;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  for (;;) {
    seen.push_back(look(api_url, who));
    const Seen& now = seen.back();
    if (seen.size() > 1) {
      const Seen& before = seen[seen.size() - 2];
      BOOST_TEST(now.file >= before.file);
      if (now.file == before.file) BOOST_TEST(now.pages_done >= before.pages_done);
    }
    BOOST_TEST(now.pages_done <= now.pages_total);
    if (now.state == "done" || now.state == "failed") break;
    BOOST_REQUIRE_MESSAGE(std::chrono::steady_clock::now() < give_up, "the job did not end");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return seen;
}

std::size_t files_left_in_uploads() {
  std::size_t n = 0;
  const auto dir = std::filesystem::path(w().data) / "uploads";
  if (std::filesystem::exists(dir))
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_scan_uploaded_by_the_form_is_read_by_a_job_that_shows_its_pages) {
  const auto& jaksa = as("jaksa");
  const std::string pdf = scan(3, "PELABUHAN", "tiga");
  auto posted = page_upload(jaksa, form({{"csrf", jaksa.csrf}, {"case", "perkara-demo-001"}, {"kind", "surat"},
                                         {"title", "Perjanjian kerja pindaian (FIKTIF)"}},
                                        {{"perjanjian pindaian.pdf", pdf}}));
  BOOST_REQUIRE_MESSAGE(posted.status == 303, posted.status << " " << posted.body.substr(0, 300));
  const std::string page_url = posted.header("location");
  BOOST_REQUIRE(page_url.rfind("/jobs/", 0) == 0);
  const std::string id = page_url.substr(6);
  BOOST_TEST(id.size() == 32u);
  const std::string api_url = "/api/v1/jobs/" + id;

  // While it runs, its page refreshes itself (no script) and says how far it is.
  auto first = look(api_url, jaksa);
  auto page = w().get(page_url, &jaksa);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  if (first.state != "done") {
    BOOST_TEST(page.body.find("<meta http-equiv=\"refresh\" content=\"2\">") != std::string::npos);
    BOOST_TEST(page.body.find("<script") == std::string::npos);
  }
  // Nobody else sees it (as if there were none); an administrator does.
  for (const char* who : {"jaksa_lain", "pendamping", "pelatih", "jaksa.jelas"}) {
    BOOST_TEST(w().get(page_url, &as(who)).status == 404, who);
    BOOST_TEST(w().get(api_url, &as(who)).status == 404, who);
  }
  BOOST_TEST(w().get(api_url, &as("admin")).status == 200);
  // Someone else's job answers exactly as a job that does not exist.
  const std::string missing(32, '0');
  for (const std::string prefix : {"/jobs/", "/api/v1/jobs/"}) {
    auto hidden = w().get(prefix + id, &as("jaksa_lain"));
    auto none = w().get(prefix + missing, &as("jaksa_lain"));
    BOOST_TEST(none.status == 404);
    BOOST_TEST(core::replace_all(hidden.body, id, "ID") == core::replace_all(none.body, missing, "ID"), prefix);
  }

  // Page n of 3, only forward, to 3 of 3.
  auto seen = follow(api_url, jaksa);
  const Seen& last = seen.back();
  const std::string error = last.json->has("error") ? last.json->getValue<std::string>("error") : std::string();
  BOOST_REQUIRE_MESSAGE(last.state == "done", error);
  BOOST_TEST(last.files == 1u);
  BOOST_TEST(last.file == 1u);
  BOOST_TEST(last.pages_done == 3);
  BOOST_TEST(last.pages_total == 3);
  bool mid_way = false;  // a count between the first page and the last was seen
  for (const auto& s : seen) {
    if (s.pages_total > 0) BOOST_TEST(s.pages_total == 3);
    mid_way = mid_way || (s.state == "running" && s.pages_done >= 1 && s.pages_done < 3);
  }
  BOOST_TEST(mid_way, "seen " << seen.size() << " states");

  // The report: the file by its own name, stored as an item.
  auto report = last.json->getObject("report");
  BOOST_REQUIRE(report);
  auto files = report->getArray("files");
  BOOST_REQUIRE_EQUAL(files->size(), 1u);
  BOOST_TEST(files->getObject(0)->getValue<std::string>("path") == "perjanjian pindaian.pdf");
  BOOST_TEST(files->getObject(0)->getValue<std::string>("status") == "created");
  const std::string item = files->getObject(0)->getValue<std::string>("id");
  BOOST_TEST(item.rfind("surat-", 0) == 0);
  // The finished page: no more refreshing, the upload page's table with the item's link.
  auto done_page = w().get(page_url, &jaksa);
  BOOST_TEST(done_page.body.find("http-equiv=\"refresh\"") == std::string::npos);
  BOOST_TEST(done_page.body.find("<a href=\"/items/" + item + "\">" + item + "</a>") != std::string::npos);
  BOOST_TEST(done_page.body.find("perjanjian pindaian.pdf") != std::string::npos);
  // The item: three pages read by OCR, and found by a word of its third page.
  auto shown = w().get("/api/v1/items/" + item, &jaksa);
  BOOST_REQUIRE_EQUAL(shown.status, 200);
  auto units = shown.json()->getArray("units");
  BOOST_REQUIRE_EQUAL(units->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) BOOST_TEST(units->getObject(i)->getValue<std::string>("method") == "ocr");
  BOOST_TEST(units->getObject(2)->getValue<std::string>("text").find("PELABUHAN") != std::string::npos);
  auto hits = w().get("/api/v1/search?q=pelabuhan", &jaksa).json()->getArray("hits");
  bool found = false;
  for (std::size_t i = 0; i < hits->size(); ++i) found = found || hits->getObject(i)->getValue<std::string>("id") == item;
  BOOST_TEST(found);
  // An administrator following the job sees the file by number, not by the name it was sent with.
  auto by_admin = w().get(api_url, &as("admin"));
  BOOST_TEST(by_admin.body.find("perjanjian pindaian") == std::string::npos, by_admin.body);
  BOOST_TEST(by_admin.body.find("\"berkas 1\"") != std::string::npos);
  BOOST_TEST(by_admin.body.find(item) != std::string::npos);
  // The uploaded copy is gone with the job.
  BOOST_TEST(files_left_in_uploads() == 0u);
}

BOOST_AUTO_TEST_CASE(a_file_named_after_the_protected_witness_is_named_to_nobody_but_its_uploader) {
  // Pasal 44 UU 21/2007: the name the file was sent with names the protected victim (FIKTIF).
  const auto& jaksa = as("jaksa");
  auto posted = api_upload(jaksa, form({{"case", "perkara-demo-001"}, {"kind", "surat"}},
                                       {{"Rina Fiksiana.txt", "Catatan (FIKTIF): paspor ditahan agen di Bavet.\n"}}));
  BOOST_REQUIRE_EQUAL(posted.status, 202);
  const std::string api_url = posted.header("location");
  auto seen = follow(api_url, jaksa);
  BOOST_REQUIRE_EQUAL(seen.back().state, "done");
  const std::string id = seen.back().json->getObject("report")->getArray("files")->getObject(0)->getValue<std::string>("id");
  const std::string page_url = "/jobs/" + api_url.substr(std::string("/api/v1/jobs/").size());
  for (const auto& body : {w().get(api_url, &as("admin")).body, w().get(page_url, &as("admin")).body}) {
    BOOST_TEST(body.find("Rina") == std::string::npos, body);
    BOOST_TEST(body.find("Fiksiana") == std::string::npos);
    BOOST_TEST(body.find(id) != std::string::npos);
  }
  // The item keeps a neutral name for everyone (service: neutralise_names).
  auto item = w().get("/api/v1/items/" + id, &as("admin"));
  BOOST_REQUIRE_EQUAL(item.status, 200);
  BOOST_TEST(item.body.find("Fiksiana") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(another_upload_is_stored_while_a_long_scan_is_read_and_a_second_job_is_refused) {
  const auto& jaksa = as("jaksa");
  const std::string pdf = scan(6, "DERMAGA", "enam");
  auto posted = api_upload(jaksa, form({{"case", "perkara-demo-001"}, {"kind", "surat"}}, {{"enam.pdf", pdf}}));
  BOOST_REQUIRE_MESSAGE(posted.status == 202, posted.status << " " << posted.body);
  const std::string api_url = posted.header("location");
  BOOST_REQUIRE(api_url.rfind("/api/v1/jobs/", 0) == 0);
  auto started = posted.json();
  BOOST_TEST((started->getValue<std::string>("state") == "queued" || started->getValue<std::string>("state") == "running"));
  BOOST_TEST(started->getValue<std::size_t>("files") == 1u);

  // A second job while one runs: refused, clearly, in the API and on the page; nothing kept.
  const std::string small_pdf = test::text_pdf({{"Surat kedua (FIKTIF)"}});
  auto refused = api_upload(as("jaksa.jelas"), form({{"case", "perkara-demo-001"}}, {{"kedua.pdf", small_pdf}}));
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(refused.header("content-type").find("application/problem+json") != std::string::npos);
  BOOST_TEST(refused.body.find("too many uploads") != std::string::npos, refused.body);
  BOOST_TEST(!refused.header("retry-after").empty());
  const auto& jelas = as("jaksa.jelas");
  auto refused_page =
      page_upload(jelas, form({{"csrf", jelas.csrf}, {"case", "perkara-demo-001"}}, {{"kedua.pdf", small_pdf}}));
  BOOST_TEST(refused_page.status == 429);
  BOOST_TEST(refused_page.body.find("coba lagi") != std::string::npos);

  // Another user's small XML upload (a write) is stored while the scan is still being read.
  std::string xml = test::read_file(test::source_path("demo/05-surat/surat-kbri-phnom-penh.xml"));
  xml = core::replace_all(xml, "id=\"surat-kbri-phnom-penh\"", "id=\"surat-selagi-ocr\"");
  auto small = api_upload(as("pendamping"), form({}, {{"surat.xml", xml}}));
  BOOST_TEST(small.status == 200, small.body);
  BOOST_TEST(w().get("/api/v1/items/surat-selagi-ocr", &as("pendamping")).status == 200);
  const Seen meanwhile = look(api_url, jaksa);
  BOOST_TEST(meanwhile.state != "done", "the XML upload waited for the OCR to finish");
  BOOST_TEST(meanwhile.pages_done < 6);
  // Its page says how far it is (page n of 6 once the PDF is open; file 1 of 1 from the start).
  auto running = w().get("/jobs/" + api_url.substr(std::string("/api/v1/jobs/").size()), &jaksa);
  BOOST_TEST(running.body.find("Berkas <strong>1</strong> dari <strong>1</strong>") != std::string::npos);
  if (meanwhile.pages_total == 6)
    BOOST_TEST(running.body.find("dari <strong>6</strong>") != std::string::npos, running.body);

  auto seen = follow(api_url, jaksa);
  BOOST_REQUIRE_EQUAL(seen.back().state, "done");
  BOOST_TEST(seen.back().pages_done == 6);
  // Once it is done, a new job is taken.
  auto next = api_upload(jelas, form({{"case", "perkara-demo-001"}}, {{"kedua.pdf", small_pdf}}));
  BOOST_REQUIRE_EQUAL(next.status, 202);
  auto second = follow(next.header("location"), jelas);
  BOOST_REQUIRE_EQUAL(second.back().state, "done");
  BOOST_TEST(second.back().pages_done == 1);  // a text layer page counts as read
  BOOST_TEST(files_left_in_uploads() == 0u);
}

BOOST_AUTO_TEST_CASE(a_native_upload_refused_by_its_screening_answers_at_once) {
  // Another case's prosecutor: refused before anything is read, as for a case that does not
  // exist, with no job started; so is a field out of bounds.
  const std::string pdf = test::text_pdf({{"Dokumen (FIKTIF)"}});
  auto other = api_upload(as("jaksa_lain"), form({{"case", "perkara-demo-001"}}, {{"a.pdf", pdf}}));
  BOOST_TEST(other.status == 422);
  BOOST_TEST(other.body.find("case not found") != std::string::npos, other.body);
  BOOST_TEST(other.header("location").empty());
  auto bad_date = api_upload(as("jaksa"), form({{"case", "perkara-demo-001"}, {"date", "10/02/2024"}}, {{"a.pdf", pdf}}));
  BOOST_TEST(bad_date.status == 400);
  BOOST_TEST(bad_date.header("location").empty());
  BOOST_TEST(files_left_in_uploads() == 0u);
}

namespace {

std::size_t threads_in_process() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/task")) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_server_stops_cleanly_while_a_job_reads) {
  const std::string pdf = scan(6, "GUDANG", "berhenti");
  const std::size_t threads_before = threads_in_process();
  test::World own(2, [](server::Options& o) { o.ocr_threads = 1; });
  test::set_up_users(own);
  const auto& jaksa = own.users.at("jaksa");
  auto posted = own.call("POST", "/api/v1/ingest", form({{"case", "perkara-demo-001"}, {"kind", "surat"}}, {{"gudang.pdf", pdf}}),
                         "multipart/form-data; boundary=" + k_boundary,
                         {{"Cookie", jaksa.cookie}, {"X-CSRF-Token", jaksa.csrf}});
  BOOST_REQUIRE_EQUAL(posted.status, 202);
  // Wait until its OCR is under way, then stop the server in the middle of it.
  for (int i = 0; i < 2000; ++i) {
    auto j = own.get(posted.header("location"), &jaksa).json();
    BOOST_REQUIRE_EQUAL(j->getValue<std::string>("state") == "done", false);
    if (j->getValue<int>("pages_done") >= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // A second job waits for its turn (one job reads at a time) and says so.
  const std::string letter = test::text_pdf({{"Surat menunggu giliran (FIKTIF)"}});
  auto waiting = own.call("POST", "/api/v1/ingest", form({{"case", "perkara-demo-001"}}, {{"menunggu.pdf", letter}}),
                          "multipart/form-data; boundary=" + k_boundary,
                          {{"Cookie", jaksa.cookie}, {"X-CSRF-Token", jaksa.csrf}});
  BOOST_REQUIRE_EQUAL(waiting.status, 202);
  BOOST_TEST(waiting.json()->getValue<std::string>("state") == "queued");
  const std::string waiting_page = "/jobs/" + waiting.header("location").substr(std::string("/api/v1/jobs/").size());
  auto queued = own.get(waiting_page, &jaksa);
  BOOST_TEST(queued.body.find("Menunggu giliran") != std::string::npos);
  BOOST_TEST(queued.body.find("http-equiv=\"refresh\"") != std::string::npos);
  own.srv.reset();  // stops and destroys the server: both jobs are cancelled and joined
  // No thread of the server or its job is left, nor the uploaded copy, nor a half-read item.
  BOOST_TEST(threads_in_process() == threads_before);
  std::size_t left = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::filesystem::path(own.data) / "uploads"))
    left += e.is_regular_file() ? 1 : 0;
  BOOST_TEST(left == 0u);
  auto svc = service::Service::open({own.data, own.resources, true}, false);
  BOOST_REQUIRE(svc);
  // The ids the items would have had (ingest/native.h: kind and the file's hash).
  for (const auto* bytes : {&pdf, &letter})
    BOOST_TEST(!(*svc)->item(service::Viewer::command_line("test"), "surat-" + core::sha256_hex(*bytes).substr(0, 12)));
}
