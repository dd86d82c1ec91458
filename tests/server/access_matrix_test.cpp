// Every feature of the web application for every role — administrator, cleared prosecutor,
// uncleared prosecutor, prosecutor of another case, paralegal, trainer, and the anonymous visitor
// — as one table of requests and the status each must get. The rules are the access policy's
// (service/policy.h); this checks that every route asks it, pages and API alike. Hidden material
// answers exactly like missing material (404), never 403.
#define BOOST_TEST_MODULE access_matrix
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/hash.h"
#include "support/server_world.h"

using namespace berkas;

// The link key of the demo recruiter's telephone number (service::identifier_key): checked below.
#define K_RECRUITER_KEY "16bd9299f888fc4c2238"

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

// Columns: admin, jaksa.jelas (cleared), jaksa (uncleared), jaksa_lain (other case),
// pendamping (paralegal), pelatih (trainer), anonymous.
const std::vector<std::string> k_who = {"admin", "jaksa.jelas", "jaksa", "jaksa_lain", "pendamping", "pelatih", ""};

struct Row {
  const char* path;
  std::vector<int> expect;  // one status per column of k_who
};

// Anonymous: the API says 401, a page sends the visitor to the sign-in page (303).
const std::vector<Row> k_rows = {
    // search, the law and precedents: everyone signed in
    {"/api/v1/search?q=paspor", {200, 200, 200, 200, 200, 200, 401}},
    {"/search?q=paspor", {200, 200, 200, 200, 200, 200, 303}},
    {"/api/v1/laws/uu-21-2007", {200, 200, 200, 200, 200, 200, 401}},
    {"/law/uu-21-2007/4", {200, 200, 200, 200, 200, 200, 303}},
    // the victim's statement: who may see the case
    {"/api/v1/items/bap-saksi-a", {200, 200, 200, 404, 200, 404, 401}},
    {"/items/bap-saksi-a", {200, 200, 200, 404, 200, 404, 303}},
    // a statement released for training: its own case's viewers, and trainers (anonymised)
    {"/api/v1/items/bap-latih-korban", {200, 404, 404, 404, 404, 200, 401}},
    {"/items/bap-latih-korban", {200, 404, 404, 404, 404, 200, 303}},
    // the case, its persons and its bundles: who may see the case; trainers never
    {"/api/v1/cases/perkara-demo-001", {200, 200, 200, 404, 200, 404, 401}},
    {"/cases/perkara-demo-001", {200, 200, 200, 404, 200, 404, 303}},
    {"/api/v1/persons/org-saksi-a", {200, 200, 200, 404, 200, 404, 401}},
    {"/persons/org-saksi-a", {200, 200, 200, 404, 200, 404, 303}},
    {"/api/v1/cases/perkara-demo-001/bundles", {200, 200, 200, 404, 200, 404, 401}},
    // the case's identifiers and timeline: who may see the case; trainers never
    {"/api/v1/cases/perkara-demo-001/identifiers", {200, 200, 200, 404, 200, 404, 401}},
    {"/cases/perkara-demo-001/identifiers", {200, 200, 200, 404, 200, 404, 303}},
    {"/cases/perkara-demo-001/identifiers.csv", {200, 200, 200, 404, 200, 404, 303}},
    {"/api/v1/cases/perkara-demo-001/timeline", {200, 200, 200, 404, 200, 404, 401}},
    {"/cases/perkara-demo-001/timeline", {200, 200, 200, 404, 200, 404, 303}},
    // the second case's (no one but the administrator is assigned to it)
    {"/api/v1/cases/perkara-demo-002/identifiers", {200, 404, 404, 404, 404, 404, 401}},
    {"/cases/perkara-demo-002/timeline", {200, 404, 404, 404, 404, 404, 303}},
    // the recruiter's number (FIKTIF, demo): who may see a case it occurs in, by its link key
    // (SHA-256 of "telepon\t+6285724681357", 20 hex digits); for the others it does not exist
    {"/identifiers/" K_RECRUITER_KEY, {200, 200, 200, 404, 200, 404, 303}},
    {"/api/v1/identifiers/" K_RECRUITER_KEY, {200, 200, 200, 404, 200, 404, 401}},
    {"/api/v1/identifiers/00000000000000000000", {404, 404, 404, 404, 404, 404, 401}},
    // guidelines for everyone signed in; answer keys for trainers and administrators
    {"/api/v1/guidelines", {200, 200, 200, 200, 200, 200, 401}},
    {"/guidelines/pendampingan-korban-tppo", {200, 200, 200, 200, 200, 200, 303}},
    {"/guidelines/pendampingan-korban-tppo?answers=1", {200, 403, 403, 403, 403, 200, 303}},
    // uploads: everyone but trainers
    {"/upload", {200, 200, 200, 200, 200, 403, 303}},
    // entry forms: statements and persons for everyone but trainers (a prosecutor of no case
    // gets a form with no case); new cases for administrators; a correction for whom the policy
    // lets supersede the statement (hidden: missing) and who sees every name in it (the demo's
    // administrator is not cleared: the form would write the pseudonyms back as evidence)
    {"/forms/statement", {200, 200, 200, 200, 200, 403, 303}},
    {"/forms/person", {200, 200, 200, 200, 200, 403, 303}},
    {"/forms/case", {200, 403, 403, 403, 403, 403, 303}},
    {"/items/bap-saksi-a/correct", {403, 200, 403, 404, 403, 404, 303}},
    {"/items/bap-latih-korban/correct", {403, 404, 404, 404, 404, 403, 303}},
    // administration
    {"/admin", {200, 403, 403, 403, 403, 403, 303}},
    {"/admin/audit", {200, 403, 403, 403, 403, 403, 303}},
    {"/api/v1/users", {200, 403, 403, 403, 403, 403, 401}},
    {"/api/v1/audit", {200, 403, 403, 403, 403, 403, 401}},
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_route_for_every_role) {
  BOOST_TEST(core::sha256_hex("telepon\t+6285724681357").substr(0, 20) == K_RECRUITER_KEY);
  auto& w = *g_world;
  for (const auto& row : k_rows) {
    BOOST_REQUIRE_EQUAL(row.expect.size(), k_who.size());
    for (std::size_t i = 0; i < k_who.size(); ++i) {
      const auto& who = k_who[i];
      auto r = who.empty() ? w.get(row.path) : w.get(row.path, &w.users.at(who));
      BOOST_TEST(r.status == row.expect[i], row.path << " as " << (who.empty() ? "anonymous" : who) << ": "
                                                     << r.status << ", expected " << row.expect[i]);
    }
  }
}

