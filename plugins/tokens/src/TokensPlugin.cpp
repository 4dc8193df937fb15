// The tokens plugin — tab "Backend": long-lived API tokens for automation.
//
//   GET    /t/{tenant}/api/v1/tokens        live tokens: name, hint, scopes, who, when (tokens.read)
//   POST   /t/{tenant}/api/v1/tokens        {name, scopes, expires_in_days?} → the token, shown once
//                                           (tokens.issue; step-up for cookie sessions)
//   DELETE /t/{tenant}/api/v1/tokens/{id}   revokes at once (tokens.revoke)
//
// The host owns the token store (it checks bearer tokens on every route);
// this plugin is its face, built on the SDK's Identity service only. Its
// tab is the custom element <tabhost-tokens> (ui/src, docs/plugin-ui.md).
#include <tabhost/sdk/sdk.hpp>

namespace {

using namespace tabhost::sdk;

Json nullIfEmpty(const std::string& text) { return text.empty() ? Json() : Json(text); }

std::vector<std::string> readScopes(const Json& body) {
  const Json* scopes = body.find("scopes");
  if (!scopes || !scopes->isArray())
    throw Error::badRequest("invalid_input", "scopes is required: a list of permissions", "scopes");
  std::vector<std::string> out;
  for (const auto& s : scopes->asArray()) {
    if (!s.isString()) throw Error::badRequest("invalid_input", "scopes must hold permission names", "scopes");
    out.push_back(s.asString());
  }
  return out;
}

int readExpiry(const Json& body) {
  const Json* days = body.find("expires_in_days");
  if (!days || days->isNull()) return 0;
  if (!days->isInt()) throw Error::badRequest("invalid_input", "expires_in_days must be a whole number", "expires_in_days");
  const auto n = days->asInt();
  if (n < 1 || n > 365)
    throw Error::unprocessable("invalid_expiry", "expires_in_days must be 1 to 365", "expires_in_days");
  return static_cast<int>(n);
}

class TokensPlugin final : public Plugin {
 public:
  Manifest manifest() const override {
    Manifest m;
    m.id = "tokens";
    m.name = "Backend tokens";
    m.version = "1.0.0";
    m.description = "Issue, list and revoke long-lived API tokens.";
    m.tabTitle = "Backend";
    m.tabIcon = "key";
    m.tabOrder = 60;
    m.permissions = {{"tokens.read", "See the tenant's API tokens", "admin"},
                     {"tokens.issue", "Issue API tokens", "admin"},
                     {"tokens.revoke", "Revoke API tokens", "admin"}};
    return m;
  }

  void start(Registrar& r) override {
    // The Backend tab: ui/src bundled into tab.js (plugins/tokens/CMakeLists.txt).
    r.tabUi(embeddedUi(), "tabhost-tokens", "tab.js");
    r.statCard("active_tokens", "Active API tokens", "tokens.read", [](RequestContext& ctx) {
      return Json(static_cast<std::int64_t>(ctx.identity().tokens().size()));
    });

    r.route(Method::Get, "/tokens", Access::require("tokens.read"), [](RequestContext& ctx) {
      Json items = Json::array();
      for (const auto& t : ctx.identity().tokens())
        items.push_back(Json::object({{"id", t.id},
                                      {"name", t.name},
                                      {"hint", t.hint},
                                      {"scopes", Json::strings(t.scopes)},
                                      {"user_id", t.userId},
                                      {"created_by", t.createdBy},
                                      {"created_at", t.createdAt},
                                      {"expires_at", t.expiresAt},
                                      {"last_used_at", nullIfEmpty(t.lastUsedAt)}}));
      return Response::json(Json::object({{"items", std::move(items)}}));
    });

    r.route(Method::Post, "/tokens", Access::require("tokens.issue").withStepUp(), [](RequestContext& ctx) {
      const Json& body = ctx.body();
      if (!body.isObject()) throw Error::badRequest("invalid_input", "the body must be a JSON object");
      const Json* name = body.find("name");
      if (!name || !name->isString()) throw Error::badRequest("invalid_input", "name is required (a string)", "name");
      const IssuedToken issued = ctx.identity().issueToken(name->asString(), readScopes(body), readExpiry(body));
      return Response::created(Json::object({{"id", issued.id},
                                             {"name", name->asString()},
                                             {"token", issued.token},
                                             {"hint", issued.hint},
                                             {"scopes", Json::strings(issued.scopes)},
                                             {"expires_at", issued.expiresAt}}));
    });

    r.route(Method::Delete, "/tokens/{id}", Access::require("tokens.revoke"), [](RequestContext& ctx) {
      if (!ctx.identity().revokeToken(*ctx.param("id")))
        throw Error::notFound("token_not_found", "no live token with this id");
      return Response::noContent();
    });
  }
};

}  // namespace

TABHOST_PLUGIN(TokensPlugin, "tokens", "1.0.0")
