// The entry forms through the real HTTP server on loopback (tests/support/server_world.h): the
// statement (BAP) form with its "add a question" round trip, its correction, new cases and
// persons; CSRF on every POST; errors beside their fields with what was typed and nothing
// stored; no protected name on a form shown to an uncleared viewer; the audit log.
#define BOOST_TEST_MODULE server_forms
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <string>
#include <utility>
#include <vector>

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
const test::Who& as(const std::string& who) { return g_world->users.at(who); }
bool has(const std::string& body, const std::string& part) { return body.find(part) != std::string::npos; }

std::string enc(const std::string& s) {
  std::string out;
  static const char* k_hex = "0123456789ABCDEF";
  for (unsigned char ch : s)
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_') {
      out.push_back(static_cast<char>(ch));
    } else {
      out += '%';
      out += k_hex[ch >> 4];
      out += k_hex[ch & 15];
    }
  return out;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// POSTs `fields` as a browser's form, with the session's CSRF token unless `csrf` is false.
test::Reply post(const std::string& path, const test::Who& who, Fields fields, bool csrf = true) {
  if (csrf) fields.emplace_back("csrf", who.csrf);
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + enc(k) + "=" + enc(v);
  return w().call("POST", path, body, "application/x-www-form-urlencoded", {{"Cookie", who.cookie}});
}

Fields statement(const std::string& person, const std::string& date) {
  return {{"kind", "bap"},
          {"case", "perkara-demo-001"},
          {"person", person},
          {"title", "BAP Saksi Tambahan (FIKTIF)"},
          {"date", date},
          {"time", "11:00"},
          {"place", "Polda Metro Jaya"},
          {"examiner", "Bripka Andi Contoh"},
          {"status", "saksi"},
          {"summary", "Keterangan tambahan (FIKTIF)."},
          {"pairs", "2"},
          {"q_1", "Apakah Saudara sehat?"},
          {"a_1", "Ya."},
          {"q_2", "Dengan siapa Saudara berangkat?"},
          {"a_2", "Dengan beberapa orang lain."},
          {"action", "save"}};
}

void set(Fields& f, const std::string& key, const std::string& value) {
  for (auto& [k, v] : f)
    if (k == key) {
      v = value;
      return;
    }
  f.emplace_back(key, value);
}

// The text between `from` and `to` in `body` (empty when either is missing).
std::string between(const std::string& body, const std::string& from, const std::string& to) {
  const auto a = body.find(from);
  if (a == std::string::npos) return {};
  const auto b = body.find(to, a);
  return b == std::string::npos ? std::string() : body.substr(a, b - a);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_statement_form_offers_the_viewers_cases_and_persons_without_names) {
  auto page = w().get("/forms/statement", &as("jaksa"));
  BOOST_REQUIRE_MESSAGE(page.status == 200, page.status << " " << page.body.substr(0, 1500));
  BOOST_TEST(has(page.body, "name=\"csrf\" value=\"" + as("jaksa").csrf + "\""));
  BOOST_TEST(has(page.body, "<option value=\"perkara-demo-001\""));
  BOOST_TEST(has(page.body, "value=\"org-saksi-a\""));
  BOOST_TEST(has(page.body, "Saksi A"));
  BOOST_TEST(!has(page.body, "Rina Fiksiana"));
  BOOST_TEST(!has(page.body, "<script"));
  BOOST_TEST(has(page.body, "name=\"q_1\""));
  BOOST_TEST(has(page.body, "value=\"add\""));
  // The cleared prosecutor sees the name (so the check above can fail).
  BOOST_TEST(has(w().get("/forms/statement", &as("jaksa.jelas")).body, "Rina Fiksiana"));
  // A prosecutor of no case gets the form with no case to choose.
  auto other = w().get("/forms/statement", &as("jaksa_lain"));
  BOOST_TEST(other.status == 200);
  BOOST_TEST(!has(other.body, "perkara-demo-001"));
}

