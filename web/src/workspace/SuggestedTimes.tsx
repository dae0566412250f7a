// The next free meeting times within both people's weekly hours, or the mentor's alone when the
// mentee set none or the two never meet (GET /relationships/{id}/suggested-times), each as both
// people's clocks read it; choosing one fills the meeting form.
import { api, ok } from '../api';
import { bothZones, type SuggestedTime } from '../availability';
import { Link } from '../router';
import { Loading, useApi } from '../ui';
import { useWorkspace } from './context';

const SHOWN = 8;

/** The duration to ask for: the form's when it is a whole number of 15-240 minutes, else an hour. */
export function suggestionMinutes(typed: string): number {
  const n = /^\d+$/.test(typed.trim()) ? Number(typed.trim()) : NaN;
  return n >= 15 && n <= 240 ? n : 60;
}

export function SuggestedTimes({ duration, chosen, onPick }: { duration: string; chosen: string | null; onPick: (t: SuggestedTime) => void }) {
  const { ws, myRole } = useWorkspace();
  const minutes = suggestionMinutes(duration);
  const got = useApiSuggestions(ws.id, minutes);
  if (got.error) return null;
  if (!got.data) return <Loading label="Finding free times…" rows={1} />;
  const s = got.data;
  const mentorFirst = s.mentor.person.name.split(' ')[0];
  const menteeFirst = s.mentee.person.name.split(' ')[0];
  const mentorHours = myRole === 'mentor' ? 'your' : `${mentorFirst}’s`;
  const otherFirst = myRole === 'mentor' ? menteeFirst : mentorFirst;
  const within = s.within === 'both_hours' ? `within your hours and ${otherFirst}’s` : `within ${mentorHours} hours`;
  // Why the mentee's own hours were not used, when she set some.
  const apart =
    s.within === 'mentor_hours' && s.mentee_has_hours
      ? myRole === 'mentor'
        ? ` ${menteeFirst}’s hours and yours leave no free ${minutes} minutes in common, so these are yours alone.`
        : ` Your hours and ${mentorFirst}’s leave no free ${minutes} minutes in common, so these are ${mentorFirst}’s alone.`
      : '';
  return (
    <section className="stack-sm" aria-labelledby="suggested-times-heading">
      <h4 className="subheading" id="suggested-times-heading">
        Suggested times
      </h4>
      {!s.mentor_has_hours ? (
        <p className="muted small">
          {myRole === 'mentor' ? (
            <>
              Set your weekly hours on <Link to="/profile/availability">Availability</Link> to be offered free times here.
            </>
          ) : (
            `${mentorFirst} has not set weekly hours yet: choose any time.`
          )}
        </p>
      ) : s.times.length === 0 ? (
        <p className="muted small">No free {minutes} minutes in {mentorHours} hours over the next two weeks.</p>
      ) : (
        <>
          <p className="muted small">
            {minutes} minutes {within} over the next two weeks, clear of both your meetings and flash sessions. Choose
            one to fill in the form.{apart}
          </p>
          <ul className="suggested-times">
            {s.times.slice(0, SHOWN).map((t) => {
              const z = bothZones(t, s, myRole);
              const other = z.other.name.split(' ')[0];
              return (
                <li key={t.starts_at}>
                  <button
                    type="button"
                    className="suggested-time"
                    aria-pressed={chosen === t.starts_at}
                    aria-label={`${z.mine.range} your time (${z.mine.zone}); ${z.other.range} for ${other} (${z.other.zone})`}
                    onClick={() => onPick(t)}
                  >
                    <span className="suggested-time__mine">{z.mine.range}</span>
                    <span className="suggested-time__other">
                      {other}: {z.other.range} ({z.other.zone})
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function useApiSuggestions(id: string, minutes: number) {
  return useApi(`/relationships/${id}/suggested-times?duration_minutes=${minutes}`, () =>
    ok(api.GET('/api/v1/relationships/{id}/suggested-times', { params: { path: { id }, query: { duration_minutes: minutes, limit: SHOWN } } })),
  );
}
