#include "service/investigation.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/hash.h"
#include "core/model.h"
#include "core/text.h"

namespace berkas::service {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The words around [offset, offset + length) of `text`, at most about 2 × `width` bytes besides
// it, cut at blanks and UTF-8 boundaries, with "…" where cut.
std::string excerpt_of(std::string_view text, std::size_t offset, std::size_t length, std::size_t width) {
  offset = std::min(offset, text.size());
  std::size_t begin = offset > width ? offset - width : 0;
  std::size_t end = std::min(text.size(), offset + length + width);
  if (begin > 0) {
    const auto blank = text.find(' ', begin);
    if (blank != std::string_view::npos && blank < offset) begin = blank + 1;
    while (begin < offset && is_continuation(text[begin])) ++begin;
  }
  if (end < text.size()) {
    const auto blank = text.rfind(' ', end);
    if (blank != std::string_view::npos && blank > offset + length) end = blank;
    while (end > offset + length && end < text.size() && is_continuation(text[end])) --end;
  }
  std::string out = core::squeeze_space(text.substr(begin, end - begin));
  if (begin > 0) out = "… " + out;
  if (end < text.size()) out += " …";
  return out;
}

// The item as a whole, as a passage without a place in it.
Passage whole_item(const core::EvidenceItem& it) {
  Passage p;
  p.item_id = it.id;
  p.version = it.version;
  p.item_title = it.title;
  p.case_id = it.case_id;
  return p;
}

// Calls f(passage, text) for every piece of text of `it` a user would point at.
template <class F>
void for_each_passage(const core::EvidenceItem& it, F&& f) {
  const Passage base = whole_item(it);
  if (!it.summary.empty()) {
    Passage p = base;
    p.where = "ringkasan";
    f(p, it.summary);
  }
  for (const auto& qa : it.qa) {
    Passage p = base;
    p.qa = qa.number;
    p.where = "pertanyaan no. " + std::to_string(qa.number);
    f(p, qa.question);
    p.where = "jawaban no. " + std::to_string(qa.number);
    f(p, qa.answer);
  }
  for (std::size_t i = 0; i < it.sections.size(); ++i) {
    Passage p = base;
    p.where = "bagian " + std::to_string(i + 1);
    if (!it.sections[i].heading.empty()) p.where += " (" + it.sections[i].heading + ")";
    f(p, it.sections[i].text);
  }
  for (std::size_t i = 0; i < it.attachments.size(); ++i) {
    Passage p = base;
    p.where = "lampiran " + std::to_string(i + 1);
    f(p, it.attachments[i].description);
  }
  for (const auto& u : it.units) {
    Passage p = base;
    p.unit = u.number;
    p.where = core::unit_name(it.original, u);
    // A chat export names a sender by the telephone number when the contact was not saved.
    if (!u.sender.empty()) f(p, u.sender);
    f(p, u.text);
  }
}

// Two readings of one identifier: equal, or a telephone number and the e-wallet registered on it.
bool same_identifier(const extract::Identifier& found, extract::IdentifierKind kind, const std::string& value) {
  using K = extract::IdentifierKind;
  if (found.kind == kind) return found.value == value;
  auto phone_of = [](const std::string& wallet) {
    const auto colon = wallet.find(':');
    return colon == std::string::npos ? std::string() : wallet.substr(colon + 1);
  };
  if (found.kind == K::ewallet && kind == K::phone) return phone_of(found.value) == value;
  if (found.kind == K::phone && kind == K::ewallet) return phone_of(value) == found.value;
  return false;
}

// The entry's kind, value, qualifier and link key from an identifier found in the text.
void describe(IdentifierEntry& e, const extract::Identifier& id) {
  e.kind = id.kind;
  e.value = id.value;
  e.qualifier = id.qualifier;
  e.key = identifier_key(id.kind, id.value);
}

IdentifierOccurrence occurrence_of(const Passage& p, const std::string& text, const extract::Identifier& id) {
  return {p, id.offset, text.substr(id.offset, id.length), excerpt_of(text, id.offset, id.length, 90)};
}

bool is_key(std::string_view s) {
  return s.size() == 20 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string identifier_key(extract::IdentifierKind kind, const std::string& value) {
  return core::sha256_hex(std::string(extract::code_of(kind)) + '\t' + value).substr(0, 20);
}

core::Result<std::vector<IdentifierEntry>> case_identifiers(const Service& s, const Viewer& v, const std::string& case_id) {
  auto items = s.visible_items(v, case_id);
  if (!items) return tl::unexpected(items.error());
  std::map<std::pair<int, std::string>, IdentifierEntry> found;
  for (const auto& it : *items)
    for_each_passage(it, [&](const Passage& p, const std::string& text) {
      for (const auto& id : extract::find_identifiers(text)) {
        auto& e = found[{static_cast<int>(id.kind), id.value}];
        if (e.occurrences.empty()) describe(e, id);
        e.occurrences.push_back(occurrence_of(p, text, id));
      }
    });
  if (found.empty()) return std::vector<IdentifierEntry>{};
  // Where else: the visible items of the other cases, for the identifiers of this one.
  std::map<std::pair<int, std::string>, std::set<std::string>> cases;
  for (const auto& [k, e] : found) cases[k].insert(case_id);
  auto everywhere = s.visible_items(v);
  if (!everywhere) return tl::unexpected(everywhere.error());
  for (const auto& it : *everywhere) {
    if (it.case_id == case_id) continue;  // read above
    for_each_passage(it, [&](const Passage&, const std::string& text) {
      for (const auto& id : extract::find_identifiers(text)) {
        const std::pair<int, std::string> k{static_cast<int>(id.kind), id.value};
        if (found.count(k)) cases[k].insert(it.case_id);
      }
    });
  }
  std::vector<IdentifierEntry> out;
  for (auto& [k, e] : found) {
    const auto& c = cases[k];
    e.cases.assign(c.begin(), c.end());
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const IdentifierEntry& a, const IdentifierEntry& b) {
    return std::make_tuple(static_cast<int>(a.kind), -static_cast<long>(a.occurrences.size()), a.value) <
           std::make_tuple(static_cast<int>(b.kind), -static_cast<long>(b.occurrences.size()), b.value);
  });
  return out;
}

core::Result<IdentifierEntry> identifier_occurrences(const Service& s, const Viewer& v, std::string_view typed) {
  const std::string t = core::squeeze_space(typed.substr(0, std::min<std::size_t>(typed.size(), 256)));
  std::optional<extract::Identifier> wanted;
  const bool by_key = is_key(t);
  if (!by_key) {
    wanted = extract::parse_identifier(t);
    if (!wanted)
      return core::fail(core::ErrorCode::invalid_input,
                        "bukan nomor telepon, rekening, dompet elektronik, e-mail, domain, akun, paspor, NIK, alamat "
                        "kripto, pelat atau nomor penerbangan yang dikenali / not an identifier Berkas recognises");
  }
  auto items = s.visible_items(v);
  if (!items) return tl::unexpected(items.error());
  IdentifierEntry e;
  if (wanted) describe(e, *wanted);
  std::set<std::string> cases;
  for (const auto& it : *items)
    for_each_passage(it, [&](const Passage& p, const std::string& text) {
      for (const auto& id : extract::find_identifiers(text)) {
        bool match;
        if (by_key) {
          match = identifier_key(id.kind, id.value) == t;
          if (match && e.key.empty()) describe(e, id);
        } else {
          match = same_identifier(id, e.kind, e.value);
        }
        if (!match) continue;
        if (e.qualifier.empty()) e.qualifier = id.qualifier;
        e.occurrences.push_back(occurrence_of(p, text, id));
        cases.insert(it.case_id);
      }
    });
  if (by_key && e.key.empty())
    return core::fail(core::ErrorCode::not_found, "identitas tidak ditemukan / identifier not found");
  e.cases.assign(cases.begin(), cases.end());
  return e;
}

std::string identifiers_csv(const std::vector<IdentifierEntry>& entries) {
  std::string out = "jenis,nilai,keterangan,perkara,item,versi,tempat,tertulis,kutipan\r\n";
  for (const auto& e : entries)
    for (const auto& o : e.occurrences) {
      for (const std::string& cell : {std::string(extract::code_of(e.kind)), e.value, e.qualifier, o.at.case_id,
                                      o.at.item_id, std::to_string(o.at.version), o.at.where, o.written})
        out += core::csv_field(cell) + ",";
      out += core::csv_field(o.excerpt) + "\r\n";
    }
  return out;
}

// ---------------------------------------------------------------- timeline

const char* code_of(EventSource s) {
  switch (s) {
    case EventSource::text: return "teks";
    case EventSource::message: return "pesan";
    case EventSource::document: return "dokumen";
    case EventSource::photo: return "foto";
  }
  return "teks";
}

const char* label_of(EventSource s) {
  switch (s) {
    case EventSource::text: return "tertulis dalam teks / written in the text";
    case EventSource::message: return "waktu pesan / message time";
    case EventSource::document: return "tanggal dokumen / document date";
    case EventSource::photo: return "waktu foto diambil / photo taken";
  }
  return "";
}

core::Result<std::vector<TimelineEvent>> case_timeline(const Service& s, const Viewer& v, const std::string& case_id) {
  auto items = s.visible_items(v, case_id);
  if (!items) return tl::unexpected(items.error());
  std::vector<TimelineEvent> out;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> seen;  // date, time, item, where
  auto add = [&](TimelineEvent e) {
    if (seen.insert({e.date, e.time, e.at.item_id, e.at.where}).second) out.push_back(std::move(e));
  };
  for (const auto& it : *items) {
    const Passage whole = whole_item(it);
    if (auto d = extract::parse_date(it.date); d && !it.date.empty()) {
      TimelineEvent e;
      e.date = d->date;
      e.precision = d->precision;
      e.source = EventSource::document;
      e.at = whole;
      e.excerpt = it.title;
      add(std::move(e));
    }
    auto m = std::find_if(it.original.metadata.begin(), it.original.metadata.end(),
                          [](const auto& kv) { return kv.first == "exif.datetime"; });
    if (m != it.original.metadata.end() && m->second.size() >= 16) {
      TimelineEvent e;
      e.date = m->second.substr(0, 10);
      e.time = m->second.substr(11, 5);
      e.source = EventSource::photo;
      e.at = whole;
      e.excerpt = it.title;
      add(std::move(e));
    }
    for (const auto& u : it.units) {
      if (u.time.size() < 10) continue;
      TimelineEvent e;
      e.date = u.time.substr(0, 10);
      if (u.time.size() >= 16) e.time = u.time.substr(11, 5);
      e.source = EventSource::message;
      e.at = whole;
      e.at.unit = u.number;
      e.at.where = core::unit_name(it.original, u);
      e.excerpt = excerpt_of(u.sender.empty() ? u.text : u.sender + ": " + u.text, 0, 0, 220);
      add(std::move(e));
    }
    for_each_passage(it, [&](const Passage& p, const std::string& text) {
      for (const auto& d : extract::find_dates(text)) {
        TimelineEvent e;
        e.date = d.date;
        e.precision = d.precision;
        e.time = d.time;
        e.source = EventSource::text;
        e.at = p;
        e.excerpt = excerpt_of(text, d.offset, d.length, 110);
        add(std::move(e));
      }
    });
  }
  std::stable_sort(out.begin(), out.end(), [](const TimelineEvent& a, const TimelineEvent& b) {
    return std::tie(a.date, a.time, a.at.item_id, a.at.where) < std::tie(b.date, b.time, b.at.item_id, b.at.where);
  });
  return out;
}

namespace {

// At most `n` bytes of `s`, cut at a UTF-8 boundary, with "…" when cut.
std::string clip(const std::string& s, std::size_t n) {
  const std::string_view kept = core::utf8_prefix(s, n);
  return kept.size() == s.size() ? s : std::string(kept) + "…";
}

}  // namespace

std::string timeline_svg(const std::vector<TimelineEvent>& events, const std::string& lang) {
  const bool en = lang == "en";
  constexpr std::size_t k_max = 400;
  const std::size_t shown = std::min(events.size(), k_max);
  const int row = 34, head = 16, width = 900, axis = 132;
  const int height = head + static_cast<int>(shown) * row + (events.size() > shown ? 30 : 10);
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"timeline\" width=\"" +
                  std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
                  std::to_string(width) + " " + std::to_string(height) +
                  "\" font-family=\"sans-serif\" font-size=\"12\">\n<title>" +
                  core::escape_html(en ? "Case timeline" : "Kronologi perkara") + "</title>\n";
  s += "<line x1=\"" + std::to_string(axis) + "\" y1=\"" + std::to_string(head - 8) + "\" x2=\"" + std::to_string(axis) +
       "\" y2=\"" + std::to_string(head + static_cast<int>(shown) * row) + "\" stroke=\"#888\" stroke-width=\"2\"/>\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& e = events[i];
    const int y = head + static_cast<int>(i) * row + 10;
    const std::string ys = std::to_string(y);
    const char* colour = e.source == EventSource::text      ? "#1f5fa8"
                         : e.source == EventSource::message ? "#2e7d32"
                         : e.source == EventSource::photo   ? "#8e44ad"
                                                             : "#b36b00";
    if (e.precision == extract::DatePrecision::day)
      s += "<circle cx=\"" + std::to_string(axis) + "\" cy=\"" + ys + "\" r=\"6\" fill=\"" + colour + "\"/>\n";
    else
      s += "<rect x=\"" + std::to_string(axis - 6) + "\" y=\"" + std::to_string(y - 6) +
           "\" width=\"12\" height=\"12\" fill=\"white\" stroke=\"" + colour + "\" stroke-width=\"2\"/>\n";
    s += "<text x=\"" + std::to_string(axis - 12) + "\" y=\"" + std::to_string(y + 4) + "\" text-anchor=\"end\">" +
         core::escape_html(e.date + (e.time.empty() ? "" : " " + e.time)) + "</text>\n";
    const std::string where = e.at.item_id + (e.at.where.empty() ? "" : ", " + e.at.where);
    s += "<text x=\"" + std::to_string(axis + 14) + "\" y=\"" + std::to_string(y) + "\" fill=\"" + colour +
         "\" font-size=\"11\">" + core::escape_html(std::string(code_of(e.source)) + " · " + clip(where, 110)) +
         "</text>\n<text x=\"" + std::to_string(axis + 14) + "\" y=\"" + std::to_string(y + 14) + "\">" +
         core::escape_html(clip(e.excerpt, 120)) + "</text>\n";
  }
  if (events.size() > shown)
    s += "<text x=\"" + std::to_string(axis + 14) + "\" y=\"" + std::to_string(height - 8) + "\">" +
         core::escape_html("… " + std::to_string(events.size() - shown) +
                           (en ? " more events in the table" : " peristiwa lain ada di tabel")) +
         "</text>\n";
  s += "</svg>\n";
  return s;
}

}  // namespace berkas::service
