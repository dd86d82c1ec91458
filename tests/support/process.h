// tests/support: runs a program (the real `berkas` binary) and captures its output.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace berkas::test {

struct RunResult {
  int code = -1;  // exit status, or 128 + signal
  std::string out, err;
};

// Starts `argv` with stdout and stderr redirected to files (stdin from `in_path`); returns the pid.
inline pid_t spawn(const std::vector<std::string>& argv, const std::string& out_path, const std::string& err_path,
                   const std::string& in_path = "/dev/null") {
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = open(in_path.c_str(), O_RDONLY);
    dup2(out, 1);
    dup2(err, 2);
    dup2(in, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

inline int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

inline RunResult run(const std::vector<std::string>& argv) {
  TempDir tmp;
  const auto out = tmp.file("out"), err = tmp.file("err");
  RunResult r;
  r.code = wait_exit(spawn(argv, out, err));
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

// As run, with `input` on the program's standard input.
inline RunResult run_with_input(const std::vector<std::string>& argv, const std::string& input) {
  TempDir tmp;
  const auto out = tmp.file("out"), err = tmp.file("err"), in = tmp.write("in", input);
  RunResult r;
  r.code = wait_exit(spawn(argv, out, err, in));
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

}  // namespace berkas::test
