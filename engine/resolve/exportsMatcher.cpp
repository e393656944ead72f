#include "resolve/exportsMatcher.h"

#include <algorithm>
#include <cctype>

namespace sy {

namespace {

using Json = nlohmann::ordered_json;

enum class R { Ok, Null, Undefined, Invalid };

struct TargetResult {
    R r = R::Undefined;
    std::string target;
    std::string detail;
};

struct Ctx {
    const std::vector<std::string> &conditions;
    const TargetFilter &filter;
    bool isImports;
    std::vector<std::string> &tried;
};

bool conditionActive(const Ctx &ctx, const std::string &key)
{
    if (key == "default")
        return true;
    return std::find(ctx.conditions.begin(), ctx.conditions.end(), key) != ctx.conditions.end();
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// Node rejects targets whose segments (after the leading "./") are "", ".",
/// "..", or "node_modules" (case-insensitive).
bool hasInvalidSegment(std::string_view path)
{
    std::string_view rest = path.substr(2);
    size_t pos = 0;
    while (pos <= rest.size()) {
        size_t end = rest.find_first_of("/\\", pos);
        if (end == std::string_view::npos)
            end = rest.size();
        std::string seg = lower(rest.substr(pos, end - pos));
        if (seg == "." || seg == ".." || seg == "node_modules")
            return true;
        pos = end + 1;
    }
    return false;
}

std::string substitute(const std::string &target, const std::string *star)
{
    if (!star)
        return target;
    std::string out;
    out.reserve(target.size() + star->size());
    for (char c : target) {
        if (c == '*')
            out += *star;
        else
            out += c;
    }
    return out;
}

TargetResult resolveTarget(const Json &t, const std::string *star, Ctx &ctx)
{
    if (t.is_string()) {
        const std::string s = t.get<std::string>();
        if (s.rfind("./", 0) != 0) {
            const bool bareOk = ctx.isImports && s.rfind("../", 0) != 0 && s.rfind("/", 0) != 0 &&
                                s.find("://") == std::string::npos && !s.empty();
            if (bareOk)
                return {R::Ok, substitute(s, star), {}};
            return {R::Invalid, {}, "target \"" + s + "\" must start with \"./\""};
        }
        if (hasInvalidSegment(s))
            return {R::Invalid, {}, "target \"" + s + "\" has an invalid path segment"};
        std::string out = substitute(s, star);
        if (star && hasInvalidSegment(out))
            return {R::Invalid, {}, "target \"" + out + "\" has an invalid path segment"};
        return {R::Ok, out, {}};
    }
    if (t.is_object()) {
        for (auto it = t.begin(); it != t.end(); ++it) {
            if (!conditionActive(ctx, it.key()))
                continue;
            TargetResult r = resolveTarget(it.value(), star, ctx);
            if (r.r == R::Undefined)
                continue;
            return r;
        }
        return {R::Undefined, {}, {}};
    }
    if (t.is_array()) {
        if (t.empty())
            return {R::Null, {}, {}};
        TargetResult firstOk;
        bool haveOk = false;
        TargetResult last{R::Undefined, {}, {}};
        for (const auto &alt : t) {
            TargetResult r = resolveTarget(alt, star, ctx);
            if (r.r == R::Ok) {
                if (!ctx.filter || ctx.filter(r.target))
                    return r;
                ctx.tried.push_back(r.target);
                if (!haveOk) {
                    firstOk = r;
                    haveOk = true;
                }
                continue;
            }
            if (r.r != R::Undefined)
                last = r;
        }
        if (haveOk)
            return firstOk;
        return last;
    }
    if (t.is_null())
        return {R::Null, {}, {}};
    return {R::Invalid, {}, "target is neither a string, an object, an array nor null"};
}

/// Node's PATTERN_KEY_COMPARE: true when `a` should be preferred over `b`.
bool patternKeyBetter(const std::string &a, const std::string &b)
{
    const size_t aStar = a.find('*');
    const size_t bStar = b.find('*');
    const size_t baseA = aStar == std::string::npos ? a.size() : aStar + 1;
    const size_t baseB = bStar == std::string::npos ? b.size() : bStar + 1;
    if (baseA != baseB)
        return baseA > baseB;
    return a.size() > b.size();
}

ExportsMatch finish(const TargetResult &r, const std::string &key, std::string_view what,
                    std::vector<std::string> tried, const std::vector<std::string> &conditions)
{
    ExportsMatch m;
    m.matchedKey = key;
    m.tried = std::move(tried);
    switch (r.r) {
    case R::Ok:
        m.kind = ExportsMatch::Kind::Found;
        m.target = r.target;
        break;
    case R::Null:
        m.kind = ExportsMatch::Kind::Blocked;
        m.detail = std::string(what) + " is not exported: \"" + key + "\" maps to null";
        break;
    case R::Undefined: {
        m.kind = ExportsMatch::Kind::NoMatchingCondition;
        std::string conds;
        for (const auto &c : conditions)
            conds += (conds.empty() ? "" : ", ") + c;
        m.detail = std::string(what) + " is not exported: no condition of \"" + key +
                   "\" matches [" + conds + "]";
        break;
    }
    case R::Invalid:
        m.kind = ExportsMatch::Kind::InvalidTarget;
        m.detail = std::string(what) + " has an invalid target: " + r.detail;
        break;
    }
    return m;
}

ExportsMatch matchMap(const Json &map, std::string_view request, std::string_view what,
                      const std::vector<std::string> &conditions, const TargetFilter &filter,
                      bool isImports)
{
    std::vector<std::string> tried;
    Ctx ctx{conditions, filter, isImports, tried};
    const std::string req(request);

    // Exact key without '*'.
    auto exact = map.find(req);
    if (exact != map.end() && req.find('*') == std::string::npos) {
        TargetResult r = resolveTarget(*exact, nullptr, ctx);
        return finish(r, req, what, std::move(tried), conditions);
    }

    // Patterns: keys with exactly one '*'.
    const std::string *bestKey = nullptr;
    std::string bestStar;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const std::string &key = it.key();
        const size_t star = key.find('*');
        if (star == std::string::npos || key.find('*', star + 1) != std::string::npos)
            continue;
        const std::string_view base(key.data(), star);
        if (req.size() <= base.size() || req.compare(0, base.size(), base) != 0)
            continue;
        const std::string_view trailer(key.data() + star + 1, key.size() - star - 1);
        if (!trailer.empty()) {
            if (req.size() < key.size() ||
                req.compare(req.size() - trailer.size(), trailer.size(), trailer) != 0)
                continue;
        }
        if (bestKey && !patternKeyBetter(key, *bestKey))
            continue;
        bestKey = &key;
        bestStar = req.substr(base.size(), req.size() - base.size() - trailer.size());
    }
    if (bestKey) {
        TargetResult r = resolveTarget(map.at(*bestKey), &bestStar, ctx);
        return finish(r, *bestKey, what, std::move(tried), conditions);
    }

    ExportsMatch m;
    m.kind = ExportsMatch::Kind::NotExported;
    m.detail = std::string(what) + " is not exported (no matching key)";
    return m;
}

bool isConditionObject(const Json &exports)
{
    if (!exports.is_object())
        return false;
    for (auto it = exports.begin(); it != exports.end(); ++it) {
        if (!it.key().empty() && it.key()[0] == '.')
            return false;
    }
    return true;
}

} // namespace

ExportsMatch matchExports(const Json &exports, std::string_view subpath,
                          const std::vector<std::string> &conditions, const TargetFilter &filter)
{
    const std::string what = "subpath \"" + std::string(subpath) + "\"";
    if (exports.is_string() || exports.is_array() || exports.is_null() ||
        isConditionObject(exports)) {
        if (subpath != ".") {
            ExportsMatch m;
            m.kind = ExportsMatch::Kind::NotExported;
            m.detail = what + " is not exported (exports only defines \".\")";
            return m;
        }
        std::vector<std::string> tried;
        Ctx ctx{conditions, filter, false, tried};
        TargetResult r = resolveTarget(exports, nullptr, ctx);
        return finish(r, ".", what, std::move(tried), conditions);
    }
    if (!exports.is_object()) {
        ExportsMatch m;
        m.kind = ExportsMatch::Kind::InvalidTarget;
        m.detail = "\"exports\" is neither a string, an array nor an object";
        return m;
    }
    return matchMap(exports, subpath, what, conditions, filter, false);
}

ExportsMatch matchImports(const Json &imports, std::string_view specifier,
                          const std::vector<std::string> &conditions, const TargetFilter &filter)
{
    const std::string what = "import \"" + std::string(specifier) + "\"";
    if (specifier == "#" || specifier.rfind("#/", 0) == 0) {
        ExportsMatch m;
        m.kind = ExportsMatch::Kind::InvalidTarget;
        m.detail = what + " is not a valid internal specifier";
        return m;
    }
    if (!imports.is_object()) {
        ExportsMatch m;
        m.kind = ExportsMatch::Kind::NotExported;
        m.detail = what + " is not defined (\"imports\" is not an object)";
        return m;
    }
    ExportsMatch m = matchMap(imports, specifier, what, conditions, filter, true);
    if (m.kind == ExportsMatch::Kind::NotExported)
        m.detail = what + " is not defined in \"imports\"";
    return m;
}

} // namespace sy
