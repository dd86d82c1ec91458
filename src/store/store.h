// store: the SQLite evidence store — the source of truth for laws, cases, persons, evidence,
// precedents, citations, attachments, the change log (sequence numbers) and the audit log.
//
// Thread safety: one Store object per thread (SQLite handle in serialized mode is safe, but
// transactions are per object). Several Store objects may open the same file (WAL mode).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"

namespace berkas::store {

enum class OpenMode { create_if_missing, must_exist, read_only };

// What a put did: a new object, a new version of an existing one, or nothing (same bytes).
enum class PutOutcome { created, new_version, unchanged };
const char* to_string(PutOutcome o);

// One entry of the change log: the store's sequence number for an object that the index must
// (re)index. kind is "law", "case", "person", "item", "precedent".
struct Change {
  std::int64_t seq = 0;
  std::string kind;
  std::string object_id;
};

struct ItemVersionInfo {
  int version = 0;
  std::string source_sha256;
  std::int64_t seq = 0;
  std::string ingested_at;      // ISO 8601 UTC
  std::string correction_note;
  bool superseded = false;
};

struct Counts {
  std::int64_t laws = 0, provisions = 0, cases = 0, persons = 0, items = 0, item_versions = 0,
               precedents = 0, citations = 0, attachments = 0, audit_events = 0,
               protections = 0, restitution_claims = 0;  // schema v4: latest records (not versions)
};

// A problem found by verify().
struct IntegrityProblem {
  std::string object;   // "item bap-x v2", "audit #17", "attachment <sha>"
  std::string problem;  // what is wrong
};


// ---------------------------------------------------------------- accounts (schema v2)
// Users, sessions, case assignments and failed sign-ins for the web application. These are not
// evidence: rows are updated and deleted. The store keeps only what it is given — hashing of
// passwords and tokens, and the audit of every change, are service/accounts' job.

struct UserRecord {
  std::string name;
  std::string role;                 // "administrator", "prosecutor", "paralegal", "trainer"
  std::string password_algorithm;   // "pbkdf2-sha256"
  int password_iterations = 0;
  std::string password_salt;        // hex
  std::string password_hash;        // hex
  bool disabled = false;
  std::string created_at, updated_at;  // ISO 8601 UTC
};

struct SessionRecord {
  std::string token_sha256;  // SHA-256 of the bearer token; the token itself is never stored
  std::string user;
  std::string csrf_token;
  std::string created_at, expires_at;  // ISO 8601 UTC
};

struct CaseAssignment {
  std::string user;
  std::string case_id;
  bool cleared = false;      // may see protected identities in this case
  std::string assigned_at;
};

struct LoginAttempts {
  std::string user;          // the name as typed (need not exist)
  std::string client;        // the client's address
  int failures = 0;
  std::string last_failure_at;
  std::string locked_until;  // empty = not locked
};

// ---------------------------------------------------------------- bundles (schema v3)
// A court bundle made from the store: what was handed out, so that a file can be recognised by
// its SHA-256 later (`verify-bundle`). Immutable once written.

struct BundleEntryRecord {
  std::string object_id;   // item id, "item#lampiran-n" for an exhibit, or a precedent id
  std::string kind;        // evidence code, "lampiran" or "putusan"
  int version = 1;
  std::string sha256;      // the item version's source, the attachment's or the precedent's
  int first_page = 0, last_page = 0;
  bool withheld = false;   // an exhibit replaced by a placeholder page (it names a protected person)
};

struct BundleRecord {
  std::int64_t id = 0;         // assigned by put_bundle
  std::string case_id;
  std::string template_name;
  std::string created_at;      // the bundle's date, from the data (YYYY-MM-DD)
  std::string recorded_at;     // when the row was written (ISO 8601 UTC); set by put_bundle
  std::string sha256;          // of the PDF file
  std::string manifest_sha256;
  std::string content_sha256;  // the PDF's /BerkasContentSHA256: names the bundle even when its bytes were altered
  int page_count = 0;
  std::string file_name;       // the name given to the file (no directory)
  std::string stamp_prefix;
  std::string user;            // who made it
  bool redacted = true;        // made with the pseudonyms disclosure: protected persons by pseudonym only
  std::vector<BundleEntryRecord> entries;  // manifest order
};

class Store {
 public:
  // Opens (or creates, per mode) the store at `path` (a file), migrates the schema to the
  // current version, enables WAL and foreign keys. Error io/invalid_input with the reason.
  static core::Result<std::unique_ptr<Store>> open(const std::string& path, OpenMode mode);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const;

