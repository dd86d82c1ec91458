// extract/identifiers: the digital identities written in evidence text. Every number, name,
// handle and address here is made up (FIKTIF): phone numbers of the 0857-1122-3344 kind,
// NIKs of the 3201010101010001 kind, crypto addresses computed from counting bytes (0x11, 0x12,
// ...) by an independent script; the Ethereum addresses are EIP-55's own test vectors.
#define BOOST_TEST_MODULE identifiers
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "extract/identifiers.h"
#include "extract/internal/keccak.h"

using namespace berkas;
using extract::find_identifiers;
using extract::Identifier;
using extract::IdentifierKind;
using extract::parse_identifier;

namespace {

const IdentifierKind k_all_kinds[] = {
    IdentifierKind::phone,    IdentifierKind::bank_account, IdentifierKind::ewallet,
    IdentifierKind::email,    IdentifierKind::domain,       IdentifierKind::handle,
    IdentifierKind::passport, IdentifierKind::nik,          IdentifierKind::crypto_wallet,
    IdentifierKind::vehicle_plate, IdentifierKind::flight};

// "kode:value" for each identifier found, in order — compact to compare.
std::vector<std::string> found(const std::string& text) {
  std::vector<std::string> out;
  for (const Identifier& id : find_identifiers(text)) {
    out.push_back(std::string(extract::code_of(id.kind)) + ":" + id.value);
  }
  return out;
}

// The one identifier of `kind` in `text`, which must be there.
Identifier only(const std::string& text, IdentifierKind kind) {
  const auto all = find_identifiers(text);
  std::vector<Identifier> of_kind;
  for (const Identifier& id : all) {
    if (id.kind == kind) of_kind.push_back(id);
  }
  BOOST_REQUIRE_MESSAGE(of_kind.size() == 1, "expected one " << extract::code_of(kind) << " in \""
                                                               << text << "\", found "
                                                               << of_kind.size());
  return of_kind.front();
}

std::string written(const std::string& text, const Identifier& id) {
  return text.substr(id.offset, id.length);
}

std::string hex(const std::array<std::uint8_t, 32>& h) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (std::uint8_t b : h) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

double seconds_for(const std::string& text, std::size_t* count = nullptr) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = find_identifiers(text);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (count) *count = r.size();
  return s;
}

std::string repeated(const std::string& unit, std::size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

// Generous: the hostile inputs take well under 0.2 s in a release build; sanitizers are slower.
constexpr double k_fast = 3.0;

}  // namespace

BOOST_AUTO_TEST_SUITE(identifiers_kinds)

BOOST_AUTO_TEST_CASE(codes_and_labels) {
  for (IdentifierKind k : k_all_kinds) {
    const auto back = extract::parse_identifier_kind(extract::code_of(k));
    BOOST_TEST((back && *back == k), extract::code_of(k));
    BOOST_TEST(std::string(extract::label_of(k)).find(" / ") != std::string::npos);
  }
  BOOST_TEST(std::string(extract::code_of(IdentifierKind::phone)) == "telepon");
  BOOST_TEST(std::string(extract::code_of(IdentifierKind::handle)) == "akun");
  BOOST_TEST(std::string(extract::code_of(IdentifierKind::flight)) == "penerbangan");
  BOOST_TEST(std::string(extract::label_of(IdentifierKind::phone)) ==
             "Nomor telepon / Phone number");
  BOOST_TEST(!extract::parse_identifier_kind("Telepon"));
  BOOST_TEST(!extract::parse_identifier_kind("phone"));
  BOOST_TEST(!extract::parse_identifier_kind(""));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers_phone)

BOOST_AUTO_TEST_CASE(every_writing_gives_one_value) {
  // FIKTIF: one made-up number written five ways, plus dots and a no-break space.
  const std::vector<std::string> writings = {
      "0857-1122-3344",  "+62 857 1122 3344", "62857 11223344",  "(0857) 11223344",
      "+62-857-1122-3344", "0857.1122.3344",  "0857\xC2\xA0" "1122\xC2\xA0" "3344",
      "085711223344",    "+6285711223344"};
  for (const std::string& w : writings) {
    const std::string text = "Hubungi agen di " + w + " besok.";
    const Identifier id = only(text, IdentifierKind::phone);
    BOOST_TEST(id.value == "+6285711223344", w);
    BOOST_TEST(id.qualifier == "ID");
    BOOST_TEST(written(text, id) == w);
  }
}

