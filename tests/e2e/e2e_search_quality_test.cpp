// Search quality on the law, through the `berkas` binary: a query by number returns that
// provision first; a query by content returns the right Pasal at the top. The expected Pasal
// of each query was chosen by reading UU 21/2007 (law/source/uu-21-2007.txt).
#define BOOST_TEST_MODULE e2e_search_quality
#include <boost/test/unit_test.hpp>

#include "e2e/e2e.h"

using namespace berkas::test;

namespace {

struct LawStore {
  TempDir dir;
  std::string data;
  LawStore() : data(dir.file("data")) {
    auto r = run_berkas(data, {"init"});
    if (r.code != 0) throw std::runtime_error("init failed: " + r.err);
  }
};

LawStore& law_store() {
  static LawStore store;
  return store;
}

// The provision id of the first hit (or "" if none).
std::string top_hit(const std::string& query, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"search", "--json", "--limit", "5"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(query);
  auto r = run_berkas(law_store().data, args);
  if (r.code != 0) return "error: " + r.err;
  auto hits = json_object(r.out)->getArray("hits");
  if (hits->size() == 0) return "";
  return hits->getObject(0)->getValue<std::string>("id");
}

bool is_pasal(const std::string& id, const std::string& pasal_id) {
  return id == pasal_id || id.rfind(pasal_id + "/", 0) == 0;
}

struct Case {
  const char* query;
  const char* pasal;  // expected provision (a Pasal id; an ayat of it also counts)
};

const Case k_by_number[] = {
    {"pasal 48", "uu-21-2007/pasal-48"},
    {"Pasal 2 ayat (1)", "uu-21-2007/pasal-2"},
    {"psl 29", "uu-21-2007/pasal-29"},
    {"Pasal 44", "uu-21-2007/pasal-44"},
    {"pasal 10", "uu-21-2007/pasal-10"},
};

const Case k_by_content[] = {
    {"hak korban memperoleh restitusi", "uu-21-2007/pasal-48"},
    {"alat bukti informasi elektronik", "uu-21-2007/pasal-29"},
    {"korporasi pidana denda pemberatan tiga kali", "uu-21-2007/pasal-15"},
    {"sidang tertutup korban anak", "uu-21-2007/pasal-39"},
    {"membawa warga negara Indonesia ke luar wilayah negara", "uu-21-2007/pasal-4"},
    {"pengangkatan anak menjanjikan sesuatu", "uu-21-2007/pasal-5"},
    {"pengiriman anak ke luar negeri", "uu-21-2007/pasal-6"},
    {"penyelenggara negara menyalahgunakan kekuasaan", "uu-21-2007/pasal-8"},
    {"kelompok yang terorganisasi", "uu-21-2007/pasal-16"},
    {"korban dipaksa melakukan tindak pidana tidak dipidana", "uu-21-2007/pasal-18"},
    {"memalsukan dokumen negara", "uu-21-2007/pasal-19"},
    {"kesaksian palsu", "uu-21-2007/pasal-20"},
    {"membantu pelarian pelaku", "uu-21-2007/pasal-23"},
    {"memberitahukan identitas saksi atau korban yang harus dirahasiakan", "uu-21-2007/pasal-24"},
    {"persetujuan korban tidak menghilangkan penuntutan", "uu-21-2007/pasal-26"},
    {"keterangan seorang saksi korban saja sudah cukup", "uu-21-2007/pasal-30"},
    {"menyadap telepon", "uu-21-2007/pasal-31"},
    {"pemblokiran harta kekayaan penyedia jasa keuangan", "uu-21-2007/pasal-32"},
    {"keterangan jarak jauh audio visual", "uu-21-2007/pasal-34"},
    {"didampingi advokat pendamping", "uu-21-2007/pasal-35"},
    {"kerahasiaan identitas", "uu-21-2007/pasal-44"},
    {"korban berhak memperoleh rehabilitasi pemulangan reintegrasi sosial", "uu-21-2007/pasal-51"},
    {"korban berada di luar negeri perwakilan", "uu-21-2007/pasal-54"},
    {"gugus tugas", "uu-21-2007/pasal-58"},
    {"perjanjian bantuan timbal balik dalam masalah pidana", "uu-21-2007/pasal-59"},
    {"penyadapan izin tertulis ketua pengadilan", "uu-21-2007/pasal-31"},
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_pasal_by_number_comes_first) {
  for (const auto& c : k_by_number) {
    const auto top = top_hit(c.query);
    BOOST_TEST(is_pasal(top, c.pasal), c.query << " → " << top << " (expected " << c.pasal << ")");
  }
}

BOOST_AUTO_TEST_CASE(a_search_by_content_finds_the_right_pasal) {
  int right = 0;
  for (const auto& c : k_by_content) {
    const auto top = top_hit(c.query, {"jenis:pasal"});
    const bool ok = is_pasal(top, c.pasal);
    right += ok;
    BOOST_TEST(ok, c.query << " → " << top << " (expected " << c.pasal << ")");
  }
  BOOST_TEST_MESSAGE("content queries right at rank 1: " << right << "/" << std::size(k_by_content));
}

BOOST_AUTO_TEST_CASE(root_words_find_derived_forms_in_the_law) {
  // "rekrut" occurs in the law only as perekrutan; "tipu" only as penipuan.
  for (const char* q : {"rekrut", "tipu", "angkut", "tampung", "jerat utang"}) {
    auto r = run_berkas(law_store().data, {"search", "--json", q});
    BOOST_TEST_REQUIRE(r.code == 0, r.err);
    BOOST_TEST(json_object(r.out)->getValue<int>("total") > 0, q);
  }
  BOOST_TEST(is_pasal(top_hit("perekrutan adalah mengajak mengumpulkan membawa memisahkan"), "uu-21-2007/pasal-1"));
}

BOOST_AUTO_TEST_CASE(the_law_as_of_a_date) {
  auto has = [](const std::string& out, const std::string& id) {
    auto hits = json_object(out)->getArray("hits");
    for (std::size_t i = 0; i < hits->size(); ++i)
      if (is_pasal(hits->getObject(i)->getValue<std::string>("id"), id)) return true;
    return false;
  };
  const std::string q = "perekrutan pengangkutan penampungan pengiriman penipuan eksploitasi jenis:pasal";
  auto in_2024 = run_berkas(law_store().data, {"search", "--json", "--limit", "100", "--as-of", "2024-06-01", q});
  BOOST_TEST_REQUIRE(in_2024.code == 0, in_2024.err);
  BOOST_TEST(has(in_2024.out, "uu-21-2007/pasal-2"));
  BOOST_TEST(!has(in_2024.out, "uu-1-2023/pasal-455"));
  auto in_2026 = run_berkas(law_store().data, {"search", "--json", "--limit", "100", "--as-of", "2026-06-01", q});
  BOOST_TEST_REQUIRE(in_2026.code == 0, in_2026.err);
  BOOST_TEST(!has(in_2026.out, "uu-21-2007/pasal-2"));
  BOOST_TEST(has(in_2026.out, "uu-1-2023/pasal-455"));
}

BOOST_AUTO_TEST_CASE(thesaurus_and_spelling) {
  auto tppo = run_berkas(law_store().data, {"search", "--json", "TPPO"});
  BOOST_TEST(json_object(tppo.out)->getValue<int>("total") > 10);
  auto misspelt = json_object(run_berkas(law_store().data, {"search", "--json", "perdagngan orang"}).out);
  BOOST_TEST(misspelt->getValue<std::string>("suggestion").find("perdagangan") != std::string::npos);
}

// `berkas roots`: the analyser's roots from the arguments, or one word per line from standard
// input (blank lines skipped, surrounding spaces dropped), word<TAB>root per line; no store needed.
BOOST_AUTO_TEST_CASE(roots_command_prints_word_tab_root) {
  TempDir dir;
  auto r = run_berkas(dir.file("nowhere"), {"roots", "dijanjikan", "Ketipu", "persen"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out == "dijanjikan\tjanji\nKetipu\ttipu\npersen\tpersen\n");
  r = run_with_input({BERKAS_BINARY, "--data", dir.file("nowhere"), "roots"}, "  perekrutan \n\nnyimpen\nTPPO\n");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out == "perekrutan\trekrut\nnyimpen\tsimpan\nTPPO\ttppo\n");
  BOOST_TEST(!std::filesystem::exists(dir.file("nowhere")));  // no store was made
}

// A chat's informal word finds the law's formal one: "ngirim" (send) and "ketipu" (deceived)
// reach the Pasal on sending people abroad and on deceit by their roots.
BOOST_AUTO_TEST_CASE(informal_words_find_formal_law_text) {
  auto r = run_berkas(law_store().data, {"search", "--json", "--limit", "50", "ketipu"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(json_object(r.out)->getValue<int>("total") > 0);
  r = run_berkas(law_store().data, {"search", "--json", "--limit", "50", "ngirim"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(json_object(r.out)->getValue<int>("total") > 0);
}
