// extract/dates: absolute dates written in Indonesian and English evidence text. Every sentence
// here is made up for the test (FIKTIF): invented people, places, case numbers and amounts.
#define BOOST_TEST_MODULE dates
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "extract/dates.h"

using namespace berkas;
using extract::DatePrecision;
using extract::find_dates;
using extract::parse_date;
using extract::WrittenDate;

namespace {

// The dates of `text` as "date" or "date time", joined by "; ", to compare in one line.
std::string dates(std::string_view text) {
  std::string out;
  for (const WrittenDate& d : find_dates(text)) {
    if (!out.empty()) out += "; ";
    out += d.date;
    if (!d.time.empty()) out += " " + d.time;
  }
  return out;
}

// The one date of `text`, which must be written exactly as `written`.
WrittenDate only(std::string_view text, std::string_view written) {
  const auto found = find_dates(text);
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  BOOST_TEST(text.substr(found[0].offset, found[0].length) == written);
  return found[0];
}

std::string typed(std::string_view s) {
  const auto d = parse_date(s);
  return d ? d->date + (d->time.empty() ? "" : " " + d->time) : "-";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dates_written)

BOOST_AUTO_TEST_CASE(day_month_year_in_indonesian) {
  // FIKTIF
  const std::string text = "Pada 12 Februari 2024 saksi Rina Rekaan berangkat dari Kupang.";
  const WrittenDate d = only(text, "12 Februari 2024");
  BOOST_TEST(d.date == "2024-02-12");
  BOOST_TEST((d.precision == DatePrecision::day));
  BOOST_TEST(d.time.empty());
  BOOST_TEST(d.offset == 5u);
  BOOST_TEST(d.length == 16u);

  BOOST_TEST(dates("tanggal 5 bulan Maret 2024") == "2024-03-05");
  BOOST_TEST(dates("tanggal 5 bulan Maret tahun 2024") == "2024-03-05");
  BOOST_TEST(dates("12 FEBRUARI 2024") == "2024-02-12");
  BOOST_TEST(dates("12 pebruari 2024") == "2024-02-12");
  BOOST_TEST(dates("3 Nopember 2023, 4 Nop 2023, 5 Nov. 2023") == "2023-11-03; 2023-11-04; 2023-11-05");
  BOOST_TEST(dates("17 Agt 2023 / 18 Agu 2023 / 19 Agustus 2023 / 20 Aug 2023") ==
             "2023-08-17; 2023-08-18; 2023-08-19; 2023-08-20");
  BOOST_TEST(dates("12-Feb-2024 dan 13/Mar/2024") == "2024-02-12; 2024-03-13");
  BOOST_TEST(dates("12 Februari, 2024") == "2024-02-12");
  // A line break between the parts, as OCR and PDF text layers give.
  BOOST_TEST(dates("tanggal 12\nFebruari\n2024") == "2024-02-12");
}

BOOST_AUTO_TEST_CASE(every_month_name_and_abbreviation) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"Januari", "01"}, {"Jan", "01"},      {"Februari", "02"}, {"Feb", "02"},       {"Pebruari", "02"},
      {"Maret", "03"},   {"Mar", "03"},      {"April", "04"},    {"Apr", "04"},       {"Mei", "05"},
      {"Juni", "06"},    {"Jun", "06"},      {"Juli", "07"},     {"Jul", "07"},       {"Agustus", "08"},
      {"Agt", "08"},     {"Agu", "08"},      {"Aug", "08"},      {"September", "09"}, {"Sep", "09"},
      {"Sept", "09"},    {"Oktober", "10"},  {"Okt", "10"},      {"November", "11"},  {"Nov", "11"},
      {"Nop", "11"},     {"Nopember", "11"}, {"Desember", "12"}, {"Des", "12"},       {"January", "01"},
      {"February", "02"}, {"March", "03"},   {"May", "05"},      {"June", "06"},      {"July", "07"},
      {"August", "08"},  {"October", "10"},  {"Oct", "10"},      {"December", "12"},  {"Dec", "12"}};
  for (const auto& [name, number] : names) {
    BOOST_TEST(dates("7 " + name + " 2022") == "2022-" + number + "-07", name);
    BOOST_TEST(dates("Sejak " + name + " 2022") == "2022-" + number, name);
  }
}

