#include "env/importRewriter.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace sy {

namespace {

struct Edit {
    int64_t start, end;
    std::string text;
};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

/// One `a`, `a as b` or `"x" as b` of a braced import/export list.
struct Binding {
    std::string imported; ///< name in the source module
    std::string local;    ///< name bound here (or exported name for export-from)
};

bool parseBraceList(std::string_view list, std::vector<Binding> &out)
{
    list = trim(list);
    if (list.size() < 2 || list.front() != '{' || list.back() != '}')
        return false;
    list = list.substr(1, list.size() - 2);
    size_t pos = 0;
    while (pos <= list.size()) {
        size_t comma = list.find(',', pos);
        if (comma == std::string_view::npos)
            comma = list.size();
        std::string_view item = trim(list.substr(pos, comma - pos));
        pos = comma + 1;
        if (item.empty())
            continue;
        if (item.substr(0, 5) == "type " || item.substr(0, 5) == "type\t")
            continue; // a leftover TypeScript type-only import binds nothing at run time
        Binding b;
        const size_t as = item.find(" as ");
        if (as == std::string_view::npos) {
            b.imported = b.local = std::string(item);
        } else {
            b.imported = std::string(trim(item.substr(0, as)));
            b.local = std::string(trim(item.substr(as + 4)));
        }
        if (!b.imported.empty() && (b.imported.front() == '"' || b.imported.front() == '\''))
            b.imported = b.imported.substr(1, b.imported.size() - 2);
        out.push_back(std::move(b));
    }
    return true;
}

/// Finds the `from` keyword ending the clause that precedes offset `quote`.
int64_t findFrom(std::string_view code, int64_t clauseStart, int64_t quote)
{
    for (int64_t i = quote - 4; i >= clauseStart; --i) {
        if (code.compare(size_t(i), 4, "from") == 0 &&
            (i == 0 || !std::isalnum(static_cast<unsigned char>(code[size_t(i) - 1]))) &&
            !std::isalnum(static_cast<unsigned char>(code[size_t(i) + 4])))
            return i;
    }
    return -1;
}

/// `import <clause> from "x"` with interop: the statement becomes a default
/// import plus const bindings read off module.exports.
std::optional<std::string> interopImport(std::string_view clause, const std::string &target,
                                         const std::string &tmp)
{
    std::string out = "import " + tmp + " from " + jsStringLiteral(target) + ";";
    std::vector<std::string> consts;
    clause = trim(clause);
    while (!clause.empty()) {
        if (clause.front() == '{') {
            const size_t close = clause.find('}');
            if (close == std::string_view::npos)
                return std::nullopt;
            std::vector<Binding> bindings;
            if (!parseBraceList(clause.substr(0, close + 1), bindings))
                return std::nullopt;
            for (const Binding &b : bindings) {
                if (b.imported == "default")
                    consts.push_back(b.local + " = " + tmp + " && " + tmp + ".__esModule ? " + tmp +
                                     ".default : " + tmp);
                else
                    consts.push_back(b.local + " = " + tmp + "[" + jsStringLiteral(b.imported) +
                                     "]");
            }
            clause = trim(clause.substr(close + 1));
        } else if (clause.front() == '*') {
            const size_t as = clause.find("as");
            if (as == std::string_view::npos)
                return std::nullopt;
            std::string_view rest = trim(clause.substr(as + 2));
            size_t end = rest.find(',');
            const std::string name(trim(rest.substr(0, end)));
            consts.push_back(name + " = " + tmp);
            clause = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
        } else if (clause.front() == ',') {
            clause = trim(clause.substr(1));
        } else {
            size_t end = clause.find(',');
            const std::string name(trim(clause.substr(0, end)));
            consts.push_back(name + " = " + tmp + " && " + tmp + ".__esModule ? " + tmp +
                             ".default : " + tmp);
            clause = end == std::string_view::npos ? std::string_view{} : clause.substr(end);
        }
    }
    for (const std::string &c : consts)
        out += " const " + c + ";";
    return out;
}

/// `export { a, b as c } from "x"` with interop.
std::optional<std::string> interopExportFrom(std::string_view clause, const std::string &target,
                                             const std::string &tmp)
{
    clause = trim(clause);
    std::string out = "import " + tmp + " from " + jsStringLiteral(target) + ";";
    if (clause.front() != '{')
        return std::nullopt; // export * from a CJS bundle: names are unknown statically
    std::vector<Binding> bindings;
    if (!parseBraceList(clause, bindings))
        return std::nullopt;
    std::string exports;
    int n = 0;
    for (const Binding &b : bindings) {
        const std::string local = tmp + "_" + std::to_string(n++);
        if (b.imported == "default")
            out += " const " + local + " = " + tmp + " && " + tmp + ".__esModule ? " + tmp +
                   ".default : " + tmp + ";";
        else
            out += " const " + local + " = " + tmp + "[" + jsStringLiteral(b.imported) + "];";
        exports += (exports.empty() ? "" : ", ") + local + " as " + b.local;
    }
    return out + " export { " + exports + " }";
}

} // namespace

