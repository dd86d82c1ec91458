#include "store/store.h"

#include <cassert>
#include <filesystem>
#include <utility>

#include "core/hash.h"
#include "store/internal/audit_chain.h"
#include "store/internal/schema.h"
#include "store/internal/sqlite.h"

namespace berkas::store {

using core::ErrorCode;
using core::fail;
using internal::ReadScope;
using internal::Statement;
using internal::WriteScope;

const char* to_string(PutOutcome o) {
  switch (o) {
    case PutOutcome::created: return "created";
    case PutOutcome::new_version: return "new_version";
    case PutOutcome::unchanged: return "unchanged";
  }
  return "";
}

namespace {

bool is_sha256_hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// The hash of `source`, checked against the hash the caller already computed (if any), so an
// object can never be stored under a hash that is not its bytes'.
core::Result<std::string> source_hash(const std::string& declared, const std::string& source,
                                      const std::string& what) {
  std::string actual = core::sha256_hex(source);
  if (!declared.empty() && declared != actual)
    return fail(ErrorCode::integrity,
                what + ": declared source SHA-256 " + declared + " does not match the bytes (" + actual + ")",
                {}, 0, "source_sha256");
  return actual;
}

// Replaces an object's ordered list (case_provisions, person_cases): deletes the old rows, then
// inserts (owner, position, value) for each value. `remove` and `insert` must be string
// literals: the statement cache keys on their address.
core::Status replace_list(internal::Database& db, const char* remove, const char* insert, const std::string& owner,
                          const std::vector<std::string>& values) {
  {
    STORE_TRY_ASSIGN(stmt, db.prepare(remove));
    stmt.bind_text(1, owner);
    STORE_TRY(stmt.run());
  }
  int position = 0;
  for (const auto& value : values) {
    STORE_TRY_ASSIGN(stmt, db.prepare(insert));
    stmt.bind_text(1, owner).bind_int(2, position++).bind_text(3, value);
    STORE_TRY(stmt.run());
  }
  return {};
}

core::Status require_id(const std::string& id, const std::string& what) {
  if (id.empty()) return fail(ErrorCode::invalid_input, what + " has no id", {}, 0, "id");
  return {};
}

const char* level_code(core::Provision::Level l) { return l == core::Provision::Level::ayat ? "ayat" : "pasal"; }

}  // namespace

// ---------------------------------------------------------------- Impl

struct Store::Impl {
  internal::Database db;
  OpenMode mode = OpenMode::create_if_missing;
  int schema_version = 0;

  core::Status require_writable() const {
    if (mode == OpenMode::read_only) return fail(ErrorCode::forbidden, "the store is open read-only");
    return {};
  }

  core::Status put_source(const std::string& sha256, const std::string& bytes, const std::string& now) {
    // OR IGNORE, never OR REPLACE: a REPLACE would delete the immutable row.
    STORE_TRY_ASSIGN(stmt, db.prepare("INSERT OR IGNORE INTO sources (sha256, bytes, size, stored_at) "
                                      "VALUES (?1, ?2, ?3, ?4)"));
    stmt.bind_text(1, sha256).bind_blob_static(2, bytes).bind_int(3, static_cast<std::int64_t>(bytes.size()));
    stmt.bind_text(4, now);
    return stmt.run();
  }

  core::Result<std::int64_t> log_change(const char* kind, const std::string& object_id, const std::string& now) {
    STORE_TRY_ASSIGN(stmt, db.prepare("INSERT INTO changes (kind, object_id, at) VALUES (?1, ?2, ?3)"));
    stmt.bind_text(1, kind).bind_text(2, object_id).bind_text(3, now);
    STORE_TRY(stmt.run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db.handle()));
  }

  // The stored source hash of a mutable object (law, case, person, precedent), if present.
  core::Result<std::optional<std::string>> stored_hash(const char* sql, const std::string& id) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    stmt.bind_text(1, id);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) return std::optional<std::string>();
    return std::optional<std::string>(stmt.text(0));
  }

  // `sql` binds (id, [version,] position, provision_id, raw, byte_offset); version only for items.
  core::Status put_citations(const char* sql, const std::string& id, std::optional<int> version,
                             const std::vector<core::Citation>& citations) {
    int position = 0;
    for (const auto& c : citations) {
      STORE_TRY_ASSIGN(stmt, db.prepare(sql));
      int i = 1;
      stmt.bind_text(i++, id);
      if (version) stmt.bind_int(i++, *version);
      // i is now the position parameter's index.
      stmt.bind_int(i, position++);
      stmt.bind_text(i + 1, c.provision_id);
      stmt.bind_text(i + 2, c.raw);
      stmt.bind_int(i + 3, static_cast<std::int64_t>(c.offset));
      STORE_TRY(stmt.run());
    }
    return {};
  }

  core::Result<std::vector<std::string>> strings(const char* sql, const std::string& id) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    stmt.bind_text(1, id);
    std::vector<std::string> out;
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      out.push_back(stmt.text(0));
    }
    return out;
  }

  core::Result<std::vector<core::Citation>> citations(const char* sql, const std::string& id,
                                                      std::optional<int> version) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    stmt.bind_text(1, id);
    if (version) stmt.bind_int(2, *version);
    std::vector<core::Citation> out;
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      out.push_back({stmt.text(0), stmt.text(1), static_cast<std::size_t>(stmt.int64(2))});
    }
    return out;
  }

  // Objects citing a provision or, through the "id/" prefix, any provision under it (a Pasal's
  // ayat). The prefix is a range [id/, id0) because '0' follows '/' in ASCII: this uses the
  // index, where LIKE would not (and LIKE would also treat '_' in ids as a wildcard).
  core::Result<std::vector<std::string>> citing(const char* sql, const std::string& provision_id) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    stmt.bind_text(1, provision_id).bind_text(2, provision_id + "/").bind_text(3, provision_id + "0");
    std::vector<std::string> out;
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      out.push_back(stmt.text(0));
    }
    return out;
  }

  core::Result<int> latest_version(const std::string& id) {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT latest_version FROM items WHERE id = ?1"));
    stmt.bind_text(1, id);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) return fail(ErrorCode::not_found, "no evidence item " + id);
    return stmt.integer(0);
  }

  core::Result<int> resolve_version(const std::string& id, int version) {
    if (version != 0) return version;
    return latest_version(id);
  }

  core::Result<core::EvidenceItem> load_item(const std::string& id, int version);
  core::Result<core::Case> load_case(Statement& row);
  core::Result<core::Person> load_person(Statement& row);
  core::Result<core::Precedent> load_precedent(Statement& row);
  static core::Result<core::Provision> read_provision(Statement& row);
  static core::Law read_law(Statement& row);
  core::Result<core::ProtectionMeasure> read_protection(Statement& row);
  core::Result<core::RestitutionClaim> read_restitution(Statement& row);
  core::Result<int> next_version(const char* pointer_sql, const char* seen_sql, const std::string& id,
                                 const std::string& person_id, const std::string& case_id, const std::string& hash,
                                 const std::string& what);
};

// ---------------------------------------------------------------- open

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::~Store() = default;

