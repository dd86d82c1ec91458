// ingest/internal/xml_safe: the only door through which untrusted XML reaches libxml2.
// Module-private: libxml2 types may appear here, never in a public header.
//
// What it guarantees for every document it returns:
//   - no network (XML_PARSE_NONET) and no external entity (a refusing xmlExternalEntityLoader,
//     installed once for the process);
//   - no DOCTYPE at all: our formats have none, so any DOCTYPE is refused as soon as the parser
//     sees it, before an internal subset can declare entities (XXE, parameter entities,
//     billion laughs and quadratic blowup all end there);
//   - no entity substitution (no XML_PARSE_NOENT), no DTD loading or default attributes
//     (no XML_PARSE_DTDLOAD / DTDATTR), libxml2's own size limits kept (no XML_PARSE_HUGE);
//   - XInclude is never processed, and an XInclude element is refused;
//   - element nesting is bounded while parsing (the parser stops at the first element too deep),
//     no text node is longer than the limit, and no start tag has more attributes than the
//     limit (checked before parsing, in one pass).
#pragma once

#include <memory>
#include <string>

#include <libxml/tree.h>

#include "core/error.h"

namespace berkas::ingest::internal {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

struct XmlLimits {
  int max_depth = 64;
  std::size_t max_text_bytes = 16u << 20;
  // Attributes (namespace declarations included) of one start tag, counted by a linear scan
  // before libxml2 sees the bytes: its duplicate-attribute check is quadratic (100,000
  // attributes on one element took over a minute to refuse).
  int max_attributes = 64;
};

// Initialises libxml2 once for the process (parser, schema types, the refusing entity loader).
// Called by the functions below; thread-safe.
void init_libxml();

// Parses `bytes` (already checked to be UTF-8 and within the size limit) as one XML document.
// On failure: invalid_input naming `path`, the line and libxml2's (first) message, or the rule
// that was broken ("DOCTYPE/entities not allowed", "nesting deeper than 64"). The caller owns the
// document. Thread-safe: errors are collected per call, never through global state.
core::Result<XmlDocPtr> parse_untrusted(const std::string& bytes, const std::string& path,
                                        const XmlLimits& limits);

// Validates `doc` against the schema file `xsd_path` (parsed once from memory and cached for the
// life of the process; never a schema named by the document, e.g. xsi:schemaLocation).
// invalid_input with `path`, the line and the validator's message when the document does not
// conform; io when the schema file cannot be read or compiled. Thread-safe.
core::Status validate_against(xmlDoc* doc, const std::string& xsd_path, const std::string& path);

}  // namespace berkas::ingest::internal
