#include "engineProcess.h"

#include "js/moduleCodeCache.h"
#include "js/nodeBuiltinCodeCache.h"
#include "js/transformDiskCache.h"
#include "js/workerIsolate.h"

namespace sy::app {

void enableEngineDiskCaches()
{
    ModuleCodeCache::instance().enableDisk(ModuleCodeCache::defaultDiskDirectory());
    TransformDiskCache::instance().enable(TransformDiskCache::defaultDirectory());
}

EngineProcessScope::~EngineProcessScope()
{
    WorkerIsolate::discardEnvironmentsAhead();
    nodeBuiltinCodeCache::finishAhead(); // a command may return before it is done
}

} // namespace sy::app
