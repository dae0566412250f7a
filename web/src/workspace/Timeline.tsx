import { api, ok } from '../api';
import { STATE_LABELS, formatDateTime } from '../format';
import { Fetched, useApi } from '../ui';
import { useWorkspace } from './context';

/** The audit trail: every state change, who made it and when. */
export function Timeline() {
  const { ws, me, nameOfId } = useWorkspace();
  // Keyed by state so a transition fetches the trail again.
  const events = useApi(`events:${ws.id}:${ws.state}`, () =>
    ok(api.GET('/api/v1/relationships/{id}/events', { params: { path: { id: ws.id } } })),
  );
  return (
    <section id="timeline" className="timeline-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="section-title">
        Timeline
      </h2>
      <Fetched loaded={events} label="Loading the timeline…" rows={2}>
        {(data) => (
          <ol className="timeline">
            {data.items.map((e, i) => (
              <li key={i} className={`timeline__item timeline__item--${e.to}`}>
                <span className="timeline__dot" aria-hidden="true" />
                <div>
                  <p>
                    <strong>{nameOfId(e.actor_id)}</strong>{' '}
                    {e.from === e.to ? (
                      <>created the request ({STATE_LABELS[e.to].toLowerCase()})</>
                    ) : (
                      <>
                        moved it from {STATE_LABELS[e.from].toLowerCase()} to <strong>{STATE_LABELS[e.to].toLowerCase()}</strong>
                      </>
                    )}
                    {e.note && <span className="muted"> · {e.note}</span>}
                  </p>
                  <time className="muted small" dateTime={e.at}>
                    {formatDateTime(e.at, me.timezone)}
                  </time>
                </div>
              </li>
            ))}
          </ol>
        )}
      </Fetched>
    </section>
  );
}
