// service/anonymise: case material made fit for training documents — every person of the case
// by a role pseudonym (real names of protected AND unprotected persons never appear), places
// generalised with a gazetteer (index/places.txt), long digit runs masked, dates cut to month and
// year. Applied to every case study whatever the viewer's clearance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/model.h"
#include "service/redact.h"
#include "store/store.h"

namespace berkas::service {

// Places and their general forms ("Sihanoukville" → "sebuah kota di Kamboja").
class Gazetteer {
 public:
  // Reads "name | general form" lines ('#' comments). invalid_input with file:line for a line
  // without '|'; io if unreadable.
  static core::Result<Gazetteer> load(const std::string& path);
  Gazetteer() = default;
  explicit Gazetteer(std::vector<std::pair<std::string, std::string>> entries);

  // `text` with every listed place (word boundaries, case-insensitive, longest first, a leading
  // "Kota"/"Kabupaten"/"Kab."/"Provinsi"/"Kecamatan" included) replaced by its general form.
  std::string generalise(std::string_view text) const;
  // The general form of the first listed place in `text`, or "" if none is named.
  std::string general_of(std::string_view text) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return m_entries; }

 private:
  std::vector<std::pair<std::string, std::string>> m_entries;  // longest name first
};

// Month and year of an ISO date: "2024-04-03" → "April 2024" ("" if not a date).
std::string month_year(const core::Date& d);

// Dates in free text cut to month and year ("12 Februari 2024", "2024-02-12", "12/02/2024" →
// "Februari 2024"), then runs of six or more digits (joined by spaces or dashes: telephone,
// passport, account numbers) replaced by "[nomor disamarkan]".
std::string mask_dates_and_numbers(std::string_view text);

class Anonymiser {
 public:
  // `persons`: everyone of the item's case (and the item's own persons). Each gets their
  // pseudonym if they have one, else a role pseudonym numbered by role in id order ("Korban 1",
  // "Saksi 2", "Terdakwa 1").
  Anonymiser(std::vector<core::Person> persons, Gazetteer places);

  // Free text: dates and numbers masked, persons' origins generalised, names replaced by
  // pseudonyms, gazetteer places generalised.
  std::string text(std::string_view s) const;
  // A place field as a whole: the general form of a place it names, else a neutral phrase
  // ("sebuah tempat / a place") — the rest of a place field (an office, a street) never passes.
  std::string place(std::string_view s) const;
  // The pseudonym given to a person ("" if not one of `persons`).
  std::string pseudonym_of(const std::string& person_id) const;
  // The real names (for the output guard; multi-word names only, so that a common word does
  // not trip it).
  std::vector<std::string> guard_names() const;

 private:
  std::vector<core::Person> m_persons;  // with the pseudonym to use in `pseudonym`
  std::vector<std::pair<std::string, std::string>> m_origins;  // origin text → general form
  Gazetteer m_places;
  std::optional<Redactor> m_names;
};

// The item with every text anonymised: title, summary, questions and answers, sections; place
// generalised; date cut to "YYYY-MM" (print it with month_year); examiner, attachments,
// correction note and source hash dropped.
core::EvidenceItem anonymise_item(const core::EvidenceItem& item, const Anonymiser& a);

// Everyone an anonymised view of `item` must hide: the persons of its case, its own persons (the
// person heard and those it is about), and every protected person anywhere (a released item could
// name one from another case). Errors of the store are passed on.
core::Result<std::vector<core::Person>> persons_to_hide(const store::Store& st, const core::EvidenceItem& item);

}  // namespace berkas::service
