#include "bundle/internal/template.h"

#include <algorithm>
#include <set>

#include <kainjow/mustache.hpp>
#include <libxml/tree.h>

#include "bundle/internal/xml.h"
#include "core/text.h"

namespace berkas::bundle::internal {
namespace {

using core::ErrorCode;
using core::fail;

constexpr std::size_t k_max_template_bytes = 1u << 20;

const std::set<std::string>& names_for(TemplateKind kind, TextContext ctx) {
  static const std::set<std::string> document = {
      "case.id", "case.register_number", "case.title", "case.court", "case.stage",
      "case.destination_country", "case.recruitment_channel", "case.offence_date", "case.summary",
      "case.fictional", "bundle.date", "bundle.creator", "bundle.stamp_prefix", "bundle.template"};
  static const std::set<std::string> furniture = [] {
    auto s = document;
    s.insert({"page", "pages"});
    return s;
  }();
  static const std::set<std::string> item = [] {
    auto s = document;
    s.insert({"item.id", "item.title", "item.date", "item.place", "item.examiner", "item.kind",
              "item.kind_label", "item.version", "person.display_name", "person.role"});
    return s;
  }();
  // A witness file covers one person in one or more cases: case.* joins the cases' values.
  static const std::set<std::string> witness = {
      "person.id", "person.display_name", "person.role", "person.role_label", "person.fictional",
      "case.id", "case.register_number", "case.title", "case.court", "case.fictional",
      "file.date", "file.creator", "file.template", "file.fictional"};
  static const std::set<std::string> witness_furniture = [] {
    auto s = witness;
    s.insert({"page", "pages"});
    return s;
  }();
  if (kind == TemplateKind::witness_file) return ctx == TextContext::furniture ? witness_furniture : witness;
  return ctx == TextContext::furniture ? furniture : ctx == TextContext::item ? item : document;
}

// Our own pass over the tags, before kainjow sees them: only plain variables and sections over
// known names. Partials could pull in files and delimiter changes make the text hard to audit,
// so both are refused; an unknown name is almost always a typo that would print nothing.
core::Status check_tags(const TemplateText& t, TemplateKind kind, TextContext ctx, const std::string& path) {
  const auto& names = names_for(kind, ctx);
  std::size_t p = 0;
  while ((p = t.text.find("{{", p)) != std::string::npos) {
    const std::size_t e = t.text.find("}}", p + 2);
    if (e == std::string::npos) return fail(ErrorCode::invalid_input, "unclosed placeholder '{{'", path, t.line);
    std::string tag = core::squeeze_space(std::string_view(t.text).substr(p + 2, e - p - 2));
    p = e + 2;
    if (tag.empty()) return fail(ErrorCode::invalid_input, "empty placeholder {{}}", path, t.line);
    const char sigil = tag[0];
    if (sigil == '!') continue;
    if (sigil == '>' || sigil == '=' || sigil == '{')
      return fail(ErrorCode::invalid_input, "placeholder {{" + tag + "}} not allowed (partials, delimiter changes and "
                                            "triple braces are not part of the template language)", path, t.line);
    if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&') tag = core::squeeze_space(tag.substr(1));
    if (!names.count(tag))
      return fail(ErrorCode::invalid_input, "unknown placeholder {{" + tag + "}} here (see docs/TEMPLATES.md)", path,
                  t.line, tag);
  }
  return {};
}

using xml::child;
using xml::children;
using xml::is;

std::string prop(xmlNode* n, const char* name, const std::string& fallback = {}) {
  return xml::prop(n, name).value_or(fallback);
}

bool prop_bool(xmlNode* n, const char* name, bool fallback) {
  const std::string v = prop(n, name);
  if (v.empty()) return fallback;
  return v == "true" || v == "1";
}

TemplateText text_of(xmlNode* n) { return TemplateText{xml::content(n), xml::line_of(n)}; }

TemplateText attr_text(xmlNode* n, const char* name, const std::string& fallback = {}) {
  return TemplateText{core::squeeze_space(prop(n, name, fallback)), xml::line_of(n)};
}

core::Result<Template> read_tree(xmlDoc* doc, const std::string& path) {
  Template t;
  t.path = path;
  xmlNode* root = xmlDocGetRootElement(doc);
  t.kind = is(root, "witness-file-template") ? TemplateKind::witness_file : TemplateKind::court_bundle;
  t.name = prop(root, "name");
  xmlNode* meta = child(root, "metadata");
  t.title = text_of(child(meta, "title"));
  if (xmlNode* s = child(meta, "subject")) t.subject = text_of(s);
  if (xmlNode* k = child(meta, "keywords")) t.keywords = text_of(k);
  xmlNode* fu = child(root, "furniture");
  t.first_page_furniture = prop_bool(fu, "first-page", false);
  if (xmlNode* h = child(fu, "header")) t.header = text_of(h);
  if (xmlNode* f = child(fu, "footer")) t.footer = text_of(f);
  if (xmlNode* s = child(fu, "stamp")) {
    t.has_stamp = true;
    t.stamp_prefix = attr_text(s, "prefix");
    t.stamp_digits = std::stoi(prop(s, "digits", "6"));
    const std::string pos = prop(s, "position", "bottom-right");
    t.stamp_position = pos == "bottom-left" ? StampPosition::bottom_left
                       : pos == "top-right" ? StampPosition::top_right
                                            : StampPosition::bottom_right;
  }
  for (xmlNode* s : children(child(root, "sections"))) {
    SectionSpec sec;
    const std::string kind(reinterpret_cast<const char*>(s->name));
    static const std::map<std::string, SectionType> k_types = {
        {"cover", SectionType::cover},           {"index", SectionType::index},
        {"charges", SectionType::charges},       {"items", SectionType::items},
        {"precedents", SectionType::precedents}, {"manifest", SectionType::manifest},
        {"identity", SectionType::identity},     {"statements", SectionType::statements},
        {"expert", SectionType::expert},         {"documents", SectionType::documents},
        {"protection", SectionType::protection}, {"restitution", SectionType::restitution},
        {"checklist", SectionType::checklist}};
    // The schema admits only these names.
    const auto type = k_types.find(kind);
    sec.type = type == k_types.end() ? SectionType::manifest : type->second;
    sec.id = prop(s, "id");
    sec.title = attr_text(s, "title");
    sec.new_page = prop_bool(s, "new-page", true);
    sec.in_index = prop_bool(s, "in-index", true);
    for (xmlNode* c : children(s)) {
      if (is(c, "intro")) sec.intro.push_back(text_of(c));
      if (is(c, "line")) sec.lines.push_back(CoverLine{prop(c, "style", "normal"), text_of(c)});
    }
    sec.penjelasan = prop_bool(s, "penjelasan", false);
    sec.full_text = prop_bool(s, "full-text", false);
    sec.item_new_page = prop_bool(s, "item-new-page", true);
    sec.superseded_full = prop(s, "superseded", "full") != "summary";
    sec.item_heading = attr_text(s, "item-heading", "{{item.title}}");
    for (const auto& k : core::split(core::squeeze_space(prop(s, "kinds")), ' '))
      if (!k.empty()) sec.kinds.push_back(k);
    for (const auto& r : core::split(core::squeeze_space(prop(s, "roles")), ' '))
      if (!r.empty()) sec.roles.push_back(r);
    t.sections.push_back(std::move(sec));
  }

  // Placeholders: known names only, and valid mustache.
  std::vector<std::pair<const TemplateText*, TextContext>> texts = {
      {&t.title, TextContext::document}, {&t.subject, TextContext::document}, {&t.keywords, TextContext::document},
      {&t.header, TextContext::furniture}, {&t.footer, TextContext::furniture}, {&t.stamp_prefix, TextContext::document}};
  for (const auto& s : t.sections) {
    texts.emplace_back(&s.title, TextContext::document);
    for (const auto& i : s.intro) texts.emplace_back(&i, TextContext::document);
    for (const auto& l : s.lines) texts.emplace_back(&l.text, TextContext::document);
    if (s.type == SectionType::items) texts.emplace_back(&s.item_heading, TextContext::item);
  }
  for (const auto& [text, ctx] : texts) {
    if (auto st = check_tags(*text, t.kind, ctx, path); !st) return tl::unexpected(st.error());
    if (auto filled = fill(*text, {}, path); !filled) return tl::unexpected(filled.error());
  }
  return t;
}

}  // namespace

core::Result<Template> load_template(const std::string& path, const std::string& schema_path) {
  auto doc = xml::read_validated(path, schema_path, k_max_template_bytes, {"template", "templat"});
  if (!doc) return tl::unexpected(doc.error());
  return read_tree(doc->get(), path);
}

core::Result<std::string> fill(const TemplateText& t, const Values& values, const std::string& path) {
  using kainjow::mustache::data;
  using kainjow::mustache::mustache;
  if (t.text.find("{{") == std::string::npos) return t.text;
  mustache m{t.text};
  if (!m.is_valid()) return fail(ErrorCode::invalid_input, "placeholder syntax: " + m.error_message(), path, t.line);
  m.set_custom_escape([](const std::string& s) { return s; });
  data root{data::type::object};
  std::map<std::string, data> groups;
  for (const auto& [key, value] : values) {
    const auto dot = key.find('.');
    data v = value.empty() ? data{data::type::bool_false} : data{value};
    if (dot == std::string::npos) {
      root.set(key, v);
      continue;
    }
    auto [it, fresh] = groups.try_emplace(key.substr(0, dot), data{data::type::object});
    it->second.set(key.substr(dot + 1), v);
  }
  for (auto& [k, v] : groups) root.set(k, v);
  std::string out = m.render(root);
  if (!m.is_valid()) return fail(ErrorCode::invalid_input, "placeholder syntax: " + m.error_message(), path, t.line);
  return core::squeeze_space(out);
}

std::string clean_value(std::string_view s) {
  std::string out;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\n') out += c;
  return out;
}

}  // namespace berkas::bundle::internal
