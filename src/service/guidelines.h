// service/guidelines: guideline and training modules for trainers (issue 5) — a module file
// (templates/guidelines/*.xml, schemas/guideline.xsd, docs/GUIDELINES.md) made into a PDF and an
// HTML page. Law excerpts come from the store by provision id (never retyped); case studies only
// from items released for training, for EVERY viewer, always anonymised (service/anonymise.h).
//
// Answer keys: the participants' edition (answers = false) carries the exercises without any
// answer; answers = true makes the answer key as its own document ("Kunci Jawaban", for the
// trainer), so the two can never be handed out together by mistake.
//
// Thread safety: as Service (one thread at a time per Service).
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "service/access.h"
#include "service/service.h"

namespace berkas::service {

struct GuidelineRequest {
  std::string module_path;  // the module XML
  std::string out_pdf;      // empty = <module stem>.pdf (answers: <module stem>-kunci.pdf) beside the cwd
  std::string out_html;     // empty = no HTML
  bool answers = false;     // the answer key as its own document instead of the module
};

struct GuidelineMade {
  std::string pdf_path, html_path, pdf_sha256;
  int page_count = 0;
  std::vector<std::string> case_study_ids;  // items used as case studies (released for training)
};

// Builds the module (or its answer key) as PDF and, if asked, HTML; writes both atomically and
// audits "guideline" with the module id and the PDF's SHA-256. Deterministic (dated from the
// module). Errors: invalid_input with the module file and line (schema, unknown provision,
// case study not available for training — the same text whether the item is unreleased or
// missing —, bad data file); io when a file cannot be written (nothing is left behind).
core::Result<GuidelineMade> make_guideline(Service& svc, const Options& options, const Viewer& v,
                                           const GuidelineRequest& r);

// The modules shipped in <resource_dir>/templates/guidelines/*.xml, by id.
struct GuidelineInfo {
  std::string id, title, audience, path, date;
};
core::Result<std::vector<GuidelineInfo>> shipped_guidelines(const Options& options);

// One shipped module (by id) as HTML or as PDF bytes. guideline_html returns the BODY part only:
// one <article class="modul"> element (headings with ids, toc with anchors, notes, checklists,
// exercises, law excerpts, tables, the chart as inline SVG; every text escaped; no script, no
// external resource), to be placed inside a page that includes guideline_stylesheet() in its
// <head>. Audited like make_guideline. not_found for an unknown id; else make_guideline's errors.
core::Result<std::string> guideline_html(Service& svc, const Options& options, const Viewer& v, const std::string& id,
                                         bool answers);
core::Result<std::string> guideline_pdf(Service& svc, const Options& options, const Viewer& v, const std::string& id,
                                        bool answers);

// The CSS for the article above (plain text for a <style> element; no url(), no @import).
std::string guideline_stylesheet();

// JSON of a made guideline (for `berkas guideline --json`).
std::string guideline_made_json(const GuidelineMade& m);

}  // namespace berkas::service
