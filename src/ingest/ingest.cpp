#include "ingest/ingest.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <libxml/tree.h>

#include "core/hash.h"
#include "core/identifier.h"
#include "core/text.h"
#include "extract/extract.h"
#include "ingest/citations.h"
#include "ingest/internal/files.h"
#include "ingest/internal/xml_safe.h"
#include "ingest/putusan_text.h"

#if __has_include("ingest/law_xml.h")
#include "ingest/law_xml.h"
#define BERKAS_INGEST_HAS_LAW_XML 1
#endif

namespace berkas::ingest {

namespace internal {

core::Result<std::string> read_bounded(const std::filesystem::path& p, std::size_t max_bytes, const std::string& what) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(p, ec);
  if (ec) return core::fail(core::ErrorCode::io, "cannot read " + what + ": " + ec.message(), p.string());
  // Checked before reading: an oversized file is never loaded into memory.
  if (size > max_bytes)
    return core::fail(core::ErrorCode::invalid_input,
                what + " too large: " + std::to_string(size) + " bytes, limit " + std::to_string(max_bytes),
                p.string());
  std::ifstream in(p, std::ios::binary);
  if (!in) return core::fail(core::ErrorCode::io, "cannot open " + what, p.string());
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size)
    return core::fail(core::ErrorCode::io, what + " changed while being read", p.string());
  return bytes;
}

}  // namespace internal

namespace {

using internal::read_bounded;

namespace fs = std::filesystem;
using core::ErrorCode;
using core::fail;

// Which schema validates which root element. A root not listed here is refused.
struct RootSchema {
  const char* root;
  const char* xsd;
};
constexpr RootSchema k_root_schemas[] = {
    {"keterangan-saksi", "keterangan.xsd"},
    {"keterangan-terdakwa", "keterangan.xsd"},
    {"keterangan-ahli", "keterangan-ahli.xsd"},
    {"surat", "surat.xsd"},
    {"bukti-elektronik", "bukti-elektronik.xsd"},
    {"perkara", "perkara.xsd"},
    {"orang", "orang.xsd"},
    {"putusan", "putusan.xsd"},
    {"perlindungan", "perlindungan.xsd"},
    {"restitusi", "restitusi.xsd"},
#ifdef BERKAS_INGEST_HAS_LAW_XML
    {k_law_root_element, "law.xsd"},
#endif
};

// ------------------------------------------------------------------ DOM helpers

std::string name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

int line_of(const xmlNode* n) { return static_cast<int>(xmlGetLineNo(n)); }

std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetNoNsProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool flag(const xmlNode* n, const char* name) { return attr(n, name) == "ya"; }

// Text of an element, white space squeezed (source files are indented and wrapped freely).
std::string text_of(const xmlNode* n) {
  if (!n) return {};
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return core::squeeze_space(s);
}

std::vector<const xmlNode*> children(const xmlNode* n, const char* name = nullptr) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && (!name || name_of(c) == name)) out.push_back(c);
  return out;
}

const xmlNode* child(const xmlNode* n, const char* name) {
  if (!n) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && name_of(c) == name) return c;
  return nullptr;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

bool has_extension(const fs::path& p, std::initializer_list<const char*> exts) {
  const std::string e = core::ascii_lower(p.extension().string());
  return std::any_of(exts.begin(), exts.end(), [&](const char* x) { return e == x; });
}

// True if `inner` is `outer` or lies below it (both canonical), compared by path component so
// that "/a/bc" is not taken to be inside "/a/b".
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty() && std::next(o) == outer.end()) break;  // trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}


// Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no
// overlongs, no surrogates, nothing above U+10FFFF); only used to point at the fault.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) len = 1;
    else if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return i;
    }
    i += len;
  }
  return s.size();
}


// Amounts above this are refused as absurd (a thousand trillion rupiah): also keeps every sum
// of a claim's entries far from the int64 limit.
constexpr std::int64_t k_max_rupiah = 1'000'000'000'000'000;

}  // namespace

