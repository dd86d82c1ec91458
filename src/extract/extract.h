// extract: what Berkas reads out of real evidence files — PDFs (text layer, else OCR), scans and
// photos (OCR, EXIF), Word and OpenDocument files, e-mail, WhatsApp and Telegram chat exports.
// The kind of a file is decided from its content, never its name. Every reader is bounded
// (Limits) and refuses hostile input with a clear error and no side effect: nothing here writes
// a file or keeps a temporary one.
//
// The original bytes stay the evidence; what is extracted here is derived text, kept beside the
// original per unit (a page, a message, a paragraph block) with how it was obtained, so nobody
// mistakes machine-read text for the original.
//
// Thread safety: every function is safe to call from several threads at once (no shared state).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace berkas::extract {

// What a file is, from its bytes.
enum class Format {
  unknown,
  pdf,
  png,
  jpeg,
  tiff,
  docx,
  odt,
  eml,             // an RFC 5322 message (MIME)
  whatsapp_text,   // a WhatsApp "Export chat" .txt (Android or iOS, Indonesian or English locale)
  whatsapp_zip,    // the same with its media, as a .zip
  telegram_json,   // Telegram Desktop's result.json
  telegram_zip,    // a Telegram Desktop export folder, zipped (result.json and its files)
  zip,             // any other zip archive
  berkas_xml,      // Berkas's own XML (schemas/)
  plain_text,      // UTF-8 text of no kind above (e.g. a court decision as text)
};
const char* to_string(Format f);

// How a unit's text was obtained.
enum class Method { text_layer, ocr, parsed };
const char* to_string(Method m);

// One unit of derived text: a page (PDF, scan, image), a message (chat, e-mail body), or a block
// of a document (DOCX/ODT: its paragraphs and tables, in reading order).
struct Unit {
  int number = 0;            // 1-based: page number, message number, block number
  std::string text;          // UTF-8, control characters other than \n and \t removed
  Method method = Method::parsed;
  double confidence = -1;    // OCR: the page's mean word confidence, 0..100; else -1
  // Chat messages:
  std::string time;          // ISO 8601 local time as written ("2024-02-12T09:15" or with seconds)
  std::string sender;        // as written in the export
  bool system = false;       // a system line (joined, left, encryption notice, ...)
  std::string media;         // the name of the media file a message refers to, if any
};

// A file carried inside another (an e-mail attachment, a chat's media, a zip entry).
struct Child {
  std::string name;          // as given in the container, reduced to a safe base name
  std::string media_type;    // as declared, if any
  std::string bytes;
};

struct Extracted {
  Format format = Format::unknown;
  std::vector<Unit> units;
  // Facts read from the file, e.g. "pdf.pages", "pdf.producer", "exif.datetime", "exif.camera",
  // "exif.gps", "email.from", "email.to", "email.subject", "email.date", "chat.participants".
  std::map<std::string, std::string> metadata;
  std::vector<Child> children;
};

// The bounds every reader keeps. Exceeding one is an invalid_input error saying which bound.
struct Limits {
  std::size_t max_bytes = 256u << 20;           // a file (and a child)
  int max_pages = 2000;                         // PDF pages, TIFF frames
  std::size_t max_entries = 10000;              // zip entries, MIME parts, chat messages x 10
  std::size_t max_total_inflated = 1u << 30;    // all entries of an archive together
  double max_ratio = 200;                       // inflated / compressed, per entry and overall
  std::uint64_t max_pixels = 100'000'000;       // an image, read from its header before decoding
  int ocr_page_seconds = 120;                   // a time limit per OCR page
  int ocr_threads = 0;                          // 0 = the available cores
  std::string ocr_languages = "ind+eng";        // Indonesian first
  // Told as the pages of a PDF or a (multi-page) image are read: `done` of `total` pages, text
  // layer pages counted at once, OCR pages as each finishes. One call at a time (under the
  // readers' lock), from whichever thread read the page; `done` only increases. It must be quick
  // and must not throw. Empty: nobody is told. Other formats have no pages and never call it.
  std::function<void(int done, int total)> on_page;
  // Set by another thread to stop the OCR: no further page is started, the page in hand is
  // interrupted, and the read fails with the io error "pembacaan dibatalkan / reading cancelled".
  // Null: never. The flag must outlive the call.
  const std::atomic<bool>* cancel = nullptr;
};

// The format of `bytes` (the first bytes and, for zips, the names of their entries).
Format sniff(std::string_view bytes);

// Reads any supported file by its content (sniff, then the format's reader): PDF (pdf.h), PNG,
// JPEG, TIFF (image.h), DOCX, ODT (office.h), e-mail (email.h), WhatsApp text or zip and
// Telegram JSON or zip (chat.h, zip.h), plain UTF-8 text (one unit). Berkas XML, an unknown
// format and a zip that is not a chat export are invalid_input: they are not read here.
core::Result<Extracted> read(std::string_view bytes, const Limits& limits);

}  // namespace berkas::extract
