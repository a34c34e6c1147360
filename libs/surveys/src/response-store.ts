import { createHash, randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError, type SurveyAnswerValue } from '@yakuba/contracts';
import { snapshotDue } from './domain/result-freeze';

export interface StoredAnswers {
  department: string | null;
  position: string | null;
  answers: Record<string, SurveyAnswerValue>;
}

/** The hash bound to a response: SHA-256 of the survey id and the browser's secret (256 bits: no salt needed). */
export function editHash(surveyId: string, secret: string): Buffer {
  return createHash('sha256').update(`${surveyId}:${secret}`).digest();
}

/** Fisher–Yates with the operating system's randomness. */
export function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface BagRow {
  department: string | null;
  position: string | null;
  answers: string;
  editHash: string | null;
}

/**
 * The write path of survey_responses (docs/architecture.md "Anonymity"). Runs inside the caller's transaction, which
 * holds the survey row locked and also flips the respondent's participation flag.
 *
 * Anonymous surveys: every write deletes the survey's rows and inserts them all again, in an order drawn from the
 * OS's randomness and with fresh random ids. So after each commit every row of the survey carries the same xmin
 * (the last writer's transaction, which the participation table shares only with "someone answered"), the
 * physical order is a fresh permutation, and no id survives from one write to the next. Nothing in the row says
 * when it was written. The rows deleted here stay on disk as dead versions until VACUUM; SurveysMaintenance
 * vacuums the table right after the commit.
 */
export class ResponseStore {
  constructor(private readonly m: EntityManager) {}

  async addAnonymous(surveyId: string, row: StoredAnswers, hash: Buffer | null): Promise<void> {
    const bag = await this.takeBag(surveyId);
    bag.push({
      department: row.department,
      position: row.position,
      answers: JSON.stringify(row.answers),
      editHash: hash?.toString('hex') ?? null,
    });
    await this.putBag(surveyId, bag);
  }

  /** Replaces the answers of the response bound to `hash`; not_found (and nothing changed) when none is. */
  async replaceAnonymous(surveyId: string, hash: Buffer, answers: Record<string, SurveyAnswerValue>): Promise<void> {
    const bag = await this.takeBag(surveyId);
    const hex = hash.toString('hex');
    const mine = bag.find((r) => r.editHash === hex);
    if (!mine) throw new DomainError('not_found', 'no response matches this secret');
    mine.answers = JSON.stringify(answers);
    await this.putBag(surveyId, bag);
  }

  async findAnonymous(surveyId: string, hash: Buffer): Promise<Record<string, SurveyAnswerValue> | null> {
    const [row] = (await this.m.query('SELECT answers FROM survey_responses WHERE survey_id = $1 AND edit_hash = $2', [
      surveyId,
      hash,
    ])) as {
      answers: Record<string, SurveyAnswerValue>;
    }[];
    return row?.answers ?? null;
  }

  /** Named (記名式) surveys: the author is recorded beside the response. */
  async addNamed(surveyId: string, userId: string, row: StoredAnswers): Promise<void> {
    const [{ id }] = (await this.m.query(
      'INSERT INTO survey_responses (survey_id, department_id, position, answers) VALUES ($1, $2, $3, $4) RETURNING id',
      [surveyId, row.department, row.position, JSON.stringify(row.answers)],
    )) as { id: string }[];
    await this.m.query('INSERT INTO survey_response_authors (response_id, survey_id, user_id) VALUES ($1, $2, $3)', [id, surveyId, userId]);
  }

  async replaceNamed(surveyId: string, userId: string, answers: Record<string, SurveyAnswerValue>): Promise<void> {
    const rows = (await this.m.query(
      `UPDATE survey_responses r SET answers = $3 FROM survey_response_authors a
       WHERE a.response_id = r.id AND a.survey_id = $1 AND a.user_id = $2 RETURNING r.id`,
      [surveyId, userId, JSON.stringify(answers)],
    )) as unknown[][];
    if (!(rows[0] as unknown[]).length) throw new DomainError('not_found', 'you have not answered yet');
  }

