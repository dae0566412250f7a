// Each member's own action items: tasks with a type, a date and the objective they serve, seen
// by that member and the host only. A member adds their own; the host may add one for anyone.
// Either of them may change one (its title, type, due date, notes and objective) in place while
// its owner is a member and the circle is active. The rows are the one-to-one action plan's.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { api, ok, type ApiError } from '../api';
import { dateInDays } from '../format';
import type { ActionItem, TaskStatus, TaskType } from '../types';
import { Button, Empty, FormActions, SelectField, TextArea, TextField, errorFor, useAction, useToast } from '../ui';
import { ActionSection } from '../workspace/context';
import { ObjectiveField, OpenAndOverdue, TaskGroup, TaskItem, TaskTypeField, taskOrder } from '../workspace/Plan';
import { firstName, useCircle } from './common';

export function ActionItemsSection() {
  const { w, host, workable } = useCircle();
  const [adding, setAdding] = useState(false);
  const items = w.action_items;

  // The host sees them by member (current members first, then anyone who has left).
  const owners = new Map<string, { name: string; items: ActionItem[] }>();
  if (host) for (const m of w.member_list) owners.set(m.person.id, { name: m.person.name, items: [] });
  for (const t of items) {
    if (!owners.has(t.owner.id)) owners.set(t.owner.id, { name: t.owner.name ?? 'A former member', items: [] });
    owners.get(t.owner.id)!.items.push(t);
  }

  return (
    <ActionSection
      id="action-items"
      number={3}
      title={host ? 'Action items' : 'My action items'}
      lede={
        host
          ? 'Each member keeps their own action items with dates: something to follow up on between sessions. Members see only their own; you see everyone’s.'
          : `Tasks with dates give you something to follow up on between sessions. Only you and ${firstName(w.host.name)} see them.`
      }
      status={<OpenAndOverdue items={items} noun="open item" none="None yet" />}
    >
      {items.length === 0 && !adding ? (
        <Empty title="No action items yet" icon="list">
          {!workable
            ? 'No action items were kept.'
            : host
              ? 'Members add their own; you can add one for a member too.'
              : 'Add your first: what will you do before the next session, and by when?'}
        </Empty>
      ) : host ? (
        <div className="task-groups">
          {[...owners.entries()].map(([id, g]) => (
            <TaskGroup
              key={id}
              label={`Action items of ${g.name}`}
              heading={<h3 className="task-group__title">{g.name}</h3>}
              progress={g.items.length > 0 ? progressOf(g.items) : undefined}
              items={g.items}
              empty="No action items yet."
              row={(t) => <ItemRow t={t} />}
            />
          ))}
        </div>
      ) : (
        items.length > 0 && (
          <ul className="tasks" aria-label="My action items">
            {[...items].sort(taskOrder).map((t) => (
              <ItemRow key={t.id} t={t} />
            ))}
          </ul>
        )
      )}
      {workable &&
        (adding ? (
          <AddItem onDone={() => setAdding(false)} />
        ) : (
          <div>
            <Button variant="secondary" onClick={() => setAdding(true)} disabled={host && w.member_list.length === 0}>
              + Add an action item
            </Button>
            {host && w.member_list.length === 0 && <p className="muted small">Action items belong to members: none yet.</p>}
          </div>
        ))}
    </ActionSection>
  );
}

function progressOf(items: ActionItem[]) {
  return {
    objective_id: null,
    open: items.filter((t) => t.status === 'open').length,
    done: items.filter((t) => t.status === 'done').length,
    dropped: items.filter((t) => t.status === 'dropped').length,
    overdue: items.filter((t) => t.overdue).length,
  };
}

function ItemRow({ t }: { t: ActionItem }) {
  const { w, workable, reload, nameOf } = useCircle();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  // Leaving the editor puts the keyboard back on the row's Edit button.
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const objective = w.purpose.objectives.find((o) => o.id === t.objective_id);
  // The API changes the items of current members only: a former member's stay as they were.
  const canChange = workable && w.member_list.some((m) => m.person.id === t.owner.id);
  async function setStatus(status: TaskStatus) {
    if (await action.run(() => ok(api.PATCH('/api/v1/circles/{id}/action-items/{item_id}', { params: { path: { id: w.id, item_id: t.id } }, body: { status } })))) await reload();
  }
  if (editing && canChange)
    return (
      <EditItem
        t={t}
        onClose={() => {
          refocus.current = true;
          setEditing(false);
        }}
      />
    );
  return (
    <TaskItem
      task={t}
      owner={nameOf(t.owner)}
      canChange={canChange}
      busy={action.busy}
      error={action.error}
      onStatus={setStatus}
      actions={
        <button
          type="button"
          ref={editButton}
          className="btn btn--ghost btn--small"
          disabled={action.busy}
          onClick={() => {
            action.clear();
            setEditing(true);
          }}
        >
          Edit<span className="sr-only">: {t.title}</span>
        </button>
      }
    >
      {objective && <p className="small muted">For: {objective.description}</p>}
    </TaskItem>
  );
}

