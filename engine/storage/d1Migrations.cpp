#include "storage/d1Migrations.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace sy {

namespace fs = std::filesystem;

std::vector<std::string> listD1Migrations(const std::string &dir)
{
    std::vector<std::string> out;
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec))
        return out;
    for (const auto &entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec) && entry.path().extension() == ".sql")
            out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

StorageError applyD1Migrations(D1DatabaseStore &db, const std::string &dir,
                               std::vector<std::string> &applied)
{
    applied.clear();
    const std::vector<std::string> files = listD1Migrations(dir);
    if (files.empty())
        return {};
    SqlResult result;
    if (StorageError e = db.query("CREATE TABLE IF NOT EXISTS d1_migrations("
                                  "id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE,"
                                  " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
                                  {}, result))
        return StorageError::error("d1_migrations: " + e.message);
    if (StorageError e = db.query("SELECT name FROM d1_migrations", {}, result))
        return StorageError::error("d1_migrations: " + e.message);
    std::set<std::string> done;
    for (const auto &row : result.rows)
        if (const auto *name = std::get_if<std::string>(&row[0]))
            done.insert(*name);
    for (const std::string &file : files) {
        if (done.count(file))
            continue;
        std::ifstream in(fs::path(dir) / file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!in)
            return StorageError::error(file + ": cannot read");
        std::vector<SqlResult> results;
        const D1Statement record{"INSERT INTO d1_migrations(name) VALUES(?1)", {file}};
        StorageError e = db.batch({{text.str(), {}}, record}, results);
        if (e && e.message == "No SQL statements detected.") // a file of comments only
            e = db.batch({record}, results);
        if (e)
            return StorageError::error(file + ": " + e.message);
        applied.push_back(file);
    }
    return {};
}

} // namespace sy
