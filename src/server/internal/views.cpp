#include "server/internal/views.h"

#include "core/text.h"
#include "server/internal/http.h"

namespace berkas::server::internal {

std::string law_url(const std::string& provision_id) {
  auto parts = core::split(provision_id, '/');
  if (parts.size() < 2 || parts[1].rfind("pasal-", 0) != 0) return {};
  return "/law/" + url_encode(parts[0]) + "/" + url_encode(parts[1].substr(6));
}

std::string status_key(core::ForceStatus s) {
  switch (s) {
    case core::ForceStatus::in_force: return "status_in_force";
    case core::ForceStatus::not_yet_in_force: return "status_not_yet";
    case core::ForceStatus::revoked: return "status_revoked";
  }
  return "";
}

std::string lower_ext(const std::string& name) {
  auto dot = name.find_last_of('.');
  return dot == std::string::npos ? std::string() : core::ascii_lower(name.substr(dot));
}

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

}  // namespace

List citation_list(const std::vector<service::CitationView>& cs, const Templates& t, const std::string& lang) {
  List l;
  for (const auto& cv : cs) l.push_back(citation_data(cv, t, lang));
  return l;
}

}  // namespace berkas::server::internal
