import { NO_LINE_END, NO_LINE_START } from './japanese-line-break';
import { PdfReader } from './pdf-reader';
import { JapanesePdfWriter } from './pdf-writer';

const reader = new PdfReader();
const pagesText = async (bytes: Uint8Array) => {
  const found = await reader.inspect(bytes, 100);
  return found.runs.map((runs) => runs.map((r) => r.str + (r.hasEOL ? '\n' : '')).join(''));
};
const squeeze = (text: string) => text.replace(/\s+/g, '');

const PARAGRAPHS = [
  '令和8年度の電子決裁の導入について、総務課から説明があった。「紙の決裁を原則廃止する」との方針（案）が示され、各課の意見を聴くこととした。',
  '防災訓練は、10月15日（木）午前9時から、役場本庁舎および第1～第3避難所で実施する。参加者は約300名を見込む。ＡＢＣ abc 123 ｶﾀｶﾅ 々〆ヶ',
];

describe('JapanesePdfWriter', () => {
  it('writes Japanese paragraphs and a table that pdf.js reads back as written, lines obeying 禁則', async () => {
    const pdf = new JapanesePdfWriter({ title: '往復試験', header: '定例庁議 議事録', pageNumbers: true });
    pdf.title('議事録　往復試験');
    for (const text of PARAGRAPHS) pdf.paragraph(text, { indent: 12 });
    pdf.table({
      columns: [
        { header: '項目', width: 2 },
        { header: '担当課', width: 1 },
        { header: '金額（円）', width: 1, align: 'right' },
      ],
      rows: [
        ['避難所の備蓄品（水・食料・毛布）の更新', '危機管理課', '1,200,000'],
        ['電子決裁システムの導入「第一期」', '総務課', '8,500,000'],
      ],
    });
    const bytes = await pdf.finish();
    const [page, ...rest] = await pagesText(bytes);
    expect(rest).toEqual([]);
    // The page header and number are written last, when the page count is known: they come last in the text.
    const expected = ['議事録　往復試験', ...PARAGRAPHS, '項目担当課金額（円）'];
    expected.push('避難所の備蓄品（水・食料・毛布）の更新危機管理課1,200,000', '電子決裁システムの導入「第一期」総務課8,500,000');
    expected.push('定例庁議 議事録', '1 / 1');
    expect(squeeze(page)).toBe(squeeze(expected.join('')));
    for (const line of page.split('\n').filter(Boolean)) {
      expect(NO_LINE_START.has(line.trim()[0])).toBe(false);
      expect(NO_LINE_END.has(line.trim().at(-1)!)).toBe(false);
    }
    // Only the glyphs used are embedded: a few tens of kB, not the 5 MB faces.
    expect(bytes.length).toBeLessThan(120_000);
  });

  it('breaks pages as needed, repeats the table header and numbers every page 「n / N」', async () => {
    const pdf = new JapanesePdfWriter({ title: '長い表', header: '防災計画', pageNumbers: true });
    const rows = Array.from({ length: 80 }, (_, i) => [`避難所${i + 1}`, `第${i + 1}地区の集会所`]);
    pdf.table({
      columns: [
        { header: '名称', width: 1 },
        { header: '所在', width: 2 },
      ],
      rows,
    });
    const pages = await pagesText(await pdf.finish());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(squeeze(text).startsWith('名称所在')).toBe(true);
      expect(squeeze(text).endsWith(`防災計画${i + 1}/${pages.length}`)).toBe(true);
    });
    const body = pages
      .map((text) =>
        squeeze(text)
          .replace(/^名称所在/, '')
          .replace(/防災計画\d+\/\d+$/, ''),
      )
      .join('');
    expect(body).toBe(rows.map((r) => r.join('')).join(''));
  });

  it('writes text in a font the reader supplies, readable with the CMaps', async () => {
    const pdf = new JapanesePdfWriter({ title: '資料' });
    pdf.readerFontLine('令和六年度第一回庁議資料', 60, 100, 20);
    const bytes = await pdf.finish();
    expect(squeeze((await pagesText(bytes))[0])).toBe('令和六年度第一回庁議資料');
    expect(bytes.length).toBeLessThan(10_000);
  });
});
