#include <gtest/gtest.h>

#include <sstream>

#include <Poco/InflatingStream.h>
#include <Poco/StreamCopier.h>

#include "core/web/UiAssets.hpp"

using namespace tabhost::core;

namespace {

RegisteredAsset asset(std::string plugin, std::string path, std::string type, std::string_view bytes) {
  return {std::move(plugin), {std::move(path), std::move(type), bytes}};
}

std::string gunzip(const std::string& bytes) {
  std::istringstream in(bytes);
  Poco::InflatingInputStream inflate(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::string out;
  Poco::StreamCopier::copyToString(inflate, out);
  return out;
}

}  // namespace

TEST(UiAssets, EachPluginsFilesShareAVersionThatFollowsTheirBytes) {
  const UiAssets before({asset("orders", "tab.js", "text/javascript", "export const a = 1;"),
                         asset("orders", "chunk.js", "text/javascript", "export const b = 2;"),
                         asset("hello", "tab.js", "text/javascript", "export const a = 1;")});
  const UiAssets after({asset("orders", "tab.js", "text/javascript", "export const a = 1;"),
                        asset("orders", "chunk.js", "text/javascript", "export const b = 3;"),
                        asset("hello", "tab.js", "text/javascript", "export const a = 1;")});
  EXPECT_EQ(before.version("orders").size(), 12u);
  // One changed file gives the plugin a new version, and only that plugin.
  EXPECT_NE(before.version("orders"), after.version("orders"));
  EXPECT_EQ(before.version("hello"), after.version("hello"));
  EXPECT_EQ(before.version("nobody"), "");
  EXPECT_EQ(before.url("/t/demo/", "orders", "tab.js"), "/t/demo/ui/orders/@" + before.version("orders") + "/tab.js");
  EXPECT_EQ(before.url("/", "hello", "tab.js"), "/ui/hello/@" + before.version("hello") + "/tab.js");
}

TEST(UiAssets, TextIsKeptGzippedBesideItsBytesAndImagesAreNot) {
  const std::string script(4000, 'x');
  const std::string png = "\x89PNG\r\n";
  const UiAssets assets({asset("p", "tab.js", "text/javascript; charset=utf-8", script),
                         asset("p", "logo.png", "image/png", png)});
  const UiAssets::File* js = assets.find("p", "tab.js");
  ASSERT_NE(js, nullptr);
  EXPECT_EQ(js->bytes, script);
  ASSERT_FALSE(js->gzipped.empty());
  EXPECT_LT(js->gzipped.size(), script.size());
  EXPECT_EQ(gunzip(js->gzipped), script);
  ASSERT_NE(assets.find("p", "logo.png"), nullptr);
  EXPECT_TRUE(assets.find("p", "logo.png")->gzipped.empty());
  EXPECT_EQ(assets.find("p", "nothing.js"), nullptr);
  EXPECT_EQ(assets.find("q", "tab.js"), nullptr);
}
