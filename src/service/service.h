// service: the use cases of Berkas (init, ingest, search, show, browse the law, reindex,
// verify), with the access rules and the audit applied here, once. The CLI and the web server
// are thin adapters over this class.
//
// Thread safety: a Service is used by one thread at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"
#include "ingest/native.h"
#include "search/search.h"
#include "service/access.h"
#include "store/store.h"

namespace berkas::service {

struct internal_access;

struct Options {
  std::string data_dir;      // holds store.sqlite and index/
  std::string resource_dir;  // holds schemas/, index/, law/, demo/ (the repository or share/berkas)
  // A reader: store and index opened read-only (many may run beside the one writer, e.g. one
  // per server thread). Writes fail with forbidden; the index is not caught up on open.
  bool read_only = false;
};

// The built-in resource dir (the source tree at build time), overridden by $BERKAS_HOME.
std::string default_resource_dir();

// The Indonesian root of each word as the index stems it (`berkas roots`): Debian's dictionary
// (hunspell-id) and the shipped roots of `resource_dir`/index; needs no store.
core::Result<std::vector<std::string>> indonesian_roots(const std::vector<std::string>& words,
                                                       const std::string& resource_dir = default_resource_dir());

// Called during long work: done of total, and what is being worked on. Never receives a
// protected name (file names and ids only).
using Progress = std::function<void(std::size_t done, std::size_t total, const std::string& what)>;

struct FileOutcome {
  std::string path;
  enum class Status { created, new_version, unchanged, failed } status = Status::failed;
  std::string kind;       // "law", "case", "person", "item", "precedent"
  std::string object_id;
  int version = 0;        // items
  std::string sha256;
  std::string error;      // failed: "file:line: reason"
  core::ErrorCode error_code = core::ErrorCode::internal;  // failed: what kind of failure
};
const char* to_string(FileOutcome::Status s);

struct IngestReport {
  std::vector<FileOutcome> files;
  std::size_t failed() const;
  // Every file failed, each for its content (invalid_input): the command line's exit 4.
  bool all_invalid() const;
};

// A file read ahead of storing (read_input_files), off the thread that stores: its path and what
// reading it gave (an error is reported by Service::store_read as the file's failure).
struct ReadFile {
  std::string path;
  core::Result<ingest::Parsed> parsed;
};

// How read_input_files reads, and whom it tells how far it is.
struct ReadOptions {
  int ocr_threads = 0;  // extract::Limits::ocr_threads (0 = the available cores)
  // Set by another thread to stop: the file in hand stops at its next page, the rest are not
  // read; each fails with "pembacaan dibatalkan / reading cancelled". Null: never.
  const std::atomic<bool>* cancel = nullptr;
  // Called on the reading thread before file `index` (0-based) of `count` is read.
  std::function<void(std::size_t index, std::size_t count)> on_file;
  // The file in hand's pages (extract::Limits::on_page: from the OCR threads, one at a time).
  std::function<void(int pages_done, int pages_total)> on_page;
};

// Reads `files` (not folders) as ingest reads them (ingest::parse_input_file with `native`;
// schemas from `resource_dir`), touching no store or index: the slow part of an ingest (OCR)
// can run on any thread while the writer serves others, and Service::store_read stores the
// result. Thread-safe; one ReadFile per file, in order.
std::vector<ReadFile> read_input_files(const std::string& resource_dir, const std::vector<std::string>& files,
                                       const ingest::NativeOptions& native, const ReadOptions& options = {});

// A citation read as of a date: is the provision in force then, and what replaced it.
struct CitationView {
  std::string provision_id;
  std::string raw;          // as written in the source
  std::string label;        // "Pasal 2 ayat (1) UU 21/2007", or the id if the law is not shipped
  bool shipped = false;     // the provision's text is in the store
  core::Date as_of;         // the date the citation is read at (offence date of the case)
  core::ForceStatus status = core::ForceStatus::in_force;
  std::string successor_id;
  std::string successor_label;
  std::string note;         // the legal basis of a status change
};

struct PersonView {
  std::string id;
  std::string display_name;  // the name, or the pseudonym where the viewer is not cleared
  std::string role;
  bool is_protected = false;
  bool pseudonymised = false;
};

struct ItemView {
  core::EvidenceItem item;                       // names already replaced where not cleared
  std::vector<store::ItemVersionInfo> versions;  // all versions, oldest first
  std::vector<CitationView> citations;
  std::string case_title;
  std::optional<PersonView> person;
  bool redacted = false;                         // some protected name was hidden
  bool original_offered = false;                 // nothing hidden: the ingested bytes may be offered (service/originals.h)
};

struct PrecedentView {
  core::Precedent precedent;
  std::vector<CitationView> charged, applied, cited;
};

struct ProvisionView {
  core::Provision provision;
  std::string law_short_name;
  core::Date as_of;
  core::ForceStatus status = core::ForceStatus::in_force;
  std::string successor_label;
  std::vector<core::Provision> ayat;          // a Pasal's ayat
  std::vector<std::string> citing_items;      // visible to the viewer
  std::vector<std::string> citing_precedents;
};

struct LawOutline {
  struct PasalEntry {
    std::string id, label, pasal;
    core::ForceStatus status = core::ForceStatus::in_force;
  };
  struct BabEntry {
    std::string bab, heading;
    std::vector<PasalEntry> pasal;
  };
  core::Law law;
  core::Date as_of;
  std::vector<BabEntry> bab;
};

struct CaseView {
  core::Case case_file;
  std::vector<PersonView> persons;
  std::vector<core::EvidenceItem> items;  // latest versions, texts redacted
  std::vector<CitationView> charged;
};

// Everything a document about one case needs (a court bundle, a witness file), already read
// through the access rules for the viewer: texts redacted, protected persons pseudonymised.
struct CaseMaterial {
  CaseView view;
  std::vector<core::EvidenceItem> items;      // latest versions visible to the viewer, redacted
  std::vector<core::Provision> charged;       // the shipped provisions charged (Pasal or ayat)
  std::vector<core::Precedent> precedents;    // precedents applying a charged Pasal
  std::map<std::string, std::string> attachments;  // SHA-256 → bytes, for the items' attachments
  std::vector<std::string> forbidden;         // protected names the viewer may not see (to guard output)
  // SHA-256 of native originals whose derived text (OCR, text layer, metadata, senders) named a
  // protected person the viewer may not see, before it was redacted: the file itself shows them.
  std::set<std::string> originals_naming_hidden;
};

struct SearchPage {
  search::Results results;
  core::Date as_of;
};

struct VerifyReport {
  std::vector<store::IntegrityProblem> problems;
  std::int64_t store_seq = 0, index_seq = 0, index_docs = 0, expected_docs = 0;
  bool ok() const { return problems.empty(); }
};

class Service {
 public:
  // Opens the store and index under options.data_dir (must exist unless `create`), and
  // re-indexes any change the index missed (crash recovery).
  static core::Result<std::unique_ptr<Service>> open(const Options& options, bool create = false);
  ~Service();

