#include "store/internal/schema.h"

#include <array>
#include <string>

namespace berkas::store::internal {

namespace {

// Version 1: the first schema. Conventions (see docs/STORE.md):
// - absent text is '' (NOT NULL everywhere), so a round trip gives back exactly what was put;
// - booleans are 0/1 with a CHECK;
// - hashes are 64 lowercase hex digits;
// - evidence (item versions and their child rows), sources, attachments and the audit log are
//   append-only, enforced by triggers so that even a raw sqlite3 session cannot edit them
//   without first dropping a trigger (which verify() would then expose through the hashes);
// - provision ids in citations, charges and case_provisions have no foreign key: they may name
//   provisions of laws that are not shipped, and put_law replaces a law's provisions;
// - items.case_id and person_cases.case_id have no foreign key either: files may be ingested in
//   any order (an item before its case file).
constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE schema_version (
  version     INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at  TEXT NOT NULL
);

CREATE TABLE sources (
  sha256    TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  bytes     BLOB NOT NULL,
  size      INTEGER NOT NULL,
  stored_at TEXT NOT NULL
);

CREATE TABLE attachments (
  sha256    TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  bytes     BLOB NOT NULL,
  size      INTEGER NOT NULL,
  stored_at TEXT NOT NULL
);

CREATE TABLE changes (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  kind      TEXT NOT NULL CHECK (kind IN ('law', 'case', 'person', 'item', 'precedent')),
  object_id TEXT NOT NULL,
  at        TEXT NOT NULL
);

CREATE TABLE laws (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  short_name    TEXT NOT NULL,
  enacted       TEXT NOT NULL,
  in_force_from TEXT NOT NULL,
  provenance    TEXT NOT NULL,
  source_sha256 TEXT NOT NULL REFERENCES sources (sha256),
  seq           INTEGER NOT NULL
);

CREATE TABLE provisions (
  id             TEXT PRIMARY KEY,
  law_id         TEXT NOT NULL REFERENCES laws (id) ON DELETE CASCADE,
  level          TEXT NOT NULL CHECK (level IN ('pasal', 'ayat')),
  parent_id      TEXT NOT NULL,
  bab            TEXT NOT NULL,
  bab_heading    TEXT NOT NULL,
  pasal          TEXT NOT NULL,
  ayat           INTEGER NOT NULL,
  label          TEXT NOT NULL,
  text           TEXT NOT NULL,
  penjelasan     TEXT NOT NULL,
  ordinal        INTEGER NOT NULL,
  in_force_from  TEXT NOT NULL,
  in_force_until TEXT NOT NULL,
  successor_id   TEXT NOT NULL,
  status_note    TEXT NOT NULL
);
CREATE INDEX provisions_by_law ON provisions (law_id, ordinal);

CREATE TABLE cases (
  id                  TEXT PRIMARY KEY,
  register_number     TEXT NOT NULL,
  title               TEXT NOT NULL,
  court               TEXT NOT NULL,
  stage               TEXT NOT NULL CHECK (stage IN ('penyidikan', 'penuntutan', 'persidangan', 'putus')),
  destination_country TEXT NOT NULL,
  recruitment_channel TEXT NOT NULL,
  offence_date        TEXT NOT NULL,
  summary             TEXT NOT NULL,
  fictional           INTEGER NOT NULL CHECK (fictional IN (0, 1)),
  source_sha256       TEXT NOT NULL REFERENCES sources (sha256),
  seq                 INTEGER NOT NULL
);

CREATE TABLE case_provisions (
  case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  provision_id TEXT NOT NULL,
  PRIMARY KEY (case_id, position)
) WITHOUT ROWID;
CREATE INDEX case_provisions_by_provision ON case_provisions (provision_id);

CREATE TABLE persons (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  pseudonym         TEXT NOT NULL,
  role              TEXT NOT NULL,
  is_protected      INTEGER NOT NULL CHECK (is_protected IN (0, 1)),
  gender            TEXT NOT NULL,
  birth_date        TEXT NOT NULL,
  origin            TEXT NOT NULL,
  language          TEXT NOT NULL,
  needs_interpreter INTEGER NOT NULL CHECK (needs_interpreter IN (0, 1)),
  fictional         INTEGER NOT NULL CHECK (fictional IN (0, 1)),
  source_sha256     TEXT NOT NULL REFERENCES sources (sha256),
  seq               INTEGER NOT NULL
);

CREATE TABLE person_cases (
  person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  case_id   TEXT NOT NULL,
  PRIMARY KEY (person_id, position)
) WITHOUT ROWID;
CREATE INDEX person_cases_by_case ON person_cases (case_id);

-- The one mutable row per evidence item: which version is the latest. kind and case_id are
-- fixed at the first version.
CREATE TABLE items (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  case_id        TEXT NOT NULL,
  latest_version INTEGER NOT NULL,
  latest_sha256  TEXT NOT NULL
);
CREATE INDEX items_by_case ON items (case_id, id);

CREATE TABLE item_versions (
  item_id               TEXT NOT NULL REFERENCES items (id),
  version               INTEGER NOT NULL CHECK (version >= 1),
  kind                  TEXT NOT NULL CHECK (kind IN ('bap', 'ahli', 'surat', 'terdakwa', 'elektronik')),
  case_id               TEXT NOT NULL,
  title                 TEXT NOT NULL,
  date                  TEXT NOT NULL,
  place                 TEXT NOT NULL,
  examiner              TEXT NOT NULL,
  person_id             TEXT NOT NULL,
  summary               TEXT NOT NULL,
  country               TEXT NOT NULL,
  correction_note       TEXT NOT NULL,
  fictional             INTEGER NOT NULL CHECK (fictional IN (0, 1)),
  released_for_training INTEGER NOT NULL CHECK (released_for_training IN (0, 1)),
  source_sha256         TEXT NOT NULL REFERENCES sources (sha256),
  seq                   INTEGER NOT NULL UNIQUE,
  ingested_at           TEXT NOT NULL,
  PRIMARY KEY (item_id, version)
);

CREATE TABLE item_qa (
  item_id  TEXT NOT NULL,
  version  INTEGER NOT NULL,
  position INTEGER NOT NULL,
  number   INTEGER NOT NULL,
  question TEXT NOT NULL,
  answer   TEXT NOT NULL,
  PRIMARY KEY (item_id, version, position),
  FOREIGN KEY (item_id, version) REFERENCES item_versions (item_id, version)
);

CREATE TABLE item_sections (
  item_id  TEXT NOT NULL,
  version  INTEGER NOT NULL,
  position INTEGER NOT NULL,
  heading  TEXT NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (item_id, version, position),
  FOREIGN KEY (item_id, version) REFERENCES item_versions (item_id, version)
);

CREATE TABLE item_attachments (
  item_id     TEXT NOT NULL,
  version     INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  size        INTEGER NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (item_id, version, position),
  FOREIGN KEY (item_id, version) REFERENCES item_versions (item_id, version)
);

CREATE TABLE item_citations (
  item_id      TEXT NOT NULL,
  version      INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  provision_id TEXT NOT NULL,
  raw          TEXT NOT NULL,
  byte_offset  INTEGER NOT NULL,
  PRIMARY KEY (item_id, version, position),
  FOREIGN KEY (item_id, version) REFERENCES item_versions (item_id, version)
);
CREATE INDEX item_citations_by_provision ON item_citations (provision_id, item_id, version);

CREATE TABLE precedents (
  id                 TEXT PRIMARY KEY,
  number             TEXT NOT NULL,
  court              TEXT NOT NULL,
  date               TEXT NOT NULL,
  defendant          TEXT NOT NULL,
  verdict            TEXT NOT NULL,
  prison_months      INTEGER NOT NULL,
  fine_rupiah        INTEGER NOT NULL,
  restitution_rupiah INTEGER NOT NULL,
  sentence_text      TEXT NOT NULL,
  text               TEXT NOT NULL,
  fictional          INTEGER NOT NULL CHECK (fictional IN (0, 1)),
  source_sha256      TEXT NOT NULL REFERENCES sources (sha256),
  seq                INTEGER NOT NULL
);

CREATE TABLE precedent_provisions (
  precedent_id TEXT NOT NULL REFERENCES precedents (id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('charged', 'applied')),
  position     INTEGER NOT NULL,
  provision_id TEXT NOT NULL,
  PRIMARY KEY (precedent_id, role, position)
) WITHOUT ROWID;
CREATE INDEX precedent_provisions_by_provision ON precedent_provisions (provision_id);

CREATE TABLE precedent_citations (
  precedent_id TEXT NOT NULL REFERENCES precedents (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  provision_id TEXT NOT NULL,
  raw          TEXT NOT NULL,
  byte_offset  INTEGER NOT NULL,
  PRIMARY KEY (precedent_id, position)
);
CREATE INDEX precedent_citations_by_provision ON precedent_citations (provision_id);

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  time      TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  object    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash      TEXT NOT NULL CHECK (length(hash) = 64)
);

-- Append-only tables. RAISE(ABORT) fails the statement with SQLITE_CONSTRAINT_TRIGGER.
CREATE TRIGGER sources_no_update BEFORE UPDATE ON sources
BEGIN SELECT RAISE(ABORT, 'sources are immutable'); END;
CREATE TRIGGER sources_no_delete BEFORE DELETE ON sources
BEGIN SELECT RAISE(ABORT, 'sources are immutable'); END;
CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are immutable'); END;
CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are immutable'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER item_versions_no_update BEFORE UPDATE ON item_versions
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_versions_no_delete BEFORE DELETE ON item_versions
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_qa_no_update BEFORE UPDATE ON item_qa
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_qa_no_delete BEFORE DELETE ON item_qa
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_sections_no_update BEFORE UPDATE ON item_sections
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_sections_no_delete BEFORE DELETE ON item_sections
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_attachments_no_update BEFORE UPDATE ON item_attachments
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_attachments_no_delete BEFORE DELETE ON item_attachments
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_citations_no_update BEFORE UPDATE ON item_citations
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_citations_no_delete BEFORE DELETE ON item_citations
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;

-- The latest-version pointer may only move forward, and never changes the item's kind or case.
CREATE TRIGGER items_no_delete BEFORE DELETE ON items
BEGIN SELECT RAISE(ABORT, 'evidence items cannot be deleted'); END;
CREATE TRIGGER items_identity_fixed BEFORE UPDATE ON items
WHEN NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.case_id IS NOT OLD.case_id
  OR NEW.latest_version <= OLD.latest_version
BEGIN SELECT RAISE(ABORT, 'an evidence item keeps its id, kind and case; versions only grow'); END;
)sql";

// Version 2: the web application's accounts (issue 4). These rows are not evidence: they are
// updated and deleted freely (a password change, a session ending, an assignment withdrawn), so
// they have no immutability triggers and no change-log entries; every change to them is audited
// by service/accounts instead. Secrets are never stored in the clear: passwords as
// PBKDF2-HMAC-SHA256 (algorithm, iterations, salt and hash kept so the cost can be raised later),
// session tokens as their SHA-256 (a copied database file does not give live sessions).
// Times are ISO 8601 UTC and compare as strings.
constexpr const char* k_schema_v2 = R"sql(
CREATE TABLE users (
  name                TEXT PRIMARY KEY,
  role                TEXT NOT NULL CHECK (role IN ('administrator', 'prosecutor', 'paralegal', 'trainer')),
  password_algorithm  TEXT NOT NULL,
  password_iterations INTEGER NOT NULL CHECK (password_iterations > 0),
  password_salt       TEXT NOT NULL,
  password_hash       TEXT NOT NULL,
  disabled            INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);

CREATE TABLE sessions (
  token_sha256 TEXT PRIMARY KEY CHECK (length(token_sha256) = 64),
  user_name    TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_name);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE case_assignments (
  user_name   TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  case_id     TEXT NOT NULL,
  cleared     INTEGER NOT NULL CHECK (cleared IN (0, 1)),
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (user_name, case_id)
) WITHOUT ROWID;

-- Failed sign-ins per (user name as typed, client address): the user name need not exist, so the
-- lockout cannot be used to learn which names do.
CREATE TABLE login_attempts (
  user_name       TEXT NOT NULL,
  client          TEXT NOT NULL,
  failures        INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL,
  locked_until    TEXT NOT NULL,
  PRIMARY KEY (user_name, client)
) WITHOUT ROWID;
)sql";

