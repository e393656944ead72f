#include "dev/servedModuleError.h"

#include "env/environment.h"
#include "hmr/codeFrame.h"
#include "hmr/hmrPayload.h"
#include "server/filePolicy.h"

namespace sy {

std::string servedModuleErrorPayload(const ServedModule &module, const FilePolicy &policy)
{
    HmrError err;
    err.message = module.body;
    err.stack = module.body;
    err.plugin = "switchyard:transform";
    err.id = module.errorFile;
    if (!module.errorFile.empty() && module.errorLine > 0) {
        err.loc = HmrErrorLocation{module.errorFile, module.errorLine, module.errorColumn};
        std::string source;
        if (policy.read(module.errorFile, source).allowed())
            err.frame = codeFrame(source, module.errorLine, module.errorColumn);
    }
    return errorPayload(err);
}

} // namespace sy