BOOST_AUTO_TEST_CASE(numeric_forms_day_first) {
  // FIKTIF
  const WrittenDate d = only("Dibuat tgl. 5-3-2024 di Polres.", "5-3-2024");
  BOOST_TEST(d.date == "2024-03-05");
  BOOST_TEST(dates("tgl.5-3-2024") == "2024-03-05");
  BOOST_TEST(dates("05/03/2024") == "2024-03-05");
  BOOST_TEST(dates("5.3.2024") == "2024-03-05");
  BOOST_TEST(dates("diterima (12/02/2024).") == "2024-02-12");
  BOOST_TEST(dates("ISO 2024-03-05 dan 2024/03/06") == "2024-03-05; 2024-03-06");
  // Two-digit years only as d/m/yy: 00–69 → 20xx, 70–99 → 19xx; never with dots (times, versions).
  BOOST_TEST(dates("05/03/24") == "2024-03-05");
  BOOST_TEST(dates("5-3-69") == "2069-03-05");
  BOOST_TEST(dates("05/03/85") == "1985-03-05");
  BOOST_TEST(dates("05/03/70") == "1970-03-05");
  BOOST_TEST(dates("5.3.24") == "");
  BOOST_TEST(dates("12.05.30") == "");
  // Indonesian order only: month/day is not swapped.
  BOOST_TEST(dates("03/25/2024") == "");
  // Mixed separators are not a date.
  BOOST_TEST(dates("05/03-2024") == "");
}

BOOST_AUTO_TEST_CASE(month_precision) {
  // FIKTIF
  WrittenDate d = only("Korban direkrut pada Maret 2024 oleh agen.", "Maret 2024");
  BOOST_TEST(d.date == "2024-03");
  BOOST_TEST((d.precision == DatePrecision::month));
  d = only("pada bulan Maret tahun 2024", "Maret tahun 2024");
  BOOST_TEST(d.date == "2024-03");
  BOOST_TEST(dates("Feb. 2023") == "2023-02");
  BOOST_TEST(dates("sejak Desember, 2021") == "2021-12");
  // A day and month without a year, a month alone: not a date.
  BOOST_TEST(dates("12 Februari lalu") == "");
  BOOST_TEST(dates("bulan Maret") == "");
}

BOOST_AUTO_TEST_CASE(year_precision_only_when_introduced) {
  // FIKTIF
  WrittenDate d = only("Terdakwa bekerja di Malaysia sejak tahun 2019.", "2019");
  BOOST_TEST((d.precision == DatePrecision::year));
  BOOST_TEST(d.date == "2019");
  BOOST_TEST(dates("tahun 2023") == "2023");
  BOOST_TEST(dates("pada 2023") == "2023");
  BOOST_TEST(dates("pada tahun 2020") == "2020");
  BOOST_TEST(dates("sejak 2019") == "2019");
  BOOST_TEST(dates("tahun dua ribu dua puluh tiga") == "2023");
  // Without an introducer, outside 1950..2100, or a count of people: not a year.
  BOOST_TEST(dates("2023") == "");
  BOOST_TEST(dates("sebanyak 2023 berkas") == "");
  BOOST_TEST(dates("tahun 1900") == "");
  BOOST_TEST(dates("pada 2150") == "");
  BOOST_TEST(dates("pada 2000 orang") == "");
  BOOST_TEST(dates("pada 2.023") == "");
}

