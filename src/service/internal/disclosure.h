// service/internal/disclosure: who a document is read as, by the disclosure asked for
// (core::Disclosure), the refusal when identities are asked for by someone not cleared, and the
// audit's words for what was applied. Shared by court bundles and witness files.
#pragma once

#include <string>

#include "core/error.h"
#include "core/model.h"
#include "service/access.h"

namespace berkas::service::internal {

// The viewer the document's material is read as. `pseudonyms`: `v` without any clearance — every
// protected person by pseudonym, every text redacted, every protected name on the output's guard
// — whoever the maker is. `identities`: `v` itself (the caller has checked may_disclose_identities).
inline Viewer reader_for(const Viewer& v, core::Disclosure d) {
  if (d == core::Disclosure::identities) return v;
  Viewer r = v;
  r.cleared_cases.clear();
  r.cleared_all = false;
  return r;
}

// forbidden, for a copy showing identities asked for by a viewer not cleared for the case.
inline core::Error identities_refused() {
  return core::fail(core::ErrorCode::forbidden,
                    "hanya pengguna yang berwenang melihat identitas perkara ini yang dapat membuat salinan "
                    "beridentitas / only users cleared for this case's identities may make a copy showing identities",
                    {}, 0, "disclosure")
      .value();
}

// The audit detail's part on what a document shows (never a name).
inline std::string disclosure_detail(core::Disclosure d) {
  return d == core::Disclosure::identities ? "disclosure=identities: identitas asli ditampilkan / real identities shown"
                                           : "disclosure=pseudonyms: nama samaran / pseudonyms";
}

}  // namespace berkas::service::internal