core::Result<std::int64_t> parse_rupiah(const std::string& text) {
  const std::string shown = core::squeeze_space(text);
  auto bad = [&](const std::string& what) { return fail(ErrorCode::invalid_input, what + ": '" + shown + "'"); };
  std::string_view s = shown;
  auto starts = [&](std::string_view p) {
    return s.size() >= p.size() && core::ascii_lower(std::string(s.substr(0, p.size()))) == p;
  };
  // A minus sign before or after "Rp": '-' or the Unicode minus U+2212.
  auto minus = [&] {
    if (!s.empty() && s.front() == '-') return s.remove_prefix(1), true;
    if (s.substr(0, 3) == "\xE2\x88\x92") return s.remove_prefix(3), true;
    return false;
  };
  bool negative = minus();
  if (starts("rp")) {
    s.remove_prefix(2);
    if (!s.empty() && s.front() == '.') s.remove_prefix(1);  // "Rp." as often typed
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  }
  negative = minus() || negative;
  if (negative)
    return bad("jumlah restitusi tidak boleh negatif / a restitution amount cannot be negative");
  if (s.empty()) return bad("jumlah kosong / the amount is empty");
  if (s.find(',') != std::string_view::npos)
    return bad("jumlah dalam rupiah penuh, tanpa sen atau desimal / whole rupiah only, no sen or decimals");
  for (char ch : s)
    if (!((ch >= '0' && ch <= '9') || ch == '.'))
      return bad("jumlah bukan angka rupiah / not an amount in rupiah");
  std::string digits;
  if (s.find('.') != std::string_view::npos) {
    // Dots group thousands: 1-3 digits, then groups of exactly three ("12.500.000").
    std::size_t group = 0, groups = 0;
    bool ok = true;
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || s[i] == '.') {
        if (group == 0 || group > 3 || (groups > 0 && group != 3)) ok = false;
        ++groups;
        group = 0;
      } else {
        ++group;
        digits += s[i];
      }
    }
    if (!ok)
      return bad("titik harus memisahkan ribuan, mis. 12.500.000 / dots must group thousands, e.g. 12.500.000");
  } else {
    digits = std::string(s);
  }
  if (digits.empty()) return bad("jumlah bukan angka rupiah / not an amount in rupiah");
  const std::size_t first = digits.find_first_not_of('0');
  const std::string significant = first == std::string::npos ? "0" : digits.substr(first);
  // 10^15 has 16 digits; anything longer is refused before it can overflow.
  if (significant.size() > 16 || std::stoll(significant) > k_max_rupiah)
    return bad("jumlah terlalu besar (lebih dari Rp1.000.000.000.000.000) / the amount is absurdly large");
  return std::stoll(significant);
}

namespace {

// ------------------------------------------------------------------ the reader

// Turns one validated document into domain objects and applies the checks a schema cannot
// express (numbering, non-blank text, attachments on disk). Errors carry the element's line.
class Reader {
 public:
  Reader(std::string path, const Limits& limits) : m_path(std::move(path)), m_limits(limits) {
    fs::path folder = fs::path(m_path).parent_path();
    m_folder = folder.empty() ? fs::path(".") : folder;
  }

  core::Status read(const xmlNode* root, Parsed& out) {
    const std::string root_name = name_of(root);
    if (root_name == "perkara") return read_case(root, out);
    if (root_name == "orang") return read_person(root, out);
    if (root_name == "putusan") return read_precedent(root, out);
    if (root_name == "perlindungan") return read_protection(root, out);
    if (root_name == "restitusi") return read_restitution(root, out);
    return read_item(root, out);
  }

 private:
  tl::unexpected<core::Error> error(const xmlNode* n, std::string message, std::string field = {}) const {
    return fail(ErrorCode::invalid_input, std::move(message), m_path, n ? line_of(n) : 0, std::move(field));
  }

  // The squeezed text of a child the schema requires; blank text is refused here because
  // xs:minLength cannot tell white space from words.
  core::Result<std::string> required(const xmlNode* parent, const char* name) const {
    const xmlNode* c = child(parent, name);
    if (!c) return error(parent, std::string("missing <") + name + ">", name);
    std::string t = text_of(c);
    if (t.empty()) return error(c, std::string("<") + name + "> is empty", name);
    return t;
  }

  core::Result<core::Date> date(const xmlNode* parent, const char* name, bool needed) const {
    const xmlNode* c = child(parent, name);
    if (!c) {
      if (needed) return error(parent, std::string("missing <") + name + ">", name);
      return core::Date{};
    }
    std::string d = text_of(c);
    if (!core::is_iso_date(d)) return error(c, "<" + std::string(name) + "> is not a valid date YYYY-MM-DD: " + d, name);
    return d;
  }

  core::Result<std::vector<std::string>> provisions(const xmlNode* list) const {
    std::vector<std::string> ids;
    if (!list) return ids;
    for (const xmlNode* k : children(list, "ketentuan")) {
      std::string id = attr(k, "id");
      if (id.empty()) return error(k, "<ketentuan> without id", "id");
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
    }
    return ids;
  }

  core::Status read_case(const xmlNode* root, Parsed& out) {
    core::Case c;
    c.id = attr(root, "id");
    c.fictional = flag(root, "fiktif");
    auto reg = required(root, "nomor-register");
    if (!reg) return tl::unexpected(reg.error());
    c.register_number = *reg;
    auto title = required(root, "judul");
    if (!title) return tl::unexpected(title.error());
    c.title = *title;
    auto court = required(root, "pengadilan");
    if (!court) return tl::unexpected(court.error());
    c.court = *court;
    const xmlNode* tahap = child(root, "tahap");
    auto stage = core::parse_case_stage(text_of(tahap));
    if (!stage) return error(tahap ? tahap : root, "unknown <tahap>: " + text_of(tahap), "tahap");
    c.stage = *stage;
    auto charged = provisions(child(root, "pasal-didakwakan"));
    if (!charged) return tl::unexpected(charged.error());
    c.charged_provisions = std::move(*charged);
    c.destination_country = core::ascii_lower(text_of(child(root, "negara-tujuan")));
    c.recruitment_channel = text_of(child(root, "saluran-perekrutan"));
    auto when = date(root, "tempus-delicti", true);
    if (!when) return tl::unexpected(when.error());
    c.offence_date = *when;
    c.summary = text_of(child(root, "ringkasan"));
    c.source_sha256 = out.source_sha256;
    out.kind = Parsed::Kind::case_file;
    out.case_file = std::move(c);
    return {};
  }

