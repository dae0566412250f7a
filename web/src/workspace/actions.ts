// The numbered sections of a relationship's workspace (the article's five actions) and of a
// circle: each one's anchor on the page, its number and heading, and the advice under it.
export interface Action {
  id: string;
  number: number;
  title: string;
  lede: string;
}

export const RELATIONSHIP_ACTIONS = {
  purpose: { id: 'purpose', number: 1, title: 'Purpose', lede: 'At the very first meeting, get to know one another, then define the purpose: objectives drive the conversation, and a clear outcome makes sure you both get something out of it.' },
  logistics: { id: 'logistics', number: 2, title: 'Logistics', lede: 'Decide how often you meet, how you meet (face to face, even if only through a camera), how the mentee wants feedback, and what each of you wants to learn.' },
  plan: { id: 'plan', number: 3, title: 'Action plan', lede: 'Networking contacts, assessments, informational interviews, shadowing, formal learning, projects: tasks with dates build in accountability and give you something to follow up on.' },
  meetings: { id: 'meetings', number: 4, title: 'Meetings and stories', lede: 'Meet regularly with an agenda built from your plan. Weave in stories, but not too many: share one to crystallise a point, then ask what was learned from it.' },
  debrief: { id: 'debrief', number: 5, title: 'Debrief and conclude', lede: 'Much like a project, debriefing and formally closing the relationship solidifies what was achieved and what still needs to be done, instead of just fading away.' },
} satisfies Record<string, Action>;

export const CIRCLE_ACTIONS = {
  purpose: { id: 'purpose', number: 1, title: 'Purpose', lede: 'Agree at the first session what the circle is for: objectives drive the conversation, and a clear outcome makes sure every member gets something out of it.' },
  sessions: { id: 'sessions', number: 2, title: 'Sessions and stories', lede: 'Meet as a group on a rhythm. The host weaves in stories to crystallise a point, and each member says what they learned or will apply.' },
  debrief: { id: 'debrief', number: 4, title: 'Debrief and conclude', lede: 'Close the circle properly instead of letting it fade: each person says what was achieved, what still needs doing and what they would do differently, and everyone reads the result.' },
} satisfies Record<string, Action>;
