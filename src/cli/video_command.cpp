#include "cli/video_command.hpp"

#include <cstdio>

#include "cli/command_line.hpp"
#include "common/clock.hpp"
#include "services/video.hpp"

namespace mh::cli {

namespace {

void print(const VideoSettings& s) {
  switch (s.provider) {
    case VideoProvider::none: std::printf("video rooms: none (meetings have no video link)\n"); return;
    case VideoProvider::jitsi: std::printf("video rooms: Jitsi at %s\n", s.jitsi_url.c_str()); return;
    case VideoProvider::bigbluebutton:
      std::printf("video rooms: BigBlueButton at %s (secret %s, checksums %s)\n", s.bbb_url.c_str(),
                  s.bbb_secret.empty() ? "not set" : "set", to_string(s.bbb_checksum));
      return;
  }
}

}  // namespace

int video_configure(Store& store, const VideoOptions& o) {
  VideoSettings in;
  const auto provider = parse_video_provider(o.provider);
  if (!provider) return fail("the provider must be none, jitsi or bigbluebutton");
  in.provider = *provider;
  if (in.provider == VideoProvider::jitsi) in.jitsi_url = o.url;
  if (in.provider == VideoProvider::bigbluebutton) {
    in.bbb_url = o.url;
    const auto checksum = parse_bbb_checksum(o.checksum);
    if (!checksum) return fail("--checksum must be sha1 or sha256");
    in.bbb_checksum = *checksum;
    const auto secret = secret_from(o.secret_file, "MENTORHUB_BBB_SECRET");
    if (!secret) return fail("cannot read the secret file " + o.secret_file);
    in.bbb_secret = *secret;
  }
  const LifecycleSettings rules;
  auto saved = store.write_value<VideoSettings>([&](sql::Connection& db) -> Result<VideoSettings> {
    services::UseCase uc(db, SystemClock().now(), rules);
    return services::configure_video(uc, operator_actor(), in);
  });
  if (!saved) return fail((saved.error().field.empty() ? "" : saved.error().field + " ") + saved.error().message);
  print(*saved);
  return 0;
}

int video_show(Store& store) {
  auto s = store.read_value<VideoSettings>(
      [&](sql::Connection& db) -> Result<VideoSettings> { return services::video_settings_for(db, operator_actor()); });
  if (!s) return fail(s.error().message);
  print(*s);
  return 0;
}

}  // namespace mh::cli
