// extract/identifiers: one pass over the text per family of identifiers — numbers (phone, NIK,
// bank account, e-wallet), web names (e-mail, handle, domain), crypto addresses, and codes
// (passport, plate, flight) — each reading the words near a candidate through its own CueWindow;
// then the families are merged by offset and overlapping readings resolved. Every pass is
// linear in the text: candidates, windows and values are bounded where they are read.
//
// Module-private pieces (src/extract/internal/): identifier_scan (characters, CueWindow, Sink),
// identifier_tables (banks, e-wallets, cue words, TLDs, plate regions, carriers),
// identifier_checks (Base58Check, bech32, EIP-55, NIK) and identifier_codes (the codes' pass).
#include "extract/identifiers.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "extract/internal/identifier_checks.h"
#include "extract/internal/identifier_codes.h"
#include "extract/internal/identifier_scan.h"
#include "extract/internal/identifier_tables.h"

namespace berkas::extract {

namespace {

using namespace internal;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// --- Bounds ------------------------------------------------------------------------------------

constexpr std::size_t k_max_group_chars = 20;   // a digit group longer than this is no identifier
constexpr std::size_t k_max_span_groups = 6;    // digit groups one number may be written in
constexpr std::size_t k_max_number_digits = 20;
constexpr std::size_t k_chain_flush = 64;       // digit groups held before reading them
constexpr std::size_t k_max_phone_checks = 20000;
constexpr std::size_t k_phone_cache = 4096;
constexpr std::size_t k_max_host = 253;
constexpr std::size_t k_max_local = 64;
constexpr std::size_t k_max_typed = 512;

// --- Separators --------------------------------------------------------------------------------

// A separator between the digit groups of one number: its byte count at `pos`, else 0.
std::size_t separator_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  const char c = s[pos];
  if (c == ' ' || c == '-' || c == '.') return 1;
  const std::string_view rest = s.substr(pos, 3);
  if (rest.substr(0, 2) == "\xC2\xA0") return 2;                    // no-break space
  if (rest == "\xE2\x80\xAF" || rest == "\xE2\x80\x93" ||            // narrow nbsp, en dash
      rest == "\xE2\x80\x90" || rest == "\xE2\x80\x91") {            // hyphen, nb hyphen
    return 3;
  }
  return 0;
}

// --- Phone numbers -----------------------------------------------------------------------------

struct Phone {
  std::string e164;
  std::string region;
};

// libphonenumber behind a per-call cache and budget: Parse and IsValidNumber cost ~15 µs.
class PhoneChecker {
 public:
  PhoneChecker() : m_util(*PhoneNumberUtil::GetInstance()) {}

  // The number `digits` (after a '+' when `plus`) is, if it is a valid one of 8 digits or more.
  // Without '+' it must be Indonesian: "0…" (an area code or mobile prefix) or "62…".
  std::optional<Phone> check(bool plus, std::string_view digits) {
    if (digits.size() < 8 || digits.size() > 15) return std::nullopt;
    std::string key;
    if (plus) {
      if (digits[0] == '0') return std::nullopt;
      key = "+";
    } else if (digits.substr(0, 2) == "62") {
      if (digits.size() < 10) return std::nullopt;
      key = "+";
    } else if (digits[0] != '0' || digits[1] < '2') {
      return std::nullopt;
    }
    key += digits;
    if (auto it = m_cache.find(key); it != m_cache.end()) return it->second;
    if (m_checks >= k_max_phone_checks) return std::nullopt;
    ++m_checks;
    std::optional<Phone> result;
    PhoneNumber number;
    if (m_util.Parse(key, "ID", &number) == PhoneNumberUtil::NO_PARSING_ERROR &&
        m_util.IsValidNumber(number)) {
      Phone p;
      m_util.Format(number, PhoneNumberUtil::E164, &p.e164);
      m_util.GetRegionCodeForNumber(number, &p.region);
      result = std::move(p);
    }
    if (m_cache.size() >= k_phone_cache) m_cache.clear();
    m_cache.emplace(std::move(key), result);
    return result;
  }

