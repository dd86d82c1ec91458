// End-to-end through the `berkas` binary: init, ingest (good, bad, hostile), show, law and its
// period of force, cases, verify, reindex, audit, and that no output leaks a protected name.
#define BOOST_TEST_MODULE e2e_cli
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "core/hash.h"
#include "e2e/e2e.h"

namespace fs = std::filesystem;
using namespace berkas::test;

namespace {

// One demo store for the read-only tests of this suite.
struct DemoStore {
  TempDir dir;
  std::string data;
  DemoStore() : data(dir.file("data")) {
    auto r = run_berkas(data, {"init", "--demo", "--json"});
    if (r.code != 0) throw std::runtime_error("init --demo failed: " + r.err + r.out);
  }
};

DemoStore& demo() {
  static DemoStore store;
  return store;
}

bool leaks_protected_name(const std::string& s) {
  for (const char* part : k_protected_parts)
    if (s.find(part) != std::string::npos) return true;
  return false;
}

std::string demo_item_ids[] = {"bap-saksi-a", "bap-saksi-dedi", "bap-saksi-ibu", "bap-tersangka"};

}  // namespace

BOOST_AUTO_TEST_CASE(init_demo_loads_the_law_and_the_fictional_case) {
  auto r = run_berkas(demo().data, {"cases", "--json"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  auto cases = json_array(r.out);
  BOOST_TEST_REQUIRE(cases->size() == 3u);  // the demo case, the training case (demo/08-pelatihan), the second case (demo/11-perkara-lain)
  auto c = cases->getObject(0);
  BOOST_TEST(c->getValue<std::string>("id") == "perkara-demo-001");
  BOOST_TEST(c->getValue<bool>("fictional"));
  BOOST_TEST(r.err.empty());  // quiet when piped
}

BOOST_AUTO_TEST_CASE(law_outline_has_67_pasal_in_9_bab) {
  auto r = run_berkas(demo().data, {"law", "--json"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  auto law = json_object(r.out);
  auto babs = law->getArray("bab");
  BOOST_TEST(babs->size() == 9u);
  std::size_t pasal = 0;
  for (std::size_t i = 0; i < babs->size(); ++i) pasal += babs->getObject(i)->getArray("pasal")->size();
  BOOST_TEST(pasal == 67u);
}

BOOST_AUTO_TEST_CASE(pasal_2_is_read_as_of_a_date) {
  auto now = run_berkas(demo().data, {"law", "--json", "--as-of", "2026-06-01", "2"});
  BOOST_TEST_REQUIRE(now.code == 0, now.err);
  auto p = json_object(now.out);
  BOOST_TEST(p->getValue<std::string>("status") == "dicabut");
  BOOST_TEST(p->getValue<std::string>("successor") == "uu-1-2023/pasal-455");
  BOOST_TEST(p->getArray("ayat")->size() == 2u);

  auto then = run_berkas(demo().data, {"law", "--json", "--as-of", "2024-06-01", "2"});
  BOOST_TEST_REQUIRE(then.code == 0, then.err);
  BOOST_TEST(json_object(then.out)->getValue<std::string>("status") == "berlaku");

  auto kuhp = run_berkas(demo().data, {"law", "--json", "--law", "uu-1-2023", "--as-of", "2024-06-01", "455"});
  BOOST_TEST_REQUIRE(kuhp.code == 0, kuhp.err);
  BOOST_TEST(json_object(kuhp.out)->getValue<std::string>("status") == "belum berlaku");

  auto text = run_berkas(demo().data, {"law", "2"});
  BOOST_TEST(text.out.find("dicabut") != std::string::npos);
  BOOST_TEST(text.out.find("Pasal 455") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(law_48_shows_its_penjelasan_and_who_cites_it) {
  auto r = run_berkas(demo().data, {"law", "--json", "48"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  auto p = json_object(r.out);
  BOOST_TEST(p->getValue<std::string>("text").find("restitusi") != std::string::npos);
  BOOST_TEST(p->has("penjelasan"));
  auto cited = p->getArray("cited_by_items");
  bool saksi_a = false;
  for (std::size_t i = 0; i < cited->size(); ++i) saksi_a |= cited->getElement<std::string>(i) == "bap-saksi-a";
  BOOST_TEST(saksi_a);
}

BOOST_AUTO_TEST_CASE(show_gives_versions_hashes_and_citations) {
  auto r = run_berkas(demo().data, {"show", "--json", "bap-saksi-ibu"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  auto item = json_object(r.out);
  BOOST_TEST(item->getValue<int>("version") == 2);
  BOOST_TEST(item->getArray("versions")->size() == 2u);
  const auto corrected = read_file(source_path("demo/07-koreksi/bap-saksi-ibu.xml"));
  BOOST_TEST(item->getValue<std::string>("sha256") == berkas::core::sha256_hex(corrected));
  BOOST_TEST(item->has("correction_note"));

  auto v1 = run_berkas(demo().data, {"show", "--json", "bap-saksi-ibu@1"});
  BOOST_TEST_REQUIRE(v1.code == 0, v1.err);
  const auto original = read_file(source_path("demo/03-bap/bap-saksi-ibu.xml"));
  BOOST_TEST(json_object(v1.out)->getValue<std::string>("sha256") == berkas::core::sha256_hex(original));

  auto a = run_berkas(demo().data, {"show", "--json", "bap-saksi-a"});
  BOOST_TEST_REQUIRE(a.code == 0, a.err);
  auto cites = json_object(a.out)->getArray("citations");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < cites->size(); ++i) {
    auto c = cites->getObject(i);
    ids.insert(c->getValue<std::string>("provision"));
    // The offence was in 2024: Pasal 2 is read as in force then.
    if (c->getValue<std::string>("provision").rfind("uu-21-2007/pasal-2", 0) == 0)
      BOOST_TEST(c->getValue<std::string>("status") == "berlaku");
  }
  BOOST_TEST(ids.count("uu-21-2007/pasal-48"));
  BOOST_TEST(ids.count("uu-21-2007/pasal-4"));
  BOOST_TEST(ids.count("uu-21-2007/pasal-10"));
}

BOOST_AUTO_TEST_CASE(no_output_leaks_the_protected_name) {
  const auto& data = demo().data;
  std::vector<std::vector<std::string>> commands = {
      {"cases"}, {"cases", "--json"}, {"case", "perkara-demo-001"}, {"case", "--json", "perkara-demo-001"},
      {"search", "--json", "--limit", "50", "korban"}, {"search", "--json", "jenis:bap kamboja"},
      {"search", "--json", "--limit", "50", "saksi korban"}, {"audit", "--json"}, {"tour"},
  };
  for (const auto& id : demo_item_ids) {
    commands.push_back({"show", id});
    commands.push_back({"show", "--json", id});
  }
  commands.push_back({"show", "--json", "bap-saksi-ibu@1"});
  commands.push_back({"show", "--json", "surat-manifes-penerbangan"});
  commands.push_back({"show", "--json", "chat-telegram"});
  for (const auto& cmd : commands) {
    auto r = run_berkas(data, cmd);
    BOOST_TEST(!leaks_protected_name(r.out), "stdout of " << cmd[0] << " " << cmd.back());
    BOOST_TEST(!leaks_protected_name(r.err), "stderr of " << cmd[0] << " " << cmd.back());
  }
  // The pseudonym is shown instead.
  auto r = run_berkas(data, {"show", "bap-saksi-ibu"});
  BOOST_TEST(r.out.find("Saksi A") != std::string::npos);
  // A search by the protected name finds nothing: no hit, snippet or facet holds it (a spelling
  // suggestion may echo the words the user typed, which reveals nothing stored).
  for (const char* q : {"Rina Fiksiana", "fiksiana", "rina", "RINA"}) {
    auto s = json_object(run_berkas(data, {"search", "--json", "--limit", "50", q}).out);
    BOOST_TEST(s->getValue<int>("total") == 0, q);
    std::ostringstream hits, facets;
    s->getArray("hits")->stringify(hits);
    s->getObject("facets")->stringify(facets);
    BOOST_TEST(!leaks_protected_name(hits.str() + facets.str()), q);
  }
}

BOOST_AUTO_TEST_CASE(reveal_shows_the_name_and_is_audited) {
  TempDir dir;
  const auto data = dir.file("data");
  BOOST_TEST_REQUIRE(run_berkas(data, {"init", "--demo"}).code == 0);
  auto r = run_berkas(data, {"--reveal", "show", "bap-saksi-ibu"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out.find(k_protected_name) != std::string::npos);
  auto audit = run_berkas(data, {"audit"});
  BOOST_TEST(audit.out.find("reveal") != std::string::npos);
  BOOST_TEST(!leaks_protected_name(audit.out));
}

BOOST_AUTO_TEST_CASE(precedent_from_plain_text_is_searchable) {
  auto r = run_berkas(demo().data, {"search", "--json", "jenis:putusan"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  auto res = json_object(r.out);
  BOOST_TEST(res->getValue<int>("total") == 3);  // two convictions, one acquittal (all FIKTIF)
  auto guilty = run_berkas(demo().data, {"search", "--json", "jenis:putusan hasil:bersalah"});
  BOOST_TEST_REQUIRE(guilty.code == 0, guilty.err);
  res = json_object(guilty.out);
  BOOST_TEST(res->getValue<int>("total") == 2);
  const auto id = res->getArray("hits")->getObject(0)->getValue<std::string>("id");
  auto p = run_berkas(demo().data, {"show", "--json", id});
  BOOST_TEST_REQUIRE(p.code == 0, p.err);
  auto prec = json_object(p.out);
  BOOST_TEST(prec->getValue<int>("prison_months") > 0);
  auto outcome = prec->getArray("outcomes")->getObject(0);
  BOOST_TEST(outcome->getValue<std::string>("outcome") == "bersalah");
  BOOST_TEST(outcome->getObject("sentence")->getObject("prison")->getValue<int>("years") > 0);
  BOOST_TEST(!prec->getValue<std::string>("pronounced").empty());
  BOOST_TEST(prec->getValue<std::string>("number").find("Pid.Sus") != std::string::npos);
  BOOST_TEST(prec->getArray("charged")->size() > 0u);
}

// Sentencing across the demo's fictional decisions through the command line: the table, --json,
// --csv; a bad option value is a usage error naming it; similar decisions for the demo case.
BOOST_AUTO_TEST_CASE(sentencing_and_similar_through_the_cli) {
  auto text = run_berkas(demo().data, {"sentencing", "--provision", "4"});
  BOOST_TEST_REQUIRE(text.code == 0, text.err);
  BOOST_TEST(text.out.find("uu-21-2007/pasal-4") != std::string::npos);
  BOOST_TEST(text.out.find("median 72.0 bln") != std::string::npos);
  auto json = run_berkas(demo().data, {"sentencing", "--provision", "4", "--outcome", "bersalah", "--json"});
  BOOST_TEST_REQUIRE(json.code == 0, json.err);
  BOOST_TEST(json_object(json.out)->getValue<int>("defendants") == 2);
  auto csv = run_berkas(demo().data, {"sentencing", "--provision", "4", "--csv"});
  BOOST_TEST_REQUIRE(csv.code == 0, csv.err);
  BOOST_TEST(csv.out.rfind("putusan,nomor,", 0) == 0u);
  auto bad = run_berkas(demo().data, {"sentencing", "--outcome", "dihukum"});
  BOOST_TEST(bad.code != 0);
  BOOST_TEST(bad.err.find("--outcome") != std::string::npos);
  auto years = run_berkas(demo().data, {"sentencing", "--from", "20x5"});
  BOOST_TEST(years.code != 0);
  auto similar = run_berkas(demo().data, {"similar", "--case", "perkara-demo-001", "--json"});
  BOOST_TEST_REQUIRE(similar.code == 0, similar.err);
  BOOST_TEST(similar.out.find("977-pid-sus-2024-pn-jkt-pst") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(verify_and_reindex_agree) {
  TempDir dir;
  const auto data = dir.file("data");
  BOOST_TEST_REQUIRE(run_berkas(data, {"init", "--demo"}).code == 0);
  auto v = run_berkas(data, {"verify", "--json"});
  BOOST_TEST_REQUIRE(v.code == 0, v.out + v.err);
  BOOST_TEST(json_object(v.out)->getValue<bool>("ok"));
  const std::vector<std::string> queries = {"perekrutan", "pasal 48", "jenis:bap paspor", "restitusi korban",
                                            "negara:kamboja", "tipu"};
  std::vector<std::string> before;
  for (const auto& q : queries) before.push_back(run_berkas(data, {"search", "--json", "--limit", "50", q}).out);
  auto re = run_berkas(data, {"reindex"});
  BOOST_TEST_REQUIRE(re.code == 0, re.err);
  for (size_t i = 0; i < queries.size(); ++i)
    BOOST_TEST(run_berkas(data, {"search", "--json", "--limit", "50", queries[i]}).out == before[i], queries[i]);
  auto v2 = run_berkas(data, {"verify", "--json"});
  BOOST_TEST(v2.code == 0, v2.out);
}

BOOST_AUTO_TEST_CASE(a_lost_index_is_rebuilt_on_open) {
  TempDir dir;
  const auto data = dir.file("data");
  BOOST_TEST_REQUIRE(run_berkas(data, {"init"}).code == 0);
  fs::remove_all(fs::path(data) / "index");
  auto v = run_berkas(data, {"verify", "--json"});
  // Opening re-indexes the gap (the fresh index is at sequence 0), so verify is clean again.
  BOOST_TEST(v.code == 0, v.out);
}

BOOST_AUTO_TEST_CASE(bad_and_hostile_files_are_rejected_and_change_nothing) {
  TempDir dir;
  const auto data = dir.file("data");
  BOOST_TEST_REQUIRE(run_berkas(data, {"init", "--demo"}).code == 0);
  const auto before = json_object(run_berkas(data, {"verify", "--json"}).out);
  std::vector<std::string> files;
  for (const char* folder : {"tests/data/bad", "tests/data/hostile"})
    for (const auto& e : fs::directory_iterator(source_path(folder)))
      if (e.is_regular_file() && e.path().extension() == ".xml") files.push_back(e.path().string());
  // A file far over the size bound, made here rather than committed.
  std::string big = "<?xml version=\"1.0\"?><keterangan-saksi>";
  big.resize(40u << 20, ' ');
  files.push_back(dir.write("besar.xml", big));
  BOOST_TEST(files.size() > 15u);
  for (const auto& f : files) {
    if (f.find("schema-location-http") != std::string::npos) continue;  // valid; only its hint is ignored
    auto r = run_berkas(data, {"ingest", f});
    BOOST_TEST(r.code == 4, f << " exit " << r.code);  // every file refused for its content
    const auto name = fs::path(f).filename().string();
    BOOST_TEST(r.out.find("GAGAL") != std::string::npos, f);
    BOOST_TEST(r.out.find(name) != std::string::npos, f << ": the message names the file");
    BOOST_TEST(r.out.find("root:") == std::string::npos, f << ": no /etc/passwd content");
  }
  const auto after = json_object(run_berkas(data, {"verify", "--json"}).out);
  BOOST_TEST(after->getValue<long>("store_seq") == before->getValue<long>("store_seq"));
  BOOST_TEST(after->getValue<long>("index_docs") == before->getValue<long>("index_docs"));
  BOOST_TEST(after->getValue<bool>("ok"));
}

BOOST_AUTO_TEST_CASE(a_folder_with_bad_files_goes_on_and_reports_each) {
  TempDir dir;
  const auto data = dir.file("data");
  BOOST_TEST_REQUIRE(run_berkas(data, {"init"}).code == 0);
  const auto in = dir.path / "in";
  fs::copy(source_path("demo"), in, fs::copy_options::recursive);
  fs::copy_file(source_path("tests/data/hostile/xxe.xml"), in / "zz-xxe.xml");
  auto r = run_berkas(data, {"ingest", "--json", in.string()});
  BOOST_TEST(r.code == 1);
  auto report = json_object(r.out);
  BOOST_TEST(report->getValue<int>("failed") == 1);
  auto files = report->getArray("files");
  BOOST_TEST(files->size() >= 20u);
  auto cases = json_array(run_berkas(data, {"cases", "--json"}).out);
  BOOST_TEST(cases->size() == 3u);
  // Ingesting the same folder again changes nothing.
  auto again = json_object(run_berkas(data, {"ingest", "--json", in.string()}).out);
  auto af = again->getArray("files");
  for (std::size_t i = 0; i < af->size(); ++i) {
    const auto status = af->getObject(i)->getValue<std::string>("status");
    BOOST_TEST((status == "unchanged" || status == "failed"), status);
  }
}

BOOST_AUTO_TEST_CASE(command_line_contract) {
  TempDir dir;
  const auto data = dir.file("nothing-here");
  for (const char* cmd : {"init", "ingest", "search", "show", "cases", "case", "law", "reindex", "verify", "audit", "tour"}) {
    auto r = run_berkas(data, {cmd, "--help"});
    BOOST_TEST(r.code == 0, cmd);
    BOOST_TEST(r.out.find(cmd) != std::string::npos, cmd);
  }
  auto unknown = run_berkas(data, {"frobnicate"});
  BOOST_TEST(unknown.code == 2);
  auto missing = run_berkas(data, {"cases"});
  BOOST_TEST(missing.code == 3);
  BOOST_TEST(missing.err.find("init") != std::string::npos);
  BOOST_TEST(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);  // one line
  BOOST_TEST(run_berkas(data, {"search", "--limit", "x", "a"}).code == 2);
  BOOST_TEST(run_berkas(data, {"search", "--as-of", "2024-13-01", "a"}).code == 2);
  BOOST_TEST(!fs::exists(data));  // nothing was created by failing commands
  auto version = run({BERKAS_BINARY, "--version"});
  BOOST_TEST(version.code == 0);
}

BOOST_AUTO_TEST_CASE(show_unknown_id_is_not_found) {
  auto r = run_berkas(demo().data, {"show", "tidak-ada"});
  BOOST_TEST(r.code == 3);
  // A version number past int is no version (std::atoi wrapped 4294967297 to version 1).
  BOOST_TEST(run_berkas(demo().data, {"show", "bap-saksi-a@4294967297"}).code == 3);
  BOOST_TEST(run_berkas(demo().data, {"show", "bap-saksi-a@1"}).code == 0);
}

BOOST_AUTO_TEST_CASE(audit_log_is_chained) {
  auto r = run_berkas(demo().data, {"audit", "--json"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  auto events = json_array(r.out);
  BOOST_TEST(events->size() > 20u);  // one per stored file, and init
}

// Regression (robustness issue, finding 2): a BAP whose <negara> was 280 characters was stored,
// then the index refused it ("Term too long") and every later ingest, verify, reindex and serve
// exited 6. Such values are now refused at the door, with the file, the line and the field.
BOOST_AUTO_TEST_CASE(a_value_too_long_for_the_index_is_refused_and_the_store_stays_usable) {
  TempDir dir;
  const auto data = dir.file("data");
  BOOST_TEST_REQUIRE(run_berkas(data, {"init", "--demo"}).code == 0);
  auto r = run_berkas(data, {"ingest", source_path("tests/data/bad/negara-terlalu-panjang.xml")});
  BOOST_TEST(r.code == 4);
  BOOST_TEST(r.out.find("negara-terlalu-panjang.xml:11") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("negara") != std::string::npos);
  auto c = run_berkas(data, {"ingest", source_path("tests/data/bad/ketentuan-terlalu-panjang.xml")});
  BOOST_TEST(c.code == 4);
  BOOST_TEST(c.out.find("ketentuan-terlalu-panjang.xml:10") != std::string::npos, c.out);
  // Nothing stored; every command still works.
  BOOST_TEST(run_berkas(data, {"show", "bap-uji-negara"}).code == 3);
  BOOST_TEST(run_berkas(data, {"verify"}).code == 0);
  BOOST_TEST(run_berkas(data, {"reindex"}).code == 0);
  BOOST_TEST(run_berkas(data, {"ingest", source_path("demo/03-bap/bap-saksi-dedi.xml")}).code == 0);
  BOOST_TEST(run_berkas(data, {"search", "negara:kamboja"}).code == 0);
}

// Evidence is never silently replaced, from the command line either: a file with an existing
// item's id and other bytes must carry a <catatan-koreksi> to become the next version.
BOOST_AUTO_TEST_CASE(a_new_version_without_a_correction_note_is_refused) {
  TempDir dir;
  const auto data = dir.file("data");
  BOOST_TEST_REQUIRE(run_berkas(data, {"init", "--demo"}).code == 0);
  const std::string original = read_file(source_path("demo/03-bap/bap-saksi-dedi.xml"));
  std::string changed = original;
  changed.replace(changed.find("</ringkasan>"), 0, " (diubah, FIKTIF)");
  auto r = run_berkas(data, {"ingest", dir.write("dedi.xml", changed)});
  BOOST_TEST(r.code == 4);
  BOOST_TEST(r.out.find("catatan-koreksi") != std::string::npos, r.out);
  auto shown = json_object(run_berkas(data, {"show", "--json", "bap-saksi-dedi"}).out);
  BOOST_TEST(shown->getArray("versions")->size() == 1u);
  std::string noted = changed;
  noted.replace(noted.find("</ringkasan>") + 12, 0, "\n    <catatan-koreksi>Ringkasan dilengkapi (uji).</catatan-koreksi>");
  BOOST_TEST(run_berkas(data, {"ingest", dir.write("dedi2.xml", noted)}).code == 0);
  shown = json_object(run_berkas(data, {"show", "--json", "bap-saksi-dedi"}).out);
  BOOST_TEST(shown->getArray("versions")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(original_writes_the_ingested_bytes_only_with_reveal_and_audits_it) {
  TempDir dir;
  const auto data = dir.file("data");
  BOOST_TEST_REQUIRE(run_berkas(data, {"init", "--demo"}).code == 0);
  const auto slurp = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const std::string src = BERKAS_SOURCE_DIR;
  // The victim's statement names her: without --reveal it is refused and no file is written.
  const auto out = dir.file("asli.xml");
  auto refused = run_berkas(data, {"original", "bap-saksi-a", "--out", out});
  BOOST_TEST(refused.code == 1);  // forbidden
  BOOST_TEST(!fs::exists(out));
  BOOST_TEST(!leaks_protected_name(refused.out + refused.err));
  // With --reveal: the bytes as ingested, their hash printed.
  auto saved = run_berkas(data, {"--reveal", "original", "bap-saksi-a", "--out", out, "--json"});
  BOOST_TEST_REQUIRE(saved.code == 0, saved.err);
  BOOST_TEST(slurp(out) == slurp(src + "/demo/03-bap/bap-saksi-a.xml"));
  auto j = json_object(saved.out);
  BOOST_TEST(j->getValue<std::string>("sha256") == berkas::core::sha256_hex(slurp(out)));
  BOOST_TEST(j->getValue<std::string>("object") == "bap-saksi-a@1");
  // The letter's PDF attachment names her in its text layer: refused (as missing) without
  // --reveal, whole with it.
  const auto pdf = dir.file("lampiran.pdf");
  BOOST_TEST(run_berkas(data, {"original", "surat-tawaran-kerja", "--attachment", "1", "--out", pdf}).code == 3);
  BOOST_TEST(!fs::exists(pdf));
  auto att = run_berkas(data, {"--reveal", "original", "surat-tawaran-kerja", "--attachment", "1", "--out", pdf});
  BOOST_TEST_REQUIRE(att.code == 0, att.err);
  BOOST_TEST(slurp(pdf) == slurp(src + "/demo/05-surat/lampiran/surat-tawaran-kerja.pdf"));
  // Usage and missing items are told apart by their exit codes.
  BOOST_TEST(run_berkas(data, {"original", "bap-saksi-a"}).code == 2);  // no --out
  BOOST_TEST(run_berkas(data, {"original", "surat-tawaran-kerja", "--attachment", "0", "--out", pdf}).code == 2);
  BOOST_TEST(run_berkas(data, {"original", "tidak-ada", "--out", pdf}).code == 3);
  auto audit = run_berkas(data, {"audit", "--limit", "50"});
  BOOST_TEST(audit.out.find("original.download") != std::string::npos);
  BOOST_TEST(audit.out.find("original.withheld") != std::string::npos);
  BOOST_TEST(audit.out.find("attachment.download") != std::string::npos);
  BOOST_TEST(!leaks_protected_name(audit.out));
}

// The investigation commands on the demo (FIKTIF): the recruiter's number links the two cases;
// the protected victim's numbers appear only with --reveal (audited).
BOOST_AUTO_TEST_CASE(identifiers_identifier_and_timeline_commands) {
  auto ids = run_berkas(demo().data, {"identifiers", "--case", "perkara-demo-001", "--json"});
  BOOST_TEST_REQUIRE(ids.code == 0, ids.err);
  auto list = json_array(ids.out);
  bool linked = false;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto e = list->getObject(i);
    if (e->getValue<std::string>("value") != "+6285724681357") continue;
    linked = e->getArray("cases")->size() == 2;
  }
  BOOST_TEST(linked);
  BOOST_TEST(ids.out.find("3201014108010001") == std::string::npos);
  auto revealed = run_berkas(demo().data, {"identifiers", "--case", "perkara-demo-001", "--json", "--reveal"});
  BOOST_TEST(revealed.out.find("3201014108010001") != std::string::npos);

  auto one = run_berkas(demo().data, {"identifier", "62857 24681357"});
  BOOST_TEST_REQUIRE(one.code == 0, one.err);
  BOOST_TEST(one.out.find("perkara-demo-001") != std::string::npos);
  BOOST_TEST(one.out.find("perkara-demo-002") != std::string::npos);
  auto csv = run_berkas(demo().data, {"identifier", "BCA 802 135 7913", "--csv"});
  BOOST_TEST_REQUIRE(csv.code == 0, csv.err);
  BOOST_TEST(csv.out.rfind("jenis,nilai,", 0) == 0u);
  BOOST_TEST(std::count(csv.out.begin(), csv.out.end(), '\n') == 3);
  BOOST_TEST(run_berkas(demo().data, {"identifier", "bukan nomor"}).code == 4);
  BOOST_TEST(run_berkas(demo().data, {"identifiers"}).code == 2);
  BOOST_TEST(run_berkas(demo().data, {"identifiers", "--case", "tidak-ada"}).code == 3);

  auto timeline = run_berkas(demo().data, {"timeline", "--case", "perkara-demo-001", "--json"});
  BOOST_TEST_REQUIRE(timeline.code == 0, timeline.err);
  auto events = json_array(timeline.out);
  BOOST_TEST_REQUIRE(events->size() > 10u);
  std::string previous;
  for (std::size_t i = 0; i < events->size(); ++i) {
    const auto date = events->getObject(i)->getValue<std::string>("date");
    BOOST_TEST((previous <= date), previous << " before " << date);
    previous = date;
  }
  BOOST_TEST(timeline.out.find("Rina") == std::string::npos);
}
