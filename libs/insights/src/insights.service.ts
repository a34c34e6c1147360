import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, KPI_KEYS, type KpiDashboard, type KpiEntry, type KpiKey, type KpiRows } from '@yakuba/contracts';
import { formatTokyo, JapanesePdfWriter, writeCsv, type CsvCell } from '@yakuba/platform';
import { KPI_CATALOGUE } from './domain/kpi-catalogue';
import { FIGURE_SQL, withDrills } from './figures/figure-sql';
import { ClosedPeriodCache } from './figures/closed-periods';
import {
  approvalFigures,
  chatFigures,
  drillSection,
  installed,
  meetingFigure,
  monthsBefore,
  periods,
  surveyFigure,
  toEntry,
} from './figures/figure-sources';

/** The DX KPI dashboard: each figure with its definition and the SQL and rows it comes from. */
@Injectable()
export class InsightsService {
  private readonly closed = new ClosedPeriodCache();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async dashboard(): Promise<KpiDashboard> {
    const p = await periods(this.db, this.closed);
    const [workload, chatInfo, meetings, approvals, chat, drills] = await Promise.all([
      surveyFigure(this.db, 'workload_reduced'),
      surveyFigure(this.db, 'chat_information_improved'),
      meetingFigure(this.db),
      approvalFigures(this.db, p),
      chatFigures(this.db, p),
      drillSection(this.db),
    ]);
    const figures = {
      workload_reduced: workload,
      chat_information_improved: chatInfo,
      paperless_meetings: meetings,
      ...approvals,
      ...chat,
    };
    return { generatedAt: new Date().toISOString(), kpis: KPI_KEYS.map((key) => toEntry(key, figures[key])), drills };
  }

  async list(): Promise<KpiEntry[]> {
    return (await this.dashboard()).kpis;
  }

  /** The rows behind a figure (aggregated where people are concerned: no survey answer, no message text). */
  async rows(key: string): Promise<KpiRows> {
    if (!(KPI_KEYS as readonly string[]).includes(key)) throw new DomainError('not_found', 'no such KPI');
    const k = key as KpiKey;
    const source = KPI_CATALOGUE.find((c) => c.key === k)!.source;
    const table = { surveys: 'surveys', meetings: 'meetings', approvals: 'approvals', chat: 'chat_messages', disasters: 'disasters' }[
      source
    ];
    if (!(await installed(this.db, table))) return { key: k, columns: [], rows: [], truncated: false };
    const drills = await installed(this.db, 'disasters');
    let sql: string;
    let params: unknown[] = [];
    switch (k) {
      case 'workload_reduced':
      case 'chat_information_improved':
        sql = FIGURE_SQL.surveyWaves;
        params = [k];
        break;
      case 'paperless_meetings':
        sql = FIGURE_SQL.meetingRows;
        break;
      case 'electronic_decisions':
      case 'approval_lead_time':
        sql = FIGURE_SQL.approvalRows;
        break;
      case 'electronic_decision_share': {
        const p = await periods(this.db, this.closed);
        sql = FIGURE_SQL.electronicShareByMonth;
        params = [monthsBefore(p.month, 11).toISOString(), 'infinity'];
        break;
      }
      case 'approval_review_backlog':
        sql = FIGURE_SQL.approvalBacklogRows;
        break;
      case 'chat_weekly_active_users':
      case 'chat_weekly_messages':
        sql = withDrills(FIGURE_SQL.chatByDepartment, drills);
        break;
      case 'chat_first_reply_minutes':
        sql = withDrills(FIGURE_SQL.chatReplyRows, drills);
        break;
    }
    let result: Record<string, unknown>[];
    try {
      result = (await this.db.query(sql, params)) as Record<string, unknown>[];
    } catch (error) {
      throw new DomainError('conflict', `the rows of ${k} cannot be read: ${(error as Error).message}`);
    }
    const columns = result.length ? Object.keys(result[0]).filter((c) => c !== 'agreeValues') : [];
    const cell = (v: unknown) =>
      v instanceof Date
        ? v.toISOString()
        : v === null || ['string', 'number', 'boolean'].includes(typeof v)
          ? (v as string)
          : JSON.stringify(v);
    return { key: k, columns, rows: result.map((r) => columns.map((c) => cell(r[c]))), truncated: result.length >= 500 };
  }

