#include "ImpersonationPolicy.hpp"
#include "ImpersonationRoutes.hpp"

namespace impersonation {

namespace {

using namespace tabhost::sdk;

Json nullIfEmpty(const std::string& text) { return text.empty() ? Json() : Json(text); }

// Tells the user who acted as them, when and why (the tenant's choice).
void notify(RequestContext& ctx, const ImpersonationRecord& record) {
  const auto rows = ctx.db().query("SELECT email FROM users WHERE id = ?", {record.userId});
  if (rows.empty()) return;
  const Branding& brand = ctx.branding();
  std::string text = record.impersonatorName + " from " + brand.productName +
                     " support signed in to your account as you at " + record.startedAt +
                     " (UTC), for at most until " + record.expiresAt + ".\n\nReason given: " +
                     (record.reason.empty() ? "none" : record.reason) +
                     "\n\nEverything done during this visit is recorded under both names. If you did not expect "
                     "it, reply to this message.";
  ctx.mail().send({rows.front().find("email")->asString(), "Someone from support accessed your account",
                   std::move(text), brand.supportEmail});
}

Response become(RequestContext& ctx) {
  // Before the policy reads the body: a nested attempt is told so first.
  if (ctx.impersonation().current())
    throw Error::conflict("impersonation_nested", "you are impersonating already; stop first");
  const SessionSwitch started = ctx.impersonation().begin(requestUnderPolicy(ctx));
  if (notifiesUser(ctx)) notify(ctx, started.impersonation);
  return Response::created(
      Json::object({{"impersonation", recordJson(started.impersonation)}, {"csrf_token", started.csrfToken}}));
}

Response stop(RequestContext& ctx) {
  const SessionSwitch ended = ctx.impersonation().end();
  return Response::json(
      Json::object({{"impersonation", recordJson(ended.impersonation)}, {"csrf_token", ended.csrfToken}}));
}

}  // namespace

Json recordJson(const ImpersonationRecord& r) {
  return Json::object({
      {"id", r.id},
      {"impersonator", Json::object({{"id", r.impersonatorId}, {"name", r.impersonatorName}})},
      {"user_id", r.userId},
      {"reason", r.reason},
      {"read_only", r.readOnly},
      {"started_at", r.startedAt},
      {"expires_at", r.expiresAt},
      {"ended_at", nullIfEmpty(r.endedAt)},
      {"end_reason", nullIfEmpty(r.endReason)},
      {"actions", r.actions},
  });
}

void registerSessionRoutes(Registrar& r) {
  // Session-only; the host's service checks the permission impersonation.become,
  // after telling a nested attempt so (whatever the user acted as may do).
  const Access session = Access::authenticated().forSessionsOnly();
  r.route(Method::Post, "/impersonation", session, become);
  r.route(Method::Delete, "/impersonation", session, stop);
  r.allowWhileReadOnly(Method::Delete, "/impersonation");
  r.route(Method::Get, "/impersonation/policy", Access::require("impersonation.become"),
          [](RequestContext& ctx) { return Response::json(policyJson(ctx)); });
}

}  // namespace impersonation
