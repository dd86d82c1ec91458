#include "service/internal/form_xml.h"

#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>

#include "core/hash.h"
#include "core/text.h"
#include "service/internal/paths.h"

namespace fs = std::filesystem;

namespace berkas::service::internal {

using core::ErrorCode;
using core::fail;

void XmlLines::raw(const std::string& line, FieldRef ref) {
  m_text += line;
  m_text += '\n';
  ++m_line;
  m_fields[m_line] = std::move(ref);
}

void XmlLines::element(const std::string& indent, const char* name, const std::string& value, FieldRef ref) {
  raw(indent + "<" + name + ">" + escape(value) + "</" + name + ">", std::move(ref));
}

const FieldRef* XmlLines::field_at(int line) const {
  auto it = m_fields.find(line);
  return it == m_fields.end() || it->second.label.empty() ? nullptr : &it->second;
}

std::string XmlLines::escape(const std::string& s) { return core::escape_xml(s); }

tl::unexpected<core::Error> form_error(ErrorCode code, const FieldRef& f, const std::string& message) {
  return fail(code, f.label.empty() ? message : f.label + ": " + message, {}, 0, f.member);
}

core::Status check_chars(const std::string& value, const FieldRef& f) {
  if (!core::is_valid_utf8(value))
    return form_error(ErrorCode::invalid_input, f, "bukan teks UTF-8 yang sah / not valid UTF-8 text");
  for (unsigned char c : value)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      return form_error(ErrorCode::invalid_input, f,
                        "karakter kendali tidak diizinkan / control characters are not allowed");
  return {};
}

bool is_id(const std::string& s) {
  if (s.empty() || s.size() > 80) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
    if (!ok) return false;
  }
  return true;
}

core::Status check_id(const std::string& value, const FieldRef& f, bool required) {
  if (value.empty() && !required) return {};
  if (value.empty()) return form_error(ErrorCode::invalid_input, f, "wajib diisi / required");
  if (!is_id(value))
    return form_error(ErrorCode::invalid_input, f,
                      "id hanya huruf kecil, angka dan '-', paling panjang 80 / an id is lower-case letters, digits "
                      "and '-', at most 80 characters: '" + value + "'");
  return {};
}

bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

core::Status check_date(const std::string& value, const FieldRef& f, bool required) {
  if (value.empty() && !required) return {};
  if (value.empty()) return form_error(ErrorCode::invalid_input, f, "wajib diisi / required");
  if (!is_date(value))
    return form_error(ErrorCode::invalid_input, f,
                      "tanggal ditulis TTTT-BB-HH, mis. 2024-04-03 / a date is written YYYY-MM-DD, e.g. 2024-04-03");
  return {};
}

core::Status check_text(const std::string& value, const FieldRef& f, bool required, std::size_t max_chars) {
  if (required && core::squeeze_space(value).empty())
    return form_error(ErrorCode::invalid_input, f, "wajib diisi / required");
  std::size_t chars = 0;
  for (unsigned char c : value)
    if ((c & 0xC0) != 0x80) ++chars;
  if (chars > max_chars)
    return form_error(ErrorCode::invalid_input, f,
                      "terlalu panjang (paling banyak " + std::to_string(max_chars) + " karakter) / too long (at "
                      "most " + std::to_string(max_chars) + " characters)");
  return {};
}

std::string derive_id(const std::string& whole) {
  if (whole.size() <= 80) return whole;
  std::string cut = whole.substr(0, 70);
  while (!cut.empty() && cut.back() == '-') cut.pop_back();
  return cut + "-" + core::sha256_hex(whole).substr(0, 8);
}

namespace {

// A temporary folder under the data dir holding the one generated file; removed with it on
// every path out of enter_xml.
class TempEntry {
 public:
  TempEntry() = default;
  TempEntry(const TempEntry&) = delete;
  TempEntry& operator=(const TempEntry&) = delete;
  ~TempEntry() {
    if (!m_dir.empty()) {
      std::error_code ec;
      fs::remove_all(m_dir, ec);
    }
  }
  core::Result<std::string> write(const std::string& data_dir, const char* file_name, const std::string& bytes) {
    std::string pattern = (fs::path(data_dir) / ".entry-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      return fail(ErrorCode::io, "tidak dapat membuat berkas sementara / cannot create a temporary file");
    m_dir = pattern;
    const std::string path = (fs::path(m_dir) / file_name).string();
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return fail(ErrorCode::io, "tidak dapat menulis berkas sementara / cannot write a temporary file");
    return path;
  }

 private:
  std::string m_dir;
};

// "PATH:LINE: message" or "PATH: message" (an ingest error about the temporary file) in the
// form's terms: the field on that line, never the path.
core::Error to_form_error(const std::string& described, const std::string& path, const XmlLines& xml) {
  std::string rest = described;
  if (rest.compare(0, path.size(), path) == 0) rest.erase(0, path.size());
  int line = 0;
  if (!rest.empty() && rest.front() == ':') {
    rest.erase(0, 1);
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits > 0 && digits < 9 && digits < rest.size() && rest[digits] == ':') {
      line = std::stoi(rest.substr(0, digits));
      rest.erase(0, digits + 1);
    }
  }
  rest = core::squeeze_space(rest);
  // The path may also appear inside a library's message.
  rest = core::replace_all(rest, path, "formulir");
  ErrorCode code = ErrorCode::invalid_input;
  if (rest.find("belum ada / ") != std::string::npos) code = ErrorCode::not_found;
  else if (rest.find("versi baru tidak boleh") != std::string::npos) code = ErrorCode::conflict;
  core::Error e{code, rest, {}, 0, {}};
  if (const FieldRef* f = xml.field_at(line)) {
    e.message = f->label + ": " + rest;
    e.field = f->member;
  }
  return e;
}

}  // namespace

core::Result<FileOutcome> enter_xml(Service& svc, const Options& options, const Viewer& v, const XmlLines& xml,
                                    const char* file_name, const UploadOptions& upload) {
  TempEntry temp;
  auto path = temp.write(options.data_dir, file_name, xml.text());
  if (!path) return tl::unexpected(path.error());
  const std::string resource_dir = options.resource_dir.empty() ? default_resource_dir() : options.resource_dir;
  auto screen = screen_upload(svc, v, {*path}, resource_dir, upload);
  if (!screen) return tl::unexpected(screen.error());
  if (!screen->refused.empty()) {
    auto e = to_form_error(screen->refused.front().error, *path, xml);
    if (e.code == ErrorCode::invalid_input) e.code = ErrorCode::forbidden;
    return tl::unexpected(std::move(e));
  }
  auto report = svc.ingest(v, {*path}, upload.native);
  if (!report) return tl::unexpected(report.error());
  if (report->files.size() != 1)
    return fail(ErrorCode::internal, "ingest reported " + std::to_string(report->files.size()) + " files for one");
  FileOutcome out = report->files.front();
  if (out.status == FileOutcome::Status::failed) return tl::unexpected(to_form_error(out.error, *path, xml));
  out.path.clear();  // the temporary file is gone
  return out;
}

}  // namespace berkas::service::internal
