import {
  ROLL_CALL_ATTENDANCE,
  ROLL_CALL_SAFETY,
  type RollCallAttendance,
  type RollCallDepartmentRow,
  type RollCallSafety,
} from '@yakuba/contracts';
import type { DepartmentFacts, PersonFacts } from './receipts';

export interface AnswerFacts {
  userId: string;
  safety: RollCallSafety;
  attendance: RollCallAttendance;
}

export interface Tally {
  total: number;
  answered: number;
  safety: Record<RollCallSafety, number>;
  attendance: Record<RollCallAttendance, number>;
  unanswered: string[];
  byDepartment: RollCallDepartmentRow[];
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The roll call over the channel's members: each member counted once with their latest answer (`answers` holds one
 * per person); answers of people no longer members are not counted. Unanswered ids keep the members' order.
 */
export function tallyRollCall(
  members: readonly PersonFacts[],
  answers: readonly AnswerFacts[],
  departments: readonly DepartmentFacts[],
): Tally {
  const byUser = new Map(answers.map((a) => [a.userId, a]));
  const byId = new Map(departments.map((d) => [d.id, d]));
  const tally: Tally = {
    total: 0,
    answered: 0,
    safety: zeros(ROLL_CALL_SAFETY),
    attendance: zeros(ROLL_CALL_ATTENDANCE),
    unanswered: [],
    byDepartment: [],
  };
  const rows = new Map<string | null, RollCallDepartmentRow>();
  for (const person of new Map(members.map((m) => [m.id, m])).values()) {
    const key = person.departmentId !== null && byId.has(person.departmentId) ? person.departmentId : null;
    let row = rows.get(key);
    if (!row) {
      row = {
        departmentId: key,
        departmentName: key ? byId.get(key)!.name : '所属なし',
        total: 0,
        answered: 0,
        safety: zeros(ROLL_CALL_SAFETY),
        attendance: zeros(ROLL_CALL_ATTENDANCE),
        unanswered: [],
      };
      rows.set(key, row);
    }
    tally.total++;
    row.total++;
    const answer = byUser.get(person.id);
    if (!answer) {
      tally.unanswered.push(person.id);
      row.unanswered.push(person.id);
      continue;
    }
    tally.answered++;
    row.answered++;
    tally.safety[answer.safety]++;
    row.safety[answer.safety]++;
    tally.attendance[answer.attendance]++;
    row.attendance[answer.attendance]++;
  }
  const order = (id: string | null) => (id === null ? Number.MAX_SAFE_INTEGER : byId.get(id)!.sortOrder);
  tally.byDepartment = [...rows.values()].sort((a, b) => order(a.departmentId) - order(b.departmentId));
  return tally;
}
