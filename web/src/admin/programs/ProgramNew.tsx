// "New program": its fields, checked here as the server checks them, then created; the emerging
// skills start as the default program's (the organisation's), which a new program copies anyway.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ok } from '../../api';
import { navigate } from '../../router';
import { useAction, useApi, useToast } from '../../ui';
import { NewItemPage, refused } from '../adminParts';
import { ProgramFields, PROGRAM_FIELD_LABELS } from './ProgramFields';
import { createBody, draftOf, draftProblem } from './programForm';
import './Programs.css';

export function ProgramNew() {
  const [draft, setDraft] = useState(draftOf);
  const save = useAction();
  const toast = useToast();
  const programs = useApi('/admin/programs', () => ok(api.GET('/api/v1/admin/programs')));
  const organisationSkills = programs.data?.items.find((p) => p.is_default)?.matching.emerging_skills;

  // Shown once they arrive, unless the administrator has typed skills of their own already.
  useEffect(() => {
    if (organisationSkills) setDraft((d) => (d.emerging_skills ? d : { ...d, emerging_skills: organisationSkills.join(', ') }));
  }, [organisationSkills]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (refused(save, draftProblem(draft))) return;
    const created = await save.run(() => ok(api.POST('/api/v1/admin/programs', { body: createBody(draft) })));
    if (created) {
      toast(`Program “${created.name}” created`);
      navigate(`/admin/programs/${created.id}`);
    }
  }

  return (
    <NewItemPage
      what="program"
      listTo="/admin/programs"
      listName="Programs"
      subtitle="Its matching weights start as the organisation’s. Nobody is told anything until a cohort of it is matched or opened for sign-up."
      formClassName="program-form"
      formLabel="New program"
      onSubmit={submit}
      save={save}
      fieldLabels={PROGRAM_FIELD_LABELS}
    >
      <ProgramFields draft={draft} onChange={setDraft} error={save.error} />
    </NewItemPage>
  );
}
