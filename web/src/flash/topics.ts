import { api, ok } from '../api';
import type { paths } from '../generated/api-schema';
import type { FlashTopic } from '../types';

export type TopicQuery = NonNullable<paths['/api/v1/flash/topics']['get']['parameters']['query']>;

/** A topic list with each topic's upcoming slots (the list answers without them). */
export async function topicsWithSlots(query: TopicQuery): Promise<FlashTopic[]> {
  const page = await ok(api.GET('/api/v1/flash/topics', { params: { query } }));
  return Promise.all(page.items.map((t) => ok(api.GET('/api/v1/flash/topics/{id}', { params: { path: { id: t.id } } }))));
}
