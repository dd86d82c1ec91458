// bundle/guideline: guideline and training modules (templates/guidelines/*.xml, schema
// schemas/guideline.xsd, docs/GUIDELINES.md) — read safely, then laid out as a PDF (through
// LayoutDocument and render()) or written as one self-contained HTML page.
//
// The module names law provisions and evidence items by id only; the caller (service/guidelines)
// looks them up and hands in what may be printed: the law's own text, and case studies already
// anonymised. Like the rest of the module, every string handed in is printed as given, under the
// `forbidden_strings` guard.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bundle/bundle.h"
#include "core/error.h"
#include "core/model.h"

namespace berkas::bundle {

// A CSV data file (statistics), read from the module's folder.
struct DataTable {
  std::string path;                           // as written in the module (relative)
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> values;                 // the second column as numbers (for the chart)
};

enum class PartKind { objectives, paragraph, note, checklist, exercise, law_excerpt, case_study, statistics };

struct Question {
  std::string question;
  std::string key;  // the answer key: printed only in the answer-key edition
};

struct Part {
  PartKind kind = PartKind::paragraph;
  int line = 0;                      // in the module file
  std::string text;                  // paragraph, note; exercise: instructions
  std::string note_kind;             // note: "penting", "tips" or ""
  std::string title;                 // exercise, case study, statistics
  std::vector<std::string> items;    // objectives, checklist
  std::vector<Question> questions;   // exercise
  std::string ref;                   // law excerpt: provision id; case study: item id
  bool fictional = false;            // case study / statistics marked fiktif="ya"
  bool chart = true, table = true;   // statistics: what to draw
  std::string source;                // statistics: sumber
  DataTable data;                    // statistics
};

struct Chapter {
  std::string title;
  int line = 0;
  std::vector<Part> parts;
};

struct GuidelineModule {
  std::string path;          // the module file
  std::string id, version;
  core::Date date;           // the module's date: law read as of it, the documents dated by it
  std::string title, subtitle, audience, institution, language;
  std::vector<std::string> authors;
  std::vector<std::string> intro;
  std::vector<Chapter> chapters;
  std::vector<std::string> references;
};

// Reads a module: bounded size (1 MiB), no DOCTYPE/entities/network, validated against
// `schema_path`; every statistics file read from the module's folder (a relative path without
// "..", not leaving the folder through a symlink; at most 64 KiB, 200 rows, 12 columns; the
// second column numeric where a chart is asked for). Errors: invalid_input with file and line
// (the module's, or the CSV's); io if unreadable. Thread-safe.
core::Result<GuidelineModule> load_guideline(const std::string& path, const std::string& schema_path);

// A law excerpt as the store has it (never retyped).
struct LawExcerpt {
  std::string id;
  std::string label;            // "Pasal 48 UU 21/2007"
  std::string text;             // the provision's text
  std::string status;           // "berlaku", "belum berlaku", "dicabut" as of `as_of`
  core::Date as_of;
  std::string successor_label;  // when revoked: what replaced it
  std::string status_note;
};

// A case study already anonymised by the caller.
struct CaseStudy {
  std::string id;
  std::string title;
  std::string kind_label;       // "Keterangan Saksi (BAP)"
  std::string period;           // month and year only: "April 2024"
  std::string place;            // generalised: "sebuah kota di Kamboja"
  std::string summary;
  std::vector<core::QaPair> qa;
  std::vector<core::Section> sections;
  bool fictional = false;
};

struct GuidelineData {
  std::map<std::string, LawExcerpt> excerpts;     // by provision id
  std::map<std::string, CaseStudy> case_studies;  // by item id
  std::vector<std::string> forbidden_strings;     // must appear nowhere (real names)
  std::string creator;                            // who made it (document info)
};

// The participants' edition (no answer anywhere) or the answer key as its own document.
enum class Edition { participant, answer_key };

// The module as a layout document: cover (title, subtitle, audience, authors, institution, date,
// version, a FIKTIF note when a case study is fictional), table of contents, chapters with their
// parts, references; page numbers in the footer; bookmarks for chapters and their parts.
// not_found (with the module's file and line) when an excerpt or case study is missing from `data`.
core::Result<LayoutDocument> guideline_layout(const GuidelineModule& m, const GuidelineData& data, Edition e);

// guideline_layout() then render().
core::Result<RenderedPdf> render_guideline(const GuidelineModule& m, const GuidelineData& data, Edition e);

// The same content as HTML: an <article class="modul"> (body part), every text escaped, charts as
// inline SVG, no script and no external resource. Errors as guideline_layout; forbidden when a
// forbidden string would appear.
core::Result<std::string> guideline_html_article(const GuidelineModule& m, const GuidelineData& data, Edition e);

// A complete HTML5 page around the article (its stylesheet inline).
core::Result<std::string> guideline_html_page(const GuidelineModule& m, const GuidelineData& data, Edition e);

// The stylesheet of the article.
const std::string& guideline_css();

}  // namespace berkas::bundle
