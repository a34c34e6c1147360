import { DomainError } from '@yakuba/contracts';

export interface AgendaDraftItem {
  id?: string;
  title: string;
  durationMinutes?: number | null;
}

export interface AgendaPlan {
  /** Existing items kept, with their new 1-based position. */
  keep: { id: string; position: number; title: string; durationMinutes: number | null }[];
  create: { position: number; title: string; durationMinutes: number | null }[];
  /** Existing items left out of the new list. */
  remove: string[];
}

/** The whole agenda in its new order: existing items are named by id (their minutes stay), new ones have none. */
export function planAgenda(existingIds: readonly string[], items: readonly AgendaDraftItem[]): AgendaPlan {
  const known = new Set(existingIds);
  const seen = new Set<string>();
  const plan: AgendaPlan = { keep: [], create: [], remove: [] };
  items.forEach((item, index) => {
    const title = item.title.trim();
    if (!title) throw new DomainError('bad_request', `items.${index}.title must not be empty`);
    const position = index + 1;
    const durationMinutes = item.durationMinutes ?? null;
    if (item.id === undefined) return plan.create.push({ position, title, durationMinutes });
    if (!known.has(item.id)) throw new DomainError('bad_request', `items.${index}.id is not an item of this meeting`);
    if (seen.has(item.id)) throw new DomainError('bad_request', `items.${index}.id appears twice`);
    seen.add(item.id);
    plan.keep.push({ id: item.id, position, title, durationMinutes });
  });
  plan.remove = existingIds.filter((id) => !seen.has(id));
  return plan;
}
