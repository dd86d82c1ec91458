// extract/zip: the bounded zip reader, on archives written by Python's zipfile (zip_maker.h).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "extract/zip.h"
#include "zip_maker.h"

using namespace berkas;
using extract::Limits;
using extract::read_zip;
using extract::read_zip_entries;
using extract::ZipStats;
using test::py;
using test::python_zip;

namespace {

bool refused(const core::Result<std::vector<extract::Child>>& r, const std::string& words) {
  if (r) return false;
  BOOST_TEST_MESSAGE(r.error().message);
  return r.error().code == core::ErrorCode::invalid_input && r.error().message.find(words) != std::string::npos &&
         r.error().message.find(" / ") != std::string::npos;
}

constexpr std::uint64_t k_mib = 1u << 20;
constexpr std::uint64_t k_block = 64u << 10;

}  // namespace

BOOST_AUTO_TEST_SUITE(zip)

BOOST_AUTO_TEST_CASE(regular_files_in_order_directories_skipped) {
  const std::string binary("\x00\x01\xff\xfe PK\x03\x04", 10);
  const auto z = python_zip("add('surat.txt', " + py("Surat tawaran kerja (FIKTIF)\n") + ")\n"
                            "adddir('foto/')\n"
                            "add('foto/a.bin', " + py(binary) + ", stored=True)\n"
                            "add('./catatan/./b.txt', b'isi')\n"
                            "add('kosong.txt', b'')\n");
  ZipStats st;
  const auto r = read_zip(z, Limits{}, &st);
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
  BOOST_TEST_REQUIRE(r->size() == 4u);
  BOOST_TEST((*r)[0].name == "surat.txt");
  BOOST_TEST((*r)[0].bytes == "Surat tawaran kerja (FIKTIF)\n");
  BOOST_TEST((*r)[1].name == "foto/a.bin");
  BOOST_TEST((*r)[1].bytes == binary);
  BOOST_TEST((*r)[2].name == "catatan/b.txt");
  BOOST_TEST((*r)[2].bytes == "isi");
  BOOST_TEST((*r)[3].name == "kosong.txt");
  BOOST_TEST((*r)[3].bytes.empty());
  BOOST_TEST((*r)[0].media_type.empty());
  BOOST_TEST(st.entries == 5u);
  BOOST_TEST(st.inflated == 29u + 10u + 3u);
}

BOOST_AUTO_TEST_CASE(empty_archive) {
  const auto z = python_zip("");
  BOOST_TEST(z.size() == 22u);
  ZipStats st;
  const auto r = read_zip(z, Limits{}, &st);
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(r->empty());
  BOOST_TEST(st.entries == 0u);
  // An end record that claims entries but has no central directory is broken, not empty.
  std::string claims = z;
  claims[8] = claims[10] = 1;
  BOOST_TEST(refused(read_zip(claims, Limits{}), "zip"));
}

BOOST_AUTO_TEST_CASE(only_wanted_entries_are_inflated) {
  // The unwanted entry is a 64 MiB bomb: skipping it must not inflate it.
  const auto z = python_zip("add('word/document.xml', b'<x/>')\nadd('bom.bin', b'\\0' * (64 << 20))\n"
                            "add('word/media/a.png', b'png')\n");
  ZipStats st;
  const auto r = read_zip_entries(
      z, Limits{}, [](const std::string& n) { return n.rfind("word/", 0) == 0; }, &st);
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
  BOOST_TEST_REQUIRE(r->size() == 2u);
  BOOST_TEST((*r)[0].name == "word/document.xml");
  BOOST_TEST((*r)[1].name == "word/media/a.png");
  BOOST_TEST(st.entries == 3u);
  BOOST_TEST(st.inflated == 7u);
  // Read in full, the same archive is a bomb.
  BOOST_TEST(refused(read_zip(z, Limits{}), "ratio"));
}

