// service/upload: ingest of files a user uploaded, limited to the cases the user works on. Each
// file is read first and refused — before anything is stored — unless the uploader may see its
// case; the refusal reads exactly like the one for a case that does not exist.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "service/access.h"
#include "service/service.h"

namespace berkas::service {

// Which of `paths` (files, not folders) `v` may ingest. Administrators (and the system) may
// ingest anything. Prosecutors and paralegals may ingest:
//   - evidence items of a case they are assigned to (not a new version of an item they cannot see),
//     naming (orang, tentang) only persons they can see; a new version of an existing item only
//     as an explicit correction (UploadOptions::correction, a <catatan-koreksi>) by someone
//     may_supersede() allows;
//   - a case file of an assigned case (so not a new case: an administrator creates cases);
//   - a person linked only to assigned cases (and, if that person exists and is protected, only
//     when the uploader is cleared for them);
//   - protection measures (<perlindungan>) and restitution claims (<restitusi>) of a case they are
//     assigned to, for a person they can see, citing only items they can see;
//   - precedents (public court decisions);
// never the law. Trainers may ingest nothing. A file that cannot be read is allowed through, so
// that ingest reports the same error it reports to anyone.
// The message for a case the uploader may not see is the service's own for a missing case
// ("FILE: perkara 'ID' belum ada / case not found"), so the two cannot be told apart.
// `resource_dir` holds schemas/. Reads through `service` only; thread safety as Service.
// What the uploader asked for besides the files.
struct UploadOptions {
  // The uploader means to correct existing items: a file whose id is an existing item's (and
  // whose bytes differ) becomes its next version only with this set, a <catatan-koreksi> in the
  // file, and may_supersede(). Without it, such a file is refused: an upload that merely reuses an
  // id never replaces evidence.
  bool correction = false;
  // Native evidence files (ingest/native.h) of one case, with what the form says of them; empty
  // case_id: Berkas XML and decisions, each naming its own case. The screening then reads only
  // the options and the files' hashes: the files themselves are read once, by the ingest.
  ingest::NativeOptions native;
};

struct UploadScreen {
  std::vector<std::string> allowed;  // in the order given
  std::vector<FileOutcome> refused;  // status failed, path as given, error for people
};
core::Result<UploadScreen> screen_upload(const Service& service, const Viewer& v, const std::vector<std::string>& paths,
                                         const std::string& resource_dir, const UploadOptions& options = {});

// screen_upload, then Service::ingest of the allowed files; the report lists every file of
// `paths` in the order given (refused ones as failed). Errors as Service::ingest.
core::Result<IngestReport> ingest_upload(Service& service, const Viewer& v, const std::vector<std::string>& paths,
                                         const std::string& resource_dir, const UploadOptions& options = {});

}  // namespace berkas::service
