#pragma once
// Vite's `resolve.alias` (@rollup/plugin-alias, which Vite runs first in every
// environment): the first entry whose `find` matches a specifier rewrites it,
// and the result is resolved as if it had been written (never aliased again).
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// One alias entry.
struct ResolveAlias {
    /// String form: matches the specifier itself or its start followed by "/".
    std::string find;
    /// RegExp form (find is then only for messages, "/^~(.*)$/"): matches when
    /// the RegExp finds a match anywhere in the specifier.
    std::shared_ptr<const std::regex> regex;
    /// The RegExp's `g` flag: every match is replaced, else the first.
    bool global = false;
    /// What the matched part becomes (`$1`... refer to RegExp groups).
    std::string replacement;
};

/// Compiles a JavaScript RegExp (`source`, `flags`) as an ECMAScript std::regex
/// (flag i: case-insensitive; g: ResolveAlias::global). Nullopt + error when
/// std::regex cannot express it (named groups, lookbehind, the v flag, ...).
std::optional<ResolveAlias> regexAlias(const std::string &source, const std::string &flags,
                                       const std::string &replacement, std::string &error);

/// The specifier after the first matching alias (String.prototype.replace of
/// the match by the replacement), or nullopt when none matches.
std::optional<std::string> applyAlias(const std::vector<ResolveAlias> &aliases,
                                      std::string_view specifier);

} // namespace sy
