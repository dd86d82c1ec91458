#include "service/service.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <limits>
#include <mutex>
#include <set>
#include <thread>

#include "core/text.h"
#include "ingest/ingest.h"
#include "service/anonymise.h"
#include "service/internal/docs.h"
#include "service/internal/paths.h"
#include "service/redact.h"
#include "service/policy.h"

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

core::Date Service::today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

namespace {

// The day the new KUHP (UU 1/2023) took effect; before it "KUHP" means the old code (WvS).
constexpr const char* k_kuhp_2023_in_force = "2026-01-02";
// How many stored files may wait before the indexer commits a batch.
constexpr std::size_t k_index_batch = 2000;
// Group commit of the store: at most this many files or milliseconds per transaction.
constexpr std::size_t k_group_files = 256;
constexpr int k_group_ms = 200;

std::string store_path(const Options& o) { return internal::store_path(o.data_dir); }
std::string index_path(const Options& o) { return (fs::path(o.data_dir) / "index").string(); }

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

}  // namespace

struct Service::Impl {
  Options options;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<search::Index> index;
  search::Config index_config;
  std::optional<Gazetteer> places;  // index/places.txt, read on first use (a Service is one thread's)

  Result<const Gazetteer*> gazetteer() {
    if (!places) {
      auto gz = Gazetteer::load((fs::path(options.resource_dir) / "index" / "places.txt").string());
      if (!gz) return tl::unexpected(gz.error());
      places = std::move(*gz);
    }
    return &*places;
  }

  std::string schema_dir() const { return (fs::path(options.resource_dir) / "schemas").string(); }

  Result<Redactor> redactor() const {
    auto persons = store->persons();
    if (!persons) return tl::unexpected(persons.error());
    std::vector<core::Person> prot;
    for (auto& p : *persons)
      if (p.is_protected) prot.push_back(std::move(p));
    return Redactor(prot);
  }

  // Redactor for what viewer `v` may see: protected persons the viewer is not cleared for.
  Result<Redactor> redactor_for(const Viewer& v) const {
    auto persons = store->persons();
    if (!persons) return tl::unexpected(persons.error());
    std::vector<core::Person> hidden;
    for (auto& p : *persons)
      if (p.is_protected && !may_see_identity(v, p)) hidden.push_back(std::move(p));
    return Redactor(hidden);
  }

  // Puts one document. A document the index refuses is noted (verify reports it) and skipped:
  // one stored object must never stop the store from opening or the index from catching up.
  // Failures to commit, or to read the store, still fail the caller.
  static Status put(search::Index& idx, const search::Doc& doc) {
    auto s = idx.put(doc);
    if (s) return s;
    return idx.note_unindexed(doc.id, s.error().message);
  }

  Status index_object(search::Index& idx, const store::Store& st, const std::string& kind, const std::string& id,
                      const Redactor& red) {
    if (kind == "law") {
      auto law = st.law(id);
      if (!law) return tl::unexpected(law.error());
      auto provs = st.provisions(id);
      if (!provs) return tl::unexpected(provs.error());
      if (auto s = idx.remove_prefix(internal::provision_doc_id(id + "/")); !s) return s;
      for (const auto& p : *provs)
        if (auto s = put(idx, internal::provision_doc(*law, p)); !s) return s;
      return {};
    }
    if (kind == "case") {
      auto c = st.get_case(id);
      if (!c) return tl::unexpected(c.error());
      return put(idx, internal::case_doc(*c, red));
    }
    if (kind == "item") {
      auto item = st.item(id);
      if (!item) return tl::unexpected(item.error());
      auto cites = st.item_citations(id);
      if (!cites) return tl::unexpected(cites.error());
      auto c = st.get_case(item->case_id);
      return put(idx, internal::item_doc(*item, *cites, c ? &*c : nullptr, red));
    }
    if (kind == "precedent") {
      auto p = st.precedent(id);
      if (!p) return tl::unexpected(p.error());
      auto cites = st.precedent_citations(id);
      if (!cites) return tl::unexpected(cites.error());
      return put(idx, internal::precedent_doc(*p, *cites, red));
    }
    if (kind == "person") return {};  // persons are not indexed (names); see catch_up
    return fail(ErrorCode::internal, "unknown change kind '" + kind + "'");
  }

