// service/sentencing: sentences across precedents, and the decisions most like a case.
#include "service/sentencing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "core/text.h"
#include "service/internal/docs.h"

namespace berkas::service {

using core::ErrorCode;
using core::fail;

namespace {

// The provision id asked for: a full id as given; "4", "2/1", "2-1", "pasal 4" for UU 21/2007.
core::Result<std::string> provision_id(const std::string& given) {
  std::string s = core::ascii_lower(core::squeeze_space(given));
  if (s.empty()) return std::string();
  if (s.size() > 120) return fail(ErrorCode::invalid_input, "pasal terlalu panjang / provision too long", {}, 0, "provision");
  if (s.rfind("pasal", 0) == 0) s = core::squeeze_space(s.substr(5));
  auto valid = [](const std::string& id) {
    return std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/';
    });
  };
  if (s.rfind("uu-", 0) == 0 || s.rfind("kuhp", 0) == 0) {
    if (!valid(s)) return fail(ErrorCode::invalid_input, "pasal tidak valid / invalid provision: " + given, {}, 0, "provision");
    return s;
  }
  // The query language's short form: a Pasal of UU 21/2007, optionally "/ayat" or "-ayat".
  std::string pasal = s, ayat;
  for (char sep : {'/', '-'})
    if (const auto p = s.find(sep); p != std::string::npos) {
      pasal = s.substr(0, p);
      ayat = s.substr(p + 1);
      break;
    }
  auto alnum = [](const std::string& t) {
    return !t.empty() && t.size() <= 6 &&
           std::all_of(t.begin(), t.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
  };
  if (!alnum(pasal) || (!ayat.empty() && !alnum(ayat)))
    return fail(ErrorCode::invalid_input,
                "pasal tidak valid / invalid provision: '" + given + "' (contoh / e.g. uu-21-2007/pasal-4, 4, 2/1)", {}, 0,
                "provision");
  return "uu-21-2007/pasal-" + pasal + (ayat.empty() ? "" : "/ayat-" + ayat);
}

// Whether `id` is `wanted` or one of its ayat.
bool covers(const std::string& wanted, const std::string& id) {
  return id == wanted || (id.size() > wanted.size() && id.compare(0, wanted.size(), wanted) == 0 && id[wanted.size()] == '/');
}

int year_of(const core::Date& d) { return d.size() >= 4 ? std::atoi(d.substr(0, 4).c_str()) : 0; }

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

using core::csv_field;

std::string term_cells(const core::Term& t) {
  return std::to_string(t.years) + "," + std::to_string(t.months) + "," + std::to_string(t.days) + "," +
         number(t.in_months());
}

}  // namespace

Distribution distribution_of(std::vector<double> values) {
  Distribution d;
  if (values.empty()) return d;
  std::sort(values.begin(), values.end());
  d.n = values.size();
  auto at = [&](double q) {
    const double pos = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = static_cast<std::size_t>(std::ceil(pos));
    return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
  };
  d.min = values.front();
  d.max = values.back();
  d.q1 = at(0.25);
  d.median = at(0.5);
  d.q3 = at(0.75);
  double sum = 0;
  for (double v : values) sum += v;
  d.mean = sum / static_cast<double>(values.size());
  return d;
}

