#include "env/jsonModule.h"

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace sy {

namespace {

constexpr size_t kStringifyThreshold = 10 * 1024; // Vite's json.stringify 'auto'

using Json = nlohmann::ordered_json; // keys in source order, as JSON.parse

std::string dump(const Json &value)
{
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// The value as a JS expression: a literal, or JSON.parse("...") when large.
std::string expression(const Json &value)
{
    std::string text = dump(value);
    if (text.size() <= kStringifyThreshold || !value.is_structured())
        return text;
    return "JSON.parse(" + dump(Json(std::move(text))) + ")";
}

std::pair<int, int> lineColumnAt(const std::string &text, size_t offset)
{
    int line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column; // count characters, not UTF-8 continuation bytes
        }
    }
    return {line, column};
}

/// nlohmann's message without its "[json.exception...] parse error at line
/// L, column C: " prefix.
std::string reason(const std::string &what)
{
    const size_t colon = what.find(": ");
    std::string out = colon == std::string::npos ? what : what.substr(colon + 2);
    if (out.rfind("syntax error while parsing value - ", 0) == 0)
        out = out.substr(35);
    return out;
}

} // namespace

bool isLegalExportName(const std::string &name)
{
    static const std::set<std::string> forbidden = [] {
        std::set<std::string> words;
        std::istringstream list(
            // reserved words
            "break case class catch const continue debugger default delete do else export "
            "extends finally for function if import in instanceof let new return super switch "
            "this throw try typeof var void while with yield enum await implements package "
            "protected static interface private public "
            // globals rollup's makeLegalIdentifier refuses
            "arguments Infinity NaN undefined null true false eval uneval isFinite isNaN "
            "parseFloat parseInt decodeURI decodeURIComponent encodeURI encodeURIComponent "
            "escape unescape Object Function Boolean Symbol Error EvalError InternalError "
            "RangeError ReferenceError SyntaxError TypeError URIError Number Math Date String "
            "RegExp Array Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array "
            "Int32Array Uint32Array Float32Array Float64Array Map Set WeakMap WeakSet SIMD "
            "ArrayBuffer DataView JSON Promise Generator GeneratorFunction Reflect Proxy Intl");
        for (std::string word; list >> word;)
            words.insert(word);
        return words;
    }();
    if (name.empty() || forbidden.count(name))
        return false;
    auto start = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    };
    if (!start(name[0]))
        return false;
    for (char c : name)
        if (!start(c) && !(c >= '0' && c <= '9'))
            return false;
    return true;
}

JsonModule jsonToEsModule(const std::string &input)
{
    JsonModule out;
    const bool bom = input.rfind("\xEF\xBB\xBF", 0) == 0;
    const std::string text = bom ? input.substr(3) : input;
    Json value;
    try {
        value = Json::parse(text);
    } catch (const Json::parse_error &e) {
        // e.byte: 1-based index of the byte where parsing stopped.
        const size_t at = e.byte > 0 ? e.byte - 1 : 0;
        const auto [line, column] = lineColumnAt(text, at);
        out.line = line;
        out.column = column;
        out.error = "Failed to parse JSON file: " + reason(e.what()) + " (line " +
                    std::to_string(line) + ", column " + std::to_string(column) + ")";
        return out;
    }
    std::string code;
    if (value.is_object()) {
        std::string defaults = "export default {\n";
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string &key = it.key();
            if (key == "__proto__") { // a plain key would set the prototype
                defaults += "  [\"__proto__\"]: " + expression(it.value()) + ",\n";
            } else if (isLegalExportName(key)) {
                code += "export const " + key + " = " + expression(it.value()) + ";\n";
                defaults += "  " + key + ": " + key + ",\n";
            } else {
                defaults += "  " + dump(Json(key)) + ": " + expression(it.value()) + ",\n";
            }
        }
        code += defaults + "};\n";
    } else {
        code = "export default " + expression(value) + ";\n";
    }
    out.ok = true;
    out.code = std::move(code);
    return out;
}

} // namespace sy