  // Every case, item and precedent — used when a person changes (a name to hide) and by reindex.
  Status index_case_material(search::Index& idx, const store::Store& st, const Redactor& red,
                             const Progress& progress, std::size_t& done, std::size_t total) {
    auto precs = st.precedents();
    if (!precs) return tl::unexpected(precs.error());
    for (const auto& p : *precs)
      if (auto s = index_object(idx, st, "precedent", p.id, red); !s) return s;
    auto cases = st.cases();
    if (!cases) return tl::unexpected(cases.error());
    for (const auto& c : *cases)
      if (auto s = put(idx, internal::case_doc(c, red)); !s) return s;
    auto items = st.items();
    if (!items) return tl::unexpected(items.error());
    std::map<std::string, core::Case> case_by_id;
    for (auto& c : *cases) case_by_id.emplace(c.id, c);
    for (const auto& item : *items) {
      auto cites = st.item_citations(item.id);
      if (!cites) return tl::unexpected(cites.error());
      auto it = case_by_id.find(item.case_id);
      if (auto s = put(idx, internal::item_doc(item, *cites, it == case_by_id.end() ? nullptr : &it->second, red)); !s)
        return s;
      ++done;
      if (progress && done % 500 == 0) progress(done, total, "index");
    }
    return {};
  }

  // Indexes every change the index has not seen, then records the store's sequence number.
  // Idempotent: re-indexing an object replaces its document.
  Status catch_up(search::Index& idx, const store::Store& st) {
    const auto from = idx.last_seq();
    const auto to = st.last_seq();
    if (to <= from) return {};
    auto changes = st.changes_since(from);
    if (!changes) return tl::unexpected(changes.error());
    const bool persons_changed = std::any_of(changes->begin(), changes->end(),
                                             [](const store::Change& c) { return c.kind == "person"; });
    auto red = redactor();
    if (!red) return tl::unexpected(red.error());
    std::int64_t max_seq = from;
    if (persons_changed) {
      // A name may now be protected (or its pseudonym changed): re-redact all case material.
      std::size_t done = 0;
      if (auto s = index_case_material(idx, st, *red, {}, done, 0); !s) return s;
    }
    for (const auto& c : *changes) {
      max_seq = std::max(max_seq, c.seq);
      if (persons_changed && (c.kind == "case" || c.kind == "item" || c.kind == "precedent")) continue;
      if (auto s = index_object(idx, st, c.kind, c.object_id, *red); !s) return s;
    }
    return idx.commit(std::max(max_seq, to));
  }
};

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
  auto idx = search::Index::open(index_path(options), impl->index_config, !options.read_only);
  if (!idx) return tl::unexpected(idx.error());
  impl->index = std::move(*idx);
  if (!options.read_only)
    if (auto s = impl->catch_up(*impl->index, *impl->store); !s) return tl::unexpected(s.error());
  return std::unique_ptr<Service>(new Service(std::move(impl)));
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

