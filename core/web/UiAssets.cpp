#include "core/web/UiAssets.hpp"

#include <sstream>

#include <Poco/DeflatingStream.h>

#include "core/crypto/Secrets.hpp"

namespace tabhost::core {

namespace {

bool compressible(const std::string& contentType) {
  return contentType.starts_with("text/") || contentType.starts_with("application/json") ||
         contentType.starts_with("image/svg+xml");
}

std::string gzip(std::string_view bytes) {
  std::ostringstream out;
  Poco::DeflatingOutputStream deflate(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 9);
  deflate.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  deflate.close();
  return std::move(out).str();
}

}  // namespace

UiAssets::UiAssets(const std::vector<RegisteredAsset>& assets) {
  // Registration order is the plugin's own and stable: it feeds the hash.
  std::map<std::string, std::string> hashed;
  for (const auto& a : assets) {
    File file{a.asset.contentType, a.asset.bytes, {}};
    if (compressible(file.contentType)) file.gzipped = gzip(file.bytes);
    files_.emplace(std::make_pair(a.plugin, a.asset.path), std::move(file));
    std::string& text = hashed[a.plugin];
    text.append(a.asset.path).push_back('\0');
    text.append(a.asset.contentType).push_back('\0');
    text.append(sha256Hex(a.asset.bytes)).push_back('\n');
  }
  for (const auto& [plugin, text] : hashed) versions_.emplace(plugin, sha256Hex(text).substr(0, 12));
}

const UiAssets::File* UiAssets::find(const std::string& plugin, const std::string& path) const {
  const auto it = files_.find(std::make_pair(plugin, path));
  return it == files_.end() ? nullptr : &it->second;
}

const std::string& UiAssets::version(const std::string& plugin) const {
  static const std::string none;
  const auto it = versions_.find(plugin);
  return it == versions_.end() ? none : it->second;
}

std::string UiAssets::url(const std::string& base, const std::string& plugin, const std::string& path) const {
  return base + "ui/" + plugin + "/@" + version(plugin) + "/" + path;
}

}  // namespace tabhost::core
