// Shared building blocks: data loading, form fields with the API's messages, and the designed
// loading, empty and error states.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type ReactNode,
  type SelectHTMLAttributes,
  type InputHTMLAttributes,
  type ButtonHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError, fieldMatches } from './api';
import { fieldLabel } from './errors';
import { MEDIA, MEDIUM_LABELS, STATE_LABELS, initials } from './format';
import type { Medium, RelState } from './types';
import { Link } from './router';
import { Icon, type IconName } from './icons';

// ---------------------------------------------------------------- data

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (data: T) => void;
}

/** Runs `load` (a call of the typed `api`) and keeps the answer; it runs again when `key` changes
 *  (null: not yet), and `reload` fetches again without blanking. */
export function useApi<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    if (key === null) return;
    const mine = ++generation.current;
    setLoading(true);
    try {
      const answer = await loadRef.current();
      if (mine !== generation.current) return;
      setData(answer);
      setError(null);
    } catch (e) {
      if (mine !== generation.current) return;
      setError(asApiError(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    setData(undefined);
    setError(null);
    void run();
  }, [run]);

  return { data, error, loading, reload: run, setData };
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, 'client', e instanceof Error ? e.message : String(e));
}

/** A write action: runs one at a time, keeps its error for the form to show. With `stayBusy` it
 *  stays busy after a success, for a page that moves on (signing in). */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async <T,>(work: () => Promise<T>, stayBusy = false): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const answer = await work();
      if (!stayBusy) setBusy(false);
      return answer;
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
      return undefined;
    }
  }, []);
  return { busy, error, setError, run, clear: () => setError(null) };
}

// ---------------------------------------------------------------- toasts

interface Toast {
  id: number;
  text: string;
}
const ToastContext = createContext<(text: string) => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const show = useCallback((text: string) => {
    const id = next.current++;
    setToasts((t) => [...t, { id, text }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), 4500);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className="toast">
            {t.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);

// ---------------------------------------------------------------- forms

/** Errors of one form: which field the API named, and the message. */
export function errorFor(error: ApiError | null, name: string, prefix = false): string | undefined {
  if (!error) return undefined;
  return fieldMatches(error.field, name, prefix) ? error.message : undefined;
}

/** A form's fields kept together as its draft (named as the request body names them): the draft,
 *  `set(key, value)` to change one field, and `setDraft` to replace them all. */
export function useDraft<D>(initial: D | (() => D)) {
  const [draft, setDraft] = useState(initial);
  const set = useCallback(<K extends keyof D>(key: K, value: D[K]) => setDraft((d) => ({ ...d, [key]: value })), []);
  return { draft, set, setDraft };
}

type TextKey<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D] & string;

/** Binds the text inputs and selects of a form to its draft: `field(key)` gives one its value, its
 *  change and the API's message for the field of that name. */
export function textFields<D>(draft: D, set: <K extends keyof D>(key: K, value: D[K]) => void, error: ApiError | null) {
  return (key: TextKey<D>) => ({
    value: draft[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      set(key, e.target.value as D[TextKey<D>]),
    error: errorFor(error, key),
  });
}

/** A form whose draft one action sends: the draft and its setters (useDraft), the action
 *  (useAction), and `field(key)` binding a text field to the draft and to the action's message
 *  for that field (textFields). */
export function useDraftForm<D>(initial: D | (() => D)) {
  const { draft, set, setDraft } = useDraft(initial);
  const action = useAction();
  return { draft, set, setDraft, action, field: textFields(draft, set, action.error) };
}

/** A form of one text that one action sends: the text and its setter, the action, and `submit`,
 *  which sends the text with `send` and hands what the server answered to `onSent` (nothing when
 *  it refused: the action holds its message). */
export function useTextForm<T>(initial: string, send: (text: string) => Promise<T>, onSent: (answer: T) => void | Promise<void>) {
  const [text, setText] = useState(initial);
  const action = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const answer = await action.run(() => send(text));
    if (answer) await onSent(answer);
  }
  return { text, setText, action, submit };
}

interface FieldShellProps {
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  className?: string;
}

function FieldShell({ id: givenId, label, hint, error, children, className }: FieldShellProps) {
  const generated = useId();
  const id = givenId ?? generated;
  const hintId = hint ? id + '-hint' : undefined;
  const errorId = error ? id + '-error' : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={'field' + (error ? ' field--invalid' : '') + (className ? ' ' + className : '')}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, describedBy, invalid: !!error })}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

type Common = { label: ReactNode; hint?: ReactNode; error?: string; className?: string };

export function TextField({ label, hint, error, className, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell id={input.id} label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <input aria-describedby={describedBy} aria-invalid={invalid || undefined} {...input} id={id} />
      )}
    </FieldShell>
  );
}

export function TextArea({ label, hint, error, className, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell id={input.id} label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <textarea rows={3} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...input} id={id} />
      )}
    </FieldShell>
  );
}

