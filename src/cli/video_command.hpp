// `mentorhub video ...`: the organisation's video service from the command line, through the same
// use cases as the admin settings page (services/video.hpp), acting as an administrator. The
// BigBlueButton secret is read from a file or the environment (MENTORHUB_BBB_SECRET), never from
// the command line, and never printed. Exit codes: 0 done, 1 failed (one line on stderr), 2 bad usage.
#pragma once

#include <string>

#include "storage/store.hpp"

namespace mh::cli {

struct VideoOptions {
  std::string provider;  // none, jitsi or bigbluebutton
  std::string url;       // the Jitsi base address or the BigBlueButton API address
  std::string secret_file;
  std::string checksum = "sha1";
};
int video_configure(Store& store, const VideoOptions& o);
int video_show(Store& store);

}  // namespace mh::cli
