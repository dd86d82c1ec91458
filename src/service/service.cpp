#include "service/service.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <limits>
#include <mutex>
#include <set>
#include <thread>

#include "core/text.h"
#include "ingest/ingest.h"
#include "ingest/putusan_text.h"
#include "service/anonymise.h"
#include "service/internal/docs.h"
#include "service/internal/paths.h"
#include "service/redact.h"
#include "service/policy.h"
#include "service/internal/service_impl.h"

namespace fs = std::filesystem;

namespace berkas::service {

using core::ErrorCode;
using core::fail;
using core::Result;
using core::Status;

#ifndef BERKAS_RESOURCE_DIR
#define BERKAS_RESOURCE_DIR "."
#endif

std::string default_resource_dir() {
  if (const char* home = std::getenv("BERKAS_HOME"); home && *home) return home;
  return BERKAS_RESOURCE_DIR;
}

core::Result<std::vector<std::string>> indonesian_roots(const std::vector<std::string>& words,
                                                       const std::string& resource_dir) {
  return search::roots_of({(fs::path(resource_dir) / "index").string()}, words);
}

const char* to_string(FileOutcome::Status s) {
  switch (s) {
    case FileOutcome::Status::created: return "created";
    case FileOutcome::Status::new_version: return "new-version";
    case FileOutcome::Status::unchanged: return "unchanged";
    case FileOutcome::Status::failed: return "failed";
  }
  return "";
}

std::size_t IngestReport::failed() const {
  return static_cast<std::size_t>(std::count_if(files.begin(), files.end(), [](const FileOutcome& f) {
    return f.status == FileOutcome::Status::failed;
  }));
}

bool IngestReport::all_invalid() const {
  return !files.empty() && std::all_of(files.begin(), files.end(), [](const FileOutcome& f) {
    return f.status == FileOutcome::Status::failed && f.error_code == ErrorCode::invalid_input;
  });
}

core::Date Service::today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

namespace {

// How many stored files may wait before the indexer commits a batch.
constexpr std::size_t k_index_batch = 2000;
// Group commit of the store: at most this many files or milliseconds per transaction.
constexpr std::size_t k_group_files = 256;
constexpr int k_group_ms = 200;

std::string store_path(const Options& o) { return internal::store_path(o.data_dir); }

FileOutcome::Status outcome_of(store::PutOutcome o) {
  switch (o) {
    case store::PutOutcome::created: return FileOutcome::Status::created;
    case store::PutOutcome::new_version: return FileOutcome::Status::new_version;
    case store::PutOutcome::unchanged: return FileOutcome::Status::unchanged;
  }
  return FileOutcome::Status::failed;
}

const char* kind_name(ingest::Parsed::Kind k) {
  switch (k) {
    case ingest::Parsed::Kind::law: return "law";
    case ingest::Parsed::Kind::case_file: return "case";
    case ingest::Parsed::Kind::person: return "person";
    case ingest::Parsed::Kind::item: return "item";
    case ingest::Parsed::Kind::precedent: return "precedent";
    case ingest::Parsed::Kind::protection: return "protection";
    case ingest::Parsed::Kind::restitution: return "restitution";
  }
  return "";
}

// Checks that what a parsed file refers to exists; not_found errors make ingest retry the file
// after the rest of the batch (so a folder may list items before their case).
Status check_references(const store::Store& st, const ingest::Parsed& p) {
  auto need_case = [&](const std::string& id, const char* field) -> Status {
    if (id.empty()) return {};
    if (!st.get_case(id))
      return fail(ErrorCode::not_found, "perkara '" + id + "' belum ada / case not found", p.path, 0, field);
    return {};
  };
  auto need_person = [&](const std::string& id, const char* field) -> Status {
    if (id.empty()) return {};
    if (!st.person(id))
      return fail(ErrorCode::not_found, "orang '" + id + "' belum ada / person not found", p.path, 0, field);
    return {};
  };
  auto need_item = [&](const std::string& id, const char* field) -> Status {
    if (!st.item(id))
      return fail(ErrorCode::not_found, "barang bukti '" + id + "' belum ada / evidence item not found", p.path, 0, field);
    return {};
  };
  if (p.person) {
    for (const auto& c : p.person->case_ids)
      if (auto s = need_case(c, "perkara"); !s) return s;
    if (!p.person->companion_id.empty()) {
      auto companion = st.person(p.person->companion_id);
      if (!companion)
        return fail(ErrorCode::not_found, "orang '" + p.person->companion_id + "' belum ada / person not found", p.path,
                    0, "pendamping");
      if (companion->role != core::PersonRole::pendamping)
        return fail(ErrorCode::invalid_input,
                    "<pendamping> '" + p.person->companion_id +
                        "' bukan pendamping (peran pendamping) / the companion must have the role pendamping",
                    p.path, 0, "pendamping");
    }
  }
  if (p.item) {
    if (auto s = need_case(p.item->case_id, "perkara"); !s) return s;
    if (auto s = need_person(p.item->person_id, "orang"); !s) return s;
    for (const auto& id : p.item->about_person_ids)
      if (auto s = need_person(id, "tentang"); !s) return s;
  }
  if (p.protection) {
    if (auto s = need_case(p.protection->case_id, "perkara"); !s) return s;
    if (auto s = need_person(p.protection->person_id, "orang"); !s) return s;
  }
  if (p.restitution) {
    if (auto s = need_case(p.restitution->case_id, "perkara"); !s) return s;
    if (auto s = need_person(p.restitution->person_id, "orang"); !s) return s;
    for (const auto& e : p.restitution->entries)
      for (const auto& id : e.evidence_ids)
        if (auto s = need_item(id, "bukti"); !s) return s;
  }
  return {};
}

// Stores one parsed file, with its audit entry, all or nothing: in its own transaction, or —
// when the caller holds a transaction (group commit) — under a savepoint of its own.
// Ids and attachment names are shown to everyone who may see the object (search hits, URLs,
// audit entries), so none may carry a protected person's name.
Status check_public_names(const ingest::Parsed& p, const Redactor& protected_names) {
  auto check = [&](const std::string& value, const char* field) -> Status {
    if (protected_names.leaks(core::replace_all(value, "-", " ")))
      return fail(ErrorCode::invalid_input,
                  "'" + std::string(field) + "' memuat nama orang yang dilindungi / contains a protected person's name",
                  p.path, 0, field);
    return {};
  };
  std::string id = p.law ? p.law->id : p.case_file ? p.case_file->id : p.person ? p.person->id
                   : p.item ? p.item->id : p.precedent ? p.precedent->id : p.protection ? p.protection->id
                   : p.restitution ? p.restitution->id : std::string();
  if (auto s = check(id, "id"); !s) return s;
  if (p.person && p.person->is_protected) {
    // Its own name must not be in its id or pseudonym either.
    Redactor self({*p.person});
    if (self.leaks(core::replace_all(p.person->id, "-", " ")) || self.leaks(p.person->pseudonym))
      return fail(ErrorCode::invalid_input,
                  "id atau nama samaran memuat nama orang yang dilindungi / the id or pseudonym contains the protected name",
                  p.path, 0, "id");
  }
  for (const auto& a : p.attachments)
    if (auto s = check(a.meta.name, "lampiran"); !s) return s;
  return {};
}

Result<FileOutcome> store_parsed(store::Store& st, const ingest::Parsed& p, const std::string& actor,
                                 const Redactor& protected_names) {
  FileOutcome out;
  out.path = p.path;
  out.kind = kind_name(p.kind);
  out.sha256 = p.source_sha256;
  if (auto s = check_references(st, p); !s) return tl::unexpected(s.error());
  if (auto s = check_public_names(p, protected_names); !s) return tl::unexpected(s.error());
  const bool grouped = st.in_transaction();
  const char* k_savepoint = "berkas_file";
  if (auto s = grouped ? st.savepoint(k_savepoint) : st.begin(); !s) return tl::unexpected(s.error());
  auto undo = [&] { grouped ? st.rollback_to(k_savepoint) : st.rollback(); };
  Result<store::PutOutcome> put = fail(ErrorCode::internal, "nothing to store", p.path);
  for (const auto& a : p.attachments)
    if (auto s = st.put_attachment(a.meta.sha256, a.bytes); !s) {
      undo();
      return tl::unexpected(s.error());
    }
  switch (p.kind) {
    case ingest::Parsed::Kind::law:
      out.object_id = p.law->id;
      put = st.put_law(*p.law, p.provisions, p.source);
      break;
    case ingest::Parsed::Kind::case_file:
      out.object_id = p.case_file->id;
      put = st.put_case(*p.case_file, p.source);
      break;
    case ingest::Parsed::Kind::person:
      out.object_id = p.person->id;
      put = st.put_person(*p.person, p.source);
      break;
    case ingest::Parsed::Kind::item:
      out.object_id = p.item->id;
      put = st.put_item(*p.item, p.citations, p.source);
      break;
    case ingest::Parsed::Kind::precedent:
      out.object_id = p.precedent->id;
      put = st.put_precedent(*p.precedent, p.citations, p.source);
      break;
    case ingest::Parsed::Kind::protection:
      out.object_id = p.protection->id;
      put = st.put_protection(*p.protection, p.source);
      break;
    case ingest::Parsed::Kind::restitution:
      out.object_id = p.restitution->id;
      put = st.put_restitution(*p.restitution, p.source);
      break;
  }
  if (!put) {
    undo();
    auto e = put.error();
    if (e.file.empty()) e.file = p.path;
    return tl::unexpected(e);
  }
  out.status = outcome_of(*put);
  // Evidence is never silently replaced: a new version of an item must say what it corrects.
  if (p.kind == ingest::Parsed::Kind::item && *put == store::PutOutcome::new_version &&
      core::squeeze_space(p.item->correction_note).empty()) {
    undo();
    return fail(ErrorCode::invalid_input,
                "'" + p.item->id + "' sudah ada; versi baru harus menyertakan <catatan-koreksi> yang menyebut apa yang "
                "dikoreksi / '" + p.item->id + "' exists; a new version needs a <catatan-koreksi> saying what it corrects",
                p.path, 0, "catatan-koreksi");
  }
  if (p.kind == ingest::Parsed::Kind::item) {
    auto stored = st.item(p.item->id);
    if (stored) out.version = stored->version;
  } else if (p.kind == ingest::Parsed::Kind::protection) {
    if (auto stored = st.protection_versions(p.protection->id); stored && !stored->empty())
      out.version = stored->back().version;
  } else if (p.kind == ingest::Parsed::Kind::restitution) {
    if (auto stored = st.restitution_versions(p.restitution->id); stored && !stored->empty())
      out.version = stored->back().version;
  }
  if (out.status != FileOutcome::Status::unchanged) {
    // The detail names ids and hashes only: file names may carry a protected name.
    std::string object = out.kind + ":" + out.object_id;
    if (out.version) object += "@" + std::to_string(out.version);
    auto ev = st.audit(actor, "ingest", object, std::string(to_string(out.status)) + " sha256=" + out.sha256);
    if (!ev) {
      undo();
      return tl::unexpected(ev.error());
    }
  }
  if (auto s = grouped ? st.release(k_savepoint) : st.commit(); !s) {
    undo();
    return tl::unexpected(s.error());
  }
  return out;
}

// Decisions read by an older decision reader get their fields derived again from the source
// the store keeps (the same bytes, so the same hash; only derived fields change), each audited.
// The id stays the one they were stored under, even if today's reader reads the number
// differently, so that nothing that refers to them breaks.
Status reread_precedents(store::Store& st, const std::string& schema_dir) {
  auto found = st.precedents_read_before(ingest::k_decision_reader);
  if (!found) return tl::unexpected(found.error());
  const auto& stale = *found;
  if (stale.empty()) return {};
  std::cerr << "berkas: pembaca putusan diperbarui; " << stale.size()
            << " putusan dibaca ulang / the decision reader changed; re-reading " << stale.size() << " decisions\n";
  for (const auto& [id, sha] : stale) {
    auto source = st.source(sha);
    if (!source) return tl::unexpected(source.error());
    const std::string& bytes = *source;
    const std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const bool xml = first != std::string::npos && bytes[first] == '<';
    auto parsed = ingest::parse_bytes(bytes, id + (xml ? ".xml" : ".txt"), schema_dir);
    if (!parsed || !parsed->precedent) {
      // Read once, it must read again; if not, the old fields stay and the next open retries.
      std::cerr << "berkas: putusan " << id << " tidak dapat dibaca ulang / cannot be re-read: "
                << (parsed ? std::string("not a decision") : parsed.error().message) << "\n";
      continue;
    }
    parsed->precedent->id = id;
    if (auto b = st.begin(); !b) return b;
    auto put = st.put_precedent(*parsed->precedent, parsed->citations, parsed->source);
    if (put) {
      if (auto ev = st.audit("system", "reread", "putusan:" + id,
                             "reader=" + std::to_string(ingest::k_decision_reader) + " sha256=" + sha);
          !ev)
        put = tl::unexpected(ev.error());
    }
    if (!put) {
      st.rollback();
      return tl::unexpected(put.error());
    }
    if (auto c = st.commit(); !c) return c;
  }
  return {};
}

}  // namespace
Service::Service(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Service::~Service() = default;

Result<std::unique_ptr<Service>> Service::open(const Options& options, bool create) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.resource_dir.empty()) impl->options.resource_dir = default_resource_dir();
  impl->index_config.dir = (fs::path(impl->options.resource_dir) / "index").string();
  std::error_code ec;
  if (options.read_only) create = false;
  if (create) {
    fs::create_directories(options.data_dir, ec);
    if (ec) return fail(ErrorCode::io, "cannot create data folder: " + ec.message(), options.data_dir);
  } else if (!fs::exists(store_path(options))) {
    return fail(ErrorCode::not_found,
                "belum ada penyimpanan di sini; jalankan 'berkas init' / no store here; run 'berkas init'",
                options.data_dir);
  }
  auto st = store::Store::open(store_path(options), options.read_only ? store::OpenMode::read_only
                                                   : create           ? store::OpenMode::create_if_missing
                                                                      : store::OpenMode::must_exist);
  if (!st) return tl::unexpected(st.error());
  impl->store = std::move(*st);
  auto idx = search::Index::open(internal::index_path(options), impl->index_config, !options.read_only);
  if (!idx) return tl::unexpected(idx.error());
  impl->index = std::move(*idx);
  if (!options.read_only)
    if (auto s = reread_precedents(*impl->store, impl->schema_dir()); !s) return tl::unexpected(s.error());
  const bool stale = !options.read_only && !impl->index->analyser_current();
  if (!options.read_only && !stale)
    if (auto s = impl->catch_up(*impl->index, *impl->store); !s) return tl::unexpected(s.error());
  std::unique_ptr<Service> service(new Service(std::move(impl)));
  if (stale) {
    // The index was made by another analyser (an older Berkas, another dictionary): its terms
    // would not match today's queries, so it is rebuilt from the store before anything runs.
    std::cerr << "berkas: penganalisis bahasa berubah; indeks pencarian dibangun ulang / the language analyser "
                 "changed; rebuilding the search index\n";
    if (auto s = service->reindex(Viewer{}, {}); !s) return tl::unexpected(s.error());
  }
  return service;
}

