// "Programs" for everyone: the cohorts taking sign-ups, and the ones I am in. Joining as a mentor
// needs a profile that offers one-to-one mentoring with a free place, so without one the button
// says why and leads to the profile. Leaving is possible only while sign-up is open.
import { useId } from 'react';
import { api, ApiError, ok } from '../api';
import { dayRangeText } from '../dateRange';
import { formatDate } from '../format';
import type { components } from '../generated/api-schema';
import { Link } from '../router';
import { Button, Empty, ErrorState, FieldError, LoadingCard, Page, useAction, useApi, useToast } from '../ui';

type MyCohort = components['schemas']['MyCohort'];
type Role = MyCohort['joined_as'][number];

const ROLES: Role[] = ['mentee', 'mentor'];

export function MyPrograms() {
  const list = useApi('/me/cohorts', () => ok(api.GET('/api/v1/me/cohorts')));
  const data = list.data;
  const open = data?.items.filter((c) => c.open) ?? [];
  const closedMine = data?.items.filter((c) => !c.open && c.joined_as.length > 0) ?? [];

  function replace(updated: MyCohort) {
    if (data) list.setData({ ...data, items: data.items.map((c) => (c.id === updated.id ? updated : c)) });
  }

  return (
    <Page
      className="my-programs"
      title="Programs"
      subtitle="Cohorts of the mentoring programs that you can sign up for, and the ones you are in. Each cohort matches its mentees with mentors; you hear from your match once the program proposes it."
    >
      {list.error ? (
        <ErrorState error={list.error} retry={list.reload} />
      ) : !data ? (
        <LoadingCard label="Loading the cohorts…" rows={3} />
      ) : (
        <>
          <section aria-labelledby="open-cohorts-title" className="stack">
            <h2 id="open-cohorts-title" className="section-title">
              Open for sign-up <span className="count">{open.length}</span>
            </h2>
            {open.length === 0 ? (
              <div className="card">
                <Empty title="Nothing is open for sign-up" icon="people">
                  When a program opens a cohort to sign-ups, it appears here and you can join it as a mentee or a mentor.
                </Empty>
              </div>
            ) : (
              open.map((c) => <CohortCard key={c.id} cohort={c} canMentor={data.can_mentor} onChanged={replace} onStale={list.reload} />)
            )}
          </section>
          {closedMine.length > 0 && (
            <section aria-labelledby="my-cohorts-title" className="stack my-programs__mine">
              <h2 id="my-cohorts-title" className="section-title">
                Your cohorts, sign-up closed <span className="count">{closedMine.length}</span>
              </h2>
              {closedMine.map((c) => (
                <CohortCard key={c.id} cohort={c} canMentor={data.can_mentor} onChanged={replace} onStale={list.reload} />
              ))}
            </section>
          )}
        </>
      )}
    </Page>
  );
}

function CohortCard({
  cohort: c,
  canMentor,
  onChanged,
  onStale,
}: {
  cohort: MyCohort;
  canMentor: boolean;
  onChanged: (c: MyCohort) => void;
  /** The cohort changed on the server (sign-up closed meanwhile): read the list again. */
  onStale: () => void;
}) {
  const action = useAction();
  const toast = useToast();
  const id = useId();

  /** A 409 means sign-up closed since the list was read: say so, and show the list as it is now. */
  async function unlessClosed<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        toast(`“${c.name}”: ${e.message}`);
        onStale();
      }
      throw e;
    }
  }

  async function join(role: Role) {
    const joined = await action.run(() =>
      unlessClosed(ok(api.PUT('/api/v1/me/cohorts/{id}/{role}', { params: { path: { id: c.id, role } } }))),
    );
    if (joined) {
      onChanged(joined);
      toast(`You signed up for “${c.name}” as a ${role}`);
    }
  }

  async function leave(role: Role) {
    const left = await action.run(async () => {
      await unlessClosed(ok(api.DELETE('/api/v1/me/cohorts/{id}/{role}', { params: { path: { id: c.id, role } } })));
      return true;
    });
    if (left) {
      onChanged({ ...c, joined_as: c.joined_as.filter((r) => r !== role) });
      toast(`You left “${c.name}” as a ${role}`);
    }
  }

  return (
    <article className="card my-cohort" aria-labelledby={id + '-name'}>
      <header className="my-cohort__head">
        <div>
          <p className="eyebrow">{c.program_name}</p>
          <h3 id={id + '-name'} className="my-cohort__name">
            {c.name}
          </h3>
          <p className="small muted">
            {dayRangeText(c.starts_on, c.ends_on, 'No fixed dates')}
            {c.open && c.ends_on ? ` · sign up until ${formatDate(c.ends_on)}` : ''}
          </p>
        </div>
        {c.joined_as.length > 0 && (
          <p className="my-cohort__joined">
            {c.joined_as.map((r) => (
              <span key={r} className="tag tag--success">
                You are a {r}
              </span>
            ))}
          </p>
        )}
      </header>
      {c.description && <p className="my-cohort__description">{c.description}</p>}
      {c.open ? (
        <div className="row my-cohort__actions">
          {ROLES.map((role) =>
            c.joined_as.includes(role) ? (
              <Button key={role} variant="ghost" busy={action.busy} onClick={() => void leave(role)}>
                Leave<span className="sr-only"> as {role}</span>
              </Button>
            ) : (
              <Button
                key={role}
                variant={role === 'mentee' ? 'primary' : 'secondary'}
                busy={action.busy}
                disabled={role === 'mentor' && !canMentor}
                aria-describedby={role === 'mentor' && !canMentor ? id + '-no-mentor' : undefined}
                onClick={() => void join(role)}
              >
                Join as {role}
              </Button>
            ),
          )}
        </div>
      ) : (
        <p className="small muted">Sign-up has closed. To leave the cohort now, ask a program administrator.</p>
      )}
      {c.open && !canMentor && !c.joined_as.includes('mentor') && (
        <p className="small muted my-cohort__reason" id={id + '-no-mentor'}>
          To join as a mentor, your profile must offer one-to-one mentoring with at least one place.{' '}
          <Link to="/profile">Change your profile</Link>
        </p>
      )}
      <FieldError message={action.error && <>{action.error.message.charAt(0).toUpperCase() + action.error.message.slice(1)}.</>} />
    </article>
  );
}
