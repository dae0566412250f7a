// The problems of a cohort file as people read them: the server lists each bad row of the file
// (POST /matchings/from-csv answers 422 with `details`); this says each one as "Line 3", the
// column as the format's help calls it, and the reason in people words.
import type { ApiError } from '../../api';
import type { components } from '../../generated/api-schema';
import { fieldLabel, humanize } from '../../errors';

export type CsvProblem = components['schemas']['CsvProblem'];

export interface ProblemLine {
  line: string;
  /** "Column “current manager”, value “77”", or empty when the whole row is at fault. */
  where: string;
  reason: string;
}

/** The file's problems of an error from the CSV matching, or null for any other error. */
export function csvProblemsOf(error: ApiError | null): { problems: CsvProblem[]; more: number } | null {
  if (!error || error.field !== 'csv' || !Array.isArray(error.details.details)) return null;
  const more = typeof error.details.more_problems === 'number' ? error.details.more_problems : 0;
  return { problems: error.details.details as CsvProblem[], more };
}

export function problemLine(p: CsvProblem): ProblemLine {
  const parts: string[] = [];
  if (p.column) parts.push(`Column “${fieldLabel(p.column)}”`);
  if (p.column && p.value) parts.push(`value “${p.value}”`);
  const reason = humanize(p.reason);
  const where = parts.join(', ');
  // After the column the reason goes on the sentence ("Column “name”: is required"); alone it
  // starts one.
  return { line: `Line ${p.line}`, where, reason: where ? reason : reason.charAt(0).toUpperCase() + reason.slice(1) };
}