  core::Status read_person(const xmlNode* root, Parsed& out) {
    core::Person p;
    p.id = attr(root, "id");
    p.fictional = flag(root, "fiktif");
    p.is_protected = flag(root, "dilindungi");
    auto name = required(root, "nama");
    if (!name) return tl::unexpected(name.error());
    p.name = *name;
    p.pseudonym = text_of(child(root, "nama-samaran"));
    // A protected person without a pseudonym could only ever be shown by name.
    if (p.is_protected && p.pseudonym.empty())
      return error(root, "a protected person (dilindungi=\"ya\") needs a <nama-samaran>", "nama-samaran");
    const xmlNode* peran = child(root, "peran");
    auto role = core::parse_person_role(text_of(peran));
    if (!role) return error(peran ? peran : root, "unknown <peran>: " + text_of(peran), "peran");
    p.role = *role;
    for (const xmlNode* k : children(root, "perkara")) {
      std::string id = text_of(k);
      if (std::find(p.case_ids.begin(), p.case_ids.end(), id) == p.case_ids.end()) p.case_ids.push_back(id);
    }
    p.gender = text_of(child(root, "jenis-kelamin"));
    auto born = date(root, "tanggal-lahir", false);
    if (!born) return tl::unexpected(born.error());
    p.birth_date = *born;
    p.origin = text_of(child(root, "asal"));
    p.language = text_of(child(root, "bahasa"));
    p.needs_interpreter = text_of(child(root, "juru-bahasa")) == "ya";
    if (const xmlNode* pendamping = child(root, "pendamping")) {
      p.companion_id = attr(pendamping, "orang");
      if (p.companion_id == p.id) return error(pendamping, "<pendamping> names the person themself", "pendamping");
    }
    p.organisation = text_of(child(root, "lembaga"));
    if (const xmlNode* kontak = child(root, "kontak")) {
      // UU 21/2007 Pasal 44 and UU 31/2014: whoever may reach a witness or victim directly may
      // also press them; the file keeps only the companion's contact.
      if (p.role == core::PersonRole::saksi || p.role == core::PersonRole::saksi_korban ||
          p.role == core::PersonRole::tersangka || p.role == core::PersonRole::terdakwa)
        return error(kontak,
                     "saksi dan korban dihubungi hanya melalui pendamping; hapus <kontak> / "
                     "a witness or victim is contacted only through their companion",
                     "kontak");
      p.contact = text_of(kontak);
    }
    for (const xmlNode* n : children(root, "nomor-identitas")) {
      const std::string kind = attr(n, "jenis"), written = text_of(n);
      auto value = core::normalise_person_identifier(kind, written);
      if (!value)
        return error(n,
                     // The number itself is never echoed: an error message may reach a log.
                     "nomor-identitas jenis=\"" + kind + "\" tidak sah (" + std::to_string(written.size()) +
                         " karakter) / not a valid " + kind +
                         " number (nik: 16 digits; telepon: 0…, 62… or +country code; rekening: 6-20 digits; "
                         "paspor: 6-12 letters and digits; email; akun: a handle)",
                     "nomor-identitas");
      const bool seen = std::any_of(p.identifiers.begin(), p.identifiers.end(),
                                    [&](const core::PersonIdentifier& i) { return i.kind == kind && i.value == *value; });
      if (!seen) p.identifiers.push_back({kind, *value});
    }
    p.source_sha256 = out.source_sha256;
    out.kind = Parsed::Kind::person;
    out.person = std::move(p);
    return {};
  }

  static core::Result<std::int64_t> number(const xmlNode* n) {
    if (!n) return 0;
    try {
      return std::stoll(text_of(n));
    } catch (const std::exception&) {
      return 0;  // unreachable after the schema (xs:nonNegativeInteger with a maximum)
    }
  }

