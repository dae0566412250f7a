import { createContext, useContext, type ReactNode } from 'react';
import { WORKABLE_STATES } from '../format';
import type { Person, Role, Workspace } from '../types';

export interface WorkspaceCtx {
  ws: Workspace;
  me: Person;
  setWs: (ws: Workspace) => void;
  reload: () => Promise<void>;
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

const Ctx = createContext<WorkspaceCtx | null>(null);

export function useWorkspace(): WorkspaceCtx {
  const c = useContext(Ctx);
  if (!c) throw new Error('useWorkspace outside a workspace');
  return c;
}

export function WorkspaceProvider({
  ws,
  me,
  setWs,
  reload,
  children,
}: {
  ws: Workspace;
  me: Person;
  setWs: (ws: Workspace) => void;
  reload: () => Promise<void>;
  children: ReactNode;
}) {
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
    <Ctx.Provider
      value={{ ws, me, setWs, reload, myRole, workable: WORKABLE_STATES.includes(ws.state), nameOfRole, who, whose, nameOfId }}
    >
      {children}
    </Ctx.Provider>
  );
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

export function scrollToSection(id: string, focusSelector?: string) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  if (focusSelector) {
    const target = el.querySelector<HTMLElement>(focusSelector);
    setTimeout(() => target?.focus({ preventScroll: true }), 300);
  }
}
