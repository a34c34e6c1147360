import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hostileCorpus, type HostileFile, type Outcome } from '../fixtures/hostile/hostile-corpus';
import type { SignedIn, TestServer } from '../support/test-server';

/**
 * Uploads the hostile corpus to the meeting document route and the chat attachment route of a running test server,
 * draws the pages of what is accepted, and records what happened to each file and to the process's memory. Used
 * once by test/security/hostile-files.e2e-spec.ts and repeatedly by test/campaigns/hostile-files.campaign-spec.ts.
 */
export interface CorpusRow {
  name: string;
  category: HostileFile['category'];
  size: number;
  route: 'meeting' | 'chat';
  expected: Outcome;
  status: number;
  message: string;
  /** Page images of an accepted meeting document: status per page. */
  pages: number[];
  /** Files in DATA_DIR and meeting documents stored by this upload. */
  storedFiles: number;
  storedDocuments: number;
  ms: number;
}

export interface MemoryFigures {
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
  heapBeforeMb: number;
  heapAfterMb: number;
}

const mb = (n: number) => Math.round(n / 1048576);

export function countFiles(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countFiles(join(dir, entry.name));
    else if (statSync(join(dir, entry.name)).isFile()) n++;
  }
  return n;
}

/** Samples the process's resident memory while `work` runs (the pdf.js threads live in this process too). */
export async function measured<T>(work: () => Promise<T>): Promise<{ result: T; memory: MemoryFigures }> {
  const before = process.memoryUsage();
  let peak = before.rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  try {
    const result = await work();
    const after = process.memoryUsage();
    peak = Math.max(peak, after.rss);
    return {
      result,
      memory: {
        rssBeforeMb: mb(before.rss),
        rssPeakMb: mb(peak),
        rssAfterMb: mb(after.rss),
        heapBeforeMb: mb(before.heapUsed),
        heapAfterMb: mb(after.heapUsed),
      },
    };
  } finally {
    clearInterval(timer);
  }
}

function upload(t: TestServer, who: SignedIn, path: string, file: HostileFile) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.fileName);
  return t.request('POST', path, { token: who.token, body: form });
}

export async function uploadCorpus(
  t: TestServer,
  who: SignedIn,
  target: { meetingId: string; channelId: string },
  files: HostileFile[] = hostileCorpus(),
): Promise<CorpusRow[]> {
  const rows: CorpusRow[] = [];
  const documents = async () => Number((await t.query('SELECT count(*)::int AS n FROM meeting_documents'))[0].n);
  for (const file of files) {
    for (const route of ['meeting', 'chat'] as const) {
      const filesBefore = countFiles(t.dataDir);
      const documentsBefore = await documents();
      const started = Date.now();
      const path =
        route === 'meeting' ? `/api/meetings/${target.meetingId}/documents` : `/api/chat/channels/${target.channelId}/attachments`;
      const res = await upload(t, who, path, file);
      const pages: number[] = [];
      if (route === 'meeting' && res.status === 201) {
        for (let page = 1; page <= Math.min(2, res.body.pageCount); page++) {
          const image = await t.request('GET', `/api/meetings/${target.meetingId}/documents/${res.body.id}/pages/${page}.png?width=1200`, {
            token: who.token,
          });
          pages.push(image.status);
        }
      }
      rows.push({
        name: file.name,
        category: file.category,
        size: file.bytes.length,
        route,
        expected: file[route],
        status: res.status,
        message: typeof res.body === 'object' && res.body ? String(res.body.message ?? '') : '',
        pages,
        storedFiles: countFiles(t.dataDir) - filesBefore,
        storedDocuments: (await documents()) - documentsBefore,
        ms: Date.now() - started,
      });
    }
  }
  return rows;
}

/** The corpus table for docs/reliability.md and the test log. */
export function corpusTable(rows: CorpusRow[]): string {
  const byName = new Map<string, CorpusRow[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  const lines = ['| file | kind | bytes | meeting | chat | ms (meeting) |', '| --- | --- | ---: | --- | --- | ---: |'];
  for (const [name, [meeting, chat]] of byName) {
    const reason = /\((pdf_[a-z_]+)\)$/.exec(meeting.message)?.[1];
    const shown = `${meeting.status}${reason ? ` ${reason}` : ''}${meeting.pages.length ? ` pages ${meeting.pages.join('/')}` : ''}`;
    lines.push(`| ${name} | ${meeting.category} | ${meeting.size} | ${shown} | ${chat?.status ?? ''} | ${meeting.ms} |`);
  }
  return lines.join('\n');
}
