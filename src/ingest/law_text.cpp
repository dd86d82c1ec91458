// ingest/law_text: text → law XML. The vocabulary is documented in law/README.md and fixed by
// schemas/law.xsd. Design choices that matter for callers:
//  - Every line of the source body ends up, in order, as text of some element, so the XML
//    reproduces the source word for word (tests check this). Numbers and headings are kept as
//    text ("Pasal 2", "(1)", "a.") in <nomor>/<judul> elements, and also as attributes.
//  - The Penjelasan stays where the law has it (after the signatures), linked to each Pasal
//    and ayat by an `untuk` attribute holding the provision id.
//  - OCR corrections are keyed by source line and must match exactly, so a changed source
//    fails loudly instead of being corrected in the wrong place.
#include "ingest/law_text.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <list>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/text.h"

namespace berkas::ingest {
namespace {

using core::fail;
using core::ErrorCode;

// ---------------------------------------------------------------- text with corrections

// A run of text; when `asli` is set the run is an OCR correction: `text` is the corrected
// reading and `asli` what the source says.
struct Seg {
  std::string text;
  std::string asli;
};
using Segs = std::vector<Seg>;

std::string plain(const Segs& segs) {
  std::string out;
  for (const auto& s : segs) out += s.text;
  return out;
}

void append(Segs& to, const Segs& from) {
  for (const auto& s : from) {
    if (s.asli.empty() && !to.empty() && to.back().asli.empty())
      to.back().text += s.text;
    else
      to.push_back(s);
  }
}

// Splits off the first `n` characters of the plain text, and the single space after them.
// A correction is never cut: the caller cuts at label boundaries, which corrections respect.
Segs take_prefix(Segs& segs, std::size_t n) {
  Segs head;
  Segs rest;
  std::size_t taken = 0;
  for (auto& s : segs) {
    if (taken >= n) {
      rest.push_back(std::move(s));
      continue;
    }
    if (!s.asli.empty() || taken + s.text.size() <= n) {
      taken += s.text.size();
      head.push_back(std::move(s));
      continue;
    }
    const std::size_t k = n - taken;
    head.push_back(Seg{s.text.substr(0, k), {}});
    rest.push_back(Seg{s.text.substr(k), {}});
    taken = n;
  }
  if (!rest.empty() && rest.front().asli.empty() && !rest.front().text.empty() &&
      rest.front().text[0] == ' ')
    rest.front().text.erase(0, 1);
  if (!rest.empty() && rest.front().asli.empty() && rest.front().text.empty())
    rest.erase(rest.begin());
  segs = std::move(rest);
  return head;
}

struct Line {
  int no = 0;          // 1-based line number in the source file
  Segs segs;           // after the corrections for this line
  std::string text;    // plain(segs)
};

// One OCR correction: on source line `line`, `asli` (occurring exactly once) reads `menjadi`.
struct Correction {
  int line;
  const char* asli;
  const char* menjadi;
  const char* why;
};

// ---------------------------------------------------------------- XML tree and writer

struct Node {
  std::string tag;
  std::vector<std::pair<std::string, std::string>> attrs;
  Segs text;
  bool leaf = false;
  std::list<Node> kids;  // std::list: references to children stay valid while appending
  std::vector<std::string> comments;  // written before the element

  Node& add(Node n) {
    kids.push_back(std::move(n));
    return kids.back();
  }
  void set(const std::string& name, const std::string& value) {
    for (auto& a : attrs)
      if (a.first == name) {
        a.second = value;
        return;
      }
    attrs.emplace_back(name, value);
  }
  std::string get(const std::string& name) const {
    for (const auto& a : attrs)
      if (a.first == name) return a.second;
    return {};
  }
};

Node element(std::string tag, std::vector<std::pair<std::string, std::string>> attrs = {}) {
  Node n;
  n.tag = std::move(tag);
  n.attrs = std::move(attrs);
  return n;
}

Node leaf(std::string tag, Segs text) {
  Node n;
  n.tag = std::move(tag);
  n.text = std::move(text);
  n.leaf = true;
  return n;
}

Node leaf(std::string tag, const std::string& text) { return leaf(std::move(tag), Segs{Seg{text, {}}}); }

// The shipped law XML escapes " in attributes only and never ': keep its bytes.
std::string escape_attr(const std::string& s) { return core::escape_xml(s, core::XmlQuotes::double_only); }
std::string escape_text(const std::string& s) { return core::escape_xml(s, core::XmlQuotes::none); }

void write_node(std::string& out, const Node& n, int depth) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  for (const auto& c : n.comments) out += indent + "<!-- " + c + " -->\n";
  out += indent + "<" + n.tag;
  for (const auto& [k, v] : n.attrs) out += " " + k + "=\"" + escape_attr(v) + "\"";
  if (n.leaf) {
    out += ">";
    for (const auto& s : n.text) {
      if (s.asli.empty()) {
        out += escape_text(s.text);
      } else {
        out += "<koreksi asli=\"" + escape_attr(s.asli) + "\" menjadi=\"" + escape_attr(s.text) +
               "\" alasan=\"OCR\">" + escape_text(s.text) + "</koreksi>";
      }
    }
    out += "</" + n.tag + ">\n";
    return;
  }
  if (n.kids.empty()) {
    out += "/>\n";
    return;
  }
  out += ">\n";
  for (const auto& k : n.kids) write_node(out, k, depth + 1);
  out += indent + "</" + n.tag + ">\n";
}

std::string write_document(const Node& root, const std::vector<std::string>& top_comments) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  for (const auto& c : top_comments) out += "<!-- " + c + " -->\n";
  write_node(out, root, 0);
  return out;
}

