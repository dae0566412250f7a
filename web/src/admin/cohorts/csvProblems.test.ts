import { describe, expect, test } from 'vitest';
import { ApiError } from '../../api';
import { csvProblemsOf, problemLine } from './csvProblems';

describe('problemLine', () => {
  test('names the line, the column in people words and the value', () => {
    expect(problemLine({ line: 2, column: 'manager_id', value: '77', reason: '77 is not the id of anyone in the file' })).toEqual({
      line: 'Line 2',
      where: 'Column “current manager”, value “77”',
      reason: '77 is not the id of anyone in the file',
    });
  });

  test('names the column without a value when it is empty', () => {
    expect(problemLine({ line: 3, column: 'name', value: null, reason: 'is required' })).toEqual({
      line: 'Line 3',
      where: 'Column “name”',
      reason: 'is required',
    });
  });

  test('names no column when the whole row is at fault, and the reason starts a sentence', () => {
    expect(problemLine({ line: 5, column: null, value: null, reason: 'the row has 3 fields, the header has 5 columns' })).toEqual({
      line: 'Line 5',
      where: '',
      reason: 'The row has 3 fields, the header has 5 columns',
    });
  });
});

describe('csvProblemsOf', () => {
  test('finds the list in a refused file', () => {
    const details = [{ line: 3, column: 'name', value: null, reason: 'is required' }];
    const error = new ApiError(422, 'invalid', 'line 3: name is required', 'csv', { details, more_problems: 2 });
    expect(csvProblemsOf(error)).toEqual({ problems: details, more: 2 });
  });

  test('gives nothing for another error', () => {
    expect(csvProblemsOf(new ApiError(422, 'invalid', 'k must be from 1 to 500', 'k'))).toBeNull();
    expect(csvProblemsOf(null)).toBeNull();
  });
});
