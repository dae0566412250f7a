// People from HR: an administrator picks the CSV their HR system exported, reads what importing it
// would change (the server's dry run: who is created, updated, deactivated, and every bad row with
// its line), and imports it in one go. Large files show how much has been sent, then that the
// server is checking or writing.
import { useState } from 'react';
import { ApiError, upload } from '../api';
import { Link } from '../router';
import { readSpreadsheetFile, type SpreadsheetText } from '../spreadsheetFile';
import { Button, ErrorState, Hint, Page } from '../ui';
import { Counts, RegionTable, TitledCard } from './adminParts';
import './AdminPeopleImport.css';

interface ImportedPerson {
  line: number | null;
  id: string | null;
  employee_id: string;
  name: string;
  email: string;
  changes?: string[];
}

// Everything a file would change: people created, updated or deactivated, and cohorts joined.
function changes(r: ImportReport): number {
  return r.created + r.updated + r.deactivated + r.cohort_memberships;
}

interface ImportReport {
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  leavers_skipped: number;
  relationships_concluding: number;
  requests_withdrawn: number;
  cohort_memberships: number;
  created_people: ImportedPerson[];
  updated_people: ImportedPerson[];
  deactivated_people: ImportedPerson[];
  ignored_columns: string[];
  separator: string;
  header_line: number;
  problems: { line: number; message: string }[];
  more_problems: number;
}

type Stage = { kind: 'idle' } | { kind: 'sending'; percent: number; what: string } | { kind: 'working'; what: string };

const SEPARATOR_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

const CHANGE_LABELS: Record<string, string> = {
  employee_id: 'employee id',
  start_date: 'start date',
  timezone: 'time zone',
};

export function AdminPeopleImport() {
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [encoding, setEncoding] = useState<SpreadsheetText['encoding']>('UTF-8');
  const [complete, setComplete] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  async function send(csv: string, dryRun: boolean, everyone: boolean) {
    const what = dryRun ? 'Checking the file…' : 'Importing…';
    setError(null);
    setStage({ kind: 'sending', percent: 0, what });
    try {
      const r = await upload<ImportReport>('/admin/people/import', { csv, dry_run: dryRun, complete: everyone }, (sent, total) =>
        setStage(sent >= total ? { kind: 'working', what } : { kind: 'sending', percent: Math.round((sent * 100) / total), what }),
      );
      setReport(r);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e));
      // A refused import comes with its dry run: show the problems rather than only the error.
      const refused = err.details.report as ImportReport | undefined;
      if (refused) setReport(refused);
      else setError(err);
    } finally {
      setStage({ kind: 'idle' });
    }
  }

  async function choose(f: File | null) {
    setFile(f);
    setReport(null);
    setError(null);
    setFileProblem(null);
    if (!f) return;
    const read = await readSpreadsheetFile(f);
    if ('problem' in read) {
      setFileProblem(read.problem);
      setText('');
      return;
    }
    setFileProblem(null);
    setEncoding(read.encoding);
    setText(read.text);
    await send(read.text, true, complete);
  }

  async function toggleComplete(value: boolean) {
    setComplete(value);
    if (text && !report?.applied) await send(text, true, value);
  }

  const busy = stage.kind !== 'idle';
  const canImport =
    !!report && !report.applied && report.problems.length === 0 && changes(report) > 0;

  return (
    <Page
      className="people-import"
      title="Import people"
      subtitle="Load the organisation from your HR system's export: people, titles, departments and reporting lines."
      actions={
        <Link className="btn btn--ghost" to="/admin/people">
          Back to people
        </Link>
      }
    >
      <TitledCard titleId="import-file-title" title="The file">
        <p className="muted small">
          A CSV with a row per employee: employee id, name and e-mail, and if you have them title, department, manager's
          employee id, e-mail or name, start date, location, time zone and skills. Column names as your HR system writes
          them (“Employee ID”, “Work Email”, “Reports To”, “Dept”…), in any order, below a report's title if it has one; a
          file Excel saved (semicolons, Windows-1252) is read as it is. Nothing changes until you import.
        </p>
        <div className="field">
          <label htmlFor="import-file">CSV file</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => void choose(e.target.files?.[0] ?? null)}
          />
        </div>
        {fileProblem && (
          <p className="form-error" role="alert">
            {fileProblem}
          </p>
        )}
        <label className="check">
          <input type="checkbox" checked={complete} disabled={busy} onChange={(e) => void toggleComplete(e.target.checked)} />
          <span>
            This file lists everyone: deactivate employees who are not in it (their relationships are asked to conclude)
          </span>
        </label>
        {stage.kind !== 'idle' && (
          <div className="people-import__progress" aria-live="polite">
            {stage.kind === 'sending' ? (
              <progress max={100} value={stage.percent} aria-label="Upload progress">
                {stage.percent}%
              </progress>
            ) : (
              <progress aria-label="Working" />
            )}
            <span className="small">
              {stage.kind === 'sending' ? `Sending ${file?.name ?? 'the file'}: ${stage.percent}%` : stage.what}
            </span>
          </div>
        )}
      </TitledCard>

      {error && <ErrorState error={error} retry={text ? () => void send(text, true, complete) : undefined} />}

      {report && (
        <ImportResult
          report={report}
          encoding={encoding}
          busy={busy}
          onImport={canImport ? () => void send(text, false, complete) : undefined}
        />
      )}
    </Page>
  );
}