core::Result<std::unique_ptr<Store>> Store::open(const std::string& path, OpenMode mode) {
  std::error_code ec;
  if (mode != OpenMode::create_if_missing && !std::filesystem::exists(path, ec))
    return fail(ErrorCode::io, "store not found: " + path, path);

  auto impl = std::make_unique<Impl>();
  impl->mode = mode;
  int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (mode == OpenMode::create_if_missing) flags |= SQLITE_OPEN_CREATE;
  auto& db = impl->db;
  auto with_path = [&path](core::Error e) {
    e.file = path;
    return tl::unexpected<core::Error>(std::move(e));
  };
  if (auto s = db.open(path, flags); !s) return with_path(s.error());

  // Writers wait for each other (several Store objects, or another process) instead of failing.
  sqlite3_busy_timeout(db.handle(), 10000);
  if (auto s = db.exec_script("PRAGMA foreign_keys = ON"); !s) return with_path(s.error());
  if (mode != OpenMode::read_only) {
    // 16 KiB pages for a new file (ignored for an existing one): rows carry whole source files,
    // and larger pages cut the write calls of a bulk ingest by about four.
    if (auto s = db.exec_script("PRAGMA page_size = 16384"); !s) return with_path(s.error());
    // WAL: readers never block the writer and a reader sees the last commit. synchronous=FULL
    // (one fsync of the WAL per commit) because a commit here is a promise to an investigator
    // that evidence and its audit event are kept; NORMAL could lose the last commits on power
    // loss. The cost is per transaction, so bulk loads batch many puts into one.
    if (auto s = db.exec_script("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"); !s)
      return with_path(s.error());
  }
  // A 64 MiB page cache (the default is 2 MiB): a bulk ingest touches the same index pages
  // (items, changes, citations) over and over, and re-reading them dominated its profile.
  if (auto s = db.exec_script("PRAGMA cache_size = -65536"); !s) return with_path(s.error());
  auto version = internal::migrate(db, mode == OpenMode::read_only);
  if (!version) return with_path(version.error());
  impl->schema_version = *version;
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

int Store::schema_version() const { return m_impl->schema_version; }

// ---------------------------------------------------------------- transactions

core::Status Store::begin() {
  STORE_TRY(m_impl->require_writable());
  if (m_impl->db.in_transaction()) return fail(ErrorCode::conflict, "a transaction is already open");
  return m_impl->db.exec("BEGIN IMMEDIATE");
}

core::Status Store::commit() {
  if (!m_impl->db.in_transaction()) return fail(ErrorCode::conflict, "no transaction is open");
  return m_impl->db.exec("COMMIT");
}

void Store::rollback() {
  if (m_impl->db.in_transaction()) (void)m_impl->db.exec("ROLLBACK");
}

core::Status Store::savepoint(const std::string& name) {
  STORE_TRY(m_impl->require_writable());
  return m_impl->db.exec_script(("SAVEPOINT " + name).c_str());
}

core::Status Store::release(const std::string& name) { return m_impl->db.exec_script(("RELEASE " + name).c_str()); }

void Store::rollback_to(const std::string& name) {
  (void)m_impl->db.exec_script(("ROLLBACK TO " + name).c_str());
  (void)m_impl->db.exec_script(("RELEASE " + name).c_str());
}

bool Store::in_transaction() const { return m_impl->db.in_transaction(); }

// ---------------------------------------------------------------- writes

core::Result<PutOutcome> Store::put_law(const core::Law& law, const std::vector<core::Provision>& provisions,
                                        const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_id(law.id, "law"));
  for (const auto& p : provisions) {
    STORE_TRY(require_id(p.id, "provision of " + law.id));
    if (!p.law_id.empty() && p.law_id != law.id)
      return fail(ErrorCode::invalid_input, "provision " + p.id + " belongs to " + p.law_id + ", not " + law.id,
                  {}, 0, "law_id");
  }
  STORE_TRY_ASSIGN(hash, source_hash({}, source, "law " + law.id));

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(existing, d.stored_hash("SELECT source_sha256 FROM laws WHERE id = ?1", law.id));
  if (existing && *existing == hash) return PutOutcome::unchanged;

  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  STORE_TRY_ASSIGN(seq, d.log_change("law", law.id, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO laws (id, title, short_name, enacted, in_force_from, provenance, source_sha256, seq) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
        "ON CONFLICT (id) DO UPDATE SET title = excluded.title, short_name = excluded.short_name, "
        "enacted = excluded.enacted, in_force_from = excluded.in_force_from, provenance = excluded.provenance, "
        "source_sha256 = excluded.source_sha256, seq = excluded.seq"));
    stmt.bind_text(1, law.id).bind_text(2, law.title).bind_text(3, law.short_name).bind_text(4, law.enacted);
    stmt.bind_text(5, law.in_force_from).bind_text(6, law.source).bind_text(7, hash).bind_int(8, seq);
    STORE_TRY(stmt.run());
  }
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare("DELETE FROM provisions WHERE law_id = ?1"));
    stmt.bind_text(1, law.id);
    STORE_TRY(stmt.run());
  }
  for (const auto& p : provisions) {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO provisions (id, law_id, level, parent_id, bab, bab_heading, pasal, ayat, label, text, "
        "penjelasan, ordinal, in_force_from, in_force_until, successor_id, status_note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"));
    stmt.bind_text(1, p.id).bind_text(2, law.id).bind_text(3, level_code(p.level)).bind_text(4, p.parent_id);
    stmt.bind_text(5, p.bab).bind_text(6, p.bab_heading).bind_text(7, p.pasal).bind_int(8, p.ayat);
    stmt.bind_text(9, p.label).bind_text(10, p.text).bind_text(11, p.penjelasan).bind_int(12, p.ordinal);
    stmt.bind_text(13, p.in_force_from).bind_text(14, p.in_force_until).bind_text(15, p.successor_id);
    stmt.bind_text(16, p.status_note);
    if (auto s = stmt.run(); !s) {
      auto e = s.error();
      e.message = "provision " + p.id + ": " + e.message;
      return tl::unexpected(std::move(e));
    }
  }
  STORE_TRY(scope.finish());
  return existing ? PutOutcome::new_version : PutOutcome::created;
}

core::Result<PutOutcome> Store::put_case(const core::Case& c, const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_id(c.id, "case"));
  STORE_TRY_ASSIGN(hash, source_hash(c.source_sha256, source, "case " + c.id));

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(existing, d.stored_hash("SELECT source_sha256 FROM cases WHERE id = ?1", c.id));
  if (existing && *existing == hash) return PutOutcome::unchanged;

  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  STORE_TRY_ASSIGN(seq, d.log_change("case", c.id, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO cases (id, register_number, title, court, stage, destination_country, recruitment_channel, "
        "offence_date, summary, fictional, source_sha256, seq) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
        "ON CONFLICT (id) DO UPDATE SET register_number = excluded.register_number, title = excluded.title, "
        "court = excluded.court, stage = excluded.stage, destination_country = excluded.destination_country, "
        "recruitment_channel = excluded.recruitment_channel, offence_date = excluded.offence_date, "
        "summary = excluded.summary, fictional = excluded.fictional, source_sha256 = excluded.source_sha256, "
        "seq = excluded.seq"));
    stmt.bind_text(1, c.id).bind_text(2, c.register_number).bind_text(3, c.title).bind_text(4, c.court);
    stmt.bind_text(5, core::to_string(c.stage)).bind_text(6, c.destination_country);
    stmt.bind_text(7, c.recruitment_channel).bind_text(8, c.offence_date).bind_text(9, c.summary);
    stmt.bind_bool(10, c.fictional).bind_text(11, hash).bind_int(12, seq);
    STORE_TRY(stmt.run());
  }
  STORE_TRY(replace_list(d.db, "DELETE FROM case_provisions WHERE case_id = ?1",
                         "INSERT INTO case_provisions (case_id, position, provision_id) VALUES (?1, ?2, ?3)", c.id,
                         c.charged_provisions));
  STORE_TRY(scope.finish());
  return existing ? PutOutcome::new_version : PutOutcome::created;
}

core::Result<PutOutcome> Store::put_person(const core::Person& p, const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_id(p.id, "person"));
  STORE_TRY_ASSIGN(hash, source_hash(p.source_sha256, source, "person " + p.id));

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(existing, d.stored_hash("SELECT source_sha256 FROM persons WHERE id = ?1", p.id));
  if (existing && *existing == hash) return PutOutcome::unchanged;

  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  STORE_TRY_ASSIGN(seq, d.log_change("person", p.id, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO persons (id, name, pseudonym, role, is_protected, gender, birth_date, origin, language, "
        "needs_interpreter, fictional, source_sha256, seq, companion_id, organisation, contact) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, pseudonym = excluded.pseudonym, "
        "role = excluded.role, is_protected = excluded.is_protected, gender = excluded.gender, "
        "birth_date = excluded.birth_date, origin = excluded.origin, language = excluded.language, "
        "needs_interpreter = excluded.needs_interpreter, fictional = excluded.fictional, "
        "source_sha256 = excluded.source_sha256, seq = excluded.seq, companion_id = excluded.companion_id, "
        "organisation = excluded.organisation, contact = excluded.contact"));
    stmt.bind_text(1, p.id).bind_text(2, p.name).bind_text(3, p.pseudonym).bind_text(4, core::to_string(p.role));
    stmt.bind_bool(5, p.is_protected).bind_text(6, p.gender).bind_text(7, p.birth_date).bind_text(8, p.origin);
    stmt.bind_text(9, p.language).bind_bool(10, p.needs_interpreter).bind_bool(11, p.fictional);
    stmt.bind_text(12, hash).bind_int(13, seq).bind_text(14, p.companion_id).bind_text(15, p.organisation);
    stmt.bind_text(16, p.contact);
    STORE_TRY(stmt.run());
  }
  STORE_TRY(replace_list(d.db, "DELETE FROM person_cases WHERE person_id = ?1",
                         "INSERT INTO person_cases (person_id, position, case_id) VALUES (?1, ?2, ?3)", p.id,
                         p.case_ids));
  STORE_TRY(scope.finish());
  return existing ? PutOutcome::new_version : PutOutcome::created;
}