BOOST_AUTO_TEST_CASE(bad_names_refused) {
  struct Case {
    const char* name;
    const char* words;
  };
  const Case cases[] = {
      {"/etc/passwd", "absolute"},
      {"//server/share/x.txt", "absolute"},
      {"C:/Windows/x.txt", "absolute"},
      {"c:\\\\x.txt", "absolute"},
      {"\\\\\\\\server\\\\share\\\\x.txt", "absolute"},
      {"\\\\x.txt", "absolute"},
      {"../x.txt", "'..'"},
      {"a/../../x.txt", "'..'"},
      {"a/..", "'..'"},
      {"a\\\\..\\\\..\\\\x.txt", "'..'"},
      {"..\\\\x.txt", "'..'"},
      {"a\\x01b.txt", "control character"},
      {"a\\nb.txt", "control character"},
      {"a\\x7fb.txt", "control character"},
      {"./", "empty"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      const auto z = python_zip(std::string("add('ok.txt', b'a')\nadd('") + c.name + "', b'x')\n");
      BOOST_TEST(refused(read_zip(z, Limits{}), c.words));
      // Refused even when the entry is not wanted: the archive as a whole is hostile.
      BOOST_TEST(refused(read_zip_entries(z, Limits{}, [](const std::string&) { return false; }), c.words));
    }
  }
}

BOOST_AUTO_TEST_CASE(links_devices_and_encryption_refused) {
  BOOST_TEST(refused(read_zip(python_zip("add('tautan', b'/etc/passwd', mode=0o120777)\n"), Limits{}),
                     "symbolic link"));
  BOOST_TEST(refused(read_zip(python_zip("add('dev', b'', mode=0o020644)\n"), Limits{}), "not a regular file"));
  BOOST_TEST(refused(read_zip(python_zip("add('sock', b'', mode=0o140644)\n"), Limits{}), "not a regular file"));
  // A regular file's mode is accepted.
  BOOST_TEST(read_zip(python_zip("add('biasa', b'x', mode=0o100644)\n"), Limits{}).has_value());
  // General purpose flag bit 0: the entry is encrypted.
  BOOST_TEST(refused(read_zip(python_zip("add('rahasia.txt', b'isi')\npost(lambda r: set_flags(r, 1))\n"), Limits{}),
                     "encrypted"));
}

BOOST_AUTO_TEST_CASE(entry_count_bound) {
  const auto z = python_zip("for i in range(11): add('f%d.txt' % i, b'x')\n");
  Limits l;
  l.max_entries = 11;
  BOOST_TEST(read_zip(z, l).has_value());
  l.max_entries = 10;
  ZipStats st;
  BOOST_TEST(refused(read_zip(z, l, &st), "too many entries"));
  BOOST_TEST(st.entries == 11u);
  // Directories count too.
  l.max_entries = 2;
  BOOST_TEST(refused(read_zip(python_zip("adddir('a/')\nadddir('b/')\nadddir('c/')\n"), l), "too many entries"));
}

BOOST_AUTO_TEST_CASE(bomb_stopped_within_one_block) {
  // 100 MiB of zeros deflate to about 100 KiB (1:1000): refused once 1 MiB is out, not inflated in full.
  const auto z = python_zip("add('bom.bin', b'\\0' * (100 << 20))\n");
  BOOST_TEST(z.size() < 200'000u);
  ZipStats st;
  const auto t0 = std::chrono::steady_clock::now();
  BOOST_TEST(refused(read_zip(z, Limits{}, &st), "ratio"));
  BOOST_TEST((std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2)));
  BOOST_TEST(st.inflated > k_mib);
  BOOST_TEST(st.inflated <= k_mib + k_block);
  // The same entry with the ratio allowed: inflated in full, so the count above is what stopped it.
  Limits lax;
  lax.max_ratio = 1e6;
  ZipStats full;
  const auto r = read_zip(z, lax, &full);
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST((*r)[0].bytes.size() == 100 * k_mib);
  BOOST_TEST(full.inflated == 100 * k_mib);
}