BOOST_AUTO_TEST_CASE(hidden_answers_exactly_like_missing_for_every_role_that_may_not_see) {
  auto& w = *g_world;
  for (const std::string who : {"jaksa_lain", "pelatih"}) {
    const auto& u = w.users.at(who);
    for (const char* kind : {"/api/v1/items/", "/api/v1/cases/", "/api/v1/persons/"}) {
      const std::string real = std::string(kind) + (std::string(kind) == "/api/v1/items/" ? "bap-saksi-a"
                                                    : std::string(kind) == "/api/v1/cases/" ? "perkara-demo-001"
                                                                                           : "org-saksi-a");
      const std::string missing = std::string(kind) + "tidak-ada-sama-sekali";
      auto a = w.get(real, &u);
      auto b = w.get(missing, &u);
      BOOST_TEST(a.status == b.status, who << " " << real);
      const auto id_a = real.substr(real.rfind('/') + 1), id_b = missing.substr(missing.rfind('/') + 1);
      BOOST_TEST(core::replace_all(a.body, id_a, "ID") == core::replace_all(b.body, id_b, "ID"), who << " " << real);
    }
  }
}

BOOST_AUTO_TEST_CASE(changes_for_every_role) {
  // Building a bundle (POST) and a restitution entry: who may see the case; trainers and other
  // prosecutors get the missing case's answer; anonymous 401.
  auto& w = *g_world;
  const std::map<std::string, int> bundle = {{"admin", 201}, {"jaksa", 201}, {"pendamping", 201},
                                             {"jaksa_lain", 404}, {"pelatih", 404}};
  for (const auto& [who, status] : bundle) {
    auto r = w.api("POST", "/api/v1/cases/perkara-demo-001/bundles", w.users.at(who), "{}");
    BOOST_TEST((r.status == status || (status == 201 && r.status == 200)), who << ": " << r.status << " " << r.body);
  }
  auto anon = w.call("POST", "/api/v1/cases/perkara-demo-001/bundles", "{}", "application/json");
  BOOST_TEST(anon.status == 401);
  // Users and assignments: administrators only.
  for (const std::string who : {"jaksa.jelas", "jaksa", "pendamping", "pelatih"}) {
    auto r = w.api("POST", "/api/v1/users", w.users.at(who),
                   R"({"user":"baru","role":"administrator","password":"kata-sandi-uji-12345"})");
    BOOST_TEST(r.status == 403, who);
  }
}