BOOST_AUTO_TEST_CASE(destination_countries_with_their_code) {
  struct Case {
    std::string written, value, region;
  };
  const std::vector<Case> cases = {
      {"+855 12 345 678", "+85512345678", "KH"},   {"+855 97 765 4321", "+855977654321", "KH"},
      {"+95 9 212 3456", "+9592123456", "MM"},     {"+63 917 123 4567", "+639171234567", "PH"},
      {"+66 81 234 5678", "+66812345678", "TH"},   {"+856 20 5512 3456", "+8562055123456", "LA"},
      {"+60 12-345 6789", "+60123456789", "MY"},   {"+886 912 345 678", "+886912345678", "TW"},
      {"+86 138 0013 8000", "+8613800138000", "CN"}, {"+84 91 234 56 78", "+84912345678", "VN"},
      {"(021) 555-1234", "+62215551234", "ID"},
  };
  for (const Case& c : cases) {
    const std::string text = "No. WA perekrut (FIKTIF): " + c.written;
    const Identifier id = only(text, IdentifierKind::phone);
    BOOST_TEST(id.value == c.value);
    BOOST_TEST(id.qualifier == c.region);
    BOOST_TEST(written(text, id) == c.written);
  }
}

BOOST_AUTO_TEST_CASE(offsets_count_bytes_after_utf8) {
  const std::string text = "Saksi \xE2\x80\x9CSiti\xE2\x80\x9D \xE2\x80\x93 HP: 0857-1122-3344 \xE2\x9C\x93";
  const Identifier id = only(text, IdentifierKind::phone);
  BOOST_TEST(id.offset == text.find("0857"));
  BOOST_TEST(id.length == 14u);
  // Chat text: an emoji right after a number does not glue it to a word.
  BOOST_TEST(found("WA:0857-1122-3344\xF0\x9F\x99\x8F") ==
             std::vector<std::string>{"telepon:+6285711223344"});
  BOOST_TEST(found("WA:0857-1122-3344\xC3\xA9").empty());  // "…3344é": part of a word
}

BOOST_AUTO_TEST_CASE(ocr_confusions_repaired_inside_numbers_only) {
  BOOST_TEST(only("HP O857-1122-3344", IdentifierKind::phone).value == "+6285711223344");
  BOOST_TEST(only("HP 0857-ll22-3344", IdentifierKind::phone).value == "+6285711223344");
  BOOST_TEST(only("HP 0857-1122-33I4", IdentifierKind::phone).value == "+6285711223314");
  const std::string text = "HP O857-1122-3344";
  BOOST_TEST(written(text, only(text, IdentifierKind::phone)) == "O857-1122-3344");
  // Words are not numbers: no digit among the letters, or letters glued to a word.
  BOOST_TEST(found("Hello lOl Oslo Ollie IO").empty());
  BOOST_TEST(found("kode AO857112233 salah").empty());
  // Too many confusions: not repaired.
  BOOST_TEST(found("HP Ol57-ll22-3O44").empty());
}

BOOST_AUTO_TEST_CASE(what_is_not_a_phone) {
  BOOST_TEST(found("Putusan 981/Pid.Sus/2025/PN Sby tanggal 12-02-2024").empty());
  BOOST_TEST(found("Kerugian Rp 25.000.000 dan Rp25.000.000 dan 25.000.000 rupiah").empty());
  BOOST_TEST(found("tanggal 12.02.2024 pukul 09.15, 2024-02-12, 01-02-2024").empty());
  BOOST_TEST(found("HP 0857-112 (terlalu pendek)").empty());
  BOOST_TEST(found("nomor 081234567 kurang satu angka").empty());
  BOOST_TEST(found("kode 1234567890 tanpa keterangan").empty());  // no phone, no bank
  BOOST_TEST(found("NPWP 01.234.567.8-901.000").empty());
  BOOST_TEST(found("USD 0857112233 dan $ 0857112233").empty());
  // A NIK is not read as a phone, nor its parts.
  BOOST_TEST(found("NIK 3201010101010001") == std::vector<std::string>{"nik:3201010101010001"});
}

BOOST_AUTO_TEST_CASE(numbers_side_by_side) {
  BOOST_TEST(found("HP 0857 1122 3344 0812 3456 7890") ==
             (std::vector<std::string>{"telepon:+6285711223344", "telepon:+6281234567890"}));
  BOOST_TEST(found("No 1 0857-1122-3344") ==
             std::vector<std::string>{"telepon:+6285711223344"});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers_money)