function ImportResult({
  report,
  encoding,
  busy,
  onImport,
}: {
  report: ImportReport;
  encoding: SpreadsheetText['encoding'];
  busy: boolean;
  onImport?: () => void;
}) {
  const verb = report.applied ? ['Created', 'Updated', 'Deactivated'] : ['Would create', 'Would update', 'Would deactivate'];
  const problems = report.problems.length + report.more_problems;
  return (
    <TitledCard
      titleId="import-result-title"
      title={
        report.applied
          ? 'Imported'
          : problems > 0
            ? 'The file needs fixing'
            : changes(report) === 0
              ? 'Nothing to change'
              : 'Ready to import'
      }
    >
      <Counts
        className="people-import__counts"
        items={[
          { term: verb[0], value: report.created },
          { term: verb[1], value: report.updated },
          { term: 'Unchanged', value: report.unchanged },
          { term: verb[2], value: report.deactivated },
        ]}
      />
      {report.cohort_memberships > 0 && (
        <Hint>
          {report.applied ? 'Added' : 'Will add'} {report.cohort_memberships}{' '}
          {report.cohort_memberships === 1 ? 'person' : 'people'} to the cohorts the file names.
        </Hint>
      )}
      {report.applied && (report.relationships_concluding > 0 || report.requests_withdrawn > 0) && (
        <Hint>
          {report.relationships_concluding} relationship(s) of people who left are now concluding;{' '}
          {report.requests_withdrawn} waiting request(s) were withdrawn.
        </Hint>
      )}
      {(encoding !== 'UTF-8' || report.separator !== ',') && (
        <p className="muted small">
          Read as {encoding}, fields separated by {SEPARATOR_NAMES[report.separator] ?? 'commas'}.
        </p>
      )}
      {report.header_line > 1 && (
        <p className="muted small">
          Column names found on line {report.header_line};{' '}
          {report.header_line === 2
            ? "the line above them (a report's title or date) is ignored."
            : `the ${report.header_line - 1} lines above them (a report's title or date) are ignored.`}
        </p>
      )}
      {report.ignored_columns.length > 0 && (
        <p className="muted small">Ignored columns: {report.ignored_columns.join(', ')}</p>
      )}
      {problems > 0 && (
        <div className="people-import__problems" role="alert">
          <h3>
            {problems} {problems === 1 ? 'row needs' : 'rows need'} fixing; nothing is imported until then
          </h3>
          <ul>
            {report.problems.map((p, i) => (
              <li key={i}>
                <strong>Line {p.line}:</strong> {p.message}
              </li>
            ))}
            {report.more_problems > 0 && <li>…and {report.more_problems} more</li>}
          </ul>
        </div>
      )}
      {report.leavers_skipped > 0 && (
        <p className="muted small">
          {report.leavers_skipped === 1
            ? '1 row is someone the file marks as having left, who was never in Mentorhub: not created.'
            : `${report.leavers_skipped} rows are people the file marks as having left, who were never in Mentorhub: not created.`}
        </p>
      )}
      <PeopleList title={`${verb[0]}`} people={report.created_people} total={report.created} />
      <PeopleList title={`${verb[1]}`} people={report.updated_people} total={report.updated} />
      <PeopleList title={`${verb[2]}`} people={report.deactivated_people} total={report.deactivated} />
      {onImport && (
        <div className="people-import__actions">
          <Button busy={busy} onClick={onImport} variant={report.deactivated > 0 ? 'danger' : 'primary'}>
            Import: create {report.created}, update {report.updated}
            {report.deactivated > 0 ? `, deactivate ${report.deactivated}` : ''}
          </Button>
        </div>
      )}
    </TitledCard>
  );
}

function PeopleList({ title, people, total }: { title: string; people: ImportedPerson[]; total: number }) {
  if (total === 0) return null;
  return (
    <details className="people-import__list">
      <summary>
        {title}: {total} {total === 1 ? 'person' : 'people'}
        {total > people.length ? ` (the first ${people.length} shown)` : ''}
      </summary>
      <RegionTable label={title} columns={['Employee id', 'Name', { label: 'E-mail', className: 'hide-sm' }, 'Changes']}>
        {people.map((p) => (
          <tr key={`${p.employee_id}-${p.email}`}>
            <td>{p.employee_id || '–'}</td>
            <td>{p.id ? <Link to={`/admin/people/${p.id}`}>{p.name}</Link> : p.name}</td>
            <td className="hide-sm">{p.email}</td>
            <td>{(p.changes ?? []).map((c) => CHANGE_LABELS[c] ?? c).join(', ')}</td>
          </tr>
        ))}
      </RegionTable>
    </details>
  );
}