core::Result<PutOutcome> Store::put_item(const core::EvidenceItem& item, const std::vector<core::Citation>& citations,
                                         const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_id(item.id, "evidence item"));
  STORE_TRY_ASSIGN(hash, source_hash(item.source_sha256, source, "evidence item " + item.id));
  const std::string kind = core::code_of(item.kind);

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  int version = 1;
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare("SELECT kind, case_id, latest_version, latest_sha256 FROM items WHERE id = ?1"));
    stmt.bind_text(1, item.id);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (row) {
      if (stmt.text(3) == hash) return PutOutcome::unchanged;
      if (stmt.text(0) != kind)
        return fail(ErrorCode::conflict,
                    "evidence item " + item.id + " is of kind " + stmt.text(0) + "; a new version may not change it to " +
                        kind,
                    {}, 0, "kind");
      if (stmt.text(1) != item.case_id)
        return fail(ErrorCode::conflict,
                    "evidence item " + item.id + " belongs to case " + stmt.text(1) +
                        "; a new version may not move it to " + item.case_id,
                    {}, 0, "case_id");
      version = stmt.integer(2) + 1;
    }
  }
  if (version > 1) {
    // The bytes of an earlier version: re-ingesting an old file must not make it current again
    // (a folder holding both the original and its correction is re-ingested unchanged).
    STORE_TRY_ASSIGN(stmt, d.db.prepare("SELECT 1 FROM item_versions WHERE item_id = ?1 AND source_sha256 = ?2"));
    stmt.bind_text(1, item.id).bind_text(2, hash);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (row) return PutOutcome::unchanged;
  }

  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  STORE_TRY_ASSIGN(seq, d.log_change("item", item.id, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO items (id, kind, case_id, latest_version, latest_sha256) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (id) DO UPDATE SET latest_version = excluded.latest_version, "
        "latest_sha256 = excluded.latest_sha256"));
    stmt.bind_text(1, item.id).bind_text(2, kind).bind_text(3, item.case_id).bind_int(4, version);
    stmt.bind_text(5, hash);
    STORE_TRY(stmt.run());
  }
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO item_versions (item_id, version, kind, case_id, title, date, place, examiner, person_id, "
        "summary, country, correction_note, fictional, released_for_training, source_sha256, seq, ingested_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"));
    stmt.bind_text(1, item.id).bind_int(2, version).bind_text(3, kind).bind_text(4, item.case_id);
    stmt.bind_text(5, item.title).bind_text(6, item.date).bind_text(7, item.place).bind_text(8, item.examiner);
    stmt.bind_text(9, item.person_id).bind_text(10, item.summary).bind_text(11, item.country);
    stmt.bind_text(12, item.correction_note).bind_bool(13, item.fictional).bind_bool(14, item.released_for_training);
    stmt.bind_text(15, hash).bind_int(16, seq).bind_text(17, now);
    STORE_TRY(stmt.run());
  }
  int position = 0;
  for (const auto& qa : item.qa) {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO item_qa (item_id, version, position, number, question, answer) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    stmt.bind_text(1, item.id).bind_int(2, version).bind_int(3, position++).bind_int(4, qa.number);
    stmt.bind_text(5, qa.question).bind_text(6, qa.answer);
    STORE_TRY(stmt.run());
  }
  position = 0;
  for (const auto& s : item.sections) {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO item_sections (item_id, version, position, heading, text) VALUES (?1, ?2, ?3, ?4, ?5)"));
    stmt.bind_text(1, item.id).bind_int(2, version).bind_int(3, position++).bind_text(4, s.heading);
    stmt.bind_text(5, s.text);
    STORE_TRY(stmt.run());
  }
  position = 0;
  for (const auto& a : item.attachments) {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO item_attachments (item_id, version, position, name, sha256, media_type, size, description) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    stmt.bind_text(1, item.id).bind_int(2, version).bind_int(3, position++).bind_text(4, a.name);
    stmt.bind_text(5, a.sha256).bind_text(6, a.media_type).bind_int(7, a.size).bind_text(8, a.description);
    STORE_TRY(stmt.run());
  }
  position = 0;
  for (const auto& person_id : item.about_person_ids) {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO item_subjects (item_id, version, position, person_id) VALUES (?1, ?2, ?3, ?4)"));
    stmt.bind_text(1, item.id).bind_int(2, version).bind_int(3, position++).bind_text(4, person_id);
    STORE_TRY(stmt.run());
  }
  STORE_TRY(d.put_citations("INSERT INTO item_citations (item_id, version, position, provision_id, raw, byte_offset) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            item.id, version, citations));
  STORE_TRY(scope.finish());
  return version == 1 ? PutOutcome::created : PutOutcome::new_version;
}

core::Result<PutOutcome> Store::put_precedent(const core::Precedent& p, const std::vector<core::Citation>& citations,
                                              const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_id(p.id, "precedent"));
  STORE_TRY_ASSIGN(hash, source_hash(p.source_sha256, source, "precedent " + p.id));

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(existing, d.stored_hash("SELECT source_sha256 FROM precedents WHERE id = ?1", p.id));
  if (existing && *existing == hash) return PutOutcome::unchanged;

  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  STORE_TRY_ASSIGN(seq, d.log_change("precedent", p.id, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO precedents (id, number, court, date, defendant, verdict, prison_months, fine_rupiah, "
        "restitution_rupiah, sentence_text, text, fictional, source_sha256, seq) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
        "ON CONFLICT (id) DO UPDATE SET number = excluded.number, court = excluded.court, date = excluded.date, "
        "defendant = excluded.defendant, verdict = excluded.verdict, prison_months = excluded.prison_months, "
        "fine_rupiah = excluded.fine_rupiah, restitution_rupiah = excluded.restitution_rupiah, "
        "sentence_text = excluded.sentence_text, text = excluded.text, fictional = excluded.fictional, "
        "source_sha256 = excluded.source_sha256, seq = excluded.seq"));
    stmt.bind_text(1, p.id).bind_text(2, p.number).bind_text(3, p.court).bind_text(4, p.date);
    stmt.bind_text(5, p.defendant).bind_text(6, p.verdict).bind_int(7, p.prison_months).bind_int(8, p.fine_rupiah);
    stmt.bind_int(9, p.restitution_rupiah).bind_text(10, p.sentence_text).bind_text(11, p.text);
    stmt.bind_bool(12, p.fictional).bind_text(13, hash).bind_int(14, seq);
    STORE_TRY(stmt.run());
  }
  for (const char* sql : {"DELETE FROM precedent_provisions WHERE precedent_id = ?1",
                          "DELETE FROM precedent_citations WHERE precedent_id = ?1"}) {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(sql));
    stmt.bind_text(1, p.id);
    STORE_TRY(stmt.run());
  }
  for (const auto& [role, ids] : {std::pair{"charged", &p.provisions_charged}, std::pair{"applied", &p.provisions_applied}}) {
    int position = 0;
    for (const auto& pid : *ids) {
      STORE_TRY_ASSIGN(stmt, d.db.prepare(
          "INSERT INTO precedent_provisions (precedent_id, role, position, provision_id) VALUES (?1, ?2, ?3, ?4)"));
      stmt.bind_text(1, p.id).bind_text(2, role).bind_int(3, position++).bind_text(4, pid);
      STORE_TRY(stmt.run());
    }
  }
  STORE_TRY(d.put_citations("INSERT INTO precedent_citations (precedent_id, position, provision_id, raw, byte_offset) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)",
                            p.id, std::nullopt, citations));
  STORE_TRY(scope.finish());
  return existing ? PutOutcome::new_version : PutOutcome::created;
}

core::Status Store::put_attachment(const std::string& sha256, const std::string& bytes) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  if (!is_sha256_hex(sha256))
    return fail(ErrorCode::invalid_input, "attachment key is not a lowercase SHA-256: " + sha256, {}, 0, "sha256");
  const std::string actual = core::sha256_hex(bytes);
  if (actual != sha256)
    return fail(ErrorCode::integrity, "attachment bytes hash to " + actual + ", not " + sha256, {}, 0, "sha256");
  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(stmt, d.db.prepare("INSERT OR IGNORE INTO attachments (sha256, bytes, size, stored_at) "
                                      "VALUES (?1, ?2, ?3, ?4)"));
  stmt.bind_text(1, sha256).bind_blob_static(2, bytes).bind_int(3, static_cast<std::int64_t>(bytes.size()));
  stmt.bind_text(4, internal::now_utc_iso());
  STORE_TRY(stmt.run());
  return scope.finish();
}

// ---------------------------------------------------------------- audit

core::Result<core::AuditEvent> Store::audit(const std::string& actor, const std::string& action,
                                            const std::string& object, const std::string& detail) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  // The write lock (IMMEDIATE, or the caller's transaction begun IMMEDIATE) is held from reading
  // the chain's tail to appending, so two writers cannot both chain onto the same event.
  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  core::AuditEvent e;
  e.seq = 1;
  e.prev_hash = internal::k_genesis_hash;
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    STORE_TRY_ASSIGN(row, stmt.step());
    if (row) {
      e.seq = stmt.int64(0) + 1;
      e.prev_hash = stmt.text(1);
    }
  }
  e.time = internal::now_utc_iso();
  e.actor = actor;
  e.action = action;
  e.object = object;
  e.detail = detail;
  e.hash = internal::audit_hash(e);
  STORE_TRY_ASSIGN(stmt, d.db.prepare(
      "INSERT INTO audit_log (seq, time, actor, action, object, detail, prev_hash, hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  stmt.bind_int(1, e.seq).bind_text(2, e.time).bind_text(3, e.actor).bind_text(4, e.action);
  stmt.bind_text(5, e.object).bind_text(6, e.detail).bind_text(7, e.prev_hash).bind_text(8, e.hash);
  STORE_TRY(stmt.run());
  STORE_TRY(scope.finish());
  return e;
}

core::Result<std::vector<core::AuditEvent>> Store::audit_log(std::int64_t after_seq, int limit) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT seq, time, actor, action, object, detail, prev_hash, hash FROM audit_log "
      "WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
  stmt.bind_int(1, after_seq).bind_int(2, limit);
  std::vector<core::AuditEvent> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4), stmt.text(5),
                   stmt.text(6), stmt.text(7)});
  }
  return out;
}

// ---------------------------------------------------------------- reads: laws

core::Law Store::Impl::read_law(Statement& row) {
  core::Law law;
  law.id = row.text(0);
  law.title = row.text(1);
  law.short_name = row.text(2);
  law.enacted = row.text(3);
  law.in_force_from = row.text(4);
  law.source = row.text(5);
  return law;
}

#define BERKAS_LAW_COLUMNS "id, title, short_name, enacted, in_force_from, provenance"
#define BERKAS_PROVISION_COLUMNS                                                                         \
  "id, law_id, level, parent_id, bab, bab_heading, pasal, ayat, label, text, penjelasan, ordinal, " \
  "in_force_from, in_force_until, successor_id, status_note"

core::Result<core::Provision> Store::Impl::read_provision(Statement& row) {
  core::Provision p;
  p.id = row.text(0);
  p.law_id = row.text(1);
  const std::string level = row.text(2);
  if (level == "pasal") {
    p.level = core::Provision::Level::pasal;
  } else if (level == "ayat") {
    p.level = core::Provision::Level::ayat;
  } else {
    return fail(ErrorCode::integrity, "provision " + p.id + " has an unknown level '" + level + "'");
  }
  p.parent_id = row.text(3);
  p.bab = row.text(4);
  p.bab_heading = row.text(5);
  p.pasal = row.text(6);
  p.ayat = row.integer(7);
  p.label = row.text(8);
  p.text = row.text(9);
  p.penjelasan = row.text(10);
  p.ordinal = row.integer(11);
  p.in_force_from = row.text(12);
  p.in_force_until = row.text(13);
  p.successor_id = row.text(14);
  p.status_note = row.text(15);
  return p;
}

core::Result<std::vector<core::Law>> Store::laws() const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_LAW_COLUMNS " FROM laws ORDER BY id"));
  std::vector<core::Law> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.push_back(Impl::read_law(stmt));
  }
  return out;
}

core::Result<core::Law> Store::law(const std::string& id) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_LAW_COLUMNS " FROM laws WHERE id = ?1"));
  stmt.bind_text(1, id);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no law " + id);
  return Impl::read_law(stmt);
}

