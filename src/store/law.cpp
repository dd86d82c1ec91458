#include "store/internal/store_impl.h"

#include <charconv>
#include <cstdint>
#include <system_error>
#include <utility>

#include "core/text.h"

namespace berkas::store {

namespace {

const char* level_code(core::Provision::Level l) { return l == core::Provision::Level::ayat ? "ayat" : "pasal"; }

}  // namespace

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

core::Result<PutOutcome> Store::put_precedent(const core::Precedent& p, const std::vector<core::Citation>& citations,
                                              const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_id(p.id, "precedent"));
  STORE_TRY_ASSIGN(hash, source_hash(p.source_sha256, source, "precedent " + p.id));

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(existing, d.stored_hash("SELECT source_sha256 FROM precedents WHERE id = ?1", p.id));
  if (existing && *existing == hash) {
    // The same source: unchanged, unless a newer reader derived its fields (docs/STORE.md).
    STORE_TRY_ASSIGN(stmt, d.db.prepare("SELECT reader FROM precedents WHERE id = ?1"));
    stmt.bind_text(1, p.id);
    STORE_TRY(stmt.step());
    if (stmt.integer(0) >= p.reader) return PutOutcome::unchanged;
  }

  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  STORE_TRY_ASSIGN(seq, d.log_change("precedent", p.id, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO precedents (id, number, court, date, defendant, verdict, prison_months, fine_rupiah, "
        "restitution_rupiah, sentence_text, text, fictional, source_sha256, seq, deliberated, pronounced, "
        "ruling_kind, reader) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
        "ON CONFLICT (id) DO UPDATE SET number = excluded.number, court = excluded.court, date = excluded.date, "
        "defendant = excluded.defendant, verdict = excluded.verdict, prison_months = excluded.prison_months, "
        "fine_rupiah = excluded.fine_rupiah, restitution_rupiah = excluded.restitution_rupiah, "
        "sentence_text = excluded.sentence_text, text = excluded.text, fictional = excluded.fictional, "
        "source_sha256 = excluded.source_sha256, seq = excluded.seq, deliberated = excluded.deliberated, "
        "pronounced = excluded.pronounced, ruling_kind = excluded.ruling_kind, reader = excluded.reader"));
    stmt.bind_text(1, p.id).bind_text(2, p.number).bind_text(3, p.court).bind_text(4, p.date);
    stmt.bind_text(5, p.defendant).bind_text(6, p.verdict).bind_int(7, p.prison_months).bind_int(8, p.fine_rupiah);
    stmt.bind_int(9, p.restitution_rupiah).bind_text(10, p.sentence_text).bind_text(11, p.text);
    stmt.bind_bool(12, p.fictional).bind_text(13, hash).bind_int(14, seq);
    stmt.bind_text(15, p.deliberated).bind_text(16, p.pronounced).bind_text(17, p.ruling_kind).bind_int(18, p.reader);
    STORE_TRY(stmt.run());
  }
  for (const char* sql : {"DELETE FROM precedent_provisions WHERE precedent_id = ?1",
                          "DELETE FROM precedent_citations WHERE precedent_id = ?1",
                          "DELETE FROM precedent_penalties WHERE precedent_id = ?1",
                          "DELETE FROM precedent_outcomes WHERE precedent_id = ?1"}) {
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
  int position = 0;
  for (const auto& o : p.outcomes) {
    {
      STORE_TRY_ASSIGN(stmt, d.db.prepare(
          "INSERT INTO precedent_outcomes (precedent_id, position, defendant, outcome, count_proven, counts_not_proven) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
      stmt.bind_text(1, p.id).bind_int(2, position).bind_text(3, o.defendant).bind_text(4, core::code_of(o.outcome));
      stmt.bind_text(5, o.count).bind_text(6, o.counts_not_proven);
      STORE_TRY(stmt.run());
    }
    for (const auto& [role, penalty] : {std::pair<const char*, const core::Penalty*>{"putusan", &o.sentence},
                                        {"tuntutan", o.demand ? &*o.demand : nullptr}}) {
      if (!penalty) continue;
      STORE_TRY(Impl::put_penalty(d.db, p.id, position, role, *penalty));
    }
    ++position;
  }
  STORE_TRY(scope.finish());
  return existing ? PutOutcome::new_version : PutOutcome::created;
}

core::Status Store::Impl::put_penalty(internal::Database& db, const std::string& precedent_id, int position, const char* role,
                                      const core::Penalty& pen) {
  STORE_TRY_ASSIGN(stmt, db.prepare(
      "INSERT INTO precedent_penalties (precedent_id, position, role, prison_years, prison_months, prison_days, "
      "fine_rupiah, fine_sub_years, fine_sub_months, fine_sub_days, restitution_rupiah, restitution_victims, "
      "restitution_joint, restitution_sub_years, restitution_sub_months, restitution_sub_days) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"));
  std::string victims;
  for (auto v : pen.restitution_per_victim) victims += (victims.empty() ? "" : ",") + std::to_string(v);
  stmt.bind_text(1, precedent_id).bind_int(2, position).bind_text(3, role);
  stmt.bind_int(4, pen.prison.years).bind_int(5, pen.prison.months).bind_int(6, pen.prison.days);
  stmt.bind_int(7, pen.fine_rupiah);
  stmt.bind_int(8, pen.fine_substitute.years).bind_int(9, pen.fine_substitute.months).bind_int(10, pen.fine_substitute.days);
  stmt.bind_int(11, pen.restitution_rupiah).bind_text(12, victims).bind_bool(13, pen.restitution_joint);
  stmt.bind_int(14, pen.restitution_substitute.years).bind_int(15, pen.restitution_substitute.months);
  stmt.bind_int(16, pen.restitution_substitute.days);
  return stmt.run();
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

// ---------------------------------------------------------------- reads: precedents

#define BERKAS_PRECEDENT_COLUMNS                                                                           \
  "id, number, court, date, defendant, verdict, prison_months, fine_rupiah, restitution_rupiah, " \
  "sentence_text, text, fictional, source_sha256, deliberated, pronounced, ruling_kind, reader"

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
  p.deliberated = row.text(13);
  p.pronounced = row.text(14);
  p.ruling_kind = row.text(15);
  p.reader = row.integer(16);
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT position, defendant, outcome, count_proven, counts_not_proven "
                                      "FROM precedent_outcomes WHERE precedent_id = ?1 ORDER BY position"));
    stmt.bind_text(1, p.id);
    for (;;) {
      STORE_TRY_ASSIGN(more, stmt.step());
      if (!more) break;
      core::DefendantOutcome o;
      o.defendant = stmt.text(1);
      o.outcome = core::parse_outcome(stmt.text(2)).value_or(core::Outcome::lainnya);
      o.count = stmt.text(3);
      o.counts_not_proven = stmt.text(4);
      p.outcomes.push_back(std::move(o));
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT position, role, prison_years, prison_months, prison_days, fine_rupiah, fine_sub_years, "
        "fine_sub_months, fine_sub_days, restitution_rupiah, restitution_victims, restitution_joint, "
        "restitution_sub_years, restitution_sub_months, restitution_sub_days "
        "FROM precedent_penalties WHERE precedent_id = ?1 ORDER BY position, role"));
    stmt.bind_text(1, p.id);
    for (;;) {
      STORE_TRY_ASSIGN(more, stmt.step());
      if (!more) break;
      const auto position = static_cast<std::size_t>(stmt.int64(0));
      if (position >= p.outcomes.size()) continue;  // the foreign key makes this impossible
      core::Penalty pen;
      pen.prison = {stmt.integer(2), stmt.integer(3), stmt.integer(4)};
      pen.fine_rupiah = stmt.int64(5);
      pen.fine_substitute = {stmt.integer(6), stmt.integer(7), stmt.integer(8)};
      pen.restitution_rupiah = stmt.int64(9);
      for (const auto& v : core::split(stmt.text(10), ',')) {
        std::int64_t amount = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), amount);
        if (ec == std::errc() && end == v.data() + v.size()) pen.restitution_per_victim.push_back(amount);
      }
      pen.restitution_joint = stmt.boolean(11);
      pen.restitution_substitute = {stmt.integer(12), stmt.integer(13), stmt.integer(14)};
      auto& o = p.outcomes[position];
      if (stmt.text(1) == "putusan") o.sentence = std::move(pen);
      else o.demand = std::move(pen);
    }
  }
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

core::Result<std::vector<std::pair<std::string, std::string>>> Store::precedents_read_before(int reader) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT id, source_sha256 FROM precedents WHERE reader < ?1 ORDER BY id"));
  stmt.bind_int(1, reader);
  std::vector<std::pair<std::string, std::string>> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.emplace_back(stmt.text(0), stmt.text(1));
  }
  return out;
}

// ---------------------------------------------------------------- reads: citations

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

core::Result<std::vector<std::string>> Store::precedents_citing(const std::string& provision_id) const {
  // A precedent "cites" a provision it names in its text or charges/applies in its verdict.
  return m_impl->citing(
      "SELECT precedent_id FROM precedent_citations "
      "WHERE provision_id = ?1 OR (provision_id >= ?2 AND provision_id < ?3) "
      "UNION SELECT precedent_id FROM precedent_provisions "
      "WHERE provision_id = ?1 OR (provision_id >= ?2 AND provision_id < ?3) ORDER BY 1",
      provision_id);
}

}  // namespace berkas::store
