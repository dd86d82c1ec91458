// tests/support/demo_context: a real data dir with the law and the FIKTIF demo loaded through the
// service layer (service::Context::open + init --demo), for the service tests that check every
// role against the same material. Built once per test module: BOOST_TEST_GLOBAL_FIXTURE(
// test::DemoFixture), then test::demo() is the one DemoContext.
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

// The module's DemoContext, made by DemoFixture (nullptr outside it).
inline DemoContext*& demo_slot() {
  static DemoContext* d = nullptr;
  return d;
}
inline DemoContext& demo() { return *demo_slot(); }

struct DemoFixture {
  DemoFixture() { demo_slot() = new DemoContext; }
  ~DemoFixture() {
    delete demo_slot();
    demo_slot() = nullptr;
  }
};

}  // namespace berkas::test
