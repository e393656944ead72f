#pragma once
// Code frames for error messages and the browser's error overlay.
#include <string>
#include <string_view>

namespace sy {

/// The lines of `source` around (`line`, `column`) in Babel's code-frame layout (what Vite's
/// overlay shows), without colours:
///
///       1 | import a from "./a";
///     > 2 | const b = ;
///         |           ^
///       3 | export default b;
///
/// `line` and `column` are 1-based, the column in code points (LexedModule's convention).
/// `contextLines` lines are shown above and below. Lines end at "\n", "\r\n" or "\r" (CRLF never
/// leaves a stray "\r"). Tabs are expanded to 4-column tab stops so the caret lines up in any
/// viewer. A column <= 0 marks the line without a caret; a column past the end of the line puts
/// the caret just after it; a line past the end of the source marks the end of the last line;
/// a line < 1 gives "". When a shown line is wider than `maxWidth` code points, every line is cut
/// to the same window of `maxWidth` columns around the caret, with "…" where text was cut.
/// Invalid UTF-8 bytes count as one column each and are kept as they are.
std::string codeFrame(std::string_view source, int line, int column, int contextLines = 2,
                      int maxWidth = 120);

} // namespace sy
