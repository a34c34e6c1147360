import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { notoSansJpPath } from '@yakuba/platform';

let fontRegistered = false;

/** A small photo drawn on the spot (a blue square with a Japanese label), as a phone would send one. */
export function demoPhoto(label: string): Buffer {
  // The server may have no Japanese font of its own: the label is drawn with the Noto Sans JP the PDFs use.
  if (!fontRegistered) fontRegistered = Boolean(GlobalFonts.registerFromPath(notoSansJpPath(), 'Yakuba Demo Sans JP'));
  const canvas = createCanvas(320, 240);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#5a7fa8';
  ctx.fillRect(0, 0, 320, 240);
  ctx.fillStyle = '#ffffff';
  ctx.font = "20px 'Yakuba Demo Sans JP'";
  ctx.fillText(label, 16, 120);
  return canvas.toBuffer('image/jpeg');
}

/**
 * The JPEG with an EXIF APP1 segment whose GPS IFD holds `lat`, `lng`, as a phone's camera writes it: little-endian
 * TIFF, IFD0 pointing to the GPS IFD, N/S and E/W, degrees/minutes/seconds as rationals. For the demo's photos and
 * the tests' (the damage board reads it back with exifr). Written here because exifr only reads EXIF and no EXIF
 * writer is among our dependencies; a fixed 128-byte layout is all this needs.
 */
export function withGpsExif(jpeg: Buffer, lat: number, lng: number): Buffer {
  const tiff = Buffer.alloc(128);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: one entry, GPSInfo → 26.
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8825, 10);
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  // GPS IFD at 26: four entries (latitude ref and value, longitude ref and value), the values at 80 and 104.
  tiff.writeUInt16LE(4, 26);
  const entry = (i: number, tag: number, type: number, count: number, value: (at: number) => void) => {
    const at = 28 + i * 12;
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    value(at + 8);
  };
  entry(0, 1, 2, 2, (at) => tiff.write(lat < 0 ? 'S\0' : 'N\0', at, 'latin1'));
  entry(1, 2, 5, 3, (at) => tiff.writeUInt32LE(80, at));
  entry(2, 3, 2, 2, (at) => tiff.write(lng < 0 ? 'W\0' : 'E\0', at, 'latin1'));
  entry(3, 4, 5, 3, (at) => tiff.writeUInt32LE(104, at));
  tiff.writeUInt32LE(0, 28 + 48);
  const dms = (at: number, value: number) => {
    // In thousandths of a second (about 3 cm, finer than any phone's fix), rounded once: 141.6 is 141°36'0", not 35'60".
    const total = Math.round(Math.abs(value) * 3_600_000);
    [
      [Math.floor(total / 3_600_000), 1],
      [Math.floor((total % 3_600_000) / 60_000), 1],
      [total % 60_000, 1000],
    ].forEach(([numerator, denominator], i) => {
      tiff.writeUInt32LE(numerator, at + i * 8);
      tiff.writeUInt32LE(denominator, at + i * 8 + 4);
    });
  };
  dms(80, lat);
  dms(104, lng);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}
