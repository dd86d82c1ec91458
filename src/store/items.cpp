#include "store/internal/store_impl.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

namespace berkas::store {

// ---------------------------------------------------------------- writes

namespace {

// A metadata key or value as one line of "key\tvalue" (tabs and line breaks become spaces).
std::string one_line(std::string s) {
  for (auto& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

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
  if (!item.original.empty()) {
    std::string meta;
    for (const auto& [k, v] : item.original.metadata) meta += one_line(k) + "\t" + one_line(v) + "\n";
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO item_originals (item_id, version, file_name, media_type, format, metadata) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    stmt.bind_text(1, item.id).bind_int(2, version).bind_text(3, item.original.file_name);
    stmt.bind_text(4, item.original.media_type).bind_text(5, item.original.format).bind_text(6, meta);
    STORE_TRY(stmt.run());
  }
  position = 0;
  for (const auto& u : item.units) {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO item_units (item_id, version, position, number, method, confidence_tenths, time, sender, "
        "system, media, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
    const auto tenths = u.confidence < 0 ? -1 : static_cast<std::int64_t>(std::lround(std::min(u.confidence, 100.0) * 10));
    stmt.bind_text(1, item.id).bind_int(2, version).bind_int(3, position++).bind_int(4, u.number);
    stmt.bind_text(5, u.method).bind_int(6, tenths).bind_text(7, u.time).bind_text(8, u.sender);
    stmt.bind_bool(9, u.system).bind_text(10, u.media).bind_text(11, u.text);
    STORE_TRY(stmt.run());
  }
  STORE_TRY(d.put_citations("INSERT INTO item_citations (item_id, version, position, provision_id, raw, byte_offset) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            item.id, version, citations));
  STORE_TRY(scope.finish());
  return version == 1 ? PutOutcome::created : PutOutcome::new_version;
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
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT file_name, media_type, format, metadata FROM item_originals "
                                      "WHERE item_id = ?1 AND version = ?2"));
    stmt.bind_text(1, id).bind_int(2, v);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (row) {
      item.original.file_name = stmt.text(0);
      item.original.media_type = stmt.text(1);
      item.original.format = stmt.text(2);
      std::istringstream lines(stmt.text(3));
      std::string line;
      while (std::getline(lines, line))
        if (auto tab = line.find('\t'); tab != std::string::npos)
          item.original.metadata.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT number, method, confidence_tenths, time, sender, system, media, text "
                                      "FROM item_units WHERE item_id = ?1 AND version = ?2 ORDER BY position"));
    stmt.bind_text(1, id).bind_int(2, v);
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      core::TextUnit u;
      u.number = stmt.integer(0);
      u.method = stmt.text(1);
      const auto tenths = stmt.int64(2);
      u.confidence = tenths < 0 ? -1.0 : static_cast<double>(tenths) / 10.0;
      u.time = stmt.text(3);
      u.sender = stmt.text(4);
      u.system = stmt.boolean(5);
      u.media = stmt.text(6);
      u.text = stmt.text(7);
      item.units.push_back(std::move(u));
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

core::Result<std::vector<std::string>> Store::items_citing(const std::string& provision_id) const {
  return m_impl->citing(
      "SELECT DISTINCT c.item_id FROM item_citations c JOIN items i ON i.id = c.item_id AND i.latest_version = c.version "
      "WHERE c.provision_id = ?1 OR (c.provision_id >= ?2 AND c.provision_id < ?3) ORDER BY c.item_id",
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

// ---------------------------------------------------------------- items about a person

core::Result<std::vector<std::string>> Store::items_about(const std::string& person_id) const {
  return m_impl->strings(
      "SELECT i.id FROM items i JOIN item_versions v ON v.item_id = i.id AND v.version = i.latest_version "
      "WHERE v.person_id = ?1 "
      "UNION SELECT s.item_id FROM item_subjects s JOIN items i ON i.id = s.item_id AND i.latest_version = s.version "
      "WHERE s.person_id = ?1 ORDER BY 1",
      person_id);
}

}  // namespace berkas::store