BOOST_AUTO_TEST_CASE(many_small_bombs_stopped_by_the_overall_ratio) {
  // Each entry stays under the 1 MiB floor of the per-entry ratio; together they are a bomb.
  const auto z = python_zip("for i in range(64): add('b%d.bin' % i, b'\\0' * (512 << 10))\n");
  ZipStats st;
  BOOST_TEST(refused(read_zip(z, Limits{}, &st), "ratio"));
  // Stopped within one block of 200 x the archive's size, far from the 32 MiB it holds.
  BOOST_TEST(st.inflated > 200 * z.size());
  BOOST_TEST(st.inflated <= 200 * z.size() + k_block);
  BOOST_TEST(st.inflated < 16 * k_mib);
}

BOOST_AUTO_TEST_CASE(entry_size_bound) {
  Limits l;
  l.max_bytes = 256u << 10;
  l.max_ratio = 1e6;
  // Declared larger than the bound: refused before anything is inflated.
  ZipStats st;
  BOOST_TEST(refused(read_zip(python_zip("add('besar.bin', b'\\0' * (300 << 10))\n"), l, &st), "larger than"));
  BOOST_TEST(st.inflated == 0u);
  // Declared small (the sizes in both headers say 1000), inflating to 8 MiB: stopped by the count.
  const auto liar = python_zip("add('bohong.bin', b'\\0' * (8 << 20))\npost(lambda r: set_sizes(r, 1000))\n");
  BOOST_TEST(refused(read_zip(liar, l, &st), "inflates beyond"));
  BOOST_TEST(st.inflated <= l.max_bytes + k_block);
}

BOOST_AUTO_TEST_CASE(total_inflated_bound) {
  // Random bytes do not compress: the ratio is about 1, only the total bound applies.
  const auto z = python_zip("for i in range(3): add('r%d.bin' % i, rnd((400 << 10) + i))\n");
  Limits l;
  l.max_total_inflated = 1u << 20;
  ZipStats st;
  BOOST_TEST(refused(read_zip(z, l, &st), "inflate beyond"));
  BOOST_TEST(st.inflated > l.max_total_inflated);
  BOOST_TEST(st.inflated <= l.max_total_inflated + k_block);
  l.max_total_inflated = 3u * (400u << 10) + 3;
  BOOST_TEST(read_zip(z, l).has_value());
}

BOOST_AUTO_TEST_CASE(archive_size_bound) {
  const auto z = python_zip("add('a.bin', rnd(5000), stored=True)\n");
  Limits l;
  l.max_bytes = 4096;
  BOOST_TEST(refused(read_zip(z, l), "size limit"));
}

BOOST_AUTO_TEST_CASE(truncated_and_broken_archives) {
  const auto z = python_zip("add('a.txt', b'Saksi: Sari (FIKTIF) ' * 200)\nadd('b.txt', b'kedua')\n");
  BOOST_TEST_REQUIRE(read_zip(z, Limits{}).has_value());
  for (const std::size_t keep : {z.size() - 1, z.size() - 22, z.size() / 2, std::size_t{30}, std::size_t{4}}) {
    BOOST_TEST_CONTEXT("kept " << keep << " of " << z.size()) {
      BOOST_TEST(refused(read_zip(z.substr(0, keep), Limits{}), "zip"));
    }
  }
  // A flipped byte in the compressed data: the inflater or the CRC says so.
  std::string bad = z;
  bad[40] = static_cast<char>(bad[40] ^ 0x55);
  bad[41] = static_cast<char>(bad[41] ^ 0x55);
  BOOST_TEST(refused(read_zip(bad, Limits{}), "broken"));
}

BOOST_AUTO_TEST_CASE(not_a_zip) {
  for (const std::string& s : {std::string(), std::string("bukan zip"), std::string("%PDF-1.7\n%%EOF\n"),
                              std::string("PK\x03\x04", 4), std::string("PK\x05\x06", 4) + std::string(18, '\xff')})
    BOOST_TEST(refused(read_zip(s, Limits{}), "zip"));
}

BOOST_AUTO_TEST_SUITE_END()
