#include "requestRate.h"

namespace sy {

double RequestRate::rate(qint64 nowMs)
{
    while (!m_times.empty() && m_times.front() <= nowMs - m_windowMs)
        m_times.pop_front();
    return double(m_times.size()) * 1000.0 / double(m_windowMs);
}

} // namespace sy
