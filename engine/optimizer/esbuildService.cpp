#include "optimizer/esbuildService.h"

#include "optimizer/esbuildBundler.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace sy {

namespace {

using Clock = std::chrono::steady_clock;

// --- esbuild's packet encoding (lib/main.js encodePacket / decodePacket) ---

void put32(std::string &out, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(char((v >> (8 * i)) & 0xff));
}

void putBytes(std::string &out, char tag, std::string_view bytes)
{
    out.push_back(tag);
    put32(out, uint32_t(bytes.size()));
    out.append(bytes);
}

struct Reader {
    std::string_view in;
    size_t at = 0;
    bool ok = true;

    uint32_t u32()
    {
        if (at + 4 > in.size()) {
            ok = false;
            return 0;
        }
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v |= uint32_t(uint8_t(in[at + size_t(i)])) << (8 * i);
        at += 4;
        return v;
    }
    std::string bytes()
    {
        const uint32_t n = u32();
        if (!ok || at + n > in.size()) {
            ok = false;
            return {};
        }
        std::string s(in.substr(at, n));
        at += n;
        return s;
    }
    nlohmann::json value(int depth = 0)
    {
        if (!ok || at >= in.size() || depth > 64) {
            ok = false;
            return nullptr;
        }
        switch (in[at++]) {
        case 0:
            return nullptr;
        case 1:
            if (at >= in.size()) {
                ok = false;
                return nullptr;
            }
            return in[at++] != 0;
        case 2:
            return int32_t(u32());
        case 3:
        case 4:
            return bytes();
        case 5: {
            nlohmann::json a = nlohmann::json::array();
            for (uint32_t n = u32(), i = 0; ok && i < n; ++i)
                a.push_back(value(depth + 1));
            return a;
        }
        case 6: {
            nlohmann::json o = nlohmann::json::object();
            for (uint32_t n = u32(), i = 0; ok && i < n; ++i) {
                std::string key = bytes();
                o[key] = value(depth + 1);
            }
            return o;
        }
        default:
            ok = false;
            return nullptr;
        }
    }
};

bool writeAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data.remove_prefix(size_t(n));
    }
    return true;
}

// Reads exactly `n` bytes before `deadline`; false on EOF, error or timeout.
bool readExact(int fd, char *out, size_t n, Clock::time_point deadline)
{
    while (n > 0) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            return false;
        pollfd p{fd, POLLIN, 0};
        const int r = ::poll(&p, 1, int(left));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        const ssize_t got = ::read(fd, out, n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        out += got;
        n -= size_t(got);
    }
    return true;
}

bool readPacket(int fd, std::string &packet, Clock::time_point deadline)
{
    char head[4];
    if (!readExact(fd, head, 4, deadline))
        return false;
    Reader r{std::string_view(head, 4)};
    const uint32_t length = r.u32();
    if (length > (1u << 30))
        return false;
    packet.resize(length);
    return readExact(fd, packet.data(), length, deadline);
}

} // namespace

EsbuildService::EsbuildService(std::string esbuildPath, std::string version)
    : m_path(std::move(esbuildPath)), m_version(std::move(version))
{
}

EsbuildService::~EsbuildService()
{
    std::lock_guard lock(m_mutex);
    stopLocked();
}

EsbuildService &EsbuildService::forBinary(const std::string &esbuildPath)
{
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<EsbuildService>> services;
    std::lock_guard lock(mutex);
    auto &s = services[esbuildPath];
    if (!s)
        s = std::make_unique<EsbuildService>(esbuildPath, esbuildVersion(esbuildPath));
    return *s;
}

bool EsbuildService::startLocked(std::string &error)
{
    if (m_version.empty()) {
        error = "esbuild's version is unknown (no esbuild at '" + m_path + "'?)";
        return false;
    }
    // A write to a service that died must fail with EPIPE, not end the process.
    struct sigaction old {};
    if (::sigaction(SIGPIPE, nullptr, &old) == 0 && old.sa_handler == SIG_DFL)
        ::signal(SIGPIPE, SIG_IGN);
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0)
        return error = "pipe: " + std::string(std::strerror(errno)), false;
    if (::pipe2(out, O_CLOEXEC) != 0) {
        ::close(in[0]);
        ::close(in[1]);
        return error = "pipe: " + std::string(std::strerror(errno)), false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    // Nothing else of ours (sockets, other children's pipes) leaks into it.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    const std::string serviceFlag = "--service=" + m_version;
    char *argv[] = {const_cast<char *>(m_path.c_str()), const_cast<char *>(serviceFlag.c_str()),
                    nullptr};
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, m_path.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    if (rc != 0) {
        ::close(in[1]);
        ::close(out[0]);
        error = "could not start esbuild at '" + m_path + "': " + std::strerror(rc);
        return false;
    }
    m_pid = pid;
    m_stdin = in[1];
    m_stdout = out[0];
    // The service's first packet is its version.
    std::string version;
    if (!readPacket(m_stdout, version, Clock::now() + std::chrono::seconds(10)) ||
        version != m_version) {
        error = "esbuild's service did not answer with version " + m_version;
        stopLocked();
        return false;
    }
    return true;
}

