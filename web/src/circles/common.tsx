// What the circle pages share: the circle's workspace in a context, the caller's standing, and
// the small pieces (status tag, size facts) that the list and the circle's page both show.
import type { ReactNode } from 'react';
import { plural } from '../format';
import { requiredContext } from '../requiredContext';
import type { CircleCard, CircleState, CircleWorkspace, PersonRef } from '../types';
import { useNothingOverdueOnceConcluded, type SectionBasics } from '../workspace/context';

/** `reload` fetches the workspace and the card again. */
export interface CircleCtx extends SectionBasics {
  w: CircleWorkspace;
  /** Replaces the workspace with an answer that is one (most membership and purpose writes). */
  setW: (w: CircleWorkspace) => void;
  host: boolean;
  /** Content can change: the circle is active. */
  workable: boolean;
  /** "You" for oneself, else the name. */
  nameOf: (p: PersonRef | null | undefined) => string;
}

export const [CircleContext, useCircle] = requiredContext<CircleCtx>('useCircle', 'a circle');

/** Given the circle's workspace, its setter, the person and the reload; works out the rest. */
export function CircleProvider({ w, me, setW, reload, children }: Pick<CircleCtx, 'w' | 'me' | 'setW' | 'reload'> & { children: ReactNode }) {
  const nameOf = (p: PersonRef | null | undefined) => (!p ? 'Someone' : p.id === me.id ? 'You' : p.name ?? 'A former member');
  const shown = useNothingOverdueOnceConcluded(w, 'action_items');
  return (
    <CircleContext value={{ w: shown, me, setW, reload, host: w.my_status === 'host', workable: w.state === 'active', nameOf }}>
      {children}
    </CircleContext>
  );
}

const STATUS_TEXT: Record<string, string> = {
  host: 'You host it',
  member: 'Member',
  waitlisted: 'On the waitlist',
  requested: 'Request sent',
  declined: 'Request declined',
  removed: 'Removed',
  left: 'You left',
};

export function StatusTag({ c }: { c: CircleCard }) {
  if (!c.my_status) return null;
  const text =
    c.my_status === 'waitlisted' && c.my_waitlist_position
      ? `Waitlist position ${c.my_waitlist_position}`
      : STATUS_TEXT[c.my_status];
  const tone =
    c.my_status === 'member' || c.my_status === 'host'
      ? 'tag--success'
      : c.my_status === 'waitlisted' || c.my_status === 'requested'
        ? 'tag--waiting'
        : '';
  return <span className={'tag ' + tone}>{text}</span>;
}

const STATE_TEXT: Record<CircleState, string> = { active: 'Active', concluding: 'Concluding', concluded: 'Concluded' };

/** The circle's state as the relationship badges show theirs. */
export function CircleStateBadge({ state }: { state: CircleState }) {
  return <span className={`badge badge--${state}`}>{STATE_TEXT[state]}</span>;
}

export function SizeFacts({ c }: { c: CircleCard }) {
  if (c.state !== 'active') return <span className="muted small">{plural(c.members, 'member')}</span>;
  return (
    <span className="muted small">
      {c.members}/{c.size_limit} members · {c.places_free > 0 ? plural(c.places_free, 'place') + ' free' : 'full'} ·{' '}
      {c.waitlisted === 0 ? 'no waitlist' : `${c.waitlisted} on the waitlist`}
    </span>
  );
}

/** "Open to join", "By request" or "Closed to new members". */
export function MembershipTag({ c }: { c: CircleCard }) {
  if (c.state !== 'active') return null;
  if (!c.accepting_members) return <span className="tag tag--dropped">Closed to new members</span>;
  return <span className="tag">{c.membership === 'open' ? 'Open to join' : 'By request'}</span>;
}

export const firstName = (name: string | null | undefined) => (name ?? '').split(' ')[0] || 'them';