Result<IngestReport> Service::init(const Viewer& v, bool demo, const Progress& progress) {
  std::vector<std::string> paths;
  const fs::path law_dir = fs::path(m_impl->options.resource_dir) / "law";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(law_dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".xml") paths.push_back(e.path().string());
  if (ec || paths.empty()) return fail(ErrorCode::io, "the shipped law is missing", law_dir.string());
  std::sort(paths.begin(), paths.end());
  if (demo) paths.push_back((fs::path(m_impl->options.resource_dir) / "demo").string());
  auto report = ingest(v, paths, progress);
  if (report) m_impl->store->audit(v.user, "init", "store", demo ? "law+demo" : "law");
  return report;
}

namespace {

// Files and folders to the files to ingest; a path that is neither is reported as failed.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths, IngestReport& report, bool any_file) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      auto listed = ingest::list_inputs(p, any_file);
      if (!listed) {
        report.files.push_back({p, FileOutcome::Status::failed, "", "", 0, "", listed.error().describe(), listed.error().code});
        continue;
      }
      files.insert(files.end(), listed->begin(), listed->end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      report.files.push_back(
          {p, FileOutcome::Status::failed, "", "", 0, "", p + ": tidak ada berkas / no such file", ErrorCode::not_found});
    }
  }
  return files;
}

