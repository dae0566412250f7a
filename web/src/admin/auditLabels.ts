// Words for the administrators' audit trail: the API's action and subject names (docs/openapi.yaml,
// GET /api/v1/admin/audit) as an auditor reads them. An action this version does not know yet
// (a newer server) is shown as its name, never hidden.

const ACTIONS: Record<string, string> = {
  break_glass_opened: 'Opened content (break-glass)',
  person_created: 'Created a person',
  person_updated: "Changed a person's record",
  person_deactivated: 'Deactivated a person',
  person_reactivated: 'Reactivated a person',
  password_set: 'Set a password',
  people_imported: 'Imported people',
  invitation_sent: 'Invited',
  invitation_resent: 'Sent an invitation again',
  invitation_revoked: 'Revoked an invitation',
  cohort_created: 'Created a cohort',
  pair_rule_set: 'Pinned or forbade a pair',
  pair_rule_removed: 'Removed a pin or prohibition',
  matching_started: 'Started a matching',
  matching_applied: 'Applied a matching',
  cohort_changed: 'Changed a cohort',
  cohort_extended: 'Extended a cohort',
  cohort_members_added: 'Added people to a cohort',
  cohort_member_removed: 'Took a person out of a cohort',
  program_created: 'Created a program',
  program_changed: 'Changed a program',
  program_closed: 'Closed a program',
  program_settings_changed: 'Changed the program settings',
  sso_configured: 'Configured single sign-on',
  sso_removed: 'Removed single sign-on',
  video_configured: 'Configured video rooms',
  lifecycle_run: 'Ran the lifecycle checks',
  pairs_nudged: 'Nudged stalled pairs',
  account_deleted: 'Deleted their own account',
  second_factor_required: 'Required a second factor for administrators',
  second_factor_not_required: 'Stopped requiring a second factor',
  second_factor_removed: "Removed someone's second factor",
  scim_token_created: 'Made a SCIM token',
  scim_token_revoked: 'Revoked a SCIM token',
};

export function auditActionLabel(action: string): string {
  return ACTIONS[action] ?? action.replace(/_/g, ' ');
}

const SUBJECTS: Record<string, string> = {
  relationship: 'Relationship',
  person: 'Person',
  cohort: 'Cohort',
  program: 'Program',
  matching: 'Matching',
  circle: 'Circle',
  scim_token: 'SCIM token',
};

const WHOLE: Record<string, string> = {
  people: 'People',
  relationships: 'Relationships',
  organisation: 'Organisation',
  program: 'Program settings',
  sso: 'Single sign-on',
};

// "relationship:42" -> "Relationship #42"; "program:3" -> "Program #3"; "program" (no id: the
// organisation's settings) -> "Program settings".
export function auditSubjectLabel(subject: string): string {
  const colon = subject.indexOf(':');
  if (colon < 0) return WHOLE[subject] ?? subject;
  const type = subject.slice(0, colon);
  const id = subject.slice(colon + 1);
  return `${SUBJECTS[type] ?? type} #${id}`;
}

// Where the subject is seen in the web app, for the subjects that have an administrator's page.
export function auditSubjectLink(subject: string): string | null {
  const [type, id] = subject.split(':');
  if (!id || !/^\d+$/.test(id)) return null;
  if (type === 'person') return `/admin/people/${id}`;
  if (type === 'cohort') return `/admin/cohorts/${id}`;
  if (type === 'program') return `/admin/programs/${id}`;
  return null;
}
