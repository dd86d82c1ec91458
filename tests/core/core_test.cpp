#define BOOST_TEST_MODULE core
#include <boost/test/unit_test.hpp>

#include "core/error.h"
#include "core/hash.h"
#include "core/model.h"
#include "core/progress.h"
#include "core/text.h"
#include "support/temp_dir.h"

using namespace berkas;

namespace berkas::core {
inline std::ostream& operator<<(std::ostream& os, ForceStatus s) { return os << to_string(s); }
}  // namespace berkas::core

BOOST_AUTO_TEST_CASE(sha256_known_vectors) {
  BOOST_TEST(core::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(core::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  test::TempDir dir;
  auto path = dir.write("x.bin", "abc");
  auto h = core::sha256_file(path);
  BOOST_REQUIRE(h);
  BOOST_TEST(*h == core::sha256_hex("abc"));
  BOOST_TEST(!core::sha256_file(dir.file("missing")));
}

BOOST_AUTO_TEST_CASE(iso_dates) {
  BOOST_TEST(core::is_iso_date("2024-02-29"));
  BOOST_TEST(!core::is_iso_date("2023-02-29"));
  BOOST_TEST(!core::is_iso_date("2024-13-01"));
  BOOST_TEST(!core::is_iso_date("2024-1-01"));
  BOOST_TEST(!core::is_iso_date("abcd-ef-gh"));
}

BOOST_AUTO_TEST_CASE(provision_period_of_force) {
  core::Provision p;
  p.in_force_until = "2026-01-02";
  p.successor_id = "uu-1-2023/pasal-455";
  const core::Date law_from = "2007-04-19";
  BOOST_TEST(p.status_on("2024-06-01", law_from) == core::ForceStatus::in_force);
  BOOST_TEST(p.status_on("2026-01-01", law_from) == core::ForceStatus::in_force);
  BOOST_TEST(p.status_on("2026-01-02", law_from) == core::ForceStatus::revoked);
  BOOST_TEST(p.status_on("2000-01-01", law_from) == core::ForceStatus::not_yet_in_force);
}

BOOST_AUTO_TEST_CASE(text_helpers) {
  BOOST_TEST(core::slugify("133/Pid.Sus/2025/PN Idm") == "133-pid-sus-2025-pn-idm");
  BOOST_TEST(core::squeeze_space("  a \n\t b  ") == "a b");
  BOOST_TEST(core::ascii_lower("Pasal ÄB") == "pasal Äb");
  BOOST_TEST(core::is_valid_utf8("Perdagangan — orang"));
  BOOST_TEST(!core::is_valid_utf8("\xC0\xAF"));      // overlong '/'
  BOOST_TEST(!core::is_valid_utf8("\xED\xA0\x80"));  // surrogate
  BOOST_TEST(core::roman_to_int("XIV") == 14);
  BOOST_TEST(core::roman_to_int("IIx") == 0);
  BOOST_TEST(core::replace_all("a-b-c", "-", "--") == "a--b--c");
  BOOST_TEST(core::split("a,,b", ',').size() == 3u);
}

BOOST_AUTO_TEST_CASE(escape_html_covers_text_and_attributes) {
  BOOST_TEST(core::escape_html("<a href=\"x\">Tom & 'Jerry'</a>") ==
             "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  BOOST_TEST(core::escape_html("") == "");
  // UTF-8, control characters and an existing entity's text are kept byte for byte / escaped once.
  BOOST_TEST(core::escape_html("Perdagangan — orang\t\n") == "Perdagangan — orang\t\n");
  BOOST_TEST(core::escape_html("&amp;") == "&amp;amp;");
}

BOOST_AUTO_TEST_CASE(unescape_html_inverts_escape_html) {
  const std::string s = "<mark> & \"q\" 'a' &lt; &#39; &amp;amp; — &nbsp; &";
  BOOST_TEST(core::unescape_html(core::escape_html(s)) == s);
  BOOST_TEST(core::unescape_html("&amp;lt; &nbsp; &lt&gt;") == "&lt; &nbsp; &lt>");
}

BOOST_AUTO_TEST_CASE(escape_xml_quotes_as_asked) {
  const std::string s = "<p a=\"1\" b='2'>R&D</p>";
  BOOST_TEST(core::escape_xml(s) == "&lt;p a=&quot;1&quot; b=&apos;2&apos;&gt;R&amp;D&lt;/p&gt;");
  BOOST_TEST(core::escape_xml(s, core::XmlQuotes::both) == core::escape_xml(s));
  BOOST_TEST(core::escape_xml(s, core::XmlQuotes::double_only) == "&lt;p a=&quot;1&quot; b='2'&gt;R&amp;D&lt;/p&gt;");
  BOOST_TEST(core::escape_xml(s, core::XmlQuotes::none) == "&lt;p a=\"1\" b='2'&gt;R&amp;D&lt;/p&gt;");
  BOOST_TEST(core::escape_xml("]]> \x01 é") == "]]&gt; \x01 é");
}

BOOST_AUTO_TEST_CASE(without_control_chars_keeps_newlines) {
  BOOST_TEST(core::without_control_chars("a\tb\r\nc\x01\x7f é") == "ab\nc\x7f é");
}

BOOST_AUTO_TEST_CASE(evidence_kinds_round_trip) {
  for (auto k : {core::EvidenceKind::keterangan_saksi, core::EvidenceKind::keterangan_ahli, core::EvidenceKind::surat,
                 core::EvidenceKind::keterangan_terdakwa, core::EvidenceKind::elektronik}) {
    auto back = core::parse_evidence_kind(core::code_of(k));
    BOOST_REQUIRE(back);
    BOOST_TEST(static_cast<int>(*back) == static_cast<int>(k));
  }
  BOOST_TEST(!core::parse_evidence_kind("petunjuk"));
}

BOOST_AUTO_TEST_CASE(error_describe) {
  core::Error e{core::ErrorCode::invalid_input, "unexpected element", "a.xml", 12, "jawaban"};
  BOOST_TEST(e.describe() == "a.xml:12: unexpected element (jawaban)");
}

// A long job's rate and time left, for the command line's progress line and the web's job page.
BOOST_AUTO_TEST_CASE(progress_estimate_and_duration) {
  const auto half = core::estimate(50, 100, 120);  // 50 files in two minutes
  BOOST_TEST(half.per_minute == 25.0);
  BOOST_REQUIRE(half.seconds_left.has_value());
  BOOST_TEST(*half.seconds_left == 120.0);
  BOOST_TEST(!core::estimate(0, 100, 30).seconds_left.has_value());  // nothing done: no guess
  BOOST_TEST(!core::estimate(100, 100, 30).seconds_left.has_value());
  BOOST_TEST(core::estimate(10, 100, 0).per_minute == 0.0);
  BOOST_TEST(core::format_duration(45) == "45 dtk");
  BOOST_TEST(core::format_duration(80) == "1 mnt 20 dtk");
  BOOST_TEST(core::format_duration(7500) == "2 j 5 mnt");
  BOOST_TEST(core::format_duration(120, true) == "2 min");
  BOOST_TEST(core::format_duration(-5) == "0 dtk");
  BOOST_TEST(core::format_duration(1e300) == "2777 j 46 mnt");  // bounded, never overflows
}

// Each defendant's outcome and the parts of a term, as pages and the CLI write them.
BOOST_AUTO_TEST_CASE(outcome_codes_and_terms) {
  for (auto o : {core::Outcome::bersalah, core::Outcome::bebas, core::Outcome::lepas, core::Outcome::gugur,
                 core::Outcome::lainnya})
    BOOST_TEST((core::parse_outcome(core::code_of(o)) == o));
  BOOST_TEST(!core::parse_outcome("dihukum"));
  BOOST_TEST(core::to_string(core::Term{1, 4, 15}) == "1 tahun 4 bulan 15 hari");
  BOOST_TEST(core::to_string(core::Term{}) == "");
  BOOST_TEST(core::Term({2, 6, 0}).whole_months() == 30);
}
