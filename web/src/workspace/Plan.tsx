import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { api, ok, type ApiError } from '../api';
import { CATEGORY_LABELS, TASK_TYPES, TASK_TYPE_LABELS, dateInDays, formatDate, plural } from '../format';
import type { Objective, Progress, Role, Task, TaskStatus, TaskType } from '../types';
import { Button, Empty, FormActions, OpenButton, SelectField, TextArea, TextField, errorFor, useAction, useToast } from '../ui';
import { ActionSection, useWorkspace } from './context';
import { RELATIONSHIP_ACTIONS } from './actions';

type Ordered = Pick<Task, 'id' | 'due' | 'status' | 'overdue'>;

/** Open tasks first (the overdue ones ahead), each by due date (undated last), then done ones. A
 *  relationship's tasks and a circle's action items alike. */
export function taskOrder(a: Ordered, b: Ordered): number {
  const rank = (t: Ordered) => (t.status !== 'open' ? 2 : t.overdue ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.due && b.due && a.due !== b.due) return a.due.localeCompare(b.due);
  if (!!a.due !== !!b.due) return a.due ? -1 : 1;
  return Number(a.id) - Number(b.id);
}

export function PlanSection() {
  const { ws, workable } = useWorkspace();
  const [adding, setAdding] = useState(false);
  const groups: { key: string; title: string; category?: string; progress?: Progress; tasks: Task[] }[] = [
    ...ws.purpose.objectives.map((o) => ({
      key: o.id,
      title: o.description,
      category: CATEGORY_LABELS[o.category],
      progress: ws.progress.find((p) => p.objective_id === o.id),
      tasks: ws.tasks.filter((t) => t.objective_id === o.id),
    })),
    {
      key: 'none',
      title: 'Not tied to an objective',
      progress: ws.progress.find((p) => p.objective_id === null),
      tasks: ws.tasks.filter((t) => !t.objective_id || !ws.purpose.objectives.some((o) => o.id === t.objective_id)),
    },
  ].filter((g) => g.key !== 'none' || g.tasks.length > 0);

  return (
    <ActionSection
      {...RELATIONSHIP_ACTIONS.plan}
      status={<OpenAndOverdue items={ws.tasks} noun="open task" none="No tasks yet" />}
    >
      {ws.tasks.length === 0 && !adding ? (
        <Empty title="No tasks yet" icon="list">
          {workable ? 'Add the first task: who does what, by when, for which objective.' : 'No tasks were planned.'}
        </Empty>
      ) : (
        <div className="task-groups">
          {groups.map((g) => (
            <TaskGroup
              key={g.key}
              label={`Tasks: ${g.title}`}
              heading={
                <div>
                  {g.category && <span className="category">{g.category}</span>}
                  <h3 className="task-group__title">{g.title}</h3>
                </div>
              }
              progress={g.progress}
              items={g.tasks}
              empty="No tasks for this objective yet."
              row={(t) => <TaskRow task={t} />}
            />
          ))}
        </div>
      )}
      {workable &&
        (adding ? (
          <AddTask onDone={() => setAdding(false)} />
        ) : (
          <OpenButton onOpen={() => setAdding(true)}>+ Add a task</OpenButton>
        ))}
    </ActionSection>
  );
}

/** A section's status over its tasks or action items: how many are open, and how many overdue
 *  when any are; `none` while there are none. */
export function OpenAndOverdue({ items, noun, none }: { items: Ordered[]; noun: string; none: string }) {
  if (items.length === 0) return <span className="tag tag--waiting">{none}</span>;
  const open = items.filter((t) => t.status === 'open').length;
  const overdue = items.filter((t) => t.overdue).length;
  return (
    <>
      <span className="tag">{plural(open, noun)}</span>
      {overdue > 0 && <span className="tag tag--danger">{overdue} overdue</span>}
    </>
  );
}

/** One group of tasks or action items (an objective's, a member's): its `heading` and progress,
 *  then its items in their order, each drawn by `row`, or `empty` while it has none. */