BOOST_AUTO_TEST_CASE(add_a_question_keeps_what_was_typed) {
  Fields f = statement("org-saksi-dedi", "2024-06-01");
  set(f, "title", "Judul <uji> & \"kutip\"");
  set(f, "a_2", "Jawaban yang sudah diketik");
  set(f, "action", "add");
  const auto before = w().get("/api/v1/cases/perkara-demo-001", &as("admin")).body;
  auto r = post("/forms/statement", as("jaksa"), f);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.status << " " << r.body.substr(0, 1500));
  BOOST_TEST(has(r.body, "name=\"q_3\""));
  BOOST_TEST(!has(r.body, "name=\"q_4\""));
  BOOST_TEST(has(r.body, "name=\"pairs\" value=\"3\""));
  BOOST_TEST(has(r.body, "Jawaban yang sudah diketik"));
  BOOST_TEST(has(r.body, "Judul &lt;uji&gt; &amp; &quot;kutip&quot;"));
  BOOST_TEST(!has(r.body, "<uji>"));
  BOOST_TEST(has(r.body, "value=\"org-saksi-dedi\" selected"));
  BOOST_TEST(has(r.body, "value=\"2024-06-01\""));
  // Nothing was stored.
  BOOST_TEST(w().get("/api/v1/cases/perkara-demo-001", &as("admin")).body == before);
}

BOOST_AUTO_TEST_CASE(saving_creates_the_item_and_is_audited) {
  auto r = post("/forms/statement", as("jaksa"), statement("org-saksi-dedi", "2024-06-02"));
  BOOST_REQUIRE_MESSAGE(r.status == 303, r.status << " " << r.body.substr(0, 1500));
  BOOST_TEST(r.header("location") == "/items/bap-org-saksi-dedi-2024-06-02");
  auto item = w().get("/api/v1/items/bap-org-saksi-dedi-2024-06-02", &as("jaksa"));
  BOOST_REQUIRE(item.status == 200);
  BOOST_TEST(has(item.body, "Dengan beberapa orang lain."));
  auto audit = w().get("/api/v1/audit", &as("admin"));
  BOOST_TEST(has(audit.body, "form-statement"));
  BOOST_TEST(has(audit.body, "item:bap-org-saksi-dedi-2024-06-02"));
}

BOOST_AUTO_TEST_CASE(a_protected_name_typed_into_an_answer_is_shown_redacted) {
  Fields f = statement("org-saksi-dedi", "2024-06-06");
  set(f, "a_2", "Dengan Rina Fiksiana dan dua orang lain.");
  auto r = post("/forms/statement", as("jaksa.jelas"), f);
  BOOST_REQUIRE_MESSAGE(r.status == 303, r.status << " " << r.body.substr(0, 1500));
  const std::string item = "/items/bap-org-saksi-dedi-2024-06-06";
  BOOST_TEST(has(w().get(item, &as("jaksa.jelas")).body, "Rina Fiksiana"));
  for (const char* who : {"jaksa", "pendamping"}) {
    auto page = w().get(item, &as(who));
    BOOST_REQUIRE(page.status == 200);
    BOOST_TEST(!has(page.body, "Rina Fiksiana"), who);
    BOOST_TEST(!has(page.body, "Fiksiana"), who);
    BOOST_TEST(!has(w().get("/api/v1" + item, &as(who)).body, "Fiksiana"), who);
  }
}

BOOST_AUTO_TEST_CASE(the_case_pages_link_the_forms_for_who_may_use_them) {
  const std::string case_page = "/cases/perkara-demo-001";
  BOOST_TEST(has(w().get(case_page, &as("jaksa")).body, "/forms/statement?case=perkara-demo-001"));
  BOOST_TEST(has(w().get(case_page, &as("pendamping")).body, "/forms/person?case=perkara-demo-001"));
  BOOST_TEST(has(w().get("/cases", &as("admin")).body, "href=\"/forms/case\""));
  BOOST_TEST(!has(w().get("/cases", &as("jaksa")).body, "href=\"/forms/case\""));
  // ?case= chooses the case and its persons are offered.
  auto form = w().get("/forms/statement?case=perkara-demo-001&kind=terdakwa", &as("jaksa"));
  BOOST_TEST(has(form.body, "<option value=\"perkara-demo-001\" selected"));
  BOOST_TEST(has(form.body, "<option value=\"terdakwa\" selected"));
}