  // Loads the shipped law (law/*.xml) and, with `demo`, the fictional demo case (demo/).
  core::Result<IngestReport> init(const Viewer& v, bool demo, const Progress& progress = {});

  // Ingests files and folders: each file validated and stored in its own transaction, then
  // indexed. Bad files are reported and skipped; nothing of them is written.
  // `on_file` is called (on the calling thread) for each file as soon as its outcome is final:
  // a stored file is acknowledged — it survives a crash from then on.
  core::Result<IngestReport> ingest(const Viewer& v, const std::vector<std::string>& paths,
                                    const Progress& progress = {},
                                    const std::function<void(const FileOutcome&)>& on_file = {});
  // The same with native evidence files (a PDF, scan, photo, Word file, e-mail, chat export:
  // ingest/native.h) for the case `native.case_id`, which the viewer must work on; folders then
  // give every file in them, not only XML and text. Each file becomes one item whose source is
  // the file itself; names found inside it (an attachment's, the file's own) that show a
  // protected person are replaced by neutral ones.
  core::Result<IngestReport> ingest(const Viewer& v, const std::vector<std::string>& paths,
                                    const ingest::NativeOptions& native, const Progress& progress = {},
                                    const std::function<void(const FileOutcome&)>& on_file = {});
  // Whether ingest would refuse `v` outright, before any file: forbidden for trainers and a
  // read-only reader; with `native.case_id`, invalid_input for options out of bounds and
  // not_found for a case that does not exist or that `v` does not work on.
  core::Status check_ingest(const Viewer& v, const ingest::NativeOptions& native) const;
  // The storing half of ingest, for files read beforehand off this Service's thread
  // (read_input_files): the same checks, neutral names, audit entries, retries of files that
  // refer to one stored later, and indexing as ingest; a file that could not be read is reported
  // failed with its error. Errors as ingest. The Parsed values are consumed.
  core::Result<IngestReport> store_read(const Viewer& v, std::vector<ReadFile> files,
                                        const ingest::NativeOptions& native);

