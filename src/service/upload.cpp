#include "service/upload.h"
#include "service/policy.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "core/hash.h"
#include "ingest/ingest.h"

namespace berkas::service {

using core::ErrorCode;

namespace {

// The service's own words for a missing case or person (check_references in service.cpp): a
// case or person the uploader may not see is refused with exactly these.
std::string missing_case(const std::string& path, const std::string& id) {
  return core::Error{ErrorCode::not_found, "perkara '" + id + "' belum ada / case not found", path, 0, "perkara"}
      .describe();
}
std::string missing_person(const std::string& path, const std::string& id) {
  return core::Error{ErrorCode::not_found, "orang '" + id + "' belum ada / person not found", path, 0, "orang"}
      .describe();
}
std::string missing_item(const std::string& path, const std::string& id) {
  return core::Error{ErrorCode::not_found, "barang bukti '" + id + "' belum ada / evidence item not found", path, 0,
                     "bukti"}
      .describe();
}

// Every person linked to a case, with the cases they are linked to (read as the system: the
// uploader's own view would hide exactly the persons this check is about).
struct KnownPerson {
  bool is_protected = false;
  std::set<std::string> case_ids;
};
core::Result<std::map<std::string, KnownPerson>> known_persons(const Service& s) {
  const auto system = Viewer::command_line("upload-check");
  auto cases = s.cases(system);
  if (!cases) return tl::unexpected(cases.error());
  std::map<std::string, KnownPerson> out;
  for (const auto& c : *cases) {
    auto view = s.case_view(system, c.id);
    if (!view) return tl::unexpected(view.error());
    for (const auto& p : view->persons) {
      auto& k = out[p.id];
      k.is_protected = k.is_protected || p.is_protected;
      k.case_ids.insert(c.id);
    }
  }
  return out;
}

}  // namespace

// Why `v` may not store `item` (read from `path`, bytes hashing to `sha256`) over `current`, the
// existing item with its id (if any), or nothing if they may: the same id with other bytes
// supersedes evidence, so only as an explicit, authorised correction that says what changed.
std::optional<std::string> supersede_refusal(const Viewer& v, const std::string& path, const core::EvidenceItem& item,
                                             const std::string& sha256, const core::Result<ItemView>& current,
                                             const UploadOptions& options) {
  if (!current || current->item.source_sha256 == sha256) return std::nullopt;
  if (!may_supersede(v, current->item.case_id))
    return path + ": id '" + item.id +
           "' sudah dipakai barang bukti; hanya jaksa yang ditugaskan dan berwenang atas perkara ini atau "
           "administrator yang dapat mengoreksinya / id '" + item.id +
           "' belongs to existing evidence; only a prosecutor assigned to and cleared for this case, or an "
           "administrator, may correct it (id)";
  if (!options.correction)
    return path + ": id '" + item.id +
           "' sudah ada dan unggahan ini bukan koreksi; untuk mengoreksi, pilih 'koreksi' dan sertakan "
           "<catatan-koreksi> / id '" + item.id +
           "' already exists and this upload is not a correction; to correct it, choose 'correction' and give a "
           "<catatan-koreksi> (id)";
  if (item.correction_note.empty())
    return path + ": koreksi '" + item.id + "' tanpa <catatan-koreksi> / a correction of '" + item.id +
           "' without <catatan-koreksi> (catatan-koreksi)";
  return std::nullopt;
}

namespace {

// One uploader's screening of one upload: the persons of every case read once, when needed.
// Each check returns the refusal (for people: file, what is wrong, the field), or nothing.
class Screener {
 public:
  using Refusal = core::Result<std::optional<std::string>>;

  Screener(const Service& s, const Viewer& v, const UploadOptions& options) : m_s(s), m_v(v), m_options(options) {}

  Refusal check(const std::string& path, const ingest::Parsed& p, std::string& kind) {
    switch (p.kind) {
      case ingest::Parsed::Kind::law:
        kind = "law";
        return path + ": hanya administrator yang dapat memuat undang-undang / only administrators may load the law";
      case ingest::Parsed::Kind::precedent:
        kind = "precedent";
        return std::nullopt;
      case ingest::Parsed::Kind::case_file:
        kind = "case";
        if (p.case_file->id.empty() || !policy().may_ingest_into(m_v, p.case_file->id))
          return missing_case(path, p.case_file->id);
        return std::nullopt;
      case ingest::Parsed::Kind::person:
        kind = "person";
        return check_person(path, *p.person);
      case ingest::Parsed::Kind::item:
        kind = "item";
        return check_item(path, *p.item, p.source_sha256);
      case ingest::Parsed::Kind::protection:
      case ingest::Parsed::Kind::restitution:
        kind = p.protection ? "protection" : "restitution";
        return check_witness_record(path, p);
    }
    return std::nullopt;
  }

