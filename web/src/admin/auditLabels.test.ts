import { describe, expect, test } from 'vitest';
import { auditActionLabel, auditSubjectLabel, auditSubjectLink } from './auditLabels';

describe('the audit trail in words', () => {
  test('names every action the server writes', () => {
    expect(auditActionLabel('break_glass_opened')).toBe('Opened content (break-glass)');
    expect(auditActionLabel('person_deactivated')).toBe('Deactivated a person');
    expect(auditActionLabel('program_settings_changed')).toBe('Changed the program settings');
    expect(auditActionLabel('pairs_nudged')).toBe('Nudged stalled pairs');
  });

  test('names what administrators do to programs and cohorts', () => {
    expect(auditActionLabel('program_created')).toBe('Created a program');
    expect(auditActionLabel('program_changed')).toBe('Changed a program');
    expect(auditActionLabel('program_closed')).toBe('Closed a program');
    expect(auditActionLabel('cohort_changed')).toBe('Changed a cohort');
    expect(auditActionLabel('cohort_extended')).toBe('Extended a cohort');
    expect(auditActionLabel('cohort_members_added')).toBe('Added people to a cohort');
    expect(auditActionLabel('cohort_member_removed')).toBe('Took a person out of a cohort');
  });

  test('shows an action it does not know by its name instead of hiding it', () => {
    expect(auditActionLabel('account_erased')).toBe('account erased');
  });

  test('reads subjects with and without an id', () => {
    expect(auditSubjectLabel('relationship:42')).toBe('Relationship #42');
    expect(auditSubjectLabel('person:7')).toBe('Person #7');
    expect(auditSubjectLabel('program')).toBe('Program settings');
    expect(auditSubjectLabel('program:3')).toBe('Program #3');
    expect(auditSubjectLabel('people')).toBe('People');
    expect(auditSubjectLabel('relationships')).toBe('Relationships');
    expect(auditSubjectLabel('widget:3')).toBe('widget #3');
  });

  test('links people, cohorts and programs to their administrators\u2019 pages only', () => {
    expect(auditSubjectLink('person:7')).toBe('/admin/people/7');
    expect(auditSubjectLink('cohort:3')).toBe('/admin/cohorts/3');
    expect(auditSubjectLink('program:2')).toBe('/admin/programs/2');
    expect(auditSubjectLink('relationship:42')).toBeNull();
    expect(auditSubjectLink('person:x')).toBeNull();
    expect(auditSubjectLink('program')).toBeNull();
  });
});
