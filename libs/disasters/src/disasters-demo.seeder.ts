import { Injectable } from '@nestjs/common';
import type { DamageCategory, DutyGroup, Role } from '@yakuba/contracts';
import { fiscalYear, formatWarekiFiscalYear, type Principal } from '@yakuba/platform';
import { DamageService } from './damage.service';
import { demoPhoto, withGpsExif } from './demo-photo';
import { DisasterStore, rows } from './disaster-store';
import { DisastersService } from './disasters.service';
import { DutyService } from './duty.service';
import { GuestService } from './guest.service';
import { RollCallService } from './roll-call.service';
import { SituationService } from './situation.service';
import { UrgentService } from './urgent.service';

/** The roster the demo town keeps ahead of time (配備体制): 本部, shelters and their keys, by level. */
const ROSTER: { level: number; group: DutyGroup; title: string; place?: string; assignee: string }[] = [
  { level: 1, group: 'headquarters', title: '災害対策本部 事務局', assignee: 'suzuki.somu' },
  { level: 1, group: 'headquarters', title: '情報収集・気象監視', assignee: 'takahashi.somu' },
  { level: 2, group: 'shelter', title: '避難所開設', place: '世田米小学校 体育館', assignee: 'ikeda.kyoiku' },
  { level: 2, group: 'key_holder', title: '鍵の保管・解錠', place: '世田米小学校 体育館', assignee: 'hashimoto.kyoiku' },
  { level: 3, group: 'headquarters', title: '災害対策本部 本部長', assignee: 'chocho' },
  { level: 3, group: 'headquarters', title: '災害対策本部 副本部長', assignee: 'fukuchocho' },
  { level: 3, group: 'shelter', title: '避難所開設', place: '住田町農林会館', assignee: 'inoue.nosei' },
  { level: 3, group: 'key_holder', title: '鍵の保管・解錠', place: '住田町農林会館', assignee: 'matsumoto.nosei' },
  { level: 4, group: 'other', title: '道路パトロール', assignee: 'mori.kensetsu' },
  { level: 5, group: 'other', title: '給水車の手配', assignee: 'yamazaki.kensetsu' },
];

const DAMAGE: {
  place: string;
  category: DamageCategory;
  severity: number;
  lat: number | null;
  lng: number | null;
  note: string;
  reporter: string;
  status: 'open' | 'in_progress' | 'done';
  assignee?: string;
}[] = [
  {
    place: '町道 世田米線 大股地区',
    category: 'road',
    severity: 2,
    lat: 39.1412,
    lng: 141.5701,
    note: '倒木により片側通行（訓練想定）',
    reporter: 'mori.kensetsu',
    status: 'done',
    assignee: 'shimizu.kensetsu',
  },
  {
    place: '気仙川 昭和橋付近',
    category: 'river',
    severity: 3,
    // Not typed in: the photo's EXIF GPS gives the report its coordinates.
    lat: null,
    lng: null,
    note: '水位上昇、氾濫注意水位（訓練想定）',
    reporter: 'hayashi.rinsei',
    status: 'in_progress',
    assignee: 'kimura.rinsei',
  },
  {
    place: '上有住地区 一部',
    category: 'power',
    severity: 1,
    lat: 39.1822,
    lng: 141.6345,
    note: '約30戸停電（訓練想定）',
    reporter: 'nakamura.chomin',
    status: 'open',
  },
];

/**
 * Demo data: the duty roster, and one closed drill (run and closed at seeding) with an urgent message, its receipts
 * and a re-notification of those still pending, the roll call (one answer given by the officer for a colleague
 * reached by phone, 代理回答), duties, damage reports with a photo carrying its GPS position, two guests (one
 * removed during the drill, the other at its close), two situation reports and the record. No disaster is left
 * active: a red banner on every page on first start would read as a real alarm (declare a drill to see it).
 */
@Injectable()
export class DisastersDemoSeeder {
  constructor(
    private readonly store: DisasterStore,
    private readonly disasters: DisastersService,
    private readonly duties: DutyService,
    private readonly urgent: UrgentService,
    private readonly rollCall: RollCallService,
    private readonly damage: DamageService,
    private readonly situation: SituationService,
    private readonly guests: GuestService,
  ) {}

  private async principals(): Promise<Map<string, Principal>> {
    const found = await rows<{
      id: string;
      username: string;
      display_name: string;
      roles: Role[];
      department_id: string | null;
      position: string | null;
    }>(this.store.db.manager, 'SELECT id, username, display_name, roles, department_id, position FROM users WHERE active AND NOT system');
    return new Map(
      found.map((u) => [
        u.username,
        {
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          roles: u.roles,
          departmentId: u.department_id,
          position: u.position,
          sessionId: 'seed',
        },
      ]),
    );
  }

