import type { EntityManager } from 'typeorm';
import type { Position } from '@yakuba/contracts';
import type { OrganisationHolders, PositionHolders } from './domain/route-resolution';

export interface StaffEntry {
  id: string;
  displayName: string;
  position: string | null;
  departmentId: string | null;
  departmentName: string | null;
  active: boolean;
}

/** Names, positions and departments of staff, as the views and the route resolution need them. */
export class StaffDirectory {
  private constructor(private readonly byId: Map<string, StaffEntry>) {}

  /** Every active member of staff (about 200 in a town hall: one small query), for route resolution. */
  static async load(m: EntityManager, alsoIds: string[] = []): Promise<StaffDirectory> {
    return StaffDirectory.query(m, alsoIds, true);
  }

  /** Just these people (names and positions for a view or a history entry). */
  static async only(m: EntityManager, ids: string[]): Promise<StaffDirectory> {
    return StaffDirectory.query(m, ids, false);
  }

  private static async query(m: EntityManager, ids: string[], everyone: boolean): Promise<StaffDirectory> {
    const rows = (await m.query(
      `SELECT u.id, u.display_name, u.position, u.department_id, u.active, d.name AS department_name
       FROM users u LEFT JOIN departments d ON d.id = u.department_id
       WHERE ($2 AND u.active AND NOT u.system) OR u.id = ANY($1::uuid[])`,
      [ids, everyone],
    )) as {
      id: string;
      display_name: string;
      position: string | null;
      department_id: string | null;
      active: boolean;
      department_name: string | null;
    }[];
    return new StaffDirectory(
      new Map(
        rows.map((r) => [
          r.id,
          {
            id: r.id,
            displayName: r.display_name,
            position: r.position,
            departmentId: r.department_id,
            departmentName: r.department_name,
            active: r.active,
          },
        ]),
      ),
    );
  }

  get(id: string): StaffEntry {
    return this.byId.get(id) ?? { id, displayName: '（不明）', position: null, departmentId: null, departmentName: null, active: false };
  }

  has(id: string): boolean {
    return this.byId.get(id)?.active === true;
  }

  readonly holders: PositionHolders = (departmentId: string, position: Position) =>
    [...this.byId.values()].filter((u) => u.active && u.departmentId === departmentId && u.position === position).map((u) => u.id);

  readonly anywhere: OrganisationHolders = (position: Position) =>
    [...this.byId.values()].filter((u) => u.active && u.position === position).map((u) => u.id);
}