  async findNamed(surveyId: string, userId: string): Promise<Record<string, SurveyAnswerValue> | null> {
    const [row] = (await this.m.query(
      'SELECT r.answers FROM survey_responses r JOIN survey_response_authors a ON a.response_id = r.id WHERE a.survey_id = $1 AND a.user_id = $2',
      [surveyId, userId],
    )) as { answers: Record<string, SurveyAnswerValue> }[];
    return row?.answers ?? null;
  }

  /**
   * The frozen copy an open anonymous survey's figures come from (domain/result-freeze.ts): started empty when the
   * survey opens, taken again from the current rows once k more have answered. Same shape as the rows, minus the edit
   * hash, in a fresh random order; no time.
   */
  async resetSnapshot(surveyId: string): Promise<void> {
    await this.m.query(
      `INSERT INTO survey_result_snapshots (survey_id, responded, responses) VALUES ($1, 0, '[]')
       ON CONFLICT (survey_id) DO UPDATE SET responded = 0, responses = '[]'`,
      [surveyId],
    );
  }

  async refreshSnapshot(surveyId: string, k: number): Promise<void> {
    const [{ covered, responded }] = (await this.m.query(
      `SELECT (SELECT responded FROM survey_result_snapshots WHERE survey_id = $1) AS covered,
         (SELECT count(*) FROM survey_responses WHERE survey_id = $1)::int AS responded`,
      [surveyId],
    )) as { covered: number | null; responded: number }[];
    // Most answers change nothing here: the copy is taken again only once k more have answered.
    if (!snapshotDue(covered, responded, k)) return;
    const rows = (await this.m.query('SELECT department_id AS department, position, answers FROM survey_responses WHERE survey_id = $1', [
      surveyId,
    ])) as StoredAnswers[];
    await this.m.query(
      `INSERT INTO survey_result_snapshots (survey_id, responded, responses) VALUES ($1, $2, $3)
       ON CONFLICT (survey_id) DO UPDATE SET responded = EXCLUDED.responded, responses = EXCLUDED.responses`,
      [surveyId, rows.length, JSON.stringify(shuffle(rows))],
    );
  }

  async snapshot(surveyId: string): Promise<{ responded: number; rows: StoredAnswers[] } | null> {
    const [snap] = (await this.m.query('SELECT responded, responses FROM survey_result_snapshots WHERE survey_id = $1', [surveyId])) as {
      responded: number;
      responses: StoredAnswers[];
    }[];
    return snap ? { responded: snap.responded, rows: snap.responses } : null;
  }

  async dropSnapshot(surveyIds: string[]): Promise<void> {
    if (surveyIds.length) await this.m.query('DELETE FROM survey_result_snapshots WHERE survey_id = ANY($1)', [surveyIds]);
  }

  private async takeBag(surveyId: string): Promise<BagRow[]> {
    // TypeORM answers a DELETE with [rows, count].
    const [rows] = (await this.m.query(
      `DELETE FROM survey_responses WHERE survey_id = $1
       RETURNING department_id AS department, position, answers::text AS answers, encode(edit_hash, 'hex') AS "editHash"`,
      [surveyId],
    )) as [BagRow[], number];
    return rows;
  }

  private async putBag(surveyId: string, bag: BagRow[]): Promise<void> {
    const rows = shuffle(bag);
    await this.m.query(
      `INSERT INTO survey_responses (survey_id, department_id, position, answers, edit_hash)
       SELECT $1, t.d, t.p, t.a::jsonb, decode(t.h, 'hex')
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(d, p, a, h, o) ORDER BY t.o`,
      [surveyId, rows.map((r) => r.department), rows.map((r) => r.position), rows.map((r) => r.answers), rows.map((r) => r.editHash)],
    );
  }
}
