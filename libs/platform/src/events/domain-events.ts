import { Injectable } from '@nestjs/common';
import { Observable, Subject, filter } from 'rxjs';

/** Facts that happened (published after commit). Contexts extend this map by declaration merging. */
 
export interface DomainEventMap {
  'sessions.revoked': { userId: string; sessionIds?: string[] };
  'user.changed': { userId: string };
}

export type DomainEventName = keyof DomainEventMap;
export interface DomainEventEnvelope<K extends DomainEventName = DomainEventName> {
  name: K;
  payload: DomainEventMap[K];
}

/**
 * In-process publish/subscribe between services and the realtime notifier: services never hold sockets.
 * With several nodes (REDIS_URL) each node's notifiers emit through the socket.io Redis adapter, which carries the
 * emits to the sockets of every node (docs/realtime.md "Several nodes"); the events themselves stay in their node.
 */
@Injectable()
export class DomainEvents {
  private readonly stream = new Subject<DomainEventEnvelope>();

  publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.stream.next({ name, payload } as DomainEventEnvelope);
  }

  on<K extends DomainEventName>(name: K): Observable<DomainEventMap[K]> {
    return new Observable<DomainEventMap[K]>((subscriber) =>
      this.stream.pipe(filter((e) => e.name === name)).subscribe((e) => subscriber.next(e.payload as DomainEventMap[K])),
    );
  }
}
