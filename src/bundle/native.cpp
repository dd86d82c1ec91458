// Native evidence in bundles: a PDF's own pages, a photo, a chat transcript, a document's text
// (internal/native.h). Only blocks are made here; render() draws them.

#include "bundle/internal/native.h"

#include <map>

#include "bundle/internal/exhibit.h"

namespace berkas::bundle::internal {

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string format_label(const std::string& f) {
  static const std::map<std::string, std::string> k_labels = {
      {"pdf", "PDF"},
      {"png", "gambar PNG / PNG image"},
      {"jpeg", "foto JPEG / JPEG photo"},
      {"tiff", "pindaian TIFF / TIFF scan"},
      {"docx", "Word (DOCX)"},
      {"odt", "OpenDocument (ODT)"},
      {"text", "teks / plain text"},
      {"eml", "e-mail (EML)"},
      {"whatsapp-text", "ekspor WhatsApp (teks) / WhatsApp export (text)"},
      {"whatsapp-zip", "ekspor WhatsApp (zip) / WhatsApp export (zip)"},
      {"telegram-json", "ekspor Telegram (JSON) / Telegram export (JSON)"},
      {"telegram-zip", "ekspor Telegram (zip) / Telegram export (zip)"},
  };
  auto it = k_labels.find(f);
  return it == k_labels.end() ? f : it->second;
}

std::string method_short(const std::string& m) {
  if (m == "ocr") return "OCR";
  if (m == "text-layer") return "lapisan teks PDF / PDF text layer";
  return "diurai dari berkas / parsed from the file";
}

// "1–3, 5": the numbers, runs joined.
std::string ranges(const std::vector<int>& n) {
  std::string out;
  for (std::size_t i = 0; i < n.size();) {
    std::size_t j = i;
    while (j + 1 < n.size() && n[j + 1] == n[j] + 1) ++j;
    out += (out.empty() ? "" : ", ") + std::to_string(n[i]);
    if (j > i) out += "\u2013" + std::to_string(n[j]);
    i = j + 1;
  }
  return out;
}

std::string unit_noun(NativeShape s) {
  if (s == NativeShape::pdf || s == NativeShape::image) return "hlm.";
  if (s == NativeShape::transcript) return "pesan";
  return "bagian";
}

// The picture's facts as printed under it: EXIF first, in the metadata's (sorted) order.
std::vector<std::pair<std::string, std::string>> exif_facts(const core::OriginalInfo& o) {
  static const std::map<std::string, std::string> k_names = {
      {"exif.datetime", "Waktu pengambilan / taken (EXIF)"},
      {"exif.camera", "Kamera / camera (EXIF)"},
      {"exif.gps", "Lokasi GPS / GPS position (EXIF)"},
  };
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : o.metadata) {
    if (!starts_with(k, "exif.")) continue;
    auto n = k_names.find(k);
    out.emplace_back(n == k_names.end() ? k.substr(5) + " (EXIF)" : n->second, v);
  }
  if (out.empty()) out.emplace_back("EXIF", "tidak ada / none in the file");
  return out;
}

std::string display_time(std::string t) {
  if (t.size() > 10 && t[10] == 'T') t[10] = ' ';
  return t;
}

std::vector<Block> transcript(const core::EvidenceItem& it) {
  std::vector<Block> out;
  out.push_back(Block::make_paragraph(
      "Transkrip pesan dari berkas asli (" + format_label(it.original.format) +
          "), diurai mesin; berkas asli adalah alat buktinya. / Transcript of the messages parsed from the original "
          "file; the original is the evidence.",
      Align::left, Style::italic));
  Block t;
  t.kind = BlockKind::table;
  t.header = {"No", "Waktu / time", "Pengirim / sender", "Pesan / message"};
  t.column_widths = {0.6, 1.9, 2.0, 6.0};
  for (const auto& u : it.units) {
    std::string text = u.text;
    if (!u.media.empty()) text += std::string(text.empty() ? "" : "\n") + "[media: " + u.media + "]";
    // A line the app wrote itself is marked as such, never given a sender.
    const std::string sender = u.system ? "[sistem / system]" : u.sender.empty() ? "-" : u.sender;
    if (u.system) text = "[" + text + "]";
    t.rows.push_back({Cell{std::to_string(u.number), {}}, Cell{display_time(u.time), {}}, Cell{sender, {}}, Cell{text, {}}});
  }
  if (t.rows.empty())
    out.push_back(Block::make_paragraph("Tidak ada pesan yang terbaca. / No messages could be read.", Align::left, Style::italic));
  else
    out.push_back(std::move(t));
  return out;
}

std::vector<Block> document_text(const core::EvidenceItem& it) {
  std::vector<Block> out;
  out.push_back(Block::make_note("Teks yang diekstrak dari berkas asli (" + format_label(it.original.format) +
                                 "); bukan berkas aslinya. / Text extracted from the original file; not the original "
                                 "itself.\nSHA-256 berkas asli / of the original: " + it.source_sha256));
  bool any = false;
  for (const auto& u : it.units)
    if (!u.text.empty()) {
      out.push_back(Block::make_paragraph(u.text));
      any = true;
    }
  if (!any) out.push_back(Block::make_paragraph("Tidak ada teks yang terbaca. / No text could be read.", Align::left, Style::italic));
  return out;
}

}  // namespace

