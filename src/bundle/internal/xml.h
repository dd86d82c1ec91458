// bundle/internal/xml: the safe reading of the bundle module's own XML documents (bundle and
// witness-file templates, guideline modules) — bounded read, no DOCTYPE or entities, no network,
// schema validation with the line of the first error — and the few node helpers their readers
// share. libxml2 types appear only in this internal header.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <libxml/tree.h>

#include "core/error.h"

namespace berkas::bundle::internal::xml {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// The bytes of `path`, or nullopt when it cannot be read; `too_big` is set (and nothing is
// returned) when the file holds more than `limit` bytes. Never reads past limit + one buffer.
std::optional<std::string> read_file(const std::string& path, std::size_t limit, bool& too_big);

// What a document is called in messages: {"template", "templat"}, {"module", "modul"}.
struct Noun {
  const char* en;
  const char* id;
};

// Reads `path` (at most `max_bytes`), refuses a DOCTYPE or ENTITY declaration before parsing
// (with its line), parses without network access and validates against the XSD at
// `schema_path`. Errors: io (unreadable file or schema, schema that does not compile),
// invalid_input with the file and line (too large, DOCTYPE, not well-formed, not valid).
// Thread-safe (libxml2 is initialised once).
core::Result<DocPtr> read_validated(const std::string& path, const std::string& schema_path, std::size_t max_bytes,
                                    Noun noun);

bool is(const xmlNode* n, const char* name);
std::vector<xmlNode*> children(xmlNode* n);        // element children; none for a null node
xmlNode* child(xmlNode* n, const char* name);      // first element child so named, or null
std::optional<std::string> prop(xmlNode* n, const char* name);  // the attribute as written
std::string content(xmlNode* n);                   // the text content, white space squeezed
int line_of(const xmlNode* n);

}  // namespace berkas::bundle::internal::xml
