// extract/internal/derived_text: the shape every unit's text takes — valid UTF-8 without control
// characters other than '\n' and '\t' — and HTML turned into such text. Module-private.
//
// Thread safety: both functions are safe to call from several threads at once (html_to_text
// initialises libxml2 once, with std::call_once, and parses with its own context).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"

namespace berkas::extract::internal {

// `s` as derived text: every byte that does not start a valid UTF-8 sequence (overlong forms and
// surrogates included) becomes U+FFFD, "\r\n" and a lone '\r' become '\n', and the control
// characters (C0 other than '\n' and '\t', DEL, C1 U+0080..U+009F) are removed.
std::string clean_text(std::string_view s);

// The same for one line (a header value, a file name): '\n' and '\t' become spaces too, runs of
// spaces become one, and the ends are trimmed.
std::string clean_line(std::string_view s);

// The text of an HTML document or fragment given in UTF-8 (any encoding it declares inside is
// ignored): tags removed, entities decoded, script, style and head content dropped, white space
// collapsed as a browser would (kept inside <pre>), a line break for <br>, list items, rows and
// divisions, a blank line around paragraphs, headings, tables, lists and quotes, a tab between
// table cells. Parsed with libxml2's HTML parser as SAX (no tree, no network, no error output).
// Errors: invalid_input when the text would exceed `max_bytes` ("… / …", Indonesian first).
core::Result<std::string> html_to_text(std::string_view html, std::size_t max_bytes);

}  // namespace berkas::extract::internal
