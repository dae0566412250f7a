// A program's settings, changed in place: only what was changed is sent, so the audit trail says
// what the administrator did. The default program's matching is the organisation's settings
// (shared with the recommendations and the directory); the form says so where it edits them.
import { useState, type FormEvent } from 'react';
import { api, ok } from '../../api';
import { Button, Card, FormActions, useAction, useToast } from '../../ui';
import { refused } from '../adminParts';
import { MatchingFields } from './MatchingFields';
import { ProgramFields, PROGRAM_FIELD_LABELS } from './ProgramFields';
import { draftOf, draftProblem, patchBody } from './programForm';
import type { Program } from './programTypes';

export function ProgramEdit({ program, onSaved }: { program: Program; onSaved: (p: Program) => void }) {
  const [saved, setSaved] = useState(() => draftOf(program));
  const [draft, setDraft] = useState(saved);
  const save = useAction();
  const toast = useToast();
  const body = patchBody(saved, draft);
  const changed = Object.keys(body).length > 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (refused(save, draftProblem(draft))) return;
    const updated = await save.run(() =>
      ok(api.PATCH('/api/v1/admin/programs/{id}', { params: { path: { id: program.id } }, body })),
    );
    if (updated) {
      const next = draftOf(updated);
      setSaved(next);
      setDraft(next);
      onSaved(updated);
      toast(`Program “${updated.name}” saved`);
    }
  }

  return (
    <Card title="Settings">
      <form className="stack-lg program-form" onSubmit={submit} noValidate aria-label="Program settings">
        <ProgramFields
          draft={draft}
          onChange={setDraft}
          error={save.error}
          matching={<MatchingFields draft={draft} onChange={setDraft} error={save.error} isDefault={program.is_default} />}
        />
        <FormActions
          error={save.error}
          fieldLabels={PROGRAM_FIELD_LABELS}
          busy={save.busy}
          disabled={!changed}
          submit="Save changes"
          cancel={
            changed && (
              <Button
                type="button"
                variant="ghost"
                onClick={() => {
                  setDraft(saved);
                  save.clear();
                }}
              >
                Undo changes
              </Button>
            )
          }
        />
      </form>
    </Card>
  );
}
