#pragma once
// A .json file as an ES module, as Vite's vite:json plugin makes it with
// json.namedExports (its default): the parsed value is the default export,
// and each top-level key of an object that is a legal identifier (not a
// reserved word or a global such as `Object`) is also a named export:
//   {"name": "x", "list-a": [1]}  ->
//   export const name = "x";
//   export default { name: name, "list-a": [1] };
// Values above 10 kB are emitted as JSON.parse("...") (Vite's stringify:
// 'auto'; V8 parses JSON faster than an object literal). A UTF-8 BOM is
// dropped. Used in every environment.
#include <string>

namespace sy {

struct JsonModule {
    bool ok = false;
    std::string code;  ///< the ES module
    std::string error; ///< "Failed to parse JSON file: <what> (line L, column C)"
    int line = 0;      ///< 1-based position of a syntax error
    int column = 0;
};

/// Turns the text of a JSON file into an ES module (see above), or a syntax
/// error with its line and column (strict JSON: no comments, no trailing
/// commas, as JSON.parse).
JsonModule jsonToEsModule(const std::string &text);

/// Whether `name` can be a named export binding: an ASCII identifier that is
/// not a reserved word or one of the globals rollup's makeLegalIdentifier
/// refuses.
bool isLegalExportName(const std::string &name);

} // namespace sy
