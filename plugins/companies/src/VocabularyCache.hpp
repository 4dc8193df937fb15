// The search index's words that begin with a typed word, remembered per
// tenant and per version of the index's words (companies_fts_version).
//
// Reading them from fts5vocab costs a fifth of a search: each read opens a
// vocabulary cursor, which prepares a statement of its own, and seeks every
// segment of the index. The words change only when the version does, so a
// search whose version matches an entry reads nothing.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace companies {

class VocabularyCache {
 public:
  static VocabularyCache& instance();

  /// The words stored for `word` in `tenant` at `version`, if any.
  std::optional<std::vector<std::string>> find(const std::string& tenant, const std::string& word,
                                               std::int64_t version);
  /// Remembers `words` as those of `version` (replacing an older version's).
  void store(const std::string& tenant, const std::string& word, std::int64_t version,
             std::vector<std::string> words);

 private:
  // Enough for every word a catalog's users type in a while; past it the
  // cache starts over rather than keep an order of use on every search.
  static constexpr std::size_t kMaxEntries = 4096;
  struct Entry {
    std::int64_t version;
    std::vector<std::string> words;
  };
  static std::string keyOf(const std::string& tenant, const std::string& word);

  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace companies
