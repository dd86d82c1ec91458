// service/internal/store_access: the features of the service (bundles, witness files and
// entries, guidelines) read and record through the store their Service opened — one connection
// per context, read-only in a reader context — instead of opening a store of their own.
#pragma once

#include "service/internal/service_impl.h"

namespace berkas::service {

struct internal_access {
  static store::Store& store(Service& s) { return *s.m_impl->store; }
  static const store::Store& store(const Service& s) { return *s.m_impl->store; }
};

namespace internal {
// The Service's store, in the shape the features' code reads it (`(*st)->...`).
inline core::Result<store::Store*> store_of(Service& s) { return &internal_access::store(s); }
inline core::Result<const store::Store*> store_of(const Service& s) { return &internal_access::store(s); }
}  // namespace internal

}  // namespace berkas::service
