// Closing a program: a confirmation that says exactly what closing does, then how many pairs were
// asked to conclude. Closing is for good, so it is a separate step from the settings.
import { useEffect, useRef, useState } from 'react';
import { api, ok } from '../../api';
import { plural } from '../../format';
import { Button, Card, useAction } from '../../ui';
import type { Program, ProgramClosed } from './programTypes';

export function ProgramClose({ program, onClosed }: { program: Program; onClosed: (r: ProgramClosed) => void }) {
  const [asking, setAsking] = useState(false);
  return (
    <Card title="Close the program">
      {asking ? (
        <CloseConfirmation program={program} onClosed={onClosed} onCancel={() => setAsking(false)} />
      ) : (
        <div className="stack-sm">
          <p className="small">
            When the program has run its course: its pairs are asked to conclude, and its cohorts stop. It cannot be opened
            again.
          </p>
          <div className="row">
            <Button variant="danger" onClick={() => setAsking(true)}>
              Close program…
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}

function CloseConfirmation({
  program: p,
  onClosed,
  onCancel,
}: {
  program: Program;
  onClosed: (r: ProgramClosed) => void;
  onCancel: () => void;
}) {
  const close = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function go() {
    const result = await close.run(() => ok(api.POST('/api/v1/admin/programs/{id}/close', { params: { path: { id: p.id } }, body: {} })));
    if (result) onClosed(result);
  }

  return (
    <div className="confirm program-confirm" role="group" aria-labelledby="close-title">
      <h3 id="close-title" className="subheading" tabIndex={-1} ref={heading}>
        Close “{p.name}” for good?
      </h3>
      <ul className="bullets small">
        <li>
          Both people of each of its open pairs (accepted, starting, active or fading) are asked, in the app and by mail
          when mail is on, to debrief and conclude; their relationships go on until they do. It has{' '}
          {plural(p.relationships.open, 'pair')} open or concluding now.
        </li>
        <li>
          {p.cohorts === 0 ? 'It has no cohorts' : p.cohorts === 1 ? 'Its cohort stops' : `Its ${p.cohorts} cohorts stop`} taking
          sign-ups and matchings, and no cohort can be added to the program.
        </li>
        <li>Requests not yet answered keep their expiry.</li>
        <li>A closed program cannot be changed or opened again.</li>
      </ul>
      {close.error && (
        <p className="field__error" role="alert">
          Not closed: {close.error.message}
        </p>
      )}
      <div className="row">
        <Button variant="danger" busy={close.busy} onClick={go}>
          Close the program
        </Button>
        <button type="button" className="btn btn--ghost" onClick={onCancel} disabled={close.busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function ProgramClosedOutcome({ result }: { result: ProgramClosed }) {
  const n = result.asked_to_conclude;
  return (
    <section className="banner banner--success" role="status" aria-labelledby="closed-title">
      <h2 id="closed-title" className="subheading">
        Program closed: {n === 1 ? '1 pair was' : `${n.toLocaleString('en-GB')} pairs were`} asked to conclude
      </h2>
      <p className="small">
        {n === 0
          ? 'It had no open pairs. Its cohorts take no more sign-ups or matchings.'
          : 'Both people of each pair were asked to debrief and conclude. Its cohorts take no more sign-ups or matchings.'}
      </p>
    </section>
  );
}
