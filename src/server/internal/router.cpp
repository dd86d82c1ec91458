// The router: two tables — the pages and the JSON API under /api/v1 — that choose a request's
// handler by method and path (the shape of Poco's HTTPRequestHandlerFactory: the factory picks,
// the handler answers). A row's handler is a short lambda that hands the path's "*" parts to one
// handler of a feature file; who may reach a row is said in the row, never compared in a handler.
#include "server/internal/shared.h"

#include <optional>
#include <string_view>

namespace berkas::server::internal {

namespace {

// Does `pattern` match `path`? Fills `args` with the segments the "*"s stood for.
bool matches(std::string_view pattern, const std::vector<std::string>& path, std::vector<std::string>& args) {
  args.clear();
  std::size_t i = 0;
  while (!pattern.empty()) {
    const auto slash = pattern.find('/');
    const std::string_view part = pattern.substr(0, slash);
    pattern = slash == std::string_view::npos ? std::string_view() : pattern.substr(slash + 1);
    if (part == "**") return true;
    if (i >= path.size()) return false;
    if (part == "*")
      args.push_back(path[i]);
    else if (part != path[i])
      return false;
    ++i;
  }
  return i == path.size();
}

bool method_matches(const char* name, const std::string& method) {
  const std::string_view n = name;
  return n == "*" || n == method || (n == "GET" && method == "HEAD");
}

const char* k_admins_only = "hanya administrator / administrators only";

}  // namespace

// Answers from the rows of `routes` that `reach` admits: the first row whose pattern matches and
// whose method has a handler; a failed guard or a row that answers 405 ends the search; nullopt
// when no row answered.
std::optional<Response> App::dispatch(Ctx& c, const std::vector<Route>& routes, Reach reach, Format f) {
  for (const auto& row : routes) {
    if (row.reach != reach || !matches(row.pattern, c.path, c.args)) continue;
    if (row.guard == Route::Guard::administrator && !c.may_administer()) return failure(c, f, 403, k_admins_only);
    for (const auto& m : row.methods)
      if (method_matches(m.name, c.req.method)) return m.handler(*this, c);
    if (row.otherwise == Route::Otherwise::method_not_allowed)
      return f == Format::json ? problem(405, "metode tidak diizinkan / method not allowed")
                               : error_page(c, 405, title_of(405));
  }
  return std::nullopt;
}
Response App::route(Ctx& c) {
  const auto& seg = c.seg;
  const auto& m = c.req.method;
  if (!seg.empty() && seg[0] == "api") {
    if (seg.size() >= 2 && seg[1] == "v1") return route_api(c);
    return problem(404, "alamat tidak ditemukan / no such address");
  }
  if (!seg.empty() && seg[0] == "static") {
    if (m != "GET" && m != "HEAD") return error_page(c, 405, title_of(405));
    return static_file(seg);
  }
  if (m != "GET" && m != "HEAD" && m != "POST") return error_page(c, 405, title_of(405));
  return route_pages(c);
}

Response App::route_pages(Ctx& c) {
  c.path = c.seg;
  // A page row without the method tries the rows below; the answer at the end says 405 or 404.
  if (auto r = dispatch(c, page_routes(), Route::Reach::anyone, Format::page)) return *r;
  // Everything below needs a session.
  if (!c.session) return sign_in_redirect(c);
  if (auto r = dispatch(c, page_routes(), Route::Reach::signed_in, Format::page)) return *r;
  // A form posted anywhere else is refused as a method; only under /upload and /admin, which take
  // forms, is an unknown address simply not found.
  const std::string& first = c.seg[0];
  if (c.req.method == "POST" && first != "upload" && first != "admin") return error_page(c, 405, title_of(405));
  return error_page(c, 404, "halaman tidak ditemukan / page not found");
}

Response App::route_api(Ctx& c) {
  c.path.assign(c.seg.begin() + 2, c.seg.end());
  auto not_found = [] { return problem(404, "alamat tidak ditemukan / no such address"); };
  if (c.path.empty()) return not_found();
  if (auto r = dispatch(c, api_routes(), Route::Reach::anyone, Format::json)) return *r;
  if (!c.session) return problem(401, "belum masuk atau sesi habis / not signed in or the session expired");
  // Every state-changing call carries the session's CSRF token.
  const bool get = c.req.method == "GET" || c.req.method == "HEAD";
  if (!get && !csrf_ok(c, c.req.header("x-csrf-token")))
    return problem(403, "token CSRF hilang atau salah (header X-CSRF-Token) / missing or wrong CSRF token");
  if (auto r = dispatch(c, api_routes(), Route::Reach::signed_in, Format::json)) return *r;
  return not_found();
}

// ---------------------------------------------------------------- the page table

const std::vector<App::Route>& App::page_routes() {
  using R = Route;
  constexpr auto anyone = R::Reach::anyone;
  constexpr auto signed_in = R::Reach::signed_in;
  constexpr auto admin = R::Guard::administrator;
  constexpr auto next = R::Otherwise::next_row;
  constexpr auto page = Format::page;
  static const std::vector<Route> routes = {
      {"", anyone, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.redirect(c, c.session ? "/search" : "/login"); }},
        {"POST", [](App& a, Ctx& c) { return a.redirect(c, c.session ? "/search" : "/login"); }}},
       next},
      // Browsers ask for it on their own; it is a static file (or a plain 404), never a redirect.
      {"favicon.ico", anyone, R::Guard::none,
       {{"GET", [](App& a, Ctx&) { return a.static_file({"static", "favicon.ico"}); }}}, next},
      {"login", anyone, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.page_login(c, "", 200); }},
        {"POST", [](App& a, Ctx& c) { return a.post_login(c); }}},
       next},
      {"setup", anyone, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.page_setup(c, "", 200); }},
        {"POST", [](App& a, Ctx& c) { return a.post_setup(c); }}},
       next},
      {"logout", anyone, R::Guard::none, {{"POST", [](App& a, Ctx& c) { return a.post_logout(c); }}}, next},
      // The guideline modules' stylesheet (a <style> element would break the CSP).
      {"guidelines.css", anyone, R::Guard::none, {{"GET", [](App& a, Ctx&) { return a.guidelines_stylesheet(); }}},
       next},

      {"search", signed_in, R::Guard::none, {{"GET", [](App& a, Ctx& c) { return a.search(c, page); }}}, next},
      {"items/*", signed_in, R::Guard::none, {{"GET", [](App& a, Ctx& c) { return a.item(c, c.args[0], page); }}},
       next},
      {"items/*/attachments/*", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.download_attachment(c, c.args[0], c.args[1], false); }}}, next},
      // Correcting a statement (service/forms.h: the policy's may_supersede decides).
      {"items/*/correct", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.statement_form(c, c.args[0]); }},
        {"POST", [](App& a, Ctx& c) { return a.statement_form(c, c.args[0]); }}},
       next},
      {"items/*/original", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.download_original(c, c.args[0], false); }}}, next},
      {"precedents/*", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.precedent(c, c.args[0], page); }}}, next},
      {"cases", signed_in, R::Guard::none, {{"GET", [](App& a, Ctx& c) { return a.cases(c, page); }}}, next},
      {"cases/*", signed_in, R::Guard::none, {{"GET", [](App& a, Ctx& c) { return a.case_view(c, c.args[0], page); }}},
       next},
      {"cases/*/bundles", signed_in, R::Guard::none,
       {{"POST", [](App& a, Ctx& c) { return a.post_bundle(c, c.args[0], false); }}}, next},
      {"cases/*/identifiers", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.case_identifiers(c, c.args[0], page, false); }}}, next},
      {"cases/*/identifiers.csv", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.case_identifiers(c, c.args[0], page, true); }}}, next},
      {"cases/*/timeline", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.case_timeline(c, c.args[0], page); }}}, next},
      {"identifiers", signed_in, R::Guard::none, {{"POST", [](App& a, Ctx& c) { return a.identifier_lookup(c, page); }}},
       next},
      {"identifiers/*", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.identifier(c, c.args[0], page); }}}, next},
      {"cases/*/bundles/*", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.download_bundle(c, c.args[0], c.args[1], false); }}}, next},
      {"law", signed_in, R::Guard::none, {{"GET", [](App& a, Ctx& c) { return a.law_outline(c, "uu-21-2007", page); }}},
       next},
      {"sentencing", signed_in, R::Guard::none, {{"GET", [](App& a, Ctx& c) { return a.sentencing(c, page, false); }}},
       next},
      {"sentencing.csv", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.sentencing(c, page, true); }}}, next},
      {"law/*", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.law_outline(c, c.args[0], page); }}}, next},
      {"law/*/*", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.provision(c, c.args[0], c.args[1], page); }}}, next},
      {"upload", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.page_upload(c); }},
        {"POST", [](App& a, Ctx& c) { return a.upload(c, page); }}},
       next},
      // Entry forms instead of XML written by hand (handlers/forms.cpp).
      {"jobs/*", signed_in, R::Guard::none, {{"GET", [](App& a, Ctx& c) { return a.job(c, c.args[0], page); }}},
       next},
      {"forms/statement", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.statement_form(c, ""); }},
        {"POST", [](App& a, Ctx& c) { return a.statement_form(c, ""); }}},
       next},
      {"forms/case", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.case_form(c); }}, {"POST", [](App& a, Ctx& c) { return a.case_form(c); }}},
       next},
      {"forms/person", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.person_form(c); }},
        {"POST", [](App& a, Ctx& c) { return a.person_form(c); }}},
       next},
      {"persons/*", signed_in, R::Guard::none, {{"GET", [](App& a, Ctx& c) { return a.person_route(c, c.seg); }}},
       next},
      {"persons/*/*", signed_in, R::Guard::none, {{"*", [](App& a, Ctx& c) { return a.person_route(c, c.seg); }}},
       next},
      {"guidelines", signed_in, R::Guard::none, {{"GET", [](App& a, Ctx& c) { return a.page_guidelines(c); }}}, next},
      {"guidelines/*", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.page_guideline(c, c.args[0]); }}}, next},
      {"guidelines/*/pdf", signed_in, R::Guard::none,
       {{"GET", [](App& a, Ctx& c) { return a.guideline_download(c, c.args[0], false); }}}, next},
      {"admin", signed_in, admin,
       {{"GET", [](App& a, Ctx& c) { return a.page_admin(c, "", 200); }},
        {"POST", [](App& a, Ctx& c) { return a.post_admin(c, c.seg); }}},
       next},
      {"admin/audit", signed_in, admin,
       {{"GET", [](App& a, Ctx& c) { return a.audit(c, page); }},
        {"POST", [](App& a, Ctx& c) { return a.post_admin(c, c.seg); }}},
       next},
      {"admin/**", signed_in, admin, {{"POST", [](App& a, Ctx& c) { return a.post_admin(c, c.seg); }}}, next},
  };
  return routes;
}