// What the storing thread publishes to the indexing thread (guarded by mu).
struct IngestProgress {
  std::mutex mu;
  std::condition_variable cv;
  std::size_t stored = 0;  // outcomes published (acknowledged: durable)
  bool writer_done = false;
  Result<void> writer_status;
  std::vector<FileOutcome> outcomes;
};

// Names a native file brought with it (its own, its attachments') are shown to everyone who may
// see the item: one that shows a protected person gives way to a neutral one.
void neutralise_names(ingest::Parsed& p, const Redactor& protected_names) {
  if (!p.native || !p.item) return;
  auto leaks = [&](const std::string& name) { return protected_names.leaks(core::replace_all(name, "-", " ")); };
  auto& original = p.item->original;
  if (leaks(original.file_name)) {
    const auto dot = original.file_name.rfind('.');
    original.file_name = p.item->id + (dot == std::string::npos ? std::string() : original.file_name.substr(dot));
  }
  for (std::size_t i = 0; i < p.attachments.size(); ++i) {
    auto& name = p.attachments[i].meta.name;
    if (!leaks(name)) continue;
    const auto dot = name.rfind('.');
    name = "lampiran-" + std::to_string(i + 1) + (dot == std::string::npos ? std::string() : name.substr(dot));
    p.item->attachments[i].name = name;
  }
}

