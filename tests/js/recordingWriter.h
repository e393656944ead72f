#pragma once
// Test helpers for worker isolates: a ResponseWriter that records every call
// (thread-safe, waitable) and an in-memory ModuleProvider (id -> code).
#include "core/httpTypes.h"
#include "js/moduleProvider.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sy::test {

class RecordingWriter : public ResponseWriter {
public:
    void writeHead(int s, std::vector<HttpHeader> h) override
    {
        std::lock_guard lock(mutex_);
        status = s;
        headers = std::move(h);
        calls.push_back("head");
    }
    void writeChunk(std::string_view bytes) override
    {
        std::lock_guard lock(mutex_);
        chunks.emplace_back(bytes);
        calls.push_back("chunk");
    }
    void end() override
    {
        std::lock_guard lock(mutex_);
        ended = true;
        calls.push_back("end");
        cv_.notify_all();
    }
    void fail(std::string_view message) override
    {
        std::lock_guard lock(mutex_);
        failed = true;
        failMessage = message;
        calls.push_back("fail");
        cv_.notify_all();
    }
    /// Waits until end() or fail(); false on timeout.
    bool wait(int timeoutMs = 10000)
    {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                            [&] { return ended || failed; });
    }
    std::string body() const
    {
        std::lock_guard lock(mutex_);
        std::string b;
        for (const auto &c : chunks)
            b += c;
        return b;
    }
    std::string header(const std::string &name) const
    {
        std::lock_guard lock(mutex_);
        for (const auto &[k, v] : headers)
            if (k == name)
                return v;
        return {};
    }

    int status = 0;
    std::vector<HttpHeader> headers;
    std::vector<std::string> chunks;
    std::vector<std::string> calls;
    bool ended = false;
    bool failed = false;
    std::string failMessage;

private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
};

class MapProvider : public ModuleProvider {
public:
    void set(const std::string &id, std::string code)
    {
        std::lock_guard lock(mutex_);
        auto &m = modules_[id];
        m.first = std::move(code);
        m.second = "h" + std::to_string(++version_);
    }
    std::string hash(const std::string &id)
    {
        std::lock_guard lock(mutex_);
        return modules_[id].second;
    }
    int fetchCount(const std::string &id)
    {
        std::lock_guard lock(mutex_);
        return counts_[id];
    }
    FetchedModule fetchModule(const std::string &id, const std::string &) override
    {
        std::lock_guard lock(mutex_);
        ++counts_[id];
        FetchedModule f;
        f.id = id;
        auto it = modules_.find(id);
        if (it == modules_.end()) {
            f.error = "no such module in the test provider";
            return f;
        }
        f.ok = true;
        f.code = it->second.first;
        f.transformHash = it->second.second;
        return f;
    }

private:
    std::mutex mutex_;
    std::map<std::string, std::pair<std::string, std::string>> modules_;
    std::map<std::string, int> counts_;
    int version_ = 0;
};

/// A GET of `target` (Host 127.0.0.1:5173) dispatched to `isolate` (a
/// WorkerIsolate: anything with dispatchFetch(request, origin, writer)); the
/// returned writer records the answer (wait() for it).
template <class Isolate>
std::shared_ptr<RecordingWriter> dispatchGet(Isolate &isolate, const std::string &target)
{
    auto out = std::make_shared<RecordingWriter>();
    HttpRequest r;
    r.method = "GET";
    r.target = target;
    r.headers = {{"Host", "127.0.0.1:5173"}};
    isolate.dispatchFetch(r, "http://127.0.0.1:5173", out);
    return out;
}

} // namespace sy::test