Result<IngestReport> Service::ingest(const Viewer& v, const std::vector<std::string>& paths, const Progress& progress,
                                     const std::function<void(const FileOutcome&)>& on_file) {
  if (!policy().may_ingest(v)) return fail(ErrorCode::forbidden, "pelatih tidak dapat mengunggah / trainers cannot ingest");
  if (m_impl->options.read_only) return fail(ErrorCode::forbidden, "read-only reader cannot ingest");
  // Expand folders.
  std::vector<std::string> files;
  IngestReport report;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      auto listed = ingest::list_inputs(p);
      if (!listed) {
        report.files.push_back({p, FileOutcome::Status::failed, "", "", 0, "", listed.error().describe()});
        continue;
      }
      files.insert(files.end(), listed->begin(), listed->end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      report.files.push_back({p, FileOutcome::Status::failed, "", "", 0, "", p + ": tidak ada berkas / no such file"});
    }
  }
  if (on_file)
    for (const auto& f : report.files) on_file(f);

  // The writer thread validates, hashes and stores; this thread indexes what was stored
  // (catch_up), so the two cores work side by side.
  std::mutex mu;
  std::condition_variable cv;
  std::size_t stored = 0;
  bool writer_done = false;
  Result<void> writer_status;
  std::vector<FileOutcome> outcomes;
  const std::string schema_dir = m_impl->schema_dir();
  const std::string db_path = store_path(m_impl->options);
  const std::string actor = v.user;

  std::thread writer([&] {
    auto st = store::Store::open(db_path, store::OpenMode::must_exist);
    if (!st) {
      std::lock_guard lock(mu);
      writer_status = tl::unexpected(st.error());
      writer_done = true;
      cv.notify_all();
      return;
    }
    std::vector<std::pair<std::string, core::Error>> deferred;
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
            }
        }
      }
      std::lock_guard lock(mu);
      for (auto& f : pending) outcomes.push_back(std::move(f));
      stored = outcomes.size();
      pending.clear();
      if (final_commit) writer_done = true;
      cv.notify_all();
    };
    auto handle = [&](const std::string& path, bool retry) {
      FileOutcome out;
      out.path = path;
      auto parsed = ingest::parse_file(path, schema_dir);
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
      Result<FileOutcome> stored_outcome = parsed ? store_parsed(**st, *parsed, actor, protected_names)
                                                  : Result<FileOutcome>(tl::unexpected(parsed.error()));
      if (!stored_outcome && stored_outcome.error().code == ErrorCode::not_found && !retry) {
        deferred.emplace_back(path, stored_outcome.error());
        return;
      }
      if (stored_outcome) {
        out = *stored_outcome;
      } else {
        out.status = FileOutcome::Status::failed;
        auto e = stored_outcome.error();
        if (e.file.empty()) e.file = path;
        out.error = e.describe();
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
    for (const auto& f : files) handle(f, false);
    // Files that referred to something not yet stored get one more try, in order.
    publish(false);
    auto again = std::move(deferred);
    for (const auto& d : again) handle(d.first, true);
    publish(true);
  });

  Status index_status;
  std::size_t indexed_upto = 0;
  std::size_t emitted = 0;
  for (;;) {
    std::size_t now = 0;
    bool done = false;
    std::vector<FileOutcome> fresh;
    std::string last_path;
    {
      std::unique_lock lock(mu);
      cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return writer_done || stored > emitted; });
      now = stored;
      done = writer_done;
      if (on_file) fresh.assign(outcomes.begin() + static_cast<std::ptrdiff_t>(emitted), outcomes.begin() + static_cast<std::ptrdiff_t>(now));
      if (now > emitted) last_path = outcomes[now - 1].path;
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
  if (!writer_status) return tl::unexpected(writer_status.error());
  if (!index_status) return tl::unexpected(index_status.error());
  if (progress) progress(files.size(), files.size(), "");
  report.files.insert(report.files.end(), outcomes.begin(), outcomes.end());
  return report;
}

Result<SearchPage> Service::search(const Viewer& v, search::Query query) const {
  query.visible_cases = visible_cases(v);
  if (query.as_of.empty()) query.as_of = {};
  auto results = m_impl->index->search(query);
  if (!results) return tl::unexpected(results.error());
  SearchPage page;
  page.results = std::move(*results);
  page.as_of = query.as_of;
  return page;
}

namespace {

struct VersionRef {
  std::string id;
  int version = 0;
};

VersionRef parse_version_ref(const std::string& ref) {
  VersionRef r{ref, 0};
  auto at = ref.rfind('@');
  if (at != std::string::npos && at + 1 < ref.size()) {
    const std::string num = ref.substr(at + 1);
    // A number that does not fit a version leaves the whole ref as an id: not found (std::atoi
    // wrapped "4294967297" to version 1).
    if (auto n = core::parse_decimal(num, 0, std::numeric_limits<int>::max())) {
      r.id = ref.substr(0, at);
      r.version = static_cast<int>(*n);
    }
  }
  return r;
}

}  // namespace

// Replaces protected names in every text field of an item; true if anything was replaced.
static PersonView person_view(const Viewer& v, const core::Person& p) {
  return PersonView{p.id, display_name(v, p), core::to_string(p.role), p.is_protected, !may_see_identity(v, p)};
}

