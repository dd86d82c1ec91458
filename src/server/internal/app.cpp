#include "server/internal/app.h"

#include "server/internal/shared.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/text.h"
#include "service/guidelines.h"
#include "service/json.h"
#include "service/redact.h"
#include "service/upload.h"

namespace fs = std::filesystem;

namespace berkas::server::internal {

using core::ErrorCode;
using service::Role;
using service::Session;

namespace {

constexpr const char* k_session_cookie = "berkas_session";
constexpr const char* k_pre_cookie = "berkas_pre";  // CSRF token of the sign-in and setup forms
constexpr const char* k_lang_cookie = "berkas_lang";
constexpr int k_page_size = 20;
constexpr std::size_t k_max_upload_files = 100;

}  // namespace

std::string random_token() {
  unsigned char buf[32];
  if (RAND_bytes(buf, sizeof buf) != 1) return {};
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : buf) {
    out.push_back(k_hex[b >> 4]);
    out.push_back(k_hex[b & 15]);
  }
  return out;
}

bool same_secret(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return 400;
    case ErrorCode::not_found: return 404;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::conflict: return 409;
    default: return 500;
  }
}

const char* title_of(int status) {
  switch (status) {
    case 400: return "Permintaan tidak sah / Bad request";
    case 401: return "Belum masuk / Not signed in";
    case 403: return "Tidak diizinkan / Forbidden";
    case 404: return "Tidak ditemukan / Not found";
    case 405: return "Metode tidak diizinkan / Method not allowed";
    case 409: return "Konflik / Conflict";
    case 413: return "Terlalu besar / Payload too large";
    case 415: return "Jenis isi tidak didukung / Unsupported media type";
    case 429: return "Terlalu banyak percobaan / Too many requests";
    default: return "Galat server / Server error";
  }
}

const char* slug_of(int status) {
  switch (status) {
    case 400: return "bad-request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 409: return "conflict";
    case 413: return "payload-too-large";
    case 415: return "unsupported-media-type";
    case 429: return "too-many-requests";
    default: return "server-error";
  }
}

std::string stringify(const Poco::JSON::Object::Ptr& o) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(o, out, 2);
  return out.str();
}

Poco::JSON::Object::Ptr obj() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// RFC 9457 problem details. `detail` is for people: Indonesian, then English.
Response problem(int status, const std::string& detail) {
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  auto o = obj();
  o->set("type", std::string("urn:berkas:problem:") + slug_of(status));
  o->set("title", std::string(title_of(status)));
  o->set("status", status);
  o->set("detail", detail);
  r.body = stringify(o);
  return r;
}

Response problem(const core::Error& e) { return problem(status_of(e.code), e.message); }

Response json_response(const std::string& body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body;
  return r;
}

namespace {

// "uu-21-2007/pasal-2/ayat-1" → "/law/uu-21-2007/2"; empty if not a provision id.
std::string law_url(const std::string& provision_id) {
  auto parts = core::split(provision_id, '/');
  if (parts.size() < 2 || parts[1].rfind("pasal-", 0) != 0) return {};
  return "/law/" + url_encode(parts[0]) + "/" + url_encode(parts[1].substr(6));
}

std::string hit_url(const search::Hit& h) {
  if (h.kind == "pasal") return law_url(h.object_id);
  if (h.kind == "putusan") return "/precedents/" + url_encode(h.object_id);
  if (h.kind == "perkara") return "/cases/" + url_encode(h.object_id);
  return "/items/" + url_encode(h.object_id);
}

std::string status_key(core::ForceStatus s) {
  switch (s) {
    case core::ForceStatus::in_force: return "status_in_force";
    case core::ForceStatus::not_yet_in_force: return "status_not_yet";
    case core::ForceStatus::revoked: return "status_revoked";
  }
  return "";
}

// The file name the client gave, reduced to a display name: never used as a path.
std::string display_name(const std::string& client_name) {
  std::string name = client_name;
  auto slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  if (!core::is_valid_utf8(name)) name = "berkas";
  if (name.size() > 120) name = name.substr(0, 120);
  return name.empty() ? std::string("berkas") : name;
}

std::string lower_ext(const std::string& name) {
  auto dot = name.find_last_of('.');
  return dot == std::string::npos ? std::string() : core::ascii_lower(name.substr(dot));
}

}  // namespace


App::App(Options options, std::unique_ptr<service::Service> writer, std::unique_ptr<service::Accounts> accounts,
         Templates templates)
    : m_options(std::move(options)),
      m_writer(std::move(writer)),
      m_readers(service_options()),
      m_accounts(std::move(accounts)),
      m_templates(std::move(templates)),
      m_static_dir((fs::path(m_options.resource_dir) / "templates" / "web" / "static").string()) {}

