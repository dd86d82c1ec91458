#include "server/internal/render.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace fs = std::filesystem;

namespace berkas::server::internal {

namespace {

core::Result<std::string> read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return core::fail(core::ErrorCode::io, "cannot read", p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

core::Result<Templates> Templates::load(const std::string& dir) {
  Templates t;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return core::fail(core::ErrorCode::io, "templates folder missing", dir);
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file() || e.path().extension() != ".html") continue;
    auto text = read(e.path());
    if (!text) return tl::unexpected(text.error());
    kainjow::mustache::mustache check(*text);
    if (!check.is_valid())
      return core::fail(core::ErrorCode::invalid_input, "template: " + check.error_message(), e.path().string());
    t.m_pages[e.path().stem().string()] = *text;
  }
  if (!t.m_pages.count("layout")) return core::fail(core::ErrorCode::io, "layout.html missing", dir);
  for (const char* lang : {"id", "en"}) {
    const auto path = fs::path(dir) / "i18n" / (std::string(lang) + ".txt");
    auto text = read(path);
    if (!text) return tl::unexpected(text.error());
    auto& cat = t.m_messages[lang];
    int line_no = 0;
    for (const auto& line : core::split(*text, '\n')) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      auto eq = line.find('=');
      if (eq == std::string::npos)
        return core::fail(core::ErrorCode::invalid_input, "expected 'key = text'", path.string(), line_no);
      cat[core::squeeze_space(line.substr(0, eq))] = core::squeeze_space(line.substr(eq + 1));
    }
  }
  return t;
}

std::string Templates::message(const std::string& lang, const std::string& key) const {
  auto l = m_messages.find(lang);
  if (l == m_messages.end()) l = m_messages.find("id");
  if (l == m_messages.end()) return key;
  auto it = l->second.find(key);
  return it == l->second.end() ? key : it->second;
}

std::string Templates::render(const std::string& page, Data d, const std::string& lang) const {
  Data t;
  if (auto l = m_messages.find(lang); l != m_messages.end())
    for (const auto& [k, v] : l->second) t.set(k, text(v));
  d.set("t", t);
  d.set("lang", text(lang));
  d.set(lang == "en" ? "lang_en" : "lang_id", Data(true));
  auto it = m_pages.find(page);
  const std::string body = it == m_pages.end() ? std::string() : it->second;
  // The page is a partial of the layout: one render, one escaping rule, no pre-rendered HTML
  // spliced in unescaped.
  d.set("content", Data(kainjow::mustache::partial([body]() { return body; })));
  // Templates named "_*.html" are pieces any page may include ({{>_report}}).
  for (const auto& [name, text] : m_pages)
    if (!name.empty() && name[0] == '_') d.set(name, Data(kainjow::mustache::partial([text]() { return text; })));
  kainjow::mustache::mustache layout(m_pages.at("layout"));
  return layout.render(d);
}

}  // namespace berkas::server::internal