static bool redact_item(core::EvidenceItem& it, const Redactor& red) {
  bool changed = false;
  auto apply = [&](std::string& s) {
    std::string r = red.apply(s);
    if (r != s) {
      s = std::move(r);
      changed = true;
    }
  };
  for (auto* s : {&it.title, &it.summary, &it.examiner, &it.place, &it.correction_note}) apply(*s);
  for (auto& qa : it.qa) {
    apply(qa.question);
    apply(qa.answer);
  }
  for (auto& sec : it.sections) {
    apply(sec.heading);
    apply(sec.text);
  }
  for (auto& a : it.attachments) {
    apply(a.name);
    apply(a.description);
  }
  return changed;
}

// Reads a citation as of a date: a reference to a revoked provision names its successor,
// and "KUHP" means the old code before the new one took effect.
static CitationView read_citation(const store::Store& st, const core::Citation& c, const core::Date& as_of) {
  CitationView v;
  v.provision_id = c.provision_id;
  v.raw = c.raw;
  v.as_of = as_of;
  std::string id = c.provision_id;
  if (id.rfind("kuhp/", 0) == 0) {
    if (as_of >= k_kuhp_2023_in_force) {
      id = "uu-1-2023/" + id.substr(5);
      v.provision_id = id;
    } else {
      v.label = internal::label_of_provision_id(id) + " (KUHP lama / Wetboek van Strafrecht)";
      return v;
    }
  }
  auto prov = st.provision(id);
  if (!prov) prov = st.provision(internal::pasal_id_of(id));
  v.label = internal::label_of_provision_id(id);
  if (!prov) return v;
  v.shipped = true;
  if (!prov->label.empty() && prov->id == id) v.label = prov->label;
  auto law = st.law(prov->law_id);
  v.status = prov->status_on(as_of, law ? law->in_force_from : std::string());
  v.successor_id = prov->successor_id;
  if (!v.successor_id.empty()) {
    auto succ = st.provision(v.successor_id);
    v.successor_label = succ && !succ->label.empty() ? succ->label : internal::label_of_provision_id(v.successor_id);
  }
  v.note = prov->status_note;
  return v;
}

Result<ItemView> Service::item(const Viewer& v, const std::string& ref) const {
  const auto r = parse_version_ref(ref);
  auto item = m_impl->store->item(r.id, r.version);
  const auto hidden = [&] {
    return fail(ErrorCode::not_found, "barang bukti '" + ref + "' tidak ditemukan / item not found");
  };
  if (!item || !may_see_item(v, *item)) return hidden();
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  ItemView view;
  view.item = *item;
  auto& it = view.item;
  // A trainer sees a released item exactly as a guideline's case study shows it: every person by
  // a pseudonym, places generalised, identifying numbers masked, dates as month and year, no
  // examiner, attachment or correction note.
  std::optional<Anonymiser> anon;
  if (must_anonymise(v)) {
    auto places = m_impl->gazetteer();
    if (!places) return tl::unexpected(places.error());
    auto persons = persons_to_hide(*m_impl->store, *item);
    if (!persons) return tl::unexpected(persons.error());
    anon.emplace(std::move(*persons), **places);
    it = anonymise_item(*item, *anon);
    view.redacted = true;
  } else {
    view.redacted = redact_item(it, *red);
  }
  auto versions = m_impl->store->item_versions(r.id);
  if (versions) view.versions = *versions;
  for (auto& ver : view.versions) ver.correction_note = anon ? std::string() : red->apply(ver.correction_note);
  auto c = m_impl->store->get_case(it.case_id);
  core::Date as_of = it.date.empty() ? today() : it.date;
  if (c) {
    view.case_title = anon ? anon->text(c->title) : red->apply(c->title);
    if (!c->offence_date.empty() && !anon) as_of = c->offence_date;  // a trainer's stays month/year
  }
  auto cites = m_impl->store->item_citations(r.id, it.version);
  if (cites)
    for (const auto& ci : *cites) view.citations.push_back(read_citation(*m_impl->store, ci, as_of));
  if (!item->person_id.empty()) {
    auto p = m_impl->store->person(item->person_id);
    if (p) {
      view.person = person_view(v, *p);
      if (anon) {
        view.person->display_name = anon->pseudonym_of(p->id);
        view.person->pseudonymised = true;
      }
    }
  }
  return view;
}