RewriteResult rewriteImports(std::string_view code, const LexedModule &lexed,
                             const ImportTargetFn &targetFor)
{
    RewriteResult result;
    std::vector<Edit> edits;
    int interopCount = 0;
    for (const ImportSpan &imp : lexed.imports) {
        if (imp.kind == ImportKind::ImportMeta || !imp.isLiteral)
            continue;
        std::optional<ImportTarget> target = targetFor(imp);
        if (!target)
            continue;
        if (imp.kind == ImportKind::Dynamic) {
            std::string text = jsStringLiteral(target->specifier);
            if (target->interop) {
                // import("cjs") resolves to a namespace whose default is module.exports.
                edits.push_back({imp.ss, imp.se,
                                 "import(" + text +
                                     ").then((m) => { const d = m.default; return d && "
                                     "d.__esModule ? d : { ...d, default: d }; })"});
            } else {
                edits.push_back({imp.s, imp.e, std::move(text)});
            }
            continue;
        }
        const bool sideEffectOnly =
            imp.kind == ImportKind::Static &&
            trim(code.substr(size_t(imp.ss) + 6, size_t(imp.s - 1 - imp.ss - 6))).empty();
        if (!target->interop || sideEffectOnly) {
            std::string text = jsStringLiteral(target->specifier);
            edits.push_back({imp.s, imp.e, text.substr(1, text.size() - 2)});
            continue;
        }
        const int64_t keywordEnd = imp.ss + (imp.kind == ImportKind::Static ? 6 : 6);
        const int64_t from = findFrom(code, keywordEnd, imp.s - 1);
        if (from < 0) {
            result.ok = false;
            result.error = "cannot read the import clause at offset " + std::to_string(imp.ss);
            return result;
        }
        const std::string_view clause = code.substr(size_t(keywordEnd), size_t(from - keywordEnd));
        const std::string tmp = "__sy_cjs" + std::to_string(interopCount++);
        std::optional<std::string> replacement =
            imp.kind == ImportKind::Static ? interopImport(clause, target->specifier, tmp)
                                           : interopExportFrom(clause, target->specifier, tmp);
        if (!replacement) {
            // export * from a CJS bundle: keep a plain re-export (default only).
            std::string text = jsStringLiteral(target->specifier);
            edits.push_back({imp.s, imp.e, text.substr(1, text.size() - 2)});
            continue;
        }
        // The statement ends after the closing quote (and attributes); a
        // trailing semicolon in the source stays where it is.
        edits.push_back({imp.ss, imp.se, std::move(*replacement)});
    }
    std::sort(edits.begin(), edits.end(),
              [](const Edit &a, const Edit &b) { return a.start < b.start; });
    result.code.reserve(code.size() + edits.size() * 32);
    int64_t at = 0;
    for (const Edit &edit : edits) {
        if (edit.start < at)
            continue; // overlapping edit (should not happen): keep the first
        result.code.append(code.substr(size_t(at), size_t(edit.start - at)));
        result.code += edit.text;
        at = edit.end;
    }
    result.code.append(code.substr(size_t(at)));
    return result;
}

} // namespace sy
