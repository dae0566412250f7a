// The JSON the server answers with, as docs/openapi.yaml describes it: every shape here is the
// type `npm run gen:api` generates from the document (src/generated/), named as the pages call
// it, so the document is the only place a field is written down.
import type { components } from './generated/api-schema';

/** The type docs/openapi.yaml gives the schema named K. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

export type Medium = Schema<'Medium'>;
export type Format = Schema<'Format'>;
export type Role = Schema<'Role'>;
export type Skill = Schema<'Skill'>;
export type Aspirations = Schema<'Aspirations'>;

/** A profile in whichever view the caller has of it (outsider, colleague, self or
 *  administrator): the fields every view has, and the others when this view has them. */
export type Person = Schema<'PersonOutsider'> & Partial<Schema<'PersonAdmin'>> & Partial<Schema<'WithResponsiveness'>>;
/** One's own profile or an administrator's view of one: every field but the admin-only ones. */
export type PersonSelf = Schema<'PersonSelfOrAdmin'>;
export type Responsiveness = Schema<'Responsiveness'>;

export type RelState = Schema<'RelationshipState'>;
export type PersonRef = Schema<'PersonRef'>;
export type Question = Schema<'Question'>;
export type Relationship = Schema<'Relationship'>;
export type ObjectiveCategory = Schema<'ObjectiveCategory'>;
export type Objective = Schema<'Objective'>;
export type Purpose = Schema<'Purpose'>;
export type Logistics = Schema<'Logistics'>;
export type TaskType = Schema<'TaskType'>;
export type TaskStatus = Schema<'TaskStatus'>;
export type Task = Schema<'Task'>;
export type Progress = Schema<'ObjectiveProgress'>;
export type AgendaItem = Schema<'AgendaItem'>;
export type MeetingStatus = Schema<'MeetingStatus'>;
export type Meeting = Schema<'WorkspaceMeeting'>;
export type Story = Schema<'Story'>;
export type MeetingDetail = Schema<'MeetingDetail'>;
export type Workspace = Schema<'Workspace'>;
export type ObjectiveOutcome = Schema<'ObjectiveOutcome'>;
export type Debrief = Schema<'Debrief'>;
export type DebriefSummary = Schema<'DebriefSummary'>;
export type Notification = Schema<'Notification'>;
/** A page of one's notifications, with how many are unread in all. */
export type NotificationPage = Schema<'NotificationList'>;
export type StateChange = Schema<'StateChange'>;
export type AdminRelationshipRow = Schema<'AdminRelationshipSummary'>;
export type AdminOverview = Schema<'AdminRelationshipOverview'>;

/** A page of a list: its items and where the next page starts (null on the last). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type LoginAnswer = Schema<'LoginResponse'>;

export type MentorCard = Schema<'MentorCard'>;
export type Factor = Schema<'Factor'>;
export type FactorName = Factor['name'];
export type Recommendation = Schema<'Recommendation'>;
export type RecommendationLabel = Recommendation['labels'][number];
export type RecommendationList = Schema<'RecommendationList'>;
export type DirectoryEntry = Schema<'DirectoryEntry'>;
export type ReceivedMentorRecommendation = Schema<'ReceivedMentorRecommendation'>;
export type SentMentorRecommendation = Schema<'MentorRecommendation'>;

export type CircleState = Schema<'CircleState'>;
export type MemberStatus = Schema<'MemberStatus'>;
export type Attendance = Schema<'Attendance'>;
export type CircleCard = Schema<'CircleCard'>;
export type CircleSessionSummary = CircleWorkspace['sessions'][number];
export type CircleSessionDetail = Schema<'CircleSessionDetail'>;
export type ActionItem = Schema<'ActionItem'>;
export type CirclePurpose = Schema<'CirclePurpose'>;
export type CircleStory = Schema<'CircleStory'>;
export type CircleWorkspace = Schema<'CircleWorkspace'>;
export type CircleDebriefSummary = Schema<'CircleDebriefSummary'>;
export type CircleDebrief = CircleDebriefSummary['debriefs'][number];

export type FlashSlot = Schema<'FlashSlot'>;
export type FlashTopic = Schema<'FlashTopic'>;
export type FlashPhase = Schema<'FlashPhase'>;
export type FlashBooking = Schema<'FlashBooking'>;

export type ApiToken = Schema<'ApiToken'>;
export type NewApiToken = Schema<'ApiTokenCreated'>;
export type ScimToken = Schema<'ScimToken'>;
export type ProgramReport = Schema<'ProgramReport'>;
export type ReportGroup = Schema<'ReportGroup'>;
export type ReportFigures = Schema<'ReportFigures'>;
export type ReportFormat = Schema<'ReportFormat'>;
export type NewScimToken = Schema<'ScimTokenCreated'>;

export type AdminCircleOverview = Schema<'AdminCircleOverview'>;
export type AdminCircleRow = AdminCircleOverview['items'][number];
export type AdminFlashOverview = Schema<'AdminFlashOverview'>;

export type PublicConfig = Schema<'PublicConfig'>;
export type CalendarFeed = Schema<'CalendarFeed'>;

export type SsoSettings = Schema<'SsoSettings'>;
export type SsoSettingsInput = Schema<'SsoSettingsInput'>;
export type VideoSettings = Schema<'VideoSettings'>;
export type VideoSettingsInput = Schema<'VideoSettingsInput'>;

/** One's mail settings: whether this server sends mail, and each kind on or off. */
export type MailSettings = Schema<'MailSettings'>;
/** An administrator's break-glass access to one relationship's shared content. */
export type BreakGlassGrant = Schema<'BreakGlassGrant'>;
/** One entry of the administrators' audit trail. */
export type AdminAuditEntry = Schema<'AdminAuditEntry'>;

/** One's browser sessions and API tokens (GET /me/sessions). */
export type Session = Schema<'Session'>;
/** An administrator's invitation to choose a password, and a page of them. */
export type AccountInvitation = Schema<'AccountInvitation'>;
export type InvitationsPage = Schema<'InvitationsPage'>;
/** What a mailed one-time link is for. */
export type AccessLink = Schema<'AccessLink'>;
