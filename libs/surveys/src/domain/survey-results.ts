import type {
  ChoiceCount,
  CrossBreakdown,
  CrossGroup,
  QuestionResult,
  ResultGroup,
  SurveyAnswerValue,
  SurveyBreakdown,
  SurveyQuestion,
} from '@yakuba/contracts';
import { kpiFigures } from '@yakuba/contracts';
import type { SurveyDefinition } from './survey-definition';
import { suppressCrossTable } from './cross-suppression';
import { suppressDimension, suppressTwoWay, type CellReason } from './suppression';

/** One stored response as results see it: answers and the (coarsened) groups stored beside them, no person. */
export interface ResponseRow {
  answers: Record<string, SurveyAnswerValue>;
  department: string | null;
  position: string | null;
}

export interface ResultsInput {
  def: SurveyDefinition;
  rows: readonly ResponseRow[];
  k: number;
  /** N: people invited (the KPI's population). */
  invited: number;
  breakdowns: readonly SurveyBreakdown[];
  departmentLabel: (id: string | null) => string;
  filter: { department?: string; position?: string };
  /** Order of free-text answers: shuffled by the caller's random source (kept out of here to stay pure). */
  shuffle: <T>(items: T[]) => T[];
}

export interface ResultsOutput {
  suppressed: boolean;
  responded: number;
  questions: QuestionResult[];
  groups: ResultGroup[];
  cross?: CrossBreakdown;
}

/** The cells results count: a question, or a matrix item ("question.item"). */
function cellKeys(def: SurveyDefinition): string[] {
  return def.questions.flatMap((q) => (q.type === 'matrix' ? (q.items ?? []).map((i) => `${q.key}.${i.key}`) : [q.key]));
}

function answered(row: ResponseRow, cell: string): boolean {
  const [q, item] = cell.split('.');
  const v = row.answers[q];
  if (v === undefined || v === null) return false;
  if (item) return typeof v === 'object' && !Array.isArray(v) && (v as Record<string, number>)[item] !== undefined;
  return true;
}

const label = (value: string | null, dim: SurveyBreakdown, departmentLabel: (id: string | null) => string) =>
  dim === 'department' ? departmentLabel(value) : (value ?? 'その他');

