#include "extract/ocr.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <dlfcn.h>

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include "extract/internal/unit_text.h"

namespace berkas::extract {

namespace {

using Clock = std::chrono::steady_clock;

// The tessdata folder: TESSDATA_PREFIX if set, else the first of Debian's that exists.
std::string tessdata_path() {
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env != nullptr && *env != '\0') return env;
  for (const char* p : {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                        "/usr/share/tessdata", "/usr/local/share/tessdata"}) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) return p;
  }
  return {};
}

core::Status check_image(const Image& img, int number, const Limits& limits) {
  const std::string page = "halaman " + std::to_string(number) + ": ";
  const std::string page_en = "page " + std::to_string(number) + ": ";
  if (img.width <= 0 || img.height <= 0 || (img.channels != 1 && img.channels != 3 && img.channels != 4) ||
      img.stride < img.width * img.channels ||
      img.pixels.size() < static_cast<std::size_t>(img.stride) * static_cast<std::size_t>(img.height))
    return core::fail(core::ErrorCode::invalid_input,
                      page + "gambar tidak sah / " + page_en + "malformed image");
  if (static_cast<std::uint64_t>(img.width) * static_cast<std::uint64_t>(img.height) > limits.max_pixels)
    return core::fail(core::ErrorCode::invalid_input,
                      page + "gambar melebihi batas piksel / " + page_en + "image exceeds the pixel limit");
  return {};
}

// Tesseract parallelises inside a page with OpenMP when it is built with it (Debian's is). With
// our own thread per page that oversubscribes the cores, and measured here it is slower even on
// one thread. So for as long as a thread reads pages it runs OpenMP's parallel regions on one
// thread: max-active-levels is a per-thread setting (libgomp), restored when the reading ends, so
// neither other threads nor the caller's thread are affected. The functions are looked up at run
// time: this file neither links nor requires OpenMP, and without it there is nothing to do.
class SerialOpenMp {
 public:
  SerialOpenMp() {
    if (functions().get && functions().set) {
      m_saved = functions().get();
      functions().set(0);
    }
  }
  ~SerialOpenMp() {
    if (m_saved >= 0) functions().set(m_saved);
  }
  SerialOpenMp(const SerialOpenMp&) = delete;
  SerialOpenMp& operator=(const SerialOpenMp&) = delete;

 private:
  struct Functions {
    int (*get)() = nullptr;
    void (*set)(int) = nullptr;
  };
  static const Functions& functions() {
    static const Functions f = [] {
      Functions r;
      r.get = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "omp_get_max_active_levels"));
      r.set = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
      return r;
    }();
    return f;
  }
  int m_saved = -1;
};

// What a cancel callback needs: the whole call's stop flag and this page's deadline.
struct Watch {
  const std::atomic<bool>* stop;
  const std::atomic<bool>* cancel;  // the caller's (Limits::cancel), may be null
  Clock::time_point deadline;
};

bool should_cancel(void* data, int /*words*/) {
  const auto* w = static_cast<const Watch*>(data);
  return w->stop->load(std::memory_order_relaxed) || (w->cancel && w->cancel->load(std::memory_order_relaxed)) ||
         Clock::now() >= w->deadline;
}

bool cancelled(const Limits& limits) { return limits.cancel && limits.cancel->load(); }

core::Error cancelled_error() {
  return core::Error{core::ErrorCode::io, "pembacaan dibatalkan / reading cancelled", {}, 0, {}};
}

// One thread's tesseract, made on first use, never shared.
class Reader {
 public:
  core::Status open(const std::string& datapath, const std::string& languages) {
    if (m_api) return {};
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    if (api->Init(datapath.empty() ? nullptr : datapath.c_str(), languages.c_str(), tesseract::OEM_DEFAULT) != 0)
      return core::fail(core::ErrorCode::io, "tesseract: data bahasa '" + languages + "' tidak dapat dimuat dari '" +
                                                 datapath + "' / could not load the language data");
    // Tesseract's "debug_file" would silence its few diagnostics (a resolution guess), but it is
    // a process-wide parameter: setting it from several threads is a data race (ThreadSanitizer
    // shows it), and tesseract's writer of that file keeps unguarded state. The diagnostics hold
    // no page text (tested), so they are left on stderr.
    // A whole page (columns, tables, a letterhead), as the tesseract program reads one; the
    // API's own default reads the image as a single block of text.
    api->SetPageSegMode(tesseract::PSM_AUTO);
    m_api = std::move(api);
    return {};
  }