Result<PrecedentView> Service::precedent(const Viewer& v, const std::string& id) const {
  auto p = m_impl->store->precedent(id);
  if (!p) return fail(ErrorCode::not_found, "putusan '" + id + "' tidak ditemukan / precedent not found");
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  PrecedentView view;
  view.precedent = *p;
  for (auto* s : {&view.precedent.text, &view.precedent.verdict, &view.precedent.sentence_text, &view.precedent.defendant})
    *s = red->apply(*s);
  const core::Date as_of = p->date.empty() ? today() : p->date;
  for (const auto& id2 : p->provisions_charged)
    view.charged.push_back(read_citation(*m_impl->store, core::Citation{id2, "", 0}, as_of));
  for (const auto& id2 : p->provisions_applied)
    view.applied.push_back(read_citation(*m_impl->store, core::Citation{id2, "", 0}, as_of));
  auto cites = m_impl->store->precedent_citations(id);
  if (cites)
    for (const auto& c : *cites) view.cited.push_back(read_citation(*m_impl->store, c, as_of));
  return view;
}

Result<std::string> Service::kind_of(const Viewer& v, const std::string& id) const {
  const auto r = parse_version_ref(id);
  if (auto it = m_impl->store->item(r.id, r.version); it && may_see_item(v, *it)) return std::string("item");
  if (m_impl->store->precedent(id)) return std::string("precedent");
  if (m_impl->store->provision(id)) return std::string("provision");
  if (auto c = m_impl->store->get_case(id); c && may_see_case(v, c->id)) return std::string("case");
  return fail(ErrorCode::not_found, "'" + id + "' tidak ditemukan / not found");
}

Result<std::vector<core::Case>> Service::cases(const Viewer& v) const {
  auto all = m_impl->store->cases();
  if (!all) return all;
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  std::vector<core::Case> out;
  for (auto& c : *all) {
    if (!may_see_case(v, c.id)) continue;
    c.title = red->apply(c.title);
    c.summary = red->apply(c.summary);
    out.push_back(std::move(c));
  }
  return out;
}

Result<CaseView> Service::case_view(const Viewer& v, const std::string& id) const {
  auto c = m_impl->store->get_case(id);
  if (!c || !may_see_case(v, id)) return fail(ErrorCode::not_found, "perkara '" + id + "' tidak ditemukan / case not found");
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  CaseView view;
  view.case_file = *c;
  view.case_file.title = red->apply(c->title);
  view.case_file.summary = red->apply(c->summary);
  auto persons = m_impl->store->persons(id);
  if (persons)
    for (const auto& p : *persons) {
      view.persons.push_back(person_view(v, p));
    }
  auto items = m_impl->store->items(id);
  if (items)
    for (auto& it : *items) {
      if (!may_see_item(v, it)) continue;
      it.title = red->apply(it.title);
      view.items.push_back(std::move(it));
    }
  const core::Date as_of = c->offence_date.empty() ? today() : c->offence_date;
  for (const auto& pid : c->charged_provisions)
    view.charged.push_back(read_citation(*m_impl->store, core::Citation{pid, "", 0}, as_of));
  return view;
}

Result<CaseMaterial> Service::case_material(const Viewer& v, const std::string& case_id) const {
  auto view = case_view(v, case_id);
  if (!view) return tl::unexpected(view.error());
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  auto& st = *m_impl->store;
  CaseMaterial m;
  m.view = std::move(*view);
  auto items = st.items(case_id);
  if (!items) return tl::unexpected(items.error());
  for (auto& it : *items) {
    if (!may_see_item(v, it)) continue;
    redact_item(it, *red);
    for (const auto& a : it.attachments)
      if (!m.attachments.count(a.sha256))
        if (auto bytes = st.attachment(a.sha256)) m.attachments.emplace(a.sha256, std::move(*bytes));
    m.items.push_back(std::move(it));
  }
  std::set<std::string> charged_pasal;
  for (const auto& pid : m.view.case_file.charged_provisions) {
    if (auto p = st.provision(pid)) m.charged.push_back(*p);
    charged_pasal.insert(internal::pasal_id_of(pid));
  }
  if (auto precs = st.precedents())
    for (const auto& p : *precs) {
      bool relevant = false;
      for (const auto& a : p.provisions_applied) relevant |= charged_pasal.count(internal::pasal_id_of(a)) > 0;
      for (const auto& a : p.provisions_charged) relevant |= charged_pasal.count(internal::pasal_id_of(a)) > 0;
      if (!relevant) continue;
      auto copy = p;
      for (auto* s : {&copy.text, &copy.verdict, &copy.sentence_text, &copy.defendant}) *s = red->apply(*s);
      m.precedents.push_back(std::move(copy));
    }
  if (auto persons = st.persons())
    for (const auto& p : *persons)
      if (p.is_protected && !may_see_identity(v, p)) m.forbidden.push_back(p.name);
  return m;
}