export function buildResults(input: ResultsInput): ResultsOutput {
  const { def, rows, k } = input;
  const dims = input.breakdowns;
  const values = {
    department: distinct(rows.map((r) => r.department)),
    position: distinct(rows.map((r) => r.position)),
  };
  const dimOf = (row: ResponseRow, dim: SurveyBreakdown) => (dim === 'department' ? row.department : row.position);
  // Group-level suppression over both breakdowns at once (a single one is a table with one column).
  const rowDim: SurveyBreakdown | null = dims[0] ?? null;
  const colDim: SurveyBreakdown | null = dims[1] ?? null;
  const rv = rowDim ? values[rowDim] : [null];
  const cv = colDim ? values[colDim] : [null];
  const cells = rv.map((a) =>
    cv.map((b) => rows.filter((r) => (!rowDim || dimOf(r, rowDim) === a) && (!colDim || dimOf(r, colDim) === b)).length),
  );
  // With both breakdowns, the crossed table is published too: its suppression covers the margins as well.
  const crossed = rowDim !== null && colDim !== null;
  const two = crossed ? suppressCrossTable({ cells, k }) : { ...suppressTwoWay({ cells, k }), cells: [] as (CellReason | null)[][] };
  const groupHidden: Record<SurveyBreakdown, (CellReason | null)[]> = {
    department: [],
    position: [],
  };
  if (rowDim) groupHidden[rowDim] = two.rows;
  if (colDim) groupHidden[colDim] = two.cols;

  // Question-level: within each dimension, a question answered by 1..k−1 of a visible group is hidden there, with
  // complementary cells so that the question's hidden pool holds at least k answers.
  const keys = cellKeys(def);
  // Crossed: the question's table of answer counts goes through the crossed suppression, starting from the
  // respondents' (a question some skipped can only hide more).
  const cellHidden = new Map<string, Record<SurveyBreakdown, (CellReason | null)[]>>();
  const crossHidden = new Map<string, (CellReason | null)[][]>();
  for (const key of keys) {
    const perDim = { department: [], position: [] } as Record<SurveyBreakdown, (CellReason | null)[]>;
    if (crossed) {
      const counts = rv.map((a) =>
        cv.map((b) => rows.filter((r) => dimOf(r, rowDim) === a && dimOf(r, colDim) === b && answered(r, key)).length),
      );
      const q = suppressCrossTable({
        cells: counts,
        k,
        forced: { rows: two.rows.map(Boolean), cols: two.cols.map(Boolean), cells: two.cells.map((row) => row.map(Boolean)) },
      });
      perDim[rowDim] = q.totalSuppressed ? q.rows.map(() => 'below_threshold' as const) : q.rows;
      perDim[colDim] = q.totalSuppressed ? q.cols.map(() => 'below_threshold' as const) : q.cols;
      crossHidden.set(key, q.cells);
    } else
      for (const dim of dims) {
        const counts = values[dim].map((v) => rows.filter((r) => dimOf(r, dim) === v && answered(r, key)).length);
        perDim[dim] = suppressDimension(counts, k, groupHidden[dim].map(Boolean));
      }
    cellHidden.set(key, perDim);
  }

  const groups: ResultGroup[] = [];
  for (const dim of dims) {
    values[dim].forEach((value, index) => {
      const reason = two.totalSuppressed ? 'below_threshold' : groupHidden[dim][index];
      const base = { dimension: dim, value, label: label(value, dim, input.departmentLabel) };
      if (reason) {
        groups.push({ ...base, suppressed: true, reason });
        return;
      }
      const members = rows.filter((r) => dimOf(r, dim) === value);
      groups.push({
        ...base,
        suppressed: false,
        responded: members.length,
        questions: def.questions
          .filter((q) => q.type !== 'text')
          .map((q) => {
            if (q.type === 'matrix')
              return {
                key: q.key,
                // Each item is a cell of its own: hidden in this group under the same threshold and complements.
                items: (q.items ?? []).map((item) => {
                  if (cellHidden.get(`${q.key}.${item.key}`)![dim][index]) return { key: item.key };
                  const values = members
                    .map((r) => (r.answers[q.key] as Record<string, number> | undefined)?.[item.key])
                    .filter((v): v is number => v !== undefined);
                  return {
                    key: item.key,
                    counts: Object.fromEntries(likertChoices(values).map((c) => [c.value, c.count])),
                    mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
                  };
                }),
              };
            if (cellHidden.get(q.key)![dim][index]) return { key: q.key };
            const t = tally(q, members);
            return { key: q.key, counts: t.counts, mean: t.mean ?? null, ...(q.kpi ? { agreeShare: agreeShare(q, members) } : {}) };
          }),
      });
    });
  }

  // The view: everyone, one group, or one cell of the crossed table under a filter.
  const both = input.filter.department !== undefined && input.filter.position !== undefined;
  const filterDim: SurveyBreakdown | null =
    input.filter.department !== undefined ? 'department' : input.filter.position !== undefined ? 'position' : null;
  let subset = rows;
  let hiddenCell = (_key: string) => false;
  let suppressed = two.totalSuppressed;
  if (both) {
    const find = (dim: SurveyBreakdown) => {
      const wanted = dim === 'department' ? input.filter.department : input.filter.position;
      return values[dim].findIndex((v) => (v ?? '') === wanted);
    };
    const i = crossed ? find(rowDim) : -1;
    const j = crossed ? find(colDim) : -1;
    if (i < 0 || j < 0 || two.totalSuppressed || two.cells[i][j]) suppressed = true;
    else {
      subset = rows.filter((r) => dimOf(r, rowDim!) === rv[i] && dimOf(r, colDim!) === cv[j]);
      hiddenCell = (key) => Boolean(crossHidden.get(key)![i][j]);
    }
  } else if (filterDim) {
    const wanted = filterDim === 'department' ? input.filter.department : input.filter.position;
    const index = dims.includes(filterDim) ? values[filterDim].findIndex((v) => (v ?? '') === wanted) : -1;
    if (index < 0 || groupHidden[filterDim][index] || two.totalSuppressed) suppressed = true;
    else {
      subset = rows.filter((r) => dimOf(r, filterDim) === values[filterDim][index]);
      hiddenCell = (key) => Boolean(cellHidden.get(key)![filterDim][index]);
    }
  }
  const questions = def.questions.map((q): QuestionResult => {
    const base: QuestionResult = { key: q.key, type: q.type, text: q.text, answered: 0 };
    if (suppressed) return { ...base, suppressed: true };
    const t = tally(q, subset);
    const n = t.answered;
    if ((n > 0 && n < k) || hiddenCell(q.key)) return { ...base, suppressed: true };
    const result: QuestionResult = { ...base, answered: n };
    if (q.type === 'text') {
      result.texts = n >= k ? input.shuffle(t.texts) : null;
      return result;
    }
    if (q.type === 'matrix') {
      result.items = (q.items ?? []).map((item) => {
        const key = `${q.key}.${item.key}`;
        const values = subset
          .map((r) => (r.answers[q.key] as Record<string, number> | undefined)?.[item.key])
          .filter((v): v is number => v !== undefined);
        const hidden = (values.length > 0 && values.length < k) || hiddenCell(key);
        return {
          key: item.key,
          text: item.text,
          answered: hidden ? 0 : values.length,
          choices: hidden ? [] : likertChoices(values),
          mean: hidden || !values.length ? null : values.reduce((a, b) => a + b, 0) / values.length,
        };
      });
      return result;
    }
    result.counts = t.counts;
    result.choices = t.choices;
    if (q.type === 'likert5') result.mean = t.mean ?? null;
    if (q.kpi && !filterDim) {
      const agree = subset.filter((r) => q.kpi!.agree!.includes(r.answers[q.key] as string | number)).length;
      const f = kpiFigures(agree, n, Math.max(input.invited, n), q.kpi.target);
      result.kpi = { key: q.kpi.key ?? null, target: q.kpi.target, agreeValues: q.kpi.agree ?? [], ...f };
    }
    return result;
  });
  return {
    suppressed,
    responded: suppressed ? 0 : subset.length,
    questions,
    groups,
    ...(crossed ? { cross: crossView(two, rowDim, rv, cv, cells, input.departmentLabel) } : {}),
  };
}

