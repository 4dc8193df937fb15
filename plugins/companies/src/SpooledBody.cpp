#include "SpooledBody.hpp"

#include <string>

namespace companies {

using tabhost::sdk::Error;

Error uploadTooLarge(std::int64_t limit) {
  return Error(413, "payload_too_large", "the upload is over the import limit of " + std::to_string(limit) + " bytes");
}

Error importUnavailable() {
  return Error(503, "import_unavailable", "no room on the server for the import's data; retry shortly");
}

SpooledBody::SpooledBody(tabhost::sdk::BodyReader& body, std::int64_t limit,
                         const std::function<void(std::int64_t)>& received)
    : file_(std::tmpfile()), declared_(body.declaredLength()) {
  if (!file_) throw importUnavailable();
  std::string chunk(64 * 1024, '\0');
  for (std::size_t got; (got = body.read(chunk.data(), chunk.size())) > 0;) {
    size_ += static_cast<std::int64_t>(got);
    if (size_ > limit) throw uploadTooLarge(limit);
    if (std::fwrite(chunk.data(), 1, got, file_.get()) != got) throw importUnavailable();
    received(size_);
  }
  if (std::fflush(file_.get()) != 0 || std::fseek(file_.get(), 0, SEEK_SET) != 0) throw importUnavailable();
}

std::size_t SpooledBody::read(char* buffer, std::size_t size) {
  const std::size_t got = std::fread(buffer, 1, size, file_.get());
  if (got == 0 && std::ferror(file_.get())) throw std::runtime_error("the received upload cannot be read back");
  return got;
}

}  // namespace companies