// Version 3: court bundles made (issue 3). A bundle is a record of what was handed out: the PDF's
// SHA-256 (unique: the same inputs give the same bytes, so a rebuild finds its row), its page
// count, the manifest (every item, attachment and precedent with version, SHA-256 and pages) as
// child rows, the file name given, who made it and whether it was redacted. Like evidence, rows
// are never updated or deleted. `created_at` is the bundle's date from the data (never the clock);
// `recorded_at` is when the row was written. No protected name is stored here: file names come
// from register numbers and entries carry ids only.
constexpr const char* k_schema_v3 = R"sql(
CREATE TABLE bundles (
  id              INTEGER PRIMARY KEY,
  case_id         TEXT NOT NULL,
  template        TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  sha256          TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  manifest_sha256 TEXT NOT NULL,
  content_sha256  TEXT NOT NULL,
  page_count      INTEGER NOT NULL CHECK (page_count >= 1),
  file_name       TEXT NOT NULL,
  stamp_prefix    TEXT NOT NULL,
  user_name       TEXT NOT NULL,
  redacted        INTEGER NOT NULL CHECK (redacted IN (0, 1))
);
CREATE INDEX bundles_by_case ON bundles (case_id, id);

CREATE TABLE bundle_entries (
  bundle_id  INTEGER NOT NULL REFERENCES bundles (id),
  position   INTEGER NOT NULL,
  object_id  TEXT NOT NULL,
  kind       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  first_page INTEGER NOT NULL,
  last_page  INTEGER NOT NULL,
  withheld   INTEGER NOT NULL CHECK (withheld IN (0, 1)),
  PRIMARY KEY (bundle_id, position)
) WITHOUT ROWID;

