#include "cli/cli.h"

int main(int argc, char** argv) { return berkas::cli::run(argc, argv); }