BOOST_AUTO_TEST_CASE(day_of_week_is_not_part_of_the_date) {
  // FIKTIF
  const WrittenDate d = only("Senin, 12 Februari 2024 saksi diperiksa.", "12 Februari 2024");
  BOOST_TEST(d.offset == 7u);
  BOOST_TEST(dates("pada hari Jum'at tanggal 16 Februari 2024") == "2024-02-16");
}

BOOST_AUTO_TEST_CASE(dates_in_words_as_court_documents_write_them) {
  // FIKTIF
  const std::string text =
      "Pada hari Senin tanggal dua belas bulan Februari tahun dua ribu dua puluh empat, kami penyidik.";
  const WrittenDate d = only(text, "dua belas bulan Februari tahun dua ribu dua puluh empat");
  BOOST_TEST(d.date == "2024-02-12");
  BOOST_TEST(dates("tanggal tiga puluh satu bulan Desember tahun dua ribu dua puluh tiga") == "2023-12-31");
  BOOST_TEST(dates("tanggal sebelas bulan Mei tahun seribu sembilan ratus sembilan puluh delapan") ==
             "1998-05-11");
  BOOST_TEST(dates("tanggal sepuluh Juni 2022") == "2022-06-10");
  BOOST_TEST(dates("tanggal satu bulan Juli tahun dua ribu") == "2000-07-01");
  BOOST_TEST(dates("tanggal 12 (dua belas) bulan Februari tahun 2024 (dua ribu dua puluh empat)") ==
             "2024-02-12");
  // Mixed digits and words.
  BOOST_TEST(dates("tanggal 9 bulan Januari tahun dua ribu dua puluh lima") == "2025-01-09");
  // Words that are not a number in the right order give nothing.
  BOOST_TEST(dates("tanggal dua puluh tiga belas Mei 2024") == "");
  BOOST_TEST(dates("tanggal tiga puluh dua Mei 2024") == "");  // a day that does not exist
}

BOOST_AUTO_TEST_CASE(ocr_split_year_after_a_month) {
  // FIKTIF
  WrittenDate d = only("diterima tanggal 12 Februari 202 4 oleh", "12 Februari 202 4");
  BOOST_TEST(d.date == "2024-02-12");
  BOOST_TEST(dates("Maret 20 24") == "2024-03");
  // Only one space, only after a month.
  BOOST_TEST(dates("12 Februari 202  4") == "");
  BOOST_TEST(dates("pada 202 4") == "");
  BOOST_TEST(dates("05/03/202 4") == "");
}

BOOST_AUTO_TEST_CASE(time_of_day) {
  // FIKTIF
  WrittenDate d = only("Senin tanggal 12 Februari 2024 sekira pukul 09.15 WIB di Bandara", "12 Februari 2024");
  BOOST_TEST(d.time == "09:15");
  BOOST_TEST(dates("12 Februari 2024 jam 21:30") == "2024-02-12 21:30");
  BOOST_TEST(dates("12 Februari 2024, pukul 14.00 WITA") == "2024-02-12 14:00");
  BOOST_TEST(dates("12 Februari 2024 pkl. 7.05 WIT") == "2024-02-12 07:05");
  BOOST_TEST(dates("12 Februari 2024 kira-kira pukul 23.59") == "2024-02-12 23:59");
  BOOST_TEST(dates("2024-02-12T09:15") == "2024-02-12 09:15");
  BOOST_TEST(dates("12/02/2024 09:15:40") == "2024-02-12 09:15");
  BOOST_TEST(dates("12/02/2024 09.15 WIB") == "2024-02-12 09:15");
  BOOST_TEST(dates("February 12, 2024 at 9:15 pm") == "2024-02-12 21:15");
  // A bare dotted number after a date is not a time; an impossible time is dropped, not the date.
  BOOST_TEST(dates("12/02/2024 09.15 kg") == "2024-02-12");
  BOOST_TEST(dates("12 Februari 2024 pukul 25.00") == "2024-02-12");
  BOOST_TEST(dates("12 Februari 2024 pukul 10.75") == "2024-02-12");
  // Only a day carries a time.
  BOOST_TEST(dates("Maret 2024 pukul 09.15") == "2024-03");
}

