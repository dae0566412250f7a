import { describe, expect, test } from 'vitest';
import { createBody, draftOf, draftProblem, inOrder, patchBody, skillList } from './programForm';
import type { Program } from './programTypes';

const PROGRAM: Program = {
  id: '4',
  name: 'Women in engineering',
  description: 'Pairs across sites',
  is_default: false,
  starts_on: '2027-01-15',
  ends_on: '2027-12-15',
  formats: ['circle', 'one_to_one'],
  request_expiry_days: 10,
  fade_after_cadences: 3,
  matching: { weights: {} as Program['matching']['weights'], emerging_skills: ['quantum sensing'], allow_external: true },
  state: 'open',
  closed_at: null,
  created_at: '2026-12-01T09:00:00Z',
  cohorts: 0,
  relationships: { requested: 0, open: 0, concluded: 0 },
};

describe('the program form', () => {
  test('starts empty with every format, fading after two missed meetings and the default expiry', () => {
    const d = draftOf();
    expect(d.formats).toEqual(['one_to_one', 'circle', 'flash']);
    expect(d.fade_after_cadences).toBe('2');
    expect(d.request_expiry_days).toBe('');
  });

  test('shows a program as its inputs hold it', () => {
    const d = draftOf(PROGRAM);
    expect(d.formats).toEqual(['one_to_one', 'circle']);
    expect(d.request_expiry_days).toBe('10');
    expect(d.emerging_skills).toBe('quantum sensing');
    expect(draftOf({ ...PROGRAM, starts_on: null, request_expiry_days: null }).starts_on).toBe('');
  });

  test('reads emerging skills separated by commas or lines, each once', () => {
    expect(skillList(' generative AI, LLM  evaluation,\nGenerative ai ,, ')).toEqual(['generative AI', 'LLM evaluation']);
    expect(skillList('')).toEqual([]);
  });

  test('keeps formats in the listed order whatever order they were ticked in', () => {
    expect(inOrder(['flash', 'one_to_one'])).toEqual(['one_to_one', 'flash']);
  });

  test('names the field the server would refuse', () => {
    const ok = { ...draftOf(), name: 'Graduates' };
    expect(draftProblem(ok)).toBeNull();
    expect(draftProblem({ ...ok, name: '   ' })?.field).toBe('name');
    expect(draftProblem({ ...ok, starts_on: '2027-05-01', ends_on: '2027-04-30' })?.field).toBe('ends_on');
    expect(draftProblem({ ...ok, formats: [] })?.field).toBe('formats');
    expect(draftProblem({ ...ok, request_expiry_days: '0' })?.field).toBe('request_expiry_days');
    expect(draftProblem({ ...ok, request_expiry_days: '91' })?.field).toBe('request_expiry_days');
    expect(draftProblem({ ...ok, request_expiry_days: 'ten' })?.field).toBe('request_expiry_days');
    expect(draftProblem({ ...ok, request_expiry_days: '90' })).toBeNull();
    expect(draftProblem({ ...ok, fade_after_cadences: '7' })?.field).toBe('fade_after_cadences');
    expect(draftProblem({ ...ok, fade_after_cadences: '' })?.field).toBe('fade_after_cadences');
    const many = Array.from({ length: 51 }, (_, i) => `skill ${i}`).join(', ');
    expect(draftProblem({ ...ok, emerging_skills: many })?.field).toBe('matching.emerging_skills');
  });

  test('creates with no dates as null, the default expiry as null, and skills only when typed', () => {
    const body = createBody({ ...draftOf(), name: ' Graduates ', request_expiry_days: '', formats: ['flash', 'one_to_one'] });
    expect(body).toEqual({
      name: 'Graduates',
      description: '',
      starts_on: null,
      ends_on: null,
      formats: ['one_to_one', 'flash'],
      request_expiry_days: null,
      fade_after_cadences: 2,
    });
    expect(createBody({ ...draftOf(), name: 'G', emerging_skills: 'edge AI', request_expiry_days: '7' })).toMatchObject({
      request_expiry_days: 7,
      matching: { emerging_skills: ['edge AI'] },
    });
  });

  test('changes only what differs, and clears with null', () => {
    const before = draftOf(PROGRAM);
    expect(patchBody(before, { ...before }, true)).toEqual({});
    expect(patchBody(before, { ...before, formats: ['circle', 'one_to_one'] }, true)).toEqual({});
    expect(patchBody(before, { ...before, ends_on: '', request_expiry_days: '' }, true)).toEqual({ ends_on: null, request_expiry_days: null });
    expect(patchBody(before, { ...before, name: 'Renamed ', fade_after_cadences: '4' }, true)).toEqual({ name: 'Renamed', fade_after_cadences: 4 });
    expect(patchBody(before, { ...before, emerging_skills: 'quantum sensing, edge AI' }, true)).toEqual({
      matching: { emerging_skills: ['quantum sensing', 'edge AI'] },
    });
  });

  test("leaves the default program's matching, the organisation's settings, alone", () => {
    const before = draftOf(PROGRAM);
    expect(patchBody(before, { ...before, emerging_skills: 'edge AI' }, false)).toEqual({});
  });
});
