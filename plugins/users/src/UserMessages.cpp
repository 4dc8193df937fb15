// Messages from an administrator to a user: emailed (Reply-To the tenant's
// support address) and kept in admin_messages.
#include <algorithm>

#include "UserInput.hpp"
#include "UserListing.hpp"
#include "UsersRoutes.hpp"

namespace users {

namespace {

using namespace tabhost::sdk;

constexpr std::size_t kMaxBody = 10000;

// The settings' subject with {product_name} filled in.
std::string defaultSubject(RequestContext& ctx) {
  std::string subject = ctx.settings().find("message_subject")->asString();
  const std::string placeholder = "{product_name}";
  if (const auto at = subject.find(placeholder); at != std::string::npos)
    subject.replace(at, placeholder.size(), ctx.branding().productName);
  return subject;
}

Response sent(RequestContext& ctx) {
  const Json& body = objectBody(ctx);
  const std::string text = requiredString(body, "body");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Error::unprocessable("required", "body is empty", "body");
  if (text.size() > kMaxBody) throw Error::unprocessable("too_long", "body is over 10,000 bytes", "body");
  const std::string subject = optionalString(body, "subject").value_or(defaultSubject(ctx));
  const std::string id = *ctx.param("id");
  const Json user = userRecord(ctx.db(), id);
  if (user.find("status")->asString() == "discarded") throw Error::conflict("invalid_status", "the user is discarded");
  const std::string mailId =
      ctx.mail().send({user.find("email")->asString(), subject, text, ctx.branding().supportEmail});
  const std::string messageId = newId();
  const std::string at = formatUtc(now());
  ctx.db().execute(
      "INSERT INTO admin_messages (id, user_id, sender_id, subject, body, mail_id, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {messageId, id, ctx.principal().id, subject, text, mailId, at});
  ctx.audit().record("users.message_sent", "user", id, Json::object({{"message_id", messageId}, {"mail_id", mailId}}));
  return Response::created(Json::object(
      {{"id", messageId}, {"user_id", id}, {"subject", subject}, {"mail_id", mailId}, {"created_at", at}}));
}

Response listed(RequestContext& ctx) {
  const Page page = readPage(ctx);
  const std::string id = *ctx.param("id");
  auto& db = ctx.db();
  userRecord(db, id);
  const std::string columns = "SELECT id, sender_id, subject, body, mail_id, created_at FROM admin_messages ";
  const auto rows = page.after
      ? db.query(columns + "WHERE user_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?",
                 {id, page.after->sortValue, page.after->id, page.limit + 1})
      : db.query(columns + "WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?", {id, page.limit + 1});
  return Response::json(pageBody(rows, page, "created_at", "id"));
}

}  // namespace

void registerMessageRoutes(Registrar& r) {
  r.route(Method::Post, "/users/{id}/message", Access::require("users.message"), sent);
  r.route(Method::Get, "/users/{id}/messages", Access::require("users.read"), listed);
  // What a composer prefills: the subject a message gets when none is sent.
  r.route(Method::Get, "/users/message-defaults", Access::require("users.message"), [](RequestContext& ctx) {
    return Response::json(Json::object({{"subject", defaultSubject(ctx)}}));
  });
}

}  // namespace users
