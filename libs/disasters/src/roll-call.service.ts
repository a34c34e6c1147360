import { Injectable } from '@nestjs/common';
import {
  DomainError,
  SYSTEM_ACCOUNT,
  type RollCallAnswerView,
  type RollCallAttendance,
  type RollCallSafety,
  type RollCallTally,
} from '@yakuba/contracts';
import { DomainEvents, formatTokyo, isUuid, writeCsv, type Principal } from '@yakuba/platform';
import { actorOf, canRun, rows, DisasterStore } from './disaster-store';
import { assertActive, drillLabel } from './domain/disaster-rules';
import { tallyRollCall } from './domain/roll-call-tally';
import type { RollCallAnswerDto } from './dto/disasters.dto';

interface AnswerRow {
  user_id: string;
  department_id: string | null;
  safety: RollCallSafety;
  attendance: RollCallAttendance;
  eta: Date | null;
  location: string | null;
  note: string | null;
  answered_at: Date;
  answered_by: string;
}

const view = (r: AnswerRow): RollCallAnswerView => ({
  userId: r.user_id,
  departmentId: r.department_id,
  safety: r.safety,
  attendance: r.attendance,
  eta: r.eta?.toISOString() ?? null,
  location: r.location,
  note: r.note,
  answeredAt: r.answered_at.toISOString(),
  answeredBy: r.answered_by,
  onBehalf: r.answered_by !== r.user_id,
});

export const SAFETY_LABELS: Record<RollCallSafety, string> = { safe: '無事', injured: '負傷', needs_help: '要支援' };
export const ATTENDANCE_LABELS: Record<RollCallAttendance, string> = { available: '参集可', unavailable: '参集不可', arrived: '参集済' };

const ANSWERS_SQL = `SELECT rc.*, u.department_id FROM disaster_roll_call rc JOIN users u ON u.id = rc.user_id WHERE rc.disaster_id = $1`;

