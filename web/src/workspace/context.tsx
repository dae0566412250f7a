import { useEffect, useMemo, type ReactNode } from 'react';
import { WORKABLE_STATES } from '../format';
import { requiredContext } from '../requiredContext';
import type { Person, Role, Workspace } from '../types';

/** What every section of a relationship's or a circle's page reads besides the thing itself: the
 *  person signed in, and a way to fetch it all again. */
export interface SectionBasics {
  me: Person;
  reload: () => Promise<void>;
}

export interface WorkspaceCtx extends SectionBasics {
  ws: Workspace;
  setWs: (ws: Workspace) => void;
  myRole: Role;
  /** The pair can still change purpose, logistics, plan and meetings. */
  workable: boolean;
  nameOfRole: (role: Role) => string;
  /** "you" for oneself, else the first name. */
  who: (role: Role) => string;
  /** "Your" for oneself, else "Maya’s". */
  whose: (role: Role) => string;
  nameOfId: (id: string | null) => string;
}

export const [WorkspaceContext, useWorkspace] = requiredContext<WorkspaceCtx>('useWorkspace', 'a workspace');

/** Given the workspace, its setter, the person and the reload; works out the rest. */
export function WorkspaceProvider({ ws, me, setWs, reload, children }: Pick<WorkspaceCtx, 'ws' | 'me' | 'setWs' | 'reload'> & { children: ReactNode }) {
  const shown = useNothingOverdueOnceConcluded(ws, 'tasks');
  const myRole: Role = ws.my_role ?? 'mentee';
  const nameOfRole = (role: Role) => {
    const p = role === 'mentee' ? ws.mentee : ws.mentor;
    const first = p?.name.split(' ')[0] ?? role;
    return role === myRole ? `${first} (you)` : first;
  };
  const firstName = (role: Role) => (role === 'mentee' ? ws.mentee : ws.mentor)?.name.split(' ')[0] ?? role;
  const who = (role: Role) => (role === myRole ? 'you' : firstName(role));
  const whose = (role: Role) => (role === myRole ? 'Your' : `${firstName(role)}’s`);
  const nameOfId = (id: string | null) => {
    if (id === null) return 'Mentorhub';
    if (id === me.id) return 'You';
    if (id === ws.mentee?.id) return ws.mentee.name;
    if (id === ws.mentor?.id) return ws.mentor.name;
    return `Person #${id}`;
  };
  return (
    <WorkspaceContext
      value={{ ws: shown, me, setWs, reload, myRole, workable: WORKABLE_STATES.includes(ws.state), nameOfRole, who, whose, nameOfId }}
    >
      {children}
    </WorkspaceContext>
  );
}

/** `thing` (a relationship's workspace, a circle's) as its sections show it: once concluded it is
 *  over, and none of its `items` (tasks, action items) is overdue any more, whatever the dates say. */
export function useNothingOverdueOnceConcluded<K extends string, T extends { state: string } & Record<K, { overdue: boolean }[]>>(thing: T, items: K): T {
  return useMemo(() => (thing.state === 'concluded' ? { ...thing, [items]: thing[items].map((t) => ({ ...t, overdue: false })) } : thing), [thing, items]);
}

/** One of the five actions: a numbered section with its heading and the article's advice. */
export function ActionSection({
  id,
  number,
  title,
  lede,
  status,
  children,
}: {
  id: string;
  number: number;
  title: string;
  lede: ReactNode;
  status?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} className="action" aria-labelledby={`${id}-title`}>
      <header className="action__header">
        <span className="action__number" aria-hidden="true">
          {number}
        </span>
        <div className="action__heading">
          <h2 id={`${id}-title`}>
            <span className="sr-only">{number} </span>
            {title}
          </h2>
          <p className="action__lede">{lede}</p>
        </div>
        {status && <div className="action__status">{status}</div>}
      </header>
      <div className="action__body">{children}</div>
    </section>
  );
}

/** Deep links such as /relationships/7#meetings or /circles/3#debrief: scroll to the hash's
 *  element once the page's content is `ready`. */
export function useScrollToHash(ready: boolean) {
  useEffect(() => {
    if (ready && window.location.hash) {
      const target = window.location.hash.slice(1);
      setTimeout(() => document.getElementById(target)?.scrollIntoView({ block: 'start' }), 50);
    }
  }, [ready]);
}

export function scrollToSection(id: string, focusSelector?: string) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  if (focusSelector) {
    const target = el.querySelector<HTMLElement>(focusSelector);
    setTimeout(() => target?.focus({ preventScroll: true }), 300);
  }
}

/** The banner over a relationship's or a circle's page while it concludes (`concluding` says
 *  what happens, then the way to the debrief) and once it has (`concluded`). */
export function ConcludingBanner({ state, concluding, concluded }: { state: string; concluding: string; concluded: string }) {
  if (state === 'concluding')
    return (
      <div className="banner banner--info" role="status">
        <strong>Concluding.</strong> {concluding}{' '}
        <button className="link-button" onClick={() => scrollToSection('debrief')}>
          Go to the debrief
        </button>
      </div>
    );
  if (state === 'concluded')
    return (
      <div className="banner banner--success" role="status">
        <strong>Concluded.</strong> {concluded}
      </div>
    );
  return null;
}

/** The numbered list of a workspace's sections; a click scrolls to the section and keeps its
 *  hash in the address so the link can be shared. */
export function SectionNav({ label, sections }: { label: string; sections: { id: string; label: string; numbered?: boolean }[] }) {
  let n = 0;
  return (
    <nav className="ws-nav" aria-label={label}>
      <ol>
        {sections.map((s) => (
          <li key={s.id}>
            <a
              href={`#${s.id}`}
              onClick={(e) => {
                e.preventDefault();
                scrollToSection(s.id);
                history.replaceState(null, '', `#${s.id}`);
              }}
            >
              <span className="ws-nav__num">{s.numbered === false ? '·' : ++n}</span> {s.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The checklist beside a workspace: what to do next (from the API), then what is done. */
export function NextStepsCard({ steps, done }: { steps: string[]; done: string[] }) {
  return (
    <section className="card next-steps" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title" className="card__title">
        Next steps
      </h2>
      {steps.length === 0 && done.length === 0 ? (
        <p className="muted small">Nothing to do right now.</p>
      ) : (
        <ul className="checklist">
          {steps.map((s) => (
            <li key={s} className="checklist__item">
              <span className="checklist__box" aria-hidden="true" />
              <span>
                <span className="sr-only">To do: </span>
                {s}
              </span>
            </li>
          ))}
          {done.map((s) => (
            <li key={s} className="checklist__item checklist__item--done">
              <span className="checklist__box checklist__box--done" aria-hidden="true">
                ✓
              </span>
              <span>
                <span className="sr-only">Done: </span>
                {s}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
