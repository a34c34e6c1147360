import { attachmentRows, type AttachmentPages } from './approval-pdf';

const page = { bytes: new Uint8Array(), width: 595, height: 842 };
const attachment = (title: string, pageCount: number, drawn: number, version = 1): AttachmentPages => ({
  title,
  version,
  fileName: `${title}.pdf`,
  pageCount,
  pages: Array.from({ length: drawn }, () => page),
});

describe('final PDF: the 添付資料 list', () => {
  it('lists every attachment with its version and pages, and says which pages the page limit left out', () => {
    expect(attachmentRows([attachment('見積書', 3, 3, 2), attachment('図面', 250, 197), attachment('資料集', 40, 0)], 200)).toEqual([
      ['見積書', '第2版（見積書.pdf）', '3頁', '全頁を以下に収録'],
      ['図面', '第1版（図面.pdf）', '250頁', '頁数の上限（200頁）により第198頁以降を省略。原本は電子決裁の添付資料から取得できます'],
      ['資料集', '第1版（資料集.pdf）', '40頁', '頁数の上限（200頁）により全頁省略。原本は電子決裁の添付資料から取得できます'],
    ]);
    expect(attachmentRows([], 200)).toEqual([]);
  });
});
