// extract/internal/markup: the module's one door to libxml2 (the XML parts of DOCX and ODT files)
// and the cleaning every unit's text goes through. Module-private: libxml2 types may appear here,
// never in a public header.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <libxml/tree.h>

#include "core/error.h"

namespace berkas::extract::internal {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Element nesting a document part may have. Word and LibreOffice stay far below (a table in a
// table in a list is some 20 levels); the tree walks of this module recurse at most this deep.
constexpr int k_max_xml_depth = 256;
// Attributes (namespace declarations included) of one start tag: Word's root element declares
// some 40 namespaces. Counted in one linear pass before libxml2's quadratic duplicate check runs.
constexpr int k_max_xml_attributes = 256;

// Parses `bytes` (at most `max_bytes`) as one untrusted XML part of a container (`part` names it
// in messages, e.g. "word/document.xml"):
//   - no network (XML_PARSE_NONET), no DTD loading, no entity substitution (no XML_PARSE_NOENT),
//     libxml2's own size limits kept (no XML_PARSE_HUGE: a text node of more than 10 MB is an
//     error);
//   - a DOCTYPE or entity declaration is refused as soon as the parser meets it, before an
//     internal subset can declare anything (billion laughs, XXE and quadratic blowup end there);
//   - elements nested deeper than k_max_xml_depth stop the parser at the first one too deep;
//   - a start tag with more than k_max_xml_attributes attributes is refused before parsing.
// invalid_input (Indonesian, then English; Error::file = part, Error::line where known) on any
// refusal or parse error, or a document without a root element. Thread-safe: per-call state only.
core::Result<XmlDocPtr> parse_xml_part(std::string_view bytes, const std::string& part, std::size_t max_bytes);

// Text fit for a Unit: derived_text.h's clean_text (valid UTF-8, line ends as \n, control
// characters removed), then trailing spaces of lines and blank lines at both ends trimmed.
std::string clean_block(std::string_view s);

// A short metadata value: clean_block on one line (runs of white space as one space), cut to at
// most `max` bytes on a character boundary.
std::string clean_value(std::string_view s, std::size_t max = 1000);

// The concatenated text content of `n` (libxml2's xmlNodeGetContent), "" for null.
std::string node_text(const xmlNode* n);

// True if `n` is an element named `local` in the namespace `ns`.
bool is_element(const xmlNode* n, const char* ns, const char* local);

// The attribute `local` in namespace `ns` of element `n`, "" if absent.
std::string attribute(const xmlNode* n, const char* ns, const char* local);

}  // namespace berkas::extract::internal
