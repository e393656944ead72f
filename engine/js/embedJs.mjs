// Build step: embed a JS file into C++ as `extern const std::string_view sy::embedded::<symbol>`.
// Usage: node embedJs.mjs <input.js> <output.cpp> <symbol>
import { readFileSync, writeFileSync } from "node:fs";

const [input, output, symbol] = process.argv.slice(2);
const text = readFileSync(input, "utf8");
let delim = "SYJS";
while (text.includes(`)${delim}"`)) delim += "_";
const pieces = [];
for (let i = 0; i < text.length; i += 8000) pieces.push(text.slice(i, i + 8000));
if (pieces.length === 0) pieces.push("");
const body = pieces.map((p) => `R"${delim}(${p})${delim}"`).join("\n");
const cpp = `// Generated from ${input} by embedJs.mjs. Do not edit.
#include <string_view>
namespace sy::embedded {
static const char ${symbol}Data[] =
${body};
extern const std::string_view ${symbol};
const std::string_view ${symbol}(${symbol}Data, sizeof(${symbol}Data) - 1);
} // namespace sy::embedded
`;
writeFileSync(output, cpp);
