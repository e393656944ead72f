#pragma once
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// Outcome of matching a subpath against a package.json `exports` or
/// `imports` field. Pure string work: no file system access except through the
/// TargetFilter given by the caller.
struct ExportsMatch {
    enum class Kind {
        Found,       ///< `target` holds the chosen target
        NotExported, ///< no key matches the subpath
        Blocked,     ///< the matched value is null (or resolves to null): deliberately hidden
        NoMatchingCondition, ///< a key matched but none of its conditions are active
        InvalidTarget,       ///< the target is not "./..." (exports) or escapes the package
    };
    Kind kind = Kind::NotExported;
    /// For Found: the target with `*` substituted, e.g. "./dist/a.js". For the
    /// `imports` field it may also be a bare specifier ("some-pkg/x").
    std::string target;
    std::string matchedKey; ///< the exports/imports key that matched ("./*", "#dep")
    std::string detail;     ///< human text for the non-Found kinds
    /// Array alternatives rejected by the filter, in order.
    std::vector<std::string> tried;
};

/// Called for each alternative of a target *array*: return true when that
/// target resolves (the file exists). Arrays take the first alternative that
/// resolves; if none does, the first valid one is returned (so the caller
/// reports it as missing). May be empty: then the first valid one wins.
using TargetFilter = std::function<bool(const std::string &target)>;

/// Models Node's PACKAGE_EXPORTS_RESOLVE: `subpath` is "." or "./x/y".
/// Supports a string / array / condition-object `exports` as the "." entry, a
/// subpath map, `*` patterns chosen by the longest-prefix rule (then the longest
/// key), nested condition objects matched in key order ("default" always
/// matches), arrays and null.
ExportsMatch matchExports(const nlohmann::ordered_json &exports, std::string_view subpath,
                          const std::vector<std::string> &conditions,
                          const TargetFilter &filter = {});

/// Models Node's PACKAGE_IMPORTS_RESOLVE for `#name` specifiers, with the same
/// pattern and condition rules; targets may be "./..." or bare specifiers.
ExportsMatch matchImports(const nlohmann::ordered_json &imports, std::string_view specifier,
                          const std::vector<std::string> &conditions,
                          const TargetFilter &filter = {});

} // namespace sy
