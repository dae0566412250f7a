// The JSON of programs, as docs/openapi.yaml describes it (the generated types, named as the pages
// call them), and the words the pages use for a program's formats and state.
import type { Schema } from '../../types';

export type Program = Schema<'Program'>;
export type ProgramInput = Schema<'ProgramInput'>;
/** The body of PATCH /admin/programs/{id}: any of a program's fields. */
export type ProgramPatch = Schema<'ProgramPatch'>;
export type ProgramFormat = Schema<'ProgramFormat'>;
export type ProgramClosed = Schema<'ProgramClosed'>;

export const PROGRAM_FORMATS: ProgramFormat[] = ['one_to_one', 'circle', 'flash'];

export const PROGRAM_FORMAT_LABELS: Record<ProgramFormat, string> = {
  one_to_one: 'One-to-one',
  circle: 'Circles',
  flash: 'Flash mentoring',
};

/** The server's request expiry when a program sets none. */
export const DEFAULT_REQUEST_EXPIRY_DAYS = 14;

export function formatsText(formats: ProgramFormat[]): string {
  return PROGRAM_FORMATS.filter((f) => formats.includes(f))
    .map((f) => PROGRAM_FORMAT_LABELS[f])
    .join(', ');
}

/** Open programs that offer one-to-one mentoring: the ones a cohort can belong to. */
export function takesCohorts(p: Program): boolean {
  return p.state === 'open' && p.formats.includes('one_to_one');
}
