import type { EntityManager } from 'typeorm';

/** Who joined and who left which channel when staff were placed; announced after the caller's commit. */
export interface PlacementChanges {
  joined: { channelId: string; userId: string }[];
  left: { channelId: string; userId: string }[];
}

/**
 * Where a member of staff belongs: the organisation-wide channel (全庁連絡) and their department's channel. The
 * directory calls `place` inside the transaction that creates, imports or moves people, so nobody exists for a
 * moment without them; chat implements it (CHAT's `ChatStaffPlacementService`) and the directory never imports chat.
 * `announce` tells the sockets after the commit.
 */
export interface StaffPlacementPort {
  place(m: EntityManager, userIds: string[]): Promise<PlacementChanges>;
  announce(changes: PlacementChanges): Promise<void>;
}

export const STAFF_PLACEMENT_PORT = Symbol('STAFF_PLACEMENT_PORT');