/** The crossed table as published: departments as rows whichever breakdown the survey lists first. */
function crossView(
  s: { totalSuppressed: boolean; rows: (CellReason | null)[]; cols: (CellReason | null)[]; cells: (CellReason | null)[][] },
  rowDim: SurveyBreakdown,
  rv: (string | null)[],
  cv: (string | null)[],
  cells: number[][],
  departmentLabel: (id: string | null) => string,
): CrossBreakdown {
  const group = (dim: SurveyBreakdown, value: string | null, reason: CellReason | null, count: number): CrossGroup => {
    const base = { value, label: label(value, dim, departmentLabel) };
    return reason || s.totalSuppressed
      ? { ...base, suppressed: true, reason: reason ?? 'below_threshold' }
      : { ...base, suppressed: false, responded: count };
  };
  const colDim: SurveyBreakdown = rowDim === 'department' ? 'position' : 'department';
  const rowGroups = rv.map((v, i) =>
    group(
      rowDim,
      v,
      s.rows[i],
      cells[i].reduce((a, b) => a + b, 0),
    ),
  );
  const colGroups = cv.map((v, j) =>
    group(
      colDim,
      v,
      s.cols[j],
      cells.reduce((a, row) => a + row[j], 0),
    ),
  );
  const grid = cells.map((row, i) =>
    row.map((n, j) => (s.cells[i][j] ? { suppressed: true, reason: s.cells[i][j]! } : { suppressed: false, responded: n })),
  );
  return rowDim === 'department'
    ? { departments: rowGroups, positions: colGroups, cells: grid }
    : { departments: colGroups, positions: rowGroups, cells: cv.map((_, j) => rv.map((__, i) => grid[i][j])) };
}

function distinct(values: (string | null)[]): (string | null)[] {
  return [...new Set(values)].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
}

function agreeShare(q: SurveyQuestion, rows: readonly ResponseRow[]): number | null {
  const given = rows.filter((r) => r.answers[q.key] !== undefined);
  if (!given.length) return null;
  return given.filter((r) => q.kpi!.agree!.includes(r.answers[q.key] as string | number)).length / given.length;
}

function likertChoices(values: number[]): ChoiceCount[] {
  return [5, 4, 3, 2, 1].map((v) => {
    const count = values.filter((x) => x === v).length;
    return { value: String(v), count, share: values.length ? count / values.length : 0 };
  });
}

interface Tally {
  answered: number;
  counts: Record<string, number>;
  choices: ChoiceCount[];
  mean?: number | null;
  texts: string[];
}

/** Counts of one question over some responses. */
export function tally(q: SurveyQuestion, rows: readonly ResponseRow[]): Tally {
  const given = rows.map((r) => r.answers[q.key]).filter((v) => v !== undefined && v !== null);
  const out: Tally = { answered: given.length, counts: {}, choices: [], texts: [] };
  if (q.type === 'likert5') {
    const values = given as number[];
    out.choices = likertChoices(values);
    for (const c of out.choices) out.counts[c.value] = c.count;
    out.mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  } else if (q.type === 'single' || q.type === 'multi') {
    for (const o of q.options ?? []) out.counts[o] = 0;
    for (const v of given) for (const o of Array.isArray(v) ? v : [v]) out.counts[o as string] = (out.counts[o as string] ?? 0) + 1;
    out.choices = (q.options ?? []).map((o) => ({
      value: o,
      count: out.counts[o],
      share: given.length ? out.counts[o] / given.length : 0,
    }));
  } else if (q.type === 'text') {
    out.texts = (given as string[]).filter((t) => t.trim() !== '');
  }
  return out;
}
