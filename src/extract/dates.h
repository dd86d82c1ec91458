// extract/dates: the absolute dates written in evidence text — Indonesian first, English too — as
// ISO dates for a case timeline ("Senin, 12 Februari 2024 sekira pukul 09.15 WIB" → 2024-02-12,
// 09:15). Pure functions over text: nothing is resolved against today or against another date.
//
// What is read (month names in any case, Indonesian and English, and their abbreviations:
// Jan, Feb, Pebruari, Mar, Apr, Mei, Jun, Jul, Agt/Agu/Aug, Sep/Sept, Okt/Oct, Nop/Nopember, Des/Dec):
//
// | written                                                   | date        | precision |
// |-----------------------------------------------------------|-------------|-----------|
// | 12 Februari 2024 · 12 Feb. 2024 · 12-Feb-2024             | 2024-02-12  | day       |
// | tanggal 5 bulan Maret tahun 2024 · 5 (lima) Maret 2024  | 2024-03-05  | day       |
// | tanggal dua belas bulan Februari tahun dua ribu dua puluh empat | 2024-02-12 | day    |
// | 05/03/2024 · 5-3-2024 · 5.3.2024 (day, month, year)       | 2024-03-05  | day       |
// | 05/03/24 · 5-3-24 (two-digit year: 00–69 → 20xx, 70–99 → 19xx; not with dots) | 2024-03-05 | day |
// | 2024-03-05 · 2024/03/05                                   | 2024-03-05  | day       |
// | 12 February 2024 · February 12, 2024 · 12th of February 2024 | 2024-02-12 | day      |
// | Maret 2024 · bulan Maret tahun 2024 · Maret 202 4 (an OCR-split year) | 2024-03 | month |
// | tahun 2023 · pada tahun 2023 · pada 2023 · sejak 2023 (1950–2100 only) | 2023 | year   |
//
// A time written after a day ("pukul 09.15 WIB", "sekira jam 21:30", "pkl. 14.00 WITA",
// "at 9:15 pm", "2024-02-12T09:15", "12/02/2024 09:15") fills `time`. A day of the week and the
// words "tanggal", "bulan", "tahun", "pada", "sejak" before a date are not part of its span.
//
// What is deliberately not read: relative dates ("kemarin", "dua hari kemudian", "minggu lalu",
// "besoknya"), a day and month without a year, a month or year alone without the words above,
// month/day order ("03/25/2024" is refused, not swapped), and numbers that only look like dates:
// case numbers ("981/Pid.Sus/2025/PN Sby"), amounts ("Rp 25.000.000"), telephone, version and
// document numbers (a numeric date after "Rp", "Nomor", "No.", "versi", "telp" ...), the year of a
// law's title or of the State Gazette ("Undang-Undang Nomor 21 Tahun 2007", "Lembaran Negara
// Republik Indonesia Tahun 2007 Nomor 58": "Tahun NNNN" after a number, after "Indonesia" or
// before "Nomor"). A date that does not exist ("31 Februari 2024", "29/02/2023", month 13) is
// refused whole: neither it nor a part of it ("Februari 2024") is returned.
//
// Thread safety: no shared state; every function is safe to call from several threads at once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berkas::extract {

// How much of a date was written.
enum class DatePrecision { day, month, year };

// One date as written in a text.
struct WrittenDate {
  std::string date;         // ISO: "2024-02-12" (day), "2024-02" (month), "2024" (year)
  DatePrecision precision = DatePrecision::day;
  std::string time;         // "09:15" when a time of day is written with a day, else empty
  std::size_t offset = 0;   // byte offset of the written date in the text (without its time)
  std::size_t length = 0;   // its bytes as written: text.substr(offset, length) is the date
};

// Every absolute date written in `text` (UTF-8; other bytes are read as letters), in order, at most
// `max_found`. Text beyond `max_bytes` is ignored; the text is cut at the white space before the
// bound, so a number is never read short, but a date written across the bound is not found (or,
// in words, may be read short). Linear in the text; never fails: a text without dates gives an
// empty vector.
std::vector<WrittenDate> find_dates(std::string_view text, std::size_t max_found = 2000,
                                    std::size_t max_bytes = 16u << 20);

// One typed date ("12 Februari 2024", "2024-02-12", "12/02/2024", "Senin, 12 Februari 2024
// pukul 09.15", "Maret 2024", "2024-03", "2024"), or nullopt when the input is not exactly one
// existing date (other words, two dates, more than 256 bytes). A bare year and "YYYY-MM" are read
// here, as typed, but not by find_dates; so parse_date(d.date) gives back d's date and precision.
std::optional<WrittenDate> parse_date(std::string_view typed);

}  // namespace berkas::extract