// ---------------------------------------------------------------- reading the source

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

struct Source {
  std::vector<std::string> header;  // the '#' lines, verbatim
  std::vector<Line> body;           // the other non-empty lines
};

core::Result<Source> read_source(std::string_view text, const std::string& file,
                                 const std::vector<Correction>& corrections) {
  if (!core::is_valid_utf8(text)) return fail(ErrorCode::invalid_input, "not valid UTF-8", file);
  Source src;
  std::map<int, std::vector<const Correction*>> by_line;
  for (const auto& c : corrections) by_line[c.line].push_back(&c);

  auto raw = core::split(text, '\n');
  if (!raw.empty() && raw.back().empty()) raw.pop_back();  // the final newline
  bool in_header = true;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string s = raw[i];
    if (!s.empty() && s.back() == '\r') s.pop_back();
    const int no = static_cast<int>(i) + 1;
    if (in_header && !s.empty() && s[0] == '#') {
      src.header.push_back(s);
      continue;
    }
    in_header = false;
    if (core::squeeze_space(s).empty()) {
      if (by_line.count(no)) return fail(ErrorCode::invalid_input, "correction on an empty line", file, no);
      continue;
    }
    Line line;
    line.no = no;
    Segs segs{Seg{s, {}}};
    if (auto it = by_line.find(no); it != by_line.end()) {
      for (const Correction* c : it->second) {
        // Find the correction in the plain runs; it must occur exactly once on the line.
        int found = 0;
        Segs next;
        for (auto& seg : segs) {
          if (!seg.asli.empty()) {
            next.push_back(seg);
            continue;
          }
          std::string rest = seg.text;
          std::size_t pos;
          while ((pos = rest.find(c->asli)) != std::string::npos) {
            ++found;
            if (pos > 0) next.push_back(Seg{rest.substr(0, pos), {}});
            next.push_back(Seg{c->menjadi, c->asli});
            rest = rest.substr(pos + std::string(c->asli).size());
          }
          if (!rest.empty()) next.push_back(Seg{rest, {}});
        }
        if (found != 1)
          return fail(ErrorCode::invalid_input,
                      std::string("OCR correction '") + c->asli + "' expected once on the line, found " +
                          std::to_string(found),
                      file, no);
        segs = std::move(next);
      }
    }
    line.segs = std::move(segs);
    line.text = plain(line.segs);
    src.body.push_back(std::move(line));
  }
  return src;
}

// ---------------------------------------------------------------- Pasal bodies

// Letters of a huruf list: a..z, then aa, bb, cc (as UU 1/2023 Pasal 622 numbers them).
std::string next_huruf(const std::string& h) {
  if (h.empty()) return "a";
  if (h.size() == 1) return h == "z" ? "aa" : std::string(1, static_cast<char>(h[0] + 1));
  return std::string(2, static_cast<char>(h[0] + 1));
}

enum class Layout {
  one_block_per_line,  // UU 21/2007: a line that is not a label is a new paragraph
  wrapped,             // KUHP OCR: a line that is not a label continues the previous one
};

// Builds the ayat/huruf/angka tree of one Pasal from its lines.
class PasalBuilder {
 public:
  PasalBuilder(Node& pasal, std::string id, Layout layout, std::string file)
      : m_pasal(pasal), m_id(std::move(id)), m_layout(layout), m_file(std::move(file)) {}