  async reportCsv(): Promise<Buffer> {
    const d = await this.dashboard();
    const rows: CsvCell[][] = [
      ['KPI', '指標', '計画', '目標', '区分', '時点', '値', '判定', '95%区間', 'n', 'N', 'データなしの理由', '紙の削減枚数'],
    ];
    for (const k of d.kpis) {
      rows.push([
        k.key,
        k.title,
        k.planRef,
        k.target,
        '最新',
        k.asOf,
        k.value,
        k.verdict,
        k.interval ? `${k.interval[0].toFixed(4)}–${k.interval[1].toFixed(4)}` : null,
        k.n ?? null,
        k.population ?? null,
        k.noData ?? null,
        k.sheetsSaved ?? null,
      ]);
      for (const h of k.history) {
        rows.push([
          k.key,
          k.title,
          k.planRef,
          k.target,
          h.label,
          h.at,
          h.value,
          h.verdict ?? null,
          h.interval ? `${h.interval[0].toFixed(4)}–${h.interval[1].toFixed(4)}` : null,
          h.n ?? null,
          h.population ?? null,
          null,
          h.sheetsSaved ?? null,
        ]);
      }
    }
    for (const drill of d.drills.drills) {
      rows.push([
        'drill',
        drill.title,
        null,
        null,
        '訓練（KPIとは別）',
        drill.declaredAt,
        drill.ackShare,
        null,
        null,
        drill.members,
        null,
        null,
        null,
      ]);
    }
    return writeCsv(rows);
  }

  /** One A4 page for the DX promotion meeting: every KPI with target, value, verdict and interval. */
  async reportPdf(): Promise<Uint8Array> {
    const d = await this.dashboard();
    const pdf = new JapanesePdfWriter({ title: 'DX推進 KPI 報告', margin: 40 });
    pdf.addPage();
    pdf.title('住田町 DX推進計画 KPI 報告');
    pdf.paragraph(`作成 ${formatTokyo(new Date(d.generatedAt), 'minute')}（Yakuba の記録から自動集計）`, { size: 9, colour: '#555555' });
    pdf.space(6);
    const verdict = { met: '達成', not_met: '未達成', unclear: '判定保留' } as const;
    const show = (k: KpiEntry, v: number | null) =>
      v === null
        ? '—'
        : k.unit === 'share'
          ? `${(v * 100).toFixed(1)}%`
          : `${v}${{ count: '', hours: '時間', minutes: '分', seconds: '秒', share: '' }[k.unit]}`;
    pdf.table({
      size: 8.5,
      columns: [
        { header: '指標', width: 0.4 },
        { header: '目標', width: 0.09, align: 'right' },
        { header: '最新値', width: 0.1, align: 'right' },
        { header: '95%区間 / 根拠', width: 0.25 },
        { header: '判定', width: 0.1, align: 'center' },
      ],
      rows: d.kpis.map((k) => [
        `${k.planRef ? `${k.planRef} ` : ''}${k.title}`,
        k.target === null ? '—' : show(k, k.target),
        show(k, k.value),
        k.noData
          ? k.noData
          : k.sheetsSaved !== undefined
            ? `${k.agree}/${k.n}回、紙 ${k.sheetsSaved.toLocaleString('ja-JP')}枚削減`
            : k.interval
              ? `${show(k, k.interval[0])}–${show(k, k.interval[1])}（${k.agree}/${k.n}、対象${k.population}人）`
              : k.history.length
                ? `推移: ${k.history
                    .slice(-4)
                    .map((h) => show(k, h.value))
                    .join(' → ')}`
                : '',
        k.target === null ? '参考' : verdict[k.verdict],
      ]),
    });
    pdf.space(8);
    pdf.heading('防災訓練（KPIとは別に表示）', { size: 11 });
    if (!d.drills.drills.length) pdf.paragraph(d.drills.noData ?? '訓練の記録はありません', { size: 9 });
    else
      pdf.table({
        size: 8.5,
        columns: [
          { header: '訓練', width: 0.4 },
          { header: '既読確認', width: 0.15, align: 'right' },
          { header: '確認まで(中央値)', width: 0.15, align: 'right' },
          { header: '安否回答', width: 0.15, align: 'right' },
          { header: '全員回答まで', width: 0.15, align: 'right' },
        ],
        rows: d.drills.drills
          .slice(0, 5)
          .map((x) => [
            `${x.title}（${formatTokyo(new Date(x.declaredAt), 'date')}）`,
            x.ackShare === null ? '—' : `${(x.ackShare * 100).toFixed(0)}%`,
            x.ackMedianSeconds === null ? '—' : `${x.ackMedianSeconds}秒`,
            x.rollCallShare === null ? '—' : `${(x.rollCallShare * 100).toFixed(0)}%`,
            x.rollCallCompleteMinutes === null ? '未完了' : `${x.rollCallCompleteMinutes}分`,
          ]),
      });
    pdf.space(8);
    pdf.paragraph(
      '意識KPIの判定: Wilsonスコア区間（有限母集団修正、母集団＝対象者数）の下限が目標以上なら達成、上限が目標未満なら未達成、それ以外は判定保留。各数値の定義と元の行は画面の「算出方法」から確認できます。',
      { size: 8, colour: '#555555' },
    );
    return pdf.finish();
  }
}