BOOST_AUTO_TEST_CASE(english_dates) {
  BOOST_TEST(dates("12 February 2024") == "2024-02-12");
  BOOST_TEST(dates("February 12, 2024") == "2024-02-12");
  BOOST_TEST(dates("February 12 2024") == "2024-02-12");
  BOOST_TEST(dates("on the 12th of February 2024") == "2024-02-12");
  BOOST_TEST(dates("Feb 1st, 2024") == "2024-02-01");
  BOOST_TEST(dates("since December 2021") == "2021-12");
  const WrittenDate d = only("Signed on February 12, 2024.", "February 12, 2024");
  BOOST_TEST(d.offset == 10u);
}

BOOST_AUTO_TEST_CASE(invalid_calendar_dates_are_refused_whole) {
  BOOST_TEST(dates("31 Februari 2024") == "");
  BOOST_TEST(dates("30 Februari 2024") == "");
  BOOST_TEST(dates("29 Februari 2023") == "");
  BOOST_TEST(dates("29 Februari 2024") == "2024-02-29");
  BOOST_TEST(dates("29/02/2000") == "2000-02-29");
  BOOST_TEST(dates("29/02/1900") == "");
  BOOST_TEST(dates("31/04/2024") == "");
  BOOST_TEST(dates("13/13/2024") == "");
  BOOST_TEST(dates("12/13/2024") == "");
  BOOST_TEST(dates("0/3/2024") == "");
  BOOST_TEST(dates("2024-02-30") == "");
  BOOST_TEST(dates("February 30, 2024") == "");
  BOOST_TEST(dates("45 Maret 2024") == "");
  BOOST_TEST(dates("100 Maret 2024") == "");  // nor is "Maret 2024" read out of it
  BOOST_TEST(dates("12 Maret 3024") == "");
  // The refused date hides no other: the next one is still found.
  BOOST_TEST(dates("31 Februari 2024 dan 1 Maret 2024") == "2024-03-01");
}

BOOST_AUTO_TEST_CASE(law_titles_and_gazette_years_are_not_event_dates) {
  // Law titles are real citations; the surrounding sentences are FIKTIF.
  BOOST_TEST(dates("melanggar Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana "
                   "Perdagangan Orang") == "");
  BOOST_TEST(dates("UU No. 21 Tahun 2007 dan UU Nomor 1 Tahun 2023") == "");
  BOOST_TEST(dates("Peraturan Pemerintah Nomor: 9 Tahun 2008") == "");
  BOOST_TEST(dates("(Lembaran Negara Republik Indonesia Tahun 2007 Nomor 58)") == "");
  BOOST_TEST(dates("UU 21/2007 Pasal 2") == "");
  // The event date beside a law title is still read.
  BOOST_TEST(dates("UU Nomor 21 Tahun 2007 berlaku; terdakwa ditangkap pada tahun 2024") == "2024");
  BOOST_TEST(dates("Nomor 21 Tahun 2007, kejadian tanggal 3 Mei 2024") == "2024-05-03");
}

BOOST_AUTO_TEST_CASE(numbers_that_only_look_like_dates) {
  // FIKTIF case numbers, amounts, telephone numbers.
  BOOST_TEST(dates("Putusan Nomor 981/Pid.Sus/2025/PN Sby") == "");
  BOOST_TEST(dates("perkara 12/Pid.Sus/2024/PN Jkt.Sel") == "");
  BOOST_TEST(dates("Rp 25.000.000 dan Rp1.500.000,00") == "");
  BOOST_TEST(dates("biaya Rp 10.10.2024") == "");
  BOOST_TEST(dates("HP 0812-3456-7890, +62 812 3456 7890, (021) 12-34-56, 021-555-1234") == "");
  BOOST_TEST(dates("Pasal 2 ayat (1) jo. Pasal 17") == "");
  BOOST_TEST(dates("Tesseract 5.3.0, versi 2.10.2024, v1.2.2024, build 1.2.2024.5") == "");
  BOOST_TEST(dates("alamat 192.168.1.1") == "");
  BOOST_TEST(dates("surat Nomor: 05/03/2024") == "");
  BOOST_TEST(dates("berkas 05/03/2024/Reskrim") == "");
  BOOST_TEST(dates("1.234.567") == "");
  // Beside them, a real date.
  BOOST_TEST(dates("Putusan Nomor 981/Pid.Sus/2025/PN Sby tanggal 5 Mei 2025") == "2025-05-05");
}