Result<std::vector<core::Law>> Service::laws() const { return m_impl->store->laws(); }

Result<LawOutline> Service::law_outline(const std::string& law_id, const core::Date& as_of) const {
  auto law = m_impl->store->law(law_id);
  if (!law) return tl::unexpected(law.error());
  auto provs = m_impl->store->provisions(law_id);
  if (!provs) return tl::unexpected(provs.error());
  LawOutline out;
  out.law = *law;
  out.as_of = as_of.empty() ? today() : as_of;
  for (const auto& p : *provs) {
    if (p.level != core::Provision::Level::pasal) continue;
    if (out.bab.empty() || out.bab.back().bab != p.bab) out.bab.push_back({p.bab, p.bab_heading, {}});
    out.bab.back().pasal.push_back({p.id, p.label, p.pasal, p.status_on(out.as_of, law->in_force_from)});
  }
  return out;
}

Result<ProvisionView> Service::provision(const Viewer& v, const std::string& law_id, const std::string& pasal_or_id,
                                         const core::Date& as_of) const {
  std::string id = pasal_or_id;
  if (id.find('/') == std::string::npos) {
    std::string num = core::ascii_lower(core::squeeze_space(id));
    if (num.rfind("pasal", 0) == 0) num = core::squeeze_space(num.substr(5));
    id = law_id + "/pasal-" + num;
  }
  auto prov = m_impl->store->provision(id);
  if (!prov) return fail(ErrorCode::not_found, "'" + pasal_or_id + "' tidak ditemukan dalam " +
                                                   internal::short_name_of_law(law_id) + " / provision not found");
  ProvisionView view;
  view.provision = *prov;
  auto law = m_impl->store->law(prov->law_id);
  view.law_short_name = law ? law->short_name : internal::short_name_of_law(prov->law_id);
  view.as_of = as_of.empty() ? today() : as_of;
  view.status = prov->status_on(view.as_of, law ? law->in_force_from : std::string());
  if (!prov->successor_id.empty()) {
    auto succ = m_impl->store->provision(prov->successor_id);
    view.successor_label = succ && !succ->label.empty() ? succ->label : internal::label_of_provision_id(prov->successor_id);
  }
  if (prov->level == core::Provision::Level::pasal) {
    auto all = m_impl->store->provisions(prov->law_id);
    if (all)
      for (const auto& p : *all)
        if (p.parent_id == prov->id) view.ayat.push_back(p);
  }
  auto citing = m_impl->store->items_citing(prov->id);
  if (citing)
    for (const auto& item_id : *citing) {
      auto it = m_impl->store->item(item_id);
      if (it && may_see_item(v, *it)) view.citing_items.push_back(item_id);
    }
  auto prec = m_impl->store->precedents_citing(prov->id);
  if (prec) view.citing_precedents = *prec;
  return view;
}