  // ---- transactions: one per ingested file. begin/commit/rollback nest-free.
  core::Status begin();
  core::Status commit();
  void rollback();  // safe to call when no transaction is open
  // Savepoints inside a transaction: many files' writes grouped in one commit (one fsync) while
  // each file stays all-or-nothing. `name` is an SQL identifier chosen by the caller.
  core::Status savepoint(const std::string& name);
  core::Status release(const std::string& name);
  void rollback_to(const std::string& name);  // undoes everything since savepoint(name) and drops it
  bool in_transaction() const;

  // ---- writes (call inside a transaction). Each creates a change-log entry (new seq) unless
  // the outcome is `unchanged`. `source` is the exact bytes ingested (kept, hashed).
  core::Result<PutOutcome> put_law(const core::Law& law, const std::vector<core::Provision>& provisions,
                                   const std::string& source);
  core::Result<PutOutcome> put_case(const core::Case& c, const std::string& source);
  core::Result<PutOutcome> put_person(const core::Person& p, const std::string& source);
  // Items are immutable: same id + the source hash of any stored version → unchanged (an old
  // file re-ingested never becomes current again); same id + different bytes →
  // a new version (version = latest + 1) superseding the latest. `item.version` is ignored
  // on input; the stored version is returned through get_item.
  core::Result<PutOutcome> put_item(const core::EvidenceItem& item, const std::vector<core::Citation>& citations,
                                    const std::string& source);
  core::Result<PutOutcome> put_precedent(const core::Precedent& p, const std::vector<core::Citation>& citations,
                                         const std::string& source);
  // Content-addressed: stores bytes under their SHA-256 (no-op if present); integrity error if
  // `sha256` does not match the bytes.
  core::Status put_attachment(const std::string& sha256, const std::string& bytes);

  // ---- audit (append-only, hash-chained). Returns the new event.
  core::Result<core::AuditEvent> audit(const std::string& actor, const std::string& action,
                                       const std::string& object, const std::string& detail);
  core::Result<std::vector<core::AuditEvent>> audit_log(std::int64_t after_seq = 0, int limit = 1000) const;

  // ---- reads. not_found when absent.
  core::Result<std::vector<core::Law>> laws() const;
  core::Result<core::Law> law(const std::string& id) const;
  core::Result<std::vector<core::Provision>> provisions(const std::string& law_id) const;  // document order
  core::Result<core::Provision> provision(const std::string& id) const;
  core::Result<std::vector<core::Case>> cases() const;
  core::Result<core::Case> get_case(const std::string& id) const;
  core::Result<std::vector<core::Person>> persons(const std::string& case_id = {}) const;  // all if empty
  core::Result<core::Person> person(const std::string& id) const;
  // version 0 = the latest version.
  core::Result<core::EvidenceItem> item(const std::string& id, int version = 0) const;
  core::Result<std::vector<ItemVersionInfo>> item_versions(const std::string& id) const;
  core::Result<std::vector<core::EvidenceItem>> items(const std::string& case_id = {}) const;  // latest versions
  core::Result<std::vector<core::Precedent>> precedents() const;
  core::Result<core::Precedent> precedent(const std::string& id) const;
  // Decisions whose fields were derived by a reader older than `reader`: (id, source sha256).
  core::Result<std::vector<std::pair<std::string, std::string>>> precedents_read_before(int reader) const;
  // Citations of an item version (0 = latest) or a precedent.
  core::Result<std::vector<core::Citation>> item_citations(const std::string& item_id, int version = 0) const;
  core::Result<std::vector<core::Citation>> precedent_citations(const std::string& precedent_id) const;
  // Items (latest versions) and precedents citing a provision (or any ayat of a Pasal id).
  core::Result<std::vector<std::string>> items_citing(const std::string& provision_id) const;
  core::Result<std::vector<std::string>> precedents_citing(const std::string& provision_id) const;
  core::Result<std::string> attachment(const std::string& sha256) const;
  core::Result<std::string> source(const std::string& sha256) const;  // ingested bytes

