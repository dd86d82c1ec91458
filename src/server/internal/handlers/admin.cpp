// Administration: users, roles, passwords and case assignments (/admin, forms; /api/v1/users,
// JSON), and the audit log (/admin/audit, /api/v1/audit). The router lets only administrators in
// (its "administrator" guard); the accounts check again on every change.
//
// Where page and API differ (kept as they were): the admin page lists users together with the
// cases to assign; the audit page shows 200 events a page, the API up to ?limit= (1000).
#include "server/internal/shared.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <climits>
#include <set>
#include <sstream>

#include "service/json.h"

namespace berkas::server::internal {

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

Data audit_data(const std::vector<core::AuditEvent>& events) {
  Data d;
  List l;
  for (const auto& e : events) {
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
  if (events.size() == 200) d.set("next_url", text("/admin/audit?after=" + std::to_string(events.back().seq)));
  return d;
}

}  // namespace

Response App::page_admin(Ctx& c, const std::string& message, int status) {
  auto users = m_accounts->users(c.viewer());
  if (!users) return error_page(c, users.error());
  auto cases = with_reader([&](service::Context& s) { return s.evidence().cases(c.viewer()); });
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
      auto visible = with_reader([&](service::Context& s) { return s.evidence().kind_of(v, case_id); });
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

// GET /admin/audit[?after=] and GET /api/v1/audit[?after=&limit=].
Response App::audit(Ctx& c, Format f) {
  const std::int64_t after = c.req.int_param("after", 0, 0, INT64_MAX);
  const int limit = f == Format::json ? static_cast<int>(c.req.int_param("limit", 200, 1, 1000)) : 200;
  auto events = with_reader([&](service::Context& s) { return s.evidence().audit_log(c.viewer(), after, limit); });
  if (!events) return failure(c, f, events.error());
  if (f == Format::json) return json_response(service::json::of(*events));
  return render(c, 200, "audit", audit_data(*events));
}

// GET /api/v1/users.
Response App::api_users(Ctx& c) {
  const auto& v = c.viewer();
  auto users = m_accounts->users(v);
  if (!users) return problem(users.error());
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (const auto& u : *users) a->add(user_json(u));
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(a, out, 2);
  return json_response(out.str());
}

// POST /api/v1/users {"user", "role", "password"}.
Response App::api_create_user(Ctx& c) {
  const auto& v = c.viewer();
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

// PATCH /api/v1/users/{name} {"role"?, "password"?, "disabled"?}.
Response App::api_update_user(Ctx& c, const std::string& name) {
  const auto& v = c.viewer();
  Poco::JSON::Object::Ptr body;
  if (auto bad = parse_json_object(c.req, body)) return *bad;
  if (body->has("role")) {
    auto role = service::parse_role(str_field(body, "role"));
    if (!role) return problem(400, "peran tidak dikenal / unknown role");
    if (auto s = m_accounts->set_role(v, name, *role); !s) return problem(s.error());
  }
  if (body->has("password"))
    if (auto s = m_accounts->set_password(v, name, str_field(body, "password")); !s) return problem(s.error());
  if (body->has("disabled")) {
    auto d = body->get("disabled");
    if (!d.isBoolean()) return problem(400, "disabled: true/false");
    if (auto s = m_accounts->set_disabled(v, name, d.extract<bool>()); !s) return problem(s.error());
  }
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

// PUT /api/v1/users/{name}/assignments/{case} [{"cleared": bool}] and DELETE of the same.
Response App::api_assignment(Ctx& c, const std::string& name, const std::string& case_id) {
  const auto& v = c.viewer();
  if (c.req.method == "PUT") {
    auto kind = with_reader([&](service::Context& s) { return s.evidence().kind_of(v, case_id); });
    if (!kind || *kind != "case") return problem(404, "perkara '" + case_id + "' tidak ditemukan / case not found");
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
    if (auto s = m_accounts->assign(v, name, case_id, cleared); !s) return problem(s.error());
  } else if (auto s = m_accounts->unassign(v, name, case_id); !s) {
    return problem(s.error());
  }
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace berkas::server::internal
