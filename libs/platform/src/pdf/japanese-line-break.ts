/**
 * Line breaking for Japanese text set in our PDFs, with the common 禁則処理 (JIS X 4051, as word processors apply
 * it): a line never starts with closing brackets, 、。 and other punctuation, small kana or the long vowel mark, and
 * never ends with an opening bracket. Latin words and numbers are not split unless longer than a line. Hand-written:
 * the PDF libraries break at spaces only (pdfkit) or not at all, and the Unicode line-break packages do not apply
 * Japanese 禁則 (UAX #14 lets a line start with ー or a small kana).
 */

/** May not start a line (行頭禁則文字). */
export const NO_LINE_START = new Set([
  ...'、。，．,.：；:;？！?!・‥…ー―‐〜～゠–',
  ...'）〕］｝〉》」』】〙〗)]}»’”',
  ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ゝゞヽヾ',
  ...'%％℃°′″',
]);

/** May not end a line (行末禁則文字). */
export const NO_LINE_END = new Set([...'（〔［｛〈《「『【〘〖([{«‘“', ...'￥$＄£€#＃']);

/** Measures a text in the font and size being set, in points. */
export type MeasureText = (text: string) => number;

// A unit the breaker never splits: a Latin word or number (with its trailing punctuation), one space, or one other
// character. Kanji and kana break between any two characters.
const UNITS = /[A-Za-z0-9\u00c0-\u024f'’\-_.,:;!?%/@&+#()[\]"]+|\s|[\s\S]/gu;

const isSpace = (unit: string) => /^\s$/u.test(unit);
const first = (unit: string) => [...unit][0];
const last = (unit: string) => [...unit].at(-1)!;

/** Whether a line may break between two units. */
function breakable(before: string, after: string): boolean {
  return !NO_LINE_START.has(first(after)) && !NO_LINE_END.has(last(before));
}

/**
 * Breaks `text` into lines no wider than `maxWidth` (as `measure` says), keeping the author's line breaks. When the
 * break would put a forbidden character at a line's start or end, the break moves back (追い出し) until it is allowed;
 * if the whole line is one unbreakable run, the character is left hanging past the margin (ぶら下げ) instead.
 * Spaces at a break are dropped.
 */
export function breakLines(text: string, maxWidth: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const units = splitLongUnits(paragraph.match(UNITS) ?? [], maxWidth, measure);
    let start = 0;
    while (start < units.length) {
      let end = start + 1;
      while (
        end < units.length &&
        measure(
          units
            .slice(start, end + 1)
            .join('')
            .trimEnd(),
        ) <= maxWidth
      )
        end++;
      if (end < units.length) end = adjustBreak(units, start, end);
      lines.push(units.slice(start, end).join('').trimEnd());
      start = end;
      while (start < units.length && isSpace(units[start])) start++;
    }
    if (!units.length) lines.push('');
  }
  return lines;
}

/** Whether a line may break before `units[at]`. */
function allowedAt(units: string[], at: number): boolean {
  return isSpace(units[at]) || isSpace(units[at - 1]) || breakable(units[at - 1], units[at]);
}

/** Moves a break at `end` back until allowed (追い出し); failing that, forward past the forbidden run (ぶら下げ). */
function adjustBreak(units: string[], start: number, end: number): number {
  for (let at = end; at > start; at--) if (allowedAt(units, at)) return at;
  let at = end + 1;
  while (at < units.length && !allowedAt(units, at)) at++;
  return at;
}

/** Splits a word wider than a whole line into pieces that fit: a long URL or number still wraps. */
function splitLongUnits(units: string[], maxWidth: number, measure: MeasureText): string[] {
  const out: string[] = [];
  for (const unit of units) {
    if (unit.length === 1 || measure(unit) <= maxWidth) {
      out.push(unit);
      continue;
    }
    let piece = '';
    for (const ch of unit) {
      if (piece && measure(piece + ch) > maxWidth) {
        out.push(piece);
        piece = '';
      }
      piece += ch;
    }
    if (piece) out.push(piece);
  }
  return out;
}

/** Width of a text in a font where ASCII and half-width katakana are half an em and everything else one em. */
export function monospaceJapaneseWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! < 0x7f || /[\uff61-\uff9f]/.test(ch) ? 0.5 : 1;
  return em * size;
}
