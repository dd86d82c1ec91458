// server/internal/http: the pure helpers the routes use — multipart bodies, forms, integer
// parameters — on inputs as clients send them (and as they arrive cut short).
#define BOOST_TEST_MODULE server_http
#include <boost/test/unit_test.hpp>

#include "server/internal/http.h"

using namespace berkas::server::internal;

namespace {

std::string part(const std::string& name, const std::string& bytes) {
  return "--b0undary\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
         "\"\r\nContent-Type: application/xml\r\n\r\n" + bytes + "\r\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_whole_multipart_body_is_read) {
  const std::string body = part("a.xml", "<a/>") + part("b.txt", "PUTUSAN\r\n--not-a-boundary\r\n") + "--b0undary--\r\n";
  auto m = parse_multipart("multipart/form-data; boundary=b0undary", body, 10);
  BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().describe()));
  BOOST_TEST_REQUIRE(m->files.size() == 2u);
  BOOST_TEST(m->files[0].bytes == "<a/>");
  BOOST_TEST(m->files[1].bytes == "PUTUSAN\r\n--not-a-boundary\r\n");
  // An epilogue after the close delimiter is allowed (RFC 2046).
  BOOST_TEST(parse_multipart("multipart/form-data; boundary=b0undary", body + "epilog\r\n", 10).has_value());
}

// Regression (robustness issue, finding 5): a body without its closing boundary was accepted,
// its last part read to wherever the bytes stopped — half a decision stored as a precedent.
BOOST_AUTO_TEST_CASE(a_body_without_its_closing_boundary_is_refused) {
  const std::string whole = part("a.xml", "<a/>") + part("b.txt", std::string(5000, 'x')) + "--b0undary--\r\n";
  for (std::size_t cut : {whole.size() - 3, whole.size() - 14, whole.size() / 2, std::size_t{20}}) {
    auto m = parse_multipart("multipart/form-data; boundary=b0undary", whole.substr(0, cut), 10);
    BOOST_TEST(!m.has_value(), "cut at " << cut);
    if (!m) BOOST_TEST(m.error().message.find("no closing boundary") != std::string::npos, m.error().message);
  }
  // A boundary string inside a part is not a delimiter unless it starts a line.
  auto inside = parse_multipart("multipart/form-data; boundary=b0undary", part("a.xml", "x --b0undary-- y"), 10);
  BOOST_TEST(!inside.has_value());
}

BOOST_AUTO_TEST_CASE(integer_parameters_never_wrap) {
  Request r;
  r.query = {{"limit", "4294967297"}, {"offset", "-5"}, {"page", "12abc"}, {"after", "99999999999999999999999"}};
  BOOST_TEST(r.int_param("limit", 20, 1, 100) == 100);
  BOOST_TEST(r.int_param("offset", 0, 0, 10000) == 0);
  BOOST_TEST(r.int_param("page", 1, 1, 10000) == 1);
  BOOST_TEST(r.int_param("after", 0, 0, INT64_MAX) == INT64_MAX);
  BOOST_TEST(r.int_param("missing", 7, 1, 10) == 7);
}

// Found by http_fuzz: a raw NUL (not percent-encoded) passed url_decode and split_path.
BOOST_AUTO_TEST_CASE(nul_is_refused_escaped_or_raw) {
  std::string out;
  BOOST_TEST(!url_decode("a%00b", out, false));
  BOOST_TEST(!url_decode(std::string("a\0b", 3), out, false));
  std::vector<std::string> segments;
  BOOST_TEST(!split_path(std::string("/items/a\0b", 11), segments));
  BOOST_TEST(split_path("/items/bap-saksi-a", segments));
  BOOST_TEST(segments.size() == 2u);
}