core::Result<std::vector<core::Provision>> Store::provisions(const std::string& law_id) const {
  ReadScope snapshot(m_impl->db);
  {
    STORE_TRY_ASSIGN(exists, m_impl->db.prepare("SELECT 1 FROM laws WHERE id = ?1"));
    exists.bind_text(1, law_id);
    STORE_TRY_ASSIGN(row, exists.step());
    if (!row) return fail(ErrorCode::not_found, "no law " + law_id);
  }
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT " BERKAS_PROVISION_COLUMNS " FROM provisions WHERE law_id = ?1 ORDER BY ordinal, id"));
  stmt.bind_text(1, law_id);
  std::vector<core::Provision> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(p, Impl::read_provision(stmt));
    out.push_back(std::move(p));
  }
  return out;
}

core::Result<core::Provision> Store::provision(const std::string& id) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_PROVISION_COLUMNS " FROM provisions WHERE id = ?1"));
  stmt.bind_text(1, id);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no provision " + id);
  return Impl::read_provision(stmt);
}

// ---------------------------------------------------------------- reads: cases and persons

#define BERKAS_CASE_COLUMNS                                                                         \
  "id, register_number, title, court, stage, destination_country, recruitment_channel, offence_date, " \
  "summary, fictional, source_sha256"

core::Result<core::Case> Store::Impl::load_case(Statement& row) {
  core::Case c;
  c.id = row.text(0);
  c.register_number = row.text(1);
  c.title = row.text(2);
  c.court = row.text(3);
  const auto stage = core::parse_case_stage(row.text(4));
  if (!stage) return fail(ErrorCode::integrity, "case " + c.id + " has an unknown stage '" + row.text(4) + "'");
  c.stage = *stage;
  c.destination_country = row.text(5);
  c.recruitment_channel = row.text(6);
  c.offence_date = row.text(7);
  c.summary = row.text(8);
  c.fictional = row.boolean(9);
  c.source_sha256 = row.text(10);
  STORE_TRY_ASSIGN(charged, strings("SELECT provision_id FROM case_provisions WHERE case_id = ?1 ORDER BY position",
                                    c.id));
  c.charged_provisions = std::move(charged);
  return c;
}

core::Result<std::vector<core::Case>> Store::cases() const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_CASE_COLUMNS " FROM cases ORDER BY id"));
  std::vector<core::Case> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(c, m_impl->load_case(stmt));
    out.push_back(std::move(c));
  }
  return out;
}

core::Result<core::Case> Store::get_case(const std::string& id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_CASE_COLUMNS " FROM cases WHERE id = ?1"));
  stmt.bind_text(1, id);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no case " + id);
  return m_impl->load_case(stmt);
}

#define BERKAS_PERSON_COLUMNS                                                                          \
  "p.id, p.name, p.pseudonym, p.role, p.is_protected, p.gender, p.birth_date, p.origin, p.language, " \
  "p.needs_interpreter, p.fictional, p.source_sha256, p.companion_id, p.organisation, p.contact"

core::Result<core::Person> Store::Impl::load_person(Statement& row) {
  core::Person p;
  p.id = row.text(0);
  p.name = row.text(1);
  p.pseudonym = row.text(2);
  const auto role = core::parse_person_role(row.text(3));
  if (!role) return fail(ErrorCode::integrity, "person " + p.id + " has an unknown role '" + row.text(3) + "'");
  p.role = *role;
  p.is_protected = row.boolean(4);
  p.gender = row.text(5);
  p.birth_date = row.text(6);
  p.origin = row.text(7);
  p.language = row.text(8);
  p.needs_interpreter = row.boolean(9);
  p.fictional = row.boolean(10);
  p.source_sha256 = row.text(11);
  p.companion_id = row.text(12);
  p.organisation = row.text(13);
  p.contact = row.text(14);
  STORE_TRY_ASSIGN(case_ids,
                   strings("SELECT case_id FROM person_cases WHERE person_id = ?1 ORDER BY position", p.id));
  p.case_ids = std::move(case_ids);
  return p;
}

core::Result<std::vector<core::Person>> Store::persons(const std::string& case_id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      case_id.empty() ? "SELECT " BERKAS_PERSON_COLUMNS " FROM persons p ORDER BY p.id"
                      : "SELECT " BERKAS_PERSON_COLUMNS " FROM persons p WHERE p.id IN "
                        "(SELECT person_id FROM person_cases WHERE case_id = ?1) ORDER BY p.id"));
  if (!case_id.empty()) stmt.bind_text(1, case_id);
  std::vector<core::Person> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(p, m_impl->load_person(stmt));
    out.push_back(std::move(p));
  }
  return out;
}

core::Result<core::Person> Store::person(const std::string& id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_PERSON_COLUMNS " FROM persons p WHERE p.id = ?1"));
  stmt.bind_text(1, id);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no person " + id);
  return m_impl->load_person(stmt);
}

// ---------------------------------------------------------------- reads: evidence

core::Result<core::EvidenceItem> Store::Impl::load_item(const std::string& id, int version) {
  STORE_TRY_ASSIGN(v, resolve_version(id, version));
  core::EvidenceItem item;
  {
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT kind, case_id, title, date, place, examiner, person_id, summary, country, correction_note, "
        "fictional, released_for_training, source_sha256, seq FROM item_versions WHERE item_id = ?1 AND version = ?2"));
    stmt.bind_text(1, id).bind_int(2, v);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) return fail(ErrorCode::not_found, "no evidence item " + id + " version " + std::to_string(v));
    item.id = id;
    item.version = v;
    const auto kind = core::parse_evidence_kind(stmt.text(0));
    if (!kind) return fail(ErrorCode::integrity, "evidence item " + id + " has an unknown kind '" + stmt.text(0) + "'");
    item.kind = *kind;
    item.case_id = stmt.text(1);
    item.title = stmt.text(2);
    item.date = stmt.text(3);
    item.place = stmt.text(4);
    item.examiner = stmt.text(5);
    item.person_id = stmt.text(6);
    item.summary = stmt.text(7);
    item.country = stmt.text(8);
    item.correction_note = stmt.text(9);
    item.fictional = stmt.boolean(10);
    item.released_for_training = stmt.boolean(11);
    item.source_sha256 = stmt.text(12);
    item.seq = stmt.int64(13);
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT number, question, answer FROM item_qa "
                                      "WHERE item_id = ?1 AND version = ?2 ORDER BY position"));
    stmt.bind_text(1, id).bind_int(2, v);
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      item.qa.push_back({stmt.integer(0), stmt.text(1), stmt.text(2)});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT heading, text FROM item_sections "
                                      "WHERE item_id = ?1 AND version = ?2 ORDER BY position"));
    stmt.bind_text(1, id).bind_int(2, v);
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      item.sections.push_back({stmt.text(0), stmt.text(1)});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT name, sha256, media_type, size, description FROM item_attachments "
                                      "WHERE item_id = ?1 AND version = ?2 ORDER BY position"));
    stmt.bind_text(1, id).bind_int(2, v);
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      item.attachments.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.int64(3), stmt.text(4)});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT person_id FROM item_subjects "
                                      "WHERE item_id = ?1 AND version = ?2 ORDER BY position"));
    stmt.bind_text(1, id).bind_int(2, v);
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      item.about_person_ids.push_back(stmt.text(0));
    }
  }
  return item;
}

core::Result<core::EvidenceItem> Store::item(const std::string& id, int version) const {
  ReadScope snapshot(m_impl->db);
  return m_impl->load_item(id, version);
}

core::Result<std::vector<ItemVersionInfo>> Store::item_versions(const std::string& id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(latest, m_impl->latest_version(id));
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT version, source_sha256, seq, ingested_at, correction_note "
                                            "FROM item_versions WHERE item_id = ?1 ORDER BY version"));
  stmt.bind_text(1, id);
  std::vector<ItemVersionInfo> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    ItemVersionInfo info;
    info.version = stmt.integer(0);
    info.source_sha256 = stmt.text(1);
    info.seq = stmt.int64(2);
    info.ingested_at = stmt.text(3);
    info.correction_note = stmt.text(4);
    info.superseded = info.version < latest;
    out.push_back(std::move(info));
  }
  return out;
}

core::Result<std::vector<core::EvidenceItem>> Store::items(const std::string& case_id) const {
  ReadScope snapshot(m_impl->db);
  std::vector<std::pair<std::string, int>> latest;
  {
    STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
        case_id.empty() ? "SELECT id, latest_version FROM items ORDER BY id"
                        : "SELECT id, latest_version FROM items WHERE case_id = ?1 ORDER BY id"));
    if (!case_id.empty()) stmt.bind_text(1, case_id);
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      latest.emplace_back(stmt.text(0), stmt.integer(1));
    }
  }
  std::vector<core::EvidenceItem> out;
  out.reserve(latest.size());
  for (const auto& [id, version] : latest) {
    STORE_TRY_ASSIGN(item, m_impl->load_item(id, version));
    out.push_back(std::move(item));
  }
  return out;
}

// ---------------------------------------------------------------- reads: precedents

#define BERKAS_PRECEDENT_COLUMNS                                                                           \
  "id, number, court, date, defendant, verdict, prison_months, fine_rupiah, restitution_rupiah, " \
  "sentence_text, text, fictional, source_sha256"

core::Result<core::Precedent> Store::Impl::load_precedent(Statement& row) {
  core::Precedent p;
  p.id = row.text(0);
  p.number = row.text(1);
  p.court = row.text(2);
  p.date = row.text(3);
  p.defendant = row.text(4);
  p.verdict = row.text(5);
  p.prison_months = row.integer(6);
  p.fine_rupiah = row.int64(7);
  p.restitution_rupiah = row.int64(8);
  p.sentence_text = row.text(9);
  p.text = row.text(10);
  p.fictional = row.boolean(11);
  p.source_sha256 = row.text(12);
  STORE_TRY_ASSIGN(charged, strings("SELECT provision_id FROM precedent_provisions "
                                    "WHERE precedent_id = ?1 AND role = 'charged' ORDER BY position",
                                    p.id));
  STORE_TRY_ASSIGN(applied, strings("SELECT provision_id FROM precedent_provisions "
                                    "WHERE precedent_id = ?1 AND role = 'applied' ORDER BY position",
                                    p.id));
  p.provisions_charged = std::move(charged);
  p.provisions_applied = std::move(applied);
  return p;
}