  core::Status add(const Line& line) {
    static const std::regex ayat_re(R"(^\((\d+)\) )");
    static const std::regex huruf_re(R"(^([a-z]{1,2})\. )");
    static const std::regex angka_dot_re(R"(^(\d+)\. )");
    static const std::regex angka_paren_re(R"(^(\d+)\) )");
    std::smatch m;
    Segs segs = line.segs;
    if (std::regex_search(line.text, m, ayat_re)) {
      const int n = std::stoi(m[1].str());
      if (n != m_last_ayat + 1)
        return fail(ErrorCode::invalid_input, "ayat (" + std::to_string(n) + ") out of sequence in " + m_id,
                    m_file, line.no);
      m_last_ayat = n;
      const std::string id = m_id + "/ayat-" + std::to_string(n);
      Segs label = take_prefix(segs, m[1].length() + 2);
      m_ayat = &m_pasal.add(element("ayat", {{"id", id}, {"nomor", std::to_string(n)}}));
      m_ayat->add(leaf("nomor", label));
      m_last_text = &m_ayat->add(leaf("isi", segs));
      m_huruf = nullptr;
      m_last_huruf.clear();
      m_last_angka = 0;
      return {};
    }
    if (std::regex_search(line.text, m, huruf_re) &&
        (m[1].str() == "a" || m[1].str() == next_huruf(m_last_huruf))) {
      Node& parent = m_ayat ? *m_ayat : m_pasal;
      const std::string h = m[1].str();
      m_last_huruf = h;
      Segs label = take_prefix(segs, h.size() + 1);
      m_huruf = &parent.add(element("huruf", {{"id", parent.get("id") + "/huruf-" + h}, {"nomor", h}}));
      m_huruf->add(leaf("nomor", label));
      m_last_text = &m_huruf->add(leaf("isi", segs));
      m_last_sub = 0;
      return {};
    }
    if (std::regex_search(line.text, m, angka_paren_re) && m_huruf &&
        std::stoi(m[1].str()) == m_last_sub + 1) {
      m_last_sub = std::stoi(m[1].str());
      Segs label = take_prefix(segs, m[1].length() + 1);
      Node& a = m_huruf->add(
          element("angka", {{"id", m_huruf->get("id") + "/angka-" + m[1].str()}, {"nomor", m[1].str()}}));
      a.add(leaf("nomor", label));
      m_last_text = &a.add(leaf("isi", segs));
      return {};
    }
    if (std::regex_search(line.text, m, angka_dot_re) && std::stoi(m[1].str()) == m_last_angka + 1) {
      Node& parent = m_ayat ? *m_ayat : m_pasal;
      m_last_angka = std::stoi(m[1].str());
      Segs label = take_prefix(segs, m[1].length() + 1);
      Node& a = parent.add(
          element("angka", {{"id", parent.get("id") + "/angka-" + m[1].str()}, {"nomor", m[1].str()}}));
      a.add(leaf("nomor", label));
      m_last_text = &a.add(leaf("isi", segs));
      m_huruf = nullptr;
      return {};
    }
    if (m_layout == Layout::wrapped && m_last_text) {
      append(m_last_text->text, Segs{Seg{" ", {}}});
      append(m_last_text->text, segs);
      return {};
    }
    // A paragraph of its own: the chapeau of a Pasal without ayat, or closing words.
    Node& parent = m_ayat ? *m_ayat : m_pasal;
    m_last_text = &parent.add(leaf("isi", segs));
    return {};
  }

  bool empty() const { return m_last_text == nullptr; }

 private:
  Node& m_pasal;
  std::string m_id;
  Layout m_layout;
  std::string m_file;
  Node* m_ayat = nullptr;
  Node* m_huruf = nullptr;
  Node* m_last_text = nullptr;
  int m_last_ayat = 0;
  std::string m_last_huruf;
  int m_last_angka = 0;
  int m_last_sub = 0;
};

// The whole text of a Pasal (for checks made while converting), labels included.
void collect_text(const Node& n, std::string& out) {
  if (n.leaf) {
    if (!out.empty()) out += ' ';
    out += plain(n.text);
    return;
  }
  for (const auto& k : n.kids) collect_text(k, out);
}

std::string text_of(const Node& n) {
  std::string out;
  collect_text(n, out);
  return out;
}

Node* find_by_id(Node& n, const std::string& id) {
  if (n.get("id") == id) return &n;
  for (auto& k : n.kids)
    if (Node* f = find_by_id(k, id)) return f;
  return nullptr;
}

// ---------------------------------------------------------------- dates

core::Result<std::string> parse_indonesian_date(const std::string& s, const std::string& file, int line) {
  static const std::regex re(R"((\d{1,2}) (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) (\d{4}))");
  static const std::map<std::string, int> months = {
      {"Januari", 1}, {"Februari", 2}, {"Maret", 3},     {"April", 4},    {"Mei", 5},       {"Juni", 6},
      {"Juli", 7},    {"Agustus", 8},  {"September", 9}, {"Oktober", 10}, {"November", 11}, {"Desember", 12}};
  std::smatch m;
  if (!std::regex_search(s, m, re)) return fail(ErrorCode::invalid_input, "no date in '" + s + "'", file, line);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", std::stoi(m[3].str()), months.at(m[2].str()),
                std::stoi(m[1].str()));
  if (!core::is_iso_date(buf)) return fail(ErrorCode::invalid_input, "invalid date '" + s + "'", file, line);
  return std::string(buf);
}

std::string title_case(const std::string& upper) {
  std::string out = core::ascii_lower(upper);
  bool start = true;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = (c == ' ' || c == '-');
  }
  return out;
}