export function SelectField({
  label,
  hint,
  error,
  className,
  children,
  ...input
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell id={input.id} label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <select aria-describedby={describedBy} aria-invalid={invalid || undefined} {...input} id={id}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}

/** The box in a list's toolbar that filters the list as one types. */
export function FilterField({ onChange, ...input }: { id: string; label: string; value: string; placeholder?: string; onChange: (value: string) => void }) {
  return <TextField className="toolbar__search" type="search" {...input} onChange={(e) => onChange(e.target.value)} />;
}

/** The ways to meet, as the options of a select; the `recommended` one says so. */
export function MediumOptions({ recommended }: { recommended?: Medium }) {
  return MEDIA.map((m) => (
    <option key={m} value={m}>
      {MEDIUM_LABELS[m]}
      {m === recommended ? ' (recommended)' : ''}
    </option>
  ));
}

/** A group of checkboxes for a list of enumerated values. */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  labels,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  options: T[];
  labels: Record<T, string>;
  value: T[];
  onChange: (v: T[]) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <fieldset className={'field checkgroup' + (error ? ' field--invalid' : '')}>
      <legend>{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      <div className="checkgroup__options">
        {options.map((o) => (
          <label key={o} className="check">
            <input
              type="checkbox"
              checked={value.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))}
            />
            <span>{labels[o]}</span>
          </label>
        ))}
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}

/** The API's message at a field or a group of fields, when there is one. */
export function FieldError({ message, id }: { message: ReactNode; id?: string }) {
  if (!message) return null;
  return (
    <p className="field__error" id={id} role="alert">
      {message}
    </p>
  );
}

/** The message under a form's buttons: a summary of what the API refused. */
export function FormError({ error, fieldLabels }: { error: ApiError | null; fieldLabels?: Record<string, string> }) {
  if (!error) return null;
  let where = '';
  if (error.field) {
    const root = error.field.replace(/\[.*$/, '').replace(/\..*$/, '');
    where = fieldLabels?.[error.field] ?? fieldLabels?.[root] ?? fieldLabel(error.field);
  }
  return (
    <div className="form-error" role="alert">
      <strong>Not saved.</strong> {where ? <>Check “{where}”: </> : null}
      {error.message}
    </div>
  );
}

/** A form's submit button and, given `onCancel`, a way out beside it; `cancel` puts any other
 *  way out (a link, an undo) there instead. In a row by default; `className="form-actions"` sets
 *  them at the form's foot on the right (full width on a phone). */
export function SubmitRow({
  className = 'row',
  busy,
  disabled,
  submit,
  submitVariant,
  onCancel,
  cancelLabel = 'Cancel',
  cancelDisabled,
  cancel,
}: {
  className?: string;
  busy: boolean;
  disabled?: boolean;
  submit: ReactNode;
  submitVariant?: 'primary' | 'danger';
  onCancel?: () => void;
  cancelLabel?: string;
  cancelDisabled?: boolean;
  cancel?: ReactNode;
}) {
  return (
    <div className={className}>
      {/* A disabled given to Button wins over its busy state, so it is passed only when set. */}
      <Button type="submit" variant={submitVariant} busy={busy} {...(disabled === undefined ? {} : { disabled })}>
        {submit}
      </Button>
      {onCancel && (
        <Button type="button" variant="ghost" onClick={onCancel} disabled={cancelDisabled}>
          {cancelLabel}
        </Button>
      )}
      {cancel}
    </div>
  );
}

type SubmitRowProps = Parameters<typeof SubmitRow>[0];

/** The foot of a form: what the API refused (a field named by its label in `fieldLabels`), then
 *  the submit button and, given `onCancel`, a way out. */
export function FormActions({ error, fieldLabels, ...buttons }: { error: ApiError | null; fieldLabels?: Record<string, string> } & SubmitRowProps) {
  return (
    <div className="form-actions">
      <FormError error={error} fieldLabels={fieldLabels} />
      <SubmitRow {...buttons} />
    </div>
  );
}

/** The button, on a line of its own, that opens a form or a step (schedule, add, change, start
 *  concluding) where it stands. */
export function OpenButton({ onOpen, children }: { onOpen: () => void; children: ReactNode }) {
  return (
    <div>
      <Button variant="secondary" onClick={onOpen}>
        {children}
      </Button>
    </div>
  );
}

/** The foot of a small inline form: what the API refused when it names none of the form's
 *  `fields` (those show at their field), then the submit button and, given `onCancel`, a way out. */
export function InlineFormActions({ error, fields, ...buttons }: { error: ApiError | null; fields: string[] } & SubmitRowProps) {
  return (
    <>
      {error && !fields.includes(error.field) && <FormError error={error} />}
      <SubmitRow {...buttons} />
    </>
  );
}

// ---------------------------------------------------------------- states

export function Loading({ label = 'Loading…', rows = 3 }: { label?: string; rows?: number }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      <div className="loading__label" aria-hidden="true">
        <span className="spinner" /> {label}
      </div>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ width: `${92 - i * 14}%` }} aria-hidden="true" />
      ))}
    </div>
  );
}