core::Result<std::vector<core::Precedent>> Store::precedents() const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_PRECEDENT_COLUMNS " FROM precedents ORDER BY id"));
  std::vector<core::Precedent> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(p, m_impl->load_precedent(stmt));
    out.push_back(std::move(p));
  }
  return out;
}

core::Result<core::Precedent> Store::precedent(const std::string& id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_PRECEDENT_COLUMNS " FROM precedents WHERE id = ?1"));
  stmt.bind_text(1, id);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no precedent " + id);
  return m_impl->load_precedent(stmt);
}

// ---------------------------------------------------------------- reads: citations

core::Result<std::vector<core::Citation>> Store::item_citations(const std::string& item_id, int version) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(v, m_impl->resolve_version(item_id, version));
  {
    STORE_TRY_ASSIGN(exists, m_impl->db.prepare("SELECT 1 FROM item_versions WHERE item_id = ?1 AND version = ?2"));
    exists.bind_text(1, item_id).bind_int(2, v);
    STORE_TRY_ASSIGN(row, exists.step());
    if (!row) return fail(ErrorCode::not_found, "no evidence item " + item_id + " version " + std::to_string(v));
  }
  return m_impl->citations("SELECT provision_id, raw, byte_offset FROM item_citations "
                           "WHERE item_id = ?1 AND version = ?2 ORDER BY position",
                           item_id, v);
}

core::Result<std::vector<core::Citation>> Store::precedent_citations(const std::string& precedent_id) const {
  ReadScope snapshot(m_impl->db);
  {
    STORE_TRY_ASSIGN(exists, m_impl->db.prepare("SELECT 1 FROM precedents WHERE id = ?1"));
    exists.bind_text(1, precedent_id);
    STORE_TRY_ASSIGN(row, exists.step());
    if (!row) return fail(ErrorCode::not_found, "no precedent " + precedent_id);
  }
  return m_impl->citations("SELECT provision_id, raw, byte_offset FROM precedent_citations "
                           "WHERE precedent_id = ?1 ORDER BY position",
                           precedent_id, std::nullopt);
}

core::Result<std::vector<std::string>> Store::items_citing(const std::string& provision_id) const {
  return m_impl->citing(
      "SELECT DISTINCT c.item_id FROM item_citations c JOIN items i ON i.id = c.item_id AND i.latest_version = c.version "
      "WHERE c.provision_id = ?1 OR (c.provision_id >= ?2 AND c.provision_id < ?3) ORDER BY c.item_id",
      provision_id);
}

core::Result<std::vector<std::string>> Store::precedents_citing(const std::string& provision_id) const {
  // A precedent "cites" a provision it names in its text or charges/applies in its verdict.
  return m_impl->citing(
      "SELECT precedent_id FROM precedent_citations "
      "WHERE provision_id = ?1 OR (provision_id >= ?2 AND provision_id < ?3) "
      "UNION SELECT precedent_id FROM precedent_provisions "
      "WHERE provision_id = ?1 OR (provision_id >= ?2 AND provision_id < ?3) ORDER BY 1",
      provision_id);
}

// ---------------------------------------------------------------- reads: blobs

core::Result<std::string> Store::attachment(const std::string& sha256) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT bytes FROM attachments WHERE sha256 = ?1"));
  stmt.bind_text(1, sha256);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no attachment " + sha256);
  return stmt.blob(0);
}

core::Result<std::string> Store::source(const std::string& sha256) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT bytes FROM sources WHERE sha256 = ?1"));
  stmt.bind_text(1, sha256);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no source " + sha256);
  return stmt.blob(0);
}

// ---------------------------------------------------------------- change log

std::int64_t Store::last_seq() const {
  auto stmt = m_impl->db.prepare("SELECT coalesce(max(seq), 0) FROM changes");
  if (!stmt) return 0;
  auto row = stmt->step();
  return row && *row ? stmt->int64(0) : 0;
}

core::Result<std::vector<Change>> Store::changes_since(std::int64_t seq) const {
  // max(seq) over entries after `seq` is each object's latest entry overall, since any later
  // entry is also after `seq`.
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT max(seq), kind, object_id FROM changes WHERE seq > ?1 "
                                            "GROUP BY kind, object_id ORDER BY 1"));
  stmt.bind_int(1, seq);
  std::vector<Change> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2)});
  }
  return out;
}

core::Result<Counts> Store::counts() const {
  ReadScope snapshot(m_impl->db);
  Counts c;
  const std::pair<const char*, std::int64_t*> queries[] = {
      {"SELECT count(*) FROM laws", &c.laws},
      {"SELECT count(*) FROM provisions", &c.provisions},
      {"SELECT count(*) FROM cases", &c.cases},
      {"SELECT count(*) FROM persons", &c.persons},
      {"SELECT count(*) FROM items", &c.items},
      {"SELECT count(*) FROM item_versions", &c.item_versions},
      {"SELECT count(*) FROM precedents", &c.precedents},
      {"SELECT (SELECT count(*) FROM item_citations) + (SELECT count(*) FROM precedent_citations)", &c.citations},
      {"SELECT count(*) FROM attachments", &c.attachments},
      {"SELECT count(*) FROM audit_log", &c.audit_events},
      {"SELECT count(*) FROM protections", &c.protections},
      {"SELECT count(*) FROM restitution_claims", &c.restitution_claims},
  };
  for (const auto& [sql, out] : queries) {
    STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(sql));
    STORE_TRY(stmt.step());
    *out = stmt.int64(0);
  }
  return c;
}

// ---------------------------------------------------------------- bundles (schema v3)

namespace {

BundleRecord bundle_of_row(const internal::Statement& st) {
  BundleRecord b;
  b.id = st.int64(0);
  b.case_id = st.text(1);
  b.template_name = st.text(2);
  b.created_at = st.text(3);
  b.recorded_at = st.text(4);
  b.sha256 = st.text(5);
  b.manifest_sha256 = st.text(6);
  b.content_sha256 = st.text(7);
  b.page_count = st.integer(8);
  b.file_name = st.text(9);
  b.stamp_prefix = st.text(10);
  b.user = st.text(11);
  b.redacted = st.boolean(12);
  return b;
}

core::Status load_bundle_entries(internal::Database& db, BundleRecord& b) {
  STORE_TRY_ASSIGN(stmt, db.prepare("SELECT object_id, kind, version, sha256, first_page, last_page, withheld "
                                    "FROM bundle_entries WHERE bundle_id = ?1 ORDER BY position"));
  stmt.bind_int(1, b.id);
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    b.entries.push_back({stmt.text(0), stmt.text(1), stmt.integer(2), stmt.text(3), stmt.integer(4), stmt.integer(5),
                         stmt.boolean(6)});
  }
  return {};
}

}  // namespace

core::Result<PutOutcome> Store::put_bundle(BundleRecord& b) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_id(b.case_id, "bundle"));
  if (!is_sha256_hex(b.sha256))
    return fail(ErrorCode::invalid_input, "bundle SHA-256 is not lowercase hex: " + b.sha256, {}, 0, "sha256");
  if (b.page_count < 1) return fail(ErrorCode::invalid_input, "bundle has no pages", {}, 0, "page_count");
  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  if (auto existing = bundle_by_sha256(b.sha256)) {
    b = *existing;
    STORE_TRY(scope.finish());
    return PutOutcome::unchanged;
  } else if (existing.error().code != ErrorCode::not_found) {
    return tl::unexpected(existing.error());
  }
  b.recorded_at = internal::now_utc_iso();
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO bundles (case_id, template, created_at, recorded_at, sha256, manifest_sha256, content_sha256, "
        "page_count, file_name, stamp_prefix, user_name, redacted) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
    stmt.bind_text(1, b.case_id).bind_text(2, b.template_name).bind_text(3, b.created_at).bind_text(4, b.recorded_at);
    stmt.bind_text(5, b.sha256).bind_text(6, b.manifest_sha256).bind_text(7, b.content_sha256);
    stmt.bind_int(8, b.page_count).bind_text(9, b.file_name);
    stmt.bind_text(10, b.stamp_prefix).bind_text(11, b.user).bind_bool(12, b.redacted);
    STORE_TRY(stmt.run());
  }
  b.id = sqlite3_last_insert_rowid(d.db.handle());
  for (std::size_t i = 0; i < b.entries.size(); ++i) {
    const auto& e = b.entries[i];
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO bundle_entries (bundle_id, position, object_id, kind, version, sha256, first_page, last_page, "
        "withheld) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    stmt.bind_int(1, b.id).bind_int(2, static_cast<std::int64_t>(i)).bind_text(3, e.object_id).bind_text(4, e.kind);
    stmt.bind_int(5, e.version).bind_text(6, e.sha256).bind_int(7, e.first_page).bind_int(8, e.last_page);
    stmt.bind_bool(9, e.withheld);
    STORE_TRY(stmt.run());
  }
  STORE_TRY(scope.finish());
  return PutOutcome::created;
}

core::Result<std::vector<BundleRecord>> Store::bundles(const std::string& case_id) const {
  auto& d = *m_impl;
  internal::ReadScope snapshot(d.db);
  std::vector<BundleRecord> out;
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "SELECT id, case_id, template, created_at, recorded_at, sha256, manifest_sha256, content_sha256, page_count, file_name, "
        "stamp_prefix, user_name, redacted FROM bundles WHERE ?1 = '' OR case_id = ?1 ORDER BY id"));
    stmt.bind_text(1, case_id);
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      out.push_back(bundle_of_row(stmt));
    }
  }
  for (auto& b : out) STORE_TRY(load_bundle_entries(d.db, b));
  return out;
}

