// Exhibit PDFs are scanned for protected names (internal/exhibit.h) and bundles read back
// (read_bundle_identity). PoDoFo stays inside this module.
#include <podofo/podofo.h>

#include <cctype>
#include <mutex>
#include <set>
#include <sstream>

#include "bundle/bundle.h"
#include "bundle/internal/exhibit.h"
#include "core/hash.h"

namespace berkas::bundle {

using namespace PoDoFo;
using core::ErrorCode;
using core::fail;

namespace {

void quiet_podofo() {
  static std::once_flag once;
  std::call_once(once, [] {
    PdfError::EnableDebug(false);
    PdfError::EnableLogging(false);
  });
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The text a content stream draws: the string operands, in order. Strings inside one TJ array are
// joined directly (kerning splits words); separate strings are joined with a space.
std::string shown_text(const std::string& s) {
  std::string out;
  int array_depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {  // comment to end of line
      while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
    } else if (c == '[') {
      ++array_depth;
    } else if (c == ']') {
      if (array_depth > 0) --array_depth;
      out += ' ';
    } else if (c == '(') {
      int depth = 1;
      std::string str;
      for (++i; i < s.size() && depth > 0; ++i) {
        char d = s[i];
        if (d == '\\' && i + 1 < s.size()) {
          char e = s[++i];
          switch (e) {
            case 'n': str += '\n'; break;
            case 'r': str += '\r'; break;
            case 't': str += '\t'; break;
            case 'b': case 'f': break;
            case '\r': case '\n': break;
            default:
              if (e >= '0' && e <= '7') {
                int v = e - '0';
                for (int k = 0; k < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k) v = v * 8 + (s[++i] - '0');
                str += static_cast<char>(v);
              } else {
                str += e;
              }
          }
        } else if (d == '(') {
          ++depth;
          str += d;
        } else if (d == ')') {
          if (--depth > 0) str += d;
        } else {
          str += d;
        }
      }
      --i;
      out += str;
      if (array_depth == 0) out += ' ';
    } else if (c == '<' && i + 1 < s.size() && s[i + 1] != '<') {
      std::string str;
      int hi = -1;
      for (++i; i < s.size() && s[i] != '>'; ++i) {
        int v = hex_value(s[i]);
        if (v < 0) continue;
        if (hi < 0) hi = v;
        else str += static_cast<char>(hi * 16 + v), hi = -1;
      }
      if (hi >= 0) str += static_cast<char>(hi * 16);
      // Two-byte codes with a zero high byte (Identity-H with Latin glyph order, UTF-16BE) read as text too.
      std::string wide;
      bool is_wide = str.size() % 2 == 0 && !str.empty();
      for (std::size_t k = 0; is_wide && k < str.size(); k += 2) {
        if (str[k] != 0) is_wide = false;
        else wide += str[k + 1];
      }
      out += is_wide ? wide : str;
      if (array_depth == 0) out += ' ';
    } else if (c == '<') {
      ++i;  // dictionary open
    }
  }
  return out;
}

// The words of `s`: runs of ASCII letters and digits (and any non-ASCII byte), case kept.
std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) {
      w += static_cast<char>(c);
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "Rina": an upper-case letter, then lower-case ones — how a name is written in running text.
bool name_shaped(const std::string& w) {
  if (w.size() < 2 || !std::isupper(static_cast<unsigned char>(w[0]))) return false;
  for (std::size_t i = 1; i < w.size(); ++i)
    if (std::isupper(static_cast<unsigned char>(w[i]))) return false;
  return true;
}

// A name is shown when (1) its words appear in order with nothing but spaces or punctuation
// between them, even split inside a word ("Ri na Fik siana"); (2) two consecutive words of it
// appear as words; or (3) one word of it (3+ letters, not a particle) appears written as a name
// ("Rina", not the label "FIKTIF"). Over-withholding is accepted: a leak is the worse error.
bool text_shows(const std::string& raw, const std::vector<std::string>& names) {
  static const std::set<std::string> k_particles = {"bin", "binti", "als", "alias", "dan", "van", "der", "de"};
  const std::vector<std::string> words = words_of(raw);
  std::string squeezed, spaced;
  for (const auto& w : words) {
    squeezed += lower(w);
    spaced += ' ' + lower(w);
  }
  spaced += ' ';
  for (const auto& name : names) {
    std::vector<std::string> nw = words_of(name);
    if (nw.empty()) continue;
    std::string n;
    for (auto& w : nw) n += (w = lower(w));
    if (squeezed.find(n) != std::string::npos) return true;
    for (std::size_t i = 0; i + 1 < nw.size(); ++i)
      if (spaced.find(' ' + nw[i] + ' ' + nw[i + 1] + ' ') != std::string::npos) return true;
    for (const auto& w : words)
      if (w.size() >= 3 && name_shaped(w)) {
        const std::string lw = lower(w);
        for (const auto& x : nw)
          if (x == lw && x.size() >= 3 && !k_particles.count(x)) return true;
      }
  }
  return false;
}

}  // namespace

namespace internal {

bool text_shows_any(const std::string& text, const std::vector<std::string>& names) {
  return !names.empty() && text_shows(text, names);
}

bool exhibit_shows_any(const std::string& pdf, const std::vector<std::string>& names) {
  if (names.empty()) return false;
  if (text_shows(pdf, names)) return true;
  quiet_podofo();
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    for (PdfObject* o : doc.GetObjects()) {
      if (!o) continue;
      std::string plain;
      o->ToString(plain);  // dictionaries, strings (annotations, info) as written
      if (text_shows(plain, names)) return true;
      if (!o->HasStream()) continue;
      char* buf = nullptr;
      pdf_long len = 0;
      try {
        o->GetStream()->GetFilteredCopy(&buf, &len);
      } catch (const PdfError&) {
        continue;  // a filter PoDoFo cannot undo (images): the raw bytes were searched above
      }
      std::string decoded(buf ? buf : "", static_cast<std::size_t>(len));
      podofo_free(buf);
      if (text_shows(decoded, names) || text_shows(shown_text(decoded), names)) return true;
    }
  } catch (const PdfError&) {
    return false;
  } catch (const std::bad_alloc&) {
    return true;  // could not look: do not merge it
  }
  return false;
}

}  // namespace internal