  core::Result<Unit> read(const Image& img, int number, const Limits& limits, const std::atomic<bool>& stop) {
    m_api->SetImage(img.pixels.data(), img.width, img.height, img.channels, img.stride);
    if (img.dpi > 0) m_api->SetSourceResolution(img.dpi);
    Watch watch{&stop, limits.cancel, Clock::now() + std::chrono::seconds(std::max(0, limits.ocr_page_seconds))};
    tesseract::ETEXT_DESC monitor;
    monitor.cancel = &should_cancel;
    monitor.cancel_this = &watch;
    monitor.end_time = watch.deadline;
    const int rc = m_api->Recognize(&monitor);
    // Tesseract checks the deadline before each word; a cancelled page returns non-zero.
    const bool timed_out = rc != 0 && Clock::now() >= watch.deadline;
    if (stop.load()) {
      m_api->Clear();
      return core::fail(core::ErrorCode::internal, "stopped");  // another page's error is the one reported
    }
    if (cancelled(limits)) {
      m_api->Clear();
      return tl::unexpected(cancelled_error());
    }
    if (timed_out) {
      m_api->Clear();
      const std::string n = std::to_string(number);
      return core::fail(core::ErrorCode::invalid_input, "halaman " + n + ": OCR melebihi batas waktu / page " + n +
                                                            ": OCR exceeded its time limit");
    }
    if (rc != 0) {
      m_api->Clear();
      const std::string n = std::to_string(number);
      return core::fail(core::ErrorCode::io,
                        "halaman " + n + ": OCR gagal / page " + n + ": OCR failed");
    }
    std::unique_ptr<char[]> text(m_api->GetUTF8Text());
    Unit u;
    u.number = number;
    u.method = Method::ocr;
    u.text = internal::unit_text(text ? std::string_view(text.get()) : std::string_view());
    u.confidence = std::clamp(m_api->MeanTextConf(), 0, 100);
    m_api->Clear();
    return u;
  }

 private:
  std::unique_ptr<tesseract::TessBaseAPI> m_api;
};

}  // namespace

core::Result<std::vector<Unit>> ocr_pages(std::size_t count,
                                          const std::function<core::Result<Image>(std::size_t)>& page_at,
                                          const Limits& limits) {
  std::vector<Unit> units(count);
  if (count == 0) return units;
  const std::string datapath = tessdata_path();
  unsigned threads = limits.ocr_threads > 0 ? static_cast<unsigned>(limits.ocr_threads)
                                            : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));

  std::mutex mutex;  // guards next, done, first_error and the calls of page_at and on_page
  std::size_t next = 0;
  int done = 0;
  std::optional<core::Error> first_error;
  std::atomic<bool> stop{false};
  auto fail_with = [&](core::Error e) {
    std::lock_guard lock(mutex);
    if (!first_error) first_error = std::move(e);
    stop = true;
  };

  auto read_pages = [&] {
    const SerialOpenMp serial;
    Reader reader;
    if (auto s = reader.open(datapath, limits.ocr_languages); !s) return fail_with(s.error());
    for (;;) {
      std::size_t index = 0;
      core::Result<Image> img = core::fail(core::ErrorCode::internal, "unset");
      {
        std::lock_guard lock(mutex);
        if (stop || next >= count) return;
        if (cancelled(limits)) {
          if (!first_error) first_error = cancelled_error();
          stop = true;
          return;
        }
        index = next++;
        img = page_at(index);
      }
      if (!img) return fail_with(img.error());
      const int number = img->number > 0 ? img->number : static_cast<int>(index) + 1;
      if (auto s = check_image(*img, number, limits); !s) return fail_with(s.error());
      auto unit = reader.read(*img, number, limits, stop);
      if (!unit) {
        if (unit.error().code != core::ErrorCode::internal) fail_with(unit.error());
        return;
      }
      units[index] = std::move(*unit);
      if (limits.on_page) {
        std::lock_guard lock(mutex);
        limits.on_page(++done, static_cast<int>(count));
      }
    }
  };
  // An exception must not leave a thread (std::terminate): out of memory in tesseract or
  // leptonica, or one from page_at, ends the call as an error.
  auto work = [&] {
    try {
      read_pages();
    } catch (const std::exception&) {
      fail_with(core::Error{core::ErrorCode::io, "OCR gagal: memori atau pustaka / OCR failed: memory or library",
                            {}, 0, {}});
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (first_error) return tl::unexpected(std::move(*first_error));
  return units;
}

core::Result<std::vector<Unit>> ocr_pages(const std::vector<Image>& pages, const Limits& limits) {
  // The images are the caller's: each page is copied only as it is read.
  return ocr_pages(pages.size(), [&](std::size_t i) -> core::Result<Image> { return pages[i]; }, limits);
}

}  // namespace berkas::extract