  // ---- change log
  std::int64_t last_seq() const;
  core::Result<std::vector<Change>> changes_since(std::int64_t seq) const;  // ascending, latest per object

  core::Result<Counts> counts() const;

  // ---- accounts (schema v2). Not evidence: updates and deletes allowed. Each call is its own
  // transaction (or part of the caller's). Times are ISO 8601 UTC strings.
  // Inserts or replaces the user `u.name` (created_at is kept on update). conflict if the role is
  // not one of the four.
  core::Status put_user(const UserRecord& u);
  core::Result<UserRecord> user(const std::string& name) const;   // not_found if absent
  core::Result<std::vector<UserRecord>> users() const;             // by name
  // Deletes a user with their sessions and assignments; not_found if absent.
  core::Status delete_user(const std::string& name);

  core::Status put_session(const SessionRecord& s);                // conflict if the hash exists
  core::Result<SessionRecord> session(const std::string& token_sha256) const;  // not_found if absent
  core::Status delete_session(const std::string& token_sha256);    // ok if absent
  core::Status delete_sessions_of(const std::string& user);        // every session of a user
  // Removes sessions whose expires_at <= now; returns how many.
  core::Result<std::int64_t> delete_expired_sessions(const std::string& now);

  // Inserts or updates (user, case_id); conflict (foreign key) if the user does not exist.
  core::Status put_assignment(const CaseAssignment& a);
  core::Status delete_assignment(const std::string& user, const std::string& case_id);  // ok if absent
  // Assignments of a user, or of every user when `user` is empty; by user then case.
  core::Result<std::vector<CaseAssignment>> assignments(const std::string& user = {}) const;

  // Failed sign-ins of (user, client); failures 0 when none are recorded.
  core::Result<LoginAttempts> login_attempts(const std::string& user, const std::string& client) const;
  core::Status put_login_attempts(const LoginAttempts& a);
  core::Status clear_login_attempts(const std::string& user, const std::string& client);

  // ---- bundles (schema v3). Immutable rows.
  // Records `b` with its entries in one transaction and sets b.id and b.recorded_at. A bundle
  // whose SHA-256 is already recorded is not written again: `unchanged`, and `b` is filled from
  // the stored row. invalid_input for a missing case id, a non-hex SHA-256 or a page count < 1.
  core::Result<PutOutcome> put_bundle(BundleRecord& b);
  // Bundles of a case (every case when empty), oldest first, with their entries.
  core::Result<std::vector<BundleRecord>> bundles(const std::string& case_id = {}) const;
  // The bundle whose PDF has this SHA-256; not_found if none.
  core::Result<BundleRecord> bundle_by_sha256(const std::string& sha256) const;

  // ---- witness protection and restitution (schema v4). Versioned and immutable like items:
  // same id + the source hash of any stored version → unchanged; same id + different bytes → a
  // new version (a status change); person and case are fixed at the first version (conflict
  // otherwise). Stored with their source bytes. No change-log entry: these are not indexed.
  // `m.version` / `c.version` are ignored on input. invalid_input for an empty id, person or
  // case, or (restitution) a negative amount.
  core::Result<PutOutcome> put_protection(const core::ProtectionMeasure& m, const std::string& source);
  core::Result<PutOutcome> put_restitution(const core::RestitutionClaim& c, const std::string& source);
  // Latest versions; filtered by person and/or case when given; ordered by id.
  core::Result<std::vector<core::ProtectionMeasure>> protections(const std::string& person_id = {},
                                                                 const std::string& case_id = {}) const;
  core::Result<std::vector<core::RestitutionClaim>> restitution_claims(const std::string& person_id = {},
                                                                       const std::string& case_id = {}) const;
  // Every version of one record, oldest first (version field set). not_found if none.
  core::Result<std::vector<core::ProtectionMeasure>> protection_versions(const std::string& id) const;
  core::Result<std::vector<core::RestitutionClaim>> restitution_versions(const std::string& id) const;
  // Ids of items (latest versions) whose person_id is `person_id` or whose about_person_ids
  // contains it; ordered by id.
  core::Result<std::vector<std::string>> items_about(const std::string& person_id) const;

  // Recomputes every stored hash (sources, attachments) and the audit chain.
  core::Result<std::vector<IntegrityProblem>> verify() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace berkas::store
