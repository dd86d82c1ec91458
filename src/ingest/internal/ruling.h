// ingest/internal/ruling: reads what a decision decides for each defendant — from its ruling
// (amar) — and what the prosecutor demanded (tuntutan), which is written the same way.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/model.h"
#include "ingest/internal/decision_text.h"

namespace berkas::ingest::internal {

// The outcome of every defendant the points in [from, to) of `f` speak of, in the order of their
// labels ("Terdakwa I", "Terdakwa II", ...); one entry when the points name no label (a single
// defendant, or "Para Terdakwa" throughout), its `defendant` then empty for the caller to fill.
// `demand` set: the points are the prosecutor's demand — outcomes are what is asked for and
// the penalties go to `sentence`, for the caller to move.
std::vector<core::DefendantOutcome> read_points(const Flat& f, std::size_t from, std::size_t to);

// Where the prosecutor's demand (tuntutan pidana) is stated, before `limit` (the ruling):
// [begin, end), or {npos, npos}.
std::pair<std::size_t, std::size_t> demand_range(const Flat& f, std::size_t limit);

// "selama 5 (lima) tahun dan 6 (enam) bulan" starting at `p` (at "selama") in mended lower-case
// text → the term; an empty term when no unit follows.
core::Term read_term(const std::string& mended, std::size_t p);

}  // namespace berkas::ingest::internal
