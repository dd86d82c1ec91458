#include "store/internal/store_impl.h"

#include <utility>

#include "core/text.h"

namespace berkas::store {

// ---------------------------------------------------------------- writes

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
        "needs_interpreter, fictional, source_sha256, seq, companion_id, organisation, contact, identifiers) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, pseudonym = excluded.pseudonym, "
        "role = excluded.role, is_protected = excluded.is_protected, gender = excluded.gender, "
        "birth_date = excluded.birth_date, origin = excluded.origin, language = excluded.language, "
        "needs_interpreter = excluded.needs_interpreter, fictional = excluded.fictional, "
        "source_sha256 = excluded.source_sha256, seq = excluded.seq, companion_id = excluded.companion_id, "
        "organisation = excluded.organisation, contact = excluded.contact, identifiers = excluded.identifiers"));
    stmt.bind_text(1, p.id).bind_text(2, p.name).bind_text(3, p.pseudonym).bind_text(4, core::to_string(p.role));
    stmt.bind_bool(5, p.is_protected).bind_text(6, p.gender).bind_text(7, p.birth_date).bind_text(8, p.origin);
    stmt.bind_text(9, p.language).bind_bool(10, p.needs_interpreter).bind_bool(11, p.fictional);
    stmt.bind_text(12, hash).bind_int(13, seq).bind_text(14, p.companion_id).bind_text(15, p.organisation);
    stmt.bind_text(16, p.contact);
    std::string identifiers;
    for (const auto& i : p.identifiers) identifiers += i.kind + '\t' + i.value + '\n';
    stmt.bind_text(17, identifiers);
    STORE_TRY(stmt.run());
  }
  STORE_TRY(replace_list(d.db, "DELETE FROM person_cases WHERE person_id = ?1",
                         "INSERT INTO person_cases (person_id, position, case_id) VALUES (?1, ?2, ?3)", p.id,
                         p.case_ids));
  STORE_TRY(scope.finish());
  return existing ? PutOutcome::new_version : PutOutcome::created;
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
  "p.needs_interpreter, p.fictional, p.source_sha256, p.companion_id, p.organisation, p.contact, p.identifiers"

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
  for (const auto& line : core::split(row.text(15), '\n')) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) p.identifiers.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
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

}  // namespace berkas::store