 private:
  const PhoneNumberUtil& m_util;
  std::unordered_map<std::string, std::optional<Phone>> m_cache;
  std::size_t m_checks = 0;
};

// --- Numbers: phone, e-wallet, bank account, NIK -------------------------------------------------

bool ocr_letter(char c) { return c == 'O' || c == 'o' || c == 'l' || c == 'I'; }
bool digitish(char c) { return is_digit(c) || ocr_letter(c); }

struct Group {
  std::size_t begin = 0;  // the digits as written (OCR letters included)
  std::size_t end = 0;
  std::size_t lead = 0;   // where the writing starts: the '+' or '(' before a chain's first group
  std::size_t tail = 0;   // where it ends: after a closing ')'
  std::string digits;     // O/o read as 0, l/I as 1
  int ocr = 0;
  char sep = 0;           // the separator before it (' ', '-', '.', 'u' for a Unicode one); 0 first
  bool plus = false;
  bool paren = false;     // opened by '(' before it
};

class NumberScanner {
 public:
  NumberScanner(std::string_view text, Mode mode, Sink& sink, PhoneChecker& phones)
      : m_text(text), m_mode(mode), m_sink(sink), m_phones(phones), m_cues(text) {}

  void run() {
    const std::size_t n = m_text.size();
    std::size_t p = 0;
    while (p < n && !m_sink.full()) {
      if (!digitish(m_text[p])) {
        ++p;
        continue;
      }
      std::size_t q = p;
      while (q < n && digitish(m_text[q])) ++q;
      Group g;
      if (!make_group(p, q, g)) {
        finish();
        p = q;
        continue;
      }
      if (!m_chain.empty() && joins(m_chain.back(), p, &g.sep)) {
        m_chain.push_back(std::move(g));
      } else {
        finish();
        open(g);
        m_chain.push_back(std::move(g));
      }
      Group& last = m_chain.back();
      last.tail = q;
      if (last.paren && q < n && m_text[q] == ')') {
        last.tail = q + 1;
      } else if (last.paren) {  // "(0857 1122 3344)": the parenthesis is not the number's
        last.paren = false;
        last.lead = last.plus ? last.begin - 1 : last.begin;
      }
      p = last.tail;
      if (m_chain.size() >= k_chain_flush) flush(false);
    }
    finish();
  }

 private:
  bool make_group(std::size_t b, std::size_t e, Group& g) const {
    if (e - b > k_max_group_chars || word_char_before(m_text, b) || word_char_at(m_text, e)) {
      return false;
    }
    int real = 0;
    for (std::size_t i = b; i < e; ++i) {
      const char c = m_text[i];
      if (is_digit(c)) {
        ++real;
        g.digits += c;
      } else {
        ++g.ocr;
        g.digits += (c == 'O' || c == 'o') ? '0' : '1';
      }
    }
    if (real == 0 || g.ocr > real) return false;
    g.begin = b, g.end = e, g.lead = b;
    return true;
  }

  // A chain's first group: a '+' and a '(' written right before it.
  void open(Group& g) const {
    std::size_t lead = g.begin;
    if (lead > 0 && m_text[lead - 1] == '(') {
      g.paren = true, --lead;
    } else if (lead > 0 && m_text[lead - 1] == '+') {
      g.plus = true, --lead;
      if (lead > 0 && m_text[lead - 1] == '(') g.paren = true, --lead;
    }
    if (word_char_before(m_text, lead)) {
      g.plus = g.paren = false, lead = g.begin;
    }
    g.lead = lead;
  }

  // Whether the group at `pos` continues the number `prev` belongs to: one separator between
  // them (or none after a closing parenthesis).
  bool joins(const Group& prev, std::size_t pos, char* sep) const {
    const std::size_t gap = pos - prev.tail;
    if (gap == 0) {
      *sep = ' ';
      return prev.tail > prev.end;
    }
    const std::size_t len = separator_at(m_text, prev.tail);
    if (len == 0 || len != gap) return false;
    *sep = len == 1 ? m_text[prev.tail] : 'u';
    return true;
  }

  void finish() { flush(true); }

