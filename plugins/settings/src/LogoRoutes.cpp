#include "LogoRoutes.hpp"

#include <sodium.h>

#include "LogoImage.hpp"

namespace settings {

namespace {

using namespace tabhost::sdk;

std::string sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string logoPath(RequestContext& ctx) { return "/t/" + ctx.tenant().id + "/api/v1/settings/logo"; }

Json logoJson(RequestContext& ctx, const Json& row) {
  const std::string sha = row.find("sha256")->asString();
  return Json::object({{"content_type", *row.find("content_type")},
                       {"bytes", *row.find("size")},
                       {"sha256", sha},
                       {"uploaded_at", *row.find("uploaded_at")},
                       {"url", logoPath(ctx) + "?v=" + sha.substr(0, 12)}});
}

// The body, read up to `limit` bytes: an oversized upload is refused
// before it is held in memory.
std::string readLogo(RequestContext& ctx, std::int64_t limit) {
  const auto tooLarge = [&] {
    return Error(413, "payload_too_large", "the logo may be at most " + std::to_string(limit) + " bytes");
  };
  BodyReader& body = ctx.bodyReader();
  if (body.declaredLength() > limit) throw tooLarge();
  std::string bytes;
  char buffer[16384];
  while (const std::size_t n = body.read(buffer, sizeof buffer)) {
    bytes.append(buffer, n);
    if (static_cast<std::int64_t>(bytes.size()) > limit) throw tooLarge();
  }
  return bytes;
}

Response upload(RequestContext& ctx) {
  const std::string bytes = readLogo(ctx, ctx.settings().find("logo_max_bytes")->asInt());
  const auto type = logoContentType(bytes);
  if (!type) throw Error(415, "unsupported_image", "the file is not a PNG, JPEG or SVG image");
  const auto before = ctx.db().query("SELECT sha256, size FROM settings_logo WHERE slot = 'logo'");
  ctx.db().execute("DELETE FROM settings_logo WHERE slot = 'logo'");
  ctx.db().execute(
      "INSERT INTO settings_logo (slot, content_type, bytes, sha256, size, uploaded_at) VALUES ('logo', ?, ?, ?, ?, ?)",
      {*type, Blob{bytes}, sha256Hex(bytes), static_cast<std::int64_t>(bytes.size()), formatUtc(now())});
  const Json row = ctx.db().query("SELECT content_type, sha256, size, uploaded_at FROM settings_logo").front();
  ctx.audit().recordChanges("settings.logo.upload", "settings", "logo",
                            Json::object({{"content_type", *type}, {"bytes", static_cast<std::int64_t>(bytes.size())}}),
                            {{"logo_sha256", before.empty() ? Json() : *before.front().find("sha256"),
                              *row.find("sha256")}});
  return Response::json(Json::object({{"logo", logoJson(ctx, row)}}));
}

Response serve(RequestContext& ctx) {
  const auto rows = ctx.db().query("SELECT content_type, bytes FROM settings_logo WHERE slot = 'logo'");
  if (rows.empty()) throw Error::notFound("not_found", "no logo was uploaded");
  Response r = Response::bytes(rows.front().find("bytes")->asString(), rows.front().find("content_type")->asString());
  r.headers.emplace_back("Cache-Control", "public, max-age=300");
  // An SVG opened on its own must not run anything even if a check missed it.
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  return r;
}

// What the General tab shows before an upload: the size limit (a tenant
// setting outside the General page) and the logo uploaded now, if any.
Response details(RequestContext& ctx) {
  const auto rows = ctx.db().query("SELECT content_type, sha256, size, uploaded_at FROM settings_logo WHERE slot = 'logo'");
  return Response::json(Json::object({{"max_bytes", ctx.settings().find("logo_max_bytes")->asInt()},
                                      {"logo", rows.empty() ? Json() : logoJson(ctx, rows.front())}}));
}

Response remove(RequestContext& ctx) {
  const auto before = ctx.db().query("SELECT sha256 FROM settings_logo WHERE slot = 'logo'");
  if (before.empty()) throw Error::notFound("not_found", "no logo was uploaded");
  ctx.db().execute("DELETE FROM settings_logo WHERE slot = 'logo'");
  ctx.audit().recordChanges("settings.logo.remove", "settings", "logo", Json(),
                            {{"logo_sha256", *before.front().find("sha256"), Json()}});
  return Response::noContent();
}

}  // namespace

std::optional<std::string> uploadedLogoUrl(RequestContext& ctx) {
  const auto rows = ctx.db().query("SELECT sha256 FROM settings_logo WHERE slot = 'logo'");
  if (rows.empty()) return std::nullopt;
  return logoPath(ctx) + "?v=" + rows.front().find("sha256")->asString().substr(0, 12);
}

void registerLogoRoutes(Registrar& r) {
  const char* columns =
      "slot TEXT PRIMARY KEY, content_type TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL, "
      "uploaded_at TEXT NOT NULL, bytes ";
  r.migration(1, "create settings_logo", std::string("CREATE TABLE settings_logo (") + columns + "BLOB NOT NULL);\n",
              std::string("CREATE TABLE settings_logo (") + columns + "BYTEA NOT NULL);\n");
  r.auditAction("settings.logo.upload", "Uploaded the tenant's logo");
  r.auditAction("settings.logo.remove", "Removed the tenant's uploaded logo");
  r.route(Method::Put, "/settings/logo", Access::require("settings.write"), upload);
  r.streamBody(Method::Put, "/settings/logo");
  r.route(Method::Get, "/settings/logo", Access::publicRoute(), serve);
  r.route(Method::Delete, "/settings/logo", Access::require("settings.write"), remove);
  r.route(Method::Get, "/settings/logo/details", Access::require("settings.read"), details);
}

}  // namespace settings
