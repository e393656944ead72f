#pragma once
// wrangler's D1 migrations: numbered .sql files applied once each, recorded
// in the database's d1_migrations table.
#include "storage/d1DatabaseStore.h"

#include <string>
#include <vector>

namespace sy {

/// The migration files of `dir` (`*.sql`, by file name, as wrangler orders
/// them: 0001_init.sql, 0002_...). Empty when the folder does not exist.
std::vector<std::string> listD1Migrations(const std::string &dir);

/// Applies the migrations of `dir` that `db` has not recorded yet, like
/// `wrangler d1 migrations apply --local` (and the Workers test pool's
/// applyD1Migrations): creates `d1_migrations(id, name, applied_at)` if
/// missing, then runs each pending file and records its name, file and
/// record in one transaction. Stops at the first failing file: its error is
/// "<file>: <message>", earlier files stay applied. `applied` gets the names
/// applied by this call.
StorageError applyD1Migrations(D1DatabaseStore &db, const std::string &dir,
                               std::vector<std::string> &applied);

} // namespace sy