core::Result<BundleRecord> Store::bundle_by_sha256(const std::string& sha256) const {
  auto& d = *m_impl;
  internal::ReadScope snapshot(d.db);
  BundleRecord b;
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "SELECT id, case_id, template, created_at, recorded_at, sha256, manifest_sha256, content_sha256, page_count, file_name, "
        "stamp_prefix, user_name, redacted FROM bundles WHERE sha256 = ?1"));
    stmt.bind_text(1, sha256);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) return fail(ErrorCode::not_found, "no bundle with SHA-256 " + sha256, {}, 0, "sha256");
    b = bundle_of_row(stmt);
  }
  STORE_TRY(load_bundle_entries(d.db, b));
  return b;
}

// ---------------------------------------------------------------- witness protection and restitution (schema v4)

namespace {

// Canonical bytes of a stored record: every field length-prefixed, so that no two different
// records give the same bytes. Its SHA-256 is kept in row_sha256 and recomputed by verify().
class Canon {
 public:
  Canon& add(const std::string& v) {
    m_out += std::to_string(v.size());
    m_out += ':';
    m_out += v;
    m_out += ';';
    return *this;
  }
  Canon& add(std::int64_t v) { return add(std::to_string(v)); }
  std::string sha256() const { return core::sha256_hex(m_out); }

 private:
  std::string m_out;
};

std::string row_digest(const core::ProtectionMeasure& m) {
  Canon c;
  c.add("protection").add(m.id).add(m.version).add(m.person_id).add(m.case_id).add(core::code_of(m.kind));
  c.add(core::code_of(m.status)).add(m.requested).add(m.decided).add(m.until).add(m.authority).add(m.reference);
  c.add(m.description).add(m.fictional ? 1 : 0).add(m.source_sha256);
  return c.sha256();
}

std::string row_digest(const core::RestitutionClaim& r) {
  Canon c;
  c.add("restitution").add(r.id).add(r.version).add(r.person_id).add(r.case_id).add(core::code_of(r.status));
  c.add(r.date).add(r.assessed_by).add(r.claimant_note).add(r.granted_rupiah ? 1 : 0).add(r.granted_rupiah.value_or(0));
  c.add(r.decision_reference).add(r.fictional ? 1 : 0).add(r.source_sha256);
  c.add(static_cast<std::int64_t>(r.entries.size()));
  for (const auto& e : r.entries) {
    c.add(core::code_of(e.head)).add(e.description).add(e.amount_rupiah);
    c.add(static_cast<std::int64_t>(e.evidence_ids.size()));
    for (const auto& id : e.evidence_ids) c.add(id);
  }
  return c.sha256();
}

core::Status require_owner(const std::string& id, const std::string& person_id, const std::string& case_id,
                           const std::string& what) {
  STORE_TRY(require_id(id, what));
  if (person_id.empty()) return fail(ErrorCode::invalid_input, what + " " + id + " names no person", {}, 0, "orang");
  if (case_id.empty()) return fail(ErrorCode::invalid_input, what + " " + id + " names no case", {}, 0, "perkara");
  return {};
}

}  // namespace

// The version a versioned record (protection, restitution) gets: 0 = unchanged (the bytes of
// a stored version), else latest + 1 (1 for a new record). `pointer_sql` selects
// (person_id, case_id, latest_version, latest_sha256) by id; `seen_sql` selects 1 for (id, sha256).
core::Result<int> Store::Impl::next_version(const char* pointer_sql, const char* seen_sql, const std::string& id,
                                            const std::string& person_id, const std::string& case_id,
                                            const std::string& hash, const std::string& what) {
  int version = 1;
  {
    STORE_TRY_ASSIGN(stmt, db.prepare(pointer_sql));
    stmt.bind_text(1, id);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) return 1;
    if (stmt.text(3) == hash) return 0;
    if (stmt.text(0) != person_id)
      // The stored person and case are not named: the caller may not be allowed to see them.
      return fail(ErrorCode::conflict,
                  what + " " + id + ": versi baru tidak boleh mengganti orangnya / a new version may not change its person",
                  {}, 0, "orang");
    if (stmt.text(1) != case_id)
      return fail(ErrorCode::conflict,
                  what + " " + id + ": versi baru tidak boleh mengganti perkaranya / a new version may not change its case",
                  {}, 0, "perkara");
    version = stmt.integer(2) + 1;
  }
  STORE_TRY_ASSIGN(stmt, db.prepare(seen_sql));
  stmt.bind_text(1, id).bind_text(2, hash);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (row) return 0;
  return version;
}

core::Result<PutOutcome> Store::put_protection(const core::ProtectionMeasure& m, const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_owner(m.id, m.person_id, m.case_id, "protection measure"));
  STORE_TRY_ASSIGN(hash, source_hash(m.source_sha256, source, "protection measure " + m.id));

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(version, d.next_version(
      "SELECT person_id, case_id, latest_version, latest_sha256 FROM protections WHERE id = ?1",
      "SELECT 1 FROM protection_versions WHERE id = ?1 AND source_sha256 = ?2", m.id, m.person_id, m.case_id, hash,
      "protection measure"));
  if (version == 0) return PutOutcome::unchanged;

  core::ProtectionMeasure stored = m;
  stored.version = version;
  stored.source_sha256 = hash;
  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO protections (id, person_id, case_id, latest_version, latest_sha256) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (id) DO UPDATE SET latest_version = excluded.latest_version, latest_sha256 = excluded.latest_sha256"));
    stmt.bind_text(1, m.id).bind_text(2, m.person_id).bind_text(3, m.case_id).bind_int(4, version).bind_text(5, hash);
    STORE_TRY(stmt.run());
  }
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO protection_versions (id, version, person_id, case_id, kind, status, requested, decided, until_date, "
        "authority, reference, description, fictional, source_sha256, row_sha256, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"));
    stmt.bind_text(1, m.id).bind_int(2, version).bind_text(3, m.person_id).bind_text(4, m.case_id);
    stmt.bind_text(5, core::code_of(m.kind)).bind_text(6, core::code_of(m.status)).bind_text(7, m.requested);
    stmt.bind_text(8, m.decided).bind_text(9, m.until).bind_text(10, m.authority).bind_text(11, m.reference);
    stmt.bind_text(12, m.description).bind_bool(13, m.fictional).bind_text(14, hash);
    stmt.bind_text(15, row_digest(stored)).bind_text(16, now);
    STORE_TRY(stmt.run());
  }
  STORE_TRY(scope.finish());
  return version == 1 ? PutOutcome::created : PutOutcome::new_version;
}

