// The UI files every plugin and the host (the dashboard shell) registered,
// indexed for serving. A plugin's files share one version, a hash of all of
// them: a versioned URL (/ui/{plugin}/@{version}/{path}) never changes its
// bytes, so browsers keep it for good, and a module's relative imports stay
// on the version it came from.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/plugins/Registry.hpp"

namespace tabhost::core {

class UiAssets {
 public:
  struct File {
    std::string contentType;
    std::string_view bytes;
    /// The bytes gzip-compressed, for text files; empty otherwise.
    std::string gzipped;
  };

  explicit UiAssets(const std::vector<RegisteredAsset>& assets);

  /// The file `path` of `plugin`, or nullptr.
  const File* find(const std::string& plugin, const std::string& path) const;
  /// The version of `plugin`'s files (12 hex digits), or "" when it has none.
  const std::string& version(const std::string& plugin) const;
  /// Where `plugin`'s `path` is served for good: "{base}ui/{plugin}/@{version}/{path}".
  std::string url(const std::string& base, const std::string& plugin, const std::string& path) const;

 private:
  std::map<std::pair<std::string, std::string>, File, std::less<>> files_;
  std::map<std::string, std::string, std::less<>> versions_;
};

}  // namespace tabhost::core