  // Reads the chain from its first unread group; all of it when `final`, else as long as a
  // whole span of groups is in hand.
  void flush(bool final) {
    std::size_t i = 0;
    while (i < m_chain.size() && !m_sink.full() &&
           (final || i + k_max_span_groups < m_chain.size())) {
      i = read_at(i);
    }
    if (final) {
      m_chain.clear();
    } else {
      m_chain.erase(m_chain.begin(), m_chain.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }

  // Reads the longest number starting at group i; the index of the group after what was read.
  std::size_t read_at(std::size_t i) {
    std::array<std::size_t, k_max_span_groups> counts{};  // digits of the span i..i+k
    std::size_t spans = 0;
    for (std::size_t d = 0; spans < k_max_span_groups && i + spans < m_chain.size(); ++spans) {
      d += m_chain[i + spans].digits.size();
      if (d > k_max_number_digits) break;
      counts[spans] = d;
    }
    for (std::size_t k = spans; k-- > 0 && counts[k] >= 8;) {
      if (read_span(i, i + k)) return i + k + 1;
    }
    return i + 1;
  }

  bool money_shaped(std::size_t i, std::size_t j) const {
    if (j == i || m_chain[i].digits.size() > 3 || m_chain[i].digits[0] == '0') return false;
    for (std::size_t k = i + 1; k <= j; ++k) {
      if (m_chain[k].sep != '.' || m_chain[k].digits.size() != 3) return false;
    }
    return true;
  }

  bool date_shaped(std::size_t i, std::size_t j) const {
    if (j != i + 2 || m_chain[i + 1].sep != m_chain[i + 2].sep) return false;
    const std::size_t a = m_chain[i].digits.size();
    const std::size_t b = m_chain[i + 1].digits.size();
    const std::size_t c = m_chain[i + 2].digits.size();
    return (a <= 2 && b <= 2 && (c == 2 || c == 4)) || (a == 4 && b <= 2 && c <= 2);
  }

  bool read_span(std::size_t i, std::size_t j) {
    const Group& first = m_chain[i];
    const Group& end_group = m_chain[j];
    std::array<char, k_max_number_digits> buffer{};
    std::size_t size = 0;
    int ocr = 0;
    for (std::size_t k = i; k <= j; ++k) {
      const std::string& d = m_chain[k].digits;
      if (size + d.size() > buffer.size()) return false;
      std::copy(d.begin(), d.end(), buffer.begin() + static_cast<std::ptrdiff_t>(size));
      size += d.size();
      ocr += m_chain[k].ocr;
    }
    const std::string_view digits(buffer.data(), size);
    if (digits.size() < 8 || ocr > 3 || money_shaped(i, j) || date_shaped(i, j)) return false;
    const std::size_t begin = first.lead;
    const std::size_t end = end_group.tail;
    if (begin > 0 && (m_text[begin - 1] == '$' ||
                      (begin > 1 && m_text[begin - 1] == ' ' && m_text[begin - 2] == '$'))) {
      return false;
    }

    const auto& cues = m_cues.near(begin, end);
    for (const NearCue& n : cues) {
      if ((n.cue.kind == CueKind::money_before && n.before && n.gap <= 3) ||
          (n.cue.kind == CueKind::money_after && !n.before && n.gap <= 2)) {
        return false;
      }
    }
    const NearCue* wallet = nearest(cues, CueKind::ewallet);
    const NearCue* phone_cue = nearest(cues, CueKind::phone);
    const NearCue* bank = nearest(cues, CueKind::bank);
    const NearCue* nik_cue = nearest(cues, CueKind::nik);
    const NearCue* family = nearest(cues, CueKind::family_card);
    const NearCue* account = nearest(cues, CueKind::account);
    if (const NearCue* after = nearest(cues, CueKind::account_after); after && !after->before) {
      if (!account || after->gap < account->rank) account = after;
    }

    const bool plus = first.plus;  // only a chain's first group is written after '+'
    if (auto phone = m_phones.check(plus, digits)) {
      if (wallet && !nearer(phone_cue, wallet) && !nearer(account, wallet) &&
          !nearer(bank, wallet)) {
        const Wallet& w = k_wallets[wallet->cue.index];
        m_sink.add(IdentifierKind::ewallet, std::string(w.slug) + ":" + phone->e164,
                   std::string(w.name), begin, end);
        return true;
      }
      if (account && !nearer(phone_cue, account) && !nearer(wallet, account)) {
        add_account(bank, digits, begin, end);
        return true;
      }
      m_sink.add(IdentifierKind::phone, phone->e164, phone->region, begin, end);
      return true;
    }
    if (plus) return false;  // "+…" is a phone number or nothing

    if (digits.size() == 16 && !nearer(family, nik_cue)) {
      const bool cued = m_mode == Mode::typed ||
                        (nik_cue && !nearer(bank, nik_cue) && !nearer(account, nik_cue));
      if (cued ? nik_ok(digits, false) : (!bank && !account && nik_ok(digits, true))) {
        m_sink.add(IdentifierKind::nik, std::string(digits), "", begin, end);
        return true;
      }
      if (cued) return false;
    }
    if (bank || account) {
      add_account(bank, digits, begin, end);
      return true;
    }
    return false;
  }

  void add_account(const NearCue* bank, std::string_view digits, std::size_t begin,
                   std::size_t end) {
    if (bank) {
      const Bank& b = k_banks[bank->cue.index];
      m_sink.add(IdentifierKind::bank_account, std::string(b.slug) + ":" + std::string(digits),
                 std::string(b.name), begin, end);
    } else {
      m_sink.add(IdentifierKind::bank_account, "bank:" + std::string(digits), "", begin, end);
    }
  }

  std::string_view m_text;
  Mode m_mode;
  Sink& m_sink;
  PhoneChecker& m_phones;
  CueWindow m_cues;
  std::vector<Group> m_chain;
};

// --- Web names: e-mail, handle, domain --------------------------------------------------------

bool local_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool host_char(char c) { return is_alnum(c) || c == '.' || c == '-'; }

enum class ShortLabel { refused, allowed };

// A host name as written: labels of letters, digits and inner '-', at least two, a TLD from
// tlds() written all lower or all upper case. In running text a two-label host needs a first
// label of two or more characters ("M.Si" and "S.Pd" are titles, not hosts).
bool valid_host(std::string_view host, ShortLabel short_label = ShortLabel::refused) {
  if (host.empty() || host.size() > k_max_host) return false;
  std::size_t labels = 0;
  std::size_t first_len = 0;
  std::size_t pos = 0;
  std::string_view tld;
  while (pos <= host.size()) {
    const std::size_t dot = std::min(host.find('.', pos), host.size());
    const std::string_view label = host.substr(pos, dot - pos);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    if (labels == 0) first_len = label.size();
    ++labels;
    tld = label;
    pos = dot + 1;
  }
  if (labels < 2 || (labels == 2 && first_len < 2 && short_label == ShortLabel::refused)) {
    return false;
  }
  if (!all_of(tld, is_lower) && !all_of(tld, is_upper)) return false;
  return is_tld(lower(tld));
}

std::string_view strip_prefix_ci(std::string_view s, std::string_view prefix) {
  if (s.size() > prefix.size() && lower(s.substr(0, prefix.size())) == prefix) {
    return s.substr(prefix.size());
  }
  return s;
}

std::optional<Platform> platform_host(std::string_view host_lower) {
  std::string_view h = host_lower;
  for (std::string_view p : {"www.", "m.", "web.", "mobile."}) h = strip_prefix_ci(h, p);
  if (h == "t.me" || h == "telegram.me" || h == "telegram.dog") return telegram;
  if (h == "facebook.com" || h == "fb.com" || h == "fb.me") return facebook;
  if (h == "instagram.com" || h == "instagr.am") return instagram;
  if (h == "tiktok.com") return tiktok;
  return std::nullopt;
}

// The handle a platform allows: Telegram 5–32 of [A-Za-z0-9_] from a letter; Instagram 1–30 and
// TikTok 2–24 of [A-Za-z0-9._]; Facebook 5–50 of [A-Za-z0-9.]; a bare "@name" (no platform)
// 3–32 of [A-Za-z0-9_] from a letter. Its length as written (trailing dots left out), else 0.
std::size_t handle_length(std::string_view s, std::size_t pos, std::optional<Platform> p) {
  const bool dots = p && *p != telegram;
  const bool underscore = !p || *p != facebook;
  std::size_t e = pos;
  while (e < s.size() && e - pos <= 64 &&
         (is_alnum(s[e]) || (underscore && s[e] == '_') || (dots && s[e] == '.'))) {
    ++e;
  }
  while (e > pos && s[e - 1] == '.') --e;
  const std::size_t len = e - pos;
  if (len == 0 || word_char_at(s, e) || (e < s.size() && s[e] == '@')) return 0;
  // "@name.com" without a platform that allows dots is the tail of something else.
  if (!dots && e + 1 < s.size() && s[e] == '.' && is_alnum(s[e + 1])) return 0;
  if (!p || *p == telegram) {
    const std::size_t min = p ? 5 : 3;
    return len >= min && len <= 32 && is_alpha(s[pos]) ? len : 0;
  }
  switch (*p) {
    case instagram: return len <= 30 ? len : 0;
    case tiktok: return len >= 2 && len <= 24 ? len : 0;
    case facebook: return len >= 5 && len <= 50 ? len : 0;
    default: return 0;
  }
}

std::string handle_value(std::optional<Platform> p, std::string_view name) {
  return p ? std::string(k_platforms[*p]) + ":" + lower(name) : "@" + lower(name);
}

class WebScanner {
 public:
  WebScanner(std::string_view text, Sink& at_sink, Sink& host_sink)
      : m_text(text), m_at(at_sink), m_hosts(host_sink), m_cues(text) {}

  void run() {
    scan_at_signs();
    scan_hosts();
  }

 private:
  void scan_at_signs() {
    const std::size_t n = m_text.size();
    std::size_t a = 0;
    while (!m_at.full()) {
      const void* hit = std::memchr(m_text.data() + a, '@', n - a);
      if (!hit) break;
      a = static_cast<std::size_t>(static_cast<const char*>(hit) - m_text.data());
      std::size_t l = a;
      while (l > 0 && a - l <= k_max_local && local_char(m_text[l - 1])) --l;
      if (l < a) {
        email_at(l, a);
      } else if (!word_char_before(m_text, a)) {
        handle_at(a);
      }
      ++a;
    }
  }

  void email_at(std::size_t l, std::size_t a) {
    const std::string_view local = m_text.substr(l, a - l);
    if (local.size() > k_max_local || (l > 0 && word_char_before(m_text, l))) return;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
      return;
    }
    std::size_t r = a + 1;
    while (r < m_text.size() && r - a <= k_max_host + 1 && host_char(m_text[r])) ++r;
    while (r > a + 1 && (m_text[r - 1] == '.' || m_text[r - 1] == '-')) --r;
    const std::string_view host = m_text.substr(a + 1, r - a - 1);
    // An e-mail address's domain may be written in any case ("Budi@Gmail.Com").
    if (!valid_host(lower(host), ShortLabel::allowed) || word_char_at(m_text, r)) return;
    m_at.add(IdentifierKind::email, lower(m_text.substr(l, r - l)), "", l, r);
  }

  void handle_at(std::size_t a) {
    std::optional<Platform> platform;
    const std::size_t probe = handle_length(m_text, a + 1, instagram);
    if (probe == 0) return;
    const NearCue* best = nearest(m_cues.near(a, a + 1 + probe), CueKind::platform);
    if (best) platform = static_cast<Platform>(best->cue.index);
    const std::size_t len = handle_length(m_text, a + 1, platform);
    if (len == 0) return;
    const std::string_view name = m_text.substr(a + 1, len);
    m_at.add(IdentifierKind::handle, handle_value(platform, name),
             platform ? std::string(k_platforms[*platform]) : std::string(), a, a + 1 + len);
  }

  void scan_hosts() {
    const std::size_t n = m_text.size();
    std::size_t p = 0;
    while (p < n && !m_hosts.full()) {
      if (!host_char(m_text[p])) {
        ++p;
        continue;
      }
      std::size_t s = p;
      std::size_t e = p;
      bool dot = false;
      while (e < n && host_char(m_text[e])) dot |= m_text[e++] == '.';
      p = e;
      if (!dot || e - s > k_max_host + 8) continue;
      if (s > 0) {
        const char before = m_text[s - 1];
        if (before == '@' || before == '_' || before == '%' || before == '+' ||
            word_char_before(m_text, s)) {
          continue;
        }
        if (before == '/' && !(s > 1 && m_text[s - 2] == '/')) continue;  // a URL's path
      }
      if (e < n && (m_text[e] == '@' || m_text[e] == '_' || word_char_at(m_text, e))) continue;
      while (s < e && (m_text[s] == '.' || m_text[s] == '-')) ++s;
      while (e > s && (m_text[e - 1] == '.' || m_text[e - 1] == '-')) --e;
      const std::string_view host = m_text.substr(s, e - s);
      const std::string host_lower = lower(host);
      const auto platform = platform_host(host_lower);
      if (!valid_host(host, platform ? ShortLabel::allowed : ShortLabel::refused)) continue;
      if (platform) {
        if (e < n && m_text[e] == '/') {
          if (const std::size_t end = handle_in_url(*platform, s, e + 1); end > 0) {
            p = end;
            continue;
          }
        }
        continue;  // a platform's own host names nobody: "facebook.com" alone is no evidence
      }
      if (host_lower == "wa.me") continue;  // wa.me/62… is read as a phone number
      m_hosts.add(IdentifierKind::domain, std::string(strip_prefix_ci(host_lower, "www.")), "",
                  s, e);
    }
  }

  // A handle in the path (at `pos`) of a platform's URL whose host starts at `start`: adds it
  // and returns where it ends, or 0.
  std::size_t handle_in_url(Platform platform, std::size_t start, std::size_t pos) {
    std::size_t name_at = pos;
    if (platform == tiktok) {
      if (name_at >= m_text.size() || m_text[name_at] != '@') return 0;
      ++name_at;
    }
    if (platform == facebook && m_text.substr(pos, 15) == "profile.php?id=") {
      std::size_t e = pos + 15;
      while (e < m_text.size() && is_digit(m_text[e]) && e - pos < 15 + 20) ++e;
      if (e - pos - 15 < 5 || word_char_at(m_text, e)) return 0;
      m_hosts.add(IdentifierKind::handle,
                  "facebook:" + std::string(m_text.substr(pos + 15, e - pos - 15)), "facebook",
                  start, e);
      return e;
    }
    const std::size_t len = handle_length(m_text, name_at, platform);
    if (len == 0) return 0;
    const std::string_view name = m_text.substr(name_at, len);
    if (reserved_name(platform, lower(name))) return 0;
    m_hosts.add(IdentifierKind::handle, handle_value(platform, name),
                std::string(k_platforms[platform]), start, name_at + len);
    return name_at + len;
  }

  std::string_view m_text;
  Sink& m_at;
  Sink& m_hosts;
  CueWindow m_cues;
};

// --- Crypto wallets ----------------------------------------------------------------------------

void scan_crypto(std::string_view text, Sink& sink) {
  const std::size_t n = text.size();
  std::size_t p = 0;
  while (p < n && !sink.full()) {
    if (!is_alnum(text[p])) {
      ++p;
      continue;
    }
    const std::size_t s = p;
    while (p < n && is_alnum(text[p])) ++p;
    const std::size_t len = p - s;
    if (len < 14 || len > 90 || word_char_before(text, s) || word_char_at(text, p)) continue;
    const std::string_view w = text.substr(s, len);
    if (len == 42 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
      if (valid_ethereum(w)) sink.add(IdentifierKind::crypto_wallet, "0x" + lower(w.substr(2)),
                                      "ethereum", s, p);
    } else if (len == 34 && w[0] == 'T') {
      if (base58check_version(w) == 0x41) {
        sink.add(IdentifierKind::crypto_wallet, std::string(w), "tron", s, p);
      }
    } else if ((w[0] == '1' || w[0] == '3') && len >= 26 && len <= 35) {
      const auto version = base58check_version(w);
      if (version == (w[0] == '1' ? 0x00 : 0x05)) {
        sink.add(IdentifierKind::crypto_wallet, std::string(w), "bitcoin", s, p);
      }
    } else if (lower(w.substr(0, 3)) == "bc1" && valid_segwit(w)) {
      sink.add(IdentifierKind::crypto_wallet, lower(w), "bitcoin", s, p);
    }
  }
}

// --- Merging -----------------------------------------------------------------------------------

int rank(IdentifierKind k) {
  switch (k) {
    case IdentifierKind::crypto_wallet: return 0;
    case IdentifierKind::email: return 1;
    case IdentifierKind::handle: return 2;
    case IdentifierKind::domain: return 3;
    case IdentifierKind::nik: return 4;
    case IdentifierKind::ewallet: return 5;
    case IdentifierKind::bank_account: return 6;
    case IdentifierKind::phone: return 7;
    case IdentifierKind::passport: return 8;
    case IdentifierKind::vehicle_plate: return 9;
    case IdentifierKind::flight: return 10;
  }
  return 11;
}

std::vector<Identifier> scan(std::string_view text, std::size_t max_found, Mode mode) {
  std::vector<Sink> sinks(6);
  for (Sink& s : sinks) s.max_found = max_found;
  PhoneChecker phones;
  NumberScanner(text, mode, sinks[0], phones).run();
  WebScanner(text, sinks[1], sinks[2]).run();
  scan_crypto(text, sinks[3]);
  scan_codes(text, mode, sinks[4]);

  std::vector<Identifier> all;
  for (Sink& s : sinks) {
    std::move(s.found.begin(), s.found.end(), std::back_inserter(all));
  }
  std::sort(all.begin(), all.end(), [](const Identifier& a, const Identifier& b) {
    if (a.offset != b.offset) return a.offset < b.offset;
    if (a.length != b.length) return a.length > b.length;
    return rank(a.kind) < rank(b.kind);
  });
  std::vector<Identifier> kept;
  for (Identifier& id : all) {
    if (!kept.empty() && id.offset < kept.back().offset + kept.back().length) {
      Identifier& last = kept.back();
      if (id.length > last.length || (id.length == last.length && rank(id.kind) < rank(last.kind))) {
        last = std::move(id);
      }
      continue;
    }
    kept.push_back(std::move(id));
  }
  if (kept.size() > max_found) kept.resize(max_found);
  return kept;
}

// --- Masking -----------------------------------------------------------------------------------

// At most the first 4 and last 2 characters, never more than half, the rest as '*'.
std::string mask_part(std::string_view s) {
  const std::size_t n = s.size();
  const std::size_t head = n >= 3 ? std::min<std::size_t>(4, n / 3) : 0;
  const std::size_t tail = n >= 4 ? std::min<std::size_t>(2, n / 4) : 0;
  return std::string(s.substr(0, head)) + std::string(n - head - tail, '*') +
         std::string(s.substr(n - tail));
}

std::string mask_phone(std::string_view e164) {
  PhoneNumber number;
  const auto& util = *PhoneNumberUtil::GetInstance();
  if (util.Parse(std::string(e164), "ZZ", &number) == PhoneNumberUtil::NO_PARSING_ERROR) {
    const std::string cc = std::to_string(number.country_code());
    if (e164.size() > cc.size() + 1 && e164.substr(1, cc.size()) == cc) {
      return "+" + cc + " " + mask_part(e164.substr(1 + cc.size()));
    }
  }
  return mask_part(e164);
}

std::string after_colon(const std::string& v) {
  const std::size_t c = v.find(':');
  return c == std::string::npos ? v : v.substr(c + 1);
}

std::optional<Identifier> typed_value(std::string_view s) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 16) return std::nullopt;
  const std::string prefix = lower(s.substr(0, colon));
  const std::string_view rest = s.substr(colon + 1);
  const Identifier whole{IdentifierKind::phone, "", "", 0, s.size()};
  for (std::size_t p = 0; p < std::size(k_platforms); ++p) {
    if (prefix != k_platforms[p]) continue;
    const auto platform = static_cast<Platform>(p);
    const std::size_t at = !rest.empty() && rest[0] == '@' ? 1 : 0;
    const std::string name(rest.substr(at));
    if (handle_length(name, 0, platform) != name.size()) return std::nullopt;
    Identifier id = whole;
    id.kind = IdentifierKind::handle;
    id.value = handle_value(platform, name);
    id.qualifier = std::string(k_platforms[p]);
    return id;
  }
  for (const Wallet& w : k_wallets) {
    if (prefix != w.slug) continue;
    std::string digits;
    for (char c : rest) {
      if (is_digit(c)) digits += c;
      else if (c != ' ' && c != '-' && c != '+' && c != '.') return std::nullopt;
    }
    PhoneChecker phones;
    const auto phone = phones.check(!rest.empty() && rest[0] == '+', digits);
    if (!phone) return std::nullopt;
    Identifier id = whole;
    id.kind = IdentifierKind::ewallet;
    id.value = std::string(w.slug) + ":" + phone->e164;
    id.qualifier = std::string(w.name);
    return id;
  }
  std::optional<Bank> bank;
  for (const Bank& b : k_banks) {
    if (prefix == b.slug) bank = b;
  }
  if (bank || prefix == "bank") {
    std::string digits;
    for (char c : rest) {
      if (is_digit(c)) digits += c;
      else if (c != ' ' && c != '-' && c != '.') return std::nullopt;
    }
    if (digits.size() < 8 || digits.size() > k_max_number_digits) return std::nullopt;
    Identifier id = whole;
    id.kind = IdentifierKind::bank_account;
    id.value = (bank ? std::string(bank->slug) : std::string("bank")) + ":" + digits;
    id.qualifier = bank ? std::string(bank->name) : std::string();
    return id;
  }
  return std::nullopt;
}

}  // namespace

