// The matching weights a program scores candidates with, as the form lists and checks them: each
// factor with the words an administrator reads, and the limits the server applies (0-100 points,
// `seasoned_years` a whole number of years up to 60).
import type { Program } from './programTypes';

export type Weights = Program['matching']['weights'];
export type WeightKey = keyof Weights;

export interface WeightFactor {
  key: WeightKey;
  label: string;
  hint: string;
}

export const WEIGHT_FACTORS: WeightFactor[] = [
  { key: 'skill', label: 'Skills wanted', hint: 'Every skill the mentee wants, held at the top level.' },
  { key: 'aspiration_role', label: 'Aspired role', hint: 'The mentor holds the role the mentee aspires to.' },
  { key: 'aspiration_department', label: 'Aspired department', hint: 'The mentor works where the mentee wants to go.' },
  { key: 'experience_gap', label: 'Experience gap', hint: 'The mentor has 5 to 15 more years of experience.' },
  {
    key: 'outside_perspective',
    label: 'Outside perspective',
    hint: 'An external mentor for a seasoned mentee (half for another department).',
  },
  { key: 'reverse_mentoring', label: 'Reverse mentoring', hint: 'A junior person teaches a senior one an emerging skill.' },
  { key: 'former_manager', label: 'Former manager', hint: 'A manager the mentee used to report to.' },
  { key: 'timezone_overlap', label: 'Time zones', hint: 'A full 8-hour working day in common.' },
  { key: 'shared_medium', label: 'Meeting medium', hint: 'Both prefer to meet the same way.' },
  { key: 'free_capacity', label: 'Free places', hint: 'The mentor has 3 or more free places.' },
  { key: 'responsiveness', label: 'Responsiveness', hint: 'The mentor answers every request within a day.' },
  {
    key: 'unresponsive_penalty',
    label: 'Unanswered requests (taken off)',
    hint: 'Points taken from a mentor who answers no request, less as the answer rate nears half.',
  },
  { key: 'manager_recommendation', label: 'Manager’s recommendation', hint: 'The mentee’s manager recommended this mentor.' },
];

export const SEASONED_YEARS: WeightFactor = {
  key: 'seasoned_years',
  label: 'Seasoned after (years)',
  hint: 'From this many years of experience on, a mentee counts as seasoned and outside perspectives score.',
};

/** The weights as the inputs hold them. */
export type WeightsDraft = Record<WeightKey, string>;

export function weightsDraft(w: Weights): WeightsDraft {
  const d = {} as WeightsDraft;
  for (const f of [...WEIGHT_FACTORS, SEASONED_YEARS]) d[f.key] = String(w[f.key]);
  return d;
}

/** A number typed into a box, or the text itself when it is not one (the server's 422 then names
 *  the field; the type says number because that is what the document asks for). */
function numberOrText(text: string): number {
  const t = text.trim();
  return (t !== '' && Number.isFinite(Number(t)) ? Number(t) : t) as number;
}

/** The field and message of the first weight the server would refuse, or null. */
export function weightsProblem(d: WeightsDraft): { field: string; message: string } | null {
  for (const f of WEIGHT_FACTORS) {
    const v = Number(d[f.key].trim());
    if (d[f.key].trim() === '' || !Number.isFinite(v) || v < 0 || v > 100)
      return { field: `matching.weights.${f.key}`, message: 'must be a number from 0 to 100' };
  }
  const years = d.seasoned_years.trim();
  if (!/^\d+$/.test(years) || Number(years) > 60)
    return { field: 'matching.weights.seasoned_years', message: 'must be a whole number of years from 0 to 60' };
  return null;
}

/** Only the weights that differ from `before`, as numbers. */
export function changedWeights(before: WeightsDraft, after: WeightsDraft): Partial<Weights> {
  const out: Partial<Weights> = {};
  for (const f of [...WEIGHT_FACTORS, SEASONED_YEARS])
    if (Number(after[f.key].trim()) !== Number(before[f.key].trim()) || after[f.key].trim() === '')
      out[f.key] = numberOrText(after[f.key]);
  return out;
}
