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
  matching: {
    weights: {
      skill: 30,
      aspiration_role: 15,
      aspiration_department: 10,
      experience_gap: 10,
      outside_perspective: 12,
      reverse_mentoring: 15,
      former_manager: 12,
      timezone_overlap: 8,
      shared_medium: 5,
      free_capacity: 5,
      responsiveness: 10,
      unresponsive_penalty: 20,
      manager_recommendation: 20,
      seasoned_years: 15,
    },
    emerging_skills: ['quantum sensing'],
    allow_external: true,
  },
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
    expect(patchBody(before, { ...before })).toEqual({});
    expect(patchBody(before, { ...before, formats: ['circle', 'one_to_one'] })).toEqual({});
    expect(patchBody(before, { ...before, ends_on: '', request_expiry_days: '' })).toEqual({ ends_on: null, request_expiry_days: null });
    expect(patchBody(before, { ...before, name: 'Renamed ', fade_after_cadences: '4' })).toEqual({ name: 'Renamed', fade_after_cadences: 4 });
    expect(patchBody(before, { ...before, emerging_skills: 'quantum sensing, edge AI' })).toEqual({
      matching: { emerging_skills: ['quantum sensing', 'edge AI'] },
    });
  });

  test('sends only the weights that changed, as numbers, and whether external people take part', () => {
    const before = draftOf(PROGRAM);
    const weights = { ...before.weights!, skill: '45', seasoned_years: '12' };
    expect(patchBody(before, { ...before, weights, allow_external: false })).toEqual({
      matching: { weights: { skill: 45, seasoned_years: 12 }, allow_external: false },
    });
    expect(patchBody(before, { ...before, weights: { ...before.weights!, skill: '30.0' } })).toEqual({});
  });

  test('names the weight the server would refuse', () => {
    const before = draftOf(PROGRAM);
    expect(draftProblem({ ...before, weights: { ...before.weights!, former_manager: '101' } })?.field).toBe(
      'matching.weights.former_manager',
    );
    expect(draftProblem({ ...before, weights: { ...before.weights!, skill: '' } })?.field).toBe('matching.weights.skill');
    expect(draftProblem({ ...before, weights: { ...before.weights!, seasoned_years: '2.5' } })?.field).toBe(
      'matching.weights.seasoned_years',
    );
    expect(draftProblem({ ...before, weights: { ...before.weights!, skill: '0', timezone_overlap: '12.5' } })).toBeNull();
  });
});
