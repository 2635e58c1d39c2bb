// The in-memory hot store passes the hot store contract. Its caps and sweeping are in
// tests/unit/memory_hotstore_test.cpp.
#include "contract/hotstore_contract.hpp"
#include "hotstore/memory/memory_hotstore.hpp"

namespace dh::test {
namespace {

std::unique_ptr<hotstore::HotStore> FreshMemoryHotStore(const core::Clock& clock,
                                                        std::chrono::milliseconds ttl) {
  hotstore::MemoryOptions options;
  options.ttl = ttl;
  return std::make_unique<hotstore::MemoryHotStore>(clock, options);
}

INSTANTIATE_TEST_SUITE_P(Memory, HotStoreContract,
                         ::testing::Values(HotStoreFactory(&FreshMemoryHotStore)));

}  // namespace
}  // namespace dh::test