/** 安否確認・参集: one current answer per member (replaceable), the officer's tally by department, the CSV. */
@Injectable()
export class RollCallService {
  constructor(
    private readonly store: DisasterStore,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Stores `userId`'s answer (the caller's own, or an officer's for a colleague reached by phone, recorded as such).
   * An outbox resend with the same clientAnswerId answers the stored answer and changes nothing.
   */
  async answer(user: Principal, disasterId: string, dto: RollCallAnswerDto, forUserId?: string): Promise<RollCallAnswerView> {
    const target = forUserId ?? user.id;
    const disaster = await this.store.load(user, disasterId, forUserId && forUserId !== user.id ? 'run' : 'read');
    if (user.guest || user.apiToken) throw new DomainError('forbidden', 'the roll call is for staff');
    if (!isUuid(target) || !(await this.store.channels.isMember(disaster.channel_id, target)) || target === SYSTEM_ACCOUNT.id)
      throw new DomainError('not_found', 'member not found');
    assertActive(disaster);
    const eta = dto.eta ? new Date(dto.eta) : null;
    const { row, stored } = await this.store.db.transaction(async (m) => {
      if (dto.clientAnswerId) {
        const [fresh] = await rows(
          m,
          `INSERT INTO disaster_roll_call_keys (disaster_id, user_id, client_answer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
          [disasterId, target, dto.clientAnswerId],
        );
        if (!fresh) {
          const [current] = await rows<AnswerRow>(m, `${ANSWERS_SQL} AND rc.user_id = $2`, [disasterId, target]);
          if (current) return { row: current, stored: false };
        }
      }
      await m.query(
        `INSERT INTO disaster_roll_call (disaster_id, user_id, safety, attendance, eta, location, note, answered_by, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())
         ON CONFLICT (disaster_id, user_id) DO UPDATE SET safety = EXCLUDED.safety, attendance = EXCLUDED.attendance, eta = EXCLUDED.eta,
           location = EXCLUDED.location, note = EXCLUDED.note, answered_by = EXCLUDED.answered_by, answered_at = EXCLUDED.answered_at`,
        [disasterId, target, dto.safety, dto.attendance, eta, dto.location ?? null, dto.note ?? null, user.id],
      );
      const [row] = await rows<AnswerRow>(m, `${ANSWERS_SQL} AND rc.user_id = $2`, [disasterId, target]);
      const who = target === user.id ? '' : `${await this.store.displayName(target)}（代理回答）：`;
      await this.store.record(
        m,
        disasterId,
        'roll_call',
        actorOf(user),
        `${who}${SAFETY_LABELS[dto.safety]}・${ATTENDANCE_LABELS[dto.attendance]}${eta ? `・到着予定 ${formatTokyo(eta, 'minute')}` : ''}${dto.location ? `・${dto.location}` : ''}${dto.note ? `・${dto.note}` : ''}`,
        target,
        row.answered_at,
      );
      return { row, stored: true };
    });
    const answer = view(row);
    if (stored) {
      const { tally } = await this.tallyOf(disaster.channel_id, disasterId);
      this.events.publish('disasters.roll-call', { disasterId, answer, total: tally.total, answered: tally.answered });
    }
    return answer;
  }

  private async tallyOf(channelId: string, disasterId: string) {
    const members = (await this.store.channels.memberIds(channelId)).filter((id) => id !== SYSTEM_ACCOUNT.id);
    const people = await this.store.people(members);
    const answers = await rows<AnswerRow>(this.store.db.manager, ANSWERS_SQL, [disasterId]);
    const staff = await this.staffOnly(people.map((p) => p.id));
    const tally = tallyRollCall(
      people.filter((p) => staff.has(p.id)),
      answers.map((a) => ({ userId: a.user_id, safety: a.safety, attendance: a.attendance })),
      await this.store.departments(),
    );
    return { tally, answers };
  }

  /** Guests are in the channel but not in the roll call. */
  private async staffOnly(ids: string[]): Promise<Set<string>> {
    const found = await rows<{ id: string }>(
      this.store.db.manager,
      'SELECT id FROM users WHERE id = ANY($1::uuid[]) AND guest_channel_id IS NULL',
      [ids],
    );
    return new Set(found.map((r) => r.id));
  }

  async tally(user: Principal, disasterId: string): Promise<RollCallTally> {
    const disaster = await this.store.load(user, disasterId);
    const { tally, answers } = await this.tallyOf(disaster.channel_id, disasterId);
    const officer = canRun(user) && !user.guest;
    const counted = new Set(tally.unanswered);
    const views = answers.filter((a) => !counted.has(a.user_id)).map(view);
    return {
      ...tally,
      answers: officer ? views : views.filter((a) => a.userId === user.id),
      mine: views.find((a) => a.userId === user.id) ?? null,
    };
  }

  async csv(user: Principal, disasterId: string): Promise<{ name: string; bytes: Buffer }> {
    const disaster = await this.store.load(user, disasterId, 'run');
    const { tally, answers } = await this.tallyOf(disaster.channel_id, disasterId);
    const byUser = new Map(answers.map((a) => [a.user_id, a]));
    const people = new Map((await this.store.people([...tally.unanswered, ...answers.map((a) => a.user_id)])).map((p) => [p.id, p]));
    const departments = new Map((await this.store.departments()).map((d) => [d.id, d.name]));
    const rowsOut: string[][] = [[`${drillLabel(disaster.drill)}${disaster.title} 安否確認・参集${disaster.drill ? '（訓練）' : ''}`]];
    rowsOut.push(['所属', '氏名', '安否', '参集', '到着予定', '現在地', '備考', '回答日時', '代理回答者', '訓練']);
    for (const dept of tally.byDepartment) {
      const ids = [
        ...answers.filter((a) => (a.department_id ?? null) === dept.departmentId && people.has(a.user_id)).map((a) => a.user_id),
        ...dept.unanswered,
      ];
      for (const id of ids) {
        const a = byUser.get(id);
        const person = people.get(id);
        rowsOut.push([
          dept.departmentId ? (departments.get(dept.departmentId) ?? '') : '所属なし',
          person?.displayName ?? '',
          a ? SAFETY_LABELS[a.safety] : '未回答',
          a ? ATTENDANCE_LABELS[a.attendance] : '',
          a?.eta ? formatTokyo(a.eta, 'minute') : '',
          a?.location ?? '',
          a?.note ?? '',
          a ? formatTokyo(a.answered_at, 'date-time') : '',
          a && a.answered_by !== a.user_id ? await this.store.displayName(a.answered_by) : '',
          disaster.drill ? '訓練' : '',
        ]);
      }
    }
    return { name: `${drillLabel(disaster.drill)}${disaster.title}_安否確認.csv`, bytes: writeCsv(rowsOut) };
  }
}
