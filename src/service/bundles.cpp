#include "service/bundles.h"

#include "core/file.h"
#include "service/internal/disclosure.h"
#include "service/internal/json_util.h"
#include "service/internal/paths.h"
#include "service/internal/store_access.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "bundle/bundle.h"
#include "core/hash.h"
#include "core/text.h"
#include "service/access.h"

namespace berkas::service {

using core::ErrorCode;
using core::fail;

namespace {

namespace fs = std::filesystem;


// The register number's slug: "PDM-17/JKT.BRT/Eku.2/04/2024" → "pdm-17-jkt-brt-eku-2-04-2024".
std::string register_slug(const core::Case& c) {
  std::string s = core::slugify(c.register_number);
  if (s.empty()) s = core::slugify(c.id);
  return s.empty() ? "berkas" : s;
}

bundle::CaseData case_data_of(CaseMaterial m) {
  bundle::CaseData d;
  d.case_info = std::move(m.view.case_file);
  for (const auto& p : m.view.persons) {
    bundle::PersonView pv;
    pv.id = p.id;
    pv.display_name = p.display_name;
    pv.role = core::parse_person_role(p.role).value_or(core::PersonRole::saksi);
    pv.is_protected = p.is_protected;
    pv.pseudonymised = p.pseudonymised;
    d.persons.push_back(std::move(pv));
  }
  d.items = std::move(m.items);
  d.provisions = std::move(m.charged);
  d.precedents = std::move(m.precedents);
  d.attachments = std::move(m.attachments);
  d.forbidden_strings = std::move(m.forbidden);
  d.originals_naming_protected = std::move(m.originals_naming_hidden);
  return d;
}

// The original files of native PDFs and photos, merged as exhibits: read from the store into
// `d.attachments` by their SHA-256.
core::Status add_originals(Service& svc, bundle::CaseData& d) {
  auto st = internal::store_of(svc);
  if (!st) return tl::unexpected(st.error());
  for (const auto& it : d.items) {
    const std::string& f = it.original.format;
    if (f != "pdf" && f != "png" && f != "jpeg" && f != "tiff") continue;
    if (d.attachments.count(it.source_sha256)) continue;
    auto bytes = (*st)->source(it.source_sha256);
    if (!bytes) return tl::unexpected(bytes.error());
    d.attachments.emplace(it.source_sha256, std::move(*bytes));
  }
  return {};
}

// The bundle's date comes from the data: the latest dated item, else the offence date.
core::Date date_of(const bundle::CaseData& d) {
  core::Date latest;
  for (const auto& it : d.items)
    if (core::is_iso_date(it.date) && it.date > latest) latest = it.date;
  if (latest.empty() && core::is_iso_date(d.case_info.offence_date)) latest = d.case_info.offence_date;
  return latest;
}

}  // namespace

core::Result<BundleMade> make_bundle(Service& svc, const Options& options, const Viewer& v, const BundleRequest& r) {
  if (r.case_id.empty()) return fail(ErrorCode::invalid_input, "bundle: a case id is required", {}, 0, "case");
  // A case the viewer may not see answers as missing first, whatever was asked for.
  auto material = svc.case_material(internal::reader_for(v, r.disclosure), r.case_id);
  if (!material) return tl::unexpected(material.error());
  if (r.disclosure == core::Disclosure::identities && !may_disclose_identities(v, material->view.case_file.id))
    return tl::unexpected(internal::identities_refused());
  // The labels say what was applied, not what the maker could have seen.
  const bool redacted = r.disclosure == core::Disclosure::pseudonyms;
  std::set<std::string> hidden;
  for (const auto& name : material->forbidden) hidden.insert(core::sha256_hex(name));

  bundle::CaseData data = case_data_of(std::move(*material));
  if (auto o = add_originals(svc, data); !o) return tl::unexpected(o.error());
  const std::string tpl = internal::template_path(options, r.template_name);
  if (!fs::exists(tpl))
    return fail(ErrorCode::not_found, "templat tidak ditemukan / template not found: " + r.template_name, tpl);

  bundle::BundleOptions bo;
  bo.template_path = tpl;
  bo.schema_path = internal::schema_path(options, "bundle-template.xsd");
  std::string prefix = r.stamp_prefix;
  if (prefix.empty()) {
    prefix = register_slug(data.case_info);
    for (auto& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    prefix += "-";
  }
  bo.stamp_prefix = prefix;
  bo.creator = v.user;
  bo.date = date_of(data);
  bo.disclosure = r.disclosure;
  auto built = bundle::build_bundle(data, bo);
  if (!built) return tl::unexpected(built.error());

  BundleMade out;
  const std::string name = register_slug(data.case_info) + (redacted ? "" : "-terbuka") + ".pdf";
  out.path = !r.out_path.empty() ? r.out_path : r.out_dir.empty() ? name : (fs::path(r.out_dir) / name).string();
  out.page_count = built->page_count;
  out.sha256 = built->sha256;
  out.manifest_sha256 = built->manifest_sha256;
  out.disclosure = r.disclosure;
  out.redacted = redacted;
  out.hidden_name_sha256.assign(hidden.begin(), hidden.end());
  out.omitted = built->omitted_item_ids;

  store::BundleRecord rec;
  rec.case_id = data.case_info.id;
  rec.template_name = fs::path(tpl).stem().string();
  rec.created_at = bo.date;
  rec.sha256 = built->sha256;
  rec.manifest_sha256 = built->manifest_sha256;
  rec.content_sha256 = built->content_sha256;
  rec.page_count = built->page_count;
  rec.file_name = fs::path(out.path).filename().string();
  rec.stamp_prefix = prefix;
  rec.user = v.user;
  rec.redacted = redacted;
  for (const auto& e : built->manifest) {
    rec.entries.push_back({e.id, e.kind, e.version, e.sha256, e.first_page, e.last_page, e.withheld});
    if (e.withheld) out.withheld.push_back(e.id);
  }

  // Open the record's store before writing, so that a store that cannot be written costs no file.
  auto st = internal::store_of(svc);
  if (!st) return tl::unexpected(st.error());
  if (auto w = core::write_file_atomically(out.path, built->pdf); !w) return tl::unexpected(w.error());
  auto remove_file = [&] {
    std::error_code ec;
    fs::remove(out.path, ec);
  };
  auto put = (*st)->put_bundle(rec);
  if (!put) {
    remove_file();
    return tl::unexpected(put.error());
  }
  out.id = rec.id;
  out.already_recorded = *put == store::PutOutcome::unchanged;
  const std::string detail = "sha256 " + out.sha256 + ", " + std::to_string(out.page_count) + " halaman / pages, " +
                             internal::disclosure_detail(r.disclosure);
  if (auto a = svc.record(v, "bundle", data.case_info.id, detail); !a) {
    // The record stays (rows are immutable) but the file is not handed out unaudited.
    remove_file();
    return tl::unexpected(a.error());
  }
  return out;
}

core::Result<std::vector<store::BundleRecord>> list_bundles(Service& svc, [[maybe_unused]] const Options& options, const Viewer& v,
                                                            const std::string& case_id) {
  auto cases = svc.cases(v);
  if (!cases) return tl::unexpected(cases.error());
  std::set<std::string> visible;
  for (const auto& c : *cases) visible.insert(c.id);
  if (!case_id.empty() && !visible.count(case_id))
    return fail(ErrorCode::not_found, "perkara tidak ditemukan / case not found: " + case_id);
  auto st = internal::store_of(svc);
  if (!st) return tl::unexpected(st.error());
  auto all = (*st)->bundles(case_id);
  if (!all) return tl::unexpected(all.error());
  std::vector<store::BundleRecord> out;
  for (auto& b : *all)
    if (visible.count(b.case_id)) out.push_back(std::move(b));
  return out;
}

core::Result<BundleCheck> verify_bundle(Service& svc, [[maybe_unused]] const Options& options, const Viewer& v, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::io, "berkas tidak dapat dibaca / cannot read the file", file);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fail(ErrorCode::io, "berkas tidak dapat dibaca / cannot read the file", file);

  auto st = internal::store_of(svc);
  if (!st) return tl::unexpected(st.error());
  auto cases = svc.cases(v);
  if (!cases) return tl::unexpected(cases.error());
  std::set<std::string> visible;
  for (const auto& c : *cases) visible.insert(c.id);

  BundleCheck check;
  check.file_sha256 = core::sha256_hex(bytes);
  std::vector<bundle::ManifestEntry> entries;
  if (auto rec = (*st)->bundle_by_sha256(check.file_sha256); rec && visible.count(rec->case_id)) {
    check.recorded = true;
    check.berkas_bundle = true;
    check.manifest_matches = true;
    check.record = *rec;
    for (const auto& e : rec->entries) entries.push_back({e.object_id, e.kind, e.version, e.sha256});
  } else if (!rec && rec.error().code != ErrorCode::not_found) {
    return tl::unexpected(rec.error());
  } else {
    auto id = bundle::read_bundle_identity(bytes);
    if (id) {
      check.berkas_bundle = true;
      check.manifest_matches = id->manifest_matches;
      check.identifier = id->identifier;
      entries = id->manifest;
      // Which recorded bundle it claims to be: the same content hash (the same manifest can be
      // shared by a redacted and a revealed bundle; their content differs).
      auto all = (*st)->bundles();
      if (!all) return tl::unexpected(all.error());
      for (const auto& b : *all)
        if (b.content_sha256 == id->content_sha256 && visible.count(b.case_id)) check.record = b;
    }
  }

  for (const auto& e : entries) {
    if (e.kind == "putusan") {
      auto p = (*st)->precedent(e.id);
      if (!p) check.problems.push_back({e.id, "tidak ada di penyimpanan / not in the store"});
      else if (p->source_sha256 != e.sha256) check.problems.push_back({e.id, "SHA-256 berbeda / SHA-256 differs"});
    } else if (e.kind == "lampiran") {
      auto a = (*st)->attachment(e.sha256);
      if (!a) check.problems.push_back({e.id, "lampiran tidak ada / attachment missing"});
      else if (core::sha256_hex(*a) != e.sha256) check.problems.push_back({e.id, "lampiran berubah / attachment changed"});
    } else {
      auto it = (*st)->item(e.id, e.version);
      if (!it) check.problems.push_back({e.id + "@" + std::to_string(e.version), "versi tidak ada / version not in the store"});
      else if (it->source_sha256 != e.sha256)
        check.problems.push_back({e.id + "@" + std::to_string(e.version), "SHA-256 berbeda / SHA-256 differs"});
      else if (auto latest = (*st)->item(e.id); latest && latest->version > e.version)
        check.superseded.push_back(e.id + "@" + std::to_string(latest->version));
    }
  }
  return check;
}

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

using internal::json_strings;
Object::Ptr json_obj() { return internal::json_object(); }

template <class T>
std::string json_str(const T& ptr) {
  return internal::json_text(ptr);
}

BundleInfo info_of(const store::BundleRecord& b) {
  BundleInfo i;
  i.id = b.id;
  i.case_id = b.case_id;
  i.template_name = b.template_name;
  i.created_at = b.created_at;
  i.recorded_at = b.recorded_at;
  i.sha256 = b.sha256;
  i.manifest_sha256 = b.manifest_sha256;
  i.content_sha256 = b.content_sha256;
  i.page_count = b.page_count;
  i.file_name = b.file_name;
  i.stamp_prefix = b.stamp_prefix;
  i.user = b.user;
  i.redacted = b.redacted;
  for (const auto& e : b.entries)
    i.entries.push_back({e.object_id, e.kind, e.version, e.sha256, e.first_page, e.last_page, e.withheld});
  return i;
}

// `options`: Poco's object options — key order kept (the CLI's shape) or alphabetical (0, the API's).
Object::Ptr json_of(const BundleInfo& b, int options) {
  Object::Ptr o = new Object(options);
  o->set("id", static_cast<Poco::Int64>(b.id));
  o->set("case", b.case_id);
  o->set("template", b.template_name);
  o->set("date", b.created_at);
  o->set("recorded_at", b.recorded_at);
  o->set("sha256", b.sha256);
  o->set("manifest_sha256", b.manifest_sha256);
  o->set("content_sha256", b.content_sha256);
  o->set("pages", b.page_count);
  o->set("file", b.file_name);
  o->set("stamp_prefix", b.stamp_prefix);
  o->set("user", b.user);
  o->set("redacted", b.redacted);
  o->set("disclosure", core::code_of(b.redacted ? core::Disclosure::pseudonyms : core::Disclosure::identities));
  Array::Ptr entries = new Array;
  for (const auto& e : b.entries) {
    Object::Ptr x = new Object(options);
    x->set("id", e.object_id);
    x->set("kind", e.kind);
    x->set("version", e.version);
    x->set("sha256", e.sha256);
    x->set("first_page", e.first_page);
    x->set("last_page", e.last_page);
    if (e.withheld) x->set("withheld", true);
    entries->add(x);
  }
  o->set("entries", entries);
  if (!b.download.empty()) o->set("download", b.download);
  return o;
}

Object::Ptr json_of(const store::BundleRecord& b) { return json_of(info_of(b), Poco::JSON_PRESERVE_KEY_ORDER); }

}  // namespace

