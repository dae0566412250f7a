// A program's form as typed (every input a string, as the inputs hold it), the body it sends, and
// the checks made before sending: the same as the server's, so a slip is named at its field
// without a round trip; the server checks again and its 422 lands at the same field.
import { ApiError } from '../../api';
import { dayOrNull, dayRangeProblem } from '../../dateRange';
import { changedWeights, weightsDraft, weightsProblem, type WeightsDraft } from './matchingWeights';
import type { Program, ProgramFormat, ProgramInput, ProgramPatch } from './programTypes';
import { PROGRAM_FORMATS } from './programTypes';

export interface ProgramDraft {
  name: string;
  description: string;
  starts_on: string;
  ends_on: string;
  formats: ProgramFormat[];
  /** '' for the server's default. */
  request_expiry_days: string;
  fade_after_cadences: string;
  /** Comma-separated, as typed. */
  emerging_skills: string;
  /** A program's weights and whether external people take part; null in the new-program form,
   *  where a program starts with the organisation's. */
  weights: WeightsDraft | null;
  allow_external: boolean;
}

/** Formats in the order the form lists them, whatever order they were ticked in. */
export function inOrder(formats: ProgramFormat[]): ProgramFormat[] {
  return PROGRAM_FORMATS.filter((f) => formats.includes(f));
}

/** An empty form, or `program` as the form shows it. */
export function draftOf(program?: Program): ProgramDraft {
  if (!program)
    return {
      name: '',
      description: '',
      starts_on: '',
      ends_on: '',
      formats: [...PROGRAM_FORMATS],
      request_expiry_days: '',
      fade_after_cadences: '2',
      emerging_skills: '',
      weights: null,
      allow_external: true,
    };
  return {
    name: program.name,
    description: program.description,
    starts_on: program.starts_on ?? '',
    ends_on: program.ends_on ?? '',
    formats: inOrder(program.formats),
    request_expiry_days: program.request_expiry_days === null ? '' : String(program.request_expiry_days),
    fade_after_cadences: String(program.fade_after_cadences),
    emerging_skills: program.matching.emerging_skills.join(', '),
    weights: weightsDraft(program.matching.weights),
    allow_external: program.matching.allow_external,
  };
}

/** "generative AI, LLM evaluation" -> each skill once (regardless of case), in the order typed. */
export function skillList(text: string): string[] {
  const seen = new Set<string>();
  const skills: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const skill = part.trim().replace(/\s+/g, ' ');
    if (!skill || seen.has(skill.toLowerCase())) continue;
    seen.add(skill.toLowerCase());
    skills.push(skill);
  }
  return skills;
}

/** A whole number typed into a box, or the text itself when it is not one, so that the server's
 *  422 names the field (the type says number because that is what the document asks for). */
function wholeNumber(text: string): number {
  const t = text.trim();
  return (/^\d+$/.test(t) ? Number(t) : t) as number;
}

function inRange(text: string, low: number, high: number): boolean {
  const t = text.trim();
  return /^\d+$/.test(t) && Number(t) >= low && Number(t) <= high;
}

/** What the server would refuse in the form, as the ApiError it would send, or null. */
export function draftProblem(d: ProgramDraft): ApiError | null {
  const invalid = (field: string, message: string) => new ApiError(422, 'invalid', message, field);
  if (!d.name.trim()) return invalid('name', 'must not be empty');
  const dates = dayRangeProblem(d.starts_on, d.ends_on);
  if (dates) return invalid(dates.field, dates.message);
  if (d.formats.length === 0) return invalid('formats', 'a program offers at least one format');
  if (d.request_expiry_days.trim() && !inRange(d.request_expiry_days, 1, 90))
    return invalid('request_expiry_days', 'must be between 1 and 90 days');
  if (!inRange(d.fade_after_cadences, 1, 6)) return invalid('fade_after_cadences', 'must be between 1 and 6 missed meetings');
  if (skillList(d.emerging_skills).length > 50) return invalid('matching.emerging_skills', 'at most 50 skills');
  const weights = d.weights && weightsProblem(d.weights);
  if (weights) return invalid(weights.field, weights.message);
  return null;
}

/** The body of POST /admin/programs. Weights are not sent: a new program starts with the
 *  organisation's. */
export function createBody(d: ProgramDraft): ProgramInput {
  const skills = skillList(d.emerging_skills);
  return {
    name: d.name.trim(),
    description: d.description,
    starts_on: dayOrNull(d.starts_on),
    ends_on: dayOrNull(d.ends_on),
    formats: inOrder(d.formats),
    request_expiry_days: d.request_expiry_days.trim() ? wholeNumber(d.request_expiry_days) : null,
    fade_after_cadences: wholeNumber(d.fade_after_cadences),
    // No skills typed: the organisation's list, as the server copies it.
    ...(skills.length ? { matching: { emerging_skills: skills } } : {}),
  };
}

/** The body of PATCH /admin/programs/{id}: only what differs from `before`, so the audit trail
 *  names what the administrator changed. */
export function patchBody(before: ProgramDraft, after: ProgramDraft): ProgramPatch {
  const body: ProgramPatch = {};
  if (after.name.trim() !== before.name) body.name = after.name.trim();
  if (after.description !== before.description) body.description = after.description;
  if (after.starts_on !== before.starts_on) body.starts_on = dayOrNull(after.starts_on);
  if (after.ends_on !== before.ends_on) body.ends_on = dayOrNull(after.ends_on);
  if (inOrder(after.formats).join() !== inOrder(before.formats).join()) body.formats = inOrder(after.formats);
  if (after.request_expiry_days.trim() !== before.request_expiry_days)
    body.request_expiry_days = after.request_expiry_days.trim() ? wholeNumber(after.request_expiry_days) : null;
  if (after.fade_after_cadences.trim() !== before.fade_after_cadences) body.fade_after_cadences = wholeNumber(after.fade_after_cadences);
  const matching: NonNullable<ProgramPatch['matching']> = {};
  const skills = skillList(after.emerging_skills);
  if (skills.join('\n') !== skillList(before.emerging_skills).join('\n')) matching.emerging_skills = skills;
  if (after.allow_external !== before.allow_external) matching.allow_external = after.allow_external;
  if (before.weights && after.weights) {
    const weights = changedWeights(before.weights, after.weights);
    if (Object.keys(weights).length) matching.weights = weights;
  }
  if (Object.keys(matching).length) body.matching = matching;
  return body;
}
