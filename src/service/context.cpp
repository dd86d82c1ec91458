#include "service/context.h"

namespace berkas::service {

Context::Context(Options options, std::unique_ptr<Service> service)
    : m_options(std::move(options)),
      m_service(std::move(service)),
      m_searches(*m_service, m_options),
      m_bundles(*m_service, m_options),
      m_witness_files(*m_service, m_options),
      m_guidelines(*m_service, m_options),
      m_uploads(*m_service, m_options),
      m_originals(*m_service, m_options),
      m_forms(*m_service, m_options),
      m_precedents(*m_service, m_options) {}

core::Result<std::unique_ptr<Context>> Context::open(const Options& options, bool create) {
  Options o = options;
  if (o.resource_dir.empty()) o.resource_dir = default_resource_dir();
  auto svc = Service::open(o, create);
  if (!svc) return tl::unexpected(svc.error());
  return std::unique_ptr<Context>(new Context(std::move(o), std::move(*svc)));
}

}  // namespace berkas::service
