#include "env/reactRefresh.h"

#include "core/jsString.h"
#include "env/embeddedModules.h"
#include "env/environment.h"
#include "js/transformService.h"

namespace sy {

namespace {

bool isIdentifierChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$';
}

bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/// `word` at `at` as a whole word (not part of a longer identifier).
bool wordAt(std::string_view code, size_t at, std::string_view word)
{
    if (code.substr(at, word.size()) != word)
        return false;
    if (at > 0 && isIdentifierChar(code[at - 1]))
        return false;
    const size_t end = at + word.size();
    return end >= code.size() || !isIdentifierChar(code[end]);
}

/// After `word` at `at`: skips blanks (and a generator's `*`), then a capital letter?
bool capitalizedAfter(std::string_view code, size_t at, bool allowStar)
{
    size_t i = at;
    while (i < code.size() && (code[i] == ' ' || code[i] == '\t' || code[i] == '\n' ||
                               code[i] == '\r' || (allowStar && code[i] == '*')))
        ++i;
    return i < code.size() && isUpper(code[i]);
}

} // namespace

void addReactRefreshModules(Environment &client)
{
    client.addVirtualModule(std::string(kReactRefreshModuleId), {},
                            [] { return std::string(embedded::kReactRefreshModule); });
}

bool mayDefineComponents(std::string_view code)
{
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == 'f' && wordAt(code, i, "function") && capitalizedAfter(code, i + 8, true))
            return true;
        if ((c == 'c' && wordAt(code, i, "const") && capitalizedAfter(code, i + 5, false)) ||
            (c == 'l' && wordAt(code, i, "let") && capitalizedAfter(code, i + 3, false)) ||
            (c == 'v' && wordAt(code, i, "var") && capitalizedAfter(code, i + 3, false)))
            return true;
        // useState(, React.useMemo(, useCustomHook( ...
        if (c == 'u' && code.substr(i, 3) == "use" && (i == 0 || !isIdentifierChar(code[i - 1])) &&
            i + 3 < code.size() &&
            (isUpper(code[i + 3]) || (code[i + 3] >= '0' && code[i + 3] <= '9')))
            return true;
    }
    return false;
}

std::string reactRefreshFooter(std::string_view moduleUrl)
{
    const std::string url = jsStringLiteral(moduleUrl);
    std::string out = "\nimport * as __syRefresh from ";
    out += jsStringLiteral(kReactRefreshModuleId);
    out += ";\nfunction $RefreshReg$(type, id) { __syRefresh.register(type, " + url +
           " + \" \" + id); }\n";
    out +=
        "function $RefreshSig$() { return __syRefresh.createSignatureFunctionForTransform(); }\n";
    out += "if (import.meta.hot) {\n";
    out +=
        "  const __syRefreshExports = __syRefresh.moduleEvaluated(" + url + ", import.meta.url);\n";
    out += "  import.meta.hot.accept((next) => __syRefresh.moduleUpdated(import.meta.hot, " + url +
           ", __syRefreshExports, next));\n";
    out += "}\n";
    return out;
}

ReactRefreshStep reactRefreshStep(TransformService &transforms, const std::string &file,
                                  std::string_view moduleUrl, std::string code)
{
    ReactRefreshStep step;
    if (!mayDefineComponents(code)) {
        step.code = std::move(code);
        return step;
    }
    const RefreshTransformOutput t = transforms.reactRefresh(code, file);
    step.ms = t.durationMs;
    if (!t.ok) {
        step.warning = "React Fast Refresh is off for " + file + " (" + std::to_string(t.line) +
                       ":" + std::to_string(t.column) + "): " + t.error +
                       "; edits of it reload the page";
        step.code = std::move(code);
        return step;
    }
    if (!t.refreshed) {
        step.code = std::move(code);
        return step;
    }
    step.refreshed = true;
    step.code = t.code;
    if (!step.code.empty() && step.code.back() != '\n')
        step.code += '\n';
    step.code += reactRefreshFooter(moduleUrl);
    return step;
}

} // namespace sy