CREATE TRIGGER bundles_no_update BEFORE UPDATE ON bundles
BEGIN SELECT RAISE(ABORT, 'bundle records are immutable'); END;
CREATE TRIGGER bundles_no_delete BEFORE DELETE ON bundles
BEGIN SELECT RAISE(ABORT, 'bundle records are immutable'); END;
CREATE TRIGGER bundle_entries_no_update BEFORE UPDATE ON bundle_entries
BEGIN SELECT RAISE(ABORT, 'bundle records are immutable'); END;
CREATE TRIGGER bundle_entries_no_delete BEFORE DELETE ON bundle_entries
BEGIN SELECT RAISE(ABORT, 'bundle records are immutable'); END;
)sql";

// Version 4: witness files (issue 5). Persons gain their companion (a witness or victim is
// contacted only through them), organisation and contact; evidence versions gain the persons
// they are about (item_subjects: e.g. the victim a psychological assessment concerns).
// Protection measures and restitution claims are versioned and immutable like evidence items:
// a pointer row per record (latest version, fixed person and case) and one row per version,
// each with its source (the ingested XML, in `sources`) and a `row_sha256` over the stored
// fields, entries and evidence links, which verify() recomputes: an edited row is found even
// when its source is intact. Amounts are whole rupiah (INTEGER, >= 0). No foreign keys to
// persons, cases or items: files may be ingested in any order (the service checks references).
constexpr const char* k_schema_v4 = R"sql(
ALTER TABLE persons ADD COLUMN companion_id TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN contact TEXT NOT NULL DEFAULT '';

