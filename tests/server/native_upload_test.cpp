// Native evidence through the web application (issue 11): a PDF and a WhatsApp export uploaded by
// the page's form and the API with the case and kind as fields, stored as items of the case; the
// item page shows the derived text by unit, labelled as machine-read, and offers the original,
// which comes back byte for byte; search names the page or the message. The protected victim, a
// sender in the chat, stays hidden from who may not see her. Each is read by an upload job
// (followed here to its end; upload_jobs_test.cpp tests the jobs). Through the real HTTP server on
// loopback (tests/support/server_world.h). Every file is made here and is FIKTIF.
#define BOOST_TEST_MODULE native_upload
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/evidence_files.h"
#include "support/server_world.h"

using namespace berkas;

namespace {

test::World* g_world = nullptr;
struct Setup {
  Setup() {
    g_world = new test::World;
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

const std::string k_boundary = "NaTiVe";

// A multipart body: form fields, then files (name, bytes, content type).
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

// Follows an upload job (the 303 or 202 of a native upload) to its end; its final JSON
// ({state, files, file, pages_done, pages_total, report}).
Poco::JSON::Object::Ptr finished_job(const test::Reply& started, const test::Who& who) {
  BOOST_REQUIRE_MESSAGE(started.status == 303 || started.status == 202, started.status << " " << started.body);
  std::string url = started.header("location");
  if (url.rfind("/jobs/", 0) == 0) url = "/api/v1" + url;
  BOOST_REQUIRE(url.rfind("/api/v1/jobs/", 0) == 0);
  for (int i = 0; i < 6000; ++i) {
    auto r = w().get(url, &who);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    auto j = r.json();
    const auto state = j->getValue<std::string>("state");
    if (state == "done" || state == "failed") return j;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  BOOST_FAIL("the upload job did not end");
  return {};
}

bool leaks(const std::string& s) { return s.find("Rina") != std::string::npos || s.find("Fiksiana") != std::string::npos; }

const char* k_chat =
    "12/02/24 09.16 - Pak Joko Agen: Lowongan admin di Sihanoukville, gaji 1000 dolar (FIKTIF)\n"
    "12/02/24 09.17 - Rina: Paspor saya bagaimana?\n"
    "12/02/24 09.18 - Pak Joko Agen: Paspor dipegang agen selama kontrak.\n";

}  // namespace

BOOST_AUTO_TEST_CASE(a_pdf_uploaded_by_the_form_becomes_an_item_with_its_pages_and_its_original) {
  const auto& jaksa = as("jaksa");
  const std::string pdf = test::text_pdf({{"SURAT TAWARAN KERJA (FIKTIF)", "Gaji dibayar ke rekening penampung"},
                                          {"Halaman dua: kontrak ditandatangani di Bavet"}});
  // The page's form: the csrf field, the case and kind as fields.
  auto page = w().call("POST", "/upload",
                       form({{"csrf", jaksa.csrf}, {"case", "perkara-demo-001"}, {"kind", "surat"},
                             {"title", "Surat tawaran kerja (FIKTIF)"}, {"date", "2024-02-10"}},
                            {{"surat tawaran.pdf", pdf}}),
                       "multipart/form-data; boundary=" + k_boundary, {{"Cookie", jaksa.cookie}});
  // Read by a job: the answer is its page, which shows the report once the job is done.
  BOOST_REQUIRE_MESSAGE(page.status == 303, page.status << " " << page.body.substr(0, 400));
  auto job = finished_job(page, jaksa);
  BOOST_REQUIRE_EQUAL(job->getValue<std::string>("state"), "done");
  BOOST_TEST(job->getValue<int>("pages_done") == 2);
  BOOST_TEST(job->getValue<int>("pages_total") == 2);
  auto done = w().get(page.header("location"), &jaksa);
  BOOST_REQUIRE_EQUAL(done.status, 200);
  const auto at = done.body.find("href=\"/items/surat-");
  BOOST_REQUIRE(at != std::string::npos);
  const std::string id = done.body.substr(at + 13, done.body.find('"', at + 13) - at - 13);
  // The item: its pages as derived text, labelled, and the original offered.
  auto item = w().get("/items/" + id, &jaksa);
  BOOST_REQUIRE_EQUAL(item.status, 200);
  BOOST_TEST(item.body.find("id=\"unit-2\"") != std::string::npos);
  BOOST_TEST(item.body.find("Bavet") != std::string::npos);
  BOOST_TEST(item.body.find("lapisan teks PDF") != std::string::npos);
  BOOST_TEST(item.body.find("bukan barang buktinya") != std::string::npos);
  BOOST_TEST(item.body.find("/original\"") != std::string::npos);
  auto original = w().get("/api/v1/items/" + id + "/original", &jaksa);
  BOOST_REQUIRE_EQUAL(original.status, 200);
  BOOST_TEST(original.body == pdf);
  BOOST_TEST(original.header("content-type") == "application/pdf");
  BOOST_TEST(original.header("content-disposition") == "attachment; filename=\"surat_tawaran.pdf\"");
  // Search names the page and links to it.
  auto found = w().get("/search?q=Bavet", &jaksa);
  BOOST_TEST(found.body.find("/items/" + id + "#unit-2") != std::string::npos);
  BOOST_TEST(found.body.find("halaman 2") != std::string::npos);
  // The trainer may not upload, nor see the case's item.
  BOOST_TEST(api_upload(as("pelatih"), form({{"case", "perkara-demo-001"}}, {{"a.pdf", pdf}})).status == 403);
  BOOST_TEST(w().get("/items/" + id, &as("pelatih")).status == 404);
}

BOOST_AUTO_TEST_CASE(a_chat_uploaded_by_the_api_hides_the_protected_sender) {
  auto up = api_upload(as("pendamping"), form({{"case", "perkara-demo-001"}}, {{"chat.txt", k_chat}}));
  BOOST_REQUIRE_MESSAGE(up.status == 202, up.body);
  auto job = finished_job(up, as("pendamping"));
  BOOST_REQUIRE_EQUAL(job->getValue<std::string>("state"), "done");
  BOOST_TEST(!leaks(job->getObject("report")->getArray("files")->getObject(0)->getValue<std::string>("path")));
  auto j = job->getObject("report");
  const std::string id = j->getArray("files")->getObject(0)->getValue<std::string>("id");
  BOOST_TEST(id.rfind("elektronik-", 0) == 0);
  // Not cleared: the victim appears by her pseudonym as sender, in the page, the API and search;
  // the original (which names her) is not offered and is refused.
  for (const char* who : {"pendamping", "jaksa", "admin"}) {
    auto page = w().get("/items/" + id, &as(who));
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(!leaks(page.body), who);
    BOOST_TEST(page.body.find("/original\"") == std::string::npos, who);
    BOOST_TEST(!leaks(w().get("/api/v1/items/" + id, &as(who)).body), who);
    BOOST_TEST(!leaks(w().get("/api/v1/search?q=paspor", &as(who)).body), who);
    BOOST_TEST(w().get("/api/v1/items/" + id + "/original", &as(who)).status == 403, who);
  }
  // Cleared: her name, and the original.
  BOOST_TEST(w().get("/items/" + id, &as("jaksa.jelas")).body.find("Rina") != std::string::npos);
  BOOST_TEST(w().get("/api/v1/items/" + id + "/original", &as("jaksa.jelas")).body == k_chat);
  // The message is the hit.
  auto hits = w().get("/api/v1/search?q=Sihanoukville", &as("jaksa")).json()->getArray("hits");
  bool named = false;
  for (std::size_t i = 0; i < hits->size(); ++i)
    if (hits->getObject(i)->getValue<std::string>("id") == id)
      named = hits->getObject(i)->getValue<int>("unit") == 1 &&
              hits->getObject(i)->getValue<std::string>("label").find("Pak Joko Agen") != std::string::npos;
  BOOST_TEST(named);
}

BOOST_AUTO_TEST_CASE(native_uploads_are_refused_cleanly) {
  const auto& jaksa = as("jaksa");
  const std::string pdf = test::text_pdf({{"Dokumen (FIKTIF)"}});
  // Another case's prosecutor: the file is refused as for a case that does not exist.
  auto other = api_upload(as("jaksa_lain"), form({{"case", "perkara-demo-001"}}, {{"a.pdf", pdf}}));
  BOOST_TEST(other.status == 422);
  BOOST_TEST(other.body.find("case not found") != std::string::npos, other.body);
  // Without a case, a PDF is refused with what to do; a mislabelled file and a bad field too.
  auto no_case = api_upload(jaksa, form({}, {{"a.pdf", pdf}}));
  BOOST_TEST(no_case.status == 422);
  BOOST_TEST(no_case.body.find("perkara") != std::string::npos);
  // A mislabelled file is found out when it is read: the job's report says so, by its name.
  auto mislabelled = finished_job(api_upload(jaksa, form({{"case", "perkara-demo-001"}}, {{"foto.jpg", pdf}})), jaksa);
  BOOST_TEST(mislabelled->getValue<std::string>("state") == "done");
  auto report = mislabelled->getObject("report");
  BOOST_TEST(report->getValue<int>("failed") == 1);
  BOOST_TEST(report->getArray("files")->getObject(0)->getValue<std::string>("error").find("foto.jpg") !=
             std::string::npos);
  BOOST_TEST(api_upload(jaksa, form({{"case", "perkara-demo-001"}, {"date", "10/02/2024"}}, {{"a.pdf", pdf}})).status ==
             400);
  BOOST_TEST(api_upload(jaksa, form({{"case", "perkara-demo-001"}, {"kind", "video"}}, {{"a.pdf", pdf}})).status == 400);
  // The form offers the viewer's cases and the kinds.
  auto page = w().get("/upload", &jaksa);
  BOOST_TEST(page.body.find("<option value=\"perkara-demo-001\"") != std::string::npos);
  BOOST_TEST(page.body.find("<option value=\"elektronik\"") != std::string::npos);
  // Nothing left behind in the upload folder.
  std::size_t leftovers = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::filesystem::path(w().data) / "uploads"))
    if (e.is_regular_file()) ++leftovers;
  BOOST_TEST(leftovers == 0u);
}