core::Result<BundleIdentity> read_bundle_identity(const std::string& pdf) {
  quiet_podofo();
  BundleIdentity id;
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    id.page_count = doc.GetPageCount();
    const PdfInfo* info = doc.GetInfo();
    if (!info) return fail(ErrorCode::invalid_input, "not a Berkas bundle: the PDF has no document information");
    auto key = [&](const char* k) -> std::string {
      const PdfObject* o = info->GetObject()->GetDictionary().GetKey(PdfName(k));
      if (o && o->IsReference()) o = doc.GetObjects().GetObject(o->GetReference());
      if (!o || !o->IsString()) return {};
      return o->GetString().GetStringUtf8();
    };
    id.identifier = key("BerkasIdentifier");
    id.content_sha256 = key("BerkasContentSHA256");
    id.manifest_sha256 = key("BerkasManifestSHA256");
    const std::string manifest = key("BerkasManifest");
    if (id.content_sha256.empty() || id.manifest_sha256.empty())
      return fail(ErrorCode::invalid_input, "not a Berkas bundle: no Berkas identity in its document information");
    id.manifest_matches = core::sha256_hex(manifest) == id.manifest_sha256;
    std::istringstream lines(manifest);
    for (std::string line; std::getline(lines, line);) {
      std::vector<std::string> f;
      std::size_t start = 0;
      for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) f.push_back(line.substr(start, tab - start));
      f.push_back(line.substr(start));
      if (f.size() != 4) {
        id.manifest_matches = false;
        continue;
      }
      ManifestEntry e;
      e.id = f[0];
      e.kind = f[1];
      e.version = std::atoi(f[2].c_str());
      e.sha256 = f[3];
      id.manifest.push_back(std::move(e));
    }
  } catch (const PdfError& e) {
    return fail(ErrorCode::integrity, std::string("the PDF cannot be read: ") + PdfError::ErrorName(e.GetError()));
  }
  return id;
}

}  // namespace berkas::bundle
