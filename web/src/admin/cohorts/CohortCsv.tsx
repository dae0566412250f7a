// Trying cohort matching on a CSV file of people before they are in Mentorhub
// (POST /matchings/from-csv): nothing is stored, the answer is the preview. A file with bad rows
// is refused whole; its problems are listed one per line with the column and the reason, so
// that they can all be fixed in the spreadsheet at once.
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api, ok } from '../../api';
import type { components } from '../../generated/api-schema';
import { readSpreadsheetFile } from '../../spreadsheetFile';
import { Button, Card, FormError, Hint, Page, TextArea, useAction } from '../../ui';
import { RegionTable } from '../adminParts';
import { count, percent, points } from './cohortTypes';
import { csvProblemsOf, problemLine, type CsvProblem } from './csvProblems';
import './Cohorts.css';

type CsvMatching = components['schemas']['CsvMatching'];

export function CohortCsv() {
  const [text, setText] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [result, setResult] = useState<CsvMatching | null>(null);
  const action = useAction();
  const found = csvProblemsOf(action.error);

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setFileProblem(null);
    if (!file) return;
    const read = await readSpreadsheetFile(file);
    if ('problem' in read) setFileProblem(read.problem);
    else setText(read.text);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    const answer = await action.run(() => ok(api.POST('/api/v1/matchings/from-csv', { body: { csv: text } })));
    if (answer) setResult(answer);
  }

  return (
    <Page
      className="stack-lg"
      title="Try a CSV file"
      subtitle="Match the people of a spreadsheet with the program’s weights before they are in Mentorhub. Nothing is stored and nobody is asked."
    >
      <Card title="The file">
        <form className="stack" onSubmit={submit}>
          <div className="field">
            <label htmlFor="cohort-csv-file">A CSV file (as a spreadsheet saves it)</label>
            <input id="cohort-csv-file" type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e)} />
          </div>
          {fileProblem && (
            <p className="form-error" role="alert">
              {fileProblem}
            </p>
          )}
          <TextArea
            label="Or paste its text"
            hint="The first row names the columns: id, name and role (mentee, mentor, both or none), then any of department, title, manager_id, skills, wanted_skills, timezone, capacity and the others of the format."
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div>
            <Button type="submit" busy={action.busy} disabled={!text.trim()}>
              Match these people
            </Button>
          </div>
        </form>
      </Card>
      {found ? <CsvProblems problems={found.problems} more={found.more} /> : <FormError error={action.error} />}
      {result && <CsvResult result={result} />}
    </Page>
  );
}

function CsvProblems({ problems, more }: { problems: CsvProblem[]; more: number }) {
  const total = problems.length + more;
  return (
    <div className="form-error" role="alert">
      <p>
        <strong>The file was not matched.</strong> Fix {total === 1 ? 'this problem' : `these ${total} problems`} in the file
        and try again:
      </p>
      <ul className="csv-problems">
        {problems.map((p, i) => {
          const l = problemLine(p);
          return (
            <li key={i}>
              <strong>{l.line}</strong>
              {l.where ? <> · {l.where}: </> : ': '}
              {l.reason}
            </li>
          );
        })}
      </ul>
      {more > 0 && <p>…and {count(more, 'more problem')} after these.</p>}
    </div>
  );
}

function CsvResult({ result }: { result: CsvMatching }) {
  const s = result.summary;
  return (
    <Card title="The matching">
      <Hint tone="success">
        {count(s.matched, 'mentee')} of {s.mentees} matched ({percent(s.matched_share)}), average score {points(s.average_score)}.
      </Hint>
      {result.pairs.length > 0 && (
        <RegionTable label="Pairs" columns={['Mentee', 'Mentor', 'Score']}>
          {result.pairs.map((p) => (
            <tr key={p.mentee.id}>
              <td>{p.mentee.name ?? p.mentee.id}</td>
              <td>{p.mentor.name ?? p.mentor.id}</td>
              <td>{points(p.score)}</td>
            </tr>
          ))}
        </RegionTable>
      )}
    </Card>
  );
}