export function TaskGroup<T extends Ordered>({
  label,
  heading,
  progress,
  items,
  empty,
  row,
}: {
  label: string;
  heading: ReactNode;
  progress: Progress | undefined;
  items: T[];
  empty: string;
  row: (item: T) => ReactNode;
}) {
  return (
    <section className="task-group" aria-label={label}>
      <header className="task-group__head">
        {heading}
        {progress && <ProgressBar p={progress} />}
      </header>
      {items.length === 0 ? (
        <p className="muted small task-group__empty">{empty}</p>
      ) : (
        <ul className="tasks">
          {[...items].sort(taskOrder).map((t) => (
            <Fragment key={t.id}>{row(t)}</Fragment>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ProgressBar({ p }: { p: Progress }) {
  const total = p.open + p.done;
  const pct = total ? Math.round((p.done / total) * 100) : 0;
  return (
    <div className="progress" aria-label={`${p.done} of ${total} tasks done${p.overdue ? `, ${p.overdue} overdue` : ''}`}>
      <div className="progress__bar">
        <span style={{ width: `${pct}%` }} />
      </div>
      <span className="small muted">
        {p.done}/{total} done
      </span>
    </div>
  );
}

function TaskRow({ task: t }: { task: Task }) {
  const { ws, setWs, workable, nameOfRole } = useWorkspace();
  const action = useAction();
  async function setStatus(status: TaskStatus) {
    const next = await action.run(() => ok(api.PATCH('/api/v1/relationships/{id}/tasks/{task_id}', { params: { path: { id: ws.id, task_id: t.id } }, body: { status } })));
    if (next) setWs(next);
  }
  return (
    <TaskItem task={t} owner={nameOfRole(t.owner)} canChange={workable} busy={action.busy} error={action.error} onStatus={setStatus} />
  );
}

/** A task of an action plan (a relationship's task, a circle member's action item): its type,
 *  owner, due date or overdue flag, and the buttons that mark it done, drop or reopen it, and
 *  any further `actions` (such as an Edit button). */
export function TaskItem({
  task: t,
  owner,
  canChange,
  busy,
  error,
  onStatus,
  actions,
  children,
}: {
  task: Omit<Task, 'owner'>;
  owner: string;
  canChange: boolean;
  busy: boolean;
  error: ApiError | null;
  onStatus: (status: TaskStatus) => void;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <li className={`task task--${t.status}` + (t.overdue ? ' task--overdue' : '')}>
      <div className="task__main">
        <p className="task__title">
          {t.status === 'done' && <span aria-hidden="true">✓ </span>}
          {t.title}
        </p>
        <div className="task__meta">
          <span className="tag">{TASK_TYPE_LABELS[t.type]}</span>
          <span className="small">Owner: {owner}</span>
          {t.due && (
            <span className={'small' + (t.overdue ? ' overdue-text' : '')}>
              {t.overdue ? `Overdue · was due ${formatDate(t.due)}` : `Due ${formatDate(t.due)}`}
            </span>
          )}
          {t.status !== 'open' && <span className={`tag tag--${t.status}`}>{t.status === 'done' ? 'Done' : 'Dropped'}</span>}
        </div>
        {t.notes && <p className="task__notes small">{t.notes}</p>}
        {error && <p className="field__error">{error.message}</p>}
        {children}
      </div>
      {canChange && (
        <div className="task__actions">
          {t.status === 'open' ? (
            <>
              <Button className="btn btn--small" busy={busy} onClick={() => onStatus('done')}>
                Mark done<span className="sr-only">: {t.title}</span>
              </Button>
              <Button variant="ghost" className="btn btn--ghost btn--small" disabled={busy} onClick={() => onStatus('dropped')}>
                Drop<span className="sr-only">: {t.title}</span>
              </Button>
            </>
          ) : (
            <Button variant="ghost" className="btn btn--ghost btn--small" busy={busy} onClick={() => onStatus('open')}>
              Reopen<span className="sr-only">: {t.title}</span>
            </Button>
          )}
          {actions}
        </div>
      )}
    </li>
  );
}

function AddTask({ onDone }: { onDone: () => void }) {
  const { ws, setWs, nameOfRole, me } = useWorkspace();
  const [title, setTitle] = useState('');
  const [type, setType] = useState<TaskType>('formal_learning');
  const [owner, setOwner] = useState<Role>('mentee');
  const [due, setDue] = useState(dateInDays(14, me.timezone));
  const [objective, setObjective] = useState(ws.purpose.objectives[0]?.id ?? '');
  const [notes, setNotes] = useState('');
  const save = useAction();
  const toast = useToast();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { title, type, owner, due: due || null, objective_id: objective || null, notes };
    const next = await save.run(() => ok(api.POST('/api/v1/relationships/{id}/tasks', { params: { path: { id: ws.id } }, body })));
    if (next) {
      setWs(next);
      toast('Task added');
      setTitle('');
      setNotes('');
    }
  }
  const err = (n: string) => errorFor(save.error, n);
  return (
    <form className="card card--inset stack" onSubmit={submit} noValidate aria-label="Add a task">
      <h3 className="subheading">New task</h3>
      <TextField label="Task" placeholder="e.g. Informational interview with a data scientist" value={title} onChange={(e) => setTitle(e.target.value)} error={err('title')} autoFocus />
      <div className="grid-4">
        <TaskTypeField value={type} onChange={setType} error={err('type')} />
        <SelectField label="Owner" value={owner} onChange={(e) => setOwner(e.target.value as Role)} error={err('owner')}>
          <option value="mentee">{nameOfRole('mentee')}</option>
          <option value="mentor">{nameOfRole('mentor')}</option>
        </SelectField>
        <TextField label="Due" type="date" value={due} onChange={(e) => setDue(e.target.value)} error={err('due')} />
        <ObjectiveField objectives={ws.purpose.objectives} value={objective} onChange={setObjective} error={err('objective_id')} />
      </div>
      <TextArea label="Notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} error={err('notes')} />
      <FormActions error={save.error} busy={save.busy} submit="Add task" onCancel={onDone} cancelLabel="Done adding" />
    </form>
  );
}

/** A task's type, for a relationship's task and a circle's action item alike. */
export function TaskTypeField({ value, onChange, error }: { value: TaskType; onChange: (t: TaskType) => void; error?: string }) {
  return (
    <SelectField label="Type" value={value} onChange={(e) => onChange(e.target.value as TaskType)} error={error}>
      {TASK_TYPES.map((t) => (
        <option key={t} value={t}>
          {TASK_TYPE_LABELS[t]}
        </option>
      ))}
    </SelectField>
  );
}

/** The objective a task serves ('' for none), each named by its number and the start of its text. */
export function ObjectiveField({
  objectives,
  value,
  onChange,
  error,
}: {
  objectives: Objective[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  return (
    <SelectField label="For objective" value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      <option value="">No particular objective</option>
      {objectives.map((o, i) => (
        <option key={o.id} value={o.id}>
          {i + 1}. {o.description.length > 50 ? o.description.slice(0, 50) + '…' : o.description}
        </option>
      ))}
    </SelectField>
  );
}
