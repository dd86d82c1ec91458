// tests/extract/zip_maker: zip archives for the tests, written by Python's zipfile (a real,
// independent zip writer) in a child process: the test gives Python statements, the archive's
// bytes come back on its standard output. No file is written.
//
// In the statements: add(name, data, stored=False, mode=None) adds an entry (`mode` is a Unix
// st_mode, e.g. 0o120777 for a symbolic link), adddir(name) a directory entry, and
// post(fn) registers fn(raw_bytes) -> raw_bytes to patch the finished archive
// (set_flags(raw, bit) and set_sizes(raw, size) are such patches). Data is written in the test as
// py(bytes) (a hex literal) or as a Python expression (b'\0' * n, rnd(n) for n reproducible
// random bytes).
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>

#include <sys/wait.h>

namespace berkas::test {

inline std::string hex(const std::string& s) {
  static const char* d = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() * 2);
  for (unsigned char c : s) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

// A Python bytes expression for `s`.
inline std::string py(const std::string& s) { return "bytes.fromhex('" + hex(s) + "')"; }

inline const char* k_zip_prelude = R"PY(
import io, random, struct, sys, zipfile
buf = io.BytesIO()
z = zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED)
posts = []
def add(name, data, stored=False, mode=None):
    if isinstance(name, bytes): name = name.decode('utf-8')
    zi = zipfile.ZipInfo(name, date_time=(2024, 2, 12, 9, 15, 0))
    zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    if mode is not None:
        zi.create_system = 3
        zi.external_attr = mode << 16
    z.writestr(zi, data)
def adddir(name):
    zi = zipfile.ZipInfo(name, date_time=(2024, 2, 12, 9, 15, 0))
    zi.create_system = 3
    zi.external_attr = (0o040755 << 16) | 0x10
    z.writestr(zi, b'')
def rnd(n): return random.Random(n).randbytes(n)
def post(fn): posts.append(fn)
def headers(raw):
    # (local header offset, central header offset) of each entry
    r = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    out, at = [], r.start_dir
    for info in r.infolist():
        out.append((info.header_offset, at))
        n, e, c = struct.unpack('<HHH', raw[at + 28:at + 34])
        at += 46 + n + e + c
    return out
def set_flags(raw, bit):
    raw = bytearray(raw)
    for local, central in headers(raw):
        struct.pack_into('<H', raw, local + 6, struct.unpack('<H', raw[local + 6:local + 8])[0] | bit)
        struct.pack_into('<H', raw, central + 8, struct.unpack('<H', raw[central + 8:central + 10])[0] | bit)
    return bytes(raw)
def set_sizes(raw, size):
    raw = bytearray(raw)
    for local, central in headers(raw):
        struct.pack_into('<I', raw, local + 22, size)
        struct.pack_into('<I', raw, central + 24, size)
    return bytes(raw)
)PY";

inline const char* k_zip_epilogue = R"PY(
z.close()
raw = buf.getvalue()
for fn in posts: raw = fn(raw)
sys.stdout.buffer.write(raw)
)PY";

// The archive made by `statements` (see above). Throws if Python fails.
inline std::string python_zip(const std::string& statements) {
  const std::string script = std::string(k_zip_prelude) + statements + "\n" + k_zip_epilogue;
  const std::string cmd = "python3 -c 'import binascii,sys; exec(binascii.unhexlify(sys.argv[1]))' " + hex(script);
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("popen python3 failed");
  std::string out;
  char block[65536];
  std::size_t n;
  while ((n = std::fread(block, 1, sizeof block, p)) > 0) out.append(block, n);
  const int rc = pclose(p);
  if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) != 0) throw std::runtime_error("python3 zip script failed");
  return out;
}

}  // namespace berkas::test
