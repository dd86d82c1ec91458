#include "extract/zip.h"

#include <algorithm>
#include <memory>

#include <archive.h>
#include <archive_entry.h>

#include "core/text.h"

namespace berkas::extract {
namespace {

using core::ErrorCode;
using core::fail;

constexpr std::size_t k_block = 64u << 10;
// Below this an entry is not checked for its ratio: a small, very regular file (a page of
// spaces) may compress 1:500 and still be harmless.
constexpr std::uint64_t k_ratio_floor = 1u << 20;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }

// A name as it may appear in a message: control characters shown as '?', at most 120 bytes.
std::string shown(std::string_view name) {
  std::string out;
  const std::string_view kept = core::utf8_prefix(name, 120);
  for (char c : kept) out += is_control(c) ? '?' : c;
  if (kept.size() < name.size()) out += "...";
  return out;
}

std::string last_error(archive* a) {
  const char* e = archive_error_string(a);
  return e ? e : "unknown error";
}

// The entry's name reduced to a relative '/'-separated path, or the refusal.
core::Result<std::string> safe_name(const std::string& raw) {
  const std::string s = shown(raw);
  for (char c : raw)
    if (is_control(c))
      return fail(ErrorCode::invalid_input, "nama entri '" + s + "' mengandung karakter kendali / entry name '" + s +
                                                "' contains a control character");
  std::string name = raw;
  std::replace(name.begin(), name.end(), '\\', '/');
  const bool drive = name.size() >= 2 && name[1] == ':' &&
                     ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'));
  if (!name.empty() && (name[0] == '/' || drive))
    return fail(ErrorCode::invalid_input,
                "nama entri '" + s + "' adalah path absolut / entry name '" + s + "' is an absolute path");
  std::string out;
  for (const auto& seg : core::split(name, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..")
      return fail(ErrorCode::invalid_input, "nama entri '" + s + "' keluar dari arsip ('..') / entry name '" + s +
                                                "' escapes the archive ('..')");
    if (!out.empty()) out += '/';
    out += seg;
  }
  if (out.empty())
    return fail(ErrorCode::invalid_input, "nama entri '" + s + "' kosong / entry name '" + s + "' is empty");
  // Names not in UTF-8 (an old Windows zip's code page): each byte outside ASCII becomes '_'.
  if (!core::is_valid_utf8(out))
    for (char& c : out)
      if (static_cast<unsigned char>(c) >= 0x80) c = '_';
  return out;
}

core::Status check_kind(archive_entry* e, const std::string& s) {
  if (archive_entry_hardlink(e))
    return fail(ErrorCode::invalid_input, "entri '" + s + "' adalah tautan keras (hard link), tidak diterima / entry '" +
                                              s + "' is a hard link, not accepted");
  switch (archive_entry_filetype(e)) {
    case AE_IFREG:
    case AE_IFDIR:
      break;
    case AE_IFLNK:
      return fail(ErrorCode::invalid_input, "entri '" + s +
                                                "' adalah tautan simbolik (symlink), tidak diterima / entry '" + s +
                                                "' is a symbolic link, not accepted");
    default:
      return fail(ErrorCode::invalid_input, "entri '" + s + "' bukan berkas biasa (perangkat, FIFO atau soket) / entry '" +
                                                s + "' is not a regular file (device, FIFO or socket)");
  }
  if (archive_entry_is_encrypted(e))
    return fail(ErrorCode::invalid_input, "entri '" + s + "' terenkripsi, tidak dapat dibaca / entry '" + s +
                                              "' is encrypted and cannot be read");
  return {};
}

// The ratio as people say it: "1:500".
std::string ratio_text(std::uint64_t out, std::uint64_t in) {
  return "1:" + std::to_string(out / std::max<std::uint64_t>(in, 1));
}

core::Error broken(archive* a) {
  const std::string why = last_error(a);
  return core::Error{ErrorCode::invalid_input,
                     "arsip zip rusak atau tidak dapat dibaca (" + why + ") / broken or unreadable zip archive (" +
                         why + ")",
                     {}, 0, {}};
}

// Inflates the current entry into `child.bytes`, block by block, checking every bound after
// each block; `s` is the entry's name as shown in messages, `archive_size` the whole archive's.
core::Status inflate_entry(archive* a, const std::string& s, const Limits& limits, std::size_t archive_size,
                           ZipStats& st, Child& child) {
  std::vector<char> buf(k_block);
  // The compressed bytes this entry has consumed so far: libarchive's read position moves as
  // the inflater takes input.
  const std::int64_t start = archive_filter_bytes(a, -1);
  for (;;) {
    const la_ssize_t n = archive_read_data(a, buf.data(), buf.size());
    if (n == 0) return {};
    if (n < 0)
      return fail(ErrorCode::invalid_input,
                  "entri '" + s + "' rusak (" + last_error(a) + ") / entry '" + s + "' is broken (" + last_error(a) +
                      ")",
                  {}, 0, s);
    st.inflated += static_cast<std::uint64_t>(n);
    const std::uint64_t entry_out = child.bytes.size() + static_cast<std::uint64_t>(n);
    if (entry_out > limits.max_bytes)
      return fail(ErrorCode::invalid_input,
                  "entri '" + s + "' terlalu besar saat dibuka (lebih dari " + std::to_string(limits.max_bytes) +
                      " byte) / entry '" + s + "' inflates beyond " + std::to_string(limits.max_bytes) + " bytes",
                  {}, 0, s);
    if (st.inflated > limits.max_total_inflated)
      return fail(ErrorCode::invalid_input,
                  "isi arsip terlalu besar saat dibuka (lebih dari " + std::to_string(limits.max_total_inflated) +
                      " byte) / archive contents inflate beyond " + std::to_string(limits.max_total_inflated) +
                      " bytes",
                  {}, 0, s);
    const std::int64_t consumed = std::max<std::int64_t>(archive_filter_bytes(a, -1) - start, 1);
    if (entry_out > k_ratio_floor && static_cast<double>(entry_out) > limits.max_ratio * static_cast<double>(consumed))
      return fail(ErrorCode::invalid_input,
                  "arsip terlalu besar saat dibuka (rasio " + ratio_text(entry_out, consumed) + ", entri '" + s +
                      "') / archive inflates too much (ratio " + ratio_text(entry_out, consumed) + ", entry '" + s +
                      "')",
                  {}, 0, s);
    if (st.inflated > k_ratio_floor &&
        static_cast<double>(st.inflated) > limits.max_ratio * static_cast<double>(archive_size))
      return fail(ErrorCode::invalid_input,
                  "arsip terlalu besar saat dibuka (rasio " + ratio_text(st.inflated, archive_size) +
                      ") / archive inflates too much (ratio " + ratio_text(st.inflated, archive_size) + ")",
                  {}, 0, s);
    child.bytes.append(buf.data(), static_cast<std::size_t>(n));
  }
}

std::uint32_t le(std::string_view s, std::size_t at, int n) {
  std::uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  return v;
}

// An archive of no entries: only the end of central directory record (and its comment).
// libarchive does not recognise it as a zip.
bool is_empty_zip(std::string_view z) {
  return z.size() >= 22 && z.substr(0, 4) == std::string_view("PK\x05\x06", 4) && le(z, 8, 2) == 0 &&
         le(z, 10, 2) == 0 && le(z, 12, 4) == 0 && z.size() == 22 + le(z, 20, 2);
}

}  // namespace

core::Result<std::vector<Child>> read_zip_entries(std::string_view bytes, const Limits& limits,
                                                  const std::function<bool(const std::string&)>& wanted,
                                                  ZipStats* stats) {
  ZipStats local;
  ZipStats& st = stats ? *stats : local;
  st = {};
  if (bytes.size() > limits.max_bytes)
    return fail(ErrorCode::invalid_input, "arsip melebihi batas ukuran " + std::to_string(limits.max_bytes) +
                                              " byte / archive exceeds the size limit of " +
                                              std::to_string(limits.max_bytes) + " bytes");
  if (is_empty_zip(bytes)) return std::vector<Child>{};
  std::unique_ptr<archive, ArchiveFree> a(archive_read_new());
  if (!a) return fail(ErrorCode::internal, "libarchive: tidak ada memori / libarchive: out of memory");
  // Seekable only: names, sizes and flags come from the central directory, and an entry that is
  // not wanted is skipped by its compressed size, never inflated. A zip without its central
  // directory (truncated, or not a zip) is not recognised at all.
  archive_read_support_format_zip_seekable(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK)
    return tl::unexpected(broken(a.get()));

  std::vector<Child> out;
  for (;;) {
    archive_entry* e = nullptr;
    const int r = archive_read_next_header(a.get(), &e);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) return tl::unexpected(broken(a.get()));
    if (++st.entries > limits.max_entries)
      return fail(ErrorCode::invalid_input, "arsip berisi terlalu banyak entri (lebih dari " +
                                                std::to_string(limits.max_entries) +
                                                ") / archive has too many entries (more than " +
                                                std::to_string(limits.max_entries) + ")");
    const char* utf8 = archive_entry_pathname_utf8(e);
    const char* raw = utf8 ? utf8 : archive_entry_pathname(e);
    const std::string raw_name = raw ? raw : "";
    const std::string s = shown(raw_name);
    if (auto k = check_kind(e, s); !k) return tl::unexpected(k.error());
    auto name = safe_name(raw_name);
    if (!name) return tl::unexpected(name.error());
    if (archive_entry_filetype(e) == AE_IFDIR) continue;
    if (!wanted(*name)) {
      if (archive_read_data_skip(a.get()) != ARCHIVE_OK) return tl::unexpected(broken(a.get()));
      continue;
    }
    // A declared size beyond the bound is refused before anything is inflated.
    if (archive_entry_size_is_set(e) && static_cast<std::uint64_t>(archive_entry_size(e)) > limits.max_bytes)
      return fail(ErrorCode::invalid_input,
                  "entri '" + s + "' terlalu besar (lebih dari " + std::to_string(limits.max_bytes) +
                      " byte) / entry '" + s + "' is larger than " + std::to_string(limits.max_bytes) + " bytes",
                  {}, 0, s);
    Child child;
    child.name = *name;
    if (auto ok = inflate_entry(a.get(), s, limits, bytes.size(), st, child); !ok) return tl::unexpected(ok.error());
    out.push_back(std::move(child));
  }
  return out;
}

core::Result<std::vector<Child>> read_zip(std::string_view bytes, const Limits& limits, ZipStats* stats) {
  return read_zip_entries(bytes, limits, [](const std::string&) { return true; }, stats);
}

}  // namespace berkas::extract
