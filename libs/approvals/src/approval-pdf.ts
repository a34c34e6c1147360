import type { ApprovalActionView, ApprovalView } from '@yakuba/contracts';
import { JapanesePdfWriter, formatTokyo, formatWareki, type PageSize } from '@yakuba/platform';

export interface AttachmentPages {
  title: string;
  version: number;
  fileName: string;
  /** Pages of that version; `pages` holds the first of them drawn, fewer once the final PDF's page limit is reached. */
  pageCount: number;
  pages: { bytes: Uint8Array; width: number; height: number }[];
}

/**
 * The 添付資料 list of the final PDF: each attachment (current version) with its pages, and for one not drawn whole
 * (the page limit of the final PDF) which pages were left out; they stay downloadable from the approval.
 */
export function attachmentRows(attachments: AttachmentPages[], limit: number): [string, string, string, string][] {
  return attachments.map((a) => {
    const drawn = a.pages.length;
    const note =
      drawn >= a.pageCount
        ? '全頁を以下に収録'
        : drawn === 0
          ? `頁数の上限（${limit}頁）により全頁省略。原本は電子決裁の添付資料から取得できます`
          : `頁数の上限（${limit}頁）により第${drawn + 1}頁以降を省略。原本は電子決裁の添付資料から取得できます`;
    return [a.title, `第${a.version}版（${a.fileName}）`, `${a.pageCount}頁`, note];
  });
}

/** One 電子印 in the 決裁欄. */
export interface Stamp {
  label: string;
  name: string;
  position: string;
  /** When it really happened. */
  at: string;
  /** 代決 / 後閲 / 供覧. */
  marks: string[];
}

const RED = '#c8102e';
const ACTION_LABEL: Record<string, string> = {
  create: '起案',
  submit: '提出',
  resubmit: '再提出',
  edit: '修正',
  attach: '添付',
  approve: '承認',
  reject: '否決',
  send_back: '差戻し',
  withdraw: '引戻し',
  comment: 'コメント',
  proxy_approve: '代決',
  review: '後閲',
  decide: '決裁',
};

/**
 * The 決裁欄 in rank order, as a paper 起案用紙 reads from the right: the decider first, then down the route,
 * the drafter last; every name and position as recorded with the act (not as the directory has it now). Every approver who acted gets a stamp: a 代決 shows the proxy's stamp marked 代決 for the absent
 * approver, who adds their own stamp marked 後閲 once they have reviewed it.
 */
export function stampsOf(view: ApprovalView): Stamp[] {
  const stamps: Stamp[] = [];
  view.route.forEach((stage) => {
    for (const a of stage.approvers) {
      if (!['approved', 'seen', 'proxy_approved'].includes(a.state) || !a.actedAt) continue;
      // Names and positions as recorded with each act: a later promotion or rename leaves old stamps as they were.
      const seal = a.stamp ?? { name: a.displayName, position: a.position, at: a.actedAt, onBehalfOfName: null };
      if (a.state === 'proxy_approved' && a.proxyId) {
        stamps.push({
          label: stage.label,
          name: seal.name,
          position: seal.position ?? '',
          at: seal.at,
          marks: [`代決（${seal.onBehalfOfName ?? a.displayName} 不在）`],
        });
        const review = view.reviews.find((r) => r.approverId === a.userId && r.stage === stage.stage && r.doneAt);
        if (review?.doneAt)
          stamps.push({
            label: stage.label,
            name: review.stamp?.name ?? a.displayName,
            position: review.stamp?.position ?? '',
            at: review.doneAt,
            marks: ['後閲'],
          });
        continue;
      }
      stamps.push({
        label: stage.label,
        name: seal.name,
        position: seal.position ?? '',
        at: seal.at,
        marks: a.state === 'seen' ? ['供覧'] : [],
      });
    }
  });
  const created = view.actions.find((x) => x.kind === 'create');
  stamps.reverse();
  stamps.push({
    label: '起案者',
    name: view.drafterStamp?.name ?? created?.actorName ?? view.drafterName,
    position: view.drafterStamp?.position ?? created?.actorPosition ?? '',
    at: view.drafterStamp?.at ?? created?.at ?? view.createdAt,
    marks: [],
  });
  return stamps;
}

function lastAction(actions: ApprovalActionView[], match: (a: ApprovalActionView) => boolean): ApprovalActionView | undefined {
  return [...actions].reverse().find(match);
}

/** 令和8年度 住総第1号: the number restarts every fiscal year, so it is shown with the year it belongs to. */
export function fullDocumentNumber(view: Pick<ApprovalView, 'documentNumber' | 'documentYearLabel'>): string {
  return [view.documentYearLabel, view.documentNumber].filter(Boolean).join(' ');
}

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;
const date = (iso: string) => formatTokyo(new Date(iso), 'date');
const minute = (iso: string) => formatTokyo(new Date(iso), 'minute');