  core::Status read_precedent(const xmlNode* root, Parsed& out) {
    core::Precedent p;
    p.fictional = flag(root, "fiktif");
    auto nomor = required(root, "nomor");
    if (!nomor) return tl::unexpected(nomor.error());
    p.number = *nomor;
    p.id = attr(root, "id");
    if (p.id.empty()) p.id = core::slugify(p.number);
    auto court = required(root, "pengadilan");
    if (!court) return tl::unexpected(court.error());
    p.court = *court;
    auto when = date(root, "tanggal", true);
    if (!when) return tl::unexpected(when.error());
    p.date = *when;
    p.defendant = text_of(child(root, "terdakwa"));
    auto charged = provisions(child(root, "pasal-didakwakan"));
    if (!charged) return tl::unexpected(charged.error());
    p.provisions_charged = std::move(*charged);
    auto applied = provisions(child(root, "pasal-diterapkan"));
    if (!applied) return tl::unexpected(applied.error());
    p.provisions_applied = std::move(*applied);
    auto amar = required(root, "amar");
    if (!amar) return tl::unexpected(amar.error());
    p.verdict = *amar;
    p.prison_months = static_cast<int>(*number(child(root, "pidana-penjara-bulan")));
    p.fine_rupiah = *number(child(root, "denda"));
    p.restitution_rupiah = *number(child(root, "restitusi"));
    p.sentence_text = text_of(child(root, "bunyi-pidana"));
    // One defendant's outcome from the summary fields: <hasil> when given, else guilty when a
    // penalty is imposed; the months as years and months, as a court words them.
    core::DefendantOutcome o;
    o.defendant = p.defendant;
    o.sentence.prison = {p.prison_months / 12, p.prison_months % 12, 0};
    o.sentence.fine_rupiah = p.fine_rupiah;
    o.sentence.restitution_rupiah = p.restitution_rupiah;
    const std::string hasil = text_of(child(root, "hasil"));
    o.outcome = !hasil.empty() ? core::parse_outcome(hasil).value_or(core::Outcome::lainnya)
                : o.sentence.empty() ? core::Outcome::lainnya
                                     : core::Outcome::bersalah;
    p.outcomes.push_back(std::move(o));
    p.pronounced = p.date;
    p.ruling_kind = "putusan";
    p.reader = k_decision_reader;
    std::vector<std::string> paragraphs;
    if (const xmlNode* teks = child(root, "teks"))
      for (const xmlNode* para : children(teks, "p")) paragraphs.push_back(text_of(para));
    p.text = join(paragraphs, "\n");
    if (p.text.empty()) return error(root, "<teks> is empty", "teks");
    p.source_sha256 = out.source_sha256;
    out.citations = extract_citations_as_of(p.text, p.date);
    out.kind = Parsed::Kind::precedent;
    out.precedent = std::move(p);
    return {};
  }

  // A date element checked as a real calendar date (the schema's xs:date takes "2024-02-30").
  core::Result<core::Date> real_date(const xmlNode* parent, const char* name, bool needed) const {
    return date(parent, name, needed);
  }

  core::Status read_protection(const xmlNode* root, Parsed& out) {
    core::ProtectionMeasure m;
    m.id = attr(root, "id");
    m.person_id = attr(root, "orang");
    m.case_id = attr(root, "perkara");
    m.fictional = flag(root, "fiktif");
    const xmlNode* jenis = child(root, "jenis");
    auto kind = core::parse_protection_kind(text_of(jenis));
    if (!kind) return error(jenis ? jenis : root, "unknown <jenis>: " + text_of(jenis), "jenis");
    m.kind = *kind;
    const xmlNode* status_node = child(root, "status");
    auto status = core::parse_measure_status(text_of(status_node));
    if (!status) return error(status_node ? status_node : root, "unknown <status>: " + text_of(status_node), "status");
    m.status = *status;
    auto requested = real_date(root, "diajukan", true);
    if (!requested) return tl::unexpected(requested.error());
    m.requested = *requested;
    auto decided = real_date(root, "diputus", false);
    if (!decided) return tl::unexpected(decided.error());
    m.decided = *decided;
    auto until = real_date(root, "sampai", false);
    if (!until) return tl::unexpected(until.error());
    m.until = *until;
    if (m.status == core::MeasureStatus::diajukan && !m.decided.empty())
      return error(child(root, "diputus"),
                   "status diajukan belum diputus; hapus <diputus> atau ubah <status> / "
                   "a measure only requested has no decision date",
                   "diputus");
    if (m.status != core::MeasureStatus::diajukan && m.decided.empty())
      return error(status_node,
                   std::string("status ") + core::code_of(m.status) +
                       " memerlukan <diputus> (tanggal keputusan) / a decided measure needs its decision date <diputus>",
                   "diputus");
    if (!m.decided.empty() && m.decided < m.requested)
      return error(child(root, "diputus"),
                   "<diputus> " + m.decided + " sebelum <diajukan> " + m.requested +
                       " / the decision cannot come before the request",
                   "diputus");
    if (!m.until.empty()) {
      const core::Date& from = m.decided.empty() ? m.requested : m.decided;
      if (m.until < from)
        return error(child(root, "sampai"),
                     "<sampai> " + m.until + " sebelum " + from + " / the end date cannot come before the measure began",
                     "sampai");
    }
    m.authority = text_of(child(root, "oleh"));
    m.reference = text_of(child(root, "nomor"));
    m.description = text_of(child(root, "keterangan"));
    if (m.kind == core::ProtectionKind::lainnya && m.description.empty())
      return error(jenis,
                   "jenis \"lainnya\" memerlukan <keterangan> / a measure of kind \"lainnya\" needs a <keterangan> "
                   "saying what it is",
                   "keterangan");
    m.source_sha256 = out.source_sha256;
    out.kind = Parsed::Kind::protection;
    out.protection = std::move(m);
    return {};
  }

