// bundle/internal/template: reading a bundle template (templates/*.xml) — safe XML parse, schema
// validation, placeholder checks — and filling its texts with mustache. libxml2 and kainjow stay
// inside this header's implementation.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/bundle.h"
#include "core/error.h"

namespace berkas::bundle::internal {

// A template text with where it came from, for error messages.
struct TemplateText {
  std::string text;
  int line = 0;
};

// Court bundles: cover index charges items precedents manifest. Witness files (root
// <witness-file-template>): cover index identity statements expert documents protection
// restitution checklist.
enum class SectionType {
  cover, index, charges, items, precedents, manifest,
  identity, statements, expert, documents, protection, restitution, checklist,
};

// Which document a template makes (its root element); decides the placeholders it may use.
enum class TemplateKind { court_bundle, witness_file };

struct CoverLine {
  std::string style;  // title, subtitle, normal, note
  TemplateText text;
};

struct SectionSpec {
  SectionType type = SectionType::items;
  std::string id;
  TemplateText title;
  bool new_page = true;
  bool in_index = true;
  std::vector<TemplateText> intro;
  std::vector<CoverLine> lines;          // cover
  bool penjelasan = false;               // charges
  std::vector<std::string> kinds;        // items: evidence codes
  std::vector<std::string> roles;        // items: person roles ("saksi-korban"); empty = any
  TemplateText item_heading;             // items
  bool item_new_page = true;             // items
  bool full_text = false;                // precedents
  bool superseded_full = true;           // statements: superseded versions with their Q/A (else summary only)
};

struct Template {
  std::string path;
  TemplateKind kind = TemplateKind::court_bundle;
  std::string name;
  TemplateText title, subject, keywords;
  TemplateText header, footer, stamp_prefix;
  bool has_stamp = false;
  int stamp_digits = 6;
  StampPosition stamp_position = StampPosition::bottom_right;
  bool first_page_furniture = false;
  std::vector<SectionSpec> sections;
};

// Where a placeholder is used decides which names it may use.
enum class TextContext { document, furniture, item };

// Reads, validates and checks a template (see check_template in bundle.h for the errors).
core::Result<Template> load_template(const std::string& path, const std::string& schema_path);

// Flat placeholder values: "case.register_number" → "PDM-...". A name whose value is "" counts as
// false in {{#name}} sections; any other value as true.
using Values = std::map<std::string, std::string>;

// Fills `t` with `values`. No escaping is applied (the output is PDF text, not HTML) and values
// are never re-read as template syntax. invalid_input with the template's file and line if the
// text is not valid mustache.
core::Result<std::string> fill(const TemplateText& t, const Values& values, const std::string& path);

// A value as placeholders and document fields take it: control characters dropped (they are how
// the page markers travel), line breaks kept.
std::string clean_value(std::string_view s);

}  // namespace berkas::bundle::internal