// ---------------------------------------------------------------- the successor relation

// What UU 1/2023 does to UU 21/2007. The UU 21/2007 converter cannot read the KUHP, so the
// relation is stated here once; convert_kuhp_text re-derives it from the KUHP text and fails
// if the text says otherwise, and the tests compare both shipped files.
constexpr const char* k_kuhp_law_id = "uu-1-2023";
constexpr const char* k_kuhp_short = "UU 1/2023";
constexpr const char* k_revoked_pasal = "2";                    // UU 21/2007 Pasal 2 ...
constexpr const char* k_revoking_huruf = "q";                   // ... by Pasal 622 ayat (1) huruf q
constexpr const char* k_successor = "uu-1-2023/pasal-455";      // ... read as Pasal 455 (ayat (9))
constexpr const char* k_redirect_ayat = "9";
// The KUHP's promulgation date is not in the excerpt (it has no signature block). It is
// LN 2023 No. 1, 2 January 2023; with Pasal 624 ("3 (tiga) tahun") this gives the in-force date
// 2 January 2026 stated in shared/data/README.md.
constexpr const char* k_kuhp_promulgated = "2023-01-02";
constexpr const char* k_kuhp_in_force = "2026-01-02";

std::string revocation_note() {
  return std::string("Dicabut dan dinyatakan tidak berlaku oleh ") + k_kuhp_short +
         " (KUHP) Pasal 622 ayat (1) huruf " + k_revoking_huruf +
         ", sejak KUHP mulai berlaku (Pasal 624: 3 tahun sejak diundangkan, yaitu 2 Januari 2026); "
         "menurut Pasal 622 ayat (" + k_redirect_ayat +
         ") pengacuan kepada Pasal 2 diganti dengan Pasal 455 " + k_kuhp_short + ".";
}

void mark_revoked(Node& n) {
  n.set("berlaku-sampai", k_kuhp_in_force);
  n.set("pengganti", k_successor);
  // keberlakuan goes right after <nomor> so the text children stay together.
  auto pos = n.kids.begin();
  if (pos != n.kids.end() && pos->tag == "nomor") ++pos;
  n.kids.insert(pos, leaf("keberlakuan", revocation_note()));
}