NativeShape shape_of(const core::OriginalInfo& o) {
  const std::string& f = o.format;
  if (f.empty()) return NativeShape::none;
  if (f == "pdf") return NativeShape::pdf;
  if (f == "png" || f == "jpeg" || f == "tiff") return NativeShape::image;
  if (f == "eml" || starts_with(f, "whatsapp-") || starts_with(f, "telegram-")) return NativeShape::transcript;
  return NativeShape::document;
}

bool is_image_media(const std::string& m) { return m == "image/png" || m == "image/jpeg" || m == "image/tiff"; }

std::string text_origin(const core::EvidenceItem& it) {
  const NativeShape shape = shape_of(it.original);
  if (shape == NativeShape::none) return {};
  std::vector<std::string> order;
  std::map<std::string, std::vector<int>> by_method;
  for (const auto& u : it.units) {
    if (!by_method.count(u.method)) order.push_back(u.method);
    by_method[u.method].push_back(u.number);
  }
  std::string how;
  for (const auto& m : order)
    how += (how.empty() ? "" : ", ") + method_short(m) + " (" + unit_noun(shape) + " " + ranges(by_method[m]) + ")";
  return "asli / original: " + format_label(it.original.format) + "; teks / text: " +
         (how.empty() ? std::string("tidak ada / none") : how);
}

std::vector<std::pair<std::string, std::string>> original_pairs(const core::EvidenceItem& it) {
  std::vector<std::pair<std::string, std::string>> out;
  if (shape_of(it.original) == NativeShape::none) return out;
  out.emplace_back("Berkas asli / original", it.original.file_name + " (" + it.original.media_type + ")");
  out.emplace_back("SHA-256 berkas asli", it.source_sha256);
  out.emplace_back("Asal teks / text from", text_origin(it));
  return out;
}

bool original_shows_any(const core::EvidenceItem& it, const std::string& bytes, const std::vector<std::string>& names) {
  if (names.empty()) return false;
  const NativeShape shape = shape_of(it.original);
  if (shape == NativeShape::pdf && exhibit_shows_any(bytes, names)) return true;
  if (shape != NativeShape::pdf && text_shows_any(bytes, names)) return true;
  for (const auto& u : it.units)
    if (text_shows_any(u.text, names) || text_shows_any(u.sender, names)) return true;
  for (const auto& [k, v] : it.original.metadata)
    if (text_shows_any(v, names)) return true;
  return false;
}

std::vector<Block> withheld_blocks(const std::string& title, const std::string& anchor, const std::string& sha256) {
  std::vector<Block> out;
  out.push_back(Block::make_page_break());
  out.push_back(Block::make_anchor(3, title, anchor));
  // The title is printed too: an anchor alone names the page only in the index and the outline.
  out.push_back(Block::make_note(title + "\nLampiran ini memuat identitas yang dilindungi dan tidak disertakan.\n"
                                 "This exhibit contains a protected identity and is withheld.\n"
                                 "SHA-256: " + sha256));
  return out;
}

Block image_block(std::string caption, std::string anchor, std::string bytes,
                  std::vector<std::pair<std::string, std::string>> facts, std::string ocr) {
  Block b;
  b.kind = BlockKind::image;
  b.level = 3;
  b.text = std::move(caption);
  b.anchor = std::move(anchor);
  b.image = std::move(bytes);
  b.pairs = std::move(facts);
  if (!ocr.empty()) b.page_texts.push_back(std::move(ocr));
  return b;
}

std::vector<Block> native_body(const core::EvidenceItem& it, const std::string& anchor, const std::string& bytes) {
  switch (shape_of(it.original)) {
    case NativeShape::pdf: {
      Block b;
      b.kind = BlockKind::pdf;
      b.level = 3;
      b.anchor = anchor + "-asli";
      b.text = "Berkas asli / original " + it.id + ": " + it.original.file_name;
      b.pdf = bytes;
      // Scanned pages carry their OCR text; pages with a text layer already have theirs.
      for (const auto& u : it.units) {
        if (u.method != "ocr" || u.number < 1 || u.text.empty()) continue;
        const auto p = static_cast<std::size_t>(u.number);
        if (b.page_texts.size() < p) b.page_texts.resize(p);
        b.page_texts[p - 1] = u.text;
      }
      return {std::move(b)};
    }
    case NativeShape::image: {
      std::string ocr;
      for (const auto& u : it.units)
        if (!u.text.empty()) ocr += (ocr.empty() ? "" : "\n") + u.text;
      return {image_block("Berkas asli / original " + it.id + ": " + it.original.file_name, anchor + "-asli", bytes,
                          exif_facts(it.original), std::move(ocr))};
    }
    case NativeShape::transcript: return transcript(it);
    case NativeShape::document: return document_text(it);
    case NativeShape::none: break;
  }
  return {};
}

}  // namespace berkas::bundle::internal
