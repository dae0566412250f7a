import { api } from '../api';
import type { FlashTopic, Page } from '../types';

/** A topic list with each topic's upcoming slots (the list answers without them). */
export async function topicsWithSlots(path: string): Promise<FlashTopic[]> {
  const page = await api.get<Page<FlashTopic>>(path);
  return Promise.all(page.items.map((t) => api.get<FlashTopic>(`/flash/topics/${t.id}`)));
}
