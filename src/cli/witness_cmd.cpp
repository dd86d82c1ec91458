// cli: the `witness-file` command. (Being built: issue 5.)
#include "cli/internal/args.h"

namespace berkas::cli {

int cmd_witness_file(const Args&) { return usage_error("perintah belum tersedia / command not available yet"); }

}  // namespace berkas::cli
