// service/sentencing: sentences across precedents — for a provision (and filters: years, court,
// destination country, outcome) the distribution of prison terms, fines and restitution over the
// imported decisions, each defendant's sentence beside the prosecutor's demand; and the
// decisions most like a case (its charged provisions and its facts).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"
#include "service/access.h"
#include "service/service.h"

namespace berkas::service {

struct SentencingQuery {
  // A provision id ("uu-21-2007/pasal-4", "uu-1-2023/pasal-455") or the short form of the query
  // language for UU 21/2007 ("4", "2/1", "2-1"). A Pasal also takes its ayat. Empty: every decision.
  std::string provision;
  int from_year = 0;        // 0 = open
  int to_year = 0;          // 0 = open
  std::string court;        // part of the court's name, any case ("Cianjur")
  std::string country;      // a destination the decision's text names ("Kamboja", "Myanmar")
  std::optional<core::Outcome> outcome;
};

// One defendant of one matching decision.
struct SentencingRow {
  std::string precedent_id, number, court;
  core::Date date;
  std::string defendant;
  core::Outcome outcome = core::Outcome::lainnya;
  std::string count;
  core::Penalty sentence;
  std::optional<core::Penalty> demand;
  bool fictional = false;
};

// Order statistics of a set of values (quartiles by linear interpolation); n = 0 when empty.
struct Distribution {
  std::size_t n = 0;
  double min = 0, q1 = 0, median = 0, q3 = 0, max = 0, mean = 0;
};
Distribution distribution_of(std::vector<double> values);

struct SentencingReport {
  SentencingQuery query;
  std::string provision;                    // the provision id asked for (normalised)
  std::vector<std::string> also;            // further ids counted with it (its successor in force)
  std::size_t decisions = 0;                // matching decisions
  std::vector<SentencingRow> rows;          // their defendants, by date then number
  std::map<std::string, std::size_t> outcomes;  // outcome code → defendants
  // Over the convicted defendants: prison in months (days as 1/30), and the demand for the same
  // defendants; fines and restitution over those given one (in rupiah).
  Distribution prison_months, demand_prison_months, fine, demand_fine, restitution;
  // The sentence as a share of the demand (prison), median over defendants with both.
  std::optional<double> sentence_to_demand;
};

// invalid_input for a malformed provision or year range; the report may be empty.
core::Result<SentencingReport> sentencing(const Service& svc, const Viewer& v, const SentencingQuery& q);

// The rows as CSV (RFC 4180, a header line, UTF-8, numbers unformatted; prison as years,
// months, days and total months).
std::string sentencing_csv(const SentencingReport& r);

// The rows as an SVG chart, no script: each defendant a line from the sentence (filled dot) to
// the demand (ring), in months, with the distribution's box above. `lang` "id" or "en".
std::string sentencing_svg(const SentencingReport& r, const std::string& lang = "id");

// Precedents ranked by how much they share with a case: its charged provisions (each shared
// one counts), then its facts (the words of its summary and title, searched among decisions).
struct SimilarDecision {
  std::string precedent_id, number, court;
  core::Date date;
  std::vector<std::string> shared_provisions;
  double score = 0;
  std::vector<core::Outcome> outcomes;
};
core::Result<std::vector<SimilarDecision>> similar_decisions(const Service& svc, const Viewer& v,
                                                             const std::string& case_id, std::size_t limit = 10);

}  // namespace berkas::service
