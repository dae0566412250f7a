// "Join video call": the room of a meeting, circle session or flash session held by video, when
// the organisation has a video service. The server gives the link to participants only: a Jitsi
// room's address, or Mentorhub's join route, which opens the BigBlueButton room for this person.
export function JoinVideo({ url, label = 'Join video call' }: { url: string | null | undefined; label?: string }) {
  if (!url) return null;
  return (
    <a className="btn btn--small" href={url} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
}
