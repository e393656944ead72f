#pragma once
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace sy {

/// One parsed package.json. Key order is preserved (ordered_json) because
/// `exports`/`imports` condition objects are matched in key order, as Node does.
/// When the file is not valid JSON, `parseOk` is false and `parseError` holds
/// the JSON parser's message; the other fields are then empty.
struct PackageJson {
    std::filesystem::path file; ///< absolute path of the package.json
    std::filesystem::path dir;  ///< its directory (the package root)
    bool parseOk = false;
    std::string parseError; ///< e.g. "[json.exception.parse_error.101] parse error at line 3..."
    std::string name;       ///< "name" field or ""
    std::string version;    ///< "version" field or ""
    std::string type;       ///< "type" field ("module", "commonjs") or ""
    nlohmann::ordered_json data; ///< whole document (object), null when !parseOk

    /// `exports` field or nullptr when absent.
    const nlohmann::ordered_json *exports() const { return field("exports"); }
    /// `imports` field or nullptr when absent.
    const nlohmann::ordered_json *imports() const { return field("imports"); }
    /// Any top-level field, or nullptr when absent (or !parseOk).
    const nlohmann::ordered_json *field(const char *key) const;
    /// String value of a top-level field (a main field such as "module"), or "".
    std::string stringField(const char *key) const;
};

/// Parses package.json text. Never throws: a parse error gives parseOk=false.
std::shared_ptr<const PackageJson> parsePackageJson(const std::filesystem::path &file,
                                                    const std::string &text);

/// Thread-safe cache of package.json reads keyed by path. Remembers absent files
/// too (a directory without package.json is asked about on every upward walk),
/// so a package.json created while the server runs must be reported with
/// invalidate() (the watcher does it for every package.json event).
class PackageJsonCache {
public:
    /// The parsed file at `file`, or nullptr when there is no such regular file.
    std::shared_ptr<const PackageJson> get(const std::filesystem::path &file) const;
    /// Drops one entry (the path as given and its lexically normal form).
    void invalidate(const std::string &path);
    void clear();

private:
    mutable std::shared_mutex mutex_;
    mutable std::unordered_map<std::string, std::shared_ptr<const PackageJson>> entries_;
};

} // namespace sy
