// service/guidelines and service/anonymise on a real store loaded with the demo (init --demo):
// law excerpts equal the store's text, a revoked Pasal shows its successor, case studies only from
// released items (the same refusal for unreleased and missing, also for an administrator), and
// no person's name or gazetteer place of the case study reaches the output. All data FIKTIF.
#define BOOST_TEST_MODULE guidelines
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "core/text.h"
#include "service/anonymise.h"
#include "service/guidelines.h"
#include "service/service.h"
#include "store/store.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace berkas;
namespace fs = std::filesystem;

namespace {

struct Demo {
  test::TempDir dir;
  service::Options options;
  std::unique_ptr<service::Service> svc;
  Demo() {
    options.data_dir = dir.file("data");
    options.resource_dir = BERKAS_SOURCE_DIR;
    auto s = service::Service::open(options, true);
    BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().describe()));
    svc = std::move(*s);
    auto r = svc->init(service::Viewer::command_line("penguji"), true);
    BOOST_REQUIRE(r);
    BOOST_REQUIRE(r->failed() == 0u);
  }
};

Demo& demo() {
  static Demo d;
  return d;
}

service::Viewer trainer() {
  service::Viewer v;
  v.user = "pelatih";
  v.role = service::Role::trainer;
  return v;
}

service::Viewer administrator() {
  service::Viewer v;
  v.user = "admin";
  v.role = service::Role::administrator;
  v.cleared_all = true;  // even cleared for every identity
  return v;
}

std::string module_with(const std::string& body, const std::string& date = "2025-06-02") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<modul id=\"uji\" versi=\"1\" tanggal=\"" + date +
         "\">\n<judul>Uji</judul>\n<sasaran>Pelatih</sasaran>\n<penyusun>Tim</penyusun>\n<lembaga>Lembaga</lembaga>\n"
         "<bab>\n<judul>Satu</judul>\n" + body + "\n</bab>\n</modul>\n";
}

std::string html_esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '&') o += "&amp;";
    else if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '"') o += "&quot;";
    else if (c == '\'') o += "&#39;";
    else o += c;
  }
  return core::replace_all(o, "\n", "<br/>");
}

bool has_word(const std::string& text, const std::string& word) {
  const std::string t = core::ascii_lower(text), w = core::ascii_lower(word);
  for (std::size_t p = t.find(w); p != std::string::npos; p = t.find(w, p + 1)) {
    const bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(t[p - 1]));
    const std::size_t e = p + w.size();
    const bool right = e >= t.size() || !std::isalnum(static_cast<unsigned char>(t[e]));
    if (left && right) return true;
  }
  return false;
}

core::Result<service::GuidelineMade> make(const std::string& xml, const service::Viewer& v, bool answers = false) {
  static int n = 0;
  auto& d = demo();
  const std::string path = d.dir.write("modul" + std::to_string(++n) + "/modul.xml", xml);
  service::GuidelineRequest r;
  r.module_path = path;
  r.out_pdf = d.dir.file("out" + std::to_string(n) + ".pdf");
  r.out_html = d.dir.file("out" + std::to_string(n) + ".html");
  r.answers = answers;
  return service::make_guideline(*d.svc, d.options, v, r);
}

}  // namespace