  async seed(): Promise<void> {
    const people = await this.principals();
    const officer = people.get('sato.somu');
    if (!officer) return;
    const who = (name: string) => people.get(name)!;
    for (const duty of ROSTER)
      if (people.has(duty.assignee))
        await this.duties.createRole({
          level: duty.level,
          group: duty.group,
          title: duty.title,
          place: duty.place ?? null,
          assigneeId: who(duty.assignee).id,
        });

    const drill = await this.disasters.declare(officer, {
      title: `${formatWarekiFiscalYear(fiscalYear(new Date()))} 総合防災訓練（大雨）`,
      kind: 'heavy_rain',
      level: 3,
      drill: true,
    });
    await this.situation.update(officer, drill.id, '災害対策本部を設置しました（訓練）。各課は被害状況の把握を開始してください。', 0);
    const { message } = await this.urgent.post(officer, drill.id, '【訓練】大雨警報発表。全職員は安否・参集状況を回答してください。');
    const staff = [...people.values()].filter((p) => p.id !== officer.id);
    // Most received it, most of those opened it, and about three quarters acknowledged.
    for (const [i, p] of staff.entries()) {
      if (i % 10 === 9) continue;
      await this.urgent.step(p, message.id, 'delivered');
      if (i % 8 === 7) continue;
      await this.urgent.step(p, message.id, i % 4 === 3 ? 'opened' : 'acknowledged');
    }
    // The officer's one click: everyone still pending is alerted again.
    await this.urgent.renotify(officer, drill.id, message.id);
    for (const [i, p] of staff.entries()) {
      if (i % 6 === 5) continue;
      await this.rollCall.answer(p, drill.id, {
        safety: i % 11 === 4 ? 'injured' : 'safe',
        attendance: i % 3 === 0 ? 'arrived' : i % 7 === 2 ? 'unavailable' : 'available',
        location: i % 3 === 0 ? '役場' : '自宅',
        note: i % 11 === 4 ? '軽い怪我（訓練想定）' : null,
      });
    }
    // One who did not answer is reached by phone: the officer answers for them (recorded as 代理回答).
    const byPhone = staff.find((_, i) => i % 6 === 5);
    if (byPhone)
      await this.rollCall.answer(
        officer,
        drill.id,
        { safety: 'safe', attendance: 'unavailable', location: '実家（上有住）', note: '電話で確認。携帯の電池切れ（訓練想定）' },
        byPhone.id,
      );
    // Outside responders invited into the drill's channel: one leaves during the drill, the other at its close.
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    await this.guests.invite(officer, drill.id, { displayName: '山田 医師', organisation: 'DMAT 県立大船渡病院', expiresAt: inDays(2) });
    const volunteer = await this.guests.invite(officer, drill.id, {
      displayName: '佐藤 班長',
      organisation: '住田町消防団 第1分団',
      expiresAt: inDays(1),
    });
    await this.guests.remove(officer, drill.id, volunteer.guest.id);
    const list = await this.duties.list(officer, drill.id);
    for (const [i, duty] of list.entries()) {
      const holder = [...people.values()].find((p) => p.id === duty.assigneeId);
      if (!holder) continue;
      if (duty.title === '避難所開設' && duty.place === '住田町農林会館') {
        await this.duties.respond(holder, drill.id, duty.id, 'unavailable', '道路冠水のため到着不可（訓練想定）');
        await this.duties.reassign(officer, drill.id, duty.id, who('sasaki.hoken').id);
        await this.duties.respond(who('sasaki.hoken'), drill.id, duty.id, 'confirmed');
      } else if (i % 5 !== 4) await this.duties.respond(holder, drill.id, duty.id, 'confirmed');
    }
    for (const [i, d] of DAMAGE.entries()) {
      // Taken where the damage is (39.1486 N, 141.5823 E: 昭和橋), as a phone's camera records it.
      const photo = withGpsExif(demoPhoto(`被害報告 ${i + 1}`), 39.1486, 141.5823);
      const file = {
        buffer: photo,
        size: photo.length,
        originalname: Buffer.from(`被害写真${i + 1}.jpg`).toString('latin1'),
      } as Express.Multer.File;
      const report = await this.damage.create(
        who(d.reporter),
        drill.id,
        { place: d.place, category: d.category, severity: d.severity, lat: d.lat, lng: d.lng, note: d.note },
        i === 1 ? [file] : [],
      );
      if (d.status !== 'open' || d.assignee)
        await this.damage.patch(officer, drill.id, report.id, {
          status: d.status === 'done' ? 'in_progress' : d.status,
          assigneeId: d.assignee ? who(d.assignee).id : undefined,
        });
      if (d.status === 'done') await this.damage.patch(officer, drill.id, report.id, { status: 'done' });
      await this.store.channels.post(drill.channelId, {
        authorId: who(d.assignee ?? d.reporter).id,
        system: false,
        clientMsgId: `demo-thread-${i}`,
        body: d.status === 'done' ? '現地対応完了しました。' : '現地に向かいます。',
        threadRootId: report.threadRootId,
      });
    }
    await this.store.channels.post(drill.channelId, {
      authorId: who('shimizu.kensetsu').id,
      system: false,
      clientMsgId: 'demo-1',
      body: '建設課、道路パトロールに出ます。',
    });
    await this.situation.update(
      officer,
      drill.id,
      '道路1件対応完了、河川1件監視中、停電1件は電力会社に連絡済み（訓練）。本部は17時に解散予定。',
      1,
    );
    await this.disasters.close(officer, drill.id);
  }
}