core::Result<SentencingReport> sentencing(const Service& svc, const Viewer& v, const SentencingQuery& q) {
  SentencingReport r;
  r.query = q;
  auto id = provision_id(q.provision);
  if (!id) return tl::unexpected(id.error());
  r.provision = *id;
  if (q.from_year < 0 || q.to_year < 0 || q.from_year > 9999 || q.to_year > 9999 ||
      (q.from_year && q.to_year && q.from_year > q.to_year))
    return fail(ErrorCode::invalid_input, "rentang tahun tidak valid / invalid year range", {}, 0, "from");
  if (q.court.size() > 200 || q.country.size() > 60)
    return fail(ErrorCode::invalid_input, "saringan terlalu panjang / filter too long", {}, 0, q.court.size() > 200 ? "court" : "country");
  // A provision replaced by another (UU 21/2007 Pasal 2 by KUHP 2023 Pasal 455) counts with it.
  std::vector<std::string> wanted;
  if (!r.provision.empty()) {
    wanted.push_back(r.provision);
    const auto slash = r.provision.find('/');
    if (slash != std::string::npos)
      if (auto pv = svc.provision(v, r.provision.substr(0, slash), r.provision, {}); pv && !pv->provision.successor_id.empty()) {
        r.also.push_back(internal::pasal_id_of(pv->provision.successor_id));
        wanted.push_back(r.also.back());
      }
  }
  auto all = svc.precedents(v, q.country);
  if (!all) return tl::unexpected(all.error());
  const std::string court = core::ascii_lower(core::squeeze_space(q.court));
  std::vector<double> prison, demand_prison, fine, demand_fine, restitution, ratio;
  for (const auto& p : *all) {
    const int year = year_of(p.date);
    if (q.from_year && year < q.from_year) continue;
    if (q.to_year && year > q.to_year) continue;
    if (!court.empty() && core::ascii_lower(p.court).find(court) == std::string::npos) continue;
    auto names = [&](const std::vector<std::string>& ids) {
      return std::any_of(ids.begin(), ids.end(), [&](const std::string& pid) {
        return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& w) { return covers(w, pid); });
      });
    };
    // A conviction counts under the provisions the court applied (where the text names none,
    // those charged); an acquittal, a release or a lapse under those charged.
    const bool applied = names(p.provisions_applied.empty() ? p.provisions_charged : p.provisions_applied);
    const bool charged = names(p.provisions_charged);
    bool any = false;
    for (const auto& o : p.outcomes) {
      if (q.outcome && o.outcome != *q.outcome) continue;
      if (!wanted.empty() && !(o.outcome == core::Outcome::bersalah ? applied : charged)) continue;
      any = true;
      SentencingRow row{p.id, p.number, p.court, p.date, o.defendant, o.outcome, o.count, o.sentence, o.demand, p.fictional};
      ++r.outcomes[core::code_of(o.outcome)];
      if (o.outcome == core::Outcome::bersalah) {
        if (!o.sentence.prison.empty()) prison.push_back(o.sentence.prison.in_months());
        if (o.demand && !o.demand->prison.empty()) demand_prison.push_back(o.demand->prison.in_months());
        if (o.sentence.fine_rupiah > 0) fine.push_back(static_cast<double>(o.sentence.fine_rupiah));
        if (o.demand && o.demand->fine_rupiah > 0) demand_fine.push_back(static_cast<double>(o.demand->fine_rupiah));
        if (o.sentence.restitution_rupiah > 0) restitution.push_back(static_cast<double>(o.sentence.restitution_rupiah));
        if (o.demand && !o.demand->prison.empty() && !o.sentence.prison.empty())
          ratio.push_back(o.sentence.prison.in_months() / o.demand->prison.in_months());
      }
      r.rows.push_back(std::move(row));
    }
    if (any) ++r.decisions;
  }
  std::sort(r.rows.begin(), r.rows.end(), [](const SentencingRow& a, const SentencingRow& b) {
    return std::tie(a.date, a.number, a.defendant) < std::tie(b.date, b.number, b.defendant);
  });
  r.prison_months = distribution_of(prison);
  r.demand_prison_months = distribution_of(demand_prison);
  r.fine = distribution_of(fine);
  r.demand_fine = distribution_of(demand_fine);
  r.restitution = distribution_of(restitution);
  if (!ratio.empty()) r.sentence_to_demand = distribution_of(ratio).median;
  return r;
}

std::string sentencing_csv(const SentencingReport& r) {
  std::string out =
      "putusan,nomor,pengadilan,tanggal,terdakwa,hasil,dakwaan_terbukti,"
      "penjara_tahun,penjara_bulan,penjara_hari,penjara_total_bulan,denda_rupiah,restitusi_rupiah,restitusi_tanggung_renteng,"
      "tuntutan_penjara_tahun,tuntutan_penjara_bulan,tuntutan_penjara_hari,tuntutan_penjara_total_bulan,"
      "tuntutan_denda_rupiah,tuntutan_restitusi_rupiah,fiktif\r\n";
  for (const auto& row : r.rows) {
    out += csv_field(row.precedent_id) + "," + csv_field(row.number) + "," + csv_field(row.court) + "," + row.date + "," +
           csv_field(row.defendant) + "," + core::code_of(row.outcome) + "," + csv_field(row.count) + "," +
           term_cells(row.sentence.prison) + "," + std::to_string(row.sentence.fine_rupiah) + "," +
           std::to_string(row.sentence.restitution_rupiah) + "," + (row.sentence.restitution_joint ? "ya" : "tidak") + ",";
    if (row.demand)
      out += term_cells(row.demand->prison) + "," + std::to_string(row.demand->fine_rupiah) + "," +
             std::to_string(row.demand->restitution_rupiah);
    else
      out += ",,,,,";
    out += std::string(",") + (row.fictional ? "ya" : "tidak") + "\r\n";
  }
  return out;
}

