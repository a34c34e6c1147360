import { Injectable } from '@nestjs/common';
import { createCanvas } from '@napi-rs/canvas';
import type { DamageCategory, DutyGroup, Role } from '@yakuba/contracts';
import { fiscalYear, formatWarekiFiscalYear, type Principal } from '@yakuba/platform';
import { DamageService } from './damage.service';
import { DisasterStore, rows } from './disaster-store';
import { DisastersService } from './disasters.service';
import { DutyService } from './duty.service';
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
  lat: number;
  lng: number;
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
    lat: 39.1486,
    lng: 141.5823,
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

/** A small photo drawn on the spot (a blue square with a label), as a phone would send one. */
function demoPhoto(label: string): Buffer {
  const canvas = createCanvas(320, 240);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#5a7fa8';
  ctx.fillRect(0, 0, 320, 240);
  ctx.fillStyle = '#ffffff';
  ctx.font = '20px sans-serif';
  ctx.fillText(label, 16, 120);
  return canvas.toBuffer('image/jpeg');
}

/**
 * Demo data: the duty roster, and one closed drill (run and closed at seeding) with an urgent message and its receipts, the
 * roll call, duties, damage reports with a photo, two situation reports and the record. No disaster is left
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
    for (const [i, p] of staff.entries()) {
      if (i % 6 === 5) continue;
      await this.rollCall.answer(p, drill.id, {
        safety: i % 11 === 4 ? 'injured' : 'safe',
        attendance: i % 3 === 0 ? 'arrived' : i % 7 === 2 ? 'unavailable' : 'available',
        location: i % 3 === 0 ? '役場' : '自宅',
        note: i % 11 === 4 ? '軽い怪我（訓練想定）' : null,
      });
    }
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
      const photo = demoPhoto(`被害報告 ${i + 1}`);
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