CREATE TABLE item_subjects (
  item_id   TEXT NOT NULL,
  version   INTEGER NOT NULL,
  position  INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  PRIMARY KEY (item_id, version, position),
  FOREIGN KEY (item_id, version) REFERENCES item_versions (item_id, version)
);
CREATE INDEX item_subjects_by_person ON item_subjects (person_id, item_id, version);

CREATE TABLE protections (
  id             TEXT PRIMARY KEY,
  person_id      TEXT NOT NULL,
  case_id        TEXT NOT NULL,
  latest_version INTEGER NOT NULL,
  latest_sha256  TEXT NOT NULL
);
CREATE INDEX protections_by_person ON protections (person_id, id);
CREATE INDEX protections_by_case ON protections (case_id, id);

CREATE TABLE protection_versions (
  id            TEXT NOT NULL REFERENCES protections (id),
  version       INTEGER NOT NULL CHECK (version >= 1),
  person_id     TEXT NOT NULL,
  case_id       TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('lpsk', 'audio-visual', 'pendampingan', 'tanpa-terdakwa',
                                               'sidang-tertutup', 'polri', 'rumah-aman', 'juru-bahasa', 'lainnya')),
  status        TEXT NOT NULL CHECK (status IN ('diajukan', 'dikabulkan', 'ditolak', 'berakhir')),
  requested     TEXT NOT NULL,
  decided       TEXT NOT NULL,
  until_date    TEXT NOT NULL,
  authority     TEXT NOT NULL,
  reference     TEXT NOT NULL,
  description   TEXT NOT NULL,
  fictional     INTEGER NOT NULL CHECK (fictional IN (0, 1)),
  source_sha256 TEXT NOT NULL REFERENCES sources (sha256),
  row_sha256    TEXT NOT NULL CHECK (length(row_sha256) = 64),
  recorded_at   TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE restitution_claims (
  id             TEXT PRIMARY KEY,
  person_id      TEXT NOT NULL,
  case_id        TEXT NOT NULL,
  latest_version INTEGER NOT NULL,
  latest_sha256  TEXT NOT NULL
);
CREATE INDEX restitution_claims_by_person ON restitution_claims (person_id, id);
CREATE INDEX restitution_claims_by_case ON restitution_claims (case_id, id);

