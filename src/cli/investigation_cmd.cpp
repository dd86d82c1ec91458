// cli: the investigation tools (service/investigation.h) — `identifiers --case ID` (every
// identifier in a case's evidence and where else it occurs), `identifier VALUE` (one identifier
// across every case the user may see) and `timeline --case ID` (the case's dated events).
// Text, --json or (identifiers) --csv; protected persons' numbers stay hidden unless --reveal.
#include <iostream>

#include "cli/internal/args.h"
#include "service/context.h"
#include "service/investigation.h"
#include "service/json.h"

namespace berkas::cli {

namespace {

void print_occurrences(const service::IdentifierEntry& e, std::size_t limit) {
  std::size_t n = 0;
  for (const auto& o : e.occurrences) {
    if (++n > limit) {
      std::cout << "    … " << (e.occurrences.size() - limit) << " lagi / more (--json)\n";
      break;
    }
    std::cout << "    " << o.at.case_id << "  " << o.at.item_id << "@" << o.at.version << ", " << o.at.where << ": "
              << o.excerpt << "\n";
  }
}

}  // namespace

int cmd_identifiers(const Args& a) {
  if (a.case_id.empty() || !a.rest.empty()) return usage_error("identifiers: --case ID diperlukan / required");
  if (a.json && a.csv) return usage_error("identifiers: --json atau / or --csv, bukan keduanya / not both");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  auto r = service::case_identifiers((*svc)->evidence(), viewer_of(a), a.case_id);
  if (!r) return report_error(r.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*r) << "\n";
    return 0;
  }
  if (a.csv) {
    std::cout << service::identifiers_csv(*r);
    return 0;
  }
  if (r->empty()) std::cout << "Tidak ada identitas dalam bukti perkara ini / no identifiers in this case's evidence\n";
  for (const auto& e : *r) {
    std::cout << extract::label_of(e.kind) << ": " << e.value;
    if (!e.qualifier.empty()) std::cout << " (" << e.qualifier << ")";
    std::cout << " — " << e.occurrences.size() << "×";
    std::vector<std::string> others;
    for (const auto& c : e.cases)
      if (c != a.case_id) others.push_back(c);
    if (!others.empty()) {
      std::cout << "; juga di perkara lain / also in other cases:";
      for (const auto& c : others) std::cout << " " << c;
    }
    std::cout << "\n";
    print_occurrences(e, 5);
  }
  return 0;
}

int cmd_identifier(const Args& a) {
  if (a.rest.size() != 1) return usage_error("identifier: satu NILAI / one VALUE (e.g. \"0857-1122-3344\")");
  if (a.json && a.csv) return usage_error("identifier: --json atau / or --csv, bukan keduanya / not both");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  auto r = service::identifier_occurrences((*svc)->evidence(), viewer_of(a), a.rest[0]);
  if (!r) return report_error(r.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*r) << "\n";
    return 0;
  }
  if (a.csv) {
    std::cout << service::identifiers_csv({*r});
    return 0;
  }
  std::cout << extract::label_of(r->kind) << ": " << r->value;
  if (!r->qualifier.empty()) std::cout << " (" << r->qualifier << ")";
  std::cout << "\n";
  if (r->occurrences.empty()) {
    std::cout << "  tidak ditemukan dalam bukti yang boleh Anda lihat / not found in the evidence you may see\n";
    return 0;
  }
  std::cout << "  " << r->occurrences.size() << "× dalam / in " << r->cases.size() << " perkara / cases:";
  for (const auto& c : r->cases) std::cout << " " << c;
  std::cout << "\n";
  print_occurrences(*r, 50);
  return 0;
}

int cmd_timeline(const Args& a) {
  if (a.case_id.empty() || !a.rest.empty()) return usage_error("timeline: --case ID diperlukan / required");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  auto r = service::case_timeline((*svc)->evidence(), viewer_of(a), a.case_id);
  if (!r) return report_error(r.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*r) << "\n";
    return 0;
  }
  if (r->empty()) std::cout << "Tidak ada tanggal dalam bukti perkara ini / no dates in this case's evidence\n";
  for (const auto& e : *r) {
    std::cout << e.date << (e.time.empty() ? "" : " " + e.time) << "  [" << service::code_of(e.source) << "] "
              << e.at.item_id << ", " << (e.at.where.empty() ? "-" : e.at.where) << ": " << e.excerpt << "\n";
  }
  return 0;
}

}  // namespace berkas::cli
