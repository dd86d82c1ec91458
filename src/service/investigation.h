// service/investigation: tools for case work over the evidence a viewer may see — the
// identifiers written in it (phone numbers, accounts, e-wallets, handles, NIK, …) and where else
// they occur, and a case's timeline of dated events.
//
// Everything here reads items through Service::visible_items: only what the viewer may see, texts
// already redacted for the viewer. So a protected person's numbers (hidden as
// "[nomor dilindungi]") are never found for a viewer not cleared, and an identifier that occurs
// only in material the viewer may not see is not found at all — nothing tells that it exists.
//
// Identifiers and dates are read from the text when asked (extract/identifiers, extract/dates);
// nothing is stored, so they always follow the current redaction and the current readers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "extract/dates.h"
#include "extract/identifiers.h"
#include "service/access.h"
#include "service/service.h"

namespace berkas::service {

// Where in an item a passage is: a Q/A answer, a section, a page or message of a native file.
struct Passage {
  std::string item_id;
  int version = 0;
  std::string item_title;
  std::string case_id;
  std::string where;   // "jawaban no. 5", "bagian 2", "halaman 3", "pesan 12", "ringkasan"
  int qa = 0;          // Q/A number, else 0
  int unit = 0;        // page or message number, else 0
};

// One place an identifier is written.
struct IdentifierOccurrence {
  Passage at;
  std::size_t offset = 0;  // byte offset in the passage's (redacted) text
  std::string written;     // as written there
  std::string excerpt;     // the words around it (redacted text, at most ~200 bytes)
};

struct IdentifierEntry {
  extract::IdentifierKind kind = extract::IdentifierKind::phone;
  std::string value;                           // normalised (extract::Identifier::value)
  std::string qualifier;                       // bank, e-wallet, platform, region, chain
  std::string key;                             // opaque stable key for links (hash of kind and value)
  std::vector<IdentifierOccurrence> occurrences;
  std::vector<std::string> cases;              // the cases (visible to the viewer) it occurs in, sorted
};

// The stable link key of an identifier: 20 hex digits of SHA-256("kind\tvalue"). Links carry this,
// never the number (a URL ends up in logs and histories).
std::string identifier_key(extract::IdentifierKind kind, const std::string& value);

// Every identifier in `case_id`'s items visible to `v`, each with its occurrences in the case and
// the list of every visible case where it occurs (so "also in other cases" is `cases` minus this
// one). Ordered by kind, then by number of occurrences, descending. not_found for a case `v` may
// not see.
core::Result<std::vector<IdentifierEntry>> case_identifiers(const Service& s, const Viewer& v, const std::string& case_id);

// One identifier across every case `v` may see: `typed` is a value as a user writes it
// ("0857-1122-3344", "bca 1234567890", "@jay_rekrut") or a link key. invalid_input when it is no
// identifier; an entry with no occurrences when it occurs nowhere the viewer may look.
core::Result<IdentifierEntry> identifier_occurrences(const Service& s, const Viewer& v, std::string_view typed);

// CSV (RFC 4180, UTF-8, a header row) of identifiers and their occurrences, one row per
// occurrence: jenis, nilai, keterangan, perkara, item, versi, tempat, tertulis, kutipan.
std::string identifiers_csv(const std::vector<IdentifierEntry>& entries);

// ---- timeline

enum class EventSource {
  text,      // "teks": a date written in the text ("Pada 12 Februari 2024 …")
  message,   // "pesan": a chat message's time
  document,  // "dokumen": the item's own date (examination, letter)
  photo,     // "foto": a photo's capture time (EXIF)
};
const char* code_of(EventSource s);   // "teks", "pesan", "dokumen", "foto"
const char* label_of(EventSource s);  // "tertulis dalam teks / written in the text", …

struct TimelineEvent {
  std::string date;                   // ISO: "2024-02-12", "2024-02", "2024"
  extract::DatePrecision precision = extract::DatePrecision::day;
  std::string time;                   // "09:15" or empty
  EventSource source = EventSource::text;
  Passage at;
  std::string excerpt;                // the sentence around the date (redacted), at most ~240 bytes
};

// The dated events of `case_id`'s items visible to `v`, oldest first (a month or year before the
// days within it); the same date written twice in one passage counts once. Relative dates
// ("dua hari kemudian") are not resolved. not_found for a case `v` may not see.
core::Result<std::vector<TimelineEvent>> case_timeline(const Service& s, const Viewer& v, const std::string& case_id);

// The timeline drawn as a vertical SVG (no script): a line with a dot per event (a square for a
// month or year), its date and time, the source and the passage, excerpt cut to one line. At
// most 400 events are drawn (the rest are said to be left out). `lang` "en" or Indonesian.
std::string timeline_svg(const std::vector<TimelineEvent>& events, const std::string& lang);

}  // namespace berkas::service
