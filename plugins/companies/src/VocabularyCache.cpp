#include "VocabularyCache.hpp"

namespace companies {

VocabularyCache& VocabularyCache::instance() {
  static VocabularyCache cache;
  return cache;
}

// Tenant ids hold no newline.
std::string VocabularyCache::keyOf(const std::string& tenant, const std::string& word) { return tenant + '\n' + word; }

std::optional<std::vector<std::string>> VocabularyCache::find(const std::string& tenant, const std::string& word,
                                                              std::int64_t version) {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(keyOf(tenant, word));
  if (found == entries_.end() || found->second.version != version) return std::nullopt;
  return found->second.words;
}

void VocabularyCache::store(const std::string& tenant, const std::string& word, std::int64_t version,
                            std::vector<std::string> words) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(keyOf(tenant, word), Entry{version, std::move(words)});
}

}  // namespace companies
