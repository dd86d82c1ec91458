#define BOOST_TEST_MODULE redact
#include <boost/test/unit_test.hpp>

#include "service/access.h"
#include "service/redact.h"

#include "core/identifier.h"

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

// FIKTIF / fictional numbers throughout.
namespace {
std::string ascii_lower_copy(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
core::Person with_numbers() {
  auto p = protected_person("Rina Fiktif", "Saksi A");
  for (const auto& [kind, written] : std::vector<std::pair<std::string, std::string>>{
           {"nik", "3201 0141 0801 0001"}, {"telepon", "0857-1122-0000"}, {"rekening", "123-456-7890"},
           {"paspor", "X 1234567"}, {"email", "Rina.Fiktif@contoh.example"}, {"akun", "@bunga_melati88"}})
    p.identifiers.push_back({kind, *core::normalise_person_identifier(kind, written)});
  return p;
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_protected_persons_numbers_are_hidden_in_every_written_form) {
  service::Redactor r({with_numbers()});
  const std::string hidden = "[nomor dilindungi]";
  for (const std::string written :
       {"3201014108010001", "3201 0141 0801 0001", "3201.0141.0801.0001", "085711220000", "0857-1122-0000",
        "+62 857 1122 0000", "62857 11220000", "+6285711220000", "(0857) 1122 0000", "857-1122-0000",
        "1234567890", "123 456 7890", "X1234567", "x 1234567", "rina.fiktif@contoh.example",
        "RINA.FIKTIF@CONTOH.EXAMPLE", "@bunga_melati88", "t.me/Bunga_Melati88"}) {
    const std::string text = "Nomor: " + written + ", selesai.";
    const std::string out = r.apply(text);
    BOOST_TEST(out.find(hidden) != std::string::npos, written << " → " << out);
    BOOST_TEST(r.leaks(text), written);
    // No trace of the digits remains.
    BOOST_TEST(out.find("0001") == std::string::npos, written << " → " << out);
    BOOST_TEST(out.find("1122") == std::string::npos, written << " → " << out);
    BOOST_TEST(out.find("7890") == std::string::npos, written << " → " << out);
    BOOST_TEST(ascii_lower_copy(out).find("melati88") == std::string::npos, written << " → " << out);
  }
  // Two numbers written side by side are hidden together (over-redaction is the safe side).
  BOOST_TEST(r.apply("NIK 3201014108010001 0811 2222 3333") == "NIK [nomor dilindungi]");
  // Other numbers, amounts, dates and handles stay.
  for (const std::string other : {"0811-2222-3333", "Rp15.000.000", "12 Februari 2024", "@jay_rekrut_lain",
                                  "X7654321", "bunga_melati88x", "981/Pid.Sus/2025/PN Sby"})
    BOOST_TEST(r.apply(other) == other);
  // The name is still replaced beside the number.
  BOOST_TEST(r.apply("Rina Fiktif (HP 085711220000)") == "Saksi A (HP [nomor dilindungi])");
}

BOOST_AUTO_TEST_CASE(a_persons_numbers_are_normalised_by_kind) {
  using core::normalise_person_identifier;
  BOOST_TEST(*normalise_person_identifier("telepon", "0857-1122-0000") == "+6285711220000");
  BOOST_TEST(*normalise_person_identifier("telepon", "+62 857 1122 0000") == "+6285711220000");
  BOOST_TEST(*normalise_person_identifier("telepon", "62857 11220000") == "+6285711220000");
  BOOST_TEST(*normalise_person_identifier("telepon", "+855 12 345 678") == "+85512345678");
  BOOST_TEST(!normalise_person_identifier("telepon", "12 345 678"));  // foreign without its country code
  BOOST_TEST(!normalise_person_identifier("telepon", "0857-abc"));
  BOOST_TEST(!normalise_person_identifier("nik", "3201 0141 0801 000"));  // 15 digits
  BOOST_TEST(*normalise_person_identifier("paspor", "x 1234567") == "X1234567");
  BOOST_TEST(!normalise_person_identifier("paspor", "ABCDEFG"));
  BOOST_TEST(*normalise_person_identifier("akun", "t.me/Rina_Fiktif") == "rina_fiktif");
  BOOST_TEST(!normalise_person_identifier("email", "bukan-email"));
  BOOST_TEST(!normalise_person_identifier("sidik-jari", "123"));
  BOOST_TEST(!normalise_person_identifier("nik", std::string(1000, '1')));
}

BOOST_AUTO_TEST_CASE(hiding_numbers_is_bounded_on_hostile_text) {
  service::Redactor r({with_numbers()});
  const std::string digits(2'000'000, '7');
  BOOST_TEST(r.apply(digits).size() <= digits.size());
  std::string separated;
  for (int i = 0; i < 200'000; ++i) separated += "1-";
  BOOST_TEST(!r.apply(separated).empty());
  std::string ats(1'000'000, '@');
  BOOST_TEST(r.apply(ats) == ats);
}