// ---------------------------------------------------------------- the API table (under /api/v1)

const std::vector<App::Route>& App::api_routes() {
  using R = Route;
  constexpr auto anyone = R::Reach::anyone;
  constexpr auto signed_in = R::Reach::signed_in;
  constexpr auto none = R::Guard::none;
  constexpr auto admin = R::Guard::administrator;
  constexpr auto next = R::Otherwise::next_row;
  constexpr auto not_allowed = R::Otherwise::method_not_allowed;
  constexpr auto json = Format::json;
  static const std::vector<Route> routes = {
      {"session", anyone, none, {{"POST", [](App& a, Ctx& c) { return a.api_sign_in(c); }}}, next},
      {"setup", anyone, none, {{"POST", [](App& a, Ctx& c) { return a.api_setup(c); }}}, not_allowed},

      {"session", signed_in, none,
       {{"GET", [](App& a, Ctx& c) { return a.api_session(c); }},
        {"DELETE", [](App& a, Ctx& c) { return a.api_sign_out(c); }}},
       not_allowed},
      {"search", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.search(c, json); }}}, not_allowed},
      {"items/*", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.item(c, c.args[0], json); }}}, not_allowed},
      {"items/*/attachments/*", signed_in, none,
       {{"GET", [](App& a, Ctx& c) { return a.download_attachment(c, c.args[0], c.args[1], true); }}}, not_allowed},
      {"items/*/original", signed_in, none,
       {{"GET", [](App& a, Ctx& c) { return a.download_original(c, c.args[0], true); }}}, not_allowed},
      {"precedents/*", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.precedent(c, c.args[0], json); }}},
       not_allowed},
      {"cases/*/bundles", signed_in, none,
       {{"POST", [](App& a, Ctx& c) { return a.post_bundle(c, c.args[0], true); }},
        {"GET", [](App& a, Ctx& c) { return a.api_bundles(c, c.args[0]); }}},
       not_allowed},
      {"cases/*/bundles/*", signed_in, none,
       {{"GET", [](App& a, Ctx& c) { return a.download_bundle(c, c.args[0], c.args[1], true); }}}, not_allowed},
      {"cases/*/identifiers", signed_in, none,
       {{"GET", [](App& a, Ctx& c) { return a.case_identifiers(c, c.args[0], json, false); }}}, not_allowed},
      {"cases/*/timeline", signed_in, none,
       {{"GET", [](App& a, Ctx& c) { return a.case_timeline(c, c.args[0], json); }}}, not_allowed},
      {"identifiers", signed_in, none, {{"POST", [](App& a, Ctx& c) { return a.identifier_lookup(c, json); }}},
       not_allowed},
      {"identifiers/*", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.identifier(c, c.args[0], json); }}},
       not_allowed},
      {"cases", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.cases(c, json); }}}, not_allowed},
      {"cases/*", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.case_view(c, c.args[0], json); }}},
       not_allowed},
      {"sentencing", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.sentencing(c, json, false); }}},
       not_allowed},
      {"laws", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.api_laws(c); }}}, not_allowed},
      {"laws/*", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.law_outline(c, c.args[0], json); }}},
       not_allowed},
      {"laws/*/pasal/*", signed_in, none,
       {{"GET", [](App& a, Ctx& c) { return a.provision(c, c.args[0], c.args[1], json); }}}, not_allowed},
      // Any other address under /laws: the date is checked first, then it is not found.
      {"laws/**", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.api_laws_other(c); }}}, not_allowed},
      {"ingest", signed_in, none, {{"POST", [](App& a, Ctx& c) { return a.upload(c, json); }}}, not_allowed},
      {"jobs/*", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.job(c, c.args[0], json); }}}, not_allowed},
      {"persons/*", signed_in, none, {{"*", [](App& a, Ctx& c) { return a.api_person(c, c.path); }}}, not_allowed},
      {"persons/*/*", signed_in, none, {{"*", [](App& a, Ctx& c) { return a.api_person(c, c.path); }}}, not_allowed},
      {"guidelines/**", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.api_guidelines(c, c.path); }}},
       not_allowed},
      {"audit", signed_in, none, {{"GET", [](App& a, Ctx& c) { return a.audit(c, json); }}}, not_allowed},
      {"users", signed_in, admin,
       {{"GET", [](App& a, Ctx& c) { return a.api_users(c); }},
        {"POST", [](App& a, Ctx& c) { return a.api_create_user(c); }}},
       not_allowed},
      {"users/*", signed_in, admin, {{"PATCH", [](App& a, Ctx& c) { return a.api_update_user(c, c.args[0]); }}},
       not_allowed},
      {"users/*/assignments/*", signed_in, admin,
       {{"PUT", [](App& a, Ctx& c) { return a.api_assignment(c, c.args[0], c.args[1]); }},
        {"DELETE", [](App& a, Ctx& c) { return a.api_assignment(c, c.args[0], c.args[1]); }}},
       next},
      {"users/**", signed_in, admin,
       {{"*", [](App&, Ctx&) { return problem(404, "alamat tidak ditemukan / no such address"); }}}, not_allowed},
  };
  return routes;
}

}  // namespace berkas::server::internal
