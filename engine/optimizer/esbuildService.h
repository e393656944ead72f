#pragma once
// A long-lived esbuild process for transforms and builds, spoken to the way
// esbuild's own JS API speaks to it: `esbuild --service=<version>` and
// length-prefixed binary packets over its stdin/stdout (esbuild's
// lib/main.js encodePacket/decodePacket). One transform costs what esbuild's
// transform costs (~1-2 ms for a small file) instead of a process spawn per
// file (~7-21 ms here); a small build (an optimizer run's new dependency)
// ~7-13 ms instead of ~25-50 ms for the CLI.
#include <nlohmann/json_fwd.hpp>

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
    int line = 0;                   ///< 1-based, 0 when the message has no location
    int column = 0;                 ///< 0-based byte column, as esbuild reports it
    std::string lineText;           ///< the source line the location is in
    std::vector<std::string> notes; ///< esbuild's notes (a suggestion, where else)
};

/// The answer to EsbuildService::build.
struct EsbuildBuildResponse {
    /// False when the service could not answer (not started, died, timed
    /// out): `failure` says why, and the caller may fall back to the CLI.
    bool answered = false;
    std::string failure;
    std::vector<EsbuildMessage> errors; ///< non-empty: the build failed
    std::string metafile;               ///< esbuild's metafile JSON (with the --metafile flag)
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

    /// Builds as the esbuild CLI does with `flags` (e.g. "--bundle", "--outdir=/abs";
    /// "--metafile" without a path puts the metafile in the answer) and `entries`
    /// (output name -> input file, the CLI's "name=path" arguments), writing the
    /// output files. Relative paths are relative to `workingDir` (absolute);
    /// `nodePaths` are NODE_PATH's folders. Esbuild logs nothing itself: the
    /// errors are in the answer.
    EsbuildBuildResponse build(const std::vector<std::pair<std::string, std::string>> &entries,
                               const std::vector<std::string> &flags, const std::string &workingDir,
                               const std::vector<std::string> &nodePaths, int timeoutMs);

    /// build() on a service of `esbuildPath` that is not answering another
    /// request: the optimizer's runs of several environments go on side by side,
    /// each in its own service process (at most 4 per nice value of the calling thread,
    /// which the processes it starts inherit; more callers wait).
    static EsbuildBuildResponse
    buildOnIdleService(const std::string &esbuildPath,
                       const std::vector<std::pair<std::string, std::string>> &entries,
                       const std::vector<std::string> &flags, const std::string &workingDir,
                       const std::vector<std::string> &nodePaths, int timeoutMs);

    /// The process-wide service of `esbuildPath` (one per binary), made on first use.
    static EsbuildService &forBinary(const std::string &esbuildPath);

private:
    EsbuildBuildResponse
    buildLocked(const std::vector<std::pair<std::string, std::string>> &entries,
                const std::vector<std::string> &flags, const std::string &workingDir,
                const std::vector<std::string> &nodePaths, int timeoutMs);
    /// Sends one request `packet` (made by the caller, without its header) and waits for its
    /// answer, answering the service's pings meanwhile. False with `failure` set when the
    /// service could not answer (it is stopped then); m_mutex held.
    bool askLocked(std::string body, int timeoutMs, nlohmann::json &answer, std::string &failure);
    bool startLocked(std::string &error);
    void stopLocked();

    std::string m_path, m_version;
    std::mutex m_mutex;
    int m_pid = -1, m_stdin = -1, m_stdout = -1;
    uint32_t m_nextId = 0;
};

} // namespace sy
