#pragma once
// One SQLite value as D1 moves it between the worker and the database, and
// one statement's result.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace sy {

/// NULL, INTEGER, REAL, TEXT (UTF-8) or BLOB, SQLite's storage classes. D1
/// binds JS numbers (integral ones as INTEGER), strings, null, and byte
/// arrays (from ArrayBuffer / Uint8Array) as BLOB; booleans arrive as 1/0.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string, std::vector<uint8_t>>;

/// What D1 reports about one statement (workerd's D1Meta). Counts are of the
/// local SQLite database: `rowsRead` is the larger of the rows returned and
/// the rows a full-table scan stepped over (D1 counts every row visited, which
/// SQLite does not expose exactly); `rowsWritten` counts rows inserted,
/// updated or deleted (D1 also counts index writes).
struct D1Meta {
    double durationMs = 0; ///< wall time of the statement(s) in SQLite, milliseconds
    int64_t changes = 0;   ///< rows changed by INSERT/UPDATE/DELETE
    int64_t lastRowId = 0; ///< sqlite3_last_insert_rowid of the connection
    int64_t rowsRead = 0;  ///< see above
    int64_t rowsWritten = 0;
    int64_t sizeAfter = 0;  ///< database size in bytes afterwards (page_count * page_size)
    bool changedDb = false; ///< a statement that writes (DML or DDL) ran
};

/// The rows and columns of one statement (D1's ROWS_AND_COLUMNS format): for
/// several statements in one query, those of the last one.
struct SqlResult {
    std::vector<std::string> columns;
    std::vector<std::vector<SqlValue>> rows;
    D1Meta meta;
    bool truncated = false; ///< inspector queries only: more rows than asked for
};

} // namespace sy
