#pragma once
// A long-lived esbuild process for single-file transforms, spoken to the way
// esbuild's own JS API speaks to it: `esbuild --service=<version>` and
// length-prefixed binary packets over its stdin/stdout (esbuild's
// lib/main.js encodePacket/decodePacket). One transform costs what esbuild's
// transform costs (~1-2 ms for a small file) instead of a process spawn per
// file (~7-21 ms here).
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// One esbuild message (an error of a transform).
struct EsbuildMessage {
    std::string text;
    std::string file;
    int line = 0;   ///< 1-based, 0 when the message has no location
    int column = 0; ///< 0-based byte column, as esbuild reports it
};

struct EsbuildTransformResponse {
    /// False when the service could not answer (not started, died, timed
    /// out): `failure` says why, and the caller may fall back to the CLI.
    bool answered = false;
    std::string failure;
    std::vector<EsbuildMessage> errors; ///< non-empty: the input did not transform
    std::string code;
    std::string map; ///< with --sourcemap=external
};

/// Thread-safe: calls are serialised (one request in flight). The process
/// starts on the first transform and again after it died; it ends when this
/// object is destroyed (its stdin closes) or with the process.
class EsbuildService {
public:
    /// `esbuildPath`: the native binary; `version`: its version (the service
    /// refuses a host that names another one).
    EsbuildService(std::string esbuildPath, std::string version);
    ~EsbuildService();
    EsbuildService(const EsbuildService &) = delete;
    EsbuildService &operator=(const EsbuildService &) = delete;

    /// Transforms `input` with esbuild's CLI-style `flags` (e.g. "--loader=ts").
    EsbuildTransformResponse transform(std::string_view input,
                                       const std::vector<std::string> &flags, int timeoutMs);

    /// The process-wide service of `esbuildPath` (one per binary), made on first use.
    static EsbuildService &forBinary(const std::string &esbuildPath);

private:
    bool startLocked(std::string &error);
    void stopLocked();

    std::string m_path, m_version;
    std::mutex m_mutex;
    int m_pid = -1, m_stdin = -1, m_stdout = -1;
    uint32_t m_nextId = 0;
};

} // namespace sy
