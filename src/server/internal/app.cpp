#include "server/internal/app.h"

#include "server/internal/shared.h"

#include <Poco/Exception.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace berkas::server::internal {

using core::ErrorCode;

App::App(Options options, std::unique_ptr<service::Context> writer, std::unique_ptr<service::Accounts> accounts,
         Templates templates)
    : m_options(std::move(options)),
      m_writer(std::move(writer)),
      m_readers(service_options()),
      m_accounts(std::move(accounts)),
      m_templates(std::move(templates)),
      m_static_dir((fs::path(m_options.resource_dir) / "templates" / "web" / "static").string()),
      m_jobs(m_options.max_jobs, m_options.max_kept_jobs) {}

// Failures a fresh reader may not have (a reader overtaken by the writer's commits).
bool App::retryable(core::ErrorCode code) {
  return code == core::ErrorCode::io || code == core::ErrorCode::internal || code == core::ErrorCode::integrity;
}

std::size_t App::body_limit(const std::string& method, const std::string& raw_path) const {
  if (method == "POST" && (raw_path == "/upload" || raw_path == "/api/v1/ingest")) return m_options.max_upload;
  return m_options.max_body;
}

Response App::too_large(const std::string& raw_path) const {
  const std::string msg = "isi permintaan melebihi batas / the request body exceeds the limit";
  if (raw_path.rfind("/api/", 0) == 0) return problem(413, msg);
  Response r;
  r.status = 413;
  r.content_type = "text/plain; charset=utf-8";
  r.body = msg + "\n";
  return r;
}

Response App::handle(const Request& req) {
  Ctx c(req);
  try {
    if (!split_path(req.path, c.seg)) {
      // A traversal attempt or a malformed path: the same answer as any unknown address.
      if (req.path.rfind("/api/", 0) == 0) return problem(404, "alamat tidak ditemukan / no such address");
      Response r;
      r.status = 404;
      r.content_type = "text/plain; charset=utf-8";
      r.body = "404\n";
      return r;
    }
    std::string lang = req.param("lang");
    if (lang == "en" || lang == "id") {
      c.lang = lang;
      c.lang_changed = true;
    } else if (auto it = req.cookies.find(k_lang_cookie); it != req.cookies.end() && it->second == "en") {
      c.lang = "en";
    }
    if (auto it = req.cookies.find(k_session_cookie); it != req.cookies.end()) {
      auto s = m_accounts->session(it->second);
      if (s) {
        c.session = *s;
        c.session_token = it->second;
      }
    }
    Response r = route(c);
    if (c.lang_changed)
      r.set_header("Set-Cookie", std::string(k_lang_cookie) + "=" + c.lang +
                                     "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict" +
                                     (m_options.tls ? "; Secure" : ""));
    return r;
  } catch (const Poco::Exception& e) {
    return problem(500, "galat internal / internal error");
  } catch (const std::exception& e) {
    return problem(500, "galat internal / internal error");
  }
}

bool App::csrf_ok(const Ctx& c, const std::string& presented) const {
  return c.session && same_secret(presented, c.session->csrf_token);
}

void App::set_session_cookie(Response& r, const std::string& token, int max_age) const {
  r.set_header("Set-Cookie", std::string(k_session_cookie) + "=" + token + "; Path=/; Max-Age=" +
                                 std::to_string(max_age) + "; HttpOnly; SameSite=Strict" +
                                 (m_options.tls ? "; Secure" : ""));
}

Response App::redirect(Ctx&, const std::string& location) {
  Response r;
  r.status = 303;
  r.set_header("Location", location);
  r.content_type = "text/plain; charset=utf-8";
  r.body = location + "\n";
  return r;
}

Response App::sign_in_redirect(Ctx& c) { return redirect(c, "/login"); }

Response App::render(Ctx& c, int status, const std::string& page, Data d) {
  if (c.session) {
    d.set("user", text(c.viewer().user));
    // "viewer_role", not "role": a page about a person has a "role" of its own (the person's).
    d.set("viewer_role", text(m_templates.message(c.lang, std::string("role_") + to_string(c.viewer().role))));
    d.set("csrf", text(c.session->csrf_token));
    d.set("signed_in", Data(true));
    if (c.may_administer()) d.set("is_admin", Data(true));
    if (c.may_ingest()) d.set("may_upload", Data(true));
    // Trainers see no case: their way in is the guidelines (and items released for training).
    if (c.may_see_case_files()) d.set("may_see_cases", Data(true));
  }
  // The language switch keeps the page the user is on.
  std::string here = c.req.path;
  std::string rest;
  for (const auto& [k, v] : c.req.query)
    if (k != "lang") rest += "&" + url_encode(k) + "=" + url_encode(v);
  d.set("switch_id", text(here + "?lang=id" + rest));
  d.set("switch_en", text(here + "?lang=en" + rest));
  Response r;
  r.status = status;
  r.body = m_templates.render(page, std::move(d), c.lang);
  return r;
}

Response App::error_page(Ctx& c, int status, const std::string& message) {
  Data d;
  d.set("status", text(std::to_string(status)));
  d.set("title", text(title_of(status)));
  d.set("message", text(message));
  return render(c, status, "error", d);
}

Response App::error_page(Ctx& c, const core::Error& e) { return error_page(c, status_of(e.code), e.message); }

Response App::failure(Ctx& c, Format f, int status, const std::string& message) {
  return f == Format::json ? problem(status, message) : error_page(c, status, message);
}

Response App::failure(Ctx& c, Format f, const core::Error& e) {
  return f == Format::json ? problem(e) : error_page(c, e);
}

}  // namespace berkas::server::internal
