import { fileTypeRefused } from './file-errors.ts';
import { sniffMediaType } from './sniff-media-type.ts';

/** Office Open XML types: ZIP containers, reported as declared when the bytes are a ZIP. */
const ooxmlTypes = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

/** Legacy Office types: OLE compound files, reported as declared when the bytes are one. */
const legacyOfficeTypes = new Set([
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]);

/** What a browser sends when it does not know the type: no claim, so nothing to mismatch. */
const unknownTypes = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** Other spellings browsers use for the same type. */
const aliases: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
  'application/x-zip-compressed': 'application/zip',
};

/**
 * Declared types that text content may carry, and the type reported for it. CSV is told from plain
 * text by the declaration only; Windows browsers declare `.csv` files as `application/vnd.ms-excel`.
 */
const textTypes: Readonly<Record<string, string>> = {
  'text/plain': 'text/plain',
  'text/markdown': 'text/plain',
  'text/tab-separated-values': 'text/plain',
  'text/csv': 'text/csv',
  'application/csv': 'text/csv',
  'application/vnd.ms-excel': 'text/csv',
};

function normalise(declared: string | undefined): string {
  const bare = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return aliases[bare] ?? bare;
}

/**
 * The media type an upload is stored with: sniffed from its bytes (`sniffMediaType`), never taken
 * from its name. The declared type (the request's `Content-Type`) only narrows families the bytes
 * cannot tell apart — an OOXML type for a ZIP, a legacy Office type for an OLE file, `text/csv` for
 * text — and must otherwise agree with the content: a mismatch (HTML declared as PDF, a PNG declared
 * as PDF) is refused with 415, as is text declared as HTML or any other non-text type.
 */
export function resolveUploadType(args: { bytes: Uint8Array; declaredType?: string }): string {
  const sniffed = sniffMediaType(args.bytes);
  const declared = normalise(args.declaredType);
  const refuse = () => fileTypeRefused(`The content is ${sniffed}, not ${declared}`, { sniffed, declared });
  if (unknownTypes.has(declared)) return sniffed;
  if (sniffed === 'text/plain') {
    const type = textTypes[declared];
    if (!type) throw refuse();
    return type;
  }
  if (sniffed === 'application/zip' && ooxmlTypes.has(declared)) return declared;
  if (sniffed === 'application/x-cfb' && legacyOfficeTypes.has(declared)) return declared;
  if (declared !== sniffed) throw refuse();
  return sniffed;
}