// The storing thread: reads `files` (unless `pre_read`: read already, off the writer), validates
// them against the store, neutralises names, and stores them with their audit entries on its own
// store connection, in group commits; publishes each file's outcome once it is durable.
void store_files(std::vector<ReadFile>& files, bool pre_read, const std::string& db_path,
                 const std::string& schema_dir, const std::string& actor, const ingest::NativeOptions& native,
                 IngestProgress& shared) {
  std::mutex& mu = shared.mu;
  std::condition_variable& cv = shared.cv;
  auto st = store::Store::open(db_path, store::OpenMode::must_exist);
  if (!st) {
    std::lock_guard lock(mu);
    shared.writer_status = tl::unexpected(st.error());
    shared.writer_done = true;
    cv.notify_all();
    return;
  }
  std::vector<ReadFile*> deferred;
  // Group commit: files are stored under savepoints in one transaction committed every
  // k_group_files files or k_group_ms; a file's outcome is published (acknowledged) only
  // once its transaction is durable.
  std::vector<FileOutcome> pending;
  auto group_started = std::chrono::steady_clock::now();
  // The protected names, re-read after each person file (which may add one).
  Redactor protected_names({});
  bool names_stale = true;
  auto publish = [&](bool final_commit) {
    if ((*st)->in_transaction()) {
      if (auto s = (*st)->commit(); !s) {
        (*st)->rollback();
        for (auto& f : pending)
          if (f.status != FileOutcome::Status::failed) {
            f.status = FileOutcome::Status::failed;
            f.error = s.error().describe();
            f.error_code = s.error().code;
          }
      }
    }
    std::lock_guard lock(mu);
    for (auto& f : pending) shared.outcomes.push_back(std::move(f));
    shared.stored = shared.outcomes.size();
    pending.clear();
    if (final_commit) shared.writer_done = true;
    cv.notify_all();
  };
  auto handle = [&](ReadFile& file, bool retry) {
    FileOutcome out;
    out.path = file.path;
    auto parsed = pre_read ? std::move(file.parsed) : ingest::parse_input_file(file.path, schema_dir, native);
    if (parsed && !(*st)->in_transaction()) {
      if (auto s = (*st)->begin(); !s) parsed = tl::unexpected(s.error());
      group_started = std::chrono::steady_clock::now();
    }
    if (parsed && names_stale) {
      if (auto persons = (*st)->persons()) {
        std::vector<core::Person> prot;
        for (auto& pe : *persons)
          if (pe.is_protected) prot.push_back(std::move(pe));
        protected_names = Redactor(prot);
      }
      names_stale = false;
    }
    // A person file may add a protected name: re-read the names before the next file.
    if (parsed && parsed->person) names_stale = true;
    if (parsed) neutralise_names(*parsed, protected_names);
    Result<FileOutcome> stored_outcome = parsed ? store_parsed(**st, *parsed, actor, protected_names)
                                                : Result<FileOutcome>(tl::unexpected(parsed.error()));
    if (!stored_outcome && stored_outcome.error().code == ErrorCode::not_found && !retry) {
      if (pre_read) file.parsed = std::move(parsed);  // kept for the second try
      deferred.push_back(&file);
      return;
    }
    if (stored_outcome) {
      out = *stored_outcome;
    } else {
      out.status = FileOutcome::Status::failed;
      auto e = stored_outcome.error();
      if (e.file.empty()) e.file = file.path;
      out.error = e.describe();
      out.error_code = e.code;
      if (parsed) {
        out.kind = kind_name(parsed->kind);
        out.sha256 = parsed->source_sha256;
      }
    }
    pending.push_back(std::move(out));
    if (pending.size() >= k_group_files ||
        std::chrono::steady_clock::now() - group_started >= std::chrono::milliseconds(k_group_ms))
      publish(false);
  };
  for (auto& f : files) handle(f, false);
  // Files that referred to something not yet stored get one more try, in order.
  publish(false);
  auto again = std::move(deferred);
  for (ReadFile* d : again) handle(*d, true);
  publish(true);
}

}  // namespace

