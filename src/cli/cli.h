// cli: the `berkas` command — parses arguments, calls the service, prints results, and maps
// errors to exit codes. Nothing else includes this module.
#pragma once

namespace berkas::cli {

// Exit codes (documented in README.md).
enum ExitCode : int {
  k_ok = 0,
  k_failed = 1,        // the operation ran but something failed (a file rejected, a check failed)
  k_usage = 2,         // bad command line
  k_not_found = 3,
  k_invalid_input = 4,
  k_integrity = 5,
  k_error = 6,         // i/o or internal error
};

// Runs the command line; returns the process exit code.
int run(int argc, char** argv);

}  // namespace berkas::cli