BOOST_AUTO_TEST_CASE(bank_accounts_near_a_bank) {
  // FIKTIF account numbers and names.
  BOOST_TEST(found("Transfer ke BCA 1234567890 a.n. Budi Fiktif") ==
             std::vector<std::string>{"rekening:bca:1234567890"});
  BOOST_TEST(only("rekening BRI 0987-6543-2109-876", IdentifierKind::bank_account).value ==
             "bri:098765432109876");
  BOOST_TEST(only("Mandiri 123.000.456.7890", IdentifierKind::bank_account).value ==
             "mandiri:1230004567890");
  const Identifier jatim = only("Bank Jatim 1234567890", IdentifierKind::bank_account);
  BOOST_TEST(jatim.value == "jatim:1234567890");
  BOOST_TEST(jatim.qualifier == "Bank Jatim");
  BOOST_TEST(only("CIMB Niaga 800123456789", IdentifierKind::bank_account).qualifier ==
             "CIMB Niaga");
  BOOST_TEST(only("no. 1234567890 (BCA)", IdentifierKind::bank_account).value ==
             "bca:1234567890");
  const std::string text = "no. rek: 1234 5678 90 atas nama Sari Rekaan";
  const Identifier plain = only(text, IdentifierKind::bank_account);
  BOOST_TEST(plain.value == "bank:1234567890");  // the bank is not named
  BOOST_TEST(plain.qualifier == "");
  BOOST_TEST(written(text, plain) == "1234 5678 90");
  // "mandiri" as a word is not the bank; a bank name alone needs its number near, on its line.
  BOOST_TEST(found("bekerja secara mandiri 1234567890").empty());
  BOOST_TEST(found("BCA\n1234567890").empty());
  BOOST_TEST(found("BCA cabang yang jauh sekali dari rumah saksi di kota 1234567890").empty());
}

BOOST_AUTO_TEST_CASE(the_nearest_bank_names_the_account) {
  BOOST_TEST(found("BCA 1234567890 / BRI 0987654321098") ==
             (std::vector<std::string>{"rekening:bca:1234567890", "rekening:bri:0987654321098"}));
  // A bank name belongs to the number next to it, not to the one after that.
  BOOST_TEST(found("rekening BCA 1234567890 dan 0857-1122-3344") ==
             (std::vector<std::string>{"rekening:bca:1234567890", "telepon:+6285711223344"}));
}

BOOST_AUTO_TEST_CASE(phone_or_account) {
  // A phone number beside a bank name stays a phone number ...
  BOOST_TEST(found("BRI 0857-1122-3344") == std::vector<std::string>{"telepon:+6285711223344"});
  // ... unless the words say it is an account.
  BOOST_TEST(found("no. rek BCA 085711223344") ==
             std::vector<std::string>{"rekening:bca:085711223344"});
  BOOST_TEST(found("rekening BCA 1234567890, HP 0812-3456-7890") ==
             (std::vector<std::string>{"rekening:bca:1234567890", "telepon:+6281234567890"}));
  // A sum is not an account, even beside one.
  BOOST_TEST(found("Rp 25.000.000 ke rekening BCA 1234567890") ==
             std::vector<std::string>{"rekening:bca:1234567890"});
  BOOST_TEST(found("sebesar 25.000.000 ke rekening BCA").empty());
  // Nor is a date.
  BOOST_TEST(found("transfer BCA tanggal 12-02-2024 dan 2024.02.12").empty());
}

