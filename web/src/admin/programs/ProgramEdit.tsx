// A program's settings, changed in place: only what was changed is sent, so the audit trail says
// what the administrator did. The default program's matching is the organisation's settings
// (shared with the recommendations and the directory), which this form shows and leaves alone.
import { useState, type FormEvent } from 'react';
import { api, ok } from '../../api';
import { Button, Card, FormError, useAction, useToast } from '../../ui';
import { ProgramFields, PROGRAM_FIELD_LABELS } from './ProgramFields';
import { draftOf, draftProblem, patchBody } from './programForm';
import type { Program, ProgramPatch } from './programTypes';

export function ProgramEdit({ program, onSaved }: { program: Program; onSaved: (p: Program) => void }) {
  const [saved, setSaved] = useState(() => draftOf(program));
  const [draft, setDraft] = useState(saved);
  const save = useAction();
  const toast = useToast();
  const body = patchBody(saved, draft, !program.is_default);
  const changed = Object.keys(body).length > 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = draftProblem(draft);
    if (problem) {
      save.setError(problem);
      return;
    }
    const updated = await save.run(() =>
      ok(api.PATCH('/api/v1/admin/programs/{id}', { params: { path: { id: program.id } }, body: body as ProgramPatch })),
    );
    if (updated) {
      const next = draftOf(updated);
      setSaved(next);
      setDraft(next);
      onSaved(updated);
      toast(`Program “${updated.name}” saved`);
    }
  }

  const organisationMatching = program.is_default ? (
    <div className="program-matching">
      <h3 className="subheading">Matching</h3>
      <p className="small">
        The default program matches with the organisation’s program settings, the same weights and emerging skills the
        recommendations and the directory use, so they are not changed here. Emerging skills now:{' '}
        <strong>{program.matching.emerging_skills.join(', ') || 'none'}</strong>; external people{' '}
        {program.matching.allow_external ? 'take part' : 'do not take part'}.
      </p>
    </div>
  ) : undefined;

  return (
    <Card title="Settings">
      <form className="stack-lg program-form" onSubmit={submit} noValidate aria-label="Program settings">
        <ProgramFields draft={draft} onChange={setDraft} error={save.error} matching={organisationMatching} />
        <div className="form-actions">
          <FormError error={save.error} fieldLabels={PROGRAM_FIELD_LABELS} />
          <div className="row">
            <Button type="submit" busy={save.busy} disabled={!changed}>
              Save changes
            </Button>
            {changed && (
              <Button type="button" variant="ghost" onClick={() => {
                  setDraft(saved);
                  save.clear();
                }}>
                Undo changes
              </Button>
            )}
          </div>
        </div>
      </form>
    </Card>
  );
}