bool App::retryable(ErrorCode code) {
  return code == ErrorCode::io || code == ErrorCode::internal || code == ErrorCode::integrity;
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

// ---------------------------------------------------------------- routing

Response App::route(Ctx& c) {
  const auto& seg = c.seg;
  const auto& m = c.req.method;
  if (!seg.empty() && seg[0] == "api") {
    if (seg.size() >= 2 && seg[1] == "v1") return route_api(c, seg);
    return problem(404, "alamat tidak ditemukan / no such address");
  }
  if (!seg.empty() && seg[0] == "static") {
    if (m != "GET" && m != "HEAD") return error_page(c, 405, title_of(405));
    return static_file(seg);
  }
  const bool get = m == "GET" || m == "HEAD";
  const bool post = m == "POST";
  if (!get && !post) return error_page(c, 405, title_of(405));
  if (seg.empty()) return redirect(c, c.session ? "/search" : "/login");
  // Browsers ask for it on their own; it is a static file (or a plain 404), never a redirect.
  if (get && seg.size() == 1 && seg[0] == "favicon.ico") return static_file({"static", "favicon.ico"});
  const std::string& first = seg[0];
  if (first == "login" && seg.size() == 1) return get ? page_login(c, "", 200) : post_login(c);
  if (first == "setup" && seg.size() == 1) return get ? page_setup(c, "", 200) : post_setup(c);
  if (first == "logout" && seg.size() == 1 && post) return post_logout(c);

  if (get && seg.size() == 1 && first == "guidelines.css") {
    // The guideline modules' stylesheet (a <style> element would break the CSP).
    Response r;
    r.content_type = "text/css; charset=utf-8";
    r.body = service::guideline_stylesheet();
    r.set_header("Cache-Control", "public, max-age=3600");
    return r;
  }

  // Everything below needs a session.
  if (!c.session) return sign_in_redirect(c);
  // The forms that change something; every one checks the session's CSRF token.
  if (post) {
    if (first == "cases" && seg.size() == 3 && seg[2] == "bundles") return post_bundle(c, seg[1], false);
    if (first == "persons" && seg.size() == 3) return person_route(c, seg);
    if (first != "upload" && first != "admin") return error_page(c, 405, title_of(405));
  }
  if (first == "search" && seg.size() == 1) return page_search(c);
  if (first == "items" && seg.size() == 2) return page_item(c, seg[1]);
  if (first == "items" && seg.size() == 4 && seg[2] == "attachments") return download_attachment(c, seg[1], seg[3], false);
  if (first == "precedents" && seg.size() == 2) return page_precedent(c, seg[1]);
  if (first == "cases" && seg.size() == 1) return page_cases(c);
  if (first == "cases" && seg.size() == 2) return page_case(c, seg[1]);
  if (first == "cases" && seg.size() == 4 && seg[2] == "bundles") return download_bundle(c, seg[1], seg[3], false);
  if (first == "law" && seg.size() == 1) return page_law(c, "uu-21-2007");
  if (first == "law" && seg.size() == 2) return page_law(c, seg[1]);
  if (first == "law" && seg.size() == 3) return page_provision(c, seg[1], seg[2]);
  if (first == "upload" && seg.size() == 1) return get ? page_upload(c) : post_upload(c);
  if (first == "persons" && (seg.size() == 2 || seg.size() == 3)) return person_route(c, seg);
  if (first == "guidelines" && seg.size() == 1) return page_guidelines(c);
  if (first == "guidelines" && seg.size() == 2) return page_guideline(c, seg[1]);
  if (first == "guidelines" && seg.size() == 3 && seg[2] == "pdf") return guideline_download(c, seg[1], false);
  if (first == "admin") {
    if (!c.may_administer()) return error_page(c, 403, "hanya administrator / administrators only");
    if (get && seg.size() == 1) return page_admin(c, "", 200);
    if (get && seg.size() == 2 && seg[1] == "audit") return page_audit(c);
    if (post) return post_admin(c, seg);
  }
  return error_page(c, 404, "halaman tidak ditemukan / page not found");
}

// ---------------------------------------------------------------- sign in, setup, sign out

namespace {
bool is_token(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}
}  // namespace

// The sign-in and setup forms' CSRF token: the browser's current one if it has one, so that a
// request the browser makes on its own (a favicon, a second tab) and which lands on /login
// does not replace the cookie under a form already on screen.
std::string App::pre_token(const Ctx& c) const {
  auto it = c.req.cookies.find(k_pre_cookie);
  if (it != c.req.cookies.end() && is_token(it->second)) return it->second;
  return random_token();
}

Response App::page_login(Ctx& c, const std::string& message, int status) {
  if (c.session && message.empty()) return redirect(c, "/search");
  Data d;
  const std::string pre = pre_token(c);
  d.set("pre_csrf", text(pre));
  if (!message.empty()) d.set("message", text(message));
  if (auto needed = m_accounts->needs_setup(); needed && *needed) d.set("needs_setup", Data(true));
  Response r = render(c, status, "login", d);
  r.set_header("Set-Cookie", std::string(k_pre_cookie) + "=" + pre + "; Path=/; HttpOnly; SameSite=Strict" +
                                 (m_options.tls ? "; Secure" : ""));
  return r;
}

Response App::post_login(Ctx& c) {
  auto form = parse_form(c.req.body);
  auto pre = c.req.cookies.find(k_pre_cookie);
  if (pre == c.req.cookies.end() || !same_secret(form["csrf"], pre->second))
    return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  auto result = m_accounts->sign_in(form["user"], form["password"], c.req.client);
  if (!result) return error_page(c, result.error());
  using S = service::SignInResult::Status;
  if (result->status == S::locked || result->status == S::throttled || result->status == S::busy) {
    const char* key = result->status == S::locked ? "login_locked" : result->status == S::throttled ? "login_throttled" : "login_busy";
    Response r = page_login(c, m_templates.message(c.lang, key), 429);
    r.set_header("Retry-After", std::to_string(result->retry_after_seconds));
    return r;
  }
  if (result->status != S::ok) return page_login(c, m_templates.message(c.lang, "login_failed"), 401);
  Response r = redirect(c, "/search");
  set_session_cookie(r, result->session.token, 60 * 60 * 8);
  return r;
}

Response App::page_setup(Ctx& c, const std::string& message, int status) {
  auto needed = m_accounts->needs_setup();
  if (!needed) return error_page(c, needed.error());
  if (!*needed) return redirect(c, "/login");
  Data d;
  const std::string pre = pre_token(c);
  d.set("pre_csrf", text(pre));
  if (!message.empty()) d.set("message", text(message));
  Response r = render(c, status, "setup", d);
  r.set_header("Set-Cookie", std::string(k_pre_cookie) + "=" + pre + "; Path=/; HttpOnly; SameSite=Strict" +
                                 (m_options.tls ? "; Secure" : ""));
  return r;
}

Response App::post_setup(Ctx& c) {
  auto form = parse_form(c.req.body);
  auto pre = c.req.cookies.find(k_pre_cookie);
  if (pre == c.req.cookies.end() || !same_secret(form["csrf"], pre->second))
    return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  if (form["password"] != form["password2"])
    return page_setup(c, m_templates.message(c.lang, "password_mismatch"), 400);
  auto s = m_accounts->complete_setup(form["token"], form["user"], form["password"], c.req.client);
  if (!s) return page_setup(c, s.error().message, status_of(s.error().code));
  Response r = redirect(c, "/admin");
  set_session_cookie(r, s->token, 60 * 60 * 8);
  return r;
}

Response App::post_logout(Ctx& c) {
  auto form = parse_form(c.req.body);
  if (!c.session) return sign_in_redirect(c);
  if (!csrf_ok(c, form["csrf"])) return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  (void)m_accounts->sign_out(c.session_token);
  Response r = redirect(c, "/login");
  set_session_cookie(r, "", 0);
  return r;
}

// ---------------------------------------------------------------- search

Response App::page_search(Ctx& c) {
  const std::string q = c.req.param("q");
  int page = static_cast<int>(c.req.int_param("page", 1, 1, 10000));
  page = std::min(page, 500);
  std::string as_of = c.req.param("as_of");
  if (!as_of.empty() && !core::is_iso_date(as_of)) as_of.clear();
  Data d;
  d.set("q", text(q));
  d.set("as_of", text(as_of));
  if (q.empty()) return render(c, 200, "search", d);
  search::Query query;
  query.text = q;
  query.limit = k_page_size;
  query.offset = (page - 1) * k_page_size;
  query.as_of = as_of;
  auto result = with_reader([&](service::Service& s) { return s.search(c.viewer(), query); });
  if (!result) {
    if (result.error().code == ErrorCode::invalid_input) {
      d.set("query_error", text(result.error().message));
      return render(c, 400, "search", d);
    }
    return error_page(c, result.error());
  }
  const auto& r = result->results;
  auto search_url = [&](const std::string& query_text, int p) {
    std::string u = "/search?q=" + url_encode(query_text);
    if (!as_of.empty()) u += "&as_of=" + as_of;
    if (p > 1) u += "&page=" + std::to_string(p);
    return u;
  };
  d.set("searched", Data(true));
  d.set("total", text(std::to_string(r.total)));
  List hits;
  for (const auto& h : r.hits) {
    Data hd;
    hd.set("rank", text(std::to_string(h.rank)));
    hd.set("kind", text(h.kind));
    hd.set("title", text(h.title));
    hd.set("label", text(h.label));
    hd.set("url", text(hit_url(h)));
    // The only raw HTML in any page: the search module escapes the text and adds <mark> itself.
    hd.set("snippet_html", text(h.snippet));
    if (!h.case_id.empty()) hd.set("case_id", text(h.case_id));
    if (!h.date.empty()) hd.set("date", text(h.date));
    if (!h.valid_until.empty()) hd.set("revoked", text(h.valid_until));
    hits.push_back(hd);
  }
  d.set("hits", hits);
  List facets;
  for (const auto& [name, values] : r.facets) {
    if (values.empty()) continue;
    Data fd;
    fd.set("name", text(m_templates.message(c.lang, "facet_" + name)));
    List vs;
    for (const auto& v : values) {
      Data vd;
      vd.set("value", text(v.value));
      vd.set("count", text(std::to_string(v.count)));
      const std::string term = v.value.find(' ') == std::string::npos ? v.value : "\"" + v.value + "\"";
      vd.set("url", text(search_url(q + " " + name + ":" + term, 1)));
      vs.push_back(vd);
    }
    fd.set("values", vs);
    facets.push_back(fd);
  }
  d.set("facets", facets);
  if (!r.suggestion.empty()) {
    d.set("suggestion", text(r.suggestion));
    d.set("suggestion_url", text(search_url(r.suggestion, 1)));
  }
  if (page > 1) d.set("prev_url", text(search_url(q, page - 1)));
  if (static_cast<std::int64_t>(page) * k_page_size < r.total) d.set("next_url", text(search_url(q, page + 1)));
  d.set("page", text(std::to_string(page)));
  return render(c, 200, "search", d);
}

// ---------------------------------------------------------------- items, precedents, cases

namespace {

Data citation_data(const service::CitationView& cv, const Templates& t, const std::string& lang) {
  Data d;
  d.set("label", text(cv.label));
  if (!cv.raw.empty() && cv.raw != cv.label) d.set("raw", text(core::squeeze_space(cv.raw)));
  if (cv.shipped) {
    const auto url = law_url(cv.provision_id);
    if (!url.empty()) d.set("url", text(url + "?as_of=" + cv.as_of));
    d.set("status", text(t.message(lang, status_key(cv.status))));
    d.set("as_of", text(cv.as_of));
    if (cv.status == core::ForceStatus::revoked) d.set("revoked", Data(true));
  }
  if (!cv.successor_label.empty()) {
    d.set("successor", text(cv.successor_label));
    const auto url = law_url(cv.successor_id);
    if (!url.empty()) d.set("successor_url", text(url));
  }
  if (!cv.note.empty()) d.set("note", text(cv.note));
  return d;
}

List citation_list(const std::vector<service::CitationView>& cs, const Templates& t, const std::string& lang) {
  List l;
  for (const auto& cv : cs) l.push_back(citation_data(cv, t, lang));
  return l;
}

}  // namespace

Response App::page_item(Ctx& c, const std::string& ref) {
  auto v = with_reader([&](service::Service& s) { return s.item(c.viewer(), ref); });
  if (!v) return error_page(c, v.error());
  const auto& it = v->item;
  Data d;
  d.set("id", text(it.id));
  d.set("version", text(std::to_string(it.version)));
  d.set("title", text(it.title));
  d.set("kind", text(core::label_of(it.kind)));
  d.set("case_id", text(it.case_id));
  d.set("case_title", text(v->case_title));
  d.set("date", text(it.date));
  d.set("place", text(it.place));
  d.set("examiner", text(it.examiner));
  d.set("summary", text(it.summary));
  d.set("sha256", text(it.source_sha256));
  if (it.fictional) d.set("fictional", Data(true));
  if (!it.correction_note.empty()) d.set("correction", text(it.correction_note));
  if (v->redacted) d.set("redacted", Data(true));
  if (v->person) {
    d.set("has_person", Data(true));
    d.set("person", text(v->person->display_name));
    d.set("person_role", text(v->person->role));
    if (v->person->pseudonymised) d.set("pseudonymised", Data(true));
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
  List versions;
  for (const auto& ver : v->versions) {
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
  d.set("citations", citation_list(v->citations, m_templates, c.lang));
  return render(c, 200, "item", d);
}

Response App::page_precedent(Ctx& c, const std::string& id) {
  auto v = with_reader([&](service::Service& s) { return s.precedent(c.viewer(), id); });
  if (!v) return error_page(c, v.error());
  const auto& p = v->precedent;
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
  d.set("text", text(p.text));
  d.set("sha256", text(p.source_sha256));
  if (p.fictional) d.set("fictional", Data(true));
  d.set("charged", citation_list(v->charged, m_templates, c.lang));
  d.set("applied", citation_list(v->applied, m_templates, c.lang));
  d.set("cited", citation_list(v->cited, m_templates, c.lang));
  return render(c, 200, "precedent", d);
}

Response App::page_cases(Ctx& c) {
  auto cases = with_reader([&](service::Service& s) { return s.cases(c.viewer()); });
  if (!cases) return error_page(c, cases.error());
  List l;
  for (const auto& k : *cases) {
    Data cd;
    cd.set("id", text(k.id));
    cd.set("url", text("/cases/" + url_encode(k.id)));
    cd.set("register_number", text(k.register_number));
    cd.set("title", text(k.title));
    cd.set("stage", text(core::to_string(k.stage)));
    if (k.fictional) cd.set("fictional", Data(true));
    l.push_back(cd);
  }
  Data d;
  d.set("cases", l);
  if (cases->empty()) d.set("no_cases", Data(true));
  return render(c, 200, "cases", d);
}

Response App::page_case(Ctx& c, const std::string& id) {
  auto v = with_reader([&](service::Service& s) { return s.case_view(c.viewer(), id); });
  if (!v) return error_page(c, v.error());
  const auto& k = v->case_file;
  Data d;
  d.set("id", text(k.id));
  d.set("title", text(k.title));
  d.set("register_number", text(k.register_number));
  d.set("court", text(k.court));
  d.set("stage", text(core::to_string(k.stage)));
  d.set("destination", text(k.destination_country));
  d.set("channel", text(k.recruitment_channel));
  d.set("offence_date", text(k.offence_date));
  d.set("summary", text(k.summary));
  if (k.fictional) d.set("fictional", Data(true));
  d.set("charged", citation_list(v->charged, m_templates, c.lang));
  List persons;
  for (const auto& p : v->persons) {
    Data pd;
    pd.set("id", text(p.id));
    pd.set("url", text("/persons/" + url_encode(p.id) + "?case=" + url_encode(k.id)));
    pd.set("name", text(p.display_name));
    pd.set("role", text(p.role));
    if (p.is_protected) pd.set("protected", Data(true));
    if (p.pseudonymised) pd.set("pseudonymised", Data(true));
    persons.push_back(pd);
  }
  d.set("persons", persons);
  List items;
  for (const auto& it : v->items) {
    Data id2;
    id2.set("id", text(it.id));
    id2.set("url", text("/items/" + url_encode(it.id)));
    id2.set("version", text(std::to_string(it.version)));
    id2.set("kind", text(core::label_of(it.kind)));
    id2.set("title", text(it.title));
    id2.set("date", text(it.date));
    items.push_back(id2);
  }
  d.set("items", items);
  case_bundles(c, k.id, d);
  return render(c, 200, "case", d);
}

// ---------------------------------------------------------------- the law

Response App::page_law(Ctx& c, const std::string& law_id) {
  std::string as_of = c.req.param("as_of");
  if (!as_of.empty() && !core::is_iso_date(as_of)) return error_page(c, 400, "tanggal YYYY-MM-DD / date YYYY-MM-DD");
  auto outline = with_reader([&](service::Service& s) { return s.law_outline(law_id, as_of); });
  if (!outline) return error_page(c, outline.error());
  auto laws = with_reader([&](service::Service& s) { return s.laws(); });
  Data d;
  d.set("law_id", text(outline->law.id));
  d.set("title", text(outline->law.title));
  d.set("short_name", text(outline->law.short_name));
  d.set("as_of", text(outline->as_of));
  List babs;
  for (const auto& b : outline->bab) {
    Data bd;
    bd.set("bab", text(b.bab));
    bd.set("heading", text(b.heading));
    List ps;
    for (const auto& p : b.pasal) {
      Data pd;
      pd.set("pasal", text(p.pasal));
      pd.set("label", text(p.label));
      pd.set("url", text("/law/" + url_encode(outline->law.id) + "/" + url_encode(p.pasal) +
                         (as_of.empty() ? "" : "?as_of=" + as_of)));
      if (p.status != core::ForceStatus::in_force) pd.set("status", text(m_templates.message(c.lang, status_key(p.status))));
      ps.push_back(pd);
    }
    bd.set("pasal", ps);
    babs.push_back(bd);
  }
  d.set("babs", babs);
  List others;
  if (laws)
    for (const auto& l : *laws) {
      Data ld;
      ld.set("id", text(l.id));
      ld.set("short_name", text(l.short_name));
      ld.set("url", text("/law/" + url_encode(l.id)));
      others.push_back(ld);
    }
  d.set("laws", others);
  return render(c, 200, "law", d);
}

Response App::page_provision(Ctx& c, const std::string& law_id, const std::string& pasal) {
  std::string as_of = c.req.param("as_of");
  if (!as_of.empty() && !core::is_iso_date(as_of)) return error_page(c, 400, "tanggal YYYY-MM-DD / date YYYY-MM-DD");
  if (pasal.find('/') != std::string::npos) return error_page(c, 404, "halaman tidak ditemukan / page not found");
  auto v = with_reader([&](service::Service& s) { return s.provision(c.viewer(), law_id, pasal, as_of); });
  if (!v) return error_page(c, v.error());
  const auto& p = v->provision;
  Data d;
  d.set("label", text(p.label));
  d.set("law_id", text(p.law_id));
  d.set("law_url", text("/law/" + url_encode(p.law_id)));
  d.set("law_short_name", text(v->law_short_name));
  d.set("bab", text(p.bab));
  d.set("bab_heading", text(p.bab_heading));
  d.set("text", text(p.text));
  d.set("penjelasan", text(p.penjelasan));
  d.set("as_of", text(v->as_of));
  d.set("status", text(m_templates.message(c.lang, status_key(v->status))));
  if (v->status == core::ForceStatus::revoked) d.set("revoked", Data(true));
  if (!v->successor_label.empty()) {
    d.set("successor", text(v->successor_label));
    const auto url = law_url(p.successor_id);
    if (!url.empty()) d.set("successor_url", text(url));
  }
  if (!p.in_force_until.empty()) d.set("until", text(p.in_force_until));
  if (!p.status_note.empty()) d.set("note", text(p.status_note));
  List items;
  for (const auto& id : v->citing_items) {
    Data x;
    x.set("id", text(id));
    x.set("url", text("/items/" + url_encode(id)));
    items.push_back(x);
  }
  d.set("citing_items", items);
  List precs;
  for (const auto& id : v->citing_precedents) {
    Data x;
    x.set("id", text(id));
    x.set("url", text("/precedents/" + url_encode(id)));
    precs.push_back(x);
  }
  d.set("citing_precedents", precs);
  return render(c, 200, "provision", d);
}

// ---------------------------------------------------------------- attachments

// A download's file name: the last part of the stored name, reduced to harmless characters.
std::string download_name(const std::string& stored) {
  const auto slash = stored.find_last_of("/\\");
  std::string out;
  for (char ch : stored.substr(slash == std::string::npos ? 0 : slash + 1))
    out.push_back((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                          ch == '-' || ch == '_'
                      ? ch
                      : '_');
  if (out.empty() || out[0] == '.') out = "lampiran" + out;
  return out.substr(0, 100);
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
// safely). Every download and every such refusal is audited.
Response App::download_attachment(Ctx& c, const std::string& ref, const std::string& n_text, bool api) {
  auto missing = [&] {
    const std::string msg = "lampiran tidak ditemukan / attachment not found";
    return api ? problem(404, msg) : error_page(c, 404, msg);
  };
  if (n_text.empty() || n_text.size() > 4 || n_text.find_first_not_of("0123456789") != std::string::npos)
    return missing();
  const auto n = static_cast<std::size_t>(core::parse_decimal(n_text, 0, 9999).value_or(0));
  const auto& v = c.viewer();
  auto view = with_reader([&](service::Service& s) { return s.item(v, ref); });
  if (!view || n < 1 || n > view->item.attachments.size()) return missing();
  const auto& item = view->item;
  const auto& meta = item.attachments[n - 1];
  // The bytes come with the case's material, read through the same access rules, together
  // with the protected names this viewer may not see.
  auto material = with_reader([&](service::Service& s) { return s.case_material(v, item.case_id); });
  if (!material) return missing();
  auto bytes = material->attachments.find(meta.sha256);
  if (bytes == material->attachments.end()) return missing();
  const std::string object = item.id + "@" + std::to_string(item.version) + "/attachments/" + std::to_string(n);
  std::vector<core::Person> hidden;
  for (const auto& name : material->forbidden) {
    core::Person p;
    p.name = name;
    p.is_protected = true;
    hidden.push_back(std::move(p));
  }
  if (service::Redactor(hidden).leaks(bytes->second)) {
    (void)m_accounts->record(v, "attachment.withheld", object, "sha256=" + meta.sha256 + " reason=protected-name");
    return missing();
  }
  // No audit entry, no download.
  if (auto s = m_accounts->record(v, "attachment.download", object,
                                  "sha256=" + meta.sha256 + " bytes=" + std::to_string(bytes->second.size()));
      !s)
    return api ? problem(s.error()) : error_page(c, s.error());
  Response r;
  r.status = 200;
  r.content_type = download_type(meta.media_type);
  r.body = bytes->second;
  r.set_header("Content-Disposition", "attachment; filename=\"" + download_name(meta.name) + "\"");
  return r;  // nosniff, no-store and the CSP come with every response (server.cpp)
}

// ---------------------------------------------------------------- upload

// Writes each uploaded file under a fresh private folder with a generated name (the client's
// name is for display only), ingests them, and maps the outcomes back to the display names.
core::Result<service::IngestReport> App::ingest_upload(Ctx& c, const Multipart& form) {
  if (form.files.empty()) return core::fail(ErrorCode::invalid_input, "tidak ada berkas / no file uploaded");
  if (form.files.size() > k_max_upload_files)
    return core::fail(ErrorCode::invalid_input, "terlalu banyak berkas / too many files");
  const fs::path dir = fs::path(m_options.data_dir) / "uploads" / ("u-" + random_token().substr(0, 24));
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return core::fail(ErrorCode::io, "cannot create the upload folder: " + ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(p, e);
    }
  } cleanup{dir};
  std::vector<std::string> paths;
  std::vector<std::pair<std::string, std::string>> names;  // generated path → display name
  service::IngestReport refused;
  int n = 0;
  for (const auto& f : form.files) {
    const std::string shown = display_name(f.file_name);
    const std::string ext = lower_ext(shown);
    if (ext != ".xml" && ext != ".txt") {
      service::FileOutcome o;
      o.path = shown;
      o.error = shown + ": hanya .xml atau .txt / only .xml or .txt files";
      refused.files.push_back(o);
      continue;
    }
    char num[16];
    std::snprintf(num, sizeof num, "%03d", ++n);
    const fs::path p = dir / (std::string("unggahan-") + num + ext);
    {
      std::ofstream out(p, std::ios::binary);
      out << f.bytes;
      if (!out) return core::fail(ErrorCode::io, "cannot write the upload");
    }
    paths.push_back(p.string());
    names.emplace_back(p.string(), shown);
  }
  service::IngestReport report;
  if (!paths.empty()) {
    // Each file's case is checked against the uploader's assignments before anything is stored.
    // A file reusing an existing item's id is a correction only when the form says so
    // ("correction" = ya / true / on / 1, a checkbox on the page, a field in the API).
    service::UploadOptions options;
    if (auto it = form.fields.find("correction"); it != form.fields.end()) {
      const std::string v = core::ascii_lower(core::squeeze_space(it->second));
      options.correction = v == "ya" || v == "true" || v == "on" || v == "1";
    }
    auto r = with_writer([&](service::Service& s) {
      return service::ingest_upload(s, c.viewer(), paths, m_options.resource_dir, options);
    });
    if (!r) return r;
    report = std::move(*r);
  }
  for (auto& f : report.files)
    for (const auto& [path, shown] : names) {
      if (f.path == path) f.path = shown;
      f.error = core::replace_all(f.error, path, shown);
    }
  report.files.insert(report.files.begin(), refused.files.begin(), refused.files.end());
  (void)m_accounts->record(c.viewer(), "upload", "files:" + std::to_string(form.files.size()),
                           "failed=" + std::to_string(report.failed()));
  return report;
}

Response App::page_upload(Ctx& c) {
  if (!c.may_ingest()) return error_page(c, 403, "pelatih tidak dapat mengunggah / trainers cannot upload");
  return render(c, 200, "upload", Data());
}

Response App::post_upload(Ctx& c) {
  if (!c.may_ingest()) return error_page(c, 403, "pelatih tidak dapat mengunggah / trainers cannot upload");
  auto form = parse_multipart(c.req.header("content-type"), c.req.body, k_max_upload_files + 10);
  if (!form) return error_page(c, form.error());
  auto token = form->fields.find("csrf");
  if (token == form->fields.end() || !csrf_ok(c, token->second))
    return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  auto report = ingest_upload(c, *form);
  if (!report) return error_page(c, report.error());
  Data d;
  List files;
  for (const auto& f : report->files) {
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
  return render(c, report->failed() ? 422 : 200, "upload", d);
}

// ---------------------------------------------------------------- administration

Response App::page_admin(Ctx& c, const std::string& message, int status) {
  auto users = m_accounts->users(c.viewer());
  if (!users) return error_page(c, users.error());
  auto cases = with_reader([&](service::Service& s) { return s.cases(c.viewer()); });
  Data d;
  if (!message.empty()) {
    d.set("message", text(message));
  } else {
    // The confirmation after a change (post/redirect/get): only the known words are shown.
    static const std::set<std::string> k_done = {"created", "role", "password", "disable", "enable", "assign",
                                                 "unassign"};
    if (const std::string done = c.req.param("done"); k_done.count(done))
      d.set("message", text(m_templates.message(c.lang, "admin_done_" + done)));
  }
  List ul;
  for (const auto& u : *users) {
    Data ud;
    ud.set("name", text(u.name));
    ud.set("role", text(to_string(u.role)));
    ud.set("role_label", text(m_templates.message(c.lang, std::string("role_") + to_string(u.role))));
    // The role list starts at the user's own role: one click must not promote anyone.
    List roles;
    for (auto r : {service::Role::administrator, service::Role::prosecutor, service::Role::paralegal,
                   service::Role::trainer}) {
      Data rd;
      rd.set("value", text(to_string(r)));
      rd.set("label", text(m_templates.message(c.lang, std::string("role_") + to_string(r))));
      if (r == u.role) rd.set("selected", Data(true));  // structure: not an access decision (the form's current value)
      roles.push_back(rd);
    }
    ud.set("role_options", roles);
    if (service::uses_case_assignments(u.role)) ud.set("uses_cases", Data(true));
    if (u.disabled) ud.set("disabled", Data(true));
    ud.set("action_url", text("/admin/users/" + url_encode(u.name)));
    List as;
    for (const auto& a : u.assignments) {
      Data ad;
      ad.set("case_id", text(a.case_id));
      if (a.cleared) ad.set("cleared", Data(true));
      as.push_back(ad);
    }
    ud.set("assignments", as);
    ul.push_back(ud);
  }
  d.set("users", ul);
  List cl;
  if (cases)
    for (const auto& k : *cases) {
      Data cd;
      cd.set("id", text(k.id));
      cd.set("register_number", text(k.register_number));
      cl.push_back(cd);
    }
  d.set("cases", cl);
  return render(c, status, "admin", d);
}

Response App::post_admin(Ctx& c, const std::vector<std::string>& seg) {
  auto form = parse_form(c.req.body);
  if (!csrf_ok(c, form["csrf"])) return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  core::Status result;
  const auto& v = c.viewer();
  if (seg.size() == 2 && seg[1] == "users") {
    auto role = service::parse_role(form["role"]);
    if (!role) return page_admin(c, "peran tidak dikenal / unknown role", 400);
    result = m_accounts->create_user(v, form["user"], *role, form["password"]);
  } else if (seg.size() == 3 && seg[1] == "users") {
    const std::string& name = seg[2];
    const std::string action = form["action"];
    if (action == "role") {
      auto role = service::parse_role(form["role"]);
      if (!role) return page_admin(c, "peran tidak dikenal / unknown role", 400);
      result = m_accounts->set_role(v, name, *role);
    } else if (action == "password") {
      result = m_accounts->set_password(v, name, form["password"]);
    } else if (action == "disable" || action == "enable") {
      result = m_accounts->set_disabled(v, name, action == "disable");
    } else if (action == "assign" || action == "unassign") {
      const std::string case_id = form["case"];
      auto visible = with_reader([&](service::Service& s) { return s.kind_of(v, case_id); });
      if (action == "assign" && (!visible || *visible != "case"))
        return page_admin(c, "perkara '" + case_id + "' tidak ditemukan / case not found", 404);
      result = action == "assign" ? m_accounts->assign(v, name, case_id, form["cleared"] == "1")
                                  : m_accounts->unassign(v, name, case_id);
    } else {
      return page_admin(c, "tindakan tidak dikenal / unknown action", 400);
    }
  } else {
    return error_page(c, 404, "halaman tidak ditemukan / page not found");
  }
  if (!result) return page_admin(c, result.error().message, status_of(result.error().code));
  // Post/redirect/get, with the confirmation of what was done.
  std::string done = "created";
  if (seg.size() == 3) done = form["action"];
  return redirect(c, "/admin?done=" + url_encode(done));
}

Response App::page_audit(Ctx& c) {
  std::int64_t after = c.req.int_param("after", 0, 0, INT64_MAX);
  auto events = with_reader([&](service::Service& s) { return s.audit_log(c.viewer(), after, 200); });
  if (!events) return error_page(c, events.error());
  Data d;
  List l;
  for (const auto& e : *events) {
    Data ed;
    ed.set("seq", text(std::to_string(e.seq)));
    ed.set("time", text(e.time));
    ed.set("actor", text(e.actor));
    ed.set("action", text(e.action));
    ed.set("object", text(e.object));
    ed.set("detail", text(e.detail));
    l.push_back(ed);
  }
  d.set("events", l);
  if (events->size() == 200) d.set("next_url", text("/admin/audit?after=" + std::to_string(events->back().seq)));
  return render(c, 200, "audit", d);
}

// ---------------------------------------------------------------- static files

Response App::static_file(const std::vector<std::string>& seg) const {
  Response missing;
  missing.status = 404;
  missing.content_type = "text/plain; charset=utf-8";
  missing.body = "404\n";
  // Exactly one plain name under /static/: no folders, no hidden files, no odd characters.
  if (seg.size() != 2) return missing;
  const std::string& name = seg[1];
  if (name.empty() || name[0] == '.' || name.size() > 100) return missing;
  for (char ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
          ch == '-' || ch == '_'))
      return missing;
  std::error_code ec;
  const fs::path base = fs::canonical(m_static_dir, ec);
  if (ec) return missing;
  const fs::path p = base / name;
  // A symlink could point anywhere: refuse it rather than follow it.
  auto st = fs::symlink_status(p, ec);
  if (ec || !fs::is_regular_file(st)) return missing;
  const fs::path real = fs::canonical(p, ec);
  if (ec || real.parent_path() != base) return missing;
  Response r;
  const std::string ext = lower_ext(name);
  r.content_type = ext == ".css"    ? "text/css; charset=utf-8"
                   : ext == ".svg"  ? "image/svg+xml"
                   : ext == ".png"  ? "image/png"
                   : ext == ".ico"  ? "image/x-icon"
                   : ext == ".js"   ? "text/javascript; charset=utf-8"
                   : ext == ".txt"  ? "text/plain; charset=utf-8"
                                    : "application/octet-stream";
  r.file_path = real.string();
  r.set_header("Cache-Control", "public, max-age=3600");
  return r;
}

// ---------------------------------------------------------------- JSON API

namespace {

Poco::JSON::Object::Ptr user_json(const service::UserInfo& u) {
  auto o = obj();
  o->set("name", u.name);
  o->set("role", std::string(to_string(u.role)));
  o->set("disabled", u.disabled);
  o->set("created_at", u.created_at);
  o->set("updated_at", u.updated_at);
  Poco::JSON::Array::Ptr as = new Poco::JSON::Array;
  for (const auto& a : u.assignments) {
    auto ao = obj();
    ao->set("case", a.case_id);
    ao->set("cleared", a.cleared);
    as->add(ao);
  }
  o->set("assignments", as);
  return o;
}

Poco::JSON::Object::Ptr session_json(const Session& s) {
  auto o = obj();
  o->set("user", s.viewer.user);
  o->set("role", std::string(to_string(s.viewer.role)));
  o->set("csrf_token", s.csrf_token);
  o->set("expires_at", s.expires_at);
  Poco::JSON::Array::Ptr as = new Poco::JSON::Array;
  for (const auto& k : s.viewer.assigned_cases) as->add(k);
  o->set("assigned_cases", as);
  Poco::JSON::Array::Ptr cl = new Poco::JSON::Array;
  for (const auto& k : s.viewer.cleared_cases) cl->add(k);
  o->set("cleared_cases", cl);
  return o;
}

}  // namespace

// The request body as a JSON object; a problem response when it is not one.
std::optional<Response> parse_json_object(const Request& req, Poco::JSON::Object::Ptr& out) {
  // The media type itself, before any parameters: "application/json; charset=utf-8" is JSON,
  // "application/jsonfoo" is not.
  const std::string ct = core::ascii_lower(req.header("content-type"));
  const std::string media = core::squeeze_space(ct.substr(0, ct.find(';')));
  if (media != "application/json")
    return problem(415, "isi harus application/json / the body must be application/json");
  try {
    Poco::JSON::Parser parser;
    auto v = parser.parse(req.body);
    out = v.extract<Poco::JSON::Object::Ptr>();
    if (!out) throw Poco::Exception("not an object");
    return std::nullopt;
  } catch (const Poco::Exception&) {
    return problem(400, "JSON tidak sah atau bukan objek / malformed JSON or not an object");
  } catch (const std::exception&) {
    return problem(400, "JSON tidak sah atau bukan objek / malformed JSON or not an object");
  }
}

std::string str_field(const Poco::JSON::Object::Ptr& o, const std::string& name) {
  if (!o->has(name)) return {};
  auto v = o->get(name);
  if (!v.isString()) return {};
  return v.extract<std::string>();
}

Response App::route_api(Ctx& c, const std::vector<std::string>& seg_all) {
  std::vector<std::string> seg(seg_all.begin() + 2, seg_all.end());
  const std::string& m = c.req.method;
  const bool get = m == "GET" || m == "HEAD";
  auto not_found = [] { return problem(404, "alamat tidak ditemukan / no such address"); };
  auto method_not_allowed = [] { return problem(405, "metode tidak diizinkan / method not allowed"); };
  if (seg.empty()) return not_found();
  const std::string& first = seg[0];

  // ---- without a session
  if (first == "session" && seg.size() == 1 && m == "POST") {
    Poco::JSON::Object::Ptr body;
    if (auto bad = parse_json_object(c.req, body)) return *bad;
    auto result = m_accounts->sign_in(str_field(body, "user"), str_field(body, "password"), c.req.client);
    if (!result) return problem(result.error());
    using S = service::SignInResult::Status;
    if (result->status == S::locked || result->status == S::throttled || result->status == S::busy) {
      Response r = problem(
          429, result->status == S::locked
                   ? "terlalu banyak percobaan gagal; coba lagi dalam 15 menit / too many failed attempts; try again "
                     "in 15 minutes"
               : result->status == S::throttled
                   ? "terlalu banyak percobaan masuk yang gagal dari alamat ini; coba lagi nanti / too many failed "
                     "sign-ins from this address; try again later"
                   : "banyak permintaan masuk sedang diperiksa; coba lagi sebentar lagi / many sign-ins are being "
                     "checked; try again in a moment");
      r.set_header("Retry-After", std::to_string(result->retry_after_seconds));
      return r;
    }
    if (result->status != S::ok)
      return problem(401, "nama pengguna atau kata sandi salah / wrong user name or password");
    Response r = json_response(stringify(session_json(result->session)));
    set_session_cookie(r, result->session.token, 60 * 60 * 8);
    return r;
  }
  if (first == "setup" && seg.size() == 1) {
    if (m != "POST") return method_not_allowed();
    Poco::JSON::Object::Ptr body;
    if (auto bad = parse_json_object(c.req, body)) return *bad;
    auto s = m_accounts->complete_setup(str_field(body, "token"), str_field(body, "user"),
                                        str_field(body, "password"), c.req.client);
    if (!s) return problem(s.error());
    Response r = json_response(stringify(session_json(*s)), 201);
    set_session_cookie(r, s->token, 60 * 60 * 8);
    return r;
  }

  if (!c.session) return problem(401, "belum masuk atau sesi habis / not signed in or the session expired");
  const auto& v = c.viewer();
  // Every state-changing call carries the session's CSRF token.
  if (!get && !csrf_ok(c, c.req.header("x-csrf-token")))
    return problem(403, "token CSRF hilang atau salah (header X-CSRF-Token) / missing or wrong CSRF token");

  if (first == "session" && seg.size() == 1) {
    if (get) return json_response(stringify(session_json(*c.session)));
    if (m == "DELETE") {
      (void)m_accounts->sign_out(c.session_token);
      Response r;
      r.status = 204;
      r.content_type.clear();
      set_session_cookie(r, "", 0);
      return r;
    }
    return method_not_allowed();
  }
  if (first == "search" && seg.size() == 1) {
    if (!get) return method_not_allowed();
    search::Query q;
    q.text = c.req.param("q");
    if (q.text.empty()) return problem(400, "parameter q diperlukan / parameter q is required");
    q.limit = static_cast<int>(c.req.int_param("limit", 20, 1, 100));
    q.offset = static_cast<int>(c.req.int_param("offset", 0, 0, 10000));
    q.as_of = c.req.param("as_of");
    if (!q.as_of.empty() && !core::is_iso_date(q.as_of))
      return problem(400, "as_of: tanggal YYYY-MM-DD / as_of: date YYYY-MM-DD");
    // A client paging through results it already has the facets of can leave them out: the
    // ranked page alone is much cheaper to compute.
    for (auto [name, flag] : {std::pair<const char*, bool*>{"facets", &q.facets}, {"snippets", &q.snippets}}) {
      const std::string value = c.req.param(name);
      if (value.empty()) continue;
      if (value != "0" && value != "1" && value != "true" && value != "false")
        return problem(400, std::string(name) + ": 0/1 atau true/false / 0/1 or true/false");
      *flag = value == "1" || value == "true";
    }
    auto page = with_reader([&](service::Service& s) { return s.search(v, q); });
    if (!page) return problem(page.error());
    return json_response(service::json::of(*page));
  }
  if (first == "items" && seg.size() == 2) {
    if (!get) return method_not_allowed();
    auto item = with_reader([&](service::Service& s) { return s.item(v, seg[1]); });
    if (!item) return problem(item.error());
    return json_response(service::json::of(*item));
  }
  if (first == "items" && seg.size() == 4 && seg[2] == "attachments") {
    if (!get) return method_not_allowed();
    return download_attachment(c, seg[1], seg[3], true);
  }
  if (first == "precedents" && seg.size() == 2) {
    if (!get) return method_not_allowed();
    auto p = with_reader([&](service::Service& s) { return s.precedent(v, seg[1]); });
    if (!p) return problem(p.error());
    return json_response(service::json::of(*p));
  }
  if (first == "cases" && seg.size() == 3 && seg[2] == "bundles") {
    if (m == "POST") return post_bundle(c, seg[1], true);
    if (!get) return method_not_allowed();
    return api_bundles(c, seg[1]);
  }
  if (first == "cases" && seg.size() == 4 && seg[2] == "bundles") {
    if (!get) return method_not_allowed();
    return download_bundle(c, seg[1], seg[3], true);
  }
  if (first == "cases" && seg.size() <= 2) {
    if (!get) return method_not_allowed();
    if (seg.size() == 1) {
      auto cases = with_reader([&](service::Service& s) { return s.cases(v); });
      if (!cases) return problem(cases.error());
      return json_response(service::json::of(*cases));
    }
    auto k = with_reader([&](service::Service& s) { return s.case_view(v, seg[1]); });
    if (!k) return problem(k.error());
    return json_response(service::json::of(*k));
  }
  if (first == "laws") {
    if (!get) return method_not_allowed();
    const std::string as_of = c.req.param("as_of");
    if (!as_of.empty() && !core::is_iso_date(as_of))
      return problem(400, "as_of: tanggal YYYY-MM-DD / as_of: date YYYY-MM-DD");
    if (seg.size() == 1) {
      auto laws = with_reader([&](service::Service& s) { return s.laws(); });
      if (!laws) return problem(laws.error());
      Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
      for (const auto& l : *laws) {
        auto o = obj();
        o->set("id", l.id);
        o->set("title", l.title);
        o->set("short_name", l.short_name);
        o->set("enacted", l.enacted);
        o->set("in_force_from", l.in_force_from);
        a->add(o);
      }
      std::ostringstream out;
      Poco::JSON::Stringifier::stringify(a, out, 2);
      return json_response(out.str());
    }
    if (seg.size() == 2) {
      auto o = with_reader([&](service::Service& s) { return s.law_outline(seg[1], as_of); });
      if (!o) return problem(o.error());
      return json_response(service::json::of(*o));
    }
    if (seg.size() == 4 && seg[2] == "pasal") {
      auto p = with_reader([&](service::Service& s) { return s.provision(v, seg[1], seg[3], as_of); });
      if (!p) return problem(p.error());
      return json_response(service::json::of(*p));
    }
    return not_found();
  }
  if (first == "ingest" && seg.size() == 1) {
    if (m != "POST") return method_not_allowed();
    if (!c.may_ingest()) return problem(403, "pelatih tidak dapat mengunggah / trainers cannot upload");
    auto form = parse_multipart(c.req.header("content-type"), c.req.body, k_max_upload_files + 10);
    if (!form) return problem(form.error());
    auto report = ingest_upload(c, *form);
    if (!report) return problem(report.error());
    return json_response(service::json::of(*report), report->failed() ? 422 : 200);
  }
  if (first == "persons" && (seg.size() == 2 || seg.size() == 3)) return api_person(c, seg);
  if (first == "guidelines") {
    if (!get) return method_not_allowed();
    return api_guidelines(c, seg);
  }
  if (first == "audit" && seg.size() == 1) {
    if (!get) return method_not_allowed();
    const std::int64_t after = c.req.int_param("after", 0, 0, INT64_MAX);
    const int limit = static_cast<int>(c.req.int_param("limit", 200, 1, 1000));
    auto events = with_reader([&](service::Service& s) { return s.audit_log(v, after, limit); });
    if (!events) return problem(events.error());
    return json_response(service::json::of(*events));
  }
  if (first == "users") {
    if (!c.may_administer()) return problem(403, "hanya administrator / administrators only");
    if (seg.size() == 1 && get) {
      auto users = m_accounts->users(v);
      if (!users) return problem(users.error());
      Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
      for (const auto& u : *users) a->add(user_json(u));
      std::ostringstream out;
      Poco::JSON::Stringifier::stringify(a, out, 2);
      return json_response(out.str());
    }
    if (seg.size() == 1 && m == "POST") {
      Poco::JSON::Object::Ptr body;
      if (auto bad = parse_json_object(c.req, body)) return *bad;
      auto role = service::parse_role(str_field(body, "role"));
      if (!role) return problem(400, "peran tidak dikenal / unknown role");
      if (auto s = m_accounts->create_user(v, str_field(body, "user"), *role, str_field(body, "password")); !s)
        return problem(s.error());
      auto o = obj();
      o->set("user", str_field(body, "user"));
      o->set("role", std::string(to_string(*role)));
      return json_response(stringify(o), 201);
    }
    if (seg.size() == 2 && m == "PATCH") {
      Poco::JSON::Object::Ptr body;
      if (auto bad = parse_json_object(c.req, body)) return *bad;
      if (body->has("role")) {
        auto role = service::parse_role(str_field(body, "role"));
        if (!role) return problem(400, "peran tidak dikenal / unknown role");
        if (auto s = m_accounts->set_role(v, seg[1], *role); !s) return problem(s.error());
      }
      if (body->has("password"))
        if (auto s = m_accounts->set_password(v, seg[1], str_field(body, "password")); !s) return problem(s.error());
      if (body->has("disabled")) {
        auto d = body->get("disabled");
        if (!d.isBoolean()) return problem(400, "disabled: true/false");
        if (auto s = m_accounts->set_disabled(v, seg[1], d.extract<bool>()); !s) return problem(s.error());
      }
      Response r;
      r.status = 204;
      r.content_type.clear();
      return r;
    }
    if (seg.size() == 4 && seg[2] == "assignments" && (m == "PUT" || m == "DELETE")) {
      if (m == "PUT") {
        auto kind = with_reader([&](service::Service& s) { return s.kind_of(v, seg[3]); });
        if (!kind || *kind != "case") return problem(404, "perkara '" + seg[3] + "' tidak ditemukan / case not found");
        bool cleared = false;
        if (!c.req.body.empty()) {
          Poco::JSON::Object::Ptr body;
          if (auto bad = parse_json_object(c.req, body)) return *bad;
          if (body->has("cleared")) {
            auto x = body->get("cleared");
            if (!x.isBoolean()) return problem(400, "cleared: true/false");
            cleared = x.extract<bool>();
          }
        }
        if (auto s = m_accounts->assign(v, seg[1], seg[3], cleared); !s) return problem(s.error());
      } else if (auto s = m_accounts->unassign(v, seg[1], seg[3]); !s) {
        return problem(s.error());
      }
      Response r;
      r.status = 204;
      r.content_type.clear();
      return r;
    }
    return seg.size() <= 2 ? method_not_allowed() : not_found();
  }
  return not_found();
}

}  // namespace berkas::server::internal