/** Loading in a card of its own, where a page's content will stand. */
export function LoadingCard({ label, rows }: { label?: string; rows?: number }) {
  return (
    <div className="card">
      <Loading label={label} rows={rows} />
    </div>
  );
}

export function Empty({ title, children, icon = 'check' }: { title: string; children?: ReactNode; icon?: IconName }) {
  return (
    <div className="empty">
      <div className="empty__icon">
        <Icon name={icon} size={26} />
      </div>
      <p className="empty__title">{title}</p>
      {children && <div className="empty__text">{children}</div>}
    </div>
  );
}

export function ErrorState({
  error,
  retry,
  title,
  detail,
}: {
  error: ApiError;
  retry?: () => void;
  title?: string;
  detail?: ReactNode;
}) {
  const heading =
    title ??
    (error.status === 403
      ? 'This is private'
      : error.status === 404
        ? 'Not found'
        : error.status === 0
          ? 'Cannot reach Mentorhub'
          : 'Something went wrong');
  return (
    <div className={'error-state' + (error.status === 403 ? ' error-state--private' : '')} role="alert">
      <div className="error-state__icon" aria-hidden="true">
        <Icon name={error.status === 403 ? 'lock' : error.status === 404 ? 'compass' : 'alert'} size={26} />
      </div>
      <h2>{heading}</h2>
      <p>{error.message.charAt(0).toUpperCase() + error.message.slice(1)}.</p>
      {detail && <p className="error-state__detail">{detail}</p>}
      <div className="row">
        {retry && error.status !== 403 && error.status !== 404 && (
          <button className="btn" onClick={retry}>
            Try again
          </button>
        )}
        <Link className="btn btn--secondary" to="/">
          Back to home
        </Link>
      </div>
    </div>
  );
}

/** What `loaded` fetched, drawn by `children` once it is in; until then its loading state (`label`,
 *  `rows`), or its error with a way to try again. */
export function Fetched<T>({ loaded, label, rows, children }: { loaded: Loaded<T>; label?: string; rows?: number; children: (data: T) => ReactNode }) {
  if (loaded.error) return <ErrorState error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading label={label} rows={rows} />;
  return <>{children(loaded.data)}</>;
}

// ---------------------------------------------------------------- small pieces

export function StateBadge({ state }: { state: RelState }) {
  return <span className={`badge badge--${state}`}>{STATE_LABELS[state]}</span>;
}

export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' | 'lg' }) {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) % 360;
  return (
    // Dark enough for white initials on every hue (WCAG AA, 4.5:1).
    <span className={`avatar avatar--${size}`} style={{ background: `hsl(${hash} 50% 30%)` }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  const titleId = useId();
  return (
    <section className={'card' + (className ? ' ' + className : '')} aria-labelledby={title ? titleId : undefined}>
      {(title || actions) && (
        <header className="card__header">
          {title && (
            <h2 className="card__title" id={titleId}>
              {title}
            </h2>
          )}
          {actions && <div className="card__actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="page-header__subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}

/** A page: its header (the title, `subtitle` and `actions`, as PageHeader draws them), then
 *  `children`. */
export function Page({
  title,
  subtitle,
  actions,
  className,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={'page' + (className ? ' ' + className : '')}>
      <PageHeader title={title} subtitle={subtitle} actions={actions} />
      {children}
    </div>
  );
}

export function Hint({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'warn' | 'success' }) {
  return (
    <div className={`hint hint--${tone}`} role="note">
      <span className="hint__icon" aria-hidden="true">
        {tone === 'warn' ? '⚠' : tone === 'success' ? '✓' : 'i'}
      </span>
      <div>{children}</div>
    </div>
  );
}

/** Someone's words set apart under a small `label` (a message, a draft purpose, an outcome). */
export function Quote({ label, purpose = false, children }: { label: ReactNode; purpose?: boolean; children: ReactNode }) {
  return (
    <blockquote className={'quote' + (purpose ? ' quote--purpose' : '')}>
      <span className="quote__label">{label}</span>
      {children}
    </blockquote>
  );
}

export function SkillLevel({ level }: { level: number }) {
  return (
    <span className="level" role="img" aria-label={`level ${level} of 5`} title={`level ${level} of 5`}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} className={'level__dot' + (i <= level ? ' level__dot--on' : '')} />
      ))}
    </span>
  );
}

export function Button({
  busy,
  children,
  variant = 'primary',
  ...rest
}: { busy?: boolean; variant?: 'primary' | 'ghost' | 'danger' | 'secondary' } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      className={'btn' + (variant !== 'primary' ? ` btn--${variant}` : '')}
      disabled={busy || rest.disabled}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && <span className="spinner spinner--inline" aria-hidden="true" />}
      {children}
    </button>
  );
}
