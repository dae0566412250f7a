// Finding a mentor: explained recommendations for a purpose (GET /me/recommendations), the
// directory search (GET /directory) and what the manager recommended (GET /me/mentor-recommendations).
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, ok, query, typedNumber } from '../api';
import type { paths } from '../generated/api-schema';
import { CATEGORY_LABELS, FORMAT_LABELS, MEDIUM_LABELS, SKILL_LEVELS, formatDate, percent, plural, splitList } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import type { DirectoryEntry, Format, Medium, ObjectiveCategory, Recommendation, RecommendationLabel } from '../types';
import { Avatar, Button, Card, Empty, ErrorState, FieldError, Loading, LoadingCard, Page, SelectField, TextField, asApiError, errorFor, useApi, useDraft } from '../ui';
import { RequestMentorCard } from './PersonPage';
import { PersonCardFrame, WorkPlace } from './Directory';

const PURPOSES: ObjectiveCategory[] = ['networking', 'career_options', 'skill_gaps', 'skill_coaching'];

const PURPOSE_HINTS: Record<string, string> = {
  networking: 'Meet people beyond your team: outside perspectives count more.',
  career_options: 'Explore where you could go next: people in the roles and departments you aspire to count more.',
  skill_gaps: 'Close a gap: people who hold the skills you want count more.',
  skill_coaching: 'Get coached on a skill: people who hold it at a high level count more.',
};

export const LABEL_TEXT: Record<RecommendationLabel, string> = {
  former_manager: 'Former manager',
  manager_recommendation: 'Recommended by your manager',
  reverse_mentoring: 'Reverse mentoring',
  outside_perspective: 'Outside perspective',
};

/** The draft purpose a request starts with, from the purpose chosen on this page. */
function draftPurpose(purpose: ObjectiveCategory | '', skills: string[]): string {
  const list = skills.join(', ');
  switch (purpose) {
    case 'networking':
      return 'Networking: meet people beyond my team and learn how other parts of the organisation work.';
    case 'career_options':
      return 'Career options: explore where my career could go next and what it takes to get there.';
    case 'skill_gaps':
      return `Skill gaps: close my gaps in ${list || 'the skills my next step needs'}.`;
    case 'skill_coaching':
      return `Skill coaching: get coached on ${list || 'a skill I use every day'}.`;
    default:
      return '';
  }
}

/** `did you mean "Python"?` in an API message: the suggestion and the word it replaces. */
function suggestionIn(error: ApiError | null): { wrong: string; right: string } | null {
  const m = error?.message.match(/"([^"]+)" is not a skill.*did you mean "([^"]+)"/);
  return m ? { wrong: m[1], right: m[2] } : null;
}

function Suggestion({ error, onUse }: { error: ApiError | null; onUse: (wrong: string, right: string) => void }) {
  const s = suggestionIn(error);
  if (!s) return null;
  return (
    <button type="button" className="btn btn--secondary btn--small suggestion" onClick={() => onUse(s.wrong, s.right)}>
      Use “{s.right}”
    </button>
  );
}

export function FindMentor() {
  const [tab, setTab] = useState<'recommended' | 'search'>('recommended');
  const tabs: { id: 'recommended' | 'search'; label: string }[] = [
    { id: 'recommended', label: 'Recommended for you' },
    { id: 'search', label: 'Search the directory' },
  ];
  return (
    <Page
      title="Find a mentor"
      subtitle="Say what you want from mentoring and see who fits, with the reasons. Or search the whole directory yourself."
    >
      <ManagerRecommendations />
      <div className="tabs" role="tablist" aria-label="Find a mentor">
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            className={'tabs__tab' + (tab === t.id ? ' tabs__tab--active' : '')}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* Both panels stay mounted, so a chosen purpose or a search survives switching tabs. */}
      <div id="panel-recommended" role="tabpanel" aria-labelledby="tab-recommended" hidden={tab !== 'recommended'}>
        <Recommendations />
      </div>
      <div id="panel-search" role="tabpanel" aria-labelledby="tab-search" hidden={tab !== 'search'}>
        <DirectorySearch />
      </div>
    </Page>
  );
}

// ---------------------------------------------------------------- manager's recommendations