void EsbuildService::stopLocked()
{
    if (m_stdin >= 0)
        ::close(m_stdin); // the service exits at the end of its stdin
    if (m_stdout >= 0)
        ::close(m_stdout);
    if (m_pid > 0) {
        int status = 0;
        for (int i = 0; i < 100 && ::waitpid(m_pid, &status, WNOHANG) == 0; ++i)
            ::usleep(10000);
        if (::waitpid(m_pid, &status, WNOHANG) == 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
        }
    }
    m_pid = m_stdin = m_stdout = -1;
}

bool EsbuildService::askLocked(std::string body, int timeoutMs, nlohmann::json &answer,
                               std::string &failure)
{
    if (m_pid < 0 && !startLocked(failure))
        return false;
    const uint32_t id = m_nextId++;
    std::string packet;
    put32(packet, uint32_t(body.size() + 4));
    put32(packet, id << 1); // a request
    packet += body;
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    if (!writeAll(m_stdin, packet)) {
        failure = "esbuild's service stopped";
        stopLocked();
        return false;
    }
    for (;;) {
        std::string in;
        if (!readPacket(m_stdout, in, deadline)) {
            failure =
                "esbuild's service did not answer within " + std::to_string(timeoutMs) + " ms";
            stopLocked();
            return false;
        }
        Reader r{in};
        const uint32_t head = r.u32();
        nlohmann::json value = r.value();
        if (!r.ok || !value.is_object()) {
            failure = "esbuild's service sent a packet that does not decode";
            stopLocked();
            return false;
        }
        if ((head & 1) == 0) { // a request from the service (ping): answer {}
            std::string reply;
            put32(reply, 0);
            put32(reply, head | 1);
            reply.push_back(6);
            put32(reply, 0);
            const uint32_t n = uint32_t(reply.size() - 4);
            for (int i = 0; i < 4; ++i)
                reply[size_t(i)] = char((n >> (8 * i)) & 0xff);
            writeAll(m_stdin, reply);
            continue;
        }
        if ((head >> 1) != id)
            continue; // a late answer to a request that timed out
        if (value.contains("error") && value["error"].is_string()) {
            failure = value["error"].get<std::string>();
            return false;
        }
        answer = std::move(value);
        return true;
    }
}

namespace {
// A request's map (tag 6): its entries' keys are length-prefixed bytes without a tag.
void putKey(std::string &out, std::string_view key)
{
    put32(out, uint32_t(key.size()));
    out.append(key);
}

void putStrings(std::string &out, const std::vector<std::string> &items)
{
    out.push_back(5);
    put32(out, uint32_t(items.size()));
    for (const std::string &item : items)
        putBytes(out, 3, item);
}

std::vector<EsbuildMessage> messagesOf(const nlohmann::json &list)
{
    std::vector<EsbuildMessage> out;
    if (!list.is_array())
        return out;
    for (const auto &e : list) {
        if (!e.is_object())
            continue;
        EsbuildMessage m;
        m.text = e.value("text", "");
        if (e.contains("location") && e["location"].is_object()) {
            const auto &loc = e["location"];
            m.file = loc.value("file", "");
            m.line = loc.value("line", 0);
            m.column = loc.value("column", 0);
            m.lineText = loc.value("lineText", "");
        }
        if (e.contains("notes") && e["notes"].is_array())
            for (const auto &note : e["notes"])
                if (note.is_object() && note.contains("text") && note["text"].is_string())
                    m.notes.push_back(note["text"].get<std::string>());
        out.push_back(std::move(m));
    }
    return out;
}
} // namespace

EsbuildTransformResponse EsbuildService::transform(std::string_view input,
                                                   const std::vector<std::string> &flags,
                                                   int timeoutMs)
{
    EsbuildTransformResponse response;
    // {command: "transform", flags, inputFS: false, input: <bytes>}
    std::string body;
    body.push_back(6);
    put32(body, 4);
    putKey(body, "command");
    putBytes(body, 3, "transform");
    putKey(body, "flags");
    putStrings(body, flags);
    putKey(body, "inputFS");
    body.push_back(1);
    body.push_back(0);
    putKey(body, "input");
    putBytes(body, 4, input);

    std::lock_guard lock(m_mutex);
    nlohmann::json value;
    if (!askLocked(std::move(body), timeoutMs, value, response.failure))
        return response;
    response.answered = true;
    response.errors = messagesOf(value.value("errors", nlohmann::json::array()));
    if (value.contains("code") && value["code"].is_string())
        response.code = value["code"].get<std::string>();
    if (value.contains("map") && value["map"].is_string())
        response.map = value["map"].get<std::string>();
    return response;
}

