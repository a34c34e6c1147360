import { constants, inflateSync } from 'node:zlib';
import type { PdfLimits, PdfRefusalReason } from './pdf-limits';

/**
 * A look at every stream of a PDF before pdf.js opens it: each stream is decoded (Flate, LZW, run-length, ASCII
 * hex and 85, in the order its /Filter names them) with a ceiling on the output, and the drawing operations of
 * content streams are counted. pdf.js decodes whatever a page names, as far as it goes: a kilobyte compressed twice
 * becomes hundreds of megabytes, and a page of a million text operations keeps a renderer busy past any deadline.
 * Written here because no library decodes PDF streams with an output ceiling; runs inside the reader thread
 * (pdf-reader.worker.ts imports it at run time), so it keeps to erasable TypeScript and imports only Node.
 */
export interface StreamScan {
  streams: number;
  decodedBytes: number;
  operators: number;
  /** Operators of the busiest content stream. */
  largestContent: number;
  refusal: { reason: PdfRefusalReason; message: string } | null;
}

export type ScanLimits = Pick<
  PdfLimits,
  'maxStreamBytes' | 'maxTotalDecodedBytes' | 'maxFilterChain' | 'maxOperatorsPerStream' | 'maxTotalOperators' | 'maxImagePixels'
>;

class Refused extends Error {
  readonly reason: PdfRefusalReason;
  constructor(reason: PdfRefusalReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

const ABBREVIATIONS: Record<string, string> = {
  Fl: 'FlateDecode',
  AHx: 'ASCIIHexDecode',
  A85: 'ASCII85Decode',
  LZW: 'LZWDecode',
  RL: 'RunLengthDecode',
  DCT: 'DCTDecode',
  CCF: 'CCITTFaxDecode',
};

const isWhite = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelimiter = (c: number) =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;

/** The dictionary text before `stream` at `at` (`<<` ... `>>`), or null. */
function dictionaryBefore(buf: Buffer, at: number): string | null {
  let end = at - 1;
  while (end >= 0 && isWhite(buf[end])) end--;
  if (end < 1 || buf[end] !== 0x3e || buf[end - 1] !== 0x3e) return null;
  let depth = 0;
  const floor = Math.max(0, end - 65_536);
  for (let i = end; i > floor; i--) {
    if (buf[i] === 0x3e && buf[i - 1] === 0x3e) {
      depth++;
      i--;
    } else if (buf[i] === 0x3c && buf[i - 1] === 0x3c) {
      depth--;
      i--;
      if (depth === 0) return buf.toString('latin1', i, end + 1);
    }
  }
  return null;
}

const directInt = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+)(?!\\s+\\d+\\s+R)`).exec(dict);
  return m ? Number(m[1]) : null;
};
const has = (dict: string, key: string) => new RegExp(`/${key}(?![A-Za-z0-9])`).test(dict);
const nameOf = (dict: string, key: string) => new RegExp(`/${key}\\s*/([A-Za-z0-9]+)`).exec(dict)?.[1] ?? null;

function filtersOf(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+|\d+\s+\d+\s+R)/.exec(dict);
  if (!m) return [];
  if (/R$/.test(m[1])) throw new Refused('pdf_filter_chain', 'a stream names its filters indirectly');
  return [...m[1].matchAll(/\/([A-Za-z0-9]+)/g)].map((f) => ABBREVIATIONS[f[1]] ?? f[1]);
}

function inflate(data: Buffer, cap: number): Buffer | null {
  try {
    return inflateSync(data, { maxOutputLength: cap + 1, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    // Past the ceiling (a RangeError, compared by code: it may come from another realm).
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return Buffer.alloc(cap + 1);
    // Corrupt data: pdf.js will not get far with it either; the trial render judges the page.
    return null;
  }
}

function asciiHex(data: Buffer): Buffer {
  const digits = data.toString('latin1').replace(/[^0-9A-Fa-f>]/g, '');
  const hex = digits.split('>')[0];
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85(data: Buffer, cap: number): Buffer {
  const text = data.toString('latin1').replace(/\s/g, '');
  const body = text.startsWith('<~') ? text.slice(2) : text;
  const out: number[] = [];
  let group: number[] = [];
  for (const ch of body) {
    if (ch === '~') break;
    if (ch === 'z' && group.length === 0) out.push(0, 0, 0, 0);
    else {
      const v = ch.charCodeAt(0) - 33;
      if (v < 0 || v > 84) continue;
      group.push(v);
      if (group.length === 5) {
        let n = 0;
        for (const d of group) n = n * 85 + d;
        out.push((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
        group = [];
      }
    }
    if (out.length > cap) break;
  }
  return Buffer.from(out);
}

function runLength(data: Buffer, cap: number): Buffer {
  const out = Buffer.alloc(Math.min(cap + 1, data.length * 64 + 128));
  let size = 0;
  for (let i = 0; i < data.length && size <= cap;) {
    const n = data[i++];
    if (n === 128) break;
    const run = n < 128 ? n + 1 : 257 - n;
    const room = Math.min(run, out.length - size);
    if (n < 128) out.set(data.subarray(i, i + room), size);
    else out.fill(data[i] ?? 0, size, size + room);
    i += n < 128 ? n + 1 : 1;
    size += room;
    if (room < run) return out.subarray(0, cap + 1);
  }
  return out.subarray(0, size);
}

/**
 * LZW as PDF uses it (early change 1). The table holds each entry as (prefix entry, last byte, length), so a code is
 * written by walking back from its end: linear in the output, whatever the input.
 */
function lzw(data: Buffer, cap: number): Buffer {
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    length[i] = 1;
    prefix[i] = -1;
  }
  let out = Buffer.alloc(Math.min(cap + 1, Math.max(4096, data.length * 4)));
  let outLen = 0;
  let size = 258;
  let bits = 9;
  let buffer = 0;
  let count = 0;
  let previous = -1;
  const firstByte = (code: number) => {
    while (prefix[code] >= 0) code = prefix[code];
    return suffix[code];
  };
  const write = (code: number): boolean => {
    const n = length[code];
    if (outLen + n > out.length) {
      if (out.length > cap) return false;
      const grown = Buffer.alloc(Math.min(cap + 1 + n, Math.max(out.length * 2, outLen + n)));
      out.copy(grown, 0, 0, outLen);
      out = grown;
    }
    for (let at = outLen + n - 1, c = code; c >= 0; c = prefix[c], at--) out[at] = suffix[c];
    outLen += n;
    return outLen <= cap;
  };
  for (const byte of data) {
    buffer = ((buffer << 8) | byte) & 0xffffff;
    count += 8;
    while (count >= bits) {
      const code = (buffer >>> (count - bits)) & ((1 << bits) - 1);
      count -= bits;
      if (code === 256) {
        size = 258;
        bits = 9;
        previous = -1;
        continue;
      }
      if (code === 257) return out.subarray(0, outLen);
      if (previous < 0) {
        if (code > 255) return out.subarray(0, outLen);
      } else if (size < 4096) {
        // The new entry: the previous string and the first byte of this one (itself, when this code is the new one).
        if (code > size) return out.subarray(0, outLen);
        prefix[size] = previous;
        suffix[size] = firstByte(code === size ? previous : code);
        length[size] = length[previous] + 1;
        size++;
      }
      if (!write(code)) return out.subarray(0, outLen);
      previous = code;
      if (size + 1 >= 1 << bits && bits < 12) bits++;
    }
  }
  return out.subarray(0, outLen);
}

/**
 * The drawing work of a content stream: its operators (bare keywords; names, numbers, comments and inline image
 * bytes skipped) plus the characters of its strings, since each glyph shown is drawn as a path of its own (a page
 * of ten thousand `Tj` of thirty characters costs as much as three hundred thousand path operations). Stops
 * counting past `cap`.
 */
export function countOperators(data: Uint8Array, cap = Number.MAX_SAFE_INTEGER): number {
  let count = 0;
  let i = 0;
  const n = data.length;
  while (i < n && count <= cap) {
    const c = data[i];
    if (isWhite(c)) i++;
    else if (c === 0x25) while (i < n && data[i] !== 0x0a && data[i] !== 0x0d) i++;
    else if (c === 0x28) {
      const start = i;
      let depth = 0;
      for (; i < n; i++) {
        if (data[i] === 0x5c) i++;
        else if (data[i] === 0x28) depth++;
        else if (data[i] === 0x29 && --depth === 0) break;
      }
      i++;
      count += i - start - 2;
    } else if (c === 0x3c && data[i + 1] !== 0x3c) {
      const start = i;
      while (i < n && data[i] !== 0x3e) i++;
      i++;
      count += (i - start - 2) >> 1;
    } else if (c === 0x2f || isDelimiter(c)) {
      i++;
      if (c === 0x2f) while (i < n && !isWhite(data[i]) && !isDelimiter(data[i])) i++;
    } else {
      const start = i;
      while (i < n && !isWhite(data[i]) && !isDelimiter(data[i])) i++;
      const first = data[start];
      const isNumber = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e;
      if (isNumber) continue;
      count++;
      // Inline image data: binary until whitespace, "EI", whitespace.
      if (i - start === 2 && first === 0x49 && data[start + 1] === 0x44) {
        i++;
        while (i < n && !(isWhite(data[i - 1]) && data[i] === 0x45 && data[i + 1] === 0x49 && (i + 2 >= n || isWhite(data[i + 2])))) i++;
        i += 2;
        count++;
      }
    }
  }
  return count;
}

/** The frame size a JPEG declares (its SOF segment), walking the marker segments from the start; null if none. */
export function jpegFrameSize(data: Uint8Array): { width: number; height: number } | null {
  if (data[0] !== 0xff || data[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < data.length) {
    if (data[i] !== 0xff) return null;
    const marker = data[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (data[i + 2] << 8) | data[i + 3];
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: (data[i + 5] << 8) | data[i + 6], width: (data[i + 7] << 8) | data[i + 8] };
    if (marker === 0xda || length < 2) return null;
    i += 2 + length;
  }
  return null;
}

function decode(data: Buffer, filters: string[], cap: number): { bytes: Buffer; complete: boolean } {
  let bytes = data;
  for (const filter of filters) {
    let next: Buffer | null;
    switch (filter) {
      case 'FlateDecode':
        next = inflate(bytes, cap);
        break;
      case 'LZWDecode':
        next = lzw(bytes, cap);
        break;
      case 'RunLengthDecode':
        next = runLength(bytes, cap);
        break;
      case 'ASCIIHexDecode':
        next = asciiHex(bytes);
        break;
      case 'ASCII85Decode':
        next = ascii85(bytes, cap);
        break;
      default:
        // Image codecs (DCT, JPX, JBIG2, CCITT) and encryption: their output is bounded by the image's size.
        next = null;
    }
    if (!next) return { bytes, complete: false };
    bytes = next;
    if (bytes.length > cap) return { bytes, complete: true };
  }
  return { bytes, complete: true };
}

/**
 * Streams whose operations are counted: page contents, form XObjects, patterns, Type 3 glyphs, and anything else
 * that is not plainly data (object and cross-reference streams, metadata, embedded files, font programs, colour
 * profiles, functions, shadings), so that a page cannot hide its contents behind an odd /Type.
 */
const DATA_TYPES = new Set(['ObjStm', 'XRef', 'Metadata', 'EmbeddedFile', 'XML']);
const FONT_SUBTYPES = new Set(['Type1C', 'CIDFontType0C', 'OpenType', 'XML']);
function isContent(dict: string): boolean {
  const type = nameOf(dict, 'Type');
  const subtype = nameOf(dict, 'Subtype');
  if ((type && DATA_TYPES.has(type)) || (subtype && FONT_SUBTYPES.has(subtype))) return false;
  return !['Length1', 'Length2', 'Length3', 'N', 'FunctionType', 'ShadingType'].some((k) => has(dict, k));
}

export function scanPdfStreams(bytes: Uint8Array, limits: ScanLimits): StreamScan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scan: StreamScan = { streams: 0, decodedBytes: 0, operators: 0, largestContent: 0, refusal: null };
  const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
  try {
    let pos = 0;
    for (;;) {
      const at = buf.indexOf('stream', pos, 'latin1');
      if (at < 0) break;
      pos = at + 6;
      // `stream` ends its line; the search also meets the tail of `endstream`, which has no dictionary before it.
      let start = pos;
      if (buf[start] === 0x0d) start++;
      if (buf[start] === 0x0a) start++;
      if (start === pos) continue;
      const dict = dictionaryBefore(buf, at);
      if (dict === null) continue;
      const length = directInt(dict, 'Length');
      let end = length !== null && start + length <= buf.length ? start + length : -1;
      if (end < 0 || buf.indexOf('endstream', end, 'latin1') - end > 4) end = buf.indexOf('endstream', start, 'latin1');
      if (end < 0) end = buf.length;
      pos = end;
      scan.streams++;
      const filters = filtersOf(dict);
      if (filters.length > limits.maxFilterChain)
        throw new Refused('pdf_filter_chain', `a stream is compressed ${filters.length} times over (at most ${limits.maxFilterChain})`);
      const image = nameOf(dict, 'Subtype') === 'Image';
      let cap = limits.maxStreamBytes;
      if (image) {
        const width = directInt(dict, 'Width') ?? directInt(dict, 'W');
        const height = directInt(dict, 'Height') ?? directInt(dict, 'H');
        if (width !== null && height !== null) {
          if (width * height > limits.maxImagePixels)
            throw new Refused(
              'pdf_image_too_large',
              `an image of ${width} × ${height} pixels (at most ${limits.maxImagePixels / 1e6} megapixels)`,
            );
          // Up to 4 colour components at 16 bits, and some slack for predictors.
          cap = Math.max(65_536, width * height * 8 + height * 16);
        }
      }
      const decoded = decode(buf.subarray(start, end), filters, cap);
      // A JPEG decoder sizes its buffers from the frame the JPEG declares, whatever the PDF says around it.
      if (image && !decoded.complete && filters.includes('DCTDecode')) {
        const frame = jpegFrameSize(decoded.bytes);
        if (frame && frame.width * frame.height > limits.maxImagePixels)
          throw new Refused(
            'pdf_image_too_large',
            `a JPEG image of ${frame.width} × ${frame.height} pixels (at most ${limits.maxImagePixels / 1e6} megapixels)`,
          );
      }
      if (decoded.bytes.length > cap)
        throw new Refused('pdf_decompression_bomb', `a ${end - start}-byte stream decodes to more than ${mb(cap)}`);
      scan.decodedBytes += decoded.bytes.length;
      if (scan.decodedBytes > limits.maxTotalDecodedBytes)
        throw new Refused('pdf_decompression_bomb', `the streams decode to more than ${mb(limits.maxTotalDecodedBytes)} together`);
      if (!image && decoded.complete && isContent(dict)) {
        const ops = countOperators(decoded.bytes, limits.maxOperatorsPerStream);
        scan.operators += ops;
        scan.largestContent = Math.max(scan.largestContent, ops);
        if (ops > limits.maxOperatorsPerStream)
          throw new Refused(
            'pdf_too_many_operators',
            `a page draws more than ${limits.maxOperatorsPerStream.toLocaleString('en')} operations`,
          );
        if (scan.operators > limits.maxTotalOperators)
          throw new Refused(
            'pdf_too_many_operators',
            `the pages draw more than ${limits.maxTotalOperators.toLocaleString('en')} operations together`,
          );
      }
    }
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    scan.refusal = { reason: error.reason, message: error.message };
  }
  return scan;
}
