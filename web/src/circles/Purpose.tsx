// The circle's purpose: objectives and the outcome the group wants. The host or any member
// drafts it (each save is a new version); the host agrees to the version they read, for the
// circle. The editor and the read-only view are the one-to-one workspace's.
import { useState } from 'react';
import { api, ok } from '../api';
import { formatDate } from '../format';
import { Button, FormError, Hint, OpenButton, useAction, useToast } from '../ui';
import { ActionSection } from '../workspace/context';
import { ObjectiveList, PurposeForm, PurposeStatus } from '../workspace/Purpose';
import { firstName, useCircle } from './common';
import { CIRCLE_ACTIONS } from '../workspace/actions';

export function PurposeSection() {
  const { w, host, workable } = useCircle();
  const p = w.purpose;
  const [editing, setEditing] = useState(false);
  const status = <PurposeStatus version={p.version} agreed={p.agreed} />;

  return (
    <ActionSection
      {...CIRCLE_ACTIONS.purpose}
      status={status}
    >
      {editing || (p.version === 0 && workable && host) ? (
        <Editor onDone={() => setEditing(false)} canCancel={p.version > 0} />
      ) : p.version === 0 ? (
        workable ? (
          <div className="stack">
            <p className="muted">
              {firstName(w.host.name)} has not drafted the purpose yet. You can start it: the host reads your draft and
              agrees it for the circle.
            </p>
            <OpenButton onOpen={() => setEditing(true)}>Draft the purpose</OpenButton>
          </div>
        ) : (
          <p className="muted">No purpose was defined.</p>
        )
      ) : (
        <div className="stack">
          <ObjectiveList objectives={p.objectives} desiredOutcome={p.desired_outcome} outcomeTitle="The outcome the circle wants" />
          <Agreement onEdit={() => setEditing(true)} />
        </div>
      )}
    </ActionSection>
  );
}

function Agreement({ onEdit }: { onEdit: () => void }) {
  const { w, host, workable, setW, reload } = useCircle();
  const p = w.purpose;
  const agree = useAction();
  const toast = useToast();

  async function doAgree() {
    const next = await agree.run(() => ok(api.POST('/api/v1/circles/{id}/purpose/agree', { params: { path: { id: w.id } }, body: { version: p.version } })));
    if (next) {
      setW(next);
      toast(`You agreed version ${p.version} for the circle; the members are told.`);
    } else {
      // Someone changed it since this page loaded: show the new version to read.
      await reload();
    }
  }

  return (
    <>
      <div className="agreement" aria-label="Agreement">
        <span className="muted small">Version {p.version}</span>
        <span className={'agree-chip' + (p.agreed ? ' agree-chip--yes' : '')}>
          {p.agreed ? '✓' : '…'} {host ? 'You' : firstName(w.host.name)} (host){' '}
          {p.agreed ? 'agreed' : host ? 'have not agreed yet' : 'has not agreed yet'}
        </span>
        {p.agreed && p.agreed_at && <span className="muted small">Agreed {formatDate(p.agreed_at)}</span>}
      </div>
      {!p.agreed && !host && workable && (
        <Hint>This draft waits for {firstName(w.host.name)} to agree it for the circle. Suggest changes by editing it.</Hint>
      )}
      {workable && (
        <div className="row">
          {host && !p.agreed && (
            <Button busy={agree.busy} onClick={doAgree}>
              Agree to version {p.version}
            </Button>
          )}
          <Button variant="secondary" onClick={onEdit}>
            {p.agreed ? (host ? 'Change the purpose' : 'Suggest a change') : 'Edit the draft'}
          </Button>
        </div>
      )}
      <FormError error={agree.error} />
    </>
  );
}

function Editor({ onDone, canCancel }: { onDone: () => void; canCancel: boolean }) {
  const { w, host, setW } = useCircle();
  const toast = useToast();

  return (
    <PurposeForm
      objectives={w.purpose.objectives}
      desiredOutcome={w.purpose.desired_outcome}
      save={(body) => ok(api.PUT('/api/v1/circles/{id}/purpose', { params: { path: { id: w.id } }, body }))}
      onSaved={(next) => {
        setW(next);
        onDone();
        toast(
          host
            ? `Purpose saved as version ${next.purpose.version}. Agree to it when the circle is happy with it.`
            : `Saved as version ${next.purpose.version}; ${firstName(w.host.name)} is asked to read and agree it.`,
        );
      }}
      onCancel={canCancel || !host ? onDone : undefined}
      outcomeHint="What every member should leave the circle with."
      before={
        w.purpose.agreed ? (
          <Hint tone="warn">Changing the agreed purpose makes a new version that the host agrees again.</Hint>
        ) : !host ? (
          <Hint>Your draft becomes a new version; the host reads it and agrees it for the circle.</Hint>
        ) : null
      }
    />
  );
}
