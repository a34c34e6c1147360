import { DISASTER_KIND_LABELS, DomainError, drillLabel, type DisasterKind, type DisasterStatus } from '@yakuba/contracts';

/** Facts about a disaster the rules below need. */
export interface DisasterFacts {
  status: DisasterStatus;
  drill: boolean;
}

/** Anything that writes (answers, acknowledgements, reports, messages) needs an active disaster: closed is read-only. */
export function assertActive(disaster: DisasterFacts): void {
  if (disaster.status !== 'active') throw new DomainError('conflict', 'the disaster is closed: its record is read-only');
}

export function assertClosable(disaster: DisasterFacts): void {
  if (disaster.status === 'closed') throw new DomainError('conflict', 'the disaster is already closed');
}

/** The level whose duties are mobilised: a disaster declared without a level mobilises level 1 (注意体制). */
export function mobilisedLevel(level: number | null): number {
  return level ?? 1;
}

/** 「【訓練】」 (the contract's, shared with the browser). */
export { drillLabel };

/** A chat channel's longest name (chat's rule): the disaster's channel name is made to fit it. */
export const CHANNEL_NAME_MAX = 80;

/**
 * The disaster channel's name: 【訓練】台風10号（台風）, the kind left out when the title ends with it already. A title
 * longer than the channel name allows (titles may have 200 characters) is shortened with 「…」, keeping the drill
 * label and the kind, so declaring never fails on a field the caller did not send.
 */
export function channelName(title: string, kind: DisasterKind, drill: boolean): string {
  const head = drillLabel(drill);
  const kindTail = `（${DISASTER_KIND_LABELS[kind]}）`;
  // A title that already ends with its kind (令和8年度 総合防災訓練（大雨）) does not get it twice.
  const tail = title.trim().endsWith(kindTail) ? '' : kindTail;
  const chars = [...title.trim()];
  const room = CHANNEL_NAME_MAX - head.length - tail.length;
  const body = chars.length > room ? `${chars.slice(0, room - 1).join('')}…` : chars.join('');
  return `${head}${body}${tail}`;
}

/** Drills are kept out of every KPI: the one filter the figures use. */
export function countsForKpis(disaster: DisasterFacts): boolean {
  return !disaster.drill;
}

export const GUEST_MAX_DAYS = 30;

/** An account's longest display name (users.display_name). */
export const DISPLAY_NAME_MAX = 100;

/**
 * A guest's account name: 山田 医師（DMAT 県立病院）. Name and organisation may each have 100 characters; together
 * they are made to fit an account's display name by shortening both with 「…」, the name keeping at least half.
 */
export function guestDisplayName(name: string, organisation: string): string {
  const cut = (chars: string[], room: number) => (chars.length > room ? [...chars.slice(0, Math.max(room - 1, 0)), '…'] : chars);
  const n = [...name.trim()];
  const o = [...organisation.trim()];
  const room = DISPLAY_NAME_MAX - 2;
  if (n.length + o.length <= room) return `${n.join('')}（${o.join('')}）`;
  const nameRoom = Math.max(Math.ceil(room / 2), room - o.length);
  const shortName = cut(n, nameRoom);
  return `${shortName.join('')}（${cut(o, room - shortName.length).join('')}）`;
}

/** A guest's expiry: in the future, and at most GUEST_MAX_DAYS away. */
export function checkGuestExpiry(expiresAt: Date, now: Date): void {
  if (Number.isNaN(expiresAt.getTime())) throw new DomainError('bad_request', 'expiresAt: must be a time');
  if (expiresAt.getTime() <= now.getTime()) throw new DomainError('bad_request', 'expiresAt: must be in the future');
  if (expiresAt.getTime() - now.getTime() > GUEST_MAX_DAYS * 86_400_000)
    throw new DomainError('bad_request', `expiresAt: at most ${GUEST_MAX_DAYS} days ahead`);
}
