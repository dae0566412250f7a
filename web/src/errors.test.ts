import { describe, expect, test } from 'vitest';
import { fieldLabel, humanize } from './errors';

describe('fieldLabel', () => {
  test('names an id field by the person it points to', () => {
    expect(fieldLabel('mentor_id')).toBe('mentor');
    expect(fieldLabel('manager_id')).toBe('current manager');
    expect(fieldLabel('mentee_ids')).toBe('mentees');
  });

  test('says a time field the way a person would', () => {
    expect(fieldLabel('starts_at')).toBe('date and time');
    expect(fieldLabel('scheduled_at')).toBe('date and time');
    expect(fieldLabel('booked_at')).toBe('booked time');
  });

  test('says the dates and rules of programs and cohorts in words', () => {
    expect(fieldLabel('ends_on')).toBe('end date');
    expect(fieldLabel('person_ids[1]')).toBe('people, item 2');
    expect(fieldLabel('matching.emerging_skills[0]')).toBe('matching: emerging skills, item 1');
    expect(humanize('must not be before starts_on')).toBe('must not be before start date');
  });

  test('numbers the items of a list from one', () => {
    expect(fieldLabel('skills[2].level')).toBe('skills, item 3: level');
    expect(fieldLabel('former_manager_ids[0]')).toBe('former managers, item 1');
  });

  test('leaves a plain word as it is', () => {
    expect(fieldLabel('title')).toBe('title');
  });
});

describe('humanize', () => {
  test('replaces the API names in a message', () => {
    expect(humanize('mentor_id is already your mentor')).toBe('mentor is already your mentor');
    expect(humanize('must be a list of {person_id, status}')).toBe('must be a list of {person, status}');
    expect(humanize('must be one of video, in_person, phone, chat')).toBe('must be one of video, in person, phone, chat');
  });

  test('keeps what the person typed, which the server quotes', () => {
    expect(humanize('"machine_learning" is not a skill; did you mean "machine learning"?')).toBe(
      '"machine_learning" is not a skill; did you mean "machine learning"?',
    );
  });

  test('keeps e-mail addresses, paths and links whole', () => {
    expect(humanize('noor_haddad@northwind.example is taken')).toBe('noor_haddad@northwind.example is taken');
    expect(humanize('see /api/v1/flash_topics and https://x.example/a_b')).toBe('see /api/v1/flash_topics and https://x.example/a_b');
  });

  test('keeps a message without API names as it is', () => {
    expect(humanize('too many failed sign-ins; wait 15 minutes and try again')).toBe(
      'too many failed sign-ins; wait 15 minutes and try again',
    );
  });
});