BOOST_AUTO_TEST_CASE(law_excerpts_are_the_stores_text) {
  auto made = make(module_with("<kutipan-pasal ref=\"uu-21-2007/pasal-48\"/>\n<kutipan-pasal ref=\"uu-21-2007/pasal-35\"/>"),
                   trainer());
  BOOST_REQUIRE_MESSAGE(made, (made ? "" : made.error().describe()));
  const std::string html = test::read_file(made->html_path);
  auto& d = demo();
  for (const char* id : {"uu-21-2007/pasal-48", "uu-21-2007/pasal-35"}) {
    auto pv = d.svc->provision(trainer(), "uu-21-2007", id, "2025-06-02");
    BOOST_REQUIRE(pv);
    BOOST_TEST(!pv->provision.text.empty());
    BOOST_TEST(html.find(html_esc(pv->provision.text)) != std::string::npos, id);
    BOOST_TEST(html.find(pv->provision.label) != std::string::npos);
  }
  BOOST_TEST(html.find("status per 2 Juni 2025: berlaku") != std::string::npos);
  const auto text = test::run({"/bin/sh", "-c", "pdftotext '" + made->pdf_path + "' -"}).out;
  BOOST_TEST(text.find("Setiap korban tindak pidana perdagangan orang atau ahli warisnya berhak memperoleh") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_revoked_pasal_shows_its_successor) {
  auto made = make(module_with("<kutipan-pasal ref=\"uu-21-2007/pasal-2\"/>", "2026-03-01"), trainer());
  BOOST_REQUIRE_MESSAGE(made, (made ? "" : made.error().describe()));
  const std::string html = test::read_file(made->html_path);
  auto pv = demo().svc->provision(trainer(), "uu-21-2007", "uu-21-2007/pasal-2", "2026-03-01");
  BOOST_REQUIRE(pv);
  BOOST_REQUIRE((pv->status == core::ForceStatus::revoked));
  BOOST_TEST(!pv->successor_label.empty());
  BOOST_TEST(html.find("dicabut; diganti oleh / replaced by " + pv->successor_label) != std::string::npos);
  // Read before the new KUHP: in force, no successor printed.
  auto before = make(module_with("<kutipan-pasal ref=\"uu-21-2007/pasal-2\"/>", "2025-03-01"), trainer());
  BOOST_REQUIRE(before);
  BOOST_TEST(test::read_file(before->html_path).find("diganti oleh") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_provision_names_the_module_line) {
  auto made = make(module_with("<paragraf>x</paragraf>\n<kutipan-pasal ref=\"uu-21-2007/pasal-999\"/>"), trainer());
  BOOST_REQUIRE(!made);
  BOOST_TEST(made.error().line == 10);
  BOOST_TEST(made.error().file.find("modul.xml") != std::string::npos);
  BOOST_TEST(made.error().message.find("uu-21-2007/pasal-999") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unreleased_and_missing_items_are_refused_alike_for_everyone) {
  for (const auto& v : {trainer(), administrator(), service::Viewer::command_line("penguji")}) {
    auto unreleased = make(module_with("<studi-kasus item=\"bap-saksi-a\"/>"), v);
    auto missing = make(module_with("<studi-kasus item=\"bap-tidak-ada\"/>"), v);
    BOOST_REQUIRE(!unreleased);
    BOOST_REQUIRE(!missing);
    BOOST_TEST((unreleased.error().code == missing.error().code));
    BOOST_TEST(unreleased.error().line == missing.error().line);
    BOOST_TEST(core::replace_all(unreleased.error().message, "bap-saksi-a", "ID") ==
               core::replace_all(missing.error().message, "bap-tidak-ada", "ID"));
    BOOST_TEST(unreleased.error().message.find("tidak tersedia untuk pelatihan") != std::string::npos);
    BOOST_TEST(unreleased.error().message.find("Rina") == std::string::npos);
  }
  BOOST_TEST(!fs::exists(demo().dir.file("out.pdf")));
}

BOOST_AUTO_TEST_CASE(case_studies_are_anonymised_whatever_the_clearance) {
  auto& d = demo();
  auto st = store::Store::open(d.options.data_dir + "/store.sqlite", store::OpenMode::read_only);
  BOOST_REQUIRE(st);
  std::vector<std::string> names;
  for (const char* c : {"perkara-pelatihan-001", "perkara-demo-001"}) {
    auto persons = (*st)->persons(c);
    BOOST_REQUIRE(persons);
    BOOST_REQUIRE(!persons->empty());
    for (const auto& p : *persons) names.push_back(p.name);
  }
  auto places = service::Gazetteer::load(d.options.resource_dir + "/index/places.txt");
  BOOST_REQUIRE(places);
  BOOST_REQUIRE(places->entries().size() > 100u);
  const std::string body =
      "<studi-kasus item=\"bap-latih-korban\" fiktif=\"ya\"/>\n<studi-kasus item=\"ahli-forensik-digital\"/>";
  for (const auto& v : {trainer(), administrator()}) {
    auto made = make(module_with(body), v);
    BOOST_REQUIRE_MESSAGE(made, (made ? "" : made.error().describe()));
    BOOST_TEST(made->case_study_ids.size() == 2u);
    const std::string html = test::read_file(made->html_path);
    const std::string text = test::run({"/bin/sh", "-c", "pdftotext '" + made->pdf_path + "' -"}).out;
    const std::string raw = test::read_file(made->pdf_path);
    for (const auto& out : {html, text}) {
      BOOST_TEST(out.find("Saksi L") != std::string::npos);        // the protected victim's pseudonym
      BOOST_TEST(out.find("[nomor disamarkan]") != std::string::npos);
      for (const auto& n : names) {
        BOOST_TEST(!has_word(out, n), n);
        for (const auto& w : core::split(n, ' '))
          if (w.size() >= 4 && w != "alias") BOOST_TEST(!has_word(out, w), w);
      }
      for (const auto& [place, general] : places->entries()) BOOST_TEST(!has_word(out, place), place);
      for (const char* s : {"0812-7788-9900", "C4455667", "1234-5678-9012", "21 November 2003", "2024-06-10", "85020456"})
        BOOST_TEST(out.find(s) == std::string::npos, s);
    }
    BOOST_TEST(raw.find("Fiksiana") == std::string::npos);
    BOOST_TEST(html.find("Juni 2024") != std::string::npos);  // the statement's month and year
  }
}

// Regression (service-layer issue, breach 2): a trainer opening a released item directly
// (/items/bap-latih-korban, the API, Service::item) saw the father's name, the date of birth,
// the phone, passport and account numbers and the recruiter's name; only the victim's name was
// replaced. The item route now shows what a case study shows.
BOOST_AUTO_TEST_CASE(a_trainer_sees_a_released_item_only_as_a_case_study_shows_it) {
  auto& d = demo();
  auto st = store::Store::open(d.options.data_dir + "/store.sqlite", store::OpenMode::read_only);
  BOOST_REQUIRE(st);
  auto persons = (*st)->persons("perkara-pelatihan-001");
  BOOST_REQUIRE(persons);
  BOOST_REQUIRE(persons->size() >= 3u);
  auto places = service::Gazetteer::load(d.options.resource_dir + "/index/places.txt");
  BOOST_REQUIRE(places);
  for (const std::string ref : {"bap-latih-korban", "bap-latih-korban@1"}) {
    auto view = d.svc->item(trainer(), ref);
    BOOST_REQUIRE_MESSAGE(view, (view ? "" : view.error().describe()));
    const auto& it = view->item;
    std::string all = it.title + "\n" + it.summary + "\n" + it.place + "\n" + it.examiner + "\n" + it.date + "\n" +
                      view->case_title + "\n" + it.correction_note + "\n";
    for (const auto& qa : it.qa) all += qa.question + "\n" + qa.answer + "\n";
    for (const auto& sec : it.sections) all += sec.heading + "\n" + sec.text + "\n";
    for (const auto& ver : view->versions) all += ver.correction_note + "\n";
    if (view->person) all += view->person->display_name + "\n";
    for (const auto& p : *persons) {
      BOOST_TEST(!has_word(all, p.name), p.name);
      for (const auto& w : core::split(p.name, ' '))
        if (w.size() >= 4 && w != "alias") BOOST_TEST(!has_word(all, w), w);
    }
    for (const auto& [place, general] : places->entries()) BOOST_TEST(!has_word(all, place), place);
    for (const char* s : {"0812-7788-9900", "C4455667", "1234-5678-9012", "21 November 2003", "85020456", "+62 857"})
      BOOST_TEST(all.find(s) == std::string::npos, s);
    BOOST_TEST(all.find("[nomor disamarkan]") != std::string::npos);
    BOOST_TEST(it.attachments.empty());
    BOOST_TEST(it.date.size() == 7u);  // YYYY-MM
    BOOST_TEST(view->redacted);
    BOOST_TEST_REQUIRE(view->person.has_value());
    BOOST_TEST(view->person->pseudonymised);
  }
  // An administrator still sees the item whole.
  auto whole = d.svc->item(administrator(), "bap-latih-korban");
  BOOST_REQUIRE(whole);
  BOOST_TEST(whole->item.qa.size() > 2u);
  bool phone = false;
  for (const auto& qa : whole->item.qa) phone |= qa.answer.find("0812-7788-9900") != std::string::npos;
  BOOST_TEST(phone);
}

BOOST_AUTO_TEST_CASE(answers_only_in_the_answer_key_and_audited) {
  const std::string body =
      "<latihan judul=\"L\"><soal><pertanyaan>Soal satu?</pertanyaan><kunci>JAWABANKUNCI</kunci></soal></latihan>";
  auto participants = make(module_with(body), trainer());
  BOOST_REQUIRE(participants);
  BOOST_TEST(test::read_file(participants->html_path).find("JAWABANKUNCI") == std::string::npos);
  BOOST_TEST(test::run({"/bin/sh", "-c", "pdftotext '" + participants->pdf_path + "' -"}).out.find("JAWABANKUNCI") ==
             std::string::npos);
  auto key = make(module_with(body), trainer(), true);
  BOOST_REQUIRE(key);
  BOOST_TEST(test::read_file(key->html_path).find("JAWABANKUNCI") != std::string::npos);
  auto log = demo().svc->audit_log(administrator());
  BOOST_REQUIRE(log);
  bool found = false;
  for (const auto& e : *log)
    if (e.action == "guideline" && e.object == "uji" && e.actor == "pelatih" && e.detail.find(key->pdf_sha256) != std::string::npos)
      found = true;
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(shipped_modules_for_the_web) {
  auto& d = demo();
  auto list = service::shipped_guidelines(d.options);
  BOOST_REQUIRE_MESSAGE(list, (list ? "" : list.error().describe()));
  BOOST_REQUIRE(list->size() == 2u);
  for (const auto& g : *list) {
    auto html = service::guideline_html(*d.svc, d.options, trainer(), g.id, false);
    BOOST_REQUIRE_MESSAGE(html, (html ? "" : html.error().describe()));
    BOOST_TEST(html->rfind("<article", 0) == 0u);
    BOOST_TEST(html->find("Rina") == std::string::npos);
    auto pdf = service::guideline_pdf(*d.svc, d.options, trainer(), g.id, true);
    BOOST_REQUIRE(pdf);
    BOOST_TEST(pdf->rfind("%PDF", 0) == 0u);
  }
  auto none = service::guideline_html(*d.svc, d.options, trainer(), "tidak-ada", false);
  BOOST_REQUIRE(!none);
  BOOST_TEST((none.error().code == core::ErrorCode::not_found));
}

BOOST_AUTO_TEST_CASE(anonymiser_rules) {
  BOOST_TEST(service::month_year("2024-04-03") == "April 2024");
  BOOST_TEST(service::mask_dates_and_numbers("lahir 17 Agustus 2001, tgl 2024-02-12, 12/03/2024") ==
             "lahir Agustus 2001, tgl Februari 2024, Maret 2024");
  BOOST_TEST(service::mask_dates_and_numbers("HP +62 812 3456 7890, paspor C1234567, Rp1.500.000, 14 jam, 12345") ==
             "HP [nomor disamarkan], paspor C[nomor disamarkan], Rp1.500.000, 14 jam, 12345");
  service::Gazetteer g({{"Cianjur", "sebuah kabupaten di Pulau Jawa"}, {"Phnom Penh", "sebuah kota di Kamboja"}});
  BOOST_TEST(g.generalise("dari Kabupaten Cianjur ke Phnom Penh; Cianjuran") ==
             "dari sebuah kabupaten di Pulau Jawa ke sebuah kota di Kamboja; Cianjuran");
  core::Person a;
  a.id = "b";
  a.name = "Budi Santosa";
  a.role = core::PersonRole::terdakwa;
  core::Person b;
  b.id = "a";
  b.name = "Siti Aminah";
  b.role = core::PersonRole::saksi_korban;
  b.origin = "Desa Mawar, Cianjur";
  service::Anonymiser an({a, b}, g);
  BOOST_TEST(an.pseudonym_of("a") == "Korban 1");
  BOOST_TEST(an.pseudonym_of("b") == "Terdakwa 1");
  BOOST_TEST(an.text("Siti Aminah dari Desa Mawar bertemu Budi.") == "Korban 1 dari sebuah kabupaten di Pulau Jawa bertemu Terdakwa 1.");
  BOOST_TEST(an.place("Kantor Polres Cianjur, Jalan Melati 3") == "sebuah kabupaten di Pulau Jawa");
  BOOST_TEST(an.place("Kantor Jalan Melati 3") == "sebuah tempat / a place");
}
