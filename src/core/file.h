// core/file: writing a whole file so that a reader never sees a part of it.
#pragma once

#include <string>

#include "core/error.h"

namespace berkas::core {

// Writes `bytes` to `path` atomically: a temporary file beside it (a name of our own — process id
// and random letters, never derived from content — so concurrent writers in one process do not
// meet), flushed, then renamed over `path`. A failure leaves no partial file and removes the
// temporary one. io error naming `path` on failure. Thread-safe.
Status write_file_atomically(const std::string& path, const std::string& bytes);

}  // namespace berkas::core
