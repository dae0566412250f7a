// Adding people to a cohort, mentees or mentors, picked from the directory as for a new cohort.
// The server counts those already in it apart; an error names the person it refused.
import { useState, type FormEvent } from 'react';
import { api, ok } from '../../api';
import { Button, FormActions, useAction, useToast } from '../../ui';
import { CohortPeoplePicker, pickedError, type Picked } from './CohortPeoplePicker';
import { count } from './cohortTypes';

export function CohortAddPeople({
  cohortId,
  role,
  onAdded,
  onCancel,
}: {
  cohortId: string;
  role: 'mentee' | 'mentor';
  onAdded: () => void;
  onCancel: () => void;
}) {
  const [picked, setPicked] = useState<Picked[]>([]);
  const save = useAction();
  const toast = useToast();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await save.run(() =>
      ok(api.POST('/api/v1/cohorts/{id}/members', { params: { path: { id: cohortId } }, body: { role, person_ids: picked.map((p) => p.id) } })),
    );
    if (result) {
      toast(`${count(result.added, role)} added` + (result.already ? `, ${count(result.already, 'person', 'people')} already in the cohort` : ''));
      setPicked([]);
      onAdded();
    }
  }

  const pickError = pickedError(save.error, 'person_ids', picked);

  return (
    <form className="card stack cohort-add-people" onSubmit={submit} noValidate aria-label={`Add ${role}s`}>
      <CohortPeoplePicker
        legend={`Add ${role}s`}
        role={role}
        value={picked}
        onChange={setPicked}
        error={pickError}
        hint={
          role === 'mentee'
            ? 'The next matching includes them. Nobody is told anything until a matching is applied.'
            : 'Only people who offer one-to-one mentoring are listed. The next matching includes them.'
        }
      />
      <FormActions
        error={pickError ? null : save.error}
        busy={save.busy}
        disabled={picked.length === 0}
        submit={<>Add {picked.length > 0 ? count(picked.length, role) : `${role}s`}</>}
        cancel={
          <Button type="button" variant="ghost" onClick={onCancel}>
            Done
          </Button>
        }
      />
    </form>
  );
}