BOOST_AUTO_TEST_CASE(relative_dates_are_not_resolved) {
  // FIKTIF
  BOOST_TEST(dates("kemarin saksi dijemput; dua hari kemudian ia diberangkatkan") == "");
  BOOST_TEST(dates("minggu lalu, besoknya, tiga bulan lalu, tahun lalu, tahun depan") == "");
  BOOST_TEST(dates("setelah 2 tahun dan 3 bulan bekerja") == "");
  BOOST_TEST(dates("Senin lalu pukul 09.15 WIB") == "");
}

BOOST_AUTO_TEST_CASE(several_dates_in_order_with_offsets) {
  // FIKTIF: a statement with a date in each form.
  const std::string text =
      "Saksi Dewi Fiktif (FIKTIF) direkrut pada Januari 2023, berangkat tanggal 5-3-2023 "
      "sekira pukul 21.00 WITA, dan dipulangkan pada 2 Juni 2024.";
  const auto found = find_dates(text);
  BOOST_REQUIRE_EQUAL(found.size(), 3u);
  const std::vector<std::string> written = {"Januari 2023", "5-3-2023", "2 Juni 2024"};
  const std::vector<std::string> iso = {"2023-01", "2023-03-05", "2024-06-02"};
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST(text.substr(found[i].offset, found[i].length) == written[i]);
    BOOST_TEST(found[i].date == iso[i]);
  }
  BOOST_TEST(found[1].time == "21:00");
  BOOST_TEST(found[0].offset < found[1].offset);
  // Offsets are bytes: a multi-byte letter before the date moves it by its bytes.
  const std::string utf8 = "Saksi \xC3\xA9 12 Mei 2024";  // "é" is two bytes
  BOOST_TEST(only(utf8, "12 Mei 2024").offset == 9u);
  // A no-break space between the parts (word processors).
  BOOST_TEST(dates("12\xC2\xA0Mei\xC2\xA0" "2024") == "2024-05-12");
}

BOOST_AUTO_TEST_CASE(bounds) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "tanggal 1 Mei 2024. ";
  BOOST_TEST(find_dates(text).size() == 100u);
  BOOST_TEST(find_dates(text, 10).size() == 10u);
  BOOST_TEST(find_dates(text, 0).empty());
  // Text beyond max_bytes is ignored, and a number at the bound is not read short.
  BOOST_TEST(find_dates("05/03/2024 12/03/2024", 2000, 10).size() == 1u);
  BOOST_TEST(find_dates("05/03/2024 12/03/2024", 2000, 18).size() == 1u);
  BOOST_TEST(find_dates("x 05/03/2024", 2000, 8).empty());  // not "05/03/20" → 2020
}

