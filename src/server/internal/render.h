// server/internal/render: page templates (kainjow mustache, HTML-escaping by default) and the
// Indonesian/English message catalogue, both read once from templates/web/ at start.
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <string>

#include "core/error.h"

namespace berkas::server::internal {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

// A string value for mustache. (A bare `const char*` would silently become a bool.)
inline Data text(const std::string& s) { return Data(s); }

class Templates {
 public:
  // Reads dir/*.html and dir/i18n/{id,en}.txt. invalid_input naming the file if a template does
  // not parse or a catalogue line is malformed; io if the folder is missing.
  static core::Result<Templates> load(const std::string& dir);

  // Renders `page` inside layout.html (the page is the layout's {{>content}} partial, so it
  // shares the layout's data). `d` gets "t" (the catalogue of `lang`) and "lang", and every
  // "_name.html" as the partial {{>_name}}. With "refresh" (seconds) the page reloads itself
  // (a meta refresh: no script). Thread-safe.
  std::string render(const std::string& page, Data d, const std::string& lang) const;

  // One message of the catalogue (the key itself if missing, so a gap shows, not a blank).
  std::string message(const std::string& lang, const std::string& key) const;

 private:
  std::map<std::string, std::string> m_pages;                            // name → template text
  std::map<std::string, std::map<std::string, std::string>> m_messages;  // lang → key → text
};

}  // namespace berkas::server::internal
