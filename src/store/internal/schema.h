// store/internal/schema: the store's schema as an ordered list of migrations, and the code that
// brings a database file up to the version this program was built with (docs/STORE.md).
#pragma once

#include <span>

#include "core/error.h"
#include "store/internal/sqlite.h"

namespace berkas::store::internal {

struct Migration {
  int version;              // 1, 2, ...: contiguous, applied in order
  const char* description;  // one line, recorded in schema_version
  const char* sql;          // DDL only, never values
};

// Every migration, oldest first. Append only: a released migration is never edited.
std::span<const Migration> migrations();

// The newest schema version this program knows (the last migration's version).
int latest_schema_version();

// The database's schema version: 0 for an empty database; invalid_input if the file has tables
// but is not a Berkas store.
core::Result<int> read_schema_version(Database& db);

// Applies every migration newer than the database's version in one IMMEDIATE transaction
// (all or nothing) and returns the resulting version. Refuses (invalid_input) a store whose
// version is newer than this program. With `read_only`, applies nothing and refuses a store
// that would need migrating.
core::Result<int> migrate(Database& db, bool read_only);

}  // namespace berkas::store::internal