function ManagerRecommendations() {
  const { me } = useSession();
  const recs = useApi('/me/mentor-recommendations', () => ok(api.GET('/api/v1/me/mentor-recommendations')));
  const items = recs.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card title="Recommended by your manager" className="manager-recs">
      <ul className="list" aria-label="Recommended by your manager">
        {items.map((r) => (
          <li key={r.id} className="manager-rec">
            <Avatar name={r.mentor.name} size="sm" />
            <div>
              <p>
                <strong>{r.manager.name}</strong> recommends{' '}
                <Link to={`/people/${r.mentor.id}`}>{r.mentor.name}</Link>
                {r.mentor.title && <span className="muted">, {r.mentor.title}</span>}
              </p>
              {r.note && <p className="quote">“{r.note}”</p>}
              <p className="muted small">{formatDate(r.created_at, me.timezone)}</p>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

// ---------------------------------------------------------------- recommendations

function Recommendations() {
  const [purpose, setPurpose] = useState<ObjectiveCategory | ''>('');
  const [skills, setSkills] = useState('');
  const [appliedSkills, setAppliedSkills] = useState('');
  const [requesting, setRequesting] = useState<string | null>(null);
  const path = '/me/recommendations' + query({ purpose, skills: appliedSkills.trim() || undefined, limit: 10 });
  const recs = useApi(path, () =>
    ok(api.GET('/api/v1/me/recommendations', { params: { query: { purpose: purpose || undefined, skills: appliedSkills.trim() || undefined, limit: 10 } } })),
  );
  const skillsError = errorFor(recs.error, 'skills');

  function apply(e: FormEvent) {
    e.preventDefault();
    setAppliedSkills(skills);
  }
  function applySuggestion(wrong: string, right: string) {
    const fixed = splitList(skills)
      .map((s) => (s.toLowerCase() === wrong.toLowerCase() ? right : s))
      .join(', ');
    setSkills(fixed);
    setAppliedSkills(fixed);
  }

  const data = recs.data;
  const wanted = appliedSkills.trim() ? splitList(appliedSkills) : (data?.wanted_skills ?? []);
  const top = Math.max(100, ...(data?.items.map((r) => r.score) ?? []));

  return (
    <div className="stack-lg">
      <form className="card find-form" onSubmit={apply} noValidate aria-label="What you want from a mentor">
        <fieldset className="field">
          <legend>What do you want from a mentor?</legend>
          <div className="segmented segmented--wrap" role="radiogroup" aria-label="Purpose">
            {(['', ...PURPOSES] as (ObjectiveCategory | '')[]).map((p) => (
              <label key={p || 'any'} className="segmented__option">
                <input
                  type="radio"
                  name="purpose"
                  value={p}
                  checked={purpose === p}
                  onChange={() => {
                    setPurpose(p);
                    setAppliedSkills(skills);
                  }}
                />
                <span>{p ? CATEGORY_LABELS[p] : 'Not sure yet'}</span>
              </label>
            ))}
          </div>
          <p className="field__hint">{purpose ? PURPOSE_HINTS[purpose] : 'Everything in your profile counts the same.'}</p>
        </fieldset>
        <div className={'field find-form__skills' + (skillsError ? ' field--invalid' : '')}>
          <label htmlFor="wanted-skills">Skills I want (optional)</label>
          <p className="field__hint" id="wanted-skills-hint">
            Comma separated, e.g. Python, public speaking. Empty: the skills in your profile’s aspirations.
          </p>
          <div className="row">
            <input
              id="wanted-skills"
              value={skills}
              onChange={(e) => setSkills(e.target.value)}
              aria-describedby={'wanted-skills-hint' + (skillsError ? ' wanted-skills-error' : '')}
              aria-invalid={!!skillsError || undefined}
            />
            <Button type="submit" variant="secondary">
              Update
            </Button>
          </div>
          {skillsError && (
            <div className="row field__error-row">
              <FieldError id="wanted-skills-error" message={skillsError} />
              <Suggestion error={recs.error} onUse={applySuggestion} />
            </div>
          )}
        </div>
      </form>

      {recs.error && !skillsError ? (
        <ErrorState error={recs.error} retry={recs.reload} />
      ) : skillsError ? null : !data ? (
        <LoadingCard label="Finding mentors for you…" rows={4} />
      ) : (
        <>
          {data.wanted_skills.length > 0 && (
            <p className="muted small" aria-live="polite">
              Looking for: {data.wanted_skills.join(', ')}
              {data.seasoned && ' · you are seasoned, so outside perspectives count'}
            </p>
          )}
          {data.items.length === 0 ? (
            <Empty title="Nobody to suggest yet" icon="search">
              Try another purpose or other skills, or search the directory.
            </Empty>
          ) : (
            <ol className="rec-list" aria-label="Recommended mentors">
              {data.items.map((r, i) => (
                <li key={r.mentor.id}>
                  <RecommendationCard
                    rec={r}
                    rank={i + 1}
                    top={top}
                    requesting={requesting === r.mentor.id}
                    onRequest={() => setRequesting(requesting === r.mentor.id ? null : r.mentor.id)}
                    draft={draftPurpose(purpose, wanted)}
                  />
                </li>
              ))}
            </ol>
          )}
          {data.excluded.length > 0 && <Excluded items={data.excluded} />}
        </>
      )}
    </div>
  );
}

export function ScoreBar({ score, top }: { score: number; top: number }) {
  const width = Math.max(2, Math.min(100, (score / top) * 100));
  return (
    <div className="score" aria-label={`Match score ${score}`}>
      <div className="score__head">
        <span className="small muted">Match</span>
        <strong className="score__value">{Math.round(score)}</strong>
      </div>
      <div className="score__track" aria-hidden="true">
        <div className="score__fill" style={{ width: `${width}%` }} />
      </div>
    </div>
  );
}

function RecommendationCard({
  rec,
  rank,
  top,
  requesting,
  onRequest,
  draft,
}: {
  rec: Recommendation;
  rank: number;
  top: number;
  requesting: boolean;
  onRequest: () => void;
  draft: string;
}) {
  const m = rec.mentor;
  const first = m.name.split(' ')[0];
  return (
    <article className="rec-card card" aria-label={`Recommendation: ${m.name}`}>
      <div className="rec-card__head">
        <span className="rec-card__rank" aria-label={`Rank ${rank}`}>
          {rank}
        </span>
        <Avatar name={m.name} />
        <div className="rec-card__who">
          <h3>
            <Link to={`/people/${m.id}`}>{m.name}</Link>
          </h3>
          <p className="muted small">{m.title}</p>
          <p className="muted small">
            <WorkPlace p={m} />
          </p>
        </div>
        <ScoreBar score={rec.score} top={top} />
      </div>
      {rec.labels.length > 0 && (
        <ul className="rec-labels" aria-label="Why they stand out">
          {rec.labels.map((l) => (
            <li key={l} className={`label-badge label-badge--${l}`}>
              {LABEL_TEXT[l]}
            </li>
          ))}
        </ul>
      )}
      <FactorList rec={rec} />
      <div className="rec-card__foot">
        <span className="small">
          <strong>{plural(m.free_places ?? 0, 'free place')}</strong>
          <span className="muted"> of {m.mentor_capacity}</span>
        </span>
        <span className="small">
          Answers{' '}
          <strong>{m.answer_rate == null ? 'no requests yet' : `${percent(m.answer_rate)} of requests`}</strong>
        </span>
        {!requesting && (
          <Button variant="primary" className="btn btn--small rec-card__action" onClick={onRequest}>
            Request as mentor
          </Button>
        )}
      </div>
      {requesting && (
        <div className="rec-card__request">
          <RequestMentorCard person={m} initialDraft={draft} onCancel={onRequest} key={`${m.id}-${draft}`} />
          <p className="muted small">You can also read {first}’s full profile first.</p>
        </div>
      )}
    </article>
  );
}

function FactorList({ rec }: { rec: Recommendation }) {
  if (!rec.factors.length) return null;
  return (
    <ul className="factor-list" aria-label={`Why ${rec.mentor.name}`}>
      {rec.factors.map((f) => (
        <li key={f.name} className={f.points < 0 ? 'factor factor--negative' : 'factor'}>
          <span className="factor__reason">{f.reason}</span>
          <span className="factor__points" aria-label={`${f.points} points`}>
            {f.points > 0 ? '+' : ''}
            {Math.round(f.points * 10) / 10}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Excluded({ items }: { items: Recommendation[] }) {
  return (
    <Card title="Not suggested, and why" className="excluded">
      <ul className="excluded-list" aria-label="Not suggested">
        {items.map((r) => (
          <li key={r.mentor.id} className="excluded-item">
            <Avatar name={r.mentor.name} size="sm" />
            <div>
              <p>
                <Link to={`/people/${r.mentor.id}`}>{r.mentor.name}</Link>
                <span className="muted small"> · {r.mentor.title}</span>
              </p>
              <p className="excluded-item__reason">{r.reason}</p>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

// ---------------------------------------------------------------- directory search

interface SearchParams {
  q: string;
  skill: string;
  min_level: string;
  external: '' | 'true' | 'false';
  department: string;
  medium: Medium | '';
  tz_overlap: string;
  has_capacity: boolean;
  format: Format | '';
}

const NO_FILTERS: SearchParams = {
  q: '',
  skill: '',
  min_level: '1',
  external: '',
  department: '',
  medium: '',
  tz_overlap: '0',
  has_capacity: false,
  format: '',
};

type DirectoryQuery = NonNullable<paths['/api/v1/directory']['get']['parameters']['query']>;

function directoryQuery(p: SearchParams, limit: number, cursor: string | null): DirectoryQuery {
  const skill = p.skill.trim();
  return {
    q: p.q.trim(),
    skill: skill || undefined,
    min_level: skill && p.min_level !== '1' ? typedNumber(p.min_level) : undefined,
    external: p.external || undefined,
    department: p.department.trim() || undefined,
    medium: p.medium || undefined,
    tz_overlap: p.tz_overlap !== '0' ? typedNumber(p.tz_overlap) : undefined,
    has_capacity: p.has_capacity ? 'true' : undefined,
    format: p.format || undefined,
    limit,
    cursor: cursor ?? undefined,
  };
}

/** The directory search. `onPick` turns it into a picker (used by a manager's recommendation). */
export function DirectorySearch({
  onPick,
  excludeIds = [],
  compact = false,
}: {
  onPick?: (p: DirectoryEntry) => void;
  excludeIds?: string[];
  compact?: boolean;
}) {
  const { me } = useSession();
  const limit = compact ? 8 : 20;
  const { draft: form, set, setDraft: setForm } = useDraft<SearchParams>(compact ? { ...NO_FILTERS, has_capacity: true } : NO_FILTERS);
  const [items, setItems] = useState<DirectoryEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [searched, setSearched] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const [shownFor, setShownFor] = useState<SearchParams>(form);

  const run = useCallback(
    async (p: SearchParams, from: string | null) => {
      const mine = ++generation.current;
      setLoading(true);
      try {
        const page = await ok(api.GET('/api/v1/directory', { params: { query: directoryQuery(p, limit, from) } }));
        if (mine !== generation.current) return;
        setItems((old) => (from ? [...old, ...page.items] : page.items));
        setCursor(page.next_cursor);
        setShownFor(p);
        setError(null);
        setSearched(true);
      } catch (e) {
        if (mine !== generation.current) return;
        setError(asApiError(e));
        if (!from) setItems([]);
        setCursor(null);
        setSearched(true);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [limit],
  );

  // Search as one types (after a pause); a picker waits for a name.
  useEffect(() => {
    if (compact && !form.q.trim()) {
      generation.current++;
      setItems([]);
      setSearched(false);
      setError(null);
      return;
    }
    const t = setTimeout(() => void run(form, null), 300);
    return () => clearTimeout(t);
  }, [form, run, compact]);

  const qError = errorFor(error, 'q');
  const skillError = errorFor(error, 'skill');
  const otherError = error && !['q', 'skill'].includes(error.field) ? error : null;
  const words = shownFor.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = items.filter((p) => !excludeIds.includes(p.id));
  const filtered = JSON.stringify({ ...form, q: '' }) !== JSON.stringify({ ...NO_FILTERS, q: '', has_capacity: compact });

  return (
    <div className={'stack' + (compact ? ' directory-search--compact' : '')}>
      <form
        className={compact ? 'stack-sm' : 'card find-form'}
        role="search"
        aria-label="Search the directory"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(form, null);
        }}
      >
        <div className={'field' + (qError ? ' field--invalid' : '')}>
          <label htmlFor={compact ? 'pick-q' : 'directory-q'}>{compact ? 'Find a mentor by name or skill' : 'Search'}</label>
          {!compact && (
            <p className="field__hint" id="directory-q-hint">
              Names, titles, skills, bios. Beginnings of words are enough and small typos are forgiven: “pivo” finds
              pivot tables. Short terms work too: AI, Go, R, C#, C++.
            </p>
          )}
          <div className="row">
            <input
              id={compact ? 'pick-q' : 'directory-q'}
              type="search"
              placeholder={compact ? 'e.g. Python, or a name' : 'e.g. pivo, forecasting, Elena'}
              value={form.q}
              onChange={(e) => set('q', e.target.value)}
              aria-invalid={!!qError || undefined}
              aria-describedby={qError ? 'directory-q-error' : compact ? undefined : 'directory-q-hint'}
            />
            <Button type="submit" variant="secondary" busy={loading}>
              Search
            </Button>
          </div>
          <FieldError id="directory-q-error" message={qError} />
        </div>

        {!compact && (
          <details className="filters" open>
            <summary>Filters{filtered ? ' (on)' : ''}</summary>
            <div className="filters__grid">
              <div className={'field' + (skillError ? ' field--invalid' : '')}>
                <label htmlFor="filter-skill">Skill</label>
                <input
                  id="filter-skill"
                  value={form.skill}
                  placeholder="e.g. Python"
                  onChange={(e) => set('skill', e.target.value)}
                  aria-invalid={!!skillError || undefined}
                  aria-describedby={skillError ? 'filter-skill-error' : undefined}
                />
                {skillError && (
                  <div className="stack-sm">
                    <FieldError id="filter-skill-error" message={skillError} />
                    <Suggestion error={error} onUse={(_, right) => set('skill', right)} />
                  </div>
                )}
              </div>
              <Select
                id="filter-level"
                label="Minimum level"
                value={form.min_level}
                disabled={!form.skill.trim()}
                onChange={(v) => set('min_level', v)}
                options={SKILL_LEVELS.map((l, i) => [String(i + 1), `${i + 1} · ${l}`])}
              />
              <Select
                id="filter-external"
                label="Internal or external"
                value={form.external}
                onChange={(v) => set('external', v as SearchParams['external'])}
                options={[
                  ['', 'Everyone'],
                  ['false', 'Internal only'],
                  ['true', 'External only'],
                ]}
              />
              <TextField
                id="filter-department"
                label="Department"
                value={form.department}
                placeholder="e.g. Finance"
                onChange={(e) => set('department', e.target.value)}
              />
              <Select
                id="filter-medium"
                label="Meets by"
                value={form.medium}
                onChange={(v) => set('medium', v as Medium | '')}
                options={[['', 'Any way'], ...(Object.entries(MEDIUM_LABELS) as [string, string][])]}
              />
              <Select
                id="filter-tz"
                label={`Working hours shared with me (${me.timezone})`}
                value={form.tz_overlap}
                onChange={(v) => set('tz_overlap', v)}
                options={[
                  ['0', 'Any'],
                  ['2', 'At least 2 hours'],
                  ['4', 'At least 4 hours'],
                  ['6', 'At least 6 hours'],
                  ['8', 'A full day'],
                ]}
              />
              <Select
                id="filter-format"
                label="Offers"
                value={form.format}
                onChange={(v) => set('format', v as Format | '')}
                options={[['', 'Any format'], ...(Object.entries(FORMAT_LABELS) as [string, string][])]}
              />
              <label className="check filters__check">
                <input type="checkbox" checked={form.has_capacity} onChange={(e) => set('has_capacity', e.target.checked)} />
                <span>Has a free mentoring place</span>
              </label>
            </div>
            {filtered && (
              <button type="button" className="link-button small" onClick={() => setForm({ ...NO_FILTERS, q: form.q })}>
                Clear the filters
              </button>
            )}
          </details>
        )}
      </form>

      {otherError && items.length === 0 ? (
        <ErrorState error={otherError} retry={() => void run(form, null)} />
      ) : loading && items.length === 0 ? (
        <Loading label="Searching…" rows={compact ? 2 : 3} />
      ) : !searched || skillError || (qError && items.length === 0) ? null : shown.length === 0 ? (
        <Empty title={shownFor.q.trim() ? `Nobody matches “${shownFor.q.trim()}”` : 'Nobody matches these filters'} icon="search">
          Try fewer letters, another spelling, or fewer filters.
        </Empty>
      ) : (
        <>
          {!compact && (
            <p className="muted small" aria-live="polite">
              {shown.length}
              {cursor ? '+' : ''} {shown.length === 1 && !cursor ? 'person' : 'people'}
              {shownFor.q.trim() ? `, best matches for “${shownFor.q.trim()}” first` : ', A to Z'}
            </p>
          )}
          <ul className={compact ? 'pick-list' : 'people-grid'} aria-label="Directory results">
            {shown.map((p) => (
              <li key={p.id}>
                {onPick ? (
                  <PickRow person={p} onPick={onPick} />
                ) : (
                  <DirectoryCard person={p} words={words} skill={shownFor.skill} isMe={p.id === me.id} />
                )}
              </li>
            ))}
          </ul>
          {otherError && <p className="field__error">{otherError.message}</p>}
          {cursor && (
            <div className="center">
              <Button variant="secondary" busy={loading} onClick={() => void run(shownFor, cursor)}>
                {loading ? 'Loading…' : 'Show more'}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** A filter picked from `options` ([value, label] pairs). */
function Select({
  id,
  label,
  value,
  onChange,
  options,
  disabled,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  options: [string, string][];
  disabled?: boolean;
}) {
  return (
    <SelectField id={id} label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      {options.map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </SelectField>
  );
}

/** Does a skill answer one of the searched words? A word of three letters or more by its first
 *  three (typos forgiven as the search forgives them); a short or symbolic one ("R", "C#") by the
 *  beginning of a word of the skill. */
function matches(skill: string, words: string[]) {
  const s = skill.toLowerCase();
  return words.some((w) => s.split(/\s+/).some((part) => (w.length >= 3 ? part.startsWith(w.slice(0, 3)) : part === w || part.startsWith(w))));
}

function DirectoryCard({
  person: p,
  words,
  skill,
  isMe,
}: {
  person: DirectoryEntry;
  words: string[];
  skill: string;
  isMe: boolean;
}) {
  const wanted = skill.trim().toLowerCase();
  const hit = (name: string) => matches(name, words) || (!!wanted && name.toLowerCase() === wanted);
  const skills = [...p.skills].sort((a, b) => Number(hit(b.name)) - Number(hit(a.name)) || b.level - a.level);
  return (
    <PersonCardFrame
      person={p}
      isMe={isMe}
      label={p.name}
      skills={skills.slice(0, 6).map((s) => ({ ...s, match: hit(s.name) }))}
      skillsLabel="Skills"
      mentoring={
        p.mentor_capacity > 0 ? (
          p.free_places > 0 ? (
            <span className="tag tag--success">{plural(p.free_places, 'free place')}</span>
          ) : (
            <span className="tag tag--warn">Mentors · no free place</span>
          )
        ) : (
          <span className="tag">Not mentoring now</span>
        )
      }
    />
  );
}

function PickRow({ person: p, onPick }: { person: DirectoryEntry; onPick: (p: DirectoryEntry) => void }) {
  return (
    <div className="pick-row">
      <Avatar name={p.name} size="sm" />
      <div className="pick-row__who">
        <strong>{p.name}</strong>
        <span className="muted small">
          {p.title}
          {p.department ? ` · ${p.department}` : ''}
        </span>
      </div>
      <Button type="button" variant="secondary" className="btn btn--secondary btn--small" onClick={() => onPick(p)} aria-label={`Choose ${p.name}`}>
        Choose
      </Button>
    </div>
  );
}