BOOST_AUTO_TEST_CASE(every_post_needs_the_csrf_token) {
  for (const char* path : {"/forms/statement", "/forms/case", "/forms/person", "/items/bap-saksi-dedi/correct"}) {
    auto r = post(path, as("admin"), statement("org-saksi-dedi", "2024-06-03"), false);
    BOOST_TEST(r.status == 403, path << ": " << r.status);
    auto wrong = post(path, as("admin"), {{"csrf", as("jaksa").csrf}}, false);
    BOOST_TEST(wrong.status == 403, path << ": " << wrong.status);
  }
  BOOST_TEST(w().get("/api/v1/items/bap-org-saksi-dedi-2024-06-03", &as("admin")).status == 404);
}

BOOST_AUTO_TEST_CASE(errors_are_shown_beside_their_fields_and_change_nothing) {
  Fields f = statement("org-saksi-dedi", "2024-13-45");
  set(f, "title", "Judul yang diketik");
  auto r = post("/forms/statement", as("jaksa"), f);
  BOOST_REQUIRE_MESSAGE(r.status == 400, r.status << " " << r.body.substr(0, 1500));
  // Between the date input and the next field.
  const auto date_part = between(r.body, "name=\"date\"", "name=\"time\"");
  BOOST_TEST(has(date_part, "class=\"form-error\""), date_part);
  BOOST_TEST(has(date_part, "YYYY-MM-DD"));
  BOOST_TEST(has(r.body, "value=\"Judul yang diketik\""));
  BOOST_TEST(!has(r.body, "xs:"));
  BOOST_TEST(!has(r.body, "Element '"));
  BOOST_TEST(!has(r.body, ".entry-"));
  // An answer missing: beside that answer.
  Fields g = statement("org-saksi-dedi", "2024-06-04");
  set(g, "a_2", "");
  auto r2 = post("/forms/statement", as("jaksa"), g);
  BOOST_REQUIRE(r2.status == 400);
  BOOST_TEST(has(between(r2.body, "name=\"a_2\"", "</li>"), "class=\"form-error\""));
  BOOST_TEST(w().get("/api/v1/items/bap-org-saksi-dedi-2024-06-04", &as("admin")).status == 404);
  // Another case's person (from a tampered form): beside the person.
  Fields h = statement("org-latih-korban", "2024-06-05");
  auto r3 = post("/forms/statement", as("admin"), h);
  BOOST_REQUIRE(r3.status == 400);
  BOOST_TEST(has(between(r3.body, "name=\"person\"", "name=\"id\""), "class=\"form-error\""));
}

BOOST_AUTO_TEST_CASE(a_correction_makes_version_2_with_its_note) {
  // The item page offers it to the cleared prosecutor, not to the paralegal.
  BOOST_TEST(has(w().get("/items/bap-saksi-dedi", &as("jaksa.jelas")).body, "/items/bap-saksi-dedi/correct"));
  BOOST_TEST(!has(w().get("/items/bap-saksi-dedi", &as("pendamping")).body, "/items/bap-saksi-dedi/correct"));

  auto form = w().get("/items/bap-saksi-dedi/correct", &as("jaksa.jelas"));
  BOOST_REQUIRE_MESSAGE(form.status == 200, form.status << " " << form.body.substr(0, 1500));
  BOOST_TEST(has(form.body, "name=\"correction_note\""));
  auto current = w().get("/api/v1/items/bap-saksi-dedi", &as("jaksa.jelas")).json();
  BOOST_TEST(current->getValue<int>("version") == 1);

  // The paralegal (not cleared, and never allowed to supersede) may not, by GET or POST.
  BOOST_TEST(w().get("/items/bap-saksi-dedi/correct", &as("pendamping")).status == 403);
  Fields c = statement("org-saksi-dedi", "2024-04-05");
  set(c, "correction_note", "Perbaikan jawaban 2 (FIKTIF).");
  auto para = post("/items/bap-saksi-dedi/correct", as("pendamping"), c);
  BOOST_TEST(para.status == 403);
  // Without a note: beside the note.
  Fields no_note = c;
  set(no_note, "correction_note", "");
  auto r0 = post("/items/bap-saksi-dedi/correct", as("jaksa.jelas"), no_note);
  BOOST_REQUIRE(r0.status == 400);
  BOOST_TEST(has(between(r0.body, "name=\"correction_note\"", "name=\"title\""), "class=\"form-error\""));
  BOOST_TEST(w().get("/api/v1/items/bap-saksi-dedi", &as("admin")).json()->getValue<int>("version") == 1);

  auto r = post("/items/bap-saksi-dedi/correct", as("jaksa.jelas"), c);
  BOOST_REQUIRE_MESSAGE(r.status == 303, r.status << " " << r.body.substr(0, 1500));
  auto v2 = w().get("/api/v1/items/bap-saksi-dedi", &as("jaksa.jelas"));
  BOOST_TEST(v2.json()->getValue<int>("version") == 2);
  BOOST_TEST(has(v2.body, "Perbaikan jawaban 2 (FIKTIF)."));
  BOOST_TEST(has(v2.body, "Dengan beberapa orang lain."));
  BOOST_TEST(has(w().get("/api/v1/audit", &as("admin")).body, "form-correct"));
}

