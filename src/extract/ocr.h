// extract/ocr: machine-read text of page images with tesseract, pages in parallel, each page with
// a time limit. Tesseract stays inside this file's .cpp: no tesseract type appears here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/error.h"
#include "extract/extract.h"

namespace berkas::extract {

// One page image: 8-bit samples, `channels` per pixel (1 grey, 3 RGB, 4 RGBA), rows `stride`
// bytes apart (stride >= width * channels), pixels.size() >= stride * height.
struct Image {
  std::vector<std::uint8_t> pixels;
  int width = 0;
  int height = 0;
  int stride = 0;
  int channels = 1;
  int dpi = 0;     // 0 = unknown (tesseract then estimates it)
  int number = 0;  // the page (or frame) number the unit gets, 1-based; 0 = its position + 1
};

// The text of each page, one Unit per image in the same order (Method::ocr, confidence = the
// page's mean word confidence 0..100), read with Limits::ocr_languages from the installed
// tessdata (TESSDATA_PREFIX if set, else Debian's /usr/share/tesseract-ocr/{5,4.00}/tessdata).
// Pages run in parallel on Limits::ocr_threads threads (0 = the available cores), each thread
// with its own tesseract; each page has Limits::ocr_page_seconds (0 = no time at all), checked
// by tesseract between words (its layout analysis of a page, which comes first, is not
// interruptible; max_pixels bounds it).
// Errors: invalid_input for a malformed image or an image over max_pixels; invalid_input
// "halaman N: OCR melebihi batas waktu / page N: OCR exceeded its time limit" when a page runs
// out of time (the whole call fails: no partial text is passed off as the page); io when
// tesseract or its language data cannot be loaded. On the first error the other threads stop.
// Limits::on_page is told each finished page (done of the pages given here), one call at a time;
// Limits::cancel stops the call with the io error "pembacaan dibatalkan / reading cancelled".
// Thread safety: safe to call from several threads at once. Tesseract's own OpenMP threads are
// not used: while a thread reads pages its OpenMP parallel regions run on that thread alone (a
// per-thread setting, restored before ocr_pages returns), so the cores are not oversubscribed.
core::Result<std::vector<Unit>> ocr_pages(const std::vector<Image>& pages, const Limits& limits);

// The same for `count` pages made on demand, so that no more than one page per thread is held in
// memory: `page_at(i)` is called for i = 0, 1, ..., count - 1 in that order, one call at a time
// (under a lock, from whichever OCR thread is free), and its error ends the whole call.
core::Result<std::vector<Unit>> ocr_pages(std::size_t count,
                                          const std::function<core::Result<Image>(std::size_t)>& page_at,
                                          const Limits& limits);

}  // namespace berkas::extract
