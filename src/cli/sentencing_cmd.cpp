// cli: `sentencing` — sentences across precedents (a table, --json or --csv) — and `similar`,
// the decisions most like a case (service/sentencing.h).
#include <iomanip>
#include <iostream>

#include "cli/internal/args.h"
#include "core/text.h"
#include "service/context.h"
#include "service/json.h"

namespace berkas::cli {

namespace {

std::string months(double m) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << m;
  return s.str();
}

void print_distribution(const char* what, const service::Distribution& d, bool rupiah) {
  std::cout << "  " << what << ": ";
  if (d.n == 0) {
    std::cout << "-\n";
    return;
  }
  auto f = [&](double v) {
    return rupiah ? core::format_rupiah(static_cast<std::int64_t>(v + 0.5)) : months(v) + " bln";
  };
  std::cout << "n=" << d.n << "  min " << f(d.min) << "  q1 " << f(d.q1) << "  median " << f(d.median) << "  q3 "
            << f(d.q3) << "  maks/max " << f(d.max) << "\n";
}

}  // namespace

int cmd_sentencing(const Args& a) {
  if (a.json && a.csv) return usage_error("sentencing: --json atau / or --csv, bukan keduanya / not both");
  service::SentencingQuery q;
  q.provision = a.provision;
  for (const auto& [given, out, name] : {std::tuple{&a.from_year, &q.from_year, "--from"}, std::tuple{&a.to_year, &q.to_year, "--to"}}) {
    if (given->empty()) continue;
    auto y = core::parse_decimal(*given, 1900, 2200);
    if (!y) return usage_error(std::string(name) + ": tahun / year 1900..2200: " + *given);
    *out = static_cast<int>(*y);
  }
  q.court = a.court;
  q.country = a.country;
  if (!a.outcome.empty()) {
    q.outcome = core::parse_outcome(a.outcome);
    if (!q.outcome) return usage_error("--outcome: bersalah, bebas, lepas, gugur atau / or lainnya: " + a.outcome);
  }
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  auto r = (*svc)->precedents().sentencing(viewer_of(a), q);
  if (!r) return report_error(r.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*r) << "\n";
    return 0;
  }
  if (a.csv) {
    std::cout << service::sentencing_csv(*r);
    return 0;
  }
  std::cout << "Pemidanaan / sentencing: " << (r->provision.empty() ? "semua putusan / all decisions" : r->provision);
  for (const auto& x : r->also) std::cout << " + " << x;
  std::cout << "\n  " << r->decisions << " putusan / decisions, " << r->rows.size() << " terdakwa / defendants";
  for (const auto& [k, n] : r->outcomes) std::cout << "; " << k << " " << n;
  std::cout << "\n";
  print_distribution("penjara / prison", r->prison_months, false);
  print_distribution("tuntutan penjara / demanded", r->demand_prison_months, false);
  print_distribution("denda / fine", r->fine, true);
  print_distribution("tuntutan denda / demanded", r->demand_fine, true);
  print_distribution("restitusi / restitution", r->restitution, true);
  if (r->sentence_to_demand)
    std::cout << "  putusan ÷ tuntutan (median) / sentence ÷ demand: " << months(*r->sentence_to_demand * 100) << "%\n";
  std::cout << "\n";
  for (const auto& row : r->rows) {
    std::cout << row.date << "  " << row.number << "  " << row.defendant << ": " << core::code_of(row.outcome);
    if (!row.sentence.prison.empty()) std::cout << ", " << core::to_string(row.sentence.prison);
    if (row.sentence.fine_rupiah) std::cout << ", denda " << core::format_rupiah(row.sentence.fine_rupiah);
    if (row.sentence.restitution_rupiah) std::cout << ", restitusi " << core::format_rupiah(row.sentence.restitution_rupiah);
    if (row.demand && !row.demand->prison.empty()) std::cout << " (tuntutan " << core::to_string(row.demand->prison) << ")";
    if (row.fictional) std::cout << " [FIKTIF]";
    std::cout << "\n";
  }
  return 0;
}

int cmd_similar(const Args& a) {
  if (a.case_id.empty() || !a.rest.empty()) return usage_error("similar: --case ID diperlukan / required");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  auto r = (*svc)->precedents().similar(viewer_of(a), a.case_id, static_cast<std::size_t>(a.limit_given ? a.limit : 10));
  if (!r) return report_error(r.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*r) << "\n";
    return 0;
  }
  if (r->empty()) std::cout << "Tidak ada putusan serupa / no similar decisions\n";
  for (const auto& d : *r) {
    std::cout << d.number << "  " << d.court << ", " << d.date << "  (" << months(d.score) << ")";
    for (auto o : d.outcomes) std::cout << " " << core::code_of(o);
    if (!d.shared_provisions.empty()) {
      std::cout << "\n    pasal sama / shared:";
      for (const auto& p : d.shared_provisions) std::cout << " " << p;
    }
    std::cout << "\n";
  }
  return 0;
}

}  // namespace berkas::cli