 private:
  core::Result<const std::map<std::string, KnownPerson>*> persons() {
    if (!m_persons) {
      auto p = known_persons(m_s);
      if (!p) return tl::unexpected(p.error());
      m_persons = std::move(*p);
    }
    return &*m_persons;
  }

  // A person the uploader may name: linked to a case they may see.
  core::Result<bool> person_visible(const std::string& id) {
    auto known = persons();
    if (!known) return tl::unexpected(known.error());
    auto it = (*known)->find(id);
    bool visible = false;
    if (it != (*known)->end())
      for (const auto& c : it->second.case_ids) visible = visible || may_see_case(m_v, c);
    return visible;
  }

  // A missing person's refusal when `id` is not visible; nothing when it is.
  Refusal require_person(const std::string& path, const std::string& id) {
    auto visible = person_visible(id);
    if (!visible) return tl::unexpected(visible.error());
    if (!*visible) return missing_person(path, id);
    return std::nullopt;
  }

  Refusal check_person(const std::string& path, const core::Person& person) {
    if (person.case_ids.empty())
      return path + ": orang harus terkait perkara Anda / a person must be linked to one of your cases (perkara)";
    for (const auto& c : person.case_ids)
      if (!policy().may_ingest_into(m_v, c)) return missing_case(path, c);
    if (!person.companion_id.empty()) {
      auto r = require_person(path, person.companion_id);
      if (!r || *r) return r;
    }
    auto known = persons();
    if (!known) return tl::unexpected(known.error());
    if (auto it = (*known)->find(person.id); it != (*known)->end()) {
      // An existing person: every case they are in must be the uploader's, and a protected
      // person may be changed only by someone cleared to see who they are.
      core::Person existing;
      existing.id = person.id;
      existing.is_protected = it->second.is_protected;
      existing.case_ids.assign(it->second.case_ids.begin(), it->second.case_ids.end());
      bool all_visible = true;
      for (const auto& c : existing.case_ids) all_visible = all_visible && may_see_case(m_v, c);
      if (!all_visible || !may_see_identity(m_v, existing))
        return path + ": orang '" + person.id + "' tidak dapat diubah / person cannot be changed (orang)";
    }
    return std::nullopt;
  }

  Refusal check_item(const std::string& path, const core::EvidenceItem& item, const std::string& sha256) {
    if (item.case_id.empty() || !policy().may_ingest_into(m_v, item.case_id)) return missing_case(path, item.case_id);
    // A new version of an item the uploader cannot see would change another case's evidence.
    auto current = m_s.item(m_system, item.id);
    if (!m_s.item(m_v, item.id)) {
      if (current) return path + ": id '" + item.id + "' tidak dapat dipakai / the id cannot be used (id)";
    } else if (auto why = supersede_refusal(m_v, path, item, sha256, current, m_options)) {
      return why;
    }
    std::vector<std::string> named;
    if (!item.person_id.empty()) named.push_back(item.person_id);
    named.insert(named.end(), item.about_person_ids.begin(), item.about_person_ids.end());
    for (const auto& id : named) {
      auto r = require_person(path, id);
      if (!r || *r) return r;
    }
    return std::nullopt;
  }

  // Witness-file records: only for the uploader's own case and a person they can see; supporting
  // items must be visible to them too.
  Refusal check_witness_record(const std::string& path, const ingest::Parsed& p) {
    const std::string& case_id = p.protection ? p.protection->case_id : p.restitution->case_id;
    const std::string& person_id = p.protection ? p.protection->person_id : p.restitution->person_id;
    if (case_id.empty() || !policy().may_ingest_into(m_v, case_id)) return missing_case(path, case_id);
    auto r = require_person(path, person_id);
    if (!r || *r) return r;
    if (p.restitution)
      for (const auto& e : p.restitution->entries)
        for (const auto& id : e.evidence_ids)
          if (!m_s.item(m_v, id)) return missing_item(path, id);
    return std::nullopt;
  }

