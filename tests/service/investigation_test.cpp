// The investigation tools (service/investigation.h) on a real data dir with the law and the
// FIKTIF demo: its two cases in different districts share the recruiter's telephone number and
// bank account, written differently. Identifiers across cases under every role — a hidden case
// leaves no trace, a protected person's numbers are never found by who may not see them — and
// the case timeline (dates in the text, document dates, chat message times).
#define BOOST_TEST_MODULE investigation
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "service/context.h"
#include "service/investigation.h"
#include "service/json.h"
#include "service/service.h"
#include "support/demo_context.h"
#include "support/temp_dir.h"

using namespace berkas;
using service::Role;
using service::Viewer;

namespace {

const std::string k_case = "perkara-demo-001", k_other_case = "perkara-demo-002";
// FIKTIF: the demo suspect's telephone and account (demo/03-bap/bap-tersangka.xml), and what the
// second case's victim writes of them (demo/11-perkara-lain/3-bap-korban-b.xml).
const std::string k_phone = "+6285724681357", k_account = "bca:8021357913";

Viewer make(const std::string& user, Role role, std::vector<std::string> assigned, std::vector<std::string> cleared) {
  Viewer v;
  v.user = user;
  v.role = role;
  v.assigned_cases.insert(assigned.begin(), assigned.end());
  v.cleared_cases.insert(cleared.begin(), cleared.end());
  return v;
}

using DemoFixture = test::DemoFixture;
BOOST_TEST_GLOBAL_FIXTURE(DemoFixture);

service::Service& svc() { return test::demo().ctx->evidence(); }

const service::IdentifierEntry* find(const std::vector<service::IdentifierEntry>& list, const std::string& value) {
  auto it = std::find_if(list.begin(), list.end(), [&](const auto& e) { return e.value == value; });
  return it == list.end() ? nullptr : &*it;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_recruiters_number_and_account_link_the_two_cases) {
  const auto admin = make("admin", Role::administrator, {}, {});
  auto ids = service::case_identifiers(svc(), admin, k_case);
  BOOST_TEST_REQUIRE(ids.has_value(), (ids ? "" : ids.error().describe()));
  for (const auto& value : {k_phone, k_account}) {
    const auto* e = find(*ids, value);
    BOOST_TEST_REQUIRE(e != nullptr, value);
    BOOST_TEST((e->cases == std::vector<std::string>{k_case, k_other_case}), value);
    BOOST_TEST(e->occurrences.at(0).at.item_id == "bap-tersangka");
    BOOST_TEST(e->key.size() == 20u);
  }
  // The same number, however written, is one identifier with both occurrences.
  for (const std::string typed : {"0857-2468-1357", "+62 857 2468 1357", "62857 24681357", "(0857) 24681357"}) {
    auto r = service::identifier_occurrences(svc(), admin, typed);
    BOOST_TEST_REQUIRE(r.has_value(), typed);
    BOOST_TEST(r->value == k_phone, typed);
    BOOST_TEST(r->occurrences.size() == 2u, typed);
    BOOST_TEST((r->cases == std::vector<std::string>{k_case, k_other_case}), typed);
  }
  // By its link key, which carries no digit of it.
  auto by_key = service::identifier_occurrences(svc(), admin, service::identifier_key(extract::IdentifierKind::phone, k_phone));
  BOOST_TEST_REQUIRE(by_key.has_value());
  BOOST_TEST(by_key->value == k_phone);
  BOOST_TEST(by_key->occurrences.size() == 2u);
  // The CSV has one row per occurrence; the '+' of a number is kept as text.
  const auto csv = service::identifiers_csv({*by_key});
  BOOST_TEST(std::count(csv.begin(), csv.end(), '\n') == 3);
  BOOST_TEST(csv.find(",'+6285724681357,") != std::string::npos);
  // Not an identifier: a clear error.
  auto bad = service::identifier_occurrences(svc(), admin, "bukan nomor");
  BOOST_TEST_REQUIRE(!bad.has_value());
  BOOST_TEST((bad.error().code == core::ErrorCode::invalid_input));
}

BOOST_AUTO_TEST_CASE(a_case_the_viewer_may_not_see_leaves_no_trace) {
  // A prosecutor of the first case only: the second case is neither listed nor counted.
  const auto first_only = make("jaksa", Role::prosecutor, {k_case}, {k_case});
  auto ids = service::case_identifiers(svc(), first_only, k_case);
  BOOST_TEST_REQUIRE(ids.has_value());
  const auto* e = find(*ids, k_phone);
  BOOST_TEST_REQUIRE(e != nullptr);
  BOOST_TEST((e->cases == std::vector<std::string>{k_case}));
  auto r = service::identifier_occurrences(svc(), first_only, "0857-2468-1357");
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(r->occurrences.size() == 1u);
  for (const auto& o : r->occurrences) BOOST_TEST(o.at.case_id == k_case);
  const auto json = service::json::of(*r);
  BOOST_TEST(json.find(k_other_case) == std::string::npos);
  BOOST_TEST(json.find("korban-b") == std::string::npos);
  // The other case itself: as missing as a case that does not exist.
  auto hidden = service::case_identifiers(svc(), first_only, k_other_case);
  BOOST_TEST_REQUIRE(!hidden.has_value());
  BOOST_TEST((hidden.error().code == core::ErrorCode::not_found));
  // A trainer sees no case material at all.
  const auto trainer = make("pelatih", Role::trainer, {}, {});
  BOOST_TEST(!service::case_identifiers(svc(), trainer, k_case).has_value());
  auto none = service::identifier_occurrences(svc(), trainer, "0857-2468-1357");
  BOOST_TEST_REQUIRE(none.has_value());
  BOOST_TEST(none->occurrences.empty());
  BOOST_TEST(none->cases.empty());
}

BOOST_AUTO_TEST_CASE(a_protected_persons_numbers_are_found_only_by_who_is_cleared) {
  // FIKTIF numbers of the protected victims (demo/02-orang/org-saksi-a.xml, 2-org-korban-b.xml).
  const std::string victim_a = "+6281200001111", victim_b = "+6281355550202";
  const auto uncleared = make("jaksa", Role::prosecutor, {k_case, k_other_case}, {});
  const auto cleared = make("jaksa.jelas", Role::prosecutor, {k_case, k_other_case}, {k_case, k_other_case});
  for (const auto& [v, visible] : {std::pair{uncleared, false}, std::pair{cleared, true}}) {
    auto a = service::case_identifiers(svc(), v, k_case);
    auto b = service::case_identifiers(svc(), v, k_other_case);
    BOOST_TEST_REQUIRE((a && b));
    BOOST_TEST((find(*a, victim_a) != nullptr) == visible, v.user);
    BOOST_TEST((find(*a, "3201014108010001") != nullptr) == visible, v.user);
    BOOST_TEST((find(*b, victim_b) != nullptr) == visible, v.user);
    auto lookup = service::identifier_occurrences(svc(), v, "0812-0000-1111");
    BOOST_TEST_REQUIRE(lookup.has_value());
    BOOST_TEST(lookup->occurrences.empty() != visible, v.user);
    // (The lookup names the number its user typed; its occurrences are what must be empty.)
    const auto json = service::json::of(*a) + service::json::of(*b);
    if (!visible) {
      for (const std::string digits : {"1111", "0202", "0141"}) BOOST_TEST(json.find(digits) == std::string::npos, digits);
      BOOST_TEST(json.find("Rina") == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_timeline_orders_dated_events_with_their_passages) {
  const auto uncleared = make("jaksa", Role::prosecutor, {k_case}, {});
  auto t = service::case_timeline(svc(), uncleared, k_case);
  BOOST_TEST_REQUIRE(t.has_value());
  BOOST_TEST_REQUIRE(t->size() > 10u);
  BOOST_TEST(std::is_sorted(t->begin(), t->end(), [](const auto& a, const auto& b) {
    return std::tie(a.date, a.time) < std::tie(b.date, b.time);
  }));
  // The departure, written "Pada 12 Februari 2024" in the victim's statement, answer 7.
  auto departure = std::find_if(t->begin(), t->end(), [](const auto& e) {
    return e.date == "2024-02-12" && e.at.item_id == "bap-saksi-a" && e.source == service::EventSource::text;
  });
  BOOST_TEST_REQUIRE((departure != t->end()));
  BOOST_TEST(departure->at.qa == 7);
  BOOST_TEST(departure->excerpt.find("12 Februari 2024") != std::string::npos);
  // "awal Januari 2024": a month, before the days of January.
  auto january = std::find_if(t->begin(), t->end(), [](const auto& e) { return e.date == "2024-01"; });
  BOOST_TEST_REQUIRE((january != t->end()));
  BOOST_TEST((january->precision == extract::DatePrecision::month));
  // A document's own date.
  BOOST_TEST(std::any_of(t->begin(), t->end(), [](const auto& e) {
    return e.source == service::EventSource::document && e.at.item_id == "surat-kbri-phnom-penh";
  }));
  // Nothing protected in any excerpt for who is not cleared.
  for (const auto& e : *t) {
    BOOST_TEST(e.excerpt.find("Rina") == std::string::npos, e.excerpt);
    BOOST_TEST(e.excerpt.find("0000-1111") == std::string::npos, e.excerpt);
  }
  // A case the viewer may not see.
  BOOST_TEST(!service::case_timeline(svc(), uncleared, k_other_case).has_value());
}

BOOST_AUTO_TEST_CASE(chat_message_times_are_events) {
  test::TempDir tmp;
  // FIKTIF WhatsApp export (Android, Indonesian locale).
  const auto chat = tmp.write("chat.txt",
                              "02/04/24 19.02 - Jay: Halo, masih cari kerja? Gaji 10 juta.\n"
                              "10/04/24 08.30 - Jay: Transfer biaya visa ke BCA 802-135-7913 ya\n");
  ingest::NativeOptions native;
  native.case_id = k_other_case;
  auto in = svc().ingest(Viewer::command_line("test"), {chat}, native);
  BOOST_TEST_REQUIRE((in && in->failed() == 0));
  const auto admin = make("admin", Role::administrator, {}, {});
  auto t = service::case_timeline(svc(), admin, k_other_case);
  BOOST_TEST_REQUIRE(t.has_value());
  auto first = std::find_if(t->begin(), t->end(), [](const auto& e) { return e.source == service::EventSource::message; });
  BOOST_TEST_REQUIRE((first != t->end()));
  BOOST_TEST(first->date == "2024-04-02");
  BOOST_TEST(first->time == "19:02");
  BOOST_TEST(first->at.unit == 1);
  BOOST_TEST(first->excerpt.find("masih cari kerja") != std::string::npos);
  // The chat's account number joins the others.
  auto r = service::identifier_occurrences(svc(), admin, "BCA 8021357913");
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(r->occurrences.size() == 3u);
}