core::Result<PutOutcome> Store::put_restitution(const core::RestitutionClaim& c, const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_owner(c.id, c.person_id, c.case_id, "restitution claim"));
  for (const auto& e : c.entries)
    if (e.amount_rupiah < 0)
      return fail(ErrorCode::invalid_input, "restitution claim " + c.id + ": an amount is negative", {}, 0, "jumlah");
  if (c.granted_rupiah && *c.granted_rupiah < 0)
    return fail(ErrorCode::invalid_input, "restitution claim " + c.id + ": the granted amount is negative", {}, 0,
                "dikabulkan");
  STORE_TRY_ASSIGN(hash, source_hash(c.source_sha256, source, "restitution claim " + c.id));

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(version, d.next_version(
      "SELECT person_id, case_id, latest_version, latest_sha256 FROM restitution_claims WHERE id = ?1",
      "SELECT 1 FROM restitution_versions WHERE id = ?1 AND source_sha256 = ?2", c.id, c.person_id, c.case_id, hash,
      "restitution claim"));
  if (version == 0) return PutOutcome::unchanged;

  core::RestitutionClaim stored = c;
  stored.version = version;
  stored.source_sha256 = hash;
  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO restitution_claims (id, person_id, case_id, latest_version, latest_sha256) "
        "VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (id) DO UPDATE SET latest_version = excluded.latest_version, latest_sha256 = excluded.latest_sha256"));
    stmt.bind_text(1, c.id).bind_text(2, c.person_id).bind_text(3, c.case_id).bind_int(4, version).bind_text(5, hash);
    STORE_TRY(stmt.run());
  }
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO restitution_versions (id, version, person_id, case_id, status, date, assessed_by, claimant_note, "
        "has_granted, granted_rupiah, decision_reference, fictional, source_sha256, row_sha256, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"));
    stmt.bind_text(1, c.id).bind_int(2, version).bind_text(3, c.person_id).bind_text(4, c.case_id);
    stmt.bind_text(5, core::code_of(c.status)).bind_text(6, c.date).bind_text(7, c.assessed_by);
    stmt.bind_text(8, c.claimant_note).bind_bool(9, c.granted_rupiah.has_value()).bind_int(10, c.granted_rupiah.value_or(0));
    stmt.bind_text(11, c.decision_reference).bind_bool(12, c.fictional).bind_text(13, hash);
    stmt.bind_text(14, row_digest(stored)).bind_text(15, now);
    STORE_TRY(stmt.run());
  }
  for (std::size_t i = 0; i < c.entries.size(); ++i) {
    const auto& e = c.entries[i];
    {
      STORE_TRY_ASSIGN(stmt, d.db.prepare(
          "INSERT INTO restitution_entries (claim_id, version, position, head, description, amount_rupiah) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
      stmt.bind_text(1, c.id).bind_int(2, version).bind_int(3, static_cast<std::int64_t>(i));
      stmt.bind_text(4, core::code_of(e.head)).bind_text(5, e.description).bind_int(6, e.amount_rupiah);
      STORE_TRY(stmt.run());
    }
    for (std::size_t k = 0; k < e.evidence_ids.size(); ++k) {
      STORE_TRY_ASSIGN(stmt, d.db.prepare(
          "INSERT INTO restitution_evidence (claim_id, version, entry_position, position, item_id) "
          "VALUES (?1, ?2, ?3, ?4, ?5)"));
      stmt.bind_text(1, c.id).bind_int(2, version).bind_int(3, static_cast<std::int64_t>(i));
      stmt.bind_int(4, static_cast<std::int64_t>(k)).bind_text(5, e.evidence_ids[k]);
      STORE_TRY(stmt.run());
    }
  }
  STORE_TRY(scope.finish());
  return version == 1 ? PutOutcome::created : PutOutcome::new_version;
}

#define BERKAS_PROTECTION_COLUMNS                                                                       \
  "v.id, v.version, v.person_id, v.case_id, v.kind, v.status, v.requested, v.decided, v.until_date, " \
  "v.authority, v.reference, v.description, v.fictional, v.source_sha256, v.row_sha256"

core::Result<core::ProtectionMeasure> Store::Impl::read_protection(Statement& row) {
  core::ProtectionMeasure m;
  m.id = row.text(0);
  m.version = row.integer(1);
  m.person_id = row.text(2);
  m.case_id = row.text(3);
  const auto kind = core::parse_protection_kind(row.text(4));
  const auto status = core::parse_measure_status(row.text(5));
  if (!kind || !status)
    return fail(ErrorCode::integrity, "protection measure " + m.id + " v" + std::to_string(m.version) +
                                          " has an unknown kind or status");
  m.kind = *kind;
  m.status = *status;
  m.requested = row.text(6);
  m.decided = row.text(7);
  m.until = row.text(8);
  m.authority = row.text(9);
  m.reference = row.text(10);
  m.description = row.text(11);
  m.fictional = row.boolean(12);
  m.source_sha256 = row.text(13);
  return m;
}

#define BERKAS_RESTITUTION_COLUMNS                                                                          \
  "v.id, v.version, v.person_id, v.case_id, v.status, v.date, v.assessed_by, v.claimant_note, v.has_granted, " \
  "v.granted_rupiah, v.decision_reference, v.fictional, v.source_sha256, v.row_sha256"

core::Result<core::RestitutionClaim> Store::Impl::read_restitution(Statement& row) {
  core::RestitutionClaim c;
  c.id = row.text(0);
  c.version = row.integer(1);
  c.person_id = row.text(2);
  c.case_id = row.text(3);
  const auto status = core::parse_claim_status(row.text(4));
  if (!status)
    return fail(ErrorCode::integrity, "restitution claim " + c.id + " v" + std::to_string(c.version) +
                                          " has an unknown status '" + row.text(4) + "'");
  c.status = *status;
  c.date = row.text(5);
  c.assessed_by = row.text(6);
  c.claimant_note = row.text(7);
  if (row.boolean(8)) c.granted_rupiah = row.int64(9);
  c.decision_reference = row.text(10);
  c.fictional = row.boolean(11);
  c.source_sha256 = row.text(12);
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT head, description, amount_rupiah FROM restitution_entries "
                                      "WHERE claim_id = ?1 AND version = ?2 ORDER BY position"));
    stmt.bind_text(1, c.id).bind_int(2, c.version);
    for (;;) {
      STORE_TRY_ASSIGN(r, stmt.step());
      if (!r) break;
      const auto head = core::parse_restitution_head(stmt.text(0));
      if (!head)
        return fail(ErrorCode::integrity, "restitution claim " + c.id + " has an unknown head '" + stmt.text(0) + "'");
      core::RestitutionEntry e;
      e.head = *head;
      e.description = stmt.text(1);
      e.amount_rupiah = stmt.int64(2);
      c.entries.push_back(std::move(e));
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT entry_position, item_id FROM restitution_evidence "
                                      "WHERE claim_id = ?1 AND version = ?2 ORDER BY entry_position, position"));
    stmt.bind_text(1, c.id).bind_int(2, c.version);
    for (;;) {
      STORE_TRY_ASSIGN(r, stmt.step());
      if (!r) break;
      const auto at = static_cast<std::size_t>(stmt.int64(0));
      if (at >= c.entries.size())
        return fail(ErrorCode::integrity, "restitution claim " + c.id + " links evidence to a missing entry");
      c.entries[at].evidence_ids.push_back(stmt.text(1));
    }
  }
  return c;
}

core::Result<std::vector<core::ProtectionMeasure>> Store::protections(const std::string& person_id,
                                                                      const std::string& case_id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT " BERKAS_PROTECTION_COLUMNS " FROM protections p "
      "JOIN protection_versions v ON v.id = p.id AND v.version = p.latest_version "
      "WHERE (?1 = '' OR p.person_id = ?1) AND (?2 = '' OR p.case_id = ?2) ORDER BY p.id"));
  stmt.bind_text(1, person_id).bind_text(2, case_id);
  std::vector<core::ProtectionMeasure> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(m, m_impl->read_protection(stmt));
    out.push_back(std::move(m));
  }
  return out;
}

core::Result<std::vector<core::ProtectionMeasure>> Store::protection_versions(const std::string& id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT " BERKAS_PROTECTION_COLUMNS " FROM protection_versions v WHERE v.id = ?1 ORDER BY v.version"));
  stmt.bind_text(1, id);
  std::vector<core::ProtectionMeasure> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(m, m_impl->read_protection(stmt));
    out.push_back(std::move(m));
  }
  if (out.empty()) return fail(ErrorCode::not_found, "no protection measure " + id);
  return out;
}

core::Result<std::vector<core::RestitutionClaim>> Store::restitution_claims(const std::string& person_id,
                                                                            const std::string& case_id) const {
  ReadScope snapshot(m_impl->db);
  std::vector<core::RestitutionClaim> out;
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT " BERKAS_RESTITUTION_COLUMNS " FROM restitution_claims c "
      "JOIN restitution_versions v ON v.id = c.id AND v.version = c.latest_version "
      "WHERE (?1 = '' OR c.person_id = ?1) AND (?2 = '' OR c.case_id = ?2) ORDER BY c.id"));
  stmt.bind_text(1, person_id).bind_text(2, case_id);
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(c, m_impl->read_restitution(stmt));
    out.push_back(std::move(c));
  }
  return out;
}

core::Result<std::vector<core::RestitutionClaim>> Store::restitution_versions(const std::string& id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT " BERKAS_RESTITUTION_COLUMNS " FROM restitution_versions v WHERE v.id = ?1 ORDER BY v.version"));
  stmt.bind_text(1, id);
  std::vector<core::RestitutionClaim> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(c, m_impl->read_restitution(stmt));
    out.push_back(std::move(c));
  }
  if (out.empty()) return fail(ErrorCode::not_found, "no restitution claim " + id);
  return out;
}

core::Result<std::vector<std::string>> Store::items_about(const std::string& person_id) const {
  return m_impl->strings(
      "SELECT i.id FROM items i JOIN item_versions v ON v.item_id = i.id AND v.version = i.latest_version "
      "WHERE v.person_id = ?1 "
      "UNION SELECT s.item_id FROM item_subjects s JOIN items i ON i.id = s.item_id AND i.latest_version = s.version "
      "WHERE s.person_id = ?1 ORDER BY 1",
      person_id);
}

// ---------------------------------------------------------------- verify

