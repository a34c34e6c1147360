import { PdfReader } from '@yakuba/platform';
import { pageText } from '../domain/pdf-acceptance';
import { renderMinutesPdf } from './minutes-pdf';

describe('the minutes PDF', () => {
  it('is written with a small embedded subset, dated in 和暦, every page headed and numbered', async () => {
    const bytes = await renderMinutesPdf({
      title: '定例庁議',
      startsAt: new Date('2026-04-01T01:00:00Z'),
      place: '第1会議室',
      organiser: '佐藤 一郎',
      attendees: ['佐藤 一郎', '鈴木 花子'],
      absentees: [],
      items: [{ position: 1, title: '電子決裁の導入について', minutes: '総務課から説明。', decisions: '10月から導入する。' }],
    });
    expect(bytes.length).toBeLessThan(80_000);
    const [text, ...more] = (await new PdfReader().inspect(bytes, 10)).runs.map(pageText);
    expect(more).toEqual([]);
    for (const expected of ['議事録 定例庁議', '日時：令和8年4月1日(水) 10:00', '場所：第1会議室', '出席（2名）：佐藤 一郎、鈴木 花子'])
      expect(text).toContain(expected);
    expect(text).toContain('【決定事項】');
    expect(text.endsWith('1 / 1')).toBe(true);
  });
});
