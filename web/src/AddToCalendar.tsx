// "Add to calendar": the .ics invitation of one meeting, circle session or flash session, as a
// download the browser hands to the person's calendar. The server answers a cancelled one with a
// cancellation, so downloading again after a change updates the calendar.
export function AddToCalendar({ path, cancelled = false }: { path: string; cancelled?: boolean }) {
  return (
    <a className="btn btn--ghost btn--small" href={`/api/v1${path}`} download>
      {cancelled ? 'Remove from calendar' : 'Add to calendar'}
    </a>
  );
}