  // An amount element read with parse_rupiah; errors carry this file and the element's line.
  core::Result<std::int64_t> amount(const xmlNode* n, const char* field) const {
    xmlChar* v = xmlNodeGetContent(n);
    std::string raw = v ? reinterpret_cast<const char*>(v) : "";
    if (v) xmlFree(v);
    auto a = parse_rupiah(raw);
    if (!a) return error(n, a.error().message, field);
    return *a;
  }

  core::Status read_restitution(const xmlNode* root, Parsed& out) {
    core::RestitutionClaim c;
    c.id = attr(root, "id");
    c.person_id = attr(root, "orang");
    c.case_id = attr(root, "perkara");
    c.fictional = flag(root, "fiktif");
    const xmlNode* status_node = child(root, "status");
    auto status = core::parse_claim_status(text_of(status_node));
    if (!status) return error(status_node ? status_node : root, "unknown <status>: " + text_of(status_node), "status");
    c.status = *status;
    auto when = real_date(root, "tanggal", true);
    if (!when) return tl::unexpected(when.error());
    c.date = *when;
    c.assessed_by = text_of(child(root, "dinilai-oleh"));
    c.claimant_note = text_of(child(root, "catatan-pemohon"));
    std::int64_t sum = 0;
    for (const xmlNode* r : children(root, "rincian")) {
      core::RestitutionEntry e;
      auto head = core::parse_restitution_head(attr(r, "jenis"));
      if (!head) return error(r, "unknown jenis: " + attr(r, "jenis"), "jenis");
      e.head = *head;
      auto uraian = required(r, "uraian");
      if (!uraian) return tl::unexpected(uraian.error());
      e.description = *uraian;
      const xmlNode* jumlah = child(r, "jumlah");
      if (!jumlah) return error(r, "missing <jumlah>", "jumlah");
      auto a = amount(jumlah, "jumlah");
      if (!a) return tl::unexpected(a.error());
      e.amount_rupiah = *a;
      sum += e.amount_rupiah;  // each at most 10^15; checked below before the next one is added
      if (sum > k_max_rupiah)
        return error(jumlah, "jumlah rincian terlalu besar / the entries add up to an absurd amount: " +
                                 core::format_rupiah(sum), "jumlah");
      for (const xmlNode* b : children(r, "bukti")) {
        std::string id = attr(b, "item");
        if (std::find(e.evidence_ids.begin(), e.evidence_ids.end(), id) == e.evidence_ids.end())
          e.evidence_ids.push_back(std::move(id));
      }
      c.entries.push_back(std::move(e));
    }
    if (c.entries.empty())
      return error(root, "restitusi memerlukan sedikitnya satu <rincian> / a restitution claim needs at least one entry",
                   "rincian");
    if (const xmlNode* total = child(root, "jumlah-total")) {
      auto stated = amount(total, "jumlah-total");
      if (!stated) return tl::unexpected(stated.error());
      if (*stated != sum)
        return error(total, "angka tidak cocok / the figures do not add up: jumlah-total " + core::format_rupiah(*stated) +
                                " tetapi jumlah rincian " + core::format_rupiah(sum) + " / but the entries sum to " +
                                core::format_rupiah(sum),
                     "jumlah-total");
    }
    const bool decided = c.status == core::ClaimStatus::dikabulkan ||
                         c.status == core::ClaimStatus::dikabulkan_sebagian || c.status == core::ClaimStatus::dibayar;
    if (const xmlNode* granted = child(root, "dikabulkan")) {
      if (!decided)
        return error(granted,
                     std::string("status ") + core::code_of(c.status) +
                         " tidak mempunyai jumlah yang dikabulkan; hapus <dikabulkan> / a claim that is " +
                         core::code_of(c.status) + " has no granted amount",
                     "dikabulkan");
      auto g = amount(granted, "dikabulkan");
      if (!g) return tl::unexpected(g.error());
      if (*g > sum)
        return error(granted, "jumlah yang dikabulkan " + core::format_rupiah(*g) + " melebihi jumlah yang dimohon " +
                                  core::format_rupiah(sum) + " / the amount granted exceeds the amount claimed",
                     "dikabulkan");
      c.granted_rupiah = *g;
    } else if (decided) {
      return error(status_node,
                   std::string("status ") + core::code_of(c.status) +
                       " memerlukan <dikabulkan> (jumlah yang dikabulkan) / a granted or paid claim needs the amount "
                       "granted <dikabulkan>",
                   "dikabulkan");
    }
    c.decision_reference = text_of(child(root, "putusan"));
    c.source_sha256 = out.source_sha256;
    out.kind = Parsed::Kind::restitution;
    out.restitution = std::move(c);
    return {};
  }