BOOST_AUTO_TEST_CASE(hostile_inputs_return_quickly) {
  using clock = std::chrono::steady_clock;
  const auto elapsed = [](const std::string& s) {
    const auto t0 = clock::now();
    const auto found = find_dates(s);
    return std::make_pair(found.size(), std::chrono::duration<double>(clock::now() - t0).count());
  };
  std::string digits_slashes;
  while (digits_slashes.size() < (1u << 20)) digits_slashes += "12/12/12/2024/";
  std::string maret;
  while (maret.size() < (1u << 20)) maret += "Maret ";
  std::string words;
  while (words.size() < (1u << 20)) words += "dua puluh dua belas ribu ";
  const std::string one_number(1u << 20, '7');
  std::string dotted;
  while (dotted.size() < (1u << 20)) dotted += "1.";
  for (const std::string* s : std::vector<const std::string*>{&digits_slashes, &maret, &words, &one_number, &dotted}) {
    const auto [n, seconds] = elapsed(*s);
    BOOST_TEST(n == 0u);
    BOOST_TEST(seconds < 2.0);
  }
  // Many real dates stop at max_found.
  std::string many;
  while (many.size() < (1u << 20)) many += "1/1/2024 ";
  const auto [n, seconds] = elapsed(many);
  BOOST_TEST(n == 2000u);
  BOOST_TEST(seconds < 2.0);
}

BOOST_AUTO_TEST_CASE(safe_from_several_threads) {
  // FIKTIF
  const std::string text = "Senin, 12 Februari 2024 pukul 09.15 WIB; 05/03/2024; Maret 2024; tahun 2023.";
  const std::string expected = "2024-02-12 09:15; 2024-03-05; 2024-03; 2023";
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 200; ++k) got[i] = dates(text);
    });
  for (auto& t : threads) t.join();
  for (const auto& g : got) BOOST_TEST(g == expected);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(dates_typed)

BOOST_AUTO_TEST_CASE(one_typed_date) {
  BOOST_TEST(typed("12 Februari 2024") == "2024-02-12");
  BOOST_TEST(typed("2024-02-12") == "2024-02-12");
  BOOST_TEST(typed("12/02/2024") == "2024-02-12");
  BOOST_TEST(typed("  Senin, 12 Februari 2024 pukul 09.15 WIB ") == "2024-02-12 09:15");
  BOOST_TEST(typed("tgl. 5-3-2024") == "2024-03-05");
  BOOST_TEST(typed("February 12, 2024") == "2024-02-12");
  BOOST_TEST(typed("Maret 2024") == "2024-03");
  BOOST_TEST(typed("2024-03") == "2024-03");
  BOOST_TEST(typed("2024") == "2024");
  BOOST_TEST(typed("tahun 2024") == "2024");
  const auto d = parse_date("  12 Mei 2024");
  BOOST_REQUIRE(d.has_value());
  BOOST_TEST(d->offset == 2u);
  BOOST_TEST(d->length == 11u);
  BOOST_TEST((parse_date("2024-03")->precision == DatePrecision::month));
  BOOST_TEST((parse_date("2024")->precision == DatePrecision::year));
}

BOOST_AUTO_TEST_CASE(typed_refusals) {
  BOOST_TEST(typed("") == "-");
  BOOST_TEST(typed("kemarin") == "-");
  BOOST_TEST(typed("31 Februari 2024") == "-");
  BOOST_TEST(typed("2024-13") == "-");
  BOOST_TEST(typed("12 Februari 2024 di Kupang") == "-");
  BOOST_TEST(typed("Kupang, 12 Februari 2024") == "-");
  BOOST_TEST(typed("12 Februari 2024 dan 13 Februari 2024") == "-");
  BOOST_TEST(typed("981/Pid.Sus/2025/PN Sby") == "-");
  BOOST_TEST(typed("1850") == "-");
  BOOST_TEST(typed(std::string(300, ' ') + "2024") == "-");
}

BOOST_AUTO_TEST_CASE(iso_output_reads_back) {
  // FIKTIF
  const std::string text = "12 Februari 2024, Maret 2024, sejak tahun 2019, 29/02/2024";
  for (const WrittenDate& d : find_dates(text)) {
    const auto back = parse_date(d.date);
    BOOST_REQUIRE_MESSAGE(back.has_value(), d.date);
    BOOST_TEST(back->date == d.date);
    BOOST_TEST((back->precision == d.precision));
  }
}

BOOST_AUTO_TEST_SUITE_END()