const char* code_of(IdentifierKind k) {
  switch (k) {
    case IdentifierKind::phone: return "telepon";
    case IdentifierKind::bank_account: return "rekening";
    case IdentifierKind::ewallet: return "dompet";
    case IdentifierKind::email: return "email";
    case IdentifierKind::domain: return "domain";
    case IdentifierKind::handle: return "akun";
    case IdentifierKind::passport: return "paspor";
    case IdentifierKind::nik: return "nik";
    case IdentifierKind::crypto_wallet: return "kripto";
    case IdentifierKind::vehicle_plate: return "plat";
    case IdentifierKind::flight: return "penerbangan";
  }
  return "?";
}

std::optional<IdentifierKind> parse_identifier_kind(std::string_view code) {
  for (IdentifierKind k :
       {IdentifierKind::phone, IdentifierKind::bank_account, IdentifierKind::ewallet,
        IdentifierKind::email, IdentifierKind::domain, IdentifierKind::handle,
        IdentifierKind::passport, IdentifierKind::nik, IdentifierKind::crypto_wallet,
        IdentifierKind::vehicle_plate, IdentifierKind::flight}) {
    if (code == code_of(k)) return k;
  }
  return std::nullopt;
}

const char* label_of(IdentifierKind k) {
  switch (k) {
    case IdentifierKind::phone: return "Nomor telepon / Phone number";
    case IdentifierKind::bank_account: return "Rekening bank / Bank account";
    case IdentifierKind::ewallet: return "Dompet digital / E-wallet";
    case IdentifierKind::email: return "Alamat e-mail / E-mail address";
    case IdentifierKind::domain: return "Nama domain / Domain name";
    case IdentifierKind::handle: return "Akun media sosial / Social media account";
    case IdentifierKind::passport: return "Nomor paspor / Passport number";
    case IdentifierKind::nik: return "NIK (Nomor Induk Kependudukan) / National identity number";
    case IdentifierKind::crypto_wallet: return "Dompet kripto / Crypto wallet";
    case IdentifierKind::vehicle_plate: return "Pelat nomor kendaraan / Vehicle plate";
    case IdentifierKind::flight: return "Nomor penerbangan / Flight number";
  }
  return "?";
}