core::Result<std::vector<IntegrityProblem>> Store::verify() const {
  auto& db = m_impl->db;
  ReadScope snapshot(db);
  std::vector<IntegrityProblem> problems;

  {
    STORE_TRY_ASSIGN(stmt, db.prepare("PRAGMA integrity_check"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      if (stmt.text(0) != "ok") problems.push_back({"database", stmt.text(0)});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("PRAGMA foreign_key_check"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({stmt.text(0) + " row " + stmt.text(1), "refers to a missing row of " + stmt.text(2)});
    }
  }
  // Content addresses: the key must be the SHA-256 of the bytes.
  for (const auto& [sql, label] : {std::pair{"SELECT sha256, bytes FROM sources ORDER BY sha256", "source "},
                                   std::pair{"SELECT sha256, bytes FROM attachments ORDER BY sha256", "attachment "}}) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      const std::string key = stmt.text(0);
      const std::string actual = core::sha256_hex(stmt.blob(1));
      if (actual != key) problems.push_back({label + key, "bytes hash to " + actual});
    }
  }
  {
    // Every stored object's source must be kept (foreign keys can be switched off by a raw session).
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT 'item ' || v.item_id || ' v' || v.version, v.source_sha256 FROM item_versions v "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = v.source_sha256) "
        "UNION ALL SELECT 'law ' || id, source_sha256 FROM laws t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'case ' || id, source_sha256 FROM cases t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'person ' || id, source_sha256 FROM persons t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'precedent ' || id, source_sha256 FROM precedents t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'protection ' || id || ' v' || version, source_sha256 FROM protection_versions t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'restitution ' || id || ' v' || version, source_sha256 FROM restitution_versions t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256)"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({stmt.text(0), "source " + stmt.text(1) + " is missing"});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT 'item ' || a.item_id || ' v' || a.version, a.sha256, a.name FROM item_attachments a "
        "WHERE NOT EXISTS (SELECT 1 FROM attachments s WHERE s.sha256 = a.sha256)"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({stmt.text(0), "attachment " + stmt.text(2) + " (" + stmt.text(1) + ") is not stored"});
    }
  }
  {
    // Versions are 1..n without gaps and the latest pointer names the newest one and its source.
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT i.id, i.latest_version, count(v.version), coalesce(max(v.version), 0), "
        "(SELECT source_sha256 FROM item_versions WHERE item_id = i.id AND version = i.latest_version), "
        "i.latest_sha256 FROM items i LEFT JOIN item_versions v ON v.item_id = i.id GROUP BY i.id "
        "HAVING count(v.version) != max(v.version) OR i.latest_version != max(v.version) "
        "OR count(v.version) = 0 OR i.latest_sha256 IS NOT "
        "(SELECT source_sha256 FROM item_versions WHERE item_id = i.id AND version = i.latest_version)"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({"item " + stmt.text(0), "version history is inconsistent (latest " + stmt.text(1) +
                                                      ", " + stmt.text(2) + " versions, highest " + stmt.text(3) + ")"});
    }
  }
  {
    // Protection measures and restitution claims: versions 1..n, the pointer on the newest, and
    // each version's fields (with entries and evidence links) still hashing to its row_sha256.
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT 'protection ' || p.id, p.latest_version, count(v.version), coalesce(max(v.version), 0) "
        "FROM protections p LEFT JOIN protection_versions v ON v.id = p.id GROUP BY p.id "
        "HAVING count(v.version) != max(v.version) OR p.latest_version != max(v.version) OR count(v.version) = 0 "
        "OR p.latest_sha256 IS NOT (SELECT source_sha256 FROM protection_versions WHERE id = p.id AND version = p.latest_version) "
        "UNION ALL SELECT 'restitution ' || c.id, c.latest_version, count(v.version), coalesce(max(v.version), 0) "
        "FROM restitution_claims c LEFT JOIN restitution_versions v ON v.id = c.id GROUP BY c.id "
        "HAVING count(v.version) != max(v.version) OR c.latest_version != max(v.version) OR count(v.version) = 0 "
        "OR c.latest_sha256 IS NOT (SELECT source_sha256 FROM restitution_versions WHERE id = c.id AND version = c.latest_version)"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({stmt.text(0), "version history is inconsistent (latest " + stmt.text(1) + ", " +
                                            stmt.text(2) + " versions, highest " + stmt.text(3) + ")"});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT " BERKAS_PROTECTION_COLUMNS " FROM protection_versions v "
                                      "ORDER BY v.id, v.version"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      const std::string name = "protection " + stmt.text(0) + " v" + stmt.text(1);
      auto m = m_impl->read_protection(stmt);
      if (!m) problems.push_back({name, m.error().message});
      else if (row_digest(*m) != stmt.text(14)) problems.push_back({name, "the stored fields were altered (row hash)"});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT " BERKAS_RESTITUTION_COLUMNS " FROM restitution_versions v "
                                      "ORDER BY v.id, v.version"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      const std::string name = "restitution " + stmt.text(0) + " v" + stmt.text(1);
      auto c = m_impl->read_restitution(stmt);
      if (!c) problems.push_back({name, c.error().message});
      else if (row_digest(*c) != stmt.text(13)) problems.push_back({name, "the stored fields were altered (row hash)"});
    }
  }
  {
    // The audit chain, re-hashed from genesis. A gap in seq means a removed event.
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT seq, time, actor, action, object, detail, prev_hash, hash FROM audit_log ORDER BY seq"));
    std::int64_t expected_seq = 1;
    std::string prev = internal::k_genesis_hash;
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      core::AuditEvent e{stmt.int64(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4), stmt.text(5),
                         stmt.text(6), stmt.text(7)};
      const std::string name = "audit #" + std::to_string(e.seq);
      if (e.seq != expected_seq)
        problems.push_back({name, "expected #" + std::to_string(expected_seq) + ": events are missing"});
      if (e.prev_hash != prev) problems.push_back({name, "prev_hash does not match the previous event's hash"});
      if (internal::audit_hash(e) != e.hash)
        problems.push_back({name, "hash does not match the event's fields (the event was altered)"});
      prev = e.hash;
      expected_seq = e.seq + 1;
    }
  }
  return problems;
}

// ---------------------------------------------------------------- accounts (schema v2)

namespace {

bool is_role(const std::string& r) {
  return r == "administrator" || r == "prosecutor" || r == "paralegal" || r == "trainer";
}

UserRecord read_user(const Statement& row) {
  UserRecord u;
  u.name = row.text(0);
  u.role = row.text(1);
  u.password_algorithm = row.text(2);
  u.password_iterations = row.integer(3);
  u.password_salt = row.text(4);
  u.password_hash = row.text(5);
  u.disabled = row.boolean(6);
  u.created_at = row.text(7);
  u.updated_at = row.text(8);
  return u;
}

#define BERKAS_USER_COLUMNS \
  "name, role, password_algorithm, password_iterations, password_salt, password_hash, disabled, created_at, updated_at"

}  // namespace

core::Status Store::put_user(const UserRecord& u) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY(require_id(u.name, "user"));
  if (!is_role(u.role)) return fail(ErrorCode::invalid_input, "unknown role '" + u.role + "'", {}, 0, "role");
  const std::string now = internal::now_utc_iso();
  // ON CONFLICT DO UPDATE, not REPLACE: a REPLACE deletes the row first, and the cascade would
  // take the user's sessions and assignments with it.
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "INSERT INTO users (" BERKAS_USER_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
      "ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
      "password_algorithm = excluded.password_algorithm, password_iterations = excluded.password_iterations, "
      "password_salt = excluded.password_salt, password_hash = excluded.password_hash, "
      "disabled = excluded.disabled, updated_at = excluded.updated_at"));
  stmt.bind_text(1, u.name).bind_text(2, u.role).bind_text(3, u.password_algorithm);
  stmt.bind_int(4, u.password_iterations).bind_text(5, u.password_salt).bind_text(6, u.password_hash);
  stmt.bind_bool(7, u.disabled).bind_text(8, u.created_at.empty() ? now : u.created_at);
  return stmt.run();
}

core::Result<UserRecord> Store::user(const std::string& name) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_USER_COLUMNS " FROM users WHERE name = ?1"));
  stmt.bind_text(1, name);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no user " + name);
  return read_user(stmt);
}

core::Result<std::vector<UserRecord>> Store::users() const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_USER_COLUMNS " FROM users ORDER BY name"));
  std::vector<UserRecord> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.push_back(read_user(stmt));
  }
  return out;
}

core::Status Store::delete_user(const std::string& name) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM users WHERE name = ?1"));
  stmt.bind_text(1, name);
  STORE_TRY(stmt.run());
  if (sqlite3_changes(m_impl->db.handle()) == 0) return fail(ErrorCode::not_found, "no user " + name);
  return {};
}

core::Status Store::put_session(const SessionRecord& s) {
  STORE_TRY(m_impl->require_writable());
  if (!is_sha256_hex(s.token_sha256))
    return fail(ErrorCode::invalid_input, "a session is keyed by the SHA-256 of its token", {}, 0, "token_sha256");
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "INSERT INTO sessions (token_sha256, user_name, csrf_token, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
  stmt.bind_text(1, s.token_sha256).bind_text(2, s.user).bind_text(3, s.csrf_token);
  stmt.bind_text(4, s.created_at).bind_text(5, s.expires_at);
  return stmt.run();
}

core::Result<SessionRecord> Store::session(const std::string& token_sha256) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT token_sha256, user_name, csrf_token, created_at, expires_at FROM sessions WHERE token_sha256 = ?1"));
  stmt.bind_text(1, token_sha256);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no such session");
  return SessionRecord{stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4)};
}

core::Status Store::delete_session(const std::string& token_sha256) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM sessions WHERE token_sha256 = ?1"));
  stmt.bind_text(1, token_sha256);
  return stmt.run();
}

core::Status Store::delete_sessions_of(const std::string& user) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM sessions WHERE user_name = ?1"));
  stmt.bind_text(1, user);
  return stmt.run();
}

core::Result<std::int64_t> Store::delete_expired_sessions(const std::string& now) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM sessions WHERE expires_at <= ?1"));
  stmt.bind_text(1, now);
  STORE_TRY(stmt.run());
  return static_cast<std::int64_t>(sqlite3_changes(m_impl->db.handle()));
}

core::Status Store::put_assignment(const CaseAssignment& a) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY(require_id(a.case_id, "assignment"));
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "INSERT INTO case_assignments (user_name, case_id, cleared, assigned_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (user_name, case_id) DO UPDATE SET cleared = excluded.cleared"));
  stmt.bind_text(1, a.user).bind_text(2, a.case_id).bind_bool(3, a.cleared);
  stmt.bind_text(4, a.assigned_at.empty() ? internal::now_utc_iso() : a.assigned_at);
  return stmt.run();
}

core::Status Store::delete_assignment(const std::string& user, const std::string& case_id) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM case_assignments WHERE user_name = ?1 AND case_id = ?2"));
  stmt.bind_text(1, user).bind_text(2, case_id);
  return stmt.run();
}

core::Result<std::vector<CaseAssignment>> Store::assignments(const std::string& user) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT user_name, case_id, cleared, assigned_at FROM case_assignments "
      "WHERE ?1 = '' OR user_name = ?1 ORDER BY user_name, case_id"));
  stmt.bind_text(1, user);
  std::vector<CaseAssignment> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.text(0), stmt.text(1), stmt.boolean(2), stmt.text(3)});
  }
  return out;
}

core::Result<LoginAttempts> Store::login_attempts(const std::string& user, const std::string& client) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT failures, last_failure_at, locked_until FROM login_attempts WHERE user_name = ?1 AND client = ?2"));
  stmt.bind_text(1, user).bind_text(2, client);
  STORE_TRY_ASSIGN(row, stmt.step());
  LoginAttempts a{user, client, 0, "", ""};
  if (row) {
    a.failures = stmt.integer(0);
    a.last_failure_at = stmt.text(1);
    a.locked_until = stmt.text(2);
  }
  return a;
}

core::Status Store::put_login_attempts(const LoginAttempts& a) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "INSERT INTO login_attempts (user_name, client, failures, last_failure_at, locked_until) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_name, client) DO UPDATE SET failures = excluded.failures, "
      "last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until"));
  stmt.bind_text(1, a.user).bind_text(2, a.client).bind_int(3, a.failures);
  stmt.bind_text(4, a.last_failure_at).bind_text(5, a.locked_until);
  return stmt.run();
}

core::Status Store::clear_login_attempts(const std::string& user, const std::string& client) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM login_attempts WHERE user_name = ?1 AND client = ?2"));
  stmt.bind_text(1, user).bind_text(2, client);
  return stmt.run();
}

}  // namespace berkas::store
