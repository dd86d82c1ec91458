#define BOOST_TEST_MODULE redact
#include <boost/test/unit_test.hpp>

#include "service/access.h"
#include "service/redact.h"

using namespace berkas;

namespace {
core::Person protected_person(const std::string& name, const std::string& pseudonym, const std::string& case_id = "c1") {
  core::Person p;
  p.id = "p1";
  p.name = name;
  p.pseudonym = pseudonym;
  p.is_protected = true;
  p.case_ids = {case_id};
  return p;
}
}  // namespace

BOOST_AUTO_TEST_CASE(full_name_and_parts_are_replaced) {
  service::Redactor r({protected_person("Rina Fiktif binti Contoh", "Saksi A")});
  BOOST_TEST(r.apply("Saya bertemu Rina Fiktif binti Contoh di Bandara.") == "Saya bertemu Saksi A di Bandara.");
  BOOST_TEST(r.apply("Sdri. RINA FIKTIF berangkat.") == "Sdri. Saksi A berangkat.");
  BOOST_TEST(r.apply("rina berkata") == "Saksi A berkata");
  BOOST_TEST(r.apply("anak dari Contoh") == "anak dari Saksi A");
  BOOST_TEST(r.apply("Rina-Fiktif") == "Saksi A");
}

BOOST_AUTO_TEST_CASE(particles_alone_are_kept) {
  service::Redactor r({protected_person("Rina Fiktif binti Contoh", "Saksi A")});
  BOOST_TEST(r.apply("Ahmad binti Budi dan Rina") == "Ahmad binti Budi dan Saksi A");
  BOOST_TEST(r.apply("Rinanda bukan nama itu") == "Rinanda bukan nama itu");  // word boundary
}

BOOST_AUTO_TEST_CASE(no_protected_persons_is_identity) {
  service::Redactor r({});
  BOOST_TEST(r.empty());
  BOOST_TEST(r.apply("Rina Fiktif") == "Rina Fiktif");
  core::Person open = protected_person("Budi Terbuka", "X");
  open.is_protected = false;
  service::Redactor r2({open});
  BOOST_TEST(r2.apply("Budi Terbuka") == "Budi Terbuka");
}

BOOST_AUTO_TEST_CASE(leaks_detects_any_part) {
  service::Redactor r({protected_person("Rina Fiktif", "Saksi A")});
  BOOST_TEST(r.leaks("kata FIKTIF di sini"));
  BOOST_TEST(!r.leaks("Saksi A di sini"));
}

BOOST_AUTO_TEST_CASE(missing_pseudonym_gets_marker) {
  service::Redactor r({protected_person("Rina Fiktif", "")});
  BOOST_TEST(r.apply("Rina Fiktif") == "[dilindungi]");
}

BOOST_AUTO_TEST_CASE(access_rules) {
  using service::Role;
  service::Viewer prosecutor;
  prosecutor.role = Role::prosecutor;
  prosecutor.assigned_cases = {"c1"};
  BOOST_TEST(service::may_see_case(prosecutor, "c1"));
  BOOST_TEST(!service::may_see_case(prosecutor, "c2"));
  BOOST_TEST(service::may_see_case(prosecutor, ""));  // law, precedents

  auto person = protected_person("Rina Fiktif", "Saksi A", "c1");
  BOOST_TEST(!service::may_see_identity(prosecutor, person));
  prosecutor.cleared_cases = {"c1"};
  BOOST_TEST(service::may_see_identity(prosecutor, person));
  // Clearance for a case the viewer is not assigned to does not count.
  service::Viewer other = prosecutor;
  other.assigned_cases = {"c2"};
  BOOST_TEST(!service::may_see_identity(other, person));

  service::Viewer trainer;
  trainer.role = Role::trainer;
  trainer.cleared_all = true;
  BOOST_TEST(!service::may_see_identity(trainer, person));
  BOOST_TEST(!service::may_see_case(trainer, "c1"));
  core::EvidenceItem item;
  item.case_id = "c1";
  BOOST_TEST(!service::may_see_item(trainer, item));
  item.released_for_training = true;
  BOOST_TEST(service::may_see_item(trainer, item));
  BOOST_TEST(service::visible_cases(trainer)->empty());

  auto cli = service::Viewer::command_line("ani");
  BOOST_TEST(!service::visible_cases(cli).has_value());
  BOOST_TEST(!service::may_see_identity(cli, person));
}
