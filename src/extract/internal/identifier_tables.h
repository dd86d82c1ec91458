// extract/internal/identifier_tables: the names the identifier extractor (identifiers.cpp) knows —
// banks and their slugs, e-wallets, social media platforms and their reserved paths, the words
// that cue a reading, top-level domains, plate region codes, airline carriers and NIK province
// codes. Module-private.
//
// Thread safety: the tables are constant; the functions that build one on first use do so once
// (a function-local static), so every function is safe to call from several threads at once.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace berkas::extract::internal {

// A bank: its slug (the stored value's prefix, "bca:1234567890") and its name for people.
struct Bank {
  std::string_view slug;
  std::string_view name;
};
inline constexpr Bank k_banks[] = {
    {"bca", "BCA"},           {"bri", "BRI"},         {"bni", "BNI"},
    {"mandiri", "Mandiri"},   {"bsi", "BSI"},         {"cimb", "CIMB Niaga"},
    {"danamon", "Danamon"},   {"permata", "Permata"}, {"btn", "BTN"},
    {"maybank", "Maybank"},   {"panin", "Panin"},     {"ocbc", "OCBC"},
    {"jago", "Jago"},         {"seabank", "SeaBank"}, {"bjb", "BJB"},
    {"jatim", "Bank Jatim"},  {"jateng", "Bank Jateng"}, {"dki", "Bank DKI"},
    {"sumut", "Bank Sumut"},  {"nagari", "Bank Nagari"}, {"kalbar", "Bank Kalbar"},
    {"btpn", "BTPN"},         {"jenius", "Jenius"},   {"muamalat", "Muamalat"},
    {"mega", "Mega"},         {"bukopin", "KB Bukopin"}, {"sinarmas", "Sinarmas"},
    {"uob", "UOB"},           {"hsbc", "HSBC"},       {"citibank", "Citibank"},
};

// An e-wallet: its slug ("dana:+6285711223344") and its name for people.
struct Wallet {
  std::string_view slug;
  std::string_view name;
};
inline constexpr Wallet k_wallets[] = {
    {"dana", "DANA"}, {"ovo", "OVO"}, {"gopay", "GoPay"}, {"shopeepay", "ShopeePay"},
    {"linkaja", "LinkAja"},
};

// The platforms a handle may belong to; a Platform indexes k_platforms.
inline constexpr std::string_view k_platforms[] = {"telegram", "instagram", "facebook", "tiktok"};
enum Platform : std::uint8_t { telegram, instagram, facebook, tiktok };

// What a word near a candidate says about it.
enum class CueKind : std::uint8_t {
  bank,           // a bank's name (index: k_banks)
  account,        // "rekening", "norek": a bank account, before or after
  account_after,  // "a.n.", "atas nama": names the account written before it
  ewallet,        // index: k_wallets
  phone,          // "HP", "WA", "telp"
  nik,            // "NIK", "KTP"
  family_card,    // "KK": a Kartu Keluarga number looks like a NIK and is not one
  passport,
  plate,
  flight,
  platform,       // index: Platform
  money_before,   // "Rp", "IDR" right before a number
  money_after,    // "juta", "ribu" right after one
};

struct CueWord {
  std::string_view word;  // lower-case ASCII
  CueKind kind;
  std::uint8_t index = 0;
  bool capital = false;    // counts only written with a capital (or after "bank"): "Mandiri"
  std::string_view prev;   // counts only right after this word: "nomor polisi", "link aja"
};

// Every cue word, sorted by word (a word may have several entries, in the order added).
const std::vector<CueWord>& cue_words();

// True for a top-level domain (given in lower case) the extractor reads: country codes less those
// better known as file extensions, and common generic TLDs (the list: identifier_tables.cpp).
bool is_tld(std::string_view tld_lower);

// True for an Indonesian plate region code (Korlantas), one or two capital letters.
bool plate_region(std::string_view r);

struct Carrier {
  std::string_view code;
  bool needs_cue;  // the code is also a common abbreviation ("ID", "PR"): read only near a cue
};

// The airline flying Indonesia or its neighbours with this IATA code (upper case), or null.
const Carrier* carrier(std::string_view code);

// True for the two-digit province code a NIK starts with.
bool nik_province(int p);

// True when `name_lower` is a path of the platform's own (Telegram's "joinchat", Facebook's
// "groups", Instagram's "explore") rather than an account's name.
bool reserved_name(Platform p, std::string_view name_lower);

}  // namespace berkas::extract::internal
