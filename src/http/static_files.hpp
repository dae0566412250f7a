// Serves the built web app (web/dist) for GET and HEAD: MIME type by extension, an ETag with
// If-None-Match -> 304, Cache-Control (index.html is always revalidated, /assets/ files are
// content-hashed and cached forever), and index.html for extension-less paths so client-side
// routes survive a reload. Never serves /api/ paths and never leaves the root directory.
// Beast-free; depends on std::filesystem and http/message.hpp. Holds only the root path and
// reads files per request, so serve() is safe to call from many threads at once.
#pragma once

#include <filesystem>
#include <optional>

#include "http/message.hpp"

namespace mh::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // The response for this request, or nullopt when it is not a static file (wrong method,
  // an /api/ path, a rejected path, or a missing file with an extension): the caller answers.
  std::optional<Response> serve(const Request& request) const;

 private:
  std::filesystem::path root_;  // canonical, when it exists
};

}  // namespace mh::http
