#include "service/guidelines.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "bundle/bundle.h"
#include "bundle/guideline.h"
#include "core/file.h"
#include "core/hash.h"
#include "service/anonymise.h"
#include "service/internal/json_util.h"
#include "service/internal/paths.h"
#include "service/internal/store_access.h"
#include "service/policy.h"

namespace berkas::service {

using core::ErrorCode;
using core::fail;

namespace {

namespace fs = std::filesystem;

std::string schema_of(const Options& options) {
  return internal::schema_path(options, "guideline.xsd");
}

std::string shipped_dir(const Options& options) {
  return (fs::path(options.resource_dir) / "templates" / "guidelines").string();
}

// The one error for a case study that may not be used: unreleased and missing read the same,
// so that a trainer cannot learn what exists.
tl::unexpected<core::Error> not_for_training(const bundle::GuidelineModule& m, const bundle::Part& p) {
  return fail(ErrorCode::invalid_input,
              "studi kasus '" + p.ref + "' tidak tersedia untuk pelatihan / not available for training", m.path, p.line,
              "item");
}

struct Gathered {
  bundle::GuidelineData data;
  std::vector<std::string> case_ids;
};

// Looks up what the module names: law excerpts as of the module's date (through Service), case
// studies from items released for training only — whoever asks — anonymised.
core::Result<Gathered> gather(Service& svc, const Options& options, const Viewer& v, const bundle::GuidelineModule& m) {
  Gathered g;
  g.data.creator = v.user;
  const store::Store* st = nullptr;
  std::optional<Gazetteer> places;
  for (const auto& ch : m.chapters)
    for (const auto& p : ch.parts) {
      if (p.kind == bundle::PartKind::law_excerpt && !g.data.excerpts.count(p.ref)) {
        const std::string law = p.ref.substr(0, p.ref.find('/'));
        auto pv = svc.provision(v, law, p.ref, m.date);
        if (!pv)
          return fail(ErrorCode::invalid_input, "ketentuan '" + p.ref + "' tidak dikenal / unknown provision", m.path, p.line,
                      "ref");
        bundle::LawExcerpt x;
        x.id = p.ref;
        x.label = pv->provision.label.empty() ? p.ref : pv->provision.label;
        x.text = pv->provision.text;
        x.status = core::to_string(pv->status);
        x.as_of = m.date;
        if (pv->status == core::ForceStatus::revoked) x.successor_label = pv->successor_label;
        x.status_note = pv->provision.status_note;
        g.data.excerpts.emplace(p.ref, std::move(x));
      }
      if (p.kind != bundle::PartKind::case_study || g.data.case_studies.count(p.ref)) continue;
      if (!st) {
        st = &internal_access::store(svc);
      }
      auto item = st->item(p.ref);
      if (!item && item.error().code != ErrorCode::not_found) return tl::unexpected(item.error());
      if (!item || !item->released_for_training) return not_for_training(m, p);
      if (!places) {
        auto gz = Gazetteer::load((fs::path(options.resource_dir) / "index" / "places.txt").string());
        if (!gz) return tl::unexpected(gz.error());
        places = std::move(*gz);
      }
      auto persons = persons_to_hide(*st, *item);
      if (!persons) return tl::unexpected(persons.error());
      const Anonymiser anon(std::move(*persons), *places);
      const core::EvidenceItem a = anonymise_item(*item, anon);
      bundle::CaseStudy cs;
      cs.id = p.ref;
      cs.title = a.title;
      cs.kind_label = core::label_of(a.kind);
      cs.period = month_year(a.date + "-01");
      cs.place = a.place.empty() ? std::string("-") : a.place;
      cs.summary = a.summary;
      cs.qa = a.qa;
      cs.sections = a.sections;
      cs.fictional = item->fictional;
      for (auto& n : anon.guard_names()) g.data.forbidden_strings.push_back(std::move(n));
      g.data.case_studies.emplace(p.ref, std::move(cs));
      g.case_ids.push_back(p.ref);
    }
  std::sort(g.data.forbidden_strings.begin(), g.data.forbidden_strings.end());
  g.data.forbidden_strings.erase(std::unique(g.data.forbidden_strings.begin(), g.data.forbidden_strings.end()),
                                 g.data.forbidden_strings.end());
  return g;
}

struct Loaded {
  bundle::GuidelineModule module;
  Gathered gathered;
};

core::Result<Loaded> load(Service& svc, const Options& options, const Viewer& v, const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return fail(ErrorCode::not_found, "modul tidak ditemukan / module not found", path);
  auto m = bundle::load_guideline(path, schema_of(options));
  if (!m) return tl::unexpected(m.error());
  auto g = gather(svc, options, v, *m);
  if (!g) return tl::unexpected(g.error());
  return Loaded{std::move(*m), std::move(*g)};
}

bundle::Edition edition_of(bool answers) { return answers ? bundle::Edition::answer_key : bundle::Edition::participant; }

core::Status audit(Service& svc, const Viewer& v, const Loaded& l, bool answers, const std::string& what,
                   const std::string& sha256, int pages) {
  std::string detail = "modul " + l.module.id + " v" + l.module.version + ", " + what + " sha256 " + sha256;
  if (pages > 0) detail += ", " + std::to_string(pages) + " halaman / pages";
  detail += answers ? ", kunci jawaban / answer key" : ", edisi peserta / participants' edition";
  if (!l.gathered.case_ids.empty()) {
    detail += ", studi kasus / case studies:";
    for (const auto& id : l.gathered.case_ids) detail += " " + id;
  }
  return svc.record(v, "guideline", l.module.id, detail);
}

core::Result<std::string> shipped_path(const Options& options, const std::string& id) {
  auto list = shipped_guidelines(options);
  if (!list) return tl::unexpected(list.error());
  for (const auto& g : *list)
    if (g.id == id) return g.path;
  return fail(ErrorCode::not_found, "modul tidak ditemukan / module not found: " + id);
}

}  // namespace

namespace {
// The answer key is only for those the policy allows (trainers, administrators, the command line).
std::optional<core::Error> answers_refused(const Viewer& v, bool answers) {
  if (!answers || policy().may_see_answer_keys(v)) return std::nullopt;
  return core::Error{core::ErrorCode::forbidden,
                     "kunci jawaban hanya untuk pelatih dan administrator / answer keys are for trainers and administrators only",
                     {}, 0, "answers"};
}
}  // namespace

core::Result<GuidelineMade> make_guideline(Service& svc, const Options& options, const Viewer& v, const GuidelineRequest& r) {
  if (auto refused = answers_refused(v, r.answers)) return tl::unexpected(*refused);
  auto l = load(svc, options, v, r.module_path);
  if (!l) return tl::unexpected(l.error());
  const auto e = edition_of(r.answers);
  auto pdf = bundle::render_guideline(l->module, l->gathered.data, e);
  if (!pdf) return tl::unexpected(pdf.error());
  std::string html;
  if (!r.out_html.empty()) {
    auto page = bundle::guideline_html_page(l->module, l->gathered.data, e);
    if (!page) return tl::unexpected(page.error());
    html = std::move(*page);
  }
  GuidelineMade out;
  out.pdf_path = r.out_pdf.empty() ? fs::path(r.module_path).stem().string() + (r.answers ? "-kunci.pdf" : ".pdf") : r.out_pdf;
  out.html_path = r.out_html;
  out.pdf_sha256 = pdf->sha256;
  out.page_count = pdf->page_count;
  out.case_study_ids = l->gathered.case_ids;
  if (auto w = core::write_file_atomically(out.pdf_path, pdf->pdf); !w) return tl::unexpected(w.error());
  auto remove_files = [&] {
    std::error_code ec;
    fs::remove(out.pdf_path, ec);
    if (!out.html_path.empty()) fs::remove(out.html_path, ec);
  };
  if (!html.empty())
    if (auto w = core::write_file_atomically(out.html_path, html); !w) {
      std::error_code ec;
      fs::remove(out.pdf_path, ec);
      return tl::unexpected(w.error());
    }
  if (auto a = audit(svc, v, *l, r.answers, "pdf", out.pdf_sha256, out.page_count); !a) {
    remove_files();  // not handed out unaudited
    return tl::unexpected(a.error());
  }
  return out;
}

core::Result<std::vector<GuidelineInfo>> shipped_guidelines(const Options& options) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(shipped_dir(options), ec))
    if (e.is_regular_file() && e.path().extension() == ".xml") files.push_back(e.path().string());
  if (ec) return fail(ErrorCode::io, "modul bawaan tidak dapat dibaca / cannot list the shipped modules", shipped_dir(options));
  std::sort(files.begin(), files.end());
  std::vector<GuidelineInfo> out;
  for (const auto& f : files) {
    auto m = bundle::load_guideline(f, schema_of(options));
    if (!m) return tl::unexpected(m.error());
    out.push_back({m->id, m->title, m->audience, f, m->date});
  }
  return out;
}