  // "IPDA Budi Contoh (NRP 81010012)": the examiner as one line, the way a BAP names them.
  static std::string examiner_of(const xmlNode* pemeriksa) {
    if (!pemeriksa) return {};
    std::string s = join({text_of(child(pemeriksa, "pangkat")), text_of(child(pemeriksa, "nama"))}, " ");
    if (std::string nrp = text_of(child(pemeriksa, "nrp")); !nrp.empty()) s += " (NRP " + nrp + ")";
    return s;
  }

  core::Status read_item(const xmlNode* root, Parsed& out) {
    const std::string root_name = name_of(root);
    core::EvidenceItem item;
    if (root_name == "keterangan-saksi") item.kind = core::EvidenceKind::keterangan_saksi;
    else if (root_name == "keterangan-terdakwa") item.kind = core::EvidenceKind::keterangan_terdakwa;
    else if (root_name == "keterangan-ahli") item.kind = core::EvidenceKind::keterangan_ahli;
    else if (root_name == "surat") item.kind = core::EvidenceKind::surat;
    else if (root_name == "bukti-elektronik") item.kind = core::EvidenceKind::elektronik;
    else return error(root, "unknown root element <" + root_name + ">");

    item.id = attr(root, "id");
    item.case_id = attr(root, "perkara");
    item.person_id = attr(root, "orang");
    item.fictional = flag(root, "fiktif");
    item.released_for_training = flag(root, "rilis-pelatihan");

    const xmlNode* kepala = child(root, "kepala");
    if (!kepala) return error(root, "missing <kepala>", "kepala");
    auto title = required(kepala, "judul");
    if (!title) return tl::unexpected(title.error());
    item.title = *title;
    auto when = date(kepala, "tanggal", true);
    if (!when) return tl::unexpected(when.error());
    item.date = *when;
    item.place = text_of(child(kepala, "tempat"));
    item.examiner = examiner_of(child(kepala, "pemeriksa"));
    if (item.examiner.empty()) item.examiner = text_of(child(kepala, "pembuat"));
    item.country = core::ascii_lower(text_of(child(kepala, "negara")));
    item.correction_note = text_of(child(kepala, "catatan-koreksi"));
    for (const xmlNode* t : children(root, "tentang")) {
      std::string id = attr(t, "orang");
      if (std::find(item.about_person_ids.begin(), item.about_person_ids.end(), id) == item.about_person_ids.end())
        item.about_person_ids.push_back(std::move(id));
    }

    // The model has no fields for these header facts; they lead the summary so that they are
    // shown, indexed and kept with the item.
    std::vector<std::string> facts;
    auto fact = [&](const char* label, const char* element) {
      if (std::string v = text_of(child(kepala, element)); !v.empty()) facts.push_back(std::string(label) + ": " + v);
    };
    fact("Status", "status");
    fact("Bidang keahlian", "bidang-keahlian");
    fact("Jenis surat", "jenis-surat");
    fact("Nomor surat", "nomor-surat");
    fact("Jenis bukti", "jenis-bukti");
    fact("Pukul", "waktu");
    item.summary = join({join(facts, "; "), text_of(child(kepala, "ringkasan"))}, "\n");

    if (const xmlNode* perolehan = child(kepala, "perolehan")) {
      std::vector<std::string> lines;
      auto line = [&](const char* label, const char* element) {
        if (std::string v = text_of(child(perolehan, element)); !v.empty()) lines.push_back(std::string(label) + ": " + v);
      };
      line("Cara perolehan", "cara");
      line("Perangkat", "perangkat");
      line("Hash saat perolehan", "hash");
      line("Sumber", "sumber");
      item.sections.push_back({"Perolehan", join(lines, "\n")});
    }

    if (const xmlNode* pemeriksaan = child(root, "pemeriksaan"))
      if (auto st = read_qa(pemeriksaan, item); !st) return st;
    for (const xmlNode* bagian : children(root, "bagian")) {
      core::Section s;
      auto heading = required(bagian, "judul");
      if (!heading) return tl::unexpected(heading.error());
      s.heading = *heading;
      std::vector<std::string> paragraphs;
      for (const xmlNode* t : children(bagian, "teks")) paragraphs.push_back(text_of(t));
      s.text = join(paragraphs, "\n");
      if (s.text.empty()) return error(bagian, "<bagian> has no text", "teks");
      item.sections.push_back(std::move(s));
    }
    if (const xmlNode* daftar = child(root, "daftar-lampiran"))
      for (const xmlNode* l : children(daftar, "lampiran")) {
        auto file = load_attachment(l);
        if (!file) return tl::unexpected(file.error());
        for (const auto& seen : out.attachments)
          if (seen.meta.name == file->meta.name) return error(l, "attachment listed twice: " + file->meta.name, "berkas");
        item.attachments.push_back(file->meta);
        out.attachments.push_back(std::move(*file));
      }

    item.source_sha256 = out.source_sha256;
    out.citations = extract_citations(item.full_text());
    out.kind = Parsed::Kind::item;
    out.item = std::move(item);
    return {};
  }

