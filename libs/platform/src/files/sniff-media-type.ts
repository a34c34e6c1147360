import { fileTypeFromBuffer } from 'file-type';

/** The media types that uploads accept: images shown inline and PDF documents. */
export type SniffedType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
const ACCEPTED = new Set<string>(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The media type of a file from its bytes (file-type's signatures), never from its name; null for anything else.
 * PDF readers also accept up to 1 KiB of leading bytes before `%PDF-`, which file-type does not look past.
 */
export async function sniffMediaType(bytes: Uint8Array): Promise<SniffedType | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (found && ACCEPTED.has(found.mime)) return found.mime as SniffedType;
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) return 'application/pdf';
  return null;
}