std::vector<Identifier> find_identifiers(std::string_view text, std::size_t max_found,
                                         std::size_t max_bytes) {
  if (max_found == 0) return {};
  try {
    return scan(text.substr(0, std::min(text.size(), max_bytes)), max_found, Mode::text);
  } catch (...) {  // std::bad_alloc; nothing else is thrown here
    return {};
  }
}

std::optional<Identifier> parse_identifier(std::string_view typed) {
  try {
    while (!typed.empty() && (typed.front() == ' ' || typed.front() == '\t')) typed.remove_prefix(1);
    while (!typed.empty() && (typed.back() == ' ' || typed.back() == '\t' || typed.back() == '\n' ||
                              typed.back() == '\r')) {
      typed.remove_suffix(1);
    }
    if (typed.empty() || typed.size() > k_max_typed) return std::nullopt;
    if (auto id = typed_value(typed)) return id;
    auto found = scan(typed, 2, Mode::typed);
    if (found.size() != 1) return std::nullopt;
    return std::move(found.front());
  } catch (...) {
    return std::nullopt;
  }
}

std::string masked(const Identifier& id) {
  const std::string& v = id.value;
  switch (id.kind) {
    case IdentifierKind::phone: return mask_phone(v);
    case IdentifierKind::ewallet:
      return (id.qualifier.empty() ? std::string("Dompet") : id.qualifier) + " " +
             mask_phone(after_colon(v));
    case IdentifierKind::bank_account:
      return (id.qualifier.empty() ? std::string("Rekening") : id.qualifier) + " " +
             mask_part(after_colon(v));
    case IdentifierKind::email: {
      const std::size_t at = v.rfind('@');
      if (at == std::string::npos) return mask_part(v);
      return mask_part(std::string_view(v).substr(0, at)) + v.substr(at);
    }
    case IdentifierKind::domain: {
      const std::size_t dot = v.rfind('.');
      if (dot == std::string::npos || dot == 0) return mask_part(v);
      return mask_part(std::string_view(v).substr(0, dot)) + v.substr(dot);
    }
    case IdentifierKind::handle:
      if (!v.empty() && v[0] == '@') return "@" + mask_part(std::string_view(v).substr(1));
      return id.qualifier + " @" + mask_part(after_colon(v));
    case IdentifierKind::passport: return "Paspor " + mask_part(v);
    case IdentifierKind::nik: return "NIK " + mask_part(v);
    case IdentifierKind::crypto_wallet:
      return (id.qualifier.empty() ? std::string() : id.qualifier + " ") + mask_part(v);
    case IdentifierKind::vehicle_plate: return "Plat " + mask_part(v);
    case IdentifierKind::flight: return "Penerbangan " + mask_part(v);
  }
  return mask_part(v);
}

}  // namespace berkas::extract
