#include "ImportProgress.hpp"

namespace companies {

namespace {

constexpr std::size_t kEndedKept = 256;

std::string keyOf(const std::string& tenant, const std::string& batchId) { return tenant + '\n' + batchId; }

}  // namespace

ImportProgress& ImportProgress::instance() {
  static ImportProgress progress;
  return progress;
}

bool ImportProgress::begin(const std::string& tenant, const std::string& batchId, std::int64_t bytesExpected) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = batches_.try_emplace(keyOf(tenant, batchId));
  if (!inserted && it->second.status == "running") return false;
  it->second = ImportFigures{};
  it->second.bytesExpected = bytesExpected;
  return true;
}

void ImportProgress::update(const std::string& tenant, const std::string& batchId, const ImportFigures& figures) {
  std::lock_guard lock(mutex_);
  if (auto it = batches_.find(keyOf(tenant, batchId)); it != batches_.end()) it->second = figures;
}

void ImportProgress::end(const std::string& tenant, const std::string& batchId, const std::string& status) {
  std::lock_guard lock(mutex_);
  const std::string key = keyOf(tenant, batchId);
  auto it = batches_.find(key);
  if (it == batches_.end()) return;
  it->second.status = status;
  endedOrder_[++ended_] = key;
  while (endedOrder_.size() > kEndedKept) {
    auto oldest = endedOrder_.begin();
    if (auto old = batches_.find(oldest->second); old != batches_.end() && old->second.status != "running")
      batches_.erase(old);
    endedOrder_.erase(oldest);
  }
}

std::optional<ImportFigures> ImportProgress::find(const std::string& tenant, const std::string& batchId) const {
  std::lock_guard lock(mutex_);
  auto it = batches_.find(keyOf(tenant, batchId));
  if (it == batches_.end()) return std::nullopt;
  return it->second;
}

tabhost::sdk::Json figuresJson(const ImportFigures& figures) {
  using tabhost::sdk::Json;
  return Json::object({{"status", figures.status},
                       {"bytes_read", figures.bytesRead},
                       {"bytes_expected", figures.bytesExpected < 0 ? Json() : Json(figures.bytesExpected)},
                       {"rows_read", figures.rowsRead},
                       {"invalid", figures.invalid}});
}

}  // namespace companies