std::vector<ReadFile> read_input_files(const std::string& resource_dir, const std::vector<std::string>& files,
                                       const ingest::NativeOptions& native, const ReadOptions& options) {
  const std::string schema_dir = (fs::path(resource_dir) / "schemas").string();
  extract::Limits limits;
  limits.ocr_threads = options.ocr_threads;
  limits.cancel = options.cancel;
  limits.on_page = options.on_page;
  std::vector<ReadFile> out;
  out.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (options.on_file) options.on_file(i, files.size());
    ReadFile f{files[i], fail(ErrorCode::io, "pembacaan dibatalkan / reading cancelled", files[i])};
    if (!options.cancel || !options.cancel->load()) f.parsed = ingest::parse_input_file(files[i], schema_dir, native, {}, limits);
    out.push_back(std::move(f));
  }
  return out;
}

Status Service::check_ingest(const Viewer& v, const ingest::NativeOptions& native) const {
  if (!policy().may_ingest(v)) return fail(ErrorCode::forbidden, "pelatih tidak dapat mengunggah / trainers cannot ingest");
  if (m_impl->options.read_only) return fail(ErrorCode::forbidden, "read-only reader cannot ingest");
  if (native.case_id.empty()) return {};
  if (auto s = ingest::check_native_options(native); !s) return s;
  if (!policy().may_ingest_into(v, native.case_id) || !m_impl->store->get_case(native.case_id))
    return fail(ErrorCode::not_found, "perkara tidak ditemukan / case not found: " + native.case_id);
  return {};
}