BOOST_AUTO_TEST_CASE(a_new_case_by_the_administrator_only) {
  Fields f = {{"id", "perkara-form-009"},
              {"register_number", "PDM-09/FIKTIF/2024"},
              {"title", "Perkara dari formulir (FIKTIF)"},
              {"court", "Pengadilan Negeri Jakarta Pusat"},
              {"stage", "penyidikan"},
              {"charged", "uu-21-2007/pasal-2/ayat-1 uu-21-2007/pasal-4"},
              {"offence_date", "2024-01-15"},
              {"fictional", "ya"}};
  BOOST_TEST(post("/forms/case", as("jaksa.jelas"), f).status == 403);
  Fields bad = f;
  set(bad, "offence_date", "15-01-2024");
  auto e = post("/forms/case", as("admin"), bad);
  BOOST_REQUIRE(e.status == 400);
  BOOST_TEST(has(between(e.body, "name=\"offence_date\"", "name=\"country\""), "class=\"form-error\""));
  BOOST_TEST(w().get("/api/v1/cases/perkara-form-009", &as("admin")).status == 404);
  auto r = post("/forms/case", as("admin"), f);
  BOOST_REQUIRE_MESSAGE(r.status == 303, r.status << " " << r.body.substr(0, 1500));
  BOOST_TEST(r.header("location") == "/cases/perkara-form-009");
  BOOST_TEST(w().get("/api/v1/cases/perkara-form-009", &as("admin")).status == 200);
}

BOOST_AUTO_TEST_CASE(a_new_person_by_a_prosecutor_of_the_case) {
  Fields f = {{"case", "perkara-demo-001"}, {"id", "org-saksi-formulir"}, {"name", "Sari Rekaan"},
              {"role", "saksi"},            {"gender", "P"},             {"birth_date", "1995-02-29"},
              {"fictional", "ya"}};
  auto e = post("/forms/person", as("jaksa"), f);
  BOOST_REQUIRE(e.status == 400);  // 1995 was not a leap year
  BOOST_TEST(has(between(e.body, "name=\"birth_date\"", "name=\"origin\""), "class=\"form-error\""));
  BOOST_TEST(has(e.body, "value=\"Sari Rekaan\""));
  set(f, "birth_date", "1995-02-28");
  // A prosecutor of another case: the case reads as missing.
  BOOST_TEST(post("/forms/person", as("jaksa_lain"), f).status == 404);
  BOOST_TEST(post("/forms/person", as("pelatih"), f).status == 403);
  auto r = post("/forms/person", as("jaksa"), f);
  BOOST_REQUIRE_MESSAGE(r.status == 303, r.status << " " << r.body.substr(0, 1500));
  BOOST_TEST(w().get("/api/v1/persons/org-saksi-formulir", &as("jaksa")).status == 200);
}
