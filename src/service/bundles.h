// service/bundles: court bundles end to end — a case's material read through the access rules,
// laid out by the bundle module, written to a file, recorded in the store with its manifest and
// audited; the bundles made so far; and checking a bundle file against the store.
//
// Thread safety: like Service, one thread at a time per Service; these functions open their own
// store connection for the bundle records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "service/service.h"
#include "store/store.h"

namespace berkas::service {

struct BundleRequest {
  std::string case_id;
  std::string template_name = "court-bundle";  // <resource_dir>/templates/<name>.xml, or a path to an .xml file
  std::string out_path;      // empty = "<register number slug>.pdf" ("-terbuka.pdf" for identities) in `out_dir`
  std::string out_dir;       // the folder for the default name; empty = the current folder
  std::string stamp_prefix;  // empty = the register number's slug, upper case, then "-"
  // What the bundle shows of protected persons: pseudonyms (the default, whoever makes it) or
  // identities (only a maker cleared for the case; audited as such).
  core::Disclosure disclosure = core::Disclosure::pseudonyms;
};

struct BundleMade {
  std::string path;
  int page_count = 0;
  std::string sha256;
  std::string manifest_sha256;
  std::int64_t id = 0;            // the store's bundle id
  core::Disclosure disclosure = core::Disclosure::pseudonyms;  // what was applied
  bool redacted = true;           // disclosure == pseudonyms: protected persons shown by pseudonym only
  bool already_recorded = false;  // the same bytes had been made before
  std::vector<std::string> hidden_name_sha256;  // SHA-256 of each protected name it hides (sorted, never a name)
  std::vector<std::string> withheld;  // manifest ids of exhibits withheld (they show a protected name)
  std::vector<std::string> omitted;   // items the template did not select
};

// Builds the bundle of `r.case_id` from the material `v` may see, with the disclosure asked for:
// pseudonyms — read as `v` without any clearance (every protected person by pseudonym, texts
// redacted, every protected name guarded), even when `v` is cleared; identities — the names `v`
// is cleared for, only when may_disclose_identities(v, case). Dated from the data (the latest item
// date, else the offence date; never the clock), written atomically to the output path, recorded
// (store: bundles; `redacted` = pseudonyms applied) and audited "bundle" with the case id, the
// SHA-256 and "disclosure=pseudonyms|identities". No file is left behind on any failure.
// Errors: not_found (case not visible, template missing), invalid_input (bad template),
// forbidden (identities asked for by a viewer not cleared for the case — nothing is made or
// recorded; or a protected name would appear), io (cannot write).
core::Result<BundleMade> make_bundle(Service& svc, const Options& options, const Viewer& v, const BundleRequest& r);

// Bundles recorded for the cases `v` may see (one case when `case_id` is given), oldest first.
core::Result<std::vector<store::BundleRecord>> list_bundles(Service& svc, const Options& options, const Viewer& v,
                                                            const std::string& case_id = {});

// A recorded bundle as a front end shows it (the store's record in the service's words).
struct BundleEntryInfo {
  std::string object_id;   // item id, "item#lampiran-n" for an exhibit, or a precedent id
  std::string kind;        // evidence code, "lampiran" or "putusan"
  int version = 1;
  std::string sha256;
  int first_page = 0, last_page = 0;
  bool withheld = false;   // an exhibit replaced by a placeholder page
};

struct BundleInfo {
  std::int64_t id = 0;
  std::string case_id;
  std::string template_name;
  std::string created_at;      // the bundle's date (YYYY-MM-DD)
  std::string recorded_at;     // when it was recorded (ISO 8601 UTC)
  std::string sha256;          // of the PDF file
  std::string manifest_sha256;
  std::string content_sha256;
  int page_count = 0;
  std::string file_name;       // the name given to the file (no directory)
  std::string stamp_prefix;
  std::string user;            // who made it
  bool redacted = true;        // protected persons shown by pseudonym only
  std::vector<BundleEntryInfo> entries;  // manifest order
  std::string download;        // where this viewer may fetch the file; set by the front end that
                               // keeps the files, empty = not offered
};

// list_bundles as BundleInfo values (same rules, same errors, same order).
core::Result<std::vector<BundleInfo>> bundle_infos(Service& svc, const Options& options, const Viewer& v,
                                                   const std::string& case_id = {});

// The result of checking a bundle file.
struct BundleCheck {
  std::string file_sha256;
  bool recorded = false;          // the file's exact bytes are a bundle we made
  store::BundleRecord record;     // when recorded (or the recorded bundle with the same manifest)
  bool berkas_bundle = false;     // the file carries a Berkas identity (document information)
  bool manifest_matches = false;  // its manifest lines still hash to the manifest SHA-256
  std::string identifier;         // register number from the file's identity
  struct EntryProblem {
    std::string object_id;
    std::string problem;
  };
  std::vector<EntryProblem> problems;   // items whose version/SHA-256 no longer match the store
  std::vector<std::string> superseded;  // items with a newer version since (not an error)
  bool intact() const { return recorded && problems.empty(); }
};

// Hashes `file`, looks it up in the store by SHA-256; otherwise reads its identity from the PDF
// to say what it claims to be; then checks every manifest entry (item version, attachment,
// precedent) against the store. io if the file cannot be read.
core::Result<BundleCheck> verify_bundle(Service& svc, const Options& options, const Viewer& v, const std::string& file);

// JSON views (the same shape as service/json.h): a list of bundles with their entries, a made
// bundle, a check.
std::string bundles_json(const std::vector<store::BundleRecord>& bundles);
// The API's list of bundles: the members of bundles_json, each object's keys in alphabetical order
// (the API's shape since it first listed bundles), with "download" where it is set.
std::string bundle_list_json(const std::vector<BundleInfo>& bundles);
std::string bundle_made_json(const BundleMade& made);
std::string bundle_check_json(const BundleCheck& check);

}  // namespace berkas::service