BOOST_AUTO_TEST_CASE(ewallets) {
  const std::string text = "Kirim lewat DANA 0857-1122-3344 ya";
  const Identifier dana = only(text, IdentifierKind::ewallet);
  BOOST_TEST(dana.value == "dana:+6285711223344");
  BOOST_TEST(dana.qualifier == "DANA");
  BOOST_TEST(written(text, dana) == "0857-1122-3344");
  BOOST_TEST(found("Nomor OVO saya 0812-3456-7890, GoPay 0813 1111 2222, ShopeePay: "
                   "0856-1234-5678, Link Aja 0878 1111 2222, Go-Pay +62 813 1111 2222") ==
             (std::vector<std::string>{
                 "dompet:ovo:+6281234567890", "dompet:gopay:+6281311112222",
                 "dompet:shopeepay:+6285612345678", "dompet:linkaja:+6287811112222",
                 "dompet:gopay:+6281311112222"}));
  // "dana" (funds) in lower case is no e-wallet; an e-wallet is a phone number or nothing.
  BOOST_TEST(found("transfer dana ke 0857-1122-3344") ==
             std::vector<std::string>{"telepon:+6285711223344"});
  BOOST_TEST(found("OVO 1234567890").empty());
  // The e-wallet, the phone and the account of one person, side by side.
  BOOST_TEST(found("DANA 0857-1122-3344; HP 0812-3456-7890; rek. BNI 0123456789") ==
             (std::vector<std::string>{"dompet:dana:+6285711223344", "telepon:+6281234567890",
                                       "rekening:bni:0123456789"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers_nik)

BOOST_AUTO_TEST_CASE(valid_niks) {
  // FIKTIF NIKs: province 32 (Jawa Barat), made-up regency, district, dates and serials.
  BOOST_TEST(only("NIK 3201010101010001", IdentifierKind::nik).value == "3201010101010001");
  const std::string spaced = "NIK: 3201 0101 0101 0001 dan 32.01.01.010101.0001";
  const auto all = find_identifiers(spaced);
  BOOST_REQUIRE_EQUAL(all.size(), 2u);
  BOOST_TEST(all[0].value == "3201010101010001");
  BOOST_TEST(written(spaced, all[0]) == "3201 0101 0101 0001");
  BOOST_TEST(all[1].value == "3201010101010001");
  // Without "NIK" near: a province, and a plausible date (a woman's day + 40).
  BOOST_TEST(found("nomor 3201014501990001 saja") ==
             std::vector<std::string>{"nik:3201014501990001"});
  BOOST_TEST(found("nomor 7371010101010001 saja") ==
             std::vector<std::string>{"nik:7371010101010001"});
}

BOOST_AUTO_TEST_CASE(invalid_niks) {
  BOOST_TEST(found("NIK 9901010101010001").empty());        // no province 99
  BOOST_TEST(found("NIK 2001010101010001").empty());        // no province 20
  BOOST_TEST(found("NIK 320101010101000").empty());         // 15 digits
  BOOST_TEST(found("NIK 32010101010100011").empty());       // 17 digits
  BOOST_TEST(found("NIK 3201010101010000").empty());        // serial 0000
  BOOST_TEST(found("nomor 3201019901010001 saja").empty()); // day 99, no "NIK" near
  BOOST_TEST(found("nomor 3201010113010001 saja").empty()); // month 13
  BOOST_TEST(found("kartu 4111 1111 1111 1111").empty());   // a card number
  // A Kartu Keluarga number looks like a NIK and is not one.
  BOOST_TEST(found("NIK 3201010101010001, KK 3201010101010002") ==
             std::vector<std::string>{"nik:3201010101010001"});
  // With "NIK" near, the date is not checked (old and mistyped cards exist).
  BOOST_TEST(found("NIK 3201019901010001") == std::vector<std::string>{"nik:3201019901010001"});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers_web)

BOOST_AUTO_TEST_CASE(emails_and_domains) {
  const std::string text =
      "e-mail Budi.Fiktif@Gmail.COM, situs https://www.Kerja-Thailand.com/lowongan.html dan "
      "portal.example.co.id.";
  BOOST_TEST(found(text) == (std::vector<std::string>{"email:budi.fiktif@gmail.com",
                                                      "domain:kerja-thailand.com",
                                                      "domain:portal.example.co.id"}));
  const auto all = find_identifiers(text);
  BOOST_TEST(written(text, all[0]) == "Budi.Fiktif@Gmail.COM");
  BOOST_TEST(written(text, all[1]) == "www.Kerja-Thailand.com");
  BOOST_TEST(written(text, all[2]) == "portal.example.co.id");
  BOOST_TEST(found("kirim ke agen@x.co") == std::vector<std::string>{"email:agen@x.co"});
}

BOOST_AUTO_TEST_CASE(what_is_not_a_domain) {
  BOOST_TEST(found("foto.jpg bukti.pdf IMG-20240212-WA0001.jpeg rekaman.opus data.xlsx "
                   "skrip.sh catatan.md").empty());
  BOOST_TEST(found("Dr.Ir Budi, M.Si, S.Pd, Pid.Sus, No.Rek, Jl.Sudirman, a.n. Sari, dll.")
                 .empty());
  BOOST_TEST(found("versi 1.2.3 dan 10.0.0.1 dan akhir.kalimat").empty());
  // Names in a URL's path are not hosts.
  BOOST_TEST(found("https://kerja-fiktif.com/lowongan.id/thailand") ==
             std::vector<std::string>{"domain:kerja-fiktif.com"});
  BOOST_TEST(found("nama@").empty());
}

BOOST_AUTO_TEST_CASE(handles) {
  const std::string text =
      "Telegram: @budi_fiktif, IG: @sari.rekaan, t.me/agen_fiktif, "
      "https://facebook.com/joko.fiktif, fb.com/profile.php?id=100012345678, "
      "instagram.com/lowongan_fiktif, tiktok.com/@kerja.fiktif";
  BOOST_TEST(found(text) ==
             (std::vector<std::string>{"akun:telegram:budi_fiktif", "akun:instagram:sari.rekaan",
                                       "akun:telegram:agen_fiktif", "akun:facebook:joko.fiktif",
                                       "akun:facebook:100012345678",
                                       "akun:instagram:lowongan_fiktif",
                                       "akun:tiktok:kerja.fiktif"}));
  const auto all = find_identifiers(text);
  BOOST_TEST(all[0].qualifier == "telegram");
  BOOST_TEST(written(text, all[0]) == "@budi_fiktif");
  BOOST_TEST(written(text, all[2]) == "t.me/agen_fiktif");
  BOOST_TEST(written(text, all[6]) == "tiktok.com/@kerja.fiktif");
  // No platform named near: "@name", no qualifier.
  const Identifier bare = only("hubungi @Agen_Fiktif segera", IdentifierKind::handle);
  BOOST_TEST(bare.value == "@agen_fiktif");
  BOOST_TEST(bare.qualifier == "");
}

BOOST_AUTO_TEST_CASE(handles_are_not_emails) {
  BOOST_TEST(found("surel budi@gmail.com") == std::vector<std::string>{"email:budi@gmail.com"});
  BOOST_TEST(found("akun @gmail.com").empty());
  BOOST_TEST(found("jam @18.00 dan @x").empty());
  BOOST_TEST(found("Telegram @abc").empty());  // Telegram names have 5 characters or more
  BOOST_TEST(found("t.me/joinchat/AbCdEf12345 dan instagram.com/p/Xyz12345").empty());
  BOOST_TEST(found("wa.me/6285711223344") == std::vector<std::string>{"telepon:+6285711223344"});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers_crypto)

BOOST_AUTO_TEST_CASE(keccak256_vectors) {
  BOOST_TEST(hex(extract::internal::keccak256("")) ==
             "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  BOOST_TEST(hex(extract::internal::keccak256("abc")) ==
             "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  BOOST_TEST(hex(extract::internal::keccak256("The quick brown fox jumps over the lazy dog")) ==
             "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

BOOST_AUTO_TEST_CASE(ethereum_eip55) {
  for (const std::string a : {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                              "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                              "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                              "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
    const std::string text = "USDT ERC20 ke " + a;
    const Identifier id = only(text, IdentifierKind::crypto_wallet);
    BOOST_TEST(id.qualifier == "ethereum");
    std::string lower = a;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    BOOST_TEST(id.value == lower);
    BOOST_TEST(written(text, id) == a);
  }
  // One letter's case changed: the checksum fails.
  BOOST_TEST(found("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD").empty());
  BOOST_TEST(found("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").empty());
  // One case only: no checksum to check.
  BOOST_TEST(found("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").size() == 1u);
  BOOST_TEST(found("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED").size() == 1u);
  BOOST_TEST(found("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea").empty());  // 38 hex digits
  BOOST_TEST(found("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beagg").empty());
}

BOOST_AUTO_TEST_CASE(tron) {
  // FIKTIF: version 0x41 + bytes 0x11..0x24, Base58Check.
  const Identifier id = only("USDT TRC20: TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDNw", IdentifierKind::crypto_wallet);
  BOOST_TEST(id.value == "TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDNw");
  BOOST_TEST(id.qualifier == "tron");
  BOOST_TEST(found("TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDNx").empty());  // checksum
  BOOST_TEST(found("TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDN").empty());   // 33 characters
  BOOST_TEST(found("TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDN0").empty());  // '0' is not Base58
}

BOOST_AUTO_TEST_CASE(bitcoin) {
  // FIKTIF: the same 20 bytes as P2PKH (0x00), P2SH (0x05), P2WPKH; 32 bytes 0x21.. as P2TR.
  BOOST_TEST(found("btc 12ZG96sFFMjvv4c2TyoaZS8Y1PMK6RR6Up 33FH4eMgoG4K1EJTb5UAz4VU9ue2eK8Ysu") ==
             (std::vector<std::string>{"kripto:12ZG96sFFMjvv4c2TyoaZS8Y1PMK6RR6Up",
                                       "kripto:33FH4eMgoG4K1EJTb5UAz4VU9ue2eK8Ysu"}));
  BOOST_TEST(found("12ZG96sFFMjvv4c2TyoaZS8Y1PMK6RR6Uq").empty());
  BOOST_TEST(found("33FH4eMgoG4K1EJTb5UAz4VU9ue2eK8Ysv").empty());
  const Identifier upper =
      only("BC1QZYFPX9Q4ZCT3SXG6RVWP68SLYQSJYGEY5P0V5X", IdentifierKind::crypto_wallet);
  BOOST_TEST(upper.value == "bc1qzyfpx9q4zct3sxg6rvwp68slyqsjygey5p0v5x");
  BOOST_TEST(upper.qualifier == "bitcoin");
  BOOST_TEST(found("bc1pyy3zxfp9ycnjs2f29vkz6t30xqcnyve5x5mrwwpe8ganc0f78aqqv32qdr").size() == 1u);
  BOOST_TEST(found("bc1qzyfpx9q4zct3sxg6rvwp68slyqsjygey5p0v5y").empty());  // checksum
  BOOST_TEST(found("bc1qzyfpx9q4zct3sxg6rvwp68slyqsjygey5P0v5x").empty());  // mixed case
  // A version 1 program with a bech32 (not bech32m) checksum.
  BOOST_TEST(found("bc1pyy3zxfp9ycnjs2f29vkz6t30xqcnyve5x5mrwwpe8ganc0f78aqqed6vgp").empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers_codes)

BOOST_AUTO_TEST_CASE(passports) {
  // FIKTIF passport numbers.
  const std::string text = "paspor X1234567 dan Passport no. A 1234567";
  BOOST_TEST(found(text) ==
             (std::vector<std::string>{"paspor:X1234567", "paspor:A1234567"}));
  BOOST_TEST(written(text, find_identifiers(text)[1]) == "A 1234567");
  BOOST_TEST(found("kode X1234567 di kardus").empty());  // no passport word near
  BOOST_TEST(found("paspor X123456 dan XY1234567").empty());
}

BOOST_AUTO_TEST_CASE(vehicle_plates) {
  BOOST_TEST(found("dijemput B 1234 XYZ, lalu AB 123 CD dan DK 1234 AB") ==
             (std::vector<std::string>{"plat:B1234XYZ", "plat:AB123CD", "plat:DK1234AB"}));
  BOOST_TEST(found("mobil B1234XYZ dan motor AD 4567") ==
             (std::vector<std::string>{"plat:B1234XYZ", "plat:AD4567"}));
  BOOST_TEST(found("ruang B 12 lantai 2").empty());
  BOOST_TEST(found("lampiran A 1 B").empty());
  BOOST_TEST(found("mobil B 12").empty());
  BOOST_TEST(found("nomor XY 1234 AB").empty());   // no region XY
  BOOST_TEST(found("b 1234 xyz").empty());         // plates are written in capitals
  BOOST_TEST(found("kode B1234XYZ di dokumen").empty());
}

BOOST_AUTO_TEST_CASE(flights) {
  BOOST_TEST(found("naik QZ 123, lalu JT-610 dan GA 0404") ==
             (std::vector<std::string>{"penerbangan:QZ123", "penerbangan:JT610",
                                       "penerbangan:GA404"}));
  BOOST_TEST(found("pesawat GA404") == std::vector<std::string>{"penerbangan:GA404"});
  BOOST_TEST(found("kode GA404").empty());          // glued: only near a flight word
  BOOST_TEST(found("ID 7513").empty());             // "ID" is also an abbreviation
  BOOST_TEST(found("penerbangan ID 7513") == std::vector<std::string>{"penerbangan:ID7513"});
  BOOST_TEST(found("XX 123 dan KE 3 NEGARA").empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers_typed)

BOOST_AUTO_TEST_CASE(typed_values) {
  struct Case {
    std::string typed, code, value;
  };
  const std::vector<Case> cases = {
      {"0857-1122-3344", "telepon", "+6285711223344"},
      {"  +62 857 1122 3344 ", "telepon", "+6285711223344"},
      {"+855 12 345 678", "telepon", "+85512345678"},
      {"3201010101010001", "nik", "3201010101010001"},
      {"BCA 1234567890", "rekening", "bca:1234567890"},
      {"bca:1234567890", "rekening", "bca:1234567890"},
      {"bank:1234567890", "rekening", "bank:1234567890"},
      {"dana:0857-1122-3344", "dompet", "dana:+6285711223344"},
      {"dana:+6285711223344", "dompet", "dana:+6285711223344"},
      {"telegram:Budi_Fiktif", "akun", "telegram:budi_fiktif"},
      {"@Budi_Fiktif", "akun", "@budi_fiktif"},
      {"t.me/budi_fiktif", "akun", "telegram:budi_fiktif"},
      {"budi@gmail.com", "email", "budi@gmail.com"},
      {"Kerja-Thailand.com", "domain", "kerja-thailand.com"},
      {"X1234567", "paspor", "X1234567"},
      {"a 1234567", "paspor", "A1234567"},
      {"b 1234 xyz", "plat", "B1234XYZ"},
      {"qz 123", "penerbangan", "QZ123"},
      {"TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDNw", "kripto", "TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDNw"},
  };
  for (const Case& c : cases) {
    const auto id = parse_identifier(c.typed);
    BOOST_REQUIRE_MESSAGE(id.has_value(), "not read: " << c.typed);
    BOOST_TEST(extract::code_of(id->kind) == c.code, c.typed);
    BOOST_TEST(id->value == c.value, c.typed);
  }
  for (const std::string none : {"", "   ", "halo", "1234567890", "9901010101010001", "XX123",
                                 "0857-1122-3344 dan 0812-3456-7890", "bca:12", "dana:1234",
                                 "telegram:ab", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"}) {
    BOOST_TEST(!parse_identifier(none).has_value(), "read: " << none);
  }
  BOOST_TEST(!parse_identifier(std::string(10000, '7')).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers_masked)

BOOST_AUTO_TEST_CASE(formats) {
  BOOST_TEST(extract::masked(*parse_identifier("0857-1122-3344")) == "+62 857******44");
  BOOST_TEST(extract::masked(*parse_identifier("3201010101010001")) == "NIK 3201**********01");
  BOOST_TEST(extract::masked(*parse_identifier("BCA 1234567890")) == "BCA 123*****90");
  BOOST_TEST(extract::masked(*parse_identifier("telegram:budi_fiktif")) ==
             "telegram @bud******if");
  BOOST_TEST(extract::masked(*parse_identifier("budi.fiktif@gmail.com")) ==
             "bud******if@gmail.com");
}

BOOST_AUTO_TEST_CASE(never_the_whole_value) {
  const std::string text =
      "FIKTIF: HP 0857-1122-3344, +855 12 345 678, DANA 0812-3456-7890, rekening BCA 1234567890, "
      "NIK 3201010101010001, budi.fiktif@gmail.com, kerja-thailand.com, Telegram @budi_fiktif, "
      "paspor X1234567, TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDNw, "
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, mobil B 1234 XYZ, pesawat QZ 123";
  const auto all = find_identifiers(text);
  BOOST_TEST(all.size() == 13u);
  std::vector<IdentifierKind> kinds;
  for (const Identifier& id : all) {
    const std::string m = extract::masked(id);
    BOOST_TEST(m.find(id.value) == std::string::npos, m << " shows " << id.value);
    BOOST_TEST(m.find(written(text, id)) == std::string::npos, m);
    // The identifying part (the bank, e-wallet, platform, e-mail domain and TLD are hints): no 5
    // characters of it in a row are shown.
    std::string part = id.value;
    if (id.kind == IdentifierKind::email) part = part.substr(0, part.find('@'));
    if (id.kind == IdentifierKind::domain) part = part.substr(0, part.rfind('.'));
    if (id.kind == IdentifierKind::bank_account || id.kind == IdentifierKind::ewallet ||
        id.kind == IdentifierKind::handle) {
      part = part.substr(part.find(':') + 1);
    }
    for (std::size_t i = 0; i + 5 <= part.size(); ++i) {
      BOOST_TEST(m.find(part.substr(i, 5)) == std::string::npos, m << " shows " << part);
    }
    kinds.push_back(id.kind);
  }
  for (IdentifierKind k : k_all_kinds) {
    BOOST_TEST((std::find(kinds.begin(), kinds.end(), k) != kinds.end()), extract::code_of(k));
  }
  // Short values too.
  BOOST_TEST(extract::masked(Identifier{IdentifierKind::handle, "@ab", "", 0, 3}) == "@**");
  BOOST_TEST(extract::masked(Identifier{IdentifierKind::flight, "GA1", "", 0, 3}) ==
             "Penerbangan G**");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers_bounds)

BOOST_AUTO_TEST_CASE(ordered_without_overlap) {
  const std::string text = repeated(
      "FIKTIF: HP 0857-1122-3344 / DANA 0812-3456-7890 / BCA 1234567890 / budi@gmail.com / "
      "t.me/agen_fiktif / kerja.com / NIK 3201010101010001 / B 1234 XYZ / QZ 123\n", 20000);
  const auto all = find_identifiers(text);
  BOOST_REQUIRE(!all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) {
    BOOST_TEST(all[i].value.size() <= 128u);
    BOOST_TEST(all[i].length > 0u);
    BOOST_TEST(all[i].offset + all[i].length <= text.size());
    if (i > 0) BOOST_TEST(all[i - 1].offset + all[i - 1].length <= all[i].offset);
  }
}

BOOST_AUTO_TEST_CASE(max_found_and_max_bytes) {
  const std::string text = repeated("HP 0857-1122-3344 ", 100000);
  BOOST_TEST(find_identifiers(text, 7).size() == 7u);
  BOOST_TEST(find_identifiers(text, 0).empty());
  BOOST_TEST(find_identifiers(text).size() == 5000u);
  const std::string two = "HP 0857-1122-3344 dan 0812-3456-7890";
  BOOST_TEST(find_identifiers(two, 5000, two.find("0812")).size() == 1u);
  BOOST_TEST(find_identifiers(two, 5000, two.find("0812") + 6).size() == 1u);  // cut: not read
  BOOST_TEST(find_identifiers(two, 5000, 10).empty());
}

BOOST_AUTO_TEST_CASE(values_at_most_128_bytes) {
  const std::string local(60, 'a');
  const std::string host = std::string(60, 'b') + "." + std::string(20, 'c') + ".com";
  BOOST_TEST(found(local + "@" + host).empty());
  BOOST_TEST(found("situs " + std::string(63, 'd') + "." + std::string(63, 'e') + ".com").empty());
}

BOOST_AUTO_TEST_CASE(hostile_inputs_stay_fast) {
  std::size_t n = 0;
  BOOST_TEST(seconds_for(std::string(100000, '7'), &n) < k_fast);
  BOOST_TEST(n == 0u);
  BOOST_TEST(seconds_for(std::string(10u << 20, '@'), &n) < k_fast);
  BOOST_TEST(n == 0u);
  BOOST_TEST(seconds_for(repeated("@a.", 1u << 20), &n) < k_fast);
  BOOST_TEST(n == 0u);
  BOOST_TEST(seconds_for(repeated("a@", 1u << 20)) < k_fast);
  BOOST_TEST(seconds_for(repeated("08 ", 1u << 20)) < k_fast);
  BOOST_TEST(seconds_for(repeated("1 ", 1u << 20)) < k_fast);
  BOOST_TEST(seconds_for(repeated("0-", 1u << 20)) < k_fast);
  BOOST_TEST(seconds_for(repeated("(((+", 1u << 20)) < k_fast);
  BOOST_TEST(seconds_for(repeated("lO1 ", 1u << 20)) < k_fast);
  BOOST_TEST(seconds_for(repeated("hp rekening BCA DANA NIK ", 1u << 20)) < k_fast);
  BOOST_TEST(seconds_for(repeated("0857-1122-3344 ", 1u << 20), &n) < k_fast);
  BOOST_TEST(n == 5000u);
  // Distinct numbers, each a new question for libphonenumber (bounded per call).
  std::string distinct;
  for (int i = 0; distinct.size() < (1u << 20); ++i) {
    distinct += "0210" + std::to_string(1000000 + i) + " ";
  }
  BOOST_TEST(seconds_for(distinct) < k_fast);
  BOOST_TEST(seconds_for(repeated("TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDNw ", 1u << 20)) < k_fast);
  BOOST_TEST(seconds_for(repeated("www.a", 1u << 20)) < k_fast);
  BOOST_TEST(seconds_for(repeated("a.", 1u << 20) + "com") < k_fast);
  BOOST_TEST(seconds_for(std::string(1u << 20, 'a') + "@" + std::string(1u << 20, 'b')) < k_fast);
}

BOOST_AUTO_TEST_CASE(several_threads_at_once) {
  const std::string text = repeated(
      "FIKTIF: HP 0857-1122-3344, +66 81 234 5678, BCA 1234567890, budi@gmail.com, "
      "TBXU9AEyQ5rt5Eff4FTJ5apfvB6dG4uDNw\n", 20000);
  const auto expected = find_identifiers(text);
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);  // not vector<bool>: its elements share bytes
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const auto r = find_identifiers(text);
      same[t] = r.size() == expected.size() &&
                std::equal(r.begin(), r.end(), expected.begin(), [](const auto& a, const auto& b) {
                  return a.value == b.value && a.offset == b.offset;
                });
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < 4; ++t) BOOST_TEST(same[t]);
  BOOST_TEST(expected.size() > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