EsbuildBuildResponse
EsbuildService::build(const std::vector<std::pair<std::string, std::string>> &entries,
                      const std::vector<std::string> &flags, const std::string &workingDir,
                      const std::vector<std::string> &nodePaths, int timeoutMs)
{
    std::lock_guard lock(m_mutex);
    return buildLocked(entries, flags, workingDir, nodePaths, timeoutMs);
}

EsbuildBuildResponse EsbuildService::buildOnIdleService(
    const std::string &esbuildPath, const std::vector<std::pair<std::string, std::string>> &entries,
    const std::vector<std::string> &flags, const std::string &workingDir,
    const std::vector<std::string> &nodePaths, int timeoutMs)
{
    constexpr size_t kMaxServices = 4;
    static std::mutex poolMutex;
    static std::map<std::string, std::vector<std::unique_ptr<EsbuildService>>> pools;
    EsbuildService *chosen = nullptr;
    std::unique_lock<std::mutex> held;
    {
        // One pool per nice value of the caller: a service starts with the nice value of the
        // thread that spawns it, so a background run (the client's start-up run) gets
        // background services and a request's run never waits behind them.
        errno = 0;
        const int nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
        std::lock_guard lock(poolMutex);
        auto &pool = pools[esbuildPath + '\n' + std::to_string(errno == 0 ? nice : 0)];
        for (const auto &service : pool) {
            std::unique_lock<std::mutex> attempt(service->m_mutex, std::try_to_lock);
            if (attempt.owns_lock()) {
                chosen = service.get();
                held = std::move(attempt);
                break;
            }
        }
        if (!chosen && pool.size() < kMaxServices) {
            pool.push_back(
                std::make_unique<EsbuildService>(esbuildPath, esbuildVersion(esbuildPath)));
            chosen = pool.back().get();
            held = std::unique_lock<std::mutex>(chosen->m_mutex);
        }
        if (!chosen)
            chosen = pool.front().get(); // all busy: wait for the first (outside poolMutex)
    }
    if (!held.owns_lock())
        held = std::unique_lock<std::mutex>(chosen->m_mutex);
    return chosen->buildLocked(entries, flags, workingDir, nodePaths, timeoutMs);
}

EsbuildBuildResponse
EsbuildService::buildLocked(const std::vector<std::pair<std::string, std::string>> &entries,
                            const std::vector<std::string> &flags, const std::string &workingDir,
                            const std::vector<std::string> &nodePaths, int timeoutMs)
{
    EsbuildBuildResponse response;
    // {command: "build", key, entries: [[out, in]...], flags, write: true, stdinContents: null,
    //  stdinResolveDir: null, absWorkingDir, nodePaths, context: false}: what esbuild's JS API's
    // build() sends (lib/main.js buildOrContextImpl), without plugins.
    std::string body;
    body.push_back(6);
    put32(body, 10);
    putKey(body, "command");
    putBytes(body, 3, "build");
    putKey(body, "key");
    body.push_back(2);
    put32(body, 0);
    putKey(body, "entries");
    body.push_back(5);
    put32(body, uint32_t(entries.size()));
    for (const auto &[output, input] : entries)
        putStrings(body, {output, input});
    putKey(body, "flags");
    std::vector<std::string> all = flags;
    all.push_back("--log-level=silent"); // the answer carries the errors
    putStrings(body, all);
    putKey(body, "write");
    body.push_back(1);
    body.push_back(1);
    putKey(body, "stdinContents");
    body.push_back(0);
    putKey(body, "stdinResolveDir");
    body.push_back(0);
    putKey(body, "absWorkingDir");
    putBytes(body, 3, workingDir);
    putKey(body, "nodePaths");
    putStrings(body, nodePaths);
    putKey(body, "context");
    body.push_back(1);
    body.push_back(0);

    nlohmann::json value;
    if (!askLocked(std::move(body), timeoutMs, value, response.failure))
        return response;
    response.answered = true;
    response.errors = messagesOf(value.value("errors", nlohmann::json::array()));
    if (value.contains("metafile") && value["metafile"].is_string())
        response.metafile = value["metafile"].get<std::string>();
    return response;
}

} // namespace sy