std::string sumber_text(const std::vector<std::string>& header) {
  std::string out;
  for (const auto& h : header) out += h + "\n";
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace

// ================================================================ UU 21/2007

namespace {

// The batang tubuh, body[from, to): BAB → (Bagian →) Pasal, added to `batang`; appends each
// Pasal's id to `pasal_ids`.
core::Status read_batang_tubuh(const std::vector<Line>& body, std::size_t from, std::size_t to, Node& batang,
                               const std::string& law_id, const std::string& file, std::vector<std::string>& pasal_ids) {
  static const std::regex bab_re(R"(^BAB ([IVXLC]+)$)");
  static const std::regex bagian_re(R"(^Bagian (\S+)$)");
  static const std::regex pasal_re(R"(^Pasal (\d+[A-Z]?)$)");
  std::smatch m;
  Node* bab = nullptr;
  Node* bagian = nullptr;
  Node* heading_of = nullptr;  // a BAB or Bagian whose heading lines are being read
  std::optional<PasalBuilder> pasal;
  for (std::size_t i = from; i < to; ++i) {
    const Line& line = body[i];
    if (std::regex_match(line.text, m, bab_re)) {
      const std::string roman = m[1].str();
      bab = &batang.add(element("bab", {{"id", law_id + "/bab-" + std::to_string(core::roman_to_int(roman))},
                                       {"nomor", roman}}));
      bab->add(leaf("nomor", line.segs));
      bagian = nullptr;
      heading_of = bab;
      pasal.reset();
      continue;
    }
    if (bab && std::regex_match(line.text, m, bagian_re)) {
      bagian = &bab->add(element(
          "bagian", {{"id", bab->get("id") + "/bagian-" + core::ascii_lower(m[1].str())}, {"nomor", m[1].str()}}));
      bagian->add(leaf("nomor", line.segs));
      heading_of = bagian;
      pasal.reset();
      continue;
    }
    if (std::regex_match(line.text, m, pasal_re)) {
      if (!bab) return fail(ErrorCode::invalid_input, "Pasal outside a BAB", file, line.no);
      if (pasal && pasal->empty())
        return fail(ErrorCode::invalid_input, "Pasal without text before this line", file, line.no);
      const std::string id = law_id + "/pasal-" + m[1].str();
      Node& container = bagian ? *bagian : *bab;
      Node& p = container.add(element("pasal", {{"id", id}, {"nomor", m[1].str()}}));
      p.add(leaf("nomor", line.segs));
      pasal.emplace(p, id, Layout::one_block_per_line, file);
      pasal_ids.push_back(id);
      heading_of = nullptr;
      continue;
    }
    if (heading_of) {
      // Headings may wrap over several lines ("TINDAK PIDANA LAIN YANG BERKAITAN DENGAN" /
      // "TINDAK PIDANA PERDAGANGAN ORANG"); they are one heading.
      if (!heading_of->kids.empty() && heading_of->kids.back().tag == "judul") {
        append(heading_of->kids.back().text, Segs{Seg{" ", {}}});
        append(heading_of->kids.back().text, line.segs);
      } else {
        heading_of->add(leaf("judul", line.segs));
      }
      continue;
    }
    if (!pasal) return fail(ErrorCode::invalid_input, "text outside a Pasal", file, line.no);
    if (auto st = pasal->add(line); !st) return tl::unexpected(st.error());
  }
  return {};
}

// The Penjelasan, body[from, end): preamble, I. UMUM, II. PASAL DEMI PASAL, added to
// `penjelasan`; every Pasal of `pasal_ids` must be explained, in order, and only ayat that
// `ayat_ids` lists.
core::Status read_penjelasan(const std::vector<Line>& body, std::size_t from, Node& penjelasan,
                             const std::string& law_id, const std::string& file,
                             const std::vector<std::string>& pasal_ids,
                             std::map<std::string, std::vector<std::string>>& ayat_ids) {
  static const std::regex pasal_re(R"(^Pasal (\d+[A-Z]?)$)");
  static const std::regex ayat_head_re(R"(^Ayat \((\d+)\)$)");
  std::smatch m;
  Node& p_buka = penjelasan.add(element("pembukaan"));
  Node* umum = nullptr;
  Node* pdp = nullptr;
  Node* pp = nullptr;   // current penjelasan-pasal
  Node* pa = nullptr;   // current penjelasan-ayat
  std::vector<std::string> explained;
  for (std::size_t i = from; i < body.size(); ++i) {
    const Line& line = body[i];
    if (line.text == "I. UMUM" && !umum) {
      umum = &penjelasan.add(element("umum"));
      umum->add(leaf("judul", line.segs));
      continue;
    }
    if (line.text == "II. PASAL DEMI PASAL" && umum && !pdp) {
      pdp = &penjelasan.add(element("pasal-demi-pasal"));
      pdp->add(leaf("judul", line.segs));
      continue;
    }
    if (pdp && std::regex_match(line.text, m, pasal_re)) {
      const std::string id = law_id + "/pasal-" + m[1].str();
      if (std::find(pasal_ids.begin(), pasal_ids.end(), id) == pasal_ids.end())
        return fail(ErrorCode::invalid_input, "Penjelasan of a Pasal the law does not have", file, line.no);
      if (!explained.empty() && explained.back() == id)
        return fail(ErrorCode::invalid_input, "Penjelasan of " + id + " given twice", file, line.no);
      explained.push_back(id);
      pp = &pdp->add(element("penjelasan-pasal", {{"untuk", id}}));
      pp->add(leaf("nomor", line.segs));
      pa = nullptr;
      continue;
    }
    if (pp && std::regex_match(line.text, m, ayat_head_re)) {
      const std::string id = pp->get("untuk") + "/ayat-" + m[1].str();
      const auto& ids = ayat_ids[pp->get("untuk")];
      if (std::find(ids.begin(), ids.end(), id) == ids.end())
        return fail(ErrorCode::invalid_input, "Penjelasan of an ayat the Pasal does not have", file, line.no);
      pa = &pp->add(element("penjelasan-ayat", {{"untuk", id}}));
      pa->add(leaf("nomor", line.segs));
      continue;
    }
    Node& to = pa ? *pa : pp ? *pp : umum ? *umum : p_buka;
    to.add(leaf("p", line.segs));
  }
  if (!umum || !pdp) return fail(ErrorCode::invalid_input, "Penjelasan lacks 'I. UMUM' or 'II. PASAL DEMI PASAL'", file);
  if (explained != pasal_ids)
    return fail(ErrorCode::invalid_input,
                "Penjelasan does not explain every Pasal in order (" + std::to_string(explained.size()) + " of " +
                    std::to_string(pasal_ids.size()) + ")",
                file);
  return {};
}

}  // namespace

core::Result<std::string> convert_uu21_text(std::string_view text, const std::string& file_name) {
  const std::string& file = file_name;
  auto src = read_source(text, file, {});
  if (!src) return tl::unexpected(src.error());
  const auto& body = src->body;
  if (body.empty()) return fail(ErrorCode::invalid_input, "no law text", file);

  static const std::regex bab_re(R"(^BAB ([IVXLC]+)$)");
  static const std::regex nomor_re(R"(^NOMOR (\d+) TAHUN (\d{4})$)");
  std::smatch m;

  // Split the body into its parts by the lines that open them.
  std::size_t i = 0;
  const auto find_from = [&](std::size_t from, auto pred) {
    for (std::size_t k = from; k < body.size(); ++k)
      if (pred(body[k].text)) return k;
    return body.size();
  };
  const std::size_t bab1 = find_from(0, [](const std::string& s) { return std::regex_match(s, bab_re); });
  const std::size_t closing = find_from(bab1, [](const std::string& s) {
    return s.rfind("Agar setiap orang mengetahuinya", 0) == 0;
  });
  const std::size_t penj = find_from(closing, [](const std::string& s) { return s == "TAMBAHAN"; });
  if (bab1 == body.size() || closing == body.size() || penj == body.size())
    return fail(ErrorCode::invalid_input,
                "cannot find the parts of the law (BAB I, the closing 'Agar setiap orang mengetahuinya', "
                "the Penjelasan starting 'TAMBAHAN')",
                file);

  // Identity from the title page.
  std::string nomor, tahun, subject;
  for (std::size_t k = 0; k < bab1; ++k) {
    const auto& s = body[k].text;
    if (nomor.empty() && std::regex_match(s, m, nomor_re)) {
      nomor = m[1].str();
      tahun = m[2].str();
    } else if (subject.empty() && s == "TENTANG" && k + 1 < bab1) {
      subject = body[k + 1].text;
    }
  }
  if (nomor.empty() || subject.empty())
    return fail(ErrorCode::invalid_input, "title page lacks 'NOMOR n TAHUN yyyy' or 'TENTANG'", file);
  const std::string law_id = "uu-" + nomor + "-" + tahun;
  const std::string short_name = "UU " + nomor + "/" + tahun;
  const std::string title = "Undang-Undang Nomor " + nomor + " Tahun " + tahun + " tentang " + title_case(subject);

  Node root = element("undang-undang", {{"id", law_id}, {"nomor", nomor}, {"tahun", tahun}});
  Node& meta = root.add(element("meta"));

  Node& pembukaan = root.add(element("pembukaan"));
  for (i = 0; i < bab1; ++i) pembukaan.add(leaf("p", body[i].segs));

  // Batang tubuh: BAB → (Bagian →) Pasal.
  Node& batang = root.add(element("batang-tubuh"));
  std::vector<std::string> pasal_ids;
  std::map<std::string, std::vector<std::string>> ayat_ids;  // pasal id → its ayat ids
  if (auto st = read_batang_tubuh(body, bab1, closing, batang, law_id, file, pasal_ids); !st)
    return tl::unexpected(st.error());
  if (pasal_ids.empty()) return fail(ErrorCode::invalid_input, "no Pasal found", file);
  for (const auto& id : pasal_ids) {
    Node* p = find_by_id(batang, id);
    for (const auto& k : p->kids)
      if (k.tag == "ayat") ayat_ids[id].push_back(k.get("id"));
  }

  // Penutup: the promulgation formula and signatures; the dates are read from here.
  Node& penutup = root.add(element("penutup"));
  std::string disahkan, diundangkan;
  for (i = closing; i < penj; ++i) {
    penutup.add(leaf("p", body[i].segs));
    const bool sah = body[i].text == "Disahkan di Jakarta";
    const bool undang = body[i].text == "Diundangkan di Jakarta";
    if ((sah || undang) && i + 1 < penj && body[i + 1].text.rfind("pada tanggal ", 0) == 0) {
      auto d = parse_indonesian_date(body[i + 1].text, file, body[i + 1].no);
      if (!d) return tl::unexpected(d.error());
      (sah ? disahkan : diundangkan) = *d;
    }
  }
  if (disahkan.empty() || diundangkan.empty())
    return fail(ErrorCode::invalid_input, "no 'Disahkan/Diundangkan di Jakarta pada tanggal ...' lines", file);

  // When it took effect, from its own closing provision.
  std::string in_force;
  for (const auto& id : pasal_ids) {
    if (text_of(*find_by_id(batang, id)).find("mulai berlaku pada tanggal diundangkan") != std::string::npos)
      in_force = diundangkan;
  }
  if (in_force.empty())
    return fail(ErrorCode::invalid_input, "no Pasal saying when the law takes effect", file);

  // Penjelasan: preamble, I. UMUM, II. PASAL DEMI PASAL.
  Node& penjelasan = root.add(element("penjelasan", {{"id", law_id + "/penjelasan"}}));
  if (auto st = read_penjelasan(body, penj, penjelasan, law_id, file, pasal_ids, ayat_ids); !st)
    return tl::unexpected(st.error());

  // Period of force: Pasal 2 ends when the new KUHP takes effect.
  const std::string revoked_id = law_id + "/pasal-" + k_revoked_pasal;
  Node* revoked = find_by_id(batang, revoked_id);
  if (law_id != "uu-21-2007" || !revoked)
    return fail(ErrorCode::invalid_input, "this converter is for UU 21/2007 (Pasal 2 not found)", file);
  mark_revoked(*revoked);
  for (auto& k : revoked->kids)
    if (k.tag == "ayat") mark_revoked(k);

  meta.add(leaf("judul", title));
  meta.add(leaf("singkatan", short_name));
  meta.add(leaf("disahkan", disahkan));
  meta.add(leaf("diundangkan", diundangkan));
  meta.add(leaf("berlaku-sejak", in_force));
  Node s = leaf("sumber", sumber_text(src->header));
  s.set("berkas", base_name(file));
  meta.add(std::move(s));
  meta.add(leaf("catatan",
                "Teks disalin apa adanya dari berkas sumber, tanpa koreksi. Tanggal disahkan, diundangkan dan "
                "mulai berlaku dibaca dari teks (penutup dan Pasal 67)."));
  meta.add(leaf("catatan", "Pasal 2: " + revocation_note() + " Lihat uu-1-2023-tppo.xml."));

  return write_document(root, {"Dihasilkan oleh Berkas (ingest::convert_uu21_text) dari " + base_name(file) +
                                   ". Jangan disunting dengan tangan: lihat law/README.md."});
}

// ================================================================ UU 1/2023 (KUHP), excerpt

core::Result<std::string> convert_kuhp_text(std::string_view text, const std::string& file_name) {
  const std::string& file = file_name;
  // OCR corrections in the provisions Berkas relies on (Pasal 455-456, and the parts of
  // Pasal 622 that revoke UU 21/2007 Pasal 2). The rest of Pasal 622 stays as found.
  static const std::vector<Correction> corrections = {
      {27, "dimalsud", "dimaksud", "Pasal 455 ayat (2)"},
      {39, "dan/ atau", "dan/atau", "Pasal 456"},
      {155, "2l Tal:run 2OO7", "21 Tahun 2007", "Pasal 622 ayat (1) huruf q"},
      {157, "kmbaran", "Lembaran", "Pasal 622 ayat (1) huruf q"},
      {241, "ac.", "cc.", "Pasal 622 ayat (1): the list runs aa, bb, cc and ayat (21) cites huruf cc"},
  };
  auto src = read_source(text, file, corrections);
  if (!src) return tl::unexpected(src.error());
  if (src->header.empty() ||
      src->header[0].find("UU 1/2023 tentang Kitab Undang-Undang Hukum Pidana") == std::string::npos)
    return fail(ErrorCode::invalid_input, "header does not name UU 1/2023 (KUHP)", file, 1);

  static const std::regex marker_re(R"(^\[(\d+)\]$)");
  static const std::regex bagian_re(R"(^Bagian (\S+)$)");
  static const std::regex pasal_re(R"(^Pasal (\d+[A-Z]?)$)");
  std::smatch m;

  const std::string law_id = k_kuhp_law_id;
  Node root = element("undang-undang", {{"id", law_id}, {"nomor", "1"}, {"tahun", "2023"}});
  Node& meta = root.add(element("meta"));
  Node& batang = root.add(element("batang-tubuh"));
  Node* kutipan = nullptr;
  Node* bagian = nullptr;
  Node* heading_of = nullptr;
  std::optional<PasalBuilder> pasal;
  std::vector<Node*> pasals;
  for (const Line& line : src->body) {
    if (std::regex_match(line.text, m, marker_re)) {
      // "[1]", "[2]": the extract's own markers, not law text: kept as structure only.
      kutipan = &batang.add(element("kutipan", {{"nomor", m[1].str()}}));
      bagian = nullptr;
      pasal.reset();
      continue;
    }
    if (!kutipan) return fail(ErrorCode::invalid_input, "text before the first [n] extract marker", file, line.no);
    if (std::regex_match(line.text, m, bagian_re)) {
      bagian = &kutipan->add(element("bagian", {{"nomor", m[1].str()}}));
      bagian->add(leaf("nomor", line.segs));
      heading_of = bagian;
      pasal.reset();
      continue;
    }
    if (std::regex_match(line.text, m, pasal_re)) {
      const std::string id = law_id + "/pasal-" + m[1].str();
      Node& container = bagian ? *bagian : *kutipan;
      Node& p = container.add(element("pasal", {{"id", id}, {"nomor", m[1].str()}}));
      p.add(leaf("nomor", line.segs));
      pasal.emplace(p, id, Layout::wrapped, file);
      pasals.push_back(&p);
      heading_of = nullptr;
      continue;
    }
    if (heading_of) {
      heading_of->add(leaf("judul", line.segs));
      heading_of = nullptr;
      continue;
    }
    if (!pasal) return fail(ErrorCode::invalid_input, "text outside a Pasal", file, line.no);
    if (auto st = pasal->add(line); !st) return tl::unexpected(st.error());
  }

  // Pasal 624: when the code takes effect.
  Node* p624 = find_by_id(batang, law_id + "/pasal-624");
  static const std::regex in_force_re(
      R"(mulai berlaku setelah (\d+) \(\w+\) tahun terhitung sejak tanggal diundangkan)");
  std::string t624 = p624 ? text_of(*p624) : std::string();
  if (!std::regex_search(t624, m, in_force_re))
    return fail(ErrorCode::invalid_input, "Pasal 624 (entry into force) missing or unreadable", file);
  const int years = std::stoi(m[1].str());
  const std::string in_force =
      std::to_string(std::stoi(std::string(k_kuhp_promulgated).substr(0, 4)) + years) +
      std::string(k_kuhp_promulgated).substr(4);
  if (in_force != k_kuhp_in_force)
    return fail(ErrorCode::invalid_input, "Pasal 624 gives " + in_force + ", expected " + k_kuhp_in_force, file);

  // Pasal 622 ayat (1) huruf q must revoke UU 21/2007 Pasal 2, and ayat (9) redirect it.
  const std::string huruf_id = law_id + "/pasal-622/ayat-1/huruf-" + k_revoking_huruf;
  Node* huruf = find_by_id(batang, huruf_id);
  Node* ayat1 = find_by_id(batang, law_id + "/pasal-622/ayat-1");
  const std::string revoked =
      std::string("Pasal ") + k_revoked_pasal + " Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan";
  if (!huruf || text_of(*huruf).find(revoked) == std::string::npos ||
      text_of(*ayat1).find("dicabut dan dinyatakan tidak berlaku") == std::string::npos)
    return fail(ErrorCode::invalid_input, "Pasal 622 ayat (1) huruf q does not revoke Pasal 2 UU 21/2007", file);
  huruf->set("mencabut", std::string("uu-21-2007/pasal-") + k_revoked_pasal);

  Node* ayat9 = find_by_id(batang, law_id + "/pasal-622/ayat-" + k_redirect_ayat);
  static const std::regex redirect_re(
      R"(huruf (\w+) mengacu Pasal (\d+) Undang-Undang yang bersangkutan, pengacuannya diganti dengan Pasal (\d+) Undang-Undang ini)");
  const std::string t9 = ayat9 ? text_of(*ayat9) : std::string();
  if (!std::regex_search(t9, m, redirect_re) || m[1].str() != k_revoking_huruf || m[2].str() != k_revoked_pasal ||
      law_id + "/pasal-" + m[3].str() != k_successor)
    return fail(ErrorCode::invalid_input, "Pasal 622 ayat (9) does not redirect Pasal 2 UU 21/2007 to Pasal 455",
                file);
  ayat9->set("pengacuan-dari", std::string("uu-21-2007/pasal-") + k_revoked_pasal);
  ayat9->set("pengacuan-ke", k_successor);

  // Every Pasal (and ayat) of the code takes effect with the code.
  for (Node* p : pasals) {
    p->set("berlaku-sejak", in_force);
    for (auto& k : p->kids)
      if (k.tag == "ayat") k.set("berlaku-sejak", in_force);
  }

  std::vector<std::string> top = {
      "Dihasilkan oleh Berkas (ingest::convert_kuhp_text) dari " + base_name(file) +
          ". Jangan disunting dengan tangan: lihat law/README.md.",
      "Koreksi OCR (asli -> menjadi), masing-masing juga sebagai <koreksi> di tempatnya:"};
  for (const auto& c : corrections)
    top.push_back("  baris " + std::to_string(c.line) + ": \"" + c.asli + "\" -> \"" + c.menjadi + "\" (" + c.why +
                  ")");

  meta.add(leaf("judul", "Undang-Undang Nomor 1 Tahun 2023 tentang Kitab Undang-Undang Hukum Pidana"));
  meta.add(leaf("singkatan", k_kuhp_short));
  meta.add(leaf("diundangkan", k_kuhp_promulgated));
  meta.add(leaf("berlaku-sejak", in_force));
  Node s = leaf("sumber", sumber_text(src->header));
  s.set("berkas", base_name(file));
  meta.add(std::move(s));
  meta.add(leaf("catatan",
                "Kutipan, bukan undang-undang lengkap: [1] Pasal 455-456, [2] Pasal 622-624. Teks OCR; kesalahan "
                "dibiarkan seperti aslinya kecuali koreksi yang dicatat dengan <koreksi>. Penanda [1] dan [2] "
                "milik kutipan, bukan teks undang-undang, dan disimpan sebagai <kutipan>."));
  meta.add(leaf("catatan",
                std::string("Tanggal diundangkan (2 Januari 2023, LN 2023 No. 1) tidak ada dalam kutipan; tanggal "
                            "mulai berlaku dihitung dari Pasal 624 (") +
                    std::to_string(years) + " tahun sejak diundangkan): " + in_force + "."));
  meta.add(leaf("catatan", "Teks yang menutup daftar huruf (mis. 'dicabut dan dinyatakan tidak berlaku.' pada "
                           "Pasal 622 ayat (1)) tercatat pada huruf terakhir, karena teks OCR tidak memisahkannya."));

  return write_document(root, top);
}

}  // namespace berkas::ingest