std::string sentencing_svg(const SentencingReport& r, const std::string& lang) {
  const bool en = lang == "en";
  std::vector<const SentencingRow*> rows;
  for (const auto& row : r.rows)
    if (!row.sentence.prison.empty() || (row.demand && !row.demand->prison.empty())) rows.push_back(&row);
  constexpr std::size_t k_max_rows = 200;
  const bool cut = rows.size() > k_max_rows;
  if (cut) rows.resize(k_max_rows);
  std::stable_sort(rows.begin(), rows.end(), [](const SentencingRow* a, const SentencingRow* b) {
    return a->sentence.prison.in_months() < b->sentence.prison.in_months();
  });
  double top = 12;
  for (const auto* row : rows) {
    top = std::max(top, row->sentence.prison.in_months());
    if (row->demand) top = std::max(top, row->demand->prison.in_months());
  }
  const int years = static_cast<int>(std::ceil(top / 12.0));
  const double span = years * 12.0;
  const int left = 190, right = 20, width = 760, row_h = 16, head = 70;
  const int plot = width - left - right;
  const int height = head + static_cast<int>(rows.size()) * row_h + 40;
  auto x = [&](double months) { return left + months / span * plot; };
  auto num = [](double v) { return number(v); };
  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + std::to_string(width) + "\" height=\"" +
       std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
       "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  s += "<title>" + core::escape_html(en ? "Prison terms: sentence and demand, in months" :
                                          "Pidana penjara: putusan dan tuntutan, dalam bulan") + "</title>\n";
  // Year grid.
  for (int y = 0; y <= years; ++y) {
    const std::string gx = num(x(y * 12.0));
    s += "<line x1=\"" + gx + "\" y1=\"40\" x2=\"" + gx + "\" y2=\"" + std::to_string(height - 30) +
         "\" stroke=\"#ddd\"/>\n<text x=\"" + gx + "\" y=\"" + std::to_string(height - 14) +
         "\" text-anchor=\"middle\">" + std::to_string(y) + (en ? " y" : " th") + "</text>\n";
  }
  // The distribution of the sentences: a box from q1 to q3, whiskers to min and max, the median.
  if (r.prison_months.n > 0) {
    const auto& d = r.prison_months;
    s += "<g class=\"box\"><line x1=\"" + num(x(d.min)) + "\" y1=\"26\" x2=\"" + num(x(d.max)) +
         "\" y2=\"26\" stroke=\"#333\"/>\n<rect x=\"" + num(x(d.q1)) + "\" y=\"18\" width=\"" +
         num(std::max(1.0, x(d.q3) - x(d.q1))) + "\" height=\"16\" fill=\"#9ecae1\" stroke=\"#333\"/>\n<line x1=\"" +
         num(x(d.median)) + "\" y1=\"18\" x2=\"" + num(x(d.median)) + "\" y2=\"34\" stroke=\"#000\" stroke-width=\"2\"/>\n";
    s += "<text x=\"" + std::to_string(left - 8) + "\" y=\"30\" text-anchor=\"end\">" +
         core::escape_html(en ? "Sentences (n=" : "Putusan (n=") + std::to_string(d.n) + ")</text></g>\n";
  }
  // Legend.
  s += "<circle cx=\"" + std::to_string(left) + "\" cy=\"52\" r=\"4\" fill=\"#08519c\"/><text x=\"" +
       std::to_string(left + 8) + "\" y=\"56\">" + core::escape_html(en ? "sentence" : "putusan") + "</text>\n";
  s += "<circle cx=\"" + std::to_string(left + 90) + "\" cy=\"52\" r=\"4\" fill=\"none\" stroke=\"#cb181d\" stroke-width=\"1.5\"/><text x=\"" +
       std::to_string(left + 98) + "\" y=\"56\">" + core::escape_html(en ? "demand" : "tuntutan") + "</text>\n";
  int i = 0;
  for (const auto* row : rows) {
    const int cy = head + i * row_h + row_h / 2;
    std::string label = row->number;
    if (label.size() > 30) label = label.substr(0, 30);
    s += "<g><title>" + core::escape_html(row->number + " — " + row->defendant + ": " +
                                          (row->sentence.prison.empty() ? "-" : core::to_string(row->sentence.prison)) +
                                          (row->demand ? " / " + (en ? std::string("demand ") : std::string("tuntutan ")) +
                                                             core::to_string(row->demand->prison)
                                                       : std::string())) +
         "</title>\n";
    s += "<text x=\"" + std::to_string(left - 8) + "\" y=\"" + std::to_string(cy + 4) + "\" text-anchor=\"end\">" +
         core::escape_html(label) + "</text>\n";
    const double sx = x(row->sentence.prison.in_months());
    if (row->demand && !row->demand->prison.empty()) {
      const double dx = x(row->demand->prison.in_months());
      // The line joins a sentence to its demand; an acquittal has no sentence to join.
      if (!row->sentence.prison.empty())
        s += "<line x1=\"" + num(sx) + "\" y1=\"" + std::to_string(cy) + "\" x2=\"" + num(dx) + "\" y2=\"" +
             std::to_string(cy) + "\" stroke=\"#999\"/>\n";
      s += "<circle cx=\"" + num(dx) + "\" cy=\"" + std::to_string(cy) +
           "\" r=\"4\" fill=\"none\" stroke=\"#cb181d\" stroke-width=\"1.5\"/>\n";
    }
    if (!row->sentence.prison.empty())
      s += "<circle cx=\"" + num(sx) + "\" cy=\"" + std::to_string(cy) + "\" r=\"4\" fill=\"#08519c\"/>\n";
    s += "</g>\n";
    ++i;
  }
  if (cut)
    s += "<text x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(height - 2) + "\">" +
         core::escape_html(en ? "first 200 defendants shown; the table and CSV have all"
                              : "200 terdakwa pertama ditampilkan; tabel dan CSV memuat semuanya") +
         "</text>\n";
  s += "</svg>\n";
  return s;
}