/** The decided document: the draft, the 決裁欄 page with every stamp and the history, then the attachments' pages. */
export async function renderApprovalPdf(view: ApprovalView, attachments: AttachmentPages[], pageLimit: number): Promise<Uint8Array> {
  const number = fullDocumentNumber(view);
  const pdf = new JapanesePdfWriter({
    title: `${number} ${view.title}`,
    header: `${number} ${view.title}`,
    pageNumbers: true,
  });
  pdf.addPage().title(view.title);
  const decision = lastAction(view.actions, (a) => a.kind === 'decide');
  const decidedAt = view.decidedAt ? `${formatWareki(new Date(view.decidedAt))}（${minute(view.decidedAt)}）` : '';
  const rows: [string, string][] = [
    ['文書番号', number],
    ['文書分類', view.typeName],
    [
      '起案者',
      view.drafterStamp
        ? `${view.departmentName ?? ''} ${view.drafterStamp.position ?? ''} ${view.drafterStamp.name}`
        : `${view.departmentName ?? ''} ${view.drafterPosition ?? ''} ${view.drafterName}`,
    ],
    ['起案日', date(view.createdAt)],
    ['決裁日', view.statedDecisionDate ? `${view.statedDecisionDate.replaceAll('-', '/')}（遡及。実際の決裁 ${decidedAt}）` : decidedAt],
    ...(view.statedDecisionReason ? ([['遡及の理由', view.statedDecisionReason]] as [string, string][]) : []),
    [
      '保存年限',
      view.retentionYears === 'permanent' ? '永年' : `${view.retentionYears}年（${view.retentionEndsOn?.replaceAll('-', '/') ?? ''}まで）`,
    ],
    ...(view.amount !== null ? ([['金額', yen(view.amount)]] as [string, string][]) : []),
    [
      '区分',
      [view.important ? '重要' : '', view.unusual ? '異例' : '', view.afterTheFact ? '事後決裁（災害対応）' : '']
        .filter(Boolean)
        .join('・') || '通常',
    ],
  ];
  if (decision?.actorName)
    rows.push([
      '決裁者',
      `${decision.actorPosition ?? ''} ${decision.actorName}${decision.onBehalfOfName ? `（${decision.onBehalfOfName} の代決）` : ''}`,
    ]);
  pdf.table({
    columns: [
      { header: '項目', width: 1 },
      { header: '内容', width: 4 },
    ],
    rows,
    size: 10,
  });
  pdf.heading('本文');
  for (const paragraph of view.body.split(/\n/)) pdf.paragraph(paragraph || ' ');
  drawStampPage(pdf, view);
  pdf.heading('経過');
  pdf.table({
    columns: [
      { header: '日時（実際）', width: 1.5 },
      { header: '氏名・職', width: 1.7 },
      { header: '操作', width: 0.9 },
      { header: 'コメント・遡及', width: 3 },
    ],
    rows: view.actions.map((a) => [
      minute(a.at),
      `${a.actorName}${a.actorPosition ? `（${a.actorPosition}）` : ''}`,
      `${ACTION_LABEL[a.kind] ?? a.kind}${a.onBehalfOfName ? `（${a.onBehalfOfName}分）` : ''}${a.toStage !== null ? `→第${a.toStage + 1}段` : ''}`,
      [a.comment ?? '', a.statedDate ? `決裁日 ${a.statedDate}（遡及: ${a.statedReason ?? ''}）` : ''].filter(Boolean).join(' / '),
    ]),
    size: 9,
  });
  if (attachments.length) {
    pdf.heading('添付資料');
    pdf.table({
      columns: [
        { header: '資料名', width: 2 },
        { header: '版', width: 1.6 },
        { header: '頁数', width: 0.6 },
        { header: '収録', width: 2.5 },
      ],
      rows: attachmentRows(attachments, pageLimit),
      size: 9,
    });
  }
  for (const attachment of attachments) {
    for (const page of attachment.pages) {
      pdf.addPage([page.width, page.height] satisfies PageSize).image(page.bytes, 0, 0, page.width, page.height);
    }
  }
  return pdf.finish();
}

const CELL = { width: 96, height: 150, radius: 34 };

function drawStampPage(pdf: JapanesePdfWriter, view: ApprovalView): void {
  pdf.addPage().title('決裁欄');
  const stamps = stampsOf(view);
  const left = 40;
  const top = 110;
  const perRow = Math.max(1, Math.floor((pdf.pageWidth - 80) / CELL.width));
  stamps.forEach((stamp, i) => {
    const x = left + (i % perRow) * CELL.width;
    const y = top + Math.floor(i / perRow) * (CELL.height + 10);
    pdf.box(x, y, CELL.width, CELL.height, { border: '#808080' });
    pdf.textAt(pdf.wrap(stamp.label, { size: 8 }, CELL.width - 8).slice(0, 2), x + 4, y + 3, { size: 8 });
    const cx = x + CELL.width / 2;
    const cy = y + 24 + CELL.radius + 6;
    circle(pdf, cx, cy, CELL.radius);
    const centred = (text: string, baseline: number, size: number) =>
      pdf.lineAt(text, cx - Math.min(text.length * size, CELL.radius * 1.8) / 2, baseline, { size, colour: RED });
    centred(stamp.position.slice(0, 5), cy - 13, 7);
    centred(date(stamp.at).slice(2), cy + 3, 8);
    centred(stamp.name.slice(0, 6), cy + 20, stamp.name.length > 4 ? 8 : 9);
    const marks = stamp.marks.join(' ');
    if (marks) pdf.textAt(pdf.wrap(marks, { size: 7 }, CELL.width - 8).slice(0, 2), x + 4, y + CELL.height - 36, { size: 7, colour: RED });
    pdf.textAt([minute(stamp.at)], x + 4, y + CELL.height - 14, { size: 6.5, colour: '#404040' });
  });
  pdf.space(Math.ceil(stamps.length / perRow) * (CELL.height + 10) + 40);
}

/** A red seal outline: a circle drawn as a closed polyline. */
function circle(pdf: JapanesePdfWriter, cx: number, cy: number, r: number): void {
  const points: number[] = [];
  for (let k = 0; k <= 72; k++) {
    const t = (k / 72) * Math.PI * 2;
    points.push(cx + r * Math.cos(t), cy + r * Math.sin(t));
  }
  pdf.polyline(points, { width: 1.6, colour: RED });
}