CREATE TABLE restitution_versions (
  id                 TEXT NOT NULL REFERENCES restitution_claims (id),
  version            INTEGER NOT NULL CHECK (version >= 1),
  person_id          TEXT NOT NULL,
  case_id            TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('disusun', 'diajukan', 'dikabulkan', 'dikabulkan-sebagian',
                                                     'ditolak', 'dibayar')),
  date               TEXT NOT NULL,
  assessed_by        TEXT NOT NULL,
  claimant_note      TEXT NOT NULL,
  has_granted        INTEGER NOT NULL CHECK (has_granted IN (0, 1)),
  granted_rupiah     INTEGER NOT NULL CHECK (granted_rupiah >= 0),
  decision_reference TEXT NOT NULL,
  fictional          INTEGER NOT NULL CHECK (fictional IN (0, 1)),
  source_sha256      TEXT NOT NULL REFERENCES sources (sha256),
  row_sha256         TEXT NOT NULL CHECK (length(row_sha256) = 64),
  recorded_at        TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE restitution_entries (
  claim_id      TEXT NOT NULL,
  version       INTEGER NOT NULL,
  position      INTEGER NOT NULL,
  head          TEXT NOT NULL CHECK (head IN ('kekayaan-penghasilan', 'penderitaan', 'medis-psikologis', 'lainnya')),
  description   TEXT NOT NULL,
  amount_rupiah INTEGER NOT NULL CHECK (amount_rupiah >= 0),
  PRIMARY KEY (claim_id, version, position),
  FOREIGN KEY (claim_id, version) REFERENCES restitution_versions (id, version)
);

