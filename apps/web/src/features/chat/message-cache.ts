import type { MessageView } from '@yakuba/contracts';

/** Messages held in this tab, by channel and id; a newer state (updatedAt) of a message replaces an older one. */
export class MessageCache {
  private readonly byChannel = new Map<string, Map<string, MessageView>>();

  /** Stores the messages; answers those that were not held before. */
  insert(list: MessageView[]): MessageView[] {
    const added: MessageView[] = [];
    for (const m of list) {
      const byId = this.byChannel.get(m.channelId) ?? new Map<string, MessageView>();
      const had = byId.get(m.id);
      if (!had) added.push(m);
      if (!had || had.updatedAt <= m.updatedAt) byId.set(m.id, m);
      this.byChannel.set(m.channelId, byId);
    }
    return added;
  }

  has(channelId: string, id: string): boolean {
    return this.byChannel.get(channelId)?.has(id) ?? false;
  }

  get(channelId: string, id: string): MessageView | undefined {
    return this.byChannel.get(channelId)?.get(id);
  }

  drop(channelId: string): void {
    this.byChannel.delete(channelId);
  }

  maxSeq(channelId: string): number {
    let max = 0;
    for (const m of this.byChannel.get(channelId)?.values() ?? []) max = Math.max(max, m.seq);
    return max;
  }

  /** Channel messages (not thread-only replies) in seq order. */
  channel(channelId: string): MessageView[] {
    return [...(this.byChannel.get(channelId)?.values() ?? [])]
      .filter((m) => !m.threadRootId || m.alsoInChannel)
      .sort((a, b) => a.seq - b.seq);
  }

  thread(channelId: string, rootId: string): MessageView[] {
    return [...(this.byChannel.get(channelId)?.values() ?? [])]
      .filter((m) => m.id === rootId || m.threadRootId === rootId)
      .sort((a, b) => a.seq - b.seq);
  }
}
