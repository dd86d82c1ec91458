// bundle/internal/exhibit: looks inside an exhibit PDF for protected names before it is merged.
#pragma once

#include <string>
#include <vector>

namespace berkas::bundle::internal {

// True when the exhibit `pdf` shows any of `names`: searched in the file's bytes, in every
// stream decompressed, and in the text its content streams draw (string operands of Tj, TJ, ' and
// ", joined so that kerned pieces "(Ri)-20(na)" read as one word). A name matches as a whole
// (case-insensitive on ASCII, white space and punctuation ignored), by two consecutive words of
// it, or by one word of it (3+ letters, not a particle such as bin/binti) written as a name
// ("Rina"; an all-capitals label such as "FIKTIF" alone does not count). Text drawn through
// fonts without a readable encoding (glyph ids, CID fonts) is not decoded: see docs/TEMPLATES.md.
// A PDF PoDoFo cannot read gives false (render reports it). Thread-safe.
bool exhibit_shows_any(const std::string& pdf, const std::vector<std::string>& names);

// True when plain `text` (an OCR'd page, a photo's EXIF fact, an image file's bytes) shows any of
// `names`, by the same rules. Thread-safe.
bool text_shows_any(const std::string& text, const std::vector<std::string>& names);

}  // namespace berkas::bundle::internal