CREATE TABLE restitution_evidence (
  claim_id       TEXT NOT NULL,
  version        INTEGER NOT NULL,
  entry_position INTEGER NOT NULL,
  position       INTEGER NOT NULL,
  item_id        TEXT NOT NULL,
  PRIMARY KEY (claim_id, version, entry_position, position),
  FOREIGN KEY (claim_id, version, entry_position) REFERENCES restitution_entries (claim_id, version, position)
);
CREATE INDEX restitution_evidence_by_item ON restitution_evidence (item_id);

CREATE TRIGGER item_subjects_no_update BEFORE UPDATE ON item_subjects
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_subjects_no_delete BEFORE DELETE ON item_subjects
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER protection_versions_no_update BEFORE UPDATE ON protection_versions
BEGIN SELECT RAISE(ABORT, 'protection measure versions are immutable'); END;
CREATE TRIGGER protection_versions_no_delete BEFORE DELETE ON protection_versions
BEGIN SELECT RAISE(ABORT, 'protection measure versions are immutable'); END;
CREATE TRIGGER restitution_versions_no_update BEFORE UPDATE ON restitution_versions
BEGIN SELECT RAISE(ABORT, 'restitution claim versions are immutable'); END;
CREATE TRIGGER restitution_versions_no_delete BEFORE DELETE ON restitution_versions
BEGIN SELECT RAISE(ABORT, 'restitution claim versions are immutable'); END;
CREATE TRIGGER restitution_entries_no_update BEFORE UPDATE ON restitution_entries
BEGIN SELECT RAISE(ABORT, 'restitution claim versions are immutable'); END;
CREATE TRIGGER restitution_entries_no_delete BEFORE DELETE ON restitution_entries
BEGIN SELECT RAISE(ABORT, 'restitution claim versions are immutable'); END;
CREATE TRIGGER restitution_evidence_no_update BEFORE UPDATE ON restitution_evidence
BEGIN SELECT RAISE(ABORT, 'restitution claim versions are immutable'); END;
CREATE TRIGGER restitution_evidence_no_delete BEFORE DELETE ON restitution_evidence
BEGIN SELECT RAISE(ABORT, 'restitution claim versions are immutable'); END;

-- The pointer rows: never deleted; only the latest version moves, forward.
CREATE TRIGGER protections_no_delete BEFORE DELETE ON protections
BEGIN SELECT RAISE(ABORT, 'protection measures cannot be deleted'); END;
CREATE TRIGGER protections_identity_fixed BEFORE UPDATE ON protections
WHEN NEW.id IS NOT OLD.id OR NEW.person_id IS NOT OLD.person_id OR NEW.case_id IS NOT OLD.case_id
  OR NEW.latest_version <= OLD.latest_version
BEGIN SELECT RAISE(ABORT, 'a protection measure keeps its id, person and case; versions only grow'); END;
CREATE TRIGGER restitution_claims_no_delete BEFORE DELETE ON restitution_claims
BEGIN SELECT RAISE(ABORT, 'restitution claims cannot be deleted'); END;
CREATE TRIGGER restitution_claims_identity_fixed BEFORE UPDATE ON restitution_claims
WHEN NEW.id IS NOT OLD.id OR NEW.person_id IS NOT OLD.person_id OR NEW.case_id IS NOT OLD.case_id
  OR NEW.latest_version <= OLD.latest_version
BEGIN SELECT RAISE(ABORT, 'a restitution claim keeps its id, person and case; versions only grow'); END;
)sql";