Status Service::reindex(const Viewer& v, const Progress& progress) {
  const fs::path live = index_path(m_impl->options);
  const fs::path fresh = live.string() + ".new";
  const fs::path old = live.string() + ".old";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  {
    auto idx = search::Index::open(fresh.string(), m_impl->index_config, true);
    if (!idx) return tl::unexpected(idx.error());
    auto& st = *m_impl->store;
    const auto seq = st.last_seq();
    auto laws = st.laws();
    if (!laws) return tl::unexpected(laws.error());
    auto red = m_impl->redactor();
    if (!red) return tl::unexpected(red.error());
    auto counts = st.counts();
    const std::size_t total = counts ? static_cast<std::size_t>(counts->items) : 0;
    for (const auto& law : *laws)
      if (auto s = m_impl->index_object(**idx, st, "law", law.id, *red); !s) return s;
    std::size_t done = 0;
    if (auto s = m_impl->index_case_material(**idx, st, *red, progress, done, total); !s) return s;
    if (auto s = (*idx)->commit(seq); !s) return s;
    if (progress) progress(total, total, "index");
  }
  // Swap the fresh index in. The old one is removed only after the rename succeeded.
  m_impl->index.reset();
  fs::remove_all(old, ec);
  fs::rename(live, old, ec);
  fs::rename(fresh, live, ec);
  if (ec) return fail(ErrorCode::io, "cannot swap the rebuilt index in: " + ec.message(), live.string());
  fs::remove_all(old, ec);
  auto idx = search::Index::open(live.string(), m_impl->index_config, true);
  if (!idx) return tl::unexpected(idx.error());
  m_impl->index = std::move(*idx);
  // Anything stored while we rebuilt is caught up now.
  if (auto s = m_impl->catch_up(*m_impl->index, *m_impl->store); !s) return s;
  auto ev = m_impl->store->audit(v.user, "reindex", "index", "docs=" + std::to_string(m_impl->index->doc_count()));
  if (!ev) return tl::unexpected(ev.error());
  return {};
}

Result<VerifyReport> Service::verify(const Viewer& v) const {
  VerifyReport report;
  auto problems = m_impl->store->verify();
  if (!problems) return tl::unexpected(problems.error());
  report.problems = *problems;
  auto& st = *m_impl->store;
  report.store_seq = st.last_seq();
  report.index_seq = m_impl->index->last_seq();
  report.index_docs = m_impl->index->doc_count();
  if (report.index_seq != report.store_seq)
    report.problems.push_back({"index", "index is at sequence " + std::to_string(report.index_seq) +
                                            ", store at " + std::to_string(report.store_seq)});
  // The documents the index must hold, derived from the store.
  std::set<std::string> expected;
  if (auto laws = st.laws())
    for (const auto& law : *laws)
      if (auto provs = st.provisions(law.id))
        for (const auto& p : *provs) expected.insert(internal::provision_doc_id(p.id));
  if (auto cases = st.cases())
    for (const auto& c : *cases) expected.insert(internal::case_doc_id(c.id));
  if (auto items = st.items())
    for (const auto& it : *items) expected.insert(internal::item_doc_id(it.id));
  if (auto precs = st.precedents())
    for (const auto& p : *precs) expected.insert(internal::precedent_doc_id(p.id));
  report.expected_docs = static_cast<std::int64_t>(expected.size());
  auto ids = m_impl->index->ids();
  if (!ids) return tl::unexpected(ids.error());
  auto notes = m_impl->index->unindexed();
  if (!notes) return tl::unexpected(notes.error());
  const auto& unindexed = *notes;
  std::set<std::string> actual(ids->begin(), ids->end());
  std::set<std::string> keys;
  std::size_t missing = 0, extra = 0;
  for (const auto& e : expected) {
    keys.insert(search::index_key(e));
    if (actual.count(search::index_key(e))) continue;
    if (++missing > 20) continue;
    const auto note = unindexed.find(e);
    report.problems.push_back({e, note == unindexed.end() ? "missing from the index"
                                                          : "not indexed / tidak terindeks: " + note->second});
  }
  for (const auto& a : actual)
    if (!keys.count(a) && ++extra <= 20) report.problems.push_back({a, "in the index but not in the store"});
  m_impl->store->audit(v.user, "verify", "store", report.problems.empty() ? "ok" : std::to_string(report.problems.size()) + " problems");
  return report;
}

Result<store::Counts> Service::counts() const { return m_impl->store->counts(); }

Status Service::record(const Viewer& v, const std::string& action, const std::string& object,
                       const std::string& detail) {
  auto ev = m_impl->store->audit(v.user, action, object, detail);
  if (!ev) return tl::unexpected(ev.error());
  return {};
}

Result<std::vector<core::AuditEvent>> Service::audit_log(const Viewer& v, std::int64_t after, int limit) const {
  if (!policy().may_administer(v)) return fail(ErrorCode::forbidden, "hanya administrator / administrators only");
  return m_impl->store->audit_log(after, limit);
}

}  // namespace berkas::service