  core::Result<SearchPage> search(const Viewer& v, search::Query query) const;

  // One item ("id" or "id@version"), or a precedent. not_found also when not visible.
  core::Result<ItemView> item(const Viewer& v, const std::string& id) const;
  core::Result<PrecedentView> precedent(const Viewer& v, const std::string& id) const;
  // Every precedent without its text (for statistics across them), names of protected persons
  // replaced as in `precedent`; with `mentioning`, only those whose text has that word or phrase
  // (case-insensitive, whole words), e.g. a destination country.
  core::Result<std::vector<core::Precedent>> precedents(const Viewer& v, const std::string& mentioning = {}) const;
  // Resolves an id of any kind to what `show` should display: "item", "precedent",
  // "provision", "case"; not_found otherwise (or when not visible).
  core::Result<std::string> kind_of(const Viewer& v, const std::string& id) const;

  core::Result<std::vector<core::Case>> cases(const Viewer& v) const;
  core::Result<CaseMaterial> case_material(const Viewer& v, const std::string& case_id) const;
  core::Result<CaseView> case_view(const Viewer& v, const std::string& id) const;
  // The latest versions of the items of `case_id` (empty: of every case) that `v` may see, texts
  // redacted for `v` as in `item`. For case work only: empty for a viewer who sees no case files
  // (trainers). not_found for a case `v` may not see.
  core::Result<std::vector<core::EvidenceItem>> visible_items(const Viewer& v, const std::string& case_id = {}) const;

  core::Result<std::vector<core::Law>> laws() const;
  core::Result<LawOutline> law_outline(const std::string& law_id, const core::Date& as_of) const;
  // A Pasal by number ("2", "48") of a law, or a provision id.
  core::Result<ProvisionView> provision(const Viewer& v, const std::string& law_id, const std::string& pasal_or_id,
                                        const core::Date& as_of) const;

  // Rebuilds the index from the store alone (into a new folder, then swapped in).
  core::Status reindex(const Viewer& v, const Progress& progress = {});

  // Checks every stored hash, the audit chain, and the index against the store.
  core::Result<VerifyReport> verify(const Viewer& v) const;

  core::Result<store::Counts> counts() const;

  // Writes an audit entry for something the caller did outside the use cases above (e.g.
  // revealing protected identities on the command line). `detail` must not hold a protected name.
  core::Status record(const Viewer& v, const std::string& action, const std::string& object,
                      const std::string& detail);
  core::Result<std::vector<core::AuditEvent>> audit_log(const Viewer& v, std::int64_t after = 0, int limit = 1000) const;

  // Today's date (UTC), used as the default "as of".
  static core::Date today();

 private:
  friend struct internal_access;  // service/internal/store_access.h: the service's own store, for its features
  struct Impl;
  explicit Service(std::unique_ptr<Impl> impl);
  // ingest and store_read: stores `files` (read here unless `pre_read`) on a thread of its own,
  // indexing on this one; the outcomes are appended to `report`.
  core::Result<IngestReport> store_inputs(const Viewer& v, std::vector<ReadFile>& files, bool pre_read,
                                          const ingest::NativeOptions& native, IngestReport report,
                                          const Progress& progress,
                                          const std::function<void(const FileOutcome&)>& on_file);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace berkas::service