  const Service& m_s;
  const Viewer& m_v;
  const UploadOptions& m_options;
  const Viewer m_system = Viewer::command_line("upload-check");
  std::optional<std::map<std::string, KnownPerson>> m_persons;  // read once, when needed
};

}  // namespace

core::Result<UploadScreen> screen_upload(const Service& s, const Viewer& v, const std::vector<std::string>& paths,
                                         const std::string& resource_dir, const UploadOptions& options) {
  UploadScreen out;
  const std::string schema_dir = (std::filesystem::path(resource_dir) / "schemas").string();
  const auto system = Viewer::command_line("upload-check");
  auto refuse = [&](const std::string& path, std::string kind, std::string message) {
    FileOutcome o;
    o.path = path;
    o.status = FileOutcome::Status::failed;
    o.kind = std::move(kind);
    o.error = std::move(message);
    out.refused.push_back(std::move(o));
  };
  // A native file is screened by what the form says of it (its case, person and, for a
  // correction, id) and its hash: reading it (OCR) is the ingest's work, done once.
  const bool native = !options.native.case_id.empty();
  auto parse = [&](const std::string& path) -> core::Result<ingest::Parsed> {
    if (!native) return ingest::parse_file(path, schema_dir);
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail(core::ErrorCode::io, "tidak dapat dibaca / cannot read", path);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ingest::Parsed p;
    p.kind = ingest::Parsed::Kind::item;
    p.native = true;
    p.path = path;
    p.source_sha256 = core::sha256_hex(bytes);
    core::EvidenceItem item;
    item.id = options.native.id;
    item.case_id = options.native.case_id;
    item.person_id = options.native.person_id;
    item.correction_note = options.native.correction_note;
    p.item = std::move(item);
    return p;
  };
  if (policy().sees_every_case(v)) {
    // Everything may go in; but an upload that reuses an item's id is still no correction
    // unless it says it is one.
    for (const auto& path : paths) {
      auto parsed = parse(path);
      if (parsed && parsed->kind == ingest::Parsed::Kind::item)
        if (auto why = supersede_refusal(v, path, *parsed->item, parsed->source_sha256, s.item(system, parsed->item->id),
                                         options)) {
          refuse(path, "item", std::move(*why));
          continue;
        }
      out.allowed.push_back(path);
    }
    return out;
  }
  Screener screener(s, v, options);
  for (const auto& path : paths) {
    if (!policy().may_ingest(v)) {
      refuse(path, "", path + ": pelatih tidak dapat mengunggah / trainers cannot upload");
      continue;
    }
    auto parsed = parse(path);
    if (!parsed) {  // ingest will say why, as it does to anyone
      out.allowed.push_back(path);
      continue;
    }
    std::string kind;
    auto refusal = screener.check(path, *parsed, kind);
    if (!refusal) return tl::unexpected(refusal.error());
    if (*refusal)
      refuse(path, kind, **refusal);
    else
      out.allowed.push_back(path);
  }
  return out;
}

namespace {

// Every file of `paths` in the order given: ingested outcomes by path, refusals where they were.
IngestReport in_given_order(const std::vector<std::string>& paths, IngestReport ingested,
                            std::vector<FileOutcome> refused) {
  std::map<std::string, FileOutcome> by_path;
  for (auto& f : ingested.files) by_path.emplace(f.path, std::move(f));
  for (auto& f : refused) by_path.emplace(f.path, std::move(f));
  IngestReport report;
  for (const auto& path : paths)
    if (auto it = by_path.find(path); it != by_path.end()) {
      report.files.push_back(std::move(it->second));
      by_path.erase(it);
    }
  for (auto& [path, f] : by_path) report.files.push_back(std::move(f));  // anything ingest added
  return report;
}

}  // namespace

core::Result<IngestReport> ingest_upload(Service& s, const Viewer& v, const std::vector<std::string>& paths,
                                         const std::string& resource_dir, const UploadOptions& options) {
  auto screen = screen_upload(s, v, paths, resource_dir, options);
  if (!screen) return tl::unexpected(screen.error());
  IngestReport ingested;
  if (!screen->allowed.empty()) {
    auto r = s.ingest(v, screen->allowed, options.native);
    if (!r) return r;
    ingested = std::move(*r);
  }
  return in_given_order(paths, std::move(ingested), std::move(screen->refused));
}

core::Estimate estimate_of(const UploadProgress& p) {
  if (p.file == 0) return {};
  double done = static_cast<double>(p.file - 1);
  if (p.pages_total > 0) done += static_cast<double>(p.pages_done) / p.pages_total;
  return core::estimate(done, static_cast<double>(p.files), p.elapsed_seconds);
}

const char* to_string(UploadProgress::State s) {
  switch (s) {
    case UploadProgress::State::queued: return "queued";
    case UploadProgress::State::running: return "running";
    case UploadProgress::State::done: return "done";
    case UploadProgress::State::failed: return "failed";
  }
  return "";
}

core::Result<UploadScreen> prepare_upload(const Service& s, const Viewer& v, const std::vector<std::string>& paths,
                                          const std::string& resource_dir, const UploadOptions& options) {
  auto screen = screen_upload(s, v, paths, resource_dir, options);
  if (!screen) return screen;
  // As ingest_upload: the options are checked when a file passed the screening (ingest's own check).
  if (!screen->allowed.empty())
    if (auto ok = s.check_ingest(v, options.native); !ok) return tl::unexpected(ok.error());
  return screen;
}

core::Result<IngestReport> store_upload(Service& s, const Viewer& v, const std::vector<std::string>& paths,
                                        UploadScreen screen, std::vector<ReadFile> read, const UploadOptions& options) {
  IngestReport ingested;
  if (!read.empty()) {
    auto r = s.store_read(v, std::move(read), options.native);
    if (!r) return r;
    ingested = std::move(*r);
  }
  return in_given_order(paths, std::move(ingested), std::move(screen.refused));
}

}  // namespace berkas::service