  // Numbers must run 1, 2, 3, ... in document order: a gap or a repeat means a page or an
  // answer went missing when the record was typed.
  core::Status read_qa(const xmlNode* pemeriksaan, core::EvidenceItem& item) const {
    int expected = 1;
    for (const xmlNode* tj : children(pemeriksaan, "tanya-jawab")) {
      const std::string nomor = attr(tj, "nomor");
      int n = 0;
      try {
        n = std::stoi(nomor);
      } catch (const std::exception&) {
        return error(tj, "<tanya-jawab> nomor is not a number: " + nomor, "nomor");
      }
      if (n != expected)
        return error(tj,
                     "question/answer numbering: expected nomor " + std::to_string(expected) + ", found " +
                         std::to_string(n) + " (numbers must run 1, 2, 3, ... without gaps)",
                     "nomor");
      core::QaPair qa;
      qa.number = n;
      auto q = required(tj, "pertanyaan");
      if (!q) return tl::unexpected(q.error());
      auto a = required(tj, "jawaban");
      if (!a) return tl::unexpected(a.error());
      qa.question = *q;
      qa.answer = *a;
      item.qa.push_back(std::move(qa));
      ++expected;
    }
    if (item.qa.empty()) return error(pemeriksaan, "no <tanya-jawab>", "tanya-jawab");
    return {};
  }

  core::Result<AttachmentFile> load_attachment(const xmlNode* l) const {
    const std::string rel = attr(l, "berkas");
    auto bad = [&](const std::string& why) { return error(l, "attachment '" + rel + "': " + why, "berkas"); };
    if (rel.empty()) return bad("no path");
    if (rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos)
      return bad("only '/' separates folders");
    const fs::path p(rel);
    if (p.is_absolute() || p.has_root_name() || p.has_root_directory() || rel.front() == '/')
      return bad("absolute paths are not allowed");
    for (const auto& part : p)
      if (part == "..") return bad("'..' is not allowed");

    std::error_code ec;
    const fs::path base = fs::weakly_canonical(fs::absolute(m_folder, ec), ec);
    if (ec) return bad("cannot resolve the file's folder: " + ec.message());
    // weakly_canonical follows symlinks, so a link inside the folder that points out of it is
    // caught by the prefix check.
    const fs::path target = fs::weakly_canonical(base / p, ec);
    if (ec) return bad("cannot resolve: " + ec.message());
    if (!is_within(target, base)) return bad("escapes the file's folder (symlink?)");
    if (!fs::is_regular_file(target, ec)) return bad("not found or not a regular file");

    auto bytes = read_bounded(target, m_limits.max_attachment_bytes, "attachment");
    if (!bytes) {
      auto e = bytes.error();
      return bad(e.message);
    }
    AttachmentFile f;
    f.meta.name = rel;
    f.meta.sha256 = core::sha256_hex(*bytes);
    f.meta.media_type = attr(l, "jenis-media");
    f.meta.size = static_cast<std::int64_t>(bytes->size());
    f.meta.description = text_of(l);
    const std::string declared = core::ascii_lower(attr(l, "sha256"));
    if (f.meta.sha256 != declared)
      return bad("hash mismatch: declared sha256 " + declared + ", actual " + f.meta.sha256);
    f.bytes = std::move(*bytes);
    return f;
  }

  std::string m_path;
  Limits m_limits;
  fs::path m_folder;
};

core::Result<Parsed> parse_xml(Parsed out, const std::string& schema_dir, const Limits& limits) {
  internal::XmlLimits xml_limits;
  xml_limits.max_depth = limits.max_depth;
  xml_limits.max_attributes = limits.max_attributes;
  xml_limits.max_text_bytes = limits.max_text_bytes;
  auto doc = internal::parse_untrusted(out.source, out.path, xml_limits);
  if (!doc) return tl::unexpected(doc.error());
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  const std::string root_name = name_of(root);

  const RootSchema* match = nullptr;
  if (!root->ns)
    for (const auto& rs : k_root_schemas)
      if (root_name == rs.root) match = &rs;
  if (!match) {
    std::string known;
    for (const auto& rs : k_root_schemas) known += std::string(known.empty() ? "" : ", ") + "<" + rs.root + ">";
    return fail(ErrorCode::invalid_input,
                "unknown root element <" + root_name + (root->ns ? "> in a namespace" : ">") + "; expected one of " + known,
                out.path, line_of(root), root_name);
  }
  const std::string xsd = (fs::path(schema_dir) / match->xsd).string();
  if (auto valid = internal::validate_against(doc->get(), xsd, out.path); !valid) return tl::unexpected(valid.error());

#ifdef BERKAS_INGEST_HAS_LAW_XML
  if (root_name == k_law_root_element) {
    doc->reset();  // parse_law_xml reads the bytes itself; the checked tree is no longer needed
    auto law = parse_law_xml(out.source, out.path);
    if (!law) return tl::unexpected(law.error());
    out.kind = Parsed::Kind::law;
    out.law = std::move(law->law);
    out.provisions = std::move(law->provisions);
    return out;
  }
#endif

  Reader reader(out.path, limits);
  if (auto st = reader.read(root, out); !st) return tl::unexpected(st.error());
  return out;
}


}  // namespace

