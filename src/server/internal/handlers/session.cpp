// Signing in, first setup and signing out: the forms (/login, /setup, /logout) and the API's
// session (/api/v1/session, /api/v1/setup).
#include "server/internal/shared.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace berkas::server::internal {

using service::Session;

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

// ---------------------------------------------------------------- the API's session

namespace {

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

// POST /api/v1/session {"user", "password"}: signs in; the session as JSON and its cookie.
Response App::api_sign_in(Ctx& c) {
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

// POST /api/v1/setup {"token", "user", "password"}: the first administrator.
Response App::api_setup(Ctx& c) {
  Poco::JSON::Object::Ptr body;
  if (auto bad = parse_json_object(c.req, body)) return *bad;
  auto s = m_accounts->complete_setup(str_field(body, "token"), str_field(body, "user"),
                                      str_field(body, "password"), c.req.client);
  if (!s) return problem(s.error());
  Response r = json_response(stringify(session_json(*s)), 201);
  set_session_cookie(r, s->token, 60 * 60 * 8);
  return r;
}

// GET /api/v1/session: this session.
Response App::api_session(Ctx& c) { return json_response(stringify(session_json(*c.session))); }

// DELETE /api/v1/session: signs out.
Response App::api_sign_out(Ctx& c) {
  (void)m_accounts->sign_out(c.session_token);
  Response r;
  r.status = 204;
  r.content_type.clear();
  set_session_cookie(r, "", 0);
  return r;
}

}  // namespace berkas::server::internal
