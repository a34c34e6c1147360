import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type DepartmentRate, type SurveyAnswerValue, type SurveyQuestion, type SurveyResults } from '@yakuba/contracts';
import { writeCsv, type CsvCell } from '@yakuba/platform';
import { nextRefreshAt, pooledRates } from './domain/result-freeze';
import { buildResults, type ResponseRow } from './domain/survey-results';
import { ResponseStore, shuffle } from './response-store';
import { SURVEY_COLUMNS, statusNow, type SurveyRow } from './survey-views';
import type { ResultsQueryDto } from './dto/survey.dto';

/** Results (surveys.manage): figures only, every one through the threshold and complementary suppression. */
@Injectable()
export class SurveyResultsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async results(id: string, query: ResultsQueryDto): Promise<SurveyResults> {
    const row = await this.load(id);
    const [{ rows, frozen }, departments, rates] = await Promise.all([this.answers(row), this.departmentNames(), this.rates(row)]);
    const label = (d: string | null) => (d === null ? 'その他' : (departments.get(d) ?? 'その他'));
    const built = buildResults({
      def: row.definition,
      rows,
      k: row.threshold,
      invited: row.invited,
      breakdowns: row.breakdowns,
      departmentLabel: label,
      filter: { department: query.departmentId, position: query.position },
      shuffle,
    });
    return {
      surveyId: row.id,
      title: row.title,
      status: statusNow(row),
      anonymous: row.anonymous,
      threshold: row.threshold,
      invited: row.invited,
      responded: row.responded,
      responseRate: { invited: row.invited, responded: row.responded, rate: row.invited ? row.responded / row.invited : 0 },
      ratesByDepartment: rates.map((r) => ({ ...r, label: label(r.departmentId) })),
      filter: {
        ...(query.departmentId !== undefined ? { departmentId: query.departmentId } : {}),
        ...(query.position !== undefined ? { position: query.position } : {}),
      },
      filteredResponded: built.suppressed ? null : built.responded,
      suppressed: built.suppressed,
      questions: built.questions,
      groups: built.groups,
      ...(built.cross ? { cross: built.cross } : {}),
      ...(frozen ? { frozen } : {}),
    };
  }

  /** Aggregated results as CSV (UTF-8 with BOM): exactly the figures GET /results shows, no more. */
  async resultsCsv(id: string, query: ResultsQueryDto): Promise<{ title: string; bytes: Buffer }> {
    const r = await this.results(id, query);
    const rows: CsvCell[][] = [['区分', '設問キー', '設問', '選択肢・項目', '件数', '割合', '回答者数', '備考']];
    rows.push(['回答率', '', '', '', r.responded, r.responseRate.rate, r.invited, `${r.responded} / ${r.invited}`]);
    if (r.frozen)
      rows.push([
        '集計時点',
        '',
        '',
        '',
        r.frozen.responded,
        null,
        r.invited,
        `回答受付中: ${r.frozen.responded}人分の回答の時点（回答者が${r.frozen.refreshAt}人で更新）`,
      ]);
    for (const q of r.questions) {
      if (q.suppressed) {
        rows.push(['設問', q.key, q.text, '', null, null, null, `回答者が${r.threshold}人未満のため非表示`]);
        continue;
      }
      for (const c of q.choices ?? []) rows.push(['設問', q.key, q.text, c.value, c.count, c.share, q.answered, '']);
      for (const item of q.items ?? [])
        for (const c of item.choices) rows.push(['設問', q.key, q.text, `${item.text}: ${c.value}`, c.count, c.share, item.answered, '']);
      for (const t of q.texts ?? []) rows.push(['自由記述', q.key, q.text, t, null, null, q.answered, '']);
      if (q.kpi) {
        const k = q.kpi;
        rows.push([
          'KPI',
          q.key,
          q.text,
          `目標 ${k.target}`,
          k.agree,
          k.share,
          k.n,
          `95%区間 ${k.interval[0].toFixed(3)}–${k.interval[1].toFixed(3)} / 未回答者の全員が反対・賛成なら ${k.bounds[0].toFixed(3)}–${k.bounds[1].toFixed(3)} / 判定 ${k.verdict}`,
        ]);
      }
    }
    for (const g of r.groups) {
      if (g.suppressed) {
        rows.push([
          g.dimension === 'department' ? '部署' : '職位',
          '',
          '',
          g.label,
          null,
          null,
          null,
          `${r.threshold}人未満${g.reason === 'complementary' ? '（他の区分の保護のため）' : ''}`,
        ]);
        continue;
      }
      for (const q of g.questions ?? []) {
        for (const [value, count] of Object.entries(q.counts ?? {}))
          rows.push([g.dimension === 'department' ? '部署' : '職位', q.key, g.label, value, count, null, g.responded, '']);
        for (const item of q.items ?? [])
          for (const [value, count] of Object.entries(item.counts ?? {}))
            rows.push([
              g.dimension === 'department' ? '部署' : '職位',
              `${q.key}.${item.key}`,
              g.label,
              value,
              count,
              null,
              g.responded,
              '',
            ]);
      }
    }
    if (r.cross)
      r.cross.departments.forEach((d, i) =>
        r.cross!.positions.forEach((p, j) => {
          const cell = r.cross!.cells[i][j];
          rows.push([
            '部署×職位',
            '',
            d.label,
            p.label,
            cell.suppressed ? null : (cell.responded ?? null),
            null,
            null,
            cell.suppressed ? '非表示' : '',
          ]);
        }),
      );
    for (const d of r.ratesByDepartment) rows.push(['部署別回答率', '', '', d.label, d.responded, d.rate, d.invited, '']);
    return { title: r.title, bytes: writeCsv(rows) };
  }

  /** Raw answers, one line per response in a fresh random order, no author, no time, no group. */
  async rawCsv(id: string): Promise<{ title: string; bytes: Buffer }> {
    const row = await this.load(id);
    const { rows: answers } = await this.answers(row);
    if (answers.length < row.threshold)
      throw new DomainError('conflict', `fewer than ${row.threshold} responses: raw answers are not exported`);
    const columns = row.definition.questions.flatMap((q): { q: SurveyQuestion; item: string | null; head: string }[] =>
      q.type === 'matrix' ? (q.items ?? []).map((i) => ({ q, item: i.key, head: `${q.key}.${i.key}` })) : [{ q, item: null, head: q.key }],
    );
    const rows: CsvCell[][] = [columns.map((c) => c.head)];
    for (const r of shuffle([...answers])) {
      rows.push(
        columns.map(({ q, item }) => {
          const v = r.answers[q.key];
          if (v === undefined || v === null) return null;
          if (item) return (v as Record<string, number>)[item] ?? null;
          return Array.isArray(v) ? v.join('; ') : (v as string | number);
        }),
      );
    }
    return { title: row.title, bytes: writeCsv(rows) };
  }

  private async load(id: string): Promise<SurveyRow> {
    const [row] = (await this.db.query(`SELECT ${SURVEY_COLUMNS} FROM surveys s WHERE s.id = $1`, [id])) as SurveyRow[];
    if (!row) throw new DomainError('not_found', 'survey not found');
    return row;
  }

  /**
   * The answers figures are computed from: while an anonymous survey is open, the frozen copy (domain/result-freeze.ts;
   * one is taken now if a survey somehow has none); otherwise, and once closed, the answers themselves.
   */
  private async answers(row: SurveyRow): Promise<{ rows: ResponseRow[]; frozen: { responded: number; refreshAt: number } | null }> {
    if (!row.anonymous || statusNow(row) !== 'open') return { rows: await this.responses(row.id), frozen: null };
    const snap = await this.db.transaction(async (m) => {
      const store = new ResponseStore(m);
      const found = await store.snapshot(row.id);
      if (found) return found;
      await m.query('SELECT 1 FROM surveys WHERE id = $1 FOR UPDATE', [row.id]);
      await store.refreshSnapshot(row.id, row.threshold);
      return (await store.snapshot(row.id))!;
    });
    return { rows: snap.rows, frozen: { responded: snap.responded, refreshAt: nextRefreshAt(snap.responded, row.threshold) } };
  }

  private async responses(id: string): Promise<ResponseRow[]> {
    return (await this.db.query('SELECT department_id AS department, position, answers FROM survey_responses WHERE survey_id = $1', [
      id,
    ])) as {
      department: string | null;
      position: string | null;
      answers: Record<string, SurveyAnswerValue>;
    }[];
  }

  private async departmentNames(): Promise<Map<string, string>> {
    const rows = (await this.db.query('SELECT id, name FROM departments')) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Response rates per department from the participation table (who answered is not secret; what they answered is),
   * departments below k invited pooled into その他 (domain/result-freeze.ts).
   */
  private async rates(row: SurveyRow): Promise<Omit<DepartmentRate, 'label'>[]> {
    const rows = (await this.db.query(
      `SELECT p.department_id AS "departmentId", count(*)::int AS invited, count(*) FILTER (WHERE p.answered)::int AS responded
       FROM survey_participants p LEFT JOIN departments d ON d.id = p.department_id
       WHERE p.survey_id = $1 GROUP BY p.department_id, d.sort_order ORDER BY d.sort_order NULLS LAST`,
      [row.id],
    )) as { departmentId: string | null; invited: number; responded: number }[];
    return pooledRates(
      rows.map((r) => ({ ...r, rate: r.invited ? r.responded / r.invited : 0 })),
      row.threshold,
    );
  }
}
