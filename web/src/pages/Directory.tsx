import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError, api, ok } from '../api';
import { FORMAT_LABELS } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import type { Person } from '../types';
import { Avatar, Button, Empty, ErrorState, FilterField, LoadingCard, Page, SkillLevel, asApiError } from '../ui';

const PAGE_SIZE = 100;

/** Pages through GET /api/v1/people; `more()` fetches the next page. */
export function usePeoplePages(includeInactive = false) {
  const [people, setPeople] = useState<Person[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const more = useCallback(
    async (from: string | null, reset = false) => {
      setLoading(true);
      try {
        const page = await ok(
          api.GET('/api/v1/people', {
            params: { query: { limit: PAGE_SIZE, cursor: from ?? undefined, include_inactive: includeInactive ? 'true' : undefined } },
          }),
        );
        setPeople((p) => (reset ? page.items : [...p, ...page.items]));
        setCursor(page.next_cursor);
        setDone(page.next_cursor === null);
        setError(null);
      } catch (e) {
        setError(asApiError(e));
      } finally {
        setLoading(false);
      }
    },
    [includeInactive],
  );

  useEffect(() => {
    void more(null, true);
  }, [more]);

  return {
    people,
    loading,
    error,
    done,
    loadMore: () => more(cursor),
    reload: () => more(null, true),
    setPeople,
  };
}

export function Directory() {
  const { me } = useSession();
  const pages = usePeoplePages();
  const [filter, setFilter] = useState('');
  const [mentorsOnly, setMentorsOnly] = useState(false);
  const needle = filter.trim().toLowerCase();

  // A name filter looks through everyone, so fetch the remaining pages while one is typed.
  useEffect(() => {
    if (needle && !pages.done && !pages.loading && !pages.error) void pages.loadMore();
  }, [needle, pages.done, pages.loading, pages.error, pages]);

  const shown = pages.people.filter(
    (p) => (!needle || p.name.toLowerCase().includes(needle)) && (!mentorsOnly || p.mentor_capacity > 0),
  );

  return (
    <Page
      title="People"
      subtitle="Everyone in the program. Open a profile to see their skills and how responsive they are, then request them as your mentor or offer to mentor them."
    >
      <div className="toolbar" role="search">
        <FilterField id="people-filter" label="Filter by name" placeholder="e.g. Daniel" value={filter} onChange={setFilter} />
        <label className="check">
          <input type="checkbox" checked={mentorsOnly} onChange={(e) => setMentorsOnly(e.target.checked)} />
          <span>Only people who mentor</span>
        </label>
        <p className="muted small toolbar__count" aria-live="polite">
          {pages.people.length > 0 &&
            (needle || mentorsOnly
              ? `${shown.length} of ${pages.people.length}${pages.done ? '' : '+'} people`
              : `${pages.people.length}${pages.done ? '' : '+'} people`)}
        </p>
      </div>

      {pages.error && pages.people.length === 0 ? (
        <ErrorState error={pages.error} retry={pages.reload} />
      ) : pages.people.length === 0 && pages.loading ? (
        <LoadingCard label="Loading people…" rows={4} />
      ) : shown.length === 0 && (pages.done || !needle) ? (
        <Empty title={needle ? `Nobody called “${filter.trim()}”` : 'Nobody to show'} icon="search">
          {needle ? 'Check the spelling, or clear the filter.' : mentorsOnly ? 'Nobody on the loaded pages mentors right now.' : null}
        </Empty>
      ) : (
        <ul className="people-grid" aria-label="People">
          {shown.map((p) => (
            <li key={p.id}>
              <PersonCard person={p} isMe={p.id === me.id} />
            </li>
          ))}
        </ul>
      )}

      <div className="center">
        {pages.error && pages.people.length > 0 && <p className="field__error">{pages.error.message}</p>}
        {!pages.done && pages.people.length > 0 && (
          <Button variant="secondary" busy={pages.loading} onClick={() => void pages.loadMore()}>
            {pages.loading ? 'Loading…' : 'Load more people'}
          </Button>
        )}
      </div>
    </Page>
  );
}

function PersonCard({ person: p, isMe }: { person: Person; isMe: boolean }) {
  const skills = [...p.skills].sort((a, b) => b.level - a.level).slice(0, 4);
  return (
    <PersonCardFrame
      person={p}
      isMe={isMe}
      skills={skills}
      skillsLabel="Top skills"
      mentoring={
        p.mentor_capacity > 0 ? <span className="tag tag--success">Mentors · up to {p.mentor_capacity}</span> : <span className="tag">Not mentoring now</span>
      }
    />
  );
}

/** Where someone works: their department and organisation, and a tag when they are from outside
 *  the organisation. */
export function WorkPlace({ p }: { p: { department?: string | null; organisation?: string | null; is_external?: boolean } }) {
  return (
    <>
      {[p.department, p.organisation].filter(Boolean).join(' · ')}
      {p.is_external && <span className="tag tag--accent">External</span>}
    </>
  );
}

/** A person's card in a grid, a link to their page: who they are, the `skills` shown (a `match`
 *  stands out), whether they are `mentoring`, and the other formats they offer. */
export function PersonCardFrame({
  person: p,
  isMe,
  label,
  skills,
  skillsLabel,
  mentoring,
}: {
  person: Pick<Person, 'id' | 'name' | 'title' | 'is_external' | 'organisation' | 'department' | 'formats_offered'>;
  isMe: boolean;
  label?: string;
  skills: { name: string; level: number; match?: boolean }[];
  skillsLabel: string;
  mentoring: ReactNode;
}) {
  return (
    <Link to={`/people/${p.id}`} className="person-card" aria-label={label}>
      <div className="person-card__head">
        <Avatar name={p.name} />
        <div>
          <strong className="person-card__name">
            {p.name} {isMe && <span className="tag">You</span>}
          </strong>
          <span className="muted small">{p.title}</span>
          <span className="muted small">
            {p.is_external ? p.organisation : p.department}
            {p.is_external && <span className="tag tag--accent">External</span>}
          </span>
        </div>
      </div>
      {skills.length > 0 && (
        <ul className="skill-chips" aria-label={skillsLabel}>
          {skills.map((s) => (
            <li key={s.name} className={'skill-chip' + (s.match ? ' skill-chip--match' : '')}>
              {s.name} <SkillLevel level={s.level} />
            </li>
          ))}
        </ul>
      )}
      <div className="person-card__foot small">
        {mentoring}
        {p.formats_offered
          .filter((f) => f !== 'one_to_one')
          .map((f) => (
            <span key={f} className="tag">
              {FORMAT_LABELS[f]}
            </span>
          ))}
      </div>
    </Link>
  );
}