core::Result<std::vector<SimilarDecision>> similar_decisions(const Service& svc, const Viewer& v, const std::string& case_id,
                                                             std::size_t limit) {
  auto view = svc.case_view(v, case_id);
  if (!view) return tl::unexpected(view.error());
  const auto& c = view->case_file;
  std::set<std::string> charged;
  for (const auto& id : c.charged_provisions) charged.insert(internal::pasal_id_of(id));
  auto all = svc.precedents(v);
  if (!all) return tl::unexpected(all.error());

  // The facts: the case's words (title and summary, already redacted for the viewer), as plain
  // words, searched among decisions only.
  std::string words;
  int count = 0;
  for (const auto& w : core::split(core::ascii_lower(c.title + " " + c.summary + " " + c.destination_country), ' ')) {
    std::string t;
    for (char ch : w)
      if ((ch >= 'a' && ch <= 'z')) t += ch;
    if (t.size() < 4 || t == "and" || t == "not" || t == "xor") continue;
    words += t + " ";
    if (++count >= 40) break;
  }
  std::map<std::string, double> fact_score;
  if (!words.empty()) {
    search::Query q;
    q.text = words + "jenis:putusan";
    q.limit = 100;
    q.facets = false;
    q.snippets = false;
    auto page = svc.search(v, q);
    if (!page) return tl::unexpected(page.error());
    double best = 0;
    for (const auto& h : page->results.hits) best = std::max(best, h.weight);
    for (const auto& h : page->results.hits)
      if (best > 0) fact_score[h.object_id] = h.weight / best;
  }
  std::vector<SimilarDecision> out;
  for (const auto& p : *all) {
    SimilarDecision d{p.id, p.number, p.court, p.date, {}, 0, {}};
    std::set<std::string> theirs;
    for (const auto* ids : {&p.provisions_charged, &p.provisions_applied})
      for (const auto& id : *ids) theirs.insert(internal::pasal_id_of(id));
    for (const auto& id : charged)
      if (theirs.count(id)) d.shared_provisions.push_back(id);
    // Each provision shared outweighs any difference in the facts.
    d.score = static_cast<double>(d.shared_provisions.size());
    if (auto f = fact_score.find(p.id); f != fact_score.end()) d.score += 0.9 * f->second;
    if (d.score <= 0) continue;
    for (const auto& o : p.outcomes) d.outcomes.push_back(o.outcome);
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const SimilarDecision& a, const SimilarDecision& b) {
    return a.score != b.score ? a.score > b.score : a.date > b.date;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace berkas::service
