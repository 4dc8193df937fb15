#include "core/audit/AuditChain.hpp"

#include "core/crypto/Secrets.hpp"

namespace tabhost::core {

namespace {
std::string columnText(const sdk::Json& value) {
  if (value.isInt()) return std::to_string(value.asInt());
  if (value.isString()) return value.asString();
  return {};
}
}  // namespace

std::string canonicalAuditRow(const sdk::Json& row) {
  std::string out;
  for (const char* column : kChainedColumns) {
    const sdk::Json* value = row.find(column);
    const std::string text = value ? columnText(*value) : std::string();
    out.append(std::to_string(text.size())).append(":").append(text).append(",");
  }
  return out;
}

std::string chainHash(const sdk::Json& row, const std::string& previousHash) {
  std::string input(1, '\0');
  input.append(canonicalAuditRow(row)).append(previousHash);
  return sha256Hex(input);
}

std::string changesCommitment(const std::string& salt, const std::string& changesText) {
  return changesText.empty() ? std::string() : sha256Hex(salt + changesText);
}

}  // namespace tabhost::core