std::string bundles_json(const std::vector<store::BundleRecord>& bundles) {
  Array::Ptr a = new Array;
  for (const auto& b : bundles) a->add(json_of(b));
  return json_str(a);
}

std::string bundle_list_json(const std::vector<BundleInfo>& bundles) {
  Array::Ptr a = new Array;
  for (const auto& b : bundles) a->add(json_of(b, 0));
  return json_str(a);
}

core::Result<std::vector<BundleInfo>> bundle_infos(Service& svc, const Options& options, const Viewer& v,
                                                   const std::string& case_id) {
  auto list = list_bundles(svc, options, v, case_id);
  if (!list) return tl::unexpected(list.error());
  std::vector<BundleInfo> out;
  out.reserve(list->size());
  for (const auto& b : *list) out.push_back(info_of(b));
  return out;
}

std::string bundle_made_json(const BundleMade& m) {
  auto o = json_obj();
  o->set("path", m.path);
  o->set("pages", m.page_count);
  o->set("sha256", m.sha256);
  o->set("manifest_sha256", m.manifest_sha256);
  o->set("id", static_cast<Poco::Int64>(m.id));
  o->set("redacted", m.redacted);
  o->set("disclosure", core::code_of(m.disclosure));
  o->set("already_recorded", m.already_recorded);
  o->set("withheld", json_strings(m.withheld));
  o->set("omitted", json_strings(m.omitted));
  return json_str(o);
}

std::string bundle_check_json(const BundleCheck& c) {
  auto o = json_obj();
  o->set("sha256", c.file_sha256);
  o->set("intact", c.intact());
  o->set("recorded", c.recorded);
  o->set("berkas_bundle", c.berkas_bundle);
  o->set("manifest_matches", c.manifest_matches);
  if (c.record.id) o->set("bundle", json_of(c.record));
  Array::Ptr problems = new Array;
  for (const auto& p : c.problems) {
    auto x = json_obj();
    x->set("id", p.object_id);
    x->set("problem", p.problem);
    problems->add(x);
  }
  o->set("problems", problems);
  o->set("superseded", json_strings(c.superseded));
  return json_str(o);
}

}  // namespace berkas::service
