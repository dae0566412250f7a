// Building blocks the administrators' pages share: a table that scrolls in its own region with its
// column headings, what a list shows until its data comes, the pieces of a form (its own
// check, its dates, the page of a new program or cohort and their name and description), a card
// titled by its heading, a row of counts, and the confirmation of a step that cannot be undone.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api';
import { dayRangeProblem } from '../dateRange';
import { Link } from '../router';
import { Button, ErrorState, FieldError, FormActions, Loading, LoadingCard, PageHeader, TextArea, TextField, textFields } from '../ui';
import './cardTable.css';

// ---------------------------------------------------------------- tables

/** A column heading: its words, or with a class (e.g. "num hide-sm") or for screen readers only;
 *  false leaves the column out. */
export type Column = string | { label: ReactNode; className?: string; srOnly?: boolean } | false;

/** A table in a focusable region that scrolls sideways on a narrow screen; `children` are its rows. */
export function RegionTable({
  label,
  card = false,
  cards = false,
  wrapClassName,
  className,
  caption,
  labelledBy,
  columns,
  children,
}: {
  /** The region's name. */
  label: string;
  /** A card of its own, flush with the table, rather than a table inside a card. */
  card?: boolean;
  /** A card per row at a phone's width (cardTable.css), its cells labelled by their data-label. */
  cards?: boolean;
  wrapClassName?: string;
  className?: string;
  /** Read by screen readers only. */
  caption?: ReactNode;
  labelledBy?: string;
  columns: Column[];
  children: ReactNode;
}) {
  return (
    <div
      tabIndex={0}
      role="region"
      aria-label={label}
      className={'table-wrap' + (card ? ' card card--flush' : '') + (wrapClassName ? ' ' + wrapClassName : '')}
    >
      <table className={'table' + (cards ? ' card-table' : '') + (className ? ' ' + className : '')} aria-labelledby={labelledBy}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c, i) =>
              c === false ? null : typeof c === 'string' ? (
                <th key={i} scope="col">
                  {c}
                </th>
              ) : (
                <th key={i} scope="col" className={c.className}>
                  {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

// ---------------------------------------------------------------- loading

/** What a list shows until its data comes: the error with "Try again", or a loading card (only
 *  the loading rows when `card` is false, for a list inside a card already). */
export function Pending({
  error,
  retry,
  label,
  rows,
  card = true,
}: {
  error: ApiError | null;
  retry: () => void;
  label?: string;
  rows?: number;
  card?: boolean;
}) {
  if (error) return <ErrorState error={error} retry={retry} />;
  return card ? <LoadingCard label={label} rows={rows} /> : <Loading label={label} rows={rows} />;
}

/** The page of one program or cohort until it comes: the error with the way to all of them, or
 *  loading. */
export function ItemPending({
  error,
  retry,
  label,
  listTo,
  listName,
}: {
  error: ApiError | null;
  retry: () => void;
  label: string;
  listTo: string;
  listName: string;
}) {
  if (error)
    return (
      <ErrorState
        error={error}
        retry={retry}
        detail={
          <>
            See <Link to={listTo}>{listName}</Link>.
          </>
        }
      />
    );
  return (
    <div className="page">
      <Loading label={label} rows={5} />
    </div>
  );
}

// ---------------------------------------------------------------- forms

/** Shows what a form's own check found, as the API's answer would show, and says whether it found
 *  anything (then the form is not sent). */
export function refused(action: { setError: (e: ApiError) => void }, problem: ApiError | null): boolean {
  if (problem) action.setError(problem);
  return problem !== null;
}

/** The two optional dates of a form as typed ('' for none): what DateRangeFields takes to edit
 *  them, and their check before sending, as the error the server would answer. */
export function useDayRange(initialStart = '', initialEnd = '') {
  const [startsOn, onStartsOn] = useState(initialStart);
  const [endsOn, onEndsOn] = useState(initialEnd);
  const problem = (): ApiError | null => {
    const p = dayRangeProblem(startsOn, endsOn);
    return p && new ApiError(422, 'invalid', p.message, p.field);
  };
  return { startsOn, endsOn, fields: { startsOn, endsOn, onStartsOn, onEndsOn }, problem };
}

/** The page that creates a program or a cohort: the way back to the list, the heading, the form
 *  in a card, and under it "Create …" and "Cancel" back to the list. */
export function NewItemPage({
  what,
  listTo,
  listName,
  subtitle,
  className,
  formClassName,
  formLabel,
  onSubmit,
  save,
  fieldLabels,
  children,
}: {
  /** "program", "cohort". */
  what: string;
  listTo: string;
  listName: string;
  subtitle: string;
  className?: string;
  formClassName: string;
  formLabel?: string;
  onSubmit: (e: FormEvent) => void;
  save: { error: ApiError | null; busy: boolean };
  fieldLabels: Record<string, string>;
  children: ReactNode;
}) {
  return (
    <div className={'page' + (className ? ' ' + className : '')}>
      <p className="breadcrumbs">
        <Link to={listTo}>{listName}</Link> / New {what}
      </p>
      <PageHeader title={`New ${what}`} subtitle={subtitle} />
      <form className={'card stack-lg ' + formClassName} onSubmit={onSubmit} noValidate aria-label={formLabel}>
        {children}
        <FormActions
          error={save.error}
          fieldLabels={fieldLabels}
          busy={save.busy}
          submit={`Create ${what}`}
          cancel={
            <Link className="btn btn--ghost" to={listTo}>
              Cancel
            </Link>
          }
        />
      </form>
    </div>
  );
}

/** A program's or a cohort's name and description, side by side. */
export function NameFields({
  name,
  description,
  onName,
  onDescription,
  error,
  nameHint,
  descriptionHint,
}: {
  name: string;
  description: string;
  onName: (v: string) => void;
  onDescription: (v: string) => void;
  error: ApiError | null;
  nameHint?: string;
  descriptionHint?: string;
}) {
  const field = textFields({ name, description }, (key, value) => (key === 'name' ? onName : onDescription)(value), error);
  return (
    <div className="grid-2">
      <TextField label="Name" hint={nameHint} {...field('name')} maxLength={100} required />
      <TextArea label="Description (optional)" hint={descriptionHint} {...field('description')} rows={2} maxLength={2000} />
    </div>
  );
}

// ---------------------------------------------------------------- pieces of a page

/** A card named by its heading; `titleId` ties the two together. */
export function TitledCard({
  titleId,
  title,
  className,
  role,
  children,
}: {
  titleId: string;
  title: ReactNode;
  className?: string;
  role?: string;
  children: ReactNode;
}) {
  return (
    <section className={'card' + (className ? ' ' + className : '')} role={role} aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A count or a fact of a row of them: its name, its value, and a class for the value. */
export interface CountItem {
  term: ReactNode;
  value: ReactNode;
  className?: string;
}

/** A row of counts, each a name over its value. */
export function Counts({ className, label, items }: { className: string; label?: string; items: CountItem[] }) {
  return (
    <dl className={className} aria-label={label}>
      {items.map((c, i) => (
        <div key={i}>
          <dt>{c.term}</dt>
          <dd className={c.className}>{c.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A link that downloads a CSV export. */
export function CsvLink({ href, children = 'Export CSV' }: { href: string; children?: ReactNode }) {
  return (
    <a className="btn btn--ghost" href={href} download>
      {children}
    </a>
  );
}

/** The confirmation of a step that cannot be undone: what will happen, point by point, then the
 *  step and "Cancel". Its heading takes the focus when it opens. */
export function ConfirmPanel({
  className,
  titleId,
  title,
  children,
  error,
  failed,
  busy,
  confirm,
  variant,
  onConfirm,
  onCancel,
}: {
  className: string;
  titleId: string;
  title: ReactNode;
  /** The list items saying what will happen. */
  children: ReactNode;
  error: ApiError | null;
  /** Before the API's message when it refuses, e.g. "Not applied". */
  failed: string;
  busy: boolean;
  confirm: ReactNode;
  variant?: 'primary' | 'danger';
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className={'confirm ' + className} role="group" aria-labelledby={titleId}>
      <h3 id={titleId} className="subheading" tabIndex={-1} ref={heading}>
        {title}
      </h3>
      <ul className="bullets small">{children}</ul>
      {error && <FieldError message={`${failed}: ${error.message}`} />}
      <div className="row">
        <Button variant={variant} busy={busy} onClick={onConfirm}>
          {confirm}
        </Button>
        <button type="button" className="btn btn--ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
