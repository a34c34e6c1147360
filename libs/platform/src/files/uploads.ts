import { create as contentDisposition } from 'content-disposition';
import type { MulterModuleAsyncOptions } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Multer as every upload route uses it: it stops reading at UPLOAD_MAX_MB (413) instead of buffering an oversized
 * upload, and takes one file and a few form fields.
 */
export const uploadMulterOptions: MulterModuleAsyncOptions = {
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({ limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } }),
};

/**
 * The name of an uploaded file as the person saw it. Browsers send multipart file names as UTF-8 bytes that multer
 * reads as latin1; a name that is not valid UTF-8 that way is kept as sent. Path separators and control characters
 * become `_`, and the name is cut to 255 characters.
 */
export function uploadFileName(originalName: string | undefined, fallback = 'file'): string {
  const raw = originalName ?? '';
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  const name = (utf8.includes('\ufffd') ? raw : utf8).replace(/[\\/\p{Cc}]/gu, '_').trim();
  return (name || fallback).slice(0, 255);
}

/** A Content-Disposition header that carries any file name (Japanese included) safely, through `content-disposition`. */
export function downloadDisposition(type: 'inline' | 'attachment', fileName: string): string {
  return contentDisposition(fileName, { type });
}
