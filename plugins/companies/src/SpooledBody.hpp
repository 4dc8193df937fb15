// An import's upload, received whole into an unnamed temporary file before
// the import touches the database. The database is where a writing request
// takes its tenant's writer turn, so a client that sends slowly (a large
// file over a thin line) no longer keeps every other writer of the tenant
// waiting, and past storage.pool_wait_ms refused, while it sends. The file
// is on disk, not in memory, and goes away with this object.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>

#include <tabhost/sdk/sdk.hpp>

namespace companies {

/// 413 payload_too_large: an upload over the import limit of `limit` bytes,
/// whether its declared length says so or its bytes do.
tabhost::sdk::Error uploadTooLarge(std::int64_t limit);

/// 503 import_unavailable: no room on the server's disk for an import's
/// upload or its scratch data; the client may retry.
tabhost::sdk::Error importUnavailable();

class SpooledBody final : public tabhost::sdk::BodyReader {
 public:
  /// Receives all of `body`; throws 413 payload_too_large as soon as it
  /// passes `limit` bytes. `received` is told the bytes received so far.
  SpooledBody(tabhost::sdk::BodyReader& body, std::int64_t limit, const std::function<void(std::int64_t)>& received);

  /// Reads the received bytes back, from the start.
  std::size_t read(char* buffer, std::size_t size) override;
  std::int64_t declaredLength() const override { return declared_; }
  /// Bytes received from the client (all of them, once constructed): the
  /// import's progress goes on in rows read back, not in bytes again.
  std::int64_t bytesRead() const override { return size_; }

 private:
  struct Close {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  std::unique_ptr<std::FILE, Close> file_;
  std::int64_t declared_;
  std::int64_t size_ = 0;
};

}  // namespace companies
