#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>

namespace mh::http {
namespace {

namespace fs = std::filesystem;

// A throw-away web/dist lookalike, with a secret file next to (not inside) the root.
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("mh_static_" + std::to_string(std::random_device{}()));
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    write("dist/index.html", "<!doctype html>app");
    write("dist/assets/app-1a2b.js", "console.log(1)");
    write("outside.txt", "secret");
  }
  void TearDown() override { fs::remove_all(base_); }

  void write(const fs::path& relative, const std::string& content) {
    fs::create_directories((base_ / relative).parent_path());
    std::ofstream(base_ / relative, std::ios::binary) << content;
  }

  std::optional<Response> get(std::string path, std::string method = "GET") const {
    Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.headers = headers_;
    return StaticFiles(root_).serve(req);
  }

  static std::string header(const Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
  }

  fs::path base_;
  fs::path root_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

TEST_F(StaticFilesTest, ServesIndexHtmlForTheRootWithoutCaching) {
  const auto r = get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<!doctype html>app");
  EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(header(*r, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, ServesFilesUnderAssetsAsImmutable) {
  const auto r = get("/assets/app-1a2b.js");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "console.log(1)");
  EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(*r, "Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, FilesOutsideAssetsAreRevalidated) {
  write("dist/favicon.ico", "ico");
  const auto r = get("/favicon.ico");
  ASSERT_TRUE(r);
  EXPECT_EQ(header(*r, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, TheContentTypeFollowsTheFileExtension) {
  const std::pair<const char*, const char*> cases[] = {
      {"a.html", "text/html; charset=utf-8"},  {"a.mjs", "text/javascript; charset=utf-8"},
      {"a.css", "text/css; charset=utf-8"},    {"a.json", "application/json"},
      {"a.svg", "image/svg+xml"},              {"a.png", "image/png"},
      {"a.jpg", "image/jpeg"},                 {"a.JPEG", "image/jpeg"},
      {"a.gif", "image/gif"},                  {"a.webp", "image/webp"},
      {"a.ico", "image/x-icon"},               {"a.woff", "font/woff"},
      {"a.woff2", "font/woff2"},               {"a.ttf", "font/ttf"},
      {"a.js.map", "application/json"},        {"a.txt", "text/plain; charset=utf-8"},
      {"a.wasm", "application/wasm"},          {"a.bin", "application/octet-stream"},
  };
  for (const auto& [name, type] : cases) {
    write(fs::path("dist/assets") / name, "x");
    const auto r = get(std::string("/assets/") + name);
    ASSERT_TRUE(r) << name;
    EXPECT_EQ(r->content_type, type) << name;
  }
}

TEST_F(StaticFilesTest, AMatchingIfNoneMatchGetsAnEmpty304) {
  const auto first = get("/assets/app-1a2b.js");
  ASSERT_TRUE(first);
  const std::string etag = header(*first, "ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(etag.back(), '"');

  headers_ = {{"if-none-match", etag}};
  const auto again = get("/assets/app-1a2b.js");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(header(*again, "ETag"), etag);
}

TEST_F(StaticFilesTest, IfNoneMatchAcceptsListsAndWeakTags) {
  const std::string etag = header(*get("/index.html"), "ETag");
  headers_ = {{"if-none-match", "\"other\", W/" + etag}};
  EXPECT_EQ(get("/index.html")->status, 304);
}

TEST_F(StaticFilesTest, AStaleETagGetsTheFullFile) {
  headers_ = {{"if-none-match", "\"0-0\""}};
  const auto r = get("/index.html");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<!doctype html>app");
}

TEST_F(StaticFilesTest, TheETagChangesWhenTheFileChanges) {
  const std::string before = header(*get("/assets/app-1a2b.js"), "ETag");
  write("dist/assets/app-1a2b.js", "console.log(12)");
  EXPECT_NE(header(*get("/assets/app-1a2b.js"), "ETag"), before);
}

TEST_F(StaticFilesTest, RejectsPathTraversalAttempts) {
  for (const char* path : {"/../outside.txt", "/assets/../../outside.txt", "/%2e%2e/outside.txt",
                           "/%2E%2E/outside.txt", "/assets/%2e%2e/%2e%2e/outside.txt", "/..%2foutside.txt",
                           "/..\\outside.txt", "/../outside"}) {
    EXPECT_FALSE(get(path)) << path;
  }
}

TEST_F(StaticFilesTest, RejectsNulAndControlCharacters) {
  EXPECT_FALSE(get(std::string("/index.html\0.js", 15)));
  EXPECT_FALSE(get("/index\n.html"));
}

TEST_F(StaticFilesTest, AnAbsoluteLookingPathStaysUnderTheRoot) {
  const auto r = get("//etc/hostname");
  // Extension-less, so it is a client-side route: the app, never the host's file.
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "<!doctype html>app");
}

TEST_F(StaticFilesTest, ASymlinkLeavingTheRootIsNotFollowed) {
  fs::create_symlink(base_ / "outside.txt", root_ / "link.txt");
  EXPECT_FALSE(get("/link.txt"));
}

TEST_F(StaticFilesTest, AnExtensionlessUnknownPathFallsBackToIndexHtml) {
  const auto r = get("/people/42/edit");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<!doctype html>app");
  EXPECT_EQ(header(*r, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, NoFallbackWithoutIndexHtml) {
  fs::remove(root_ / "index.html");
  EXPECT_FALSE(get("/people/42"));
}

TEST_F(StaticFilesTest, AMissingFileWithAnExtensionIsNotServed) { EXPECT_FALSE(get("/assets/missing-9f.js")); }

TEST_F(StaticFilesTest, AMissingPathUnderAssetsNeverFallsBack) { EXPECT_FALSE(get("/assets/chunk")); }

TEST_F(StaticFilesTest, ADirectoryServesItsOwnIndexHtml) {
  write("dist/docs/index.html", "docs");
  const auto r = get("/docs/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "docs");
}

TEST_F(StaticFilesTest, ApiPathsAreNeverServed) {
  write("dist/api/v1/people.json", "[]");
  EXPECT_FALSE(get("/api/v1/people.json"));
  EXPECT_FALSE(get("/api/v1/unknown"));
  EXPECT_FALSE(get("/api"));
}

TEST_F(StaticFilesTest, OnlyGetAndHeadAreServed) {
  EXPECT_TRUE(get("/index.html", "HEAD"));
  EXPECT_FALSE(get("/index.html", "POST"));
  EXPECT_FALSE(get("/index.html", "DELETE"));
}

TEST_F(StaticFilesTest, AMissingRootServesNothing) {
  Request req;
  req.method = "GET";
  req.path = "/index.html";
  EXPECT_FALSE(StaticFiles(base_ / "no-such-dir").serve(req));
}

}  // namespace
}  // namespace mh::http
