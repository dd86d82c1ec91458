// Upload: files posted from the upload page (/upload, multipart form with csrf) or the API
// (POST /api/v1/ingest), ingested through the uploader's case assignments; the one report is shown
// as the page (per file: stored, unchanged or refused, and why) or as JSON. 422 when a file failed.
// Native evidence (a case in the form) is read by an upload job instead (handlers/jobs.cpp).
#include "server/internal/shared.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "server/internal/views.h"
#include "service/json.h"
#include "service/upload.h"

namespace fs = std::filesystem;

namespace berkas::server::internal {

using core::ErrorCode;

namespace {

constexpr std::size_t k_max_upload_files = 100;

// The file name the client gave, reduced to a display name: never used as a path.
std::string display_name(const std::string& client_name) {
  std::string name = client_name;
  auto slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  if (!core::is_valid_utf8(name)) name = "berkas";
  if (name.size() > 120) name = name.substr(0, 120);
  return name.empty() ? std::string("berkas") : name;
}

}  // namespace

void add_upload_report(const service::IngestReport& report, Data& d) {
  List files;
  for (const auto& f : report.files) {
    Data fd;
    fd.set("name", text(f.path));
    fd.set("status", text(service::to_string(f.status)));
    if (f.status == service::FileOutcome::Status::failed) fd.set("failed", Data(true));
    fd.set("kind", text(f.kind));
    fd.set("object_id", text(f.object_id));
    if (f.kind == "item" && !f.object_id.empty()) fd.set("url", text("/items/" + url_encode(f.object_id)));
    if (f.version) fd.set("version", text(std::to_string(f.version)));
    fd.set("error", text(f.error));
    files.push_back(fd);
  }
  d.set("files", files);
  d.set("uploaded", Data(true));
}

UploadFolder::~UploadFolder() { remove(); }

void UploadFolder::remove() {
  if (m_path.empty()) return;
  std::error_code e;
  fs::remove_all(m_path, e);
  m_path.clear();
}

service::IngestReport App::StagedUpload::shown(service::IngestReport report) const {
  for (auto& f : report.files)
    for (const auto& [path, name] : names) {
      if (f.path == path) f.path = name;
      f.error = core::replace_all(f.error, path, name);
    }
  report.files.insert(report.files.begin(), refused.files.begin(), refused.files.end());
  return report;
}

// Writes each uploaded file under a fresh private folder with a generated name (the client's
// name is for display only); what the form says of them in `options`.
core::Result<App::StagedUpload> App::stage_upload(Ctx&, const Multipart& form) {
  if (form.files.empty()) return core::fail(ErrorCode::invalid_input, "tidak ada berkas / no file uploaded");
  if (form.files.size() > k_max_upload_files)
    return core::fail(ErrorCode::invalid_input, "terlalu banyak berkas / too many files");
  StagedUpload staged;
  staged.posted = form.files.size();
  const fs::path dir = fs::path(m_options.data_dir) / "uploads" / ("u-" + random_token().substr(0, 24));
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return core::fail(ErrorCode::io, "cannot create the upload folder: " + ec.message());
  staged.folder = UploadFolder(dir.string());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  // A case named in the form makes the files native evidence of it (a PDF, scan, photo, Word
  // file, e-mail, chat export: what each is comes from its content); otherwise they are Berkas
  // XML and decisions, each naming its own case.
  service::UploadOptions& options = staged.options;
  auto field = [&](const char* name) {
    auto it = form.fields.find(name);
    return it == form.fields.end() ? std::string() : core::squeeze_space(it->second);
  };
  if (auto v = core::ascii_lower(field("correction")); v == "ya" || v == "true" || v == "on" || v == "1")
    options.correction = true;
  options.native.case_id = field("case");
  const bool native = !options.native.case_id.empty();
  if (native) {
    options.native.kind = field("kind");
    options.native.title = field("title");
    options.native.date = field("date");
    options.native.person_id = field("person");
    options.native.id = field("id");
    if (auto it = form.fields.find("correction_note"); it != form.fields.end())
      options.native.correction_note = core::without_control_chars(it->second);
    if (!options.native.id.empty() && form.files.size() != 1)
      return core::fail(ErrorCode::invalid_input, "id hanya untuk satu berkas / an id names one file only");
  }
  int n = 0;
  for (const auto& f : form.files) {
    const std::string shown = display_name(f.file_name);
    const std::string ext = lower_ext(shown);
    if (!native && ext != ".xml" && ext != ".txt") {
      service::FileOutcome o;
      o.path = shown;
      o.error = shown + ": tanpa perkara hanya .xml atau .txt; untuk barang bukti asli (PDF, foto, DOCX, surel, "
                        "percakapan) pilih perkaranya / without a case only .xml or .txt; for native evidence "
                        "choose its case";
      o.error_code = ErrorCode::invalid_input;
      staged.refused.files.push_back(o);
      continue;
    }
    char num[16];
    std::snprintf(num, sizeof num, "%03d", ++n);
    // Native files keep the name they came with (their original's name; its extension is checked
    // against the content) in a folder of their own; ours are generated.
    fs::path p = dir / (std::string("unggahan-") + num + ext);
    if (native) {
      fs::create_directory(dir / num, ec);
      if (ec) return core::fail(ErrorCode::io, "cannot create the upload folder: " + ec.message());
      p = dir / num / (shown.front() == '.' ? "berkas" + ext : shown);
    }
    {
      std::ofstream out(p, std::ios::binary);
      out << f.bytes;
      if (!out) return core::fail(ErrorCode::io, "cannot write the upload");
    }
    staged.paths.push_back(p.string());
    staged.names.emplace_back(p.string(), shown);
  }
  return staged;
}

// Ingests a staged upload on the writer (Berkas XML: quick) and maps the outcomes back to the
// display names. Each file's case is checked against the uploader's assignments before anything
// is stored. A file reusing an existing item's id is a correction only when the form says so
// ("correction" = ya / true / on / 1, a checkbox on the page, a field in the API).
core::Result<service::IngestReport> App::ingest_upload(Ctx& c, StagedUpload& staged) {
  service::IngestReport report;
  if (!staged.paths.empty()) {
    auto r = with_writer([&](service::Context& s) { return s.uploads().ingest(c.viewer(), staged.paths, staged.options); });
    if (!r) return r;
    report = std::move(*r);
  }
  report = staged.shown(std::move(report));
  (void)m_accounts->record(c.viewer(), "upload", "files:" + std::to_string(staged.posted),
                           "failed=" + std::to_string(report.failed()));
  return report;
}

// The form offers the cases the viewer may put evidence into, and the kinds of evidence.
Data App::upload_form_data(Ctx& c) {
  Data d;
  List cases;
  if (auto list = with_reader([&](service::Context& s) { return s.evidence().cases(c.viewer()); }))
    for (const auto& k : *list) {
      Data cd;
      cd.set("id", text(k.id));
      cd.set("title", text(k.title));
      cases.push_back(cd);
    }
  d.set("cases", cases);
  List kinds;
  for (const char* code : {"surat", "elektronik", "bap", "ahli", "terdakwa"}) {
    Data kd;
    kd.set("code", text(code));
    kd.set("label", text(core::label_of(*core::parse_evidence_kind(code))));
    kinds.push_back(kd);
  }
  d.set("kinds", kinds);
  return d;
}

Response App::page_upload(Ctx& c) {
  if (!c.may_ingest()) return error_page(c, 403, "pelatih tidak dapat mengunggah / trainers cannot upload");
  return render(c, 200, "upload", upload_form_data(c));
}

// POST /upload and POST /api/v1/ingest.
Response App::upload(Ctx& c, Format f) {
  if (!c.may_ingest()) return failure(c, f, 403, "pelatih tidak dapat mengunggah / trainers cannot upload");
  auto form = parse_multipart(c.req.header("content-type"), c.req.body, k_max_upload_files + 10);
  if (!form) return failure(c, f, form.error());
  if (f == Format::page) {
    // The API's token comes in its header (checked by the router); the form's in a field.
    auto token = form->fields.find("csrf");
    if (token == form->fields.end() || !csrf_ok(c, token->second))
      return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  }
  auto staged = stage_upload(c, *form);
  if (!staged) return failure(c, f, staged.error());
  // Native evidence may need OCR: it is read by a job, off the request and the writer.
  if (!staged->options.native.case_id.empty() && !staged->paths.empty())
    return start_upload_job(c, f, std::move(*staged));
  auto report = ingest_upload(c, *staged);
  if (!report) return failure(c, f, report.error());
  return upload_answer(c, f, *report);
}

Response App::upload_answer(Ctx& c, Format f, const service::IngestReport& report) {
  const int status = report.failed() ? 422 : 200;
  if (f == Format::json) return json_response(service::json::of(report), status);
  Data d = upload_form_data(c);
  add_upload_report(report, d);
  return render(c, status, "upload", d);
}

}  // namespace berkas::server::internal
