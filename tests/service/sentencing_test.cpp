// Sentencing across precedents and similar decisions, through the service on a real store and
// index: the demo's fictional decisions plus a few more written here (all FIKTIF).
#define BOOST_TEST_MODULE sentencing
#include <boost/test/unit_test.hpp>

#include <libxml/parser.h>

#include <algorithm>
#include <string>

#include "service/context.h"
#include "service/json.h"
#include "support/temp_dir.h"

using namespace berkas;

namespace {

// A short fictional decision: `court` (Pengadilan Negeri ...), year, the law applied, the ruling.
std::string decision(int n, const std::string& court, int year, const std::string& applied, const std::string& amar,
                     const std::string& name = "TERDAKWA FIKTIF") {
  return "FIKTIF / fictional\nPUTUSAN\nNomor " + std::to_string(n) + "/Pid.Sus/" + std::to_string(year) +
         "/PN Uji\nPengadilan Negeri " + court + " yang mengadili perkara pidana\n1. Nama lengkap : " + name + " " +
         std::to_string(n) + ";\nMenimbang, bahwa Terdakwa didakwa berdasarkan surat dakwaan sebagai berikut:\n" +
         "Perbuatan Terdakwa diatur dalam Pasal 4 Undang-Undang Nomor 21 Tahun 2007;\n" +
         "Menimbang, bahwa para korban dibawa ke Kamboja;\nMengingat " + applied + " serta peraturan lain;\nMENGADILI:\n" +
         amar + "Demikian diputuskan dalam rapat permusyawaratan Majelis Hakim pada hari Senin, tanggal 3 Maret " +
         std::to_string(year) + ", dan diucapkan pada hari itu juga.\n";
}

std::string guilty(int years) {
  return "1. Menyatakan Terdakwa terbukti secara sah dan meyakinkan bersalah sebagaimana dalam dakwaan kesatu;\n"
         "2. Menjatuhkan pidana kepada Terdakwa dengan pidana penjara selama " +
         std::to_string(years) + " tahun dan denda sejumlah Rp100.000.000,00 subsidair 3 bulan kurungan;\n";
}

struct World {
  test::TempDir dir;
  service::Options options{dir.file("data"), test::source_path("")};
  service::Viewer v = service::Viewer::command_line("test");
  std::unique_ptr<service::Context> ctx;
  World() {
    auto c = service::Context::open(options, true);
    BOOST_TEST_REQUIRE(c.has_value());
    ctx = std::move(*c);
    BOOST_TEST_REQUIRE(ctx->evidence().init(v, true).has_value());
    const std::string p4 = "Pasal 4 Undang-Undang Nomor 21 Tahun 2007";
    std::vector<std::string> files = {
        dir.write("d1.txt", decision(11, "Batam", 2022, p4, guilty(3))),
        dir.write("d2.txt", decision(12, "Batam", 2023, p4, guilty(4))),
        dir.write("d3.txt", decision(13, "Medan", 2024, p4, guilty(8), "=HYPERLINK(1)")),
        dir.write("d4.txt", decision(14, "Medan", 2024, "Pasal 81 Undang-Undang Nomor 18 Tahun 2017", guilty(2))),
    };
    BOOST_TEST_REQUIRE(ctx->evidence().ingest(v, files).has_value());
  }
  service::SentencingReport run(service::SentencingQuery q) {
    auto r = ctx->precedents().sentencing(v, q);
    BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().describe()));
    return *r;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(distribution_quartiles_by_interpolation) {
  const auto d = service::distribution_of({48, 12, 36, 24, 60});
  BOOST_TEST(d.n == 5u);
  BOOST_TEST(d.min == 12.0);
  BOOST_TEST(d.q1 == 24.0);
  BOOST_TEST(d.median == 36.0);
  BOOST_TEST(d.q3 == 48.0);
  BOOST_TEST(d.max == 60.0);
  BOOST_TEST(d.mean == 36.0);
  const auto even = service::distribution_of({10, 20});
  BOOST_TEST(even.median == 15.0);
  BOOST_TEST(even.q1 == 12.5);
  BOOST_TEST(service::distribution_of({}).n == 0u);
}

BOOST_FIXTURE_TEST_CASE(by_provision_year_court_country_and_outcome, World) {
  service::SentencingQuery q;
  q.provision = "4";
  auto r = run(q);
  BOOST_TEST(r.provision == "uu-21-2007/pasal-4");
  // The demo's two convictions and acquittal, and three of the four written here (the fourth
  // applied UU 18/2017).
  BOOST_TEST(r.rows.size() == 6u);
  BOOST_TEST(r.outcomes["bersalah"] == 5u);
  BOOST_TEST(r.outcomes["bebas"] == 1u);
  BOOST_TEST(r.prison_months.n == 5u);
  BOOST_TEST(r.prison_months.min == 36.0);
  BOOST_TEST(r.prison_months.max == 96.0);
  BOOST_TEST(r.prison_months.median == 60.0);

  q.court = "batam";
  r = run(q);
  BOOST_TEST(r.rows.size() == 2u);
  q.court.clear();
  q.from_year = 2023;
  q.to_year = 2024;
  r = run(q);
  BOOST_TEST(r.rows.size() == 3u);  // 2023 Batam, 2024 Medan, the demo's 2024 Jakarta
  q = {};
  q.provision = "uu-18-2017/pasal-81";
  BOOST_TEST(run(q).rows.size() == 2u);  // the conviction applying it, the demo's acquittal charged with it
  q = {};
  q.country = "Kamboja";
  q.outcome = core::Outcome::bersalah;
  r = run(q);
  for (const auto& row : r.rows) BOOST_TEST(core::code_of(row.outcome) == std::string("bersalah"));
  BOOST_TEST(r.rows.size() == 6u);  // the demo's two and the four here name Cambodia
  q.country = "Myanmar";
  BOOST_TEST(run(q).rows.empty());

  q = {};
  q.provision = "pasal <x>";
  auto bad = ctx->precedents().sentencing(v, q);
  BOOST_TEST_REQUIRE(!bad.has_value());
  BOOST_TEST((bad.error().code == core::ErrorCode::invalid_input));
  BOOST_TEST(bad.error().field == "provision");
  q = {};
  q.from_year = 2025;
  q.to_year = 2020;
  BOOST_TEST(!ctx->precedents().sentencing(v, q).has_value());
}

// The CSV quotes what a spreadsheet would run as a formula; the chart is well-formed SVG with
// no script, and escapes what it shows.
BOOST_FIXTURE_TEST_CASE(csv_and_chart_are_safe, World) {
  service::SentencingQuery q;
  q.provision = "4";
  const auto r = run(q);
  const std::string csv = service::sentencing_csv(r);
  BOOST_TEST(csv.find(",=") == std::string::npos);
  BOOST_TEST(csv.find(",'=HYPERLINK(1) 13,") != std::string::npos);
  for (const auto& row : r.rows) BOOST_TEST(csv.find(row.precedent_id) != std::string::npos);
  const std::string svg = service::sentencing_svg(r, "en");
  BOOST_TEST(svg.find("<script") == std::string::npos);
  xmlDocPtr doc = xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "chart.svg", nullptr, XML_PARSE_NONET);
  BOOST_TEST(doc != nullptr);
  if (doc) xmlFreeDoc(doc);
  // The acquittal (a demand, no sentence) is a ring with no line from zero.
  BOOST_TEST(std::count(svg.begin(), svg.end(), '\n') > 0);
  std::size_t lines = 0, pos = 0;
  while ((pos = svg.find("stroke=\"#999\"", pos)) != std::string::npos) ++lines, ++pos;
  std::size_t joined = 0;
  for (const auto& row : r.rows) joined += row.demand && !row.demand->prison.empty() && !row.sentence.prison.empty();
  BOOST_TEST(lines == joined);
  const std::string json = service::json::of(r);
  BOOST_TEST(json.find("\"prison_months\"") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(similar_decisions_rank_shared_provisions_first, World) {
  auto similar = ctx->precedents().similar(v, "perkara-demo-001", 10);
  BOOST_TEST_REQUIRE(similar.has_value());
  BOOST_TEST_REQUIRE(similar->size() >= 3u);
  // Every decision sharing a charged provision comes before any that shares none.
  bool none_seen = false;
  for (const auto& d : *similar) {
    if (d.shared_provisions.empty()) none_seen = true;
    else BOOST_TEST(!none_seen, d.number);
  }
  for (std::size_t i = 1; i < similar->size(); ++i) BOOST_TEST((*similar)[i - 1].score >= (*similar)[i].score);
  auto missing = ctx->precedents().similar(v, "perkara-tidak-ada", 10);
  BOOST_TEST(!missing.has_value());
}
