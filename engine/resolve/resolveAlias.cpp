#include "resolve/resolveAlias.h"

namespace sy {

std::optional<ResolveAlias> regexAlias(const std::string &source, const std::string &flags,
                                       const std::string &replacement, std::string &error)
{
    ResolveAlias alias;
    alias.find = "/" + source + "/" + flags;
    alias.replacement = replacement;
    auto syntax = std::regex::ECMAScript;
    for (char flag : flags) {
        if (flag == 'i')
            syntax |= std::regex::icase;
        else if (flag == 'g')
            alias.global = true;
        else if (flag == 'u' || flag == 'v' || flag == 'y' || flag == 's' || flag == 'm' ||
                 flag == 'd') {
            // m, s, y, d do not change what a specifier (one line) matches; u/v
            // change escapes std::regex does not know.
            if (flag == 'v') {
                error = "the RegExp flag v is not supported";
                return std::nullopt;
            }
        }
    }
    try {
        alias.regex = std::make_shared<const std::regex>(source, syntax);
    } catch (const std::regex_error &e) {
        error = std::string("the RegExp cannot be used here (") + e.what() + ")";
        return std::nullopt;
    }
    return alias;
}

std::optional<std::string> applyAlias(const std::vector<ResolveAlias> &aliases,
                                      std::string_view specifier)
{
    const std::string spec(specifier);
    for (const ResolveAlias &alias : aliases) {
        if (alias.regex) {
            if (!std::regex_search(spec, *alias.regex))
                continue;
            return std::regex_replace(spec, *alias.regex, alias.replacement,
                                      alias.global ? std::regex_constants::format_default
                                                   : std::regex_constants::format_first_only);
        }
        if (alias.find.empty() || spec.compare(0, alias.find.size(), alias.find) != 0)
            continue;
        if (spec.size() != alias.find.size() && spec[alias.find.size()] != '/')
            continue;
        return alias.replacement + spec.substr(alias.find.size());
    }
    return std::nullopt;
}

} // namespace sy
