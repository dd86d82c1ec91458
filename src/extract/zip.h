// extract/zip: a bounded zip reader (libarchive, from memory): the regular files of an archive,
// each checked for its name and inflated only as far as the Limits allow.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "extract/extract.h"

namespace berkas::extract {

// What a read did, counted by the reader itself (tests use it to show that a bomb was stopped
// early, not inflated in full).
struct ZipStats {
  std::uint64_t inflated = 0;  // bytes produced by inflating, all entries together
  std::size_t entries = 0;     // entries seen (directories included)
};

// The regular files of the zip archive `bytes`, in archive order. Child::name is the entry's
// path inside the archive, relative, with '/' separators and "." segments removed;
// Child::media_type is empty. Directories are skipped.
//
// Refused with invalid_input (message in Indonesian, then English) — the whole archive, nothing
// returned:
//   - `bytes` larger than max_bytes, or not a readable zip (broken, truncated: the central
//     directory at the end of the file is required, so a cut-off archive is refused before any
//     entry is read);
//   - more than max_entries entries;
//   - an entry inflating beyond max_bytes, all entries together beyond max_total_inflated, or an
//     entry whose inflated size exceeds max_ratio x its compressed bytes read so far (checked once
//     it passes 1 MiB: smaller entries cannot be bombs). Every bound is checked after each block
//     of at most 64 KiB is inflated, so a bomb is stopped within one block of its bound;
//   - an entry name that is absolute ("/x", "C:/x", "//host/x"), has a ".." segment (a backslash
//     counts as a separator), or holds a control character (below 0x20, or DEL); a name that is empty once reduced;
//   - a symbolic link, hard link, device or socket entry; an encrypted entry. (libarchive reads
//     an entry whose Unix mode says FIFO as a regular file: its bytes are returned like any
//     other, which is harmless as nothing here creates a file.)
// An empty archive (only the end record, no entries) gives an empty list.
// `stats`, if given, is filled in whether or not the read succeeds.
// Thread-safe: no shared state.
core::Result<std::vector<Child>> read_zip(std::string_view bytes, const Limits& limits, ZipStats* stats = nullptr);

// As read_zip, but only entries for which `wanted(name)` is true are inflated and returned; the
// others are still counted and their names and kinds checked, but skipped without inflating.
core::Result<std::vector<Child>> read_zip_entries(std::string_view bytes, const Limits& limits,
                                                  const std::function<bool(const std::string&)>& wanted,
                                                  ZipStats* stats = nullptr);

}  // namespace berkas::extract
