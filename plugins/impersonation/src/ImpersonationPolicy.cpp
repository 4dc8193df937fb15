#include "ImpersonationPolicy.hpp"

#include <algorithm>

namespace impersonation {

namespace {

using namespace tabhost::sdk;

std::int64_t intSetting(const RequestContext& ctx, const char* name) { return ctx.settings().find(name)->asInt(); }
bool boolSetting(const RequestContext& ctx, const char* name) { return ctx.settings().find(name)->asBool(); }

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string readReason(const RequestContext& ctx) {
  const Json* value = ctx.body().find("reason");
  std::string reason;
  if (value && !value->isNull()) {
    if (!value->isString()) throw Error::badRequest("invalid_input", "reason must be a string", "reason");
    reason = trimmed(value->asString());
  }
  if (reason.empty() && boolSetting(ctx, "reason_required"))
    throw Error::unprocessable("reason_required", "say why you act as this user (a ticket, a request)", "reason");
  if (reason.size() > 500) throw Error::unprocessable("too_long", "reason is over 500 bytes", "reason");
  if (std::ranges::any_of(reason, [](unsigned char c) { return c < 0x20 && c != '\n'; }))
    throw Error::unprocessable("invalid_text", "reason has control characters", "reason");
  return reason;
}

int readMinutes(const RequestContext& ctx) {
  const std::int64_t most = intSetting(ctx, "max_minutes");
  const Json* value = ctx.body().find("minutes");
  if (!value || value->isNull()) return static_cast<int>(most);
  if (!value->isInt()) throw Error::badRequest("invalid_input", "minutes must be a whole number", "minutes");
  if (value->asInt() < 1 || value->asInt() > most)
    throw Error::unprocessable("invalid_minutes", "minutes must be 1 to " + std::to_string(most), "minutes");
  return static_cast<int>(value->asInt());
}

bool readReadOnly(const RequestContext& ctx) {
  const Json* value = ctx.body().find("read_only");
  if (value && !value->isNull() && !value->isBool())
    throw Error::badRequest("invalid_input", "read_only must be true or false", "read_only");
  // The body may ask for read-only; it cannot lift a tenant's read-only policy.
  return boolSetting(ctx, "read_only") || (value && value->isBool() && value->asBool());
}

// The host already requires a strictly lower type; a tenant may ask for more distance.
void checkRankGap(RequestContext& ctx, const std::string& userId) {
  const std::int64_t gap = intSetting(ctx, "minimum_rank_gap");
  if (gap <= 1) return;
  const auto rows = ctx.db().query("SELECT user_type FROM users WHERE id = ?", {userId});
  if (rows.empty()) return;  // the host answers 404
  const std::string& type = rows.front().find("user_type")->asString();
  if (userTypeRank(ctx.principal().userType) - userTypeRank(type) < gap)
    throw Error::forbidden("rank_too_low", "this tenant lets you impersonate only users at least " +
                                               std::to_string(gap) + " ranks below your type (" +
                                               ctx.principal().userType + ")");
}

}  // namespace

SettingsSchema policySettings() {
  SettingField maxMinutes = settingField("max_minutes", SettingType::Int,
                                    "Time box: an impersonation ends by itself after this many minutes", Json(60));
  maxMinutes.min = 1;
  maxMinutes.max = 1440;
  SettingField gap = settingField("minimum_rank_gap", SettingType::Int,
                             "How many ranks below the impersonator the user's type must be (1: any lower type)",
                             Json(1));
  gap.min = 1;
  gap.max = 6;
  return {settingField("reason_required", SettingType::Bool, "A reason must be given to impersonate", Json(true)),
          maxMinutes,
          settingField("read_only", SettingType::Bool, "Every impersonation is read-only (no mutating requests)",
                  Json(false)),
          settingField("notify_user", SettingType::Bool, "Email users when someone acts as them (when, who, why)",
                  Json(false)),
          gap};
}

ImpersonationRequest requestUnderPolicy(RequestContext& ctx) {
  if (!ctx.body().isObject()) throw Error::badRequest("invalid_input", "the body must be a JSON object");
  const Json* userId = ctx.body().find("user_id");
  if (!userId || !userId->isString() || userId->asString().empty())
    throw Error::badRequest("invalid_input", "user_id is required (a string)", "user_id");
  ImpersonationRequest request;
  request.userId = userId->asString();
  request.reason = readReason(ctx);
  request.minutes = readMinutes(ctx);
  request.readOnly = readReadOnly(ctx);
  checkRankGap(ctx, request.userId);
  return request;
}

bool notifiesUser(const RequestContext& ctx) { return boolSetting(ctx, "notify_user"); }

Json policyJson(const RequestContext& ctx) {
  return Json::object({{"reason_required", boolSetting(ctx, "reason_required")},
                       {"max_minutes", intSetting(ctx, "max_minutes")},
                       {"read_only", boolSetting(ctx, "read_only")},
                       {"minimum_rank_gap", intSetting(ctx, "minimum_rank_gap")},
                       {"notifies_user", notifiesUser(ctx)}});
}

}  // namespace impersonation