namespace internal {

core::Result<Parsed> parse_decision_text(Parsed out) {
  auto p = parse_putusan_text(out.source, out.path);
  if (!p) {
    auto e = p.error();
    if (e.file.empty()) e.file = out.path;
    return tl::unexpected(e);
  }
  // A precedent is only useful whole: a text cut short (a truncated download or upload, a
  // partial copy) has no ruling or no date, and must not stand as a decision.
  if (p->verdict.empty() || p->date.empty()) {
    const int last_line = 1 + static_cast<int>(std::count(out.source.begin(), out.source.end(), '\n'));
    std::string missing = p->verdict.empty() ? "amar putusan (MENGADILI)" : "";
    if (p->date.empty()) missing += std::string(missing.empty() ? "" : " dan ") + "tanggal putusan";
    std::string missing_en = p->verdict.empty() ? "the ruling (MENGADILI)" : "";
    if (p->date.empty()) missing_en += std::string(missing_en.empty() ? "" : " and ") + "the decision date";
    return core::fail(core::ErrorCode::invalid_input,
                "putusan tidak lengkap: tidak ada " + missing + " sampai akhir teks / incomplete decision: no " +
                    missing_en + " by the end of the text",
                out.path, last_line, p->verdict.empty() ? "amar" : "tanggal");
  }
  p->source_sha256 = out.source_sha256;
  out.citations = extract_citations_as_of(p->text, p->date);
  out.kind = Parsed::Kind::precedent;
  out.precedent = std::move(*p);
  return out;
}

}  // namespace internal

core::Result<Parsed> parse_bytes(const std::string& bytes, const std::string& path, const std::string& schema_dir,
                                 const Limits& limits) {
  if (bytes.size() > limits.max_file_bytes)
    return fail(ErrorCode::invalid_input,
                "file too large: " + std::to_string(bytes.size()) + " bytes, limit " + std::to_string(limits.max_file_bytes),
                path);
  if (!core::is_valid_utf8(bytes)) {
    const std::size_t at = first_invalid_utf8(bytes);
    const int line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    return fail(ErrorCode::invalid_input, "not valid UTF-8 (byte " + std::to_string(at) + ")", path, line);
  }
  // A NUL is never text (a binary file, or a corrupted export); stored, it would cut every C
  // string made of the text later (PDF, logs).
  if (const auto nul = bytes.find('\0'); nul != std::string::npos) {
    const int line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(nul), '\n'));
    return fail(ErrorCode::invalid_input,
                "berkas memuat byte NUL (byte " + std::to_string(nul) + "); bukan teks / the file contains a NUL byte; not text",
                path, line);
  }
  Parsed out;
  out.path = path;
  out.source = bytes;
  out.source_sha256 = core::sha256_hex(bytes);
  // A decision's text by its name, or by its content when the name says nothing of XML.
  if (has_extension(path, {".txt"}) ||
      (!has_extension(path, {".xml"}) && extract::sniff(out.source) == extract::Format::plain_text))
    return internal::parse_decision_text(std::move(out));
  return parse_xml(std::move(out), schema_dir, limits);
}

core::Result<Parsed> parse_file(const std::string& path, const std::string& schema_dir, const Limits& limits) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return fail(ErrorCode::io, "no such file", path);
  auto bytes = read_bounded(path, limits.max_file_bytes, "file");
  if (!bytes) {
    auto e = bytes.error();
    e.file = path;
    return tl::unexpected(e);
  }
  return parse_bytes(*bytes, path, schema_dir, limits);
}

core::Result<std::vector<std::string>> list_inputs(const std::string& dir, bool any_file) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fail(ErrorCode::io, "not a folder", dir);
  const fs::path base = fs::weakly_canonical(fs::absolute(dir), ec);
  if (ec) return fail(ErrorCode::io, "cannot resolve folder: " + ec.message(), dir);

  std::vector<std::string> out;
  // Folder symlinks are not followed (no loops, nothing outside); file symlinks are kept only
  // when they resolve inside the folder.
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) return fail(ErrorCode::io, "cannot list folder: " + ec.message(), dir);
  for (; it != end; it.increment(ec)) {
    if (ec) return fail(ErrorCode::io, "cannot list folder: " + ec.message(), dir);
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    // Hidden files and folders (".git", editor backups) are never inputs; "lampiran" folders
    // hold attachments, which are read through the XML that lists them, never on their own.
    if (name.empty() || name.front() == '.' || (it->is_directory(ec) && name == "lampiran")) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec)) {
      const fs::path target = fs::weakly_canonical(p, ec);
      if (ec || !is_within(target, base) || !fs::is_regular_file(target, ec)) continue;
    } else if (!it->is_regular_file(ec)) {
      continue;
    }
    if (any_file || has_extension(p, {".xml", ".txt"})) out.push_back(p.string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace berkas::ingest