core::Result<std::string> guideline_html(Service& svc, const Options& options, const Viewer& v, const std::string& id,
                                         bool answers) {
  if (auto refused = answers_refused(v, answers)) return tl::unexpected(*refused);
  auto path = shipped_path(options, id);
  if (!path) return tl::unexpected(path.error());
  auto l = load(svc, options, v, *path);
  if (!l) return tl::unexpected(l.error());
  auto html = bundle::guideline_html_article(l->module, l->gathered.data, edition_of(answers));
  if (!html) return tl::unexpected(html.error());
  if (auto a = audit(svc, v, *l, answers, "html", core::sha256_hex(*html), 0); !a) return tl::unexpected(a.error());
  return html;
}

core::Result<std::string> guideline_pdf(Service& svc, const Options& options, const Viewer& v, const std::string& id,
                                        bool answers) {
  if (auto refused = answers_refused(v, answers)) return tl::unexpected(*refused);
  auto path = shipped_path(options, id);
  if (!path) return tl::unexpected(path.error());
  auto l = load(svc, options, v, *path);
  if (!l) return tl::unexpected(l.error());
  auto pdf = bundle::render_guideline(l->module, l->gathered.data, edition_of(answers));
  if (!pdf) return tl::unexpected(pdf.error());
  if (auto a = audit(svc, v, *l, answers, "pdf", pdf->sha256, pdf->page_count); !a) return tl::unexpected(a.error());
  return std::move(pdf->pdf);
}

std::string guideline_stylesheet() { return bundle::guideline_css(); }

std::string guideline_made_json(const GuidelineMade& m) {
  auto o = internal::json_object();
  o->set("pdf", m.pdf_path);
  if (!m.html_path.empty()) o->set("html", m.html_path);
  o->set("sha256", m.pdf_sha256);
  o->set("pages", m.page_count);
  o->set("case_studies", internal::json_strings(m.case_study_ids));
  return internal::json_text(o);
}

}  // namespace berkas::service
