// tests/support/demo_context: a real data dir with the law and the FIKTIF demo loaded through the
// service layer (service::Context::open + init --demo), for the service tests that check every
// role against the same material. Built once per test module (its global fixture).
#pragma once

#include <boost/test/unit_test.hpp>

#include <memory>

#include "service/context.h"
#include "support/temp_dir.h"

namespace berkas::test {

struct DemoContext {
  TempDir dir;
  service::Options options;
  std::unique_ptr<service::Context> ctx;  // the one way in: a feature object per feature
  DemoContext() {
    options.data_dir = dir.file("data");
    options.resource_dir = BERKAS_SOURCE_DIR;
    auto s = service::Context::open(options, true);
    BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().describe()));
    ctx = std::move(*s);
    auto r = ctx->evidence().init(service::Viewer::command_line("test"), true);
    BOOST_REQUIRE_MESSAGE(r && r->failed() == 0, "demo init");
  }
};

}  // namespace berkas::test
