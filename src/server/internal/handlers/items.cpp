// Evidence items and precedents: the page and the API show the one view the service gives
// (service::ItemView, service::PrecedentView) — as page data here, as JSON by service/json.
// Attachments are downloaded audited, from the page and the API alike.
#include "server/internal/shared.h"

#include "core/text.h"
#include "server/internal/views.h"
#include "service/json.h"
#include "service/redact.h"

namespace berkas::server::internal {

namespace {

Data item_data(const service::ItemView& v, const Templates& t, const std::string& lang) {
  const auto& it = v.item;
  Data d;
  d.set("id", text(it.id));
  d.set("version", text(std::to_string(it.version)));
  d.set("title", text(it.title));
  d.set("kind", text(core::label_of(it.kind)));
  d.set("case_id", text(it.case_id));
  d.set("case_title", text(v.case_title));
  d.set("date", text(it.date));
  d.set("place", text(it.place));
  d.set("examiner", text(it.examiner));
  d.set("summary", text(it.summary));
  d.set("sha256", text(it.source_sha256));
  if (it.fictional) d.set("fictional", Data(true));
  if (!it.correction_note.empty()) d.set("correction", text(it.correction_note));
  if (v.redacted) d.set("redacted", Data(true));
  // The original (the ingested bytes): offered only where this view hid nothing — the service
  // checks again when it is asked for (service/originals.h).
  if (v.original_offered)
    d.set("original_url", text("/items/" + url_encode(it.id + "@" + std::to_string(it.version)) + "/original"));
  if (v.person) {
    d.set("has_person", Data(true));
    d.set("person", text(v.person->display_name));
    d.set("person_role", text(v.person->role));
    if (v.person->pseudonymised) d.set("pseudonymised", Data(true));
  }
  List qa;
  for (const auto& p : it.qa) {
    Data q;
    q.set("number", text(std::to_string(p.number)));
    q.set("question", text(p.question));
    q.set("answer", text(p.answer));
    qa.push_back(q);
  }
  d.set("qa", qa);
  if (!it.qa.empty()) d.set("has_qa", Data(true));
  List sections;
  for (const auto& s : it.sections) {
    Data sd;
    sd.set("heading", text(s.heading));
    sd.set("text", text(s.text));
    sections.push_back(sd);
  }
  d.set("sections", sections);
  List atts;
  int att_number = 0;
  for (const auto& a : it.attachments) {
    Data ad;
    ad.set("url", text("/items/" + url_encode(it.id + "@" + std::to_string(it.version)) + "/attachments/" +
                       std::to_string(++att_number)));
    ad.set("name", text(a.name));
    ad.set("media_type", text(a.media_type));
    ad.set("size", text(std::to_string(a.size)));
    ad.set("sha256", text(a.sha256));
    ad.set("description", text(a.description));
    atts.push_back(ad);
  }
  d.set("attachments", atts);
  if (!it.attachments.empty()) d.set("has_attachments", Data(true));
  // A native file: what it was, and its derived text by page or message, each saying how it was
  // obtained — the reader must not mistake machine-read text for the original.
  if (!it.original.empty()) {
    d.set("has_original", Data(true));
    d.set("original_name", text(it.original.file_name));
    d.set("original_format", text(it.original.format));
    d.set("original_media_type", text(it.original.media_type));
    List meta;
    for (const auto& [k, val] : it.original.metadata) {
      Data md;
      md.set("key", text(k));
      md.set("value", text(val));
      meta.push_back(md);
    }
    d.set("original_metadata", meta);
    List units;
    for (const auto& u : it.units) {
      Data ud;
      ud.set("anchor", text("unit-" + std::to_string(u.number)));
      ud.set("name", text(core::unit_name(it.original, u)));
      ud.set("method", text(core::method_label(u)));
      if (u.method == "ocr") ud.set("machine_read", Data(true));
      if (u.confidence >= 0 && u.confidence < 60) ud.set("low_confidence", Data(true));
      if (!u.time.empty()) ud.set("time", text(core::replace_all(u.time, "T", " ")));
      if (!u.sender.empty()) ud.set("sender", text(u.sender));
      if (u.system) ud.set("system", Data(true));
      if (!u.media.empty()) ud.set("media", text(u.media));
      ud.set("text", text(u.text));
      units.push_back(ud);
    }
    d.set("units", units);
  }
  List versions;
  for (const auto& ver : v.versions) {
    Data vd;
    vd.set("version", text(std::to_string(ver.version)));
    vd.set("url", text("/items/" + url_encode(it.id + "@" + std::to_string(ver.version))));
    vd.set("ingested_at", text(ver.ingested_at));
    vd.set("sha256", text(ver.source_sha256));
    if (ver.superseded) vd.set("superseded", Data(true));
    if (ver.version == it.version) vd.set("current", Data(true));
    vd.set("note", text(ver.correction_note));
    versions.push_back(vd);
  }
  d.set("versions", versions);
  d.set("citations", citation_list(v.citations, t, lang));
  return d;
}

Data precedent_data(const service::PrecedentView& v, const Templates& t, const std::string& lang) {
  const auto& p = v.precedent;
  Data d;
  d.set("number", text(p.number));
  d.set("court", text(p.court));
  d.set("date", text(p.date));
  d.set("defendant", text(p.defendant));
  d.set("verdict", text(p.verdict));
  d.set("sentence", text(p.sentence_text));
  d.set("prison_months", text(std::to_string(p.prison_months)));
  d.set("fine", text(std::to_string(p.fine_rupiah)));
  d.set("restitution", text(std::to_string(p.restitution_rupiah)));
  d.set("deliberated", text(p.deliberated));
  d.set("pronounced", text(p.pronounced));
  if (p.ruling_kind == "penetapan") d.set("penetapan", Data(true));
  // Each defendant: the outcome, the count, and the sentence beside the demand.
  auto penalty = [](const core::Penalty& pen) {
    Data pd;
    pd.set("prison", text(pen.prison.empty() ? "—" : core::to_string(pen.prison)));
    pd.set("fine", text(pen.fine_rupiah > 0 ? core::format_rupiah(pen.fine_rupiah) : "—"));
    pd.set("fine_substitute", text(core::to_string(pen.fine_substitute)));
    pd.set("restitution", text(pen.restitution_rupiah > 0 ? core::format_rupiah(pen.restitution_rupiah) : "—"));
    std::string victims;
    if (pen.restitution_per_victim.size() > 1)
      for (auto v : pen.restitution_per_victim) victims += (victims.empty() ? "" : " + ") + core::format_rupiah(v);
    pd.set("restitution_victims", text(victims));
    if (pen.restitution_joint) pd.set("joint", Data(true));
    pd.set("restitution_substitute", text(core::to_string(pen.restitution_substitute)));
    return pd;
  };
  List outcomes;
  for (const auto& o : p.outcomes) {
    Data od;
    od.set("defendant", text(o.defendant));
    od.set("outcome", text(core::label_of(o.outcome)));
    od.set("outcome_code", text(core::code_of(o.outcome)));
    od.set("count", text(o.count));
    od.set("not_proven", text(o.counts_not_proven));
    od.set("sentence", penalty(o.sentence));
    if (o.demand) od.set("demand", penalty(*o.demand));
    outcomes.push_back(od);
  }
  d.set("outcomes", outcomes);
  d.set("text", text(p.text));
  d.set("sha256", text(p.source_sha256));
  if (p.fictional) d.set("fictional", Data(true));
  d.set("charged", citation_list(v.charged, t, lang));
  d.set("applied", citation_list(v.applied, t, lang));
  d.set("cited", citation_list(v.cited, t, lang));
  return d;
}

}  // namespace

// GET /items/{ref} and /api/v1/items/{ref} ("id" or "id@version").
Response App::item(Ctx& c, const std::string& ref, Format f) {
  auto v = with_reader([&](service::Context& s) { return s.evidence().item(c.viewer(), ref); });
  if (!v) return failure(c, f, v.error());
  if (f == Format::json) return json_response(service::json::of(*v));
  Data d = item_data(*v, m_templates, c.lang);
  // The correction form (handlers/forms.cpp) for a statement written as Berkas XML; the policy
  // decides who may supersede evidence, the form's service checks it again.
  const auto& it = v->item;
  const bool statement =
      it.kind == core::EvidenceKind::keterangan_saksi || it.kind == core::EvidenceKind::keterangan_terdakwa;
  if (statement && it.original.empty() && it.attachments.empty() && !v->redacted &&
      service::policy().may_supersede(c.viewer(), it.case_id))
    d.set("correct_url", text("/items/" + url_encode(it.id) + "/correct"));
  return render(c, 200, "item", d);
}

// GET /precedents/{id} and /api/v1/precedents/{id}.
Response App::precedent(Ctx& c, const std::string& id, Format f) {
  auto v = with_reader([&](service::Context& s) { return s.evidence().precedent(c.viewer(), id); });
  if (!v) return failure(c, f, v.error());
  if (f == Format::json) return json_response(service::json::of(*v));
  return render(c, 200, "precedent", precedent_data(*v, m_templates, c.lang));
}

namespace {

// The Content-Type a download is sent with: the stored type only where it is a known, inert one;
// HTML and anything unknown go out as bytes (always as an attachment, never rendered).
std::string download_type(const std::string& media_type) {
  static const char* k_inert[] = {"application/pdf", "application/json", "text/plain", "text/csv",
                                  "image/png",       "image/jpeg",       "audio/mpeg", "video/mp4"};
  const std::string t = core::ascii_lower(media_type.substr(0, media_type.find(';')));
  for (const char* k : k_inert)
    if (t == k) return t.rfind("text/", 0) == 0 || t == "application/json" ? t + "; charset=utf-8" : t;
  return "application/octet-stream";
}

}  // namespace

// GET /items/{ref}/attachments/{n} (n from 1, as listed on the item page). Served only to a
// viewer who may see the item; refused — with the very answer a missing attachment gets — when
// the bytes name a protected person the viewer is not cleared for (a file cannot be redacted
// safely). Every download and every such refusal is audited (service/originals.h).
Response App::download_attachment(Ctx& c, const std::string& ref, const std::string& n_text, bool api) {
  auto missing = [&] {
    const std::string msg = "lampiran tidak ditemukan / attachment not found";
    return api ? problem(404, msg) : error_page(c, 404, msg);
  };
  if (n_text.empty() || n_text.size() > 4 || n_text.find_first_not_of("0123456789") != std::string::npos)
    return missing();
  const auto n = static_cast<std::size_t>(core::parse_decimal(n_text, 0, 9999).value_or(0));
  return original_download(c, api, [&](service::Context& s, const service::AuditFn& audit) {
    return s.originals().attachment(c.viewer(), ref, n, audit);
  });
}

// GET /items/{ref}/original: the item version's ingested bytes, unchanged (service/originals.h:
// only to who may see every name in it; audited).
Response App::download_original(Ctx& c, const std::string& ref, bool api) {
  return original_download(c, api, [&](service::Context& s, const service::AuditFn& audit) {
    return s.originals().item(c.viewer(), ref, audit);
  });
}

Response App::original_download(
    Ctx& c, bool api,
    const std::function<core::Result<service::OriginalFile>(service::Context&, const service::AuditFn&)>& get) {
  const auto& v = c.viewer();
  auto file = with_reader([&](service::Context& s) {
    return get(s, [&](const std::string& action, const std::string& object, const std::string& detail) {
      return m_accounts->record(v, action, object, detail);
    });
  });
  if (!file) return api ? problem(file.error()) : error_page(c, file.error());
  Response r;
  r.status = 200;
  r.content_type = download_type(file->media_type);
  r.body = std::move(file->bytes);
  r.set_header("Content-Disposition", "attachment; filename=\"" + download_name(file->file_name) + "\"");
  return r;  // nosniff, no-store and the CSP come with every response (server.cpp)
}

}  // namespace berkas::server::internal
