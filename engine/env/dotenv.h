#pragma once
// The dotenv file format as the npm packages Vite and wrangler use read it:
//  - dotenv's parse(): KEY=value lines, `export KEY=...`, `KEY: value`,
//    '...' "..." `...` quoting (multi-line allowed; \n and \r expanded in
//    double quotes), `#` comments, the last duplicate wins;
//  - dotenv-expand 12's expand(): ${VAR}, $VAR, ${VAR:-default},
//    ${VAR-default}, ${VAR:+alt}, ${VAR+alt}, \$ escapes, the process
//    environment winning over a file's own value.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sy {

/// Keys and values in first-appearance order (JavaScript object order:
/// expansion walks keys in that order).
using EnvList = std::vector<std::pair<std::string, std::string>>;

/// dotenv.parse(text). Never throws; lines that are not assignments are skipped.
EnvList parseDotenv(std::string_view text);

/// dotenv-expand's expand({parsed, processEnv}) on `parsed`, in place.
void expandDotenv(EnvList &parsed, const std::map<std::string, std::string> &processEnv);

} // namespace sy
