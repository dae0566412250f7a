// The hand-written API types (types.ts, admin/cohorts/cohortTypes.ts) checked against the types
// generated from docs/openapi.yaml (src/generated/, made by `npm run gen:api` before every
// type-check and build): what the server documents must fit what the pages read, so a change on
// one side that the other does not follow breaks the build.
import type { components } from './generated/api-schema';
import type {
  CircleCard,
  FlashBooking,
  Nudge,
  PublicConfig,
  Relationship,
  Workspace,
} from './types';
import type { Matching } from './admin/cohorts/cohortTypes';

type Schema<K extends keyof components['schemas']> = components['schemas'][K];

/** Compiles only when `Documented` can be used where the web app expects `Read`. */
type Fits<Documented, Read> = Documented extends Read ? true : never;

export const contract: Record<string, true> = {
  publicConfig: true satisfies Fits<Schema<'PublicConfig'>, PublicConfig>,
  relationship: true satisfies Fits<Schema<'Relationship'>, Relationship>,
  workspace: true satisfies Fits<Schema<'Workspace'>, Workspace>,
  nudge: true satisfies Fits<Schema<'Nudge'>, Nudge>,
  circleCard: true satisfies Fits<Schema<'CircleCard'>, CircleCard>,
  flashBooking: true satisfies Fits<Schema<'FlashBooking'>, FlashBooking>,
  matching: true satisfies Fits<Schema<'MatchingJob'>, Matching>,
};
