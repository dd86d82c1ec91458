// The cue words are built once, on first use, and sorted by word so that a reader finds a word by
// binary search; the TLD set likewise, from one space-separated list.
#include "extract/internal/identifier_tables.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <unordered_set>

namespace berkas::extract::internal {

namespace {

std::uint8_t bank_index(std::string_view slug) {
  for (std::size_t i = 0; i < std::size(k_banks); ++i) {
    if (k_banks[i].slug == slug) return static_cast<std::uint8_t>(i);
  }
  return 0;
}

// Two-letter country codes (ISO 3166-1, with ac, eu, uk, su) less those that are better known as
// file extensions (md, pl, ps, py, rs, sh, so), and common generic TLDs.
const std::unordered_set<std::string_view>& tlds() {
  static const std::unordered_set<std::string_view> set = [] {
    static constexpr std::string_view k_list =
        "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo "
        "br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm "
        "do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs "
        "gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km "
        "kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc me mg mh mk ml mm mn mo mp mq "
        "mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pm "
        "pn pr pt pw qa re ro ru rw sa sb sc sd se sg si sk sl sm sn sr ss st su sv sx sy sz tc "
        "td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf "
        "ws ye yt za zm zw "
        "academy agency app art asia bar best bet bid biz blog business buzz cafe cam care career "
        "careers cash casino center chat city click cloud club com company cyou date deals design "
        "dev digital download edu email energy estate events exchange express fans farm finance "
        "fit fun fund game games global gold gov group guru host icu inc info ink int jobs kim "
        "land lat life limited link live loan loans love ltd market marketing mba media men mil "
        "mobi moe money monster name net network news ninja one online org page partners party "
        "pet pics plus pro promo pub quest red ren rest review rocks run sale sbs school science "
        "services sex shop show site social software solutions space store stream studio support "
        "surf systems team tech technology tips today top tours town toys trade travel uno vip "
        "wang website win work works world wtf xin xxx xyz zone";
    std::unordered_set<std::string_view> s;
    std::size_t pos = 0;
    while (pos < k_list.size()) {
      const std::size_t end = std::min(k_list.find(' ', pos), k_list.size());
      if (end > pos) s.insert(k_list.substr(pos, end - pos));
      pos = end + 1;
    }
    return s;
  }();
  return set;
}

// Airlines flying Indonesia and its neighbours, by IATA code. Codes that are also common
// abbreviations in capitals ("ID", "KE" = ke, "TK" = taman kanak-kanak, "BI" = Bank Indonesia)
// are read only near a flight word.
constexpr Carrier k_carriers[] = {
    {"GA", false}, {"JT", false}, {"QZ", false}, {"ID", true},  {"IW", false}, {"IU", false},
    {"QG", false}, {"SJ", false}, {"IN", true},  {"8B", false}, {"AK", false}, {"FD", false},
    {"D7", false}, {"Z2", false}, {"TR", true},  {"SQ", false}, {"MH", false}, {"OD", false},
    {"VJ", false}, {"VN", false}, {"TG", false}, {"PR", true},  {"5J", false}, {"K6", false},
    {"QV", false}, {"8M", false}, {"UB", true},  {"CX", false}, {"CI", true},  {"BR", true},
    {"MU", false}, {"CZ", false}, {"EK", false}, {"EY", false}, {"SV", false},
    {"TK", true},  {"3K", false}, {"JQ", false}, {"FY", false}, {"BI", true},  {"KE", true},
    {"OZ", false}, {"JL", true},  {"NH", false}, {"QR", true},  {"SL", false}, {"XJ", false},
};

}  // namespace

const std::vector<CueWord>& cue_words() {
  static const std::vector<CueWord> words = [] {
    using K = CueKind;
    std::vector<CueWord> w;
    auto add = [&w](std::string_view word, K kind, std::uint8_t index = 0, bool capital = false,
                    std::string_view prev = {}) {
      w.push_back(CueWord{word, kind, index, capital, prev});
    };
    for (const Bank& b : k_banks) {
      const bool regional = b.name.substr(0, 5) == "Bank ";
      const bool common_word = b.slug == "mandiri" || b.slug == "permata" || b.slug == "jago" ||
                               b.slug == "mega";
      add(b.slug, K::bank, bank_index(b.slug), common_word, regional ? "bank" : "");
    }
    add("niaga", K::bank, bank_index("cimb"), true, "");
    for (std::string_view a : {"rekening", "rek", "rekg", "norek", "rekber", "account", "acct"}) {
      add(a, K::account);
    }
    add("n", K::account_after, 0, false, "a");  // "a.n.", "a/n"
    add("nama", K::account_after, 0, false, "atas");
    add("dana", K::ewallet, 0, true, "");
    add("ovo", K::ewallet, 1);
    add("gopay", K::ewallet, 2);
    add("pay", K::ewallet, 2, false, "go");
    add("shopeepay", K::ewallet, 3);
    add("pay", K::ewallet, 3, false, "shopee");
    add("linkaja", K::ewallet, 4);
    add("aja", K::ewallet, 4, false, "link");
    for (std::string_view p : {"hp", "nohp", "telp", "tlp", "tel", "telpon", "telepon", "phone",
                               "ponsel", "handphone", "wa", "whatsapp", "hubungi", "kontak",
                               "contact", "sms", "call", "mobile", "cp"}) {
      add(p, K::phone);
    }
    for (std::string_view n : {"nik", "ktp", "ektp", "kependudukan"}) add(n, K::nik);
    add("kk", K::family_card);
    add("keluarga", K::family_card, 0, false, "kartu");
    for (std::string_view p : {"paspor", "passport", "pasport"}) add(p, K::passport);
    for (std::string_view p : {"plat", "pelat", "nopol", "tnkb", "kendaraan", "mobil", "motor",
                               "truk", "truck", "bus", "angkot", "taksi", "taxi", "minibus",
                               "pikap"}) {
      add(p, K::plate);
    }
    add("polisi", K::plate, 0, false, "nomor");
    add("polisi", K::plate, 0, false, "no");
    for (std::string_view f : {"penerbangan", "flight", "pesawat", "maskapai", "boarding",
                               "airline", "airlines", "garuda", "lion", "citilink", "airasia",
                               "batik", "wings", "sriwijaya", "scoot", "jetstar", "vietjet",
                               "cebu"}) {
      add(f, K::flight);
    }
    add("asia", K::flight, 0, false, "air");
    add("telegram", K::platform, telegram);
    add("tele", K::platform, telegram);
    add("tg", K::platform, telegram);
    add("instagram", K::platform, instagram);
    add("ig", K::platform, instagram);
    add("insta", K::platform, instagram);
    add("facebook", K::platform, facebook);
    add("fb", K::platform, facebook);
    add("tiktok", K::platform, tiktok);
    for (std::string_view m : {"rp", "idr", "usd", "sgd", "myr", "rm", "thb", "us"}) {
      add(m, K::money_before);
    }
    for (std::string_view m : {"juta", "jt", "ribu", "rb", "rupiah", "miliar", "milyar"}) {
      add(m, K::money_after);
    }
    std::stable_sort(w.begin(), w.end(),
                     [](const CueWord& a, const CueWord& b) { return a.word < b.word; });
    return w;
  }();
  return words;
}

bool is_tld(std::string_view tld_lower) { return tlds().count(tld_lower) > 0; }

// Indonesian plate region codes (Korlantas), one or two letters.
bool plate_region(std::string_view r) {
  static constexpr std::string_view k_regions[] = {
      "A",  "B",  "D",  "E",  "F",  "G",  "H",  "K",  "L",  "M",  "N",  "P",  "R",  "S",
      "T",  "W",  "Z",  "AA", "AB", "AD", "AE", "AG", "BA", "BB", "BD", "BE", "BG", "BH",
      "BK", "BL", "BM", "BN", "BP", "DA", "DB", "DC", "DD", "DE", "DG", "DH", "DK", "DL",
      "DM", "DN", "DP", "DR", "DT", "DW", "EA", "EB", "ED", "KB", "KH", "KT", "KU", "PA",
      "PB"};
  return std::find(std::begin(k_regions), std::end(k_regions), r) != std::end(k_regions);
}

const Carrier* carrier(std::string_view code) {
  for (const Carrier& c : k_carriers) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

bool nik_province(int p) {
  return (p >= 11 && p <= 19) || p == 21 || (p >= 31 && p <= 36) || (p >= 51 && p <= 53) ||
         (p >= 61 && p <= 65) || (p >= 71 && p <= 76) || p == 81 || p == 82 ||
         (p >= 91 && p <= 96);
}

bool reserved_name(Platform p, std::string_view name_lower) {
  static constexpr std::string_view k_telegram[] = {
      "joinchat", "addstickers", "addtheme", "addemoji", "share", "proxy", "socks", "iv", "s",
      "c", "login", "setlanguage", "boost", "contact", "confirmphone", "invoice"};
  static constexpr std::string_view k_facebook[] = {
      "profile.php", "groups", "pages", "watch", "share", "sharer", "sharer.php", "photo",
      "photos", "photo.php", "story.php", "permalink.php", "events", "marketplace", "login",
      "help", "people", "search", "reel", "reels", "stories", "hashtag", "home.php", "messages",
      "notifications", "friends", "gaming", "dialog", "plugins", "l.php", "video.php", "videos",
      "media", "policies", "privacy", "settings"};
  static constexpr std::string_view k_instagram[] = {
      "p", "reel", "reels", "stories", "explore", "accounts", "tv", "direct", "about",
      "developer", "legal"};
  auto in = [&](const auto& list) {
    return std::find(std::begin(list), std::end(list), name_lower) != std::end(list);
  };
  switch (p) {
    case telegram: return in(k_telegram);
    case facebook: return in(k_facebook);
    case instagram: return in(k_instagram);
    case tiktok: return false;
  }
  return false;
}

}  // namespace berkas::extract::internal
