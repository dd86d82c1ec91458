// cli: the `guideline` command. (Being built: issue 5.)
#include "cli/internal/args.h"

namespace berkas::cli {

int cmd_guideline(const Args&) { return usage_error("perintah belum tersedia / command not available yet"); }

}  // namespace berkas::cli
