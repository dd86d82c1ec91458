// service/kept_bundles: court bundles kept by the web application in DATA/bundles/ — built there,
// listed with what each viewer may download, and handed out audited.
//
// A bundle shows pseudonyms unless its maker, cleared for the case, asked for identities
// (core::Disclosure). Whoever downloads it later may be cleared for less, so each kept file has a
// guard beside it: the SHA-256 of every protected name the bundle hides
// (DATA/bundles/<sha256>.guard; hashes, never a name). A viewer gets the file only if every name
// hidden from them is hidden in the file too (AccessPolicy::may_download_document); otherwise the
// answer is the one a missing bundle gets.
//
// Thread safety as Service: keep_bundle on the writer, the others on any reader.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"
#include "service/bundles.h"
#include "service/service.h"

namespace berkas::service {

struct KeptBundle {
  BundleMade made;
  std::string file_name;  // the name given to the file (no directory)
};

// Builds the bundle of `case_id` for `v` with `disclosure` (make_bundle's rules and errors) and
// keeps it as DATA/bundles/<sha256>.pdf, its guard written first (a file without its guard is
// never handed out). The same bytes made again keep both makers' guards. Nothing is left behind
// on failure.
core::Result<KeptBundle> keep_bundle(Service& svc, const Options& options, const Viewer& v, const std::string& case_id,
                                     core::Disclosure disclosure);

// Of `list` (bundle_infos of `case_id`), the SHA-256 of each bundle kept here that `v` may have.
core::Result<std::set<std::string>> downloadable_bundles(const Service& svc, const Options& options, const Viewer& v,
                                                         const std::string& case_id, const std::vector<BundleInfo>& list);

// Writes one audit entry (action, object, detail) for the viewer; fails when it cannot.
using AuditWriter = std::function<core::Status(const std::string& action, const std::string& object,
                                               const std::string& detail)>;

struct BundleFile {
  std::string file_name;
  std::string bytes;
};

// The kept file of bundle `sha256` ("<64 hex>" or "<64 hex>.pdf") of `case_id`, for `v`, audited
// through `audit`: "bundle.download" (case id, SHA-256, size) — no audit entry, no file — or
// "bundle.withheld" when the file exists but shows a name `v` may not see. not_found ("berkas
// perkara tidak ditemukan / bundle not found") when unknown, not visible, not kept here or
// withheld; integrity when the kept bytes no longer match their SHA-256.
core::Result<BundleFile> kept_bundle_file(Service& svc, const Options& options, const Viewer& v,
                                          const std::string& case_id, const std::string& sha256,
                                          const AuditWriter& audit);

}  // namespace berkas::service
