// Changing a cohort: its name, description, dates and whether people may sign themselves up. Only
// what changed is sent; a later end is an extension, which the audit trail records as such and
// which opens sign-up again for a cohort whose end had passed.
import { DateRangeFields } from '../../DateRangeFields';
import { useState, type FormEvent } from 'react';
import { api, ok } from '../../api';
import { dayOrNull, isExtension } from '../../dateRange';
import { formatDate } from '../../format';
import type { components } from '../../generated/api-schema';
import { Button, Card, FormActions, useAction, useToast } from '../../ui';
import { NameFields, refused, useDayRange } from '../adminParts';
import type { CohortDetail } from './cohortTypes';

type CohortPatch = components['schemas']['CohortPatch'];

const FIELD_LABELS = { name: 'Name', description: 'Description', starts_on: 'Starts on', ends_on: 'Ends on', signup_open: 'Sign-up' };

export function CohortEdit({ cohort, onSaved, onCancel }: { cohort: CohortDetail; onSaved: (d: CohortDetail) => void; onCancel: () => void }) {
  const [name, setName] = useState(cohort.name);
  const [description, setDescription] = useState(cohort.description);
  const dates = useDayRange(cohort.starts_on ?? '', cohort.ends_on ?? '');
  const [signup, setSignup] = useState(cohort.signup_open);
  const save = useAction();
  const toast = useToast();

  const body: CohortPatch = {};
  if (name.trim() !== cohort.name) body.name = name.trim();
  if (description !== cohort.description) body.description = description;
  if (dayOrNull(dates.startsOn) !== cohort.starts_on) body.starts_on = dayOrNull(dates.startsOn);
  if (dayOrNull(dates.endsOn) !== cohort.ends_on) body.ends_on = dayOrNull(dates.endsOn);
  if (signup !== cohort.signup_open) body.signup_open = signup;
  const extends_ = 'ends_on' in body && isExtension(cohort.ends_on, body.ends_on ?? null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (refused(save, dates.problem())) return;
    const saved = await save.run(() => ok(api.PATCH('/api/v1/cohorts/{id}', { params: { path: { id: cohort.id } }, body })));
    if (saved) {
      toast(
        extends_
          ? saved.ends_on
            ? `Cohort extended to ${formatDate(saved.ends_on)}`
            : 'Cohort extended: it has no end date now'
          : `Cohort “${saved.name}” saved`,
      );
      onSaved(saved);
    }
  }

  return (
    <Card title="Change the cohort" className="cohort-edit">
      <form className="stack" onSubmit={submit} noValidate aria-label="Change the cohort">
        <NameFields name={name} description={description} onName={setName} onDescription={setDescription} error={save.error} />
        <DateRangeFields {...dates.fields} error={save.error} endHint="A later end extends the cohort: sign-up stays open until then." />
        <label className="check">
          <input type="checkbox" checked={signup} onChange={(e) => setSignup(e.target.checked)} />
          <span>People may sign themselves up</span>
        </label>
        <FormActions
          error={save.error}
          fieldLabels={FIELD_LABELS}
          busy={save.busy}
          disabled={Object.keys(body).length === 0}
          submit={extends_ ? 'Extend the cohort' : 'Save changes'}
          cancel={
            <Button type="button" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          }
        />
      </form>
    </Card>
  );
}
