#include "dev/modifiedFileWait.h"

#include <chrono>
#include <sys/stat.h>
#include <thread>

namespace sy {

namespace {
struct Stamp {
    bool emptyFile = false;
    off_t size = 0;
    int64_t mtimeNs = 0;
};

Stamp stampOf(const std::string &file)
{
    struct stat st {};
    Stamp s;
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return s;
    s.emptyFile = st.st_size == 0;
    s.size = st.st_size;
    s.mtimeNs = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return s;
}
} // namespace

std::vector<std::string> waitForModifiedFiles(const std::set<std::string> &files, int polls,
                                              int pollMs)
{
    std::vector<std::string> waited;
    std::vector<std::pair<std::string, Stamp>> pending;
    for (const std::string &file : files)
        if (Stamp s = stampOf(file); s.emptyFile) {
            waited.push_back(file);
            pending.emplace_back(file, s);
        }
    // One shared budget: the files of a batch are written together.
    for (int n = 0; n < polls && !pending.empty(); ++n) {
        std::this_thread::sleep_for(std::chrono::milliseconds(pollMs));
        std::erase_if(pending, [](const std::pair<std::string, Stamp> &p) {
            const Stamp now = stampOf(p.first);
            return now.size != p.second.size || now.mtimeNs != p.second.mtimeNs;
        });
    }
    return waited;
}

} // namespace sy