Result<IngestReport> Service::ingest(const Viewer& v, const std::vector<std::string>& paths, const Progress& progress,
                                     const std::function<void(const FileOutcome&)>& on_file) {
  return ingest(v, paths, ingest::NativeOptions{}, progress, on_file);
}

Result<IngestReport> Service::ingest(const Viewer& v, const std::vector<std::string>& paths,
                                     const ingest::NativeOptions& native, const Progress& progress,
                                     const std::function<void(const FileOutcome&)>& on_file) {
  if (auto s = check_ingest(v, native); !s) return tl::unexpected(s.error());
  IngestReport report;
  std::vector<ReadFile> files;
  for (auto& path : expand_inputs(paths, report, !native.case_id.empty())) files.push_back({std::move(path), {}});
  if (on_file)
    for (const auto& f : report.files) on_file(f);
  return store_inputs(v, files, false, native, std::move(report), progress, on_file);
}

Result<IngestReport> Service::store_read(const Viewer& v, std::vector<ReadFile> files,
                                         const ingest::NativeOptions& native) {
  if (auto s = check_ingest(v, native); !s) return tl::unexpected(s.error());
  return store_inputs(v, files, true, native, {}, {}, {});
}

Result<IngestReport> Service::store_inputs(const Viewer& v, std::vector<ReadFile>& files, bool pre_read,
                                           const ingest::NativeOptions& native, IngestReport report,
                                           const Progress& progress,
                                           const std::function<void(const FileOutcome&)>& on_file) {
  // The storing thread validates, hashes and stores (SQLite only); this thread indexes what was
  // stored (catch_up: the Xapian writer stays on this thread), so the two cores work side by side.
  IngestProgress shared;
  std::thread writer(store_files, std::ref(files), pre_read, store_path(m_impl->options), m_impl->schema_dir(),
                     v.user, std::cref(native), std::ref(shared));

  Status index_status;
  std::size_t indexed_upto = 0;
  std::size_t emitted = 0;
  for (;;) {
    std::size_t now = 0;
    bool done = false;
    std::vector<FileOutcome> fresh;
    std::string last_path;
    {
      std::unique_lock lock(shared.mu);
      shared.cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return shared.writer_done || shared.stored > emitted; });
      now = shared.stored;
      done = shared.writer_done;
      if (on_file) fresh.assign(shared.outcomes.begin() + static_cast<std::ptrdiff_t>(emitted), shared.outcomes.begin() + static_cast<std::ptrdiff_t>(now));
      if (now > emitted) last_path = shared.outcomes[now - 1].path;
    }
    for (const auto& f : fresh) on_file(f);
    if (progress && now > emitted) progress(now, files.size(), last_path);
    emitted = now;
    if (index_status && (done || now >= indexed_upto + k_index_batch)) {
      index_status = m_impl->catch_up(*m_impl->index, *m_impl->store);
      indexed_upto = now;
    }
    if (done) break;
  }
  writer.join();
  if (!shared.writer_status) return tl::unexpected(shared.writer_status.error());
  if (!index_status) return tl::unexpected(index_status.error());
  if (progress) progress(files.size(), files.size(), "");
  report.files.insert(report.files.end(), shared.outcomes.begin(), shared.outcomes.end());
  return report;
}

}  // namespace berkas::service