/** What the add and edit forms share: an action item's own fields. */
interface ItemDraft {
  title: string;
  type: TaskType;
  due: string;
  objective_id: string;
  notes: string;
}

const draftOf = (t: ActionItem): ItemDraft => ({
  title: t.title,
  type: t.type,
  due: t.due ?? '',
  objective_id: t.objective_id ?? '',
  notes: t.notes,
});

const FIELD_LABELS = { title: 'Action item', owner_id: 'For', objective_id: 'For objective' };

/** The title, type, due date, objective and notes with the API's message at the field it names;
 *  `first` goes before the type (the host's "For" when adding). */
function ItemFields({
  draft,
  onChange,
  error,
  first,
}: {
  draft: ItemDraft;
  onChange: (d: ItemDraft) => void;
  error: ApiError | null;
  first?: ReactNode;
}) {
  const { w } = useCircle();
  const set = <K extends keyof ItemDraft>(k: K, v: ItemDraft[K]) => onChange({ ...draft, [k]: v });
  const err = (n: string) => errorFor(error, n);
  return (
    <>
      <TextField
        label="Action item"
        placeholder="e.g. Present my churn analysis to the circle"
        value={draft.title}
        onChange={(e) => set('title', e.target.value)}
        error={err('title')}
        autoFocus
      />
      <div className={first ? 'grid-4' : 'grid-3'}>
        {first}
        <TaskTypeField value={draft.type} onChange={(t) => set('type', t)} error={err('type')} />
        <TextField label="Due" type="date" value={draft.due} onChange={(e) => set('due', e.target.value)} error={err('due')} />
        <ObjectiveField objectives={w.purpose.objectives} value={draft.objective_id} onChange={(id) => set('objective_id', id)} error={err('objective_id')} />
      </div>
      <TextArea label="Notes" rows={2} value={draft.notes} onChange={(e) => set('notes', e.target.value)} error={err('notes')} />
    </>
  );
}

/** The row as a form: only the fields that changed are sent, so a change the other person made
 *  meanwhile to another field stays. Escape or Cancel leaves it unchanged. */
function EditItem({ t, onClose }: { t: ActionItem; onClose: () => void }) {
  const { w, reload } = useCircle();
  const [draft, setDraft] = useState(() => draftOf(t));
  const save = useAction();
  const toast = useToast();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const before = draftOf(t);
    const body: Record<string, unknown> = {};
    for (const k of Object.keys(before) as (keyof ItemDraft)[])
      if (draft[k] !== before[k]) body[k] = (k === 'due' || k === 'objective_id') && !draft[k] ? null : draft[k];
    if (Object.keys(body).length === 0) return onClose();
    if (await save.run(() => ok(api.PATCH('/api/v1/circles/{id}/action-items/{item_id}', { params: { path: { id: w.id, item_id: t.id } }, body })))) {
      await reload();
      toast('Action item saved');
      onClose();
    }
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && !save.busy) {
      e.preventDefault();
      onClose();
    }
  }
  return (
    <li className="task">
      <form className="task__main stack" onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={`Edit action item: ${t.title}`}>
        <ItemFields draft={draft} onChange={setDraft} error={save.error} />
        <FormActions error={save.error} fieldLabels={FIELD_LABELS} busy={save.busy} submit="Save changes" onCancel={onClose} cancelDisabled={save.busy} />
      </form>
    </li>
  );
}

function AddItem({ onDone }: { onDone: () => void }) {
  const { w, me, host, reload } = useCircle();
  const empty: ItemDraft = { title: '', type: 'other', due: dateInDays(w.cadence_days, me.timezone), objective_id: '', notes: '' };
  const [draft, setDraft] = useState(empty);
  const [owner, setOwner] = useState('');
  const save = useAction();
  const toast = useToast();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = { ...draft, due: draft.due || null, objective_id: draft.objective_id || null };
    if (host) body.owner_id = owner;
    const item = await save.run(() => ok(api.POST('/api/v1/circles/{id}/action-items', { params: { path: { id: w.id } }, body })));
    if (item) {
      toast(host ? `Action item added for ${item.owner.name}; they are notified.` : 'Action item added');
      setDraft({ ...draft, title: '', notes: '' });
      await reload();
    }
  }
  return (
    <form className="card card--inset stack" onSubmit={submit} noValidate aria-label="Add an action item">
      <h3 className="subheading">New action item</h3>
      <ItemFields
        draft={draft}
        onChange={setDraft}
        error={save.error}
        first={
          host && (
            <SelectField label="For" value={owner} onChange={(e) => setOwner(e.target.value)} error={errorFor(save.error, 'owner_id')}>
              <option value="">Choose a member</option>
              {w.member_list.map((m) => (
                <option key={m.person.id} value={m.person.id}>
                  {m.person.name}
                </option>
              ))}
            </SelectField>
          )
        }
      />
      <FormActions error={save.error} fieldLabels={FIELD_LABELS} busy={save.busy} submit="Add action item" onCancel={onDone} cancelLabel="Done adding" />
    </form>
  );
}
