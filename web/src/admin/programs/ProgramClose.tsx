// Closing a program: a confirmation that says exactly what closing does, then how many pairs were
// asked to conclude. Closing is for good, so it is a separate step from the settings.
import { useState } from 'react';
import { api, ok } from '../../api';
import { plural } from '../../format';
import { Button, Card, useAction } from '../../ui';
import { ConfirmPanel } from '../adminParts';
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

  async function go() {
    const result = await close.run(() => ok(api.POST('/api/v1/admin/programs/{id}/close', { params: { path: { id: p.id } }, body: {} })));
    if (result) onClosed(result);
  }

  return (
    <ConfirmPanel
      className="program-confirm"
      titleId="close-title"
      title={`Close “${p.name}” for good?`}
      error={close.error}
      failed="Not closed"
      busy={close.busy}
      confirm="Close the program"
      variant="danger"
      onConfirm={go}
      onCancel={onCancel}
    >
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
    </ConfirmPanel>
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
