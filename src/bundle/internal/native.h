// bundle/internal/native: how a native evidence item (EvidenceItem::original: a PDF, a scan or
// photo, a chat or e-mail, a Word/ODT/text file) is laid out in a bundle, as blocks.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "bundle/bundle.h"

namespace berkas::bundle::internal {

// What a native original becomes in a bundle.
enum class NativeShape {
  none,        // not a native item (Berkas XML): laid out from its fields
  pdf,         // its own pages merged as the exhibit
  image,       // the photo or scan on a page of its own
  transcript,  // a chat export or e-mail: time, sender, message
  document,    // DOCX, ODT, plain text: its extracted text
};
NativeShape shape_of(const core::OriginalInfo& original);

// True for the media types merged as image exhibits: "image/png", "image/jpeg", "image/tiff".
bool is_image_media(const std::string& media_type);

// What the original was and how its text was obtained, Indonesian then English:
// "asli: PDF; teks: lapisan teks PDF / PDF text layer (hlm. 1–2), OCR (hlm. 3)". Empty for a
// non-native item.
std::string text_origin(const core::EvidenceItem& it);

// The header lines a native item adds to its key-value block: the original's name and type, its
// SHA-256, how its text was obtained.
std::vector<std::pair<std::string, std::string>> original_pairs(const core::EvidenceItem& it);

// True when the original (`bytes`: the file) shows any of `names`: a PDF's pages (as
// exhibit_shows_any), an image's bytes, and the item's derived text and metadata — a scanned
// page or a photo has no text layer, its OCR text is what tells. Thread-safe.
bool original_shows_any(const core::EvidenceItem& it, const std::string& bytes, const std::vector<std::string>& names);

// The page that stands in for a withheld exhibit: an anchor `title` (level 3) and a note that
// repeats the title, says why (Indonesian, English) and gives its SHA-256.
std::vector<Block> withheld_blocks(const std::string& title, const std::string& anchor, const std::string& sha256);

// An image exhibit: `bytes` on a page of its own under `caption`, `facts` printed below it,
// `ocr` laid invisibly over it.
Block image_block(std::string caption, std::string anchor, std::string bytes,
                  std::vector<std::pair<std::string, std::string>> facts, std::string ocr);

// The body of a native item after its header: for a PDF, its pages (`bytes`) with each OCR'd
// page's text laid invisibly over it; for a photo, the picture with its EXIF facts; for a chat or
// e-mail, the transcript; for a document, its text under a line that says it was extracted.
// `bytes` may be empty for a transcript or document. The derived text given is printed as is
// (the caller redacted it).
std::vector<Block> native_body(const core::EvidenceItem& it, const std::string& anchor, const std::string& bytes);

}  // namespace berkas::bundle::internal