// Version 5: native evidence files (issue 11). The item's source is the file itself; what it was
// and the text derived from it, by page or message, sit beside the version, as immutable as it.
constexpr const char* k_schema_v5 = R"sql(
CREATE TABLE item_originals (
  item_id    TEXT NOT NULL,
  version    INTEGER NOT NULL,
  file_name  TEXT NOT NULL,
  media_type TEXT NOT NULL,
  format     TEXT NOT NULL CHECK (format <> ''),
  metadata   TEXT NOT NULL,  -- "key\tvalue" lines, sorted by key
  PRIMARY KEY (item_id, version),
  FOREIGN KEY (item_id, version) REFERENCES item_versions (item_id, version)
);

CREATE TABLE item_units (
  item_id           TEXT NOT NULL,
  version           INTEGER NOT NULL,
  position          INTEGER NOT NULL,
  number            INTEGER NOT NULL,
  method            TEXT NOT NULL CHECK (method IN ('text-layer', 'ocr', 'parsed')),
  confidence_tenths INTEGER NOT NULL CHECK (confidence_tenths BETWEEN -1 AND 1000),
  time              TEXT NOT NULL,
  sender            TEXT NOT NULL,
  system            INTEGER NOT NULL CHECK (system IN (0, 1)),
  media             TEXT NOT NULL,
  text              TEXT NOT NULL,
  PRIMARY KEY (item_id, version, position),
  FOREIGN KEY (item_id, version) REFERENCES item_versions (item_id, version)
);

CREATE TRIGGER item_originals_no_update BEFORE UPDATE ON item_originals
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_originals_no_delete BEFORE DELETE ON item_originals
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_units_no_update BEFORE UPDATE ON item_units
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
CREATE TRIGGER item_units_no_delete BEFORE DELETE ON item_units
BEGIN SELECT RAISE(ABORT, 'evidence item versions are immutable'); END;
)sql";

// Version 6: what a decision decides for each defendant (issue 12). The fields are derived from
// the decision's text by the reader recorded in `reader`; an older reader's fields are derived
// again from the stored source when the store is opened for writing (docs/STORE.md).
constexpr const char* k_schema_v6 = R"sql(
ALTER TABLE precedents ADD COLUMN deliberated TEXT NOT NULL DEFAULT '';
ALTER TABLE precedents ADD COLUMN pronounced  TEXT NOT NULL DEFAULT '';
ALTER TABLE precedents ADD COLUMN ruling_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE precedents ADD COLUMN reader      INTEGER NOT NULL DEFAULT 0;

CREATE TABLE precedent_outcomes (
  precedent_id      TEXT NOT NULL REFERENCES precedents (id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  defendant         TEXT NOT NULL,
  outcome           TEXT NOT NULL CHECK (outcome IN ('bersalah', 'bebas', 'lepas', 'gugur', 'lainnya')),
  count_proven      TEXT NOT NULL,
  counts_not_proven TEXT NOT NULL,
  PRIMARY KEY (precedent_id, position)
);
CREATE INDEX precedent_outcomes_by_outcome ON precedent_outcomes (outcome);

-- The sentence ('putusan') and the prosecutor's demand ('tuntutan') of one defendant.
CREATE TABLE precedent_penalties (
  precedent_id        TEXT NOT NULL,
  position            INTEGER NOT NULL,
  role                TEXT NOT NULL CHECK (role IN ('putusan', 'tuntutan')),
  prison_years        INTEGER NOT NULL CHECK (prison_years >= 0),
  prison_months       INTEGER NOT NULL CHECK (prison_months >= 0),
  prison_days         INTEGER NOT NULL CHECK (prison_days >= 0),
  fine_rupiah         INTEGER NOT NULL CHECK (fine_rupiah >= 0),
  fine_sub_years      INTEGER NOT NULL,
  fine_sub_months     INTEGER NOT NULL,
  fine_sub_days       INTEGER NOT NULL,
  restitution_rupiah  INTEGER NOT NULL CHECK (restitution_rupiah >= 0),
  restitution_victims TEXT NOT NULL,  -- amounts per victim in the ruling's order, ','-separated
  restitution_joint   INTEGER NOT NULL CHECK (restitution_joint IN (0, 1)),
  restitution_sub_years  INTEGER NOT NULL,
  restitution_sub_months INTEGER NOT NULL,
  restitution_sub_days   INTEGER NOT NULL,
  PRIMARY KEY (precedent_id, position, role),
  FOREIGN KEY (precedent_id, position) REFERENCES precedent_outcomes (precedent_id, position) ON DELETE CASCADE
);
)sql";

