// Imports in flight, for GET /companies/imports/{batch_id} while the POST
// that runs one is still reading: its rows are not committed (so not
// visible to other requests) until it ends, but its progress is.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <tabhost/sdk/sdk.hpp>

namespace companies {

/// One import's figures so far.
struct ImportFigures {
  std::string status = "running";
  std::int64_t bytesRead = 0;
  /// The upload's declared size, -1 when sent chunked.
  std::int64_t bytesExpected = -1;
  std::int64_t rowsRead = 0;
  std::int64_t invalid = 0;
};

/// Process-wide, keyed by tenant and batch id, so one tenant never sees
/// another's imports. The newest ended entries are kept a while (an import
/// refused part-way leaves no row in the database to tell about it).
class ImportProgress {
 public:
  static ImportProgress& instance();

  /// Registers a batch; false when the tenant already has one of that id in flight.
  bool begin(const std::string& tenant, const std::string& batchId, std::int64_t bytesExpected);
  void update(const std::string& tenant, const std::string& batchId, const ImportFigures& figures);
  /// Marks the batch ended with `status`.
  void end(const std::string& tenant, const std::string& batchId, const std::string& status);
  std::optional<ImportFigures> find(const std::string& tenant, const std::string& batchId) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, ImportFigures> batches_;
  std::map<std::int64_t, std::string> endedOrder_;
  std::int64_t ended_ = 0;
};

/// Figures as the API shows them.
tabhost::sdk::Json figuresJson(const ImportFigures& figures);

}  // namespace companies
