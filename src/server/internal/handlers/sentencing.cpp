// Sentencing across precedents: the page (/sentencing: a form, the distribution, a chart as SVG
// without script, the table), its CSV (/sentencing.csv) and the API (/api/v1/sentencing). One
// service view (service::SentencingReport); the parameters are read once here.
#include "server/internal/shared.h"

#include <cstdio>

#include "core/text.h"
#include "server/internal/views.h"
#include "service/json.h"

namespace berkas::server::internal {

namespace {

// The query from the request's parameters; invalid_input naming the field for a bad one.
core::Result<service::SentencingQuery> query_of(const Request& req) {
  service::SentencingQuery q;
  q.provision = req.param("provision");
  for (const auto& [name, out] : {std::pair<const char*, int*>{"from", &q.from_year}, {"to", &q.to_year}}) {
    const std::string v = core::squeeze_space(req.param(name));
    if (v.empty()) continue;
    auto y = core::parse_decimal(v, 1900, 2200);
    if (!y) return core::fail(core::ErrorCode::invalid_input, std::string("tahun tidak valid / invalid year: ") + v, {}, 0, name);
    *out = static_cast<int>(*y);
  }
  q.court = req.param("court");
  q.country = req.param("country");
  const std::string o = req.param("outcome");
  if (!o.empty()) {
    q.outcome = core::parse_outcome(o);
    if (!q.outcome) return core::fail(core::ErrorCode::invalid_input, "hasil tidak dikenal / unknown outcome: " + o, {}, 0, "outcome");
  }
  return q;
}

std::string months(double m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", m);
  return buf;
}

Data distribution_data(const service::Distribution& d, bool rupiah) {
  Data out;
  auto f = [&](double v) { return rupiah ? core::format_rupiah(static_cast<std::int64_t>(v + 0.5)) : months(v); };
  out.set("n", text(std::to_string(d.n)));
  if (d.n > 0) {
    out.set("has", Data(true));
    out.set("min", text(f(d.min)));
    out.set("q1", text(f(d.q1)));
    out.set("median", text(f(d.median)));
    out.set("q3", text(f(d.q3)));
    out.set("max", text(f(d.max)));
  }
  return out;
}

std::string query_string(const service::SentencingQuery& q) {
  std::string s = "provision=" + url_encode(q.provision);
  if (q.from_year) s += "&from=" + std::to_string(q.from_year);
  if (q.to_year) s += "&to=" + std::to_string(q.to_year);
  if (!q.court.empty()) s += "&court=" + url_encode(q.court);
  if (!q.country.empty()) s += "&country=" + url_encode(q.country);
  if (q.outcome) s += "&outcome=" + std::string(core::code_of(*q.outcome));
  return s;
}

}  // namespace

// GET /sentencing, /sentencing.csv, /api/v1/sentencing.
Response App::sentencing(Ctx& c, Format f, bool csv) {
  auto q = query_of(c.req);
  if (!q) return failure(c, f, q.error());
  auto r = with_reader([&](service::Context& s) { return s.precedents().sentencing(c.viewer(), *q); });
  if (!r) return failure(c, f, r.error());
  if (f == Format::json) return json_response(service::json::of(*r));
  if (csv) {
    Response out;
    out.content_type = "text/csv; charset=utf-8";
    out.body = service::sentencing_csv(*r);
    out.set_header("Content-Disposition", "attachment; filename=\"pemidanaan.csv\"");
    return out;
  }
  Data d;
  d.set("provision", text(q->provision));
  d.set("from", text(q->from_year ? std::to_string(q->from_year) : ""));
  d.set("to", text(q->to_year ? std::to_string(q->to_year) : ""));
  d.set("court", text(q->court));
  d.set("country", text(q->country));
  List outcomes;
  for (auto o : {core::Outcome::bersalah, core::Outcome::bebas, core::Outcome::lepas, core::Outcome::gugur,
                 core::Outcome::lainnya}) {
    Data od;
    od.set("code", text(core::code_of(o)));
    od.set("label", text(core::label_of(o)));
    if (q->outcome && *q->outcome == o) od.set("selected", Data(true));
    outcomes.push_back(od);
  }
  d.set("outcome_choices", outcomes);
  d.set("asked", Data(!c.req.query_string.empty()));
  d.set("normalised", text(r->provision));
  std::string also;
  for (const auto& a : r->also) also += (also.empty() ? "" : ", ") + a;
  if (!also.empty()) d.set("also", text(also));  // an empty string is still a truthy section
  d.set("decisions", text(std::to_string(r->decisions)));
  d.set("defendants", text(std::to_string(r->rows.size())));
  List counts;
  for (const auto& [k, n] : r->outcomes) {
    Data cd;
    cd.set("code", text(k));
    cd.set("n", text(std::to_string(n)));
    counts.push_back(cd);
  }
  d.set("outcome_counts", counts);
  d.set("prison", distribution_data(r->prison_months, false));
  d.set("demand_prison", distribution_data(r->demand_prison_months, false));
  d.set("fine", distribution_data(r->fine, true));
  d.set("demand_fine", distribution_data(r->demand_fine, true));
  d.set("restitution", distribution_data(r->restitution, true));
  if (r->sentence_to_demand) d.set("ratio", text(months(*r->sentence_to_demand * 100) + "%"));
  if (!r->rows.empty()) d.set("chart_svg", text(service::sentencing_svg(*r, c.lang)));
  List rows;
  for (const auto& row : r->rows) {
    Data rd;
    rd.set("url", text("/precedents/" + url_encode(row.precedent_id)));
    rd.set("number", text(row.number));
    rd.set("court", text(row.court));
    rd.set("date", text(row.date));
    rd.set("defendant", text(row.defendant));
    rd.set("outcome", text(core::code_of(row.outcome)));
    rd.set("prison", text(row.sentence.prison.empty() ? "—" : core::to_string(row.sentence.prison)));
    rd.set("fine", text(row.sentence.fine_rupiah ? core::format_rupiah(row.sentence.fine_rupiah) : "—"));
    rd.set("restitution", text(row.sentence.restitution_rupiah ? core::format_rupiah(row.sentence.restitution_rupiah) : "—"));
    rd.set("demand", text(row.demand && !row.demand->prison.empty() ? core::to_string(row.demand->prison) : "—"));
    if (row.fictional) rd.set("fictional", Data(true));
    rows.push_back(rd);
  }
  d.set("rows", rows);
  d.set("csv_url", text("/sentencing.csv?" + query_string(*q)));
  return render(c, 200, "sentencing", d);
}

}  // namespace berkas::server::internal