// Version 7: the numbers that identify a person (issue 13), kept so that every written form of a
// protected person's numbers is hidden like the name. "kind\tvalue" lines, normalised.
constexpr const char* k_schema_v7 = R"sql(
ALTER TABLE persons ADD COLUMN identifiers TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::array<Migration, 7> k_migrations = {{
    {1, "initial schema", k_schema_v1},
    {2, "users, sessions, case assignments, login attempts", k_schema_v2},
    {3, "bundles and their manifests", k_schema_v3},
    {4, "witness files: companions, item subjects, protection measures, restitution claims", k_schema_v4},
    {5, "native evidence files: originals and their derived text by page or message", k_schema_v5},
    {6, "decisions: both dates, the kind of ruling, each defendant's outcome, sentence and demand", k_schema_v6},
    {7, "persons: the numbers that identify them (hidden for protected persons)", k_schema_v7},
}};


}  // namespace

std::span<const Migration> migrations() { return k_migrations; }

int latest_schema_version() { return k_migrations.back().version; }

core::Result<int> read_schema_version(Database& db) {
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_version'"));
    STORE_TRY(stmt.step());
    if (stmt.int64(0) == 0) {
      STORE_TRY_ASSIGN(any, db.prepare("SELECT count(*) FROM sqlite_schema"));
      STORE_TRY(any.step());
      if (any.int64(0) != 0)
        return core::fail(core::ErrorCode::invalid_input,
                          "not a Berkas store: the database has tables but no schema_version");
      return 0;
    }
  }
  STORE_TRY_ASSIGN(stmt, db.prepare("SELECT coalesce(max(version), 0) FROM schema_version"));
  STORE_TRY(stmt.step());
  return stmt.integer(0);
}

core::Result<int> migrate(Database& db, bool read_only) {
  const int latest = latest_schema_version();
  auto refuse_newer = [latest](int found) {
    return core::fail(core::ErrorCode::invalid_input,
                      "store schema version " + std::to_string(found) +
                          " is newer than this program supports (" + std::to_string(latest) +
                          "); use a newer berkas");
  };
  if (read_only) {
    STORE_TRY_ASSIGN(version, read_schema_version(db));
    if (version > latest) return refuse_newer(version);
    if (version < latest)
      return core::fail(core::ErrorCode::invalid_input,
                        "store schema version " + std::to_string(version) + " needs migrating to " +
                            std::to_string(latest) + "; open it once for writing");
    return version;
  }

  // One IMMEDIATE transaction: two processes opening a new store at once cannot both migrate,
  // and a failed migration leaves the file as it was.
  WriteScope scope(db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(version, read_schema_version(db));
  if (version > latest) return refuse_newer(version);
  const std::string now = now_utc_iso();
  for (const auto& m : migrations()) {
    if (m.version <= version) continue;
    STORE_TRY(db.exec_script(m.sql));
    STORE_TRY_ASSIGN(record, db.prepare("INSERT INTO schema_version (version, description, applied_at) "
                                        "VALUES (?1, ?2, ?3)"));
    record.bind_int(1, m.version).bind_text(2, m.description).bind_text(3, now);
    STORE_TRY(record.run());
  }
  STORE_TRY(scope.finish());
  return latest;
}

}  // namespace berkas::store::internal
