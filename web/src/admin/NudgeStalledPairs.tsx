// The overview's "Stalled pairs" card: the program administrator asks the fading pairs, or the
// pairs not started, to take their next step (POST /admin/relationships/nudge), with an optional
// note of their own. Both people of each pair are told in the app and in their digest; nobody
// twice a day. The administrator sees counts only, never what the pairs discuss.
import { useState } from 'react';
import { api, ok } from '../api';
import { Button, Card, FormError, SubmitRow, TextArea, useAction, useToast } from '../ui';

type Which = 'fading' | 'not_started';

const WHAT: Record<Which, { button: (n: number) => string; told: string }> = {
  fading: {
    button: (n) => `Nudge the ${n} fading ${n === 1 ? 'pair' : 'pairs'}…`,
    told: 'asked to schedule their next meeting, or to conclude if they have reached their goals',
  },
  not_started: {
    button: (n) => `Nudge the ${n} ${n === 1 ? 'pair' : 'pairs'} not started…`,
    told: 'asked to agree their purpose and schedule their first meeting',
  },
};

export function NudgeStalledPairs({ fading, notStarted, done }: { fading: number; notStarted: number; done: () => void }) {
  const [which, setWhich] = useState<Which | null>(null);
  const [note, setNote] = useState('');
  const send = useAction();
  const toast = useToast();

  async function nudge() {
    if (!which) return;
    const r = await send.run(() =>
      ok(api.POST('/api/v1/admin/relationships/nudge', { body: { which, note: note.trim() || undefined } })),
    );
    if (!r) return;
    const already = r.already_today ? `; ${r.already_today} already nudged today` : '';
    toast(`Told ${r.pairs} ${r.pairs === 1 ? 'pair' : 'pairs'} (${r.people} people)${already}`);
    setWhich(null);
    setNote('');
    done();
  }

  return (
    <Card title="Stalled pairs">
      <p className="muted small">
        {fading} fading (no meeting within twice their cadence) · {notStarted} not started (no purpose agreed a week after
        accepting). Both people of each pair are told what to do next, in the app and in their daily mail; nobody more than
        once a day.
      </p>
      {which ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void nudge();
          }}
        >
          <p>
            The {which === 'fading' ? fading : notStarted} {which === 'fading' ? 'fading' : 'not started'} pairs will be{' '}
            {WHAT[which].told}.
          </p>
          <TextArea
            label="Your note to them (optional)"
            hint="Added to the message, e.g. when the cohort ends. At most 500 characters."
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          <FormError error={send.error} fieldLabels={{ note: 'Your note' }} />
          <SubmitRow busy={send.busy} submit="Send the nudge" onCancel={() => setWhich(null)} />
        </form>
      ) : (
        <div className="row">
          <Button variant="secondary" disabled={fading === 0} onClick={() => setWhich('fading')}>
            {WHAT.fading.button(fading)}
          </Button>
          <Button variant="secondary" disabled={notStarted === 0} onClick={() => setWhich('not_started')}>
            {WHAT.not_started.button(notStarted)}
          </Button>
        </div>
      )}
    </Card>
  );
}
