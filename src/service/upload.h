// service/upload: ingest of files a user uploaded, limited to the cases the user works on. Each
// file is read first and refused — before anything is stored — unless the uploader may see its
// case; the refusal reads exactly like the one for a case that does not exist.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
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

// Where an upload read on a thread of its own stands (the web's upload jobs), as its page and
// the API show it.
struct UploadProgress {
  enum class State { queued, running, done, failed } state = State::queued;
  std::size_t files = 0;  // files to read
  std::size_t file = 0;   // the file being read, 1-based (0: none yet)
  int pages_done = 0;     // pages of that file read so far (PDFs and images; 0 for other formats)
  int pages_total = 0;
  double elapsed_seconds = 0;  // running: since its files began to be read
  std::optional<IngestReport> report;  // when done: every file, as ingest_upload reports them
  std::string error;                   // when failed: what went wrong, for people
};
const char* to_string(UploadProgress::State s);
// How fast the files go and how long is left (the file being read counts by its pages read).
core::Estimate estimate_of(const UploadProgress& p);

// ingest_upload in three steps, for a caller that reads the files on a thread of its own (the
// web's upload jobs: OCR of a long scan must not hold the writer):
//   1. prepare_upload on the writing Service (quick: no file is read beyond its hash for native
//      files): screen_upload, then (when a file passed) Service::check_ingest, whose errors it
//      returns, as ingest_upload would.
//   2. read_input_files(resource_dir, screen.allowed, options.native, ...) on any thread.
//   3. store_upload on the writing Service: Service::store_read of what was read, the report in
//      the order of `paths` with the screen's refusals where they were. Errors as store_read.
core::Result<UploadScreen> prepare_upload(const Service& service, const Viewer& v, const std::vector<std::string>& paths,
                                          const std::string& resource_dir, const UploadOptions& options);
core::Result<IngestReport> store_upload(Service& service, const Viewer& v, const std::vector<std::string>& paths,
                                        UploadScreen screen, std::vector<ReadFile> read, const UploadOptions& options);

}  // namespace berkas::service
