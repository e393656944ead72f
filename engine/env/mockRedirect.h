#pragma once
// Vitest's manual mocks: the __mocks__ file that replaces a module when
// vi.mock(path) has no factory (@vitest/mocker/redirect's findMockRedirect).
#include <string>

namespace sy {

/// The manual mock of a module, or "" when there is none:
/// - a file module (`external` empty, `mockPath` an existing file):
///   `<dir of mockPath>/__mocks__/<its file name>` (extension included);
/// - a package, a built-in or a module that is no file (`external` = the
///   specifier as written, without `node:`): the file or folder
///   `<root>/__mocks__/<external>` with any extension (a folder: its index.*),
///   the first in directory order (sorted by name here).
/// Only existence is checked; nothing is read.
std::string findMockRedirect(const std::string &root, const std::string &mockPath,
                             const std::string &external);

/// Vitest's normalizeModuleId for a raw specifier: `node:` and `file:/`
/// prefixes and the `/@fs/` of a Vite URL go, several leading slashes become one.
std::string normalizeMockSpecifier(const std::string &specifier);

} // namespace sy
