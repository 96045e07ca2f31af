/** Types served as they are; anything else (HTML, SVG, XML, scripts, unknown) as `application/octet-stream`. */
const servedAsIs = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);
const textTypes = new Set(['text/plain', 'text/csv']);

/** RFC 5987 / 8187 `value-chars`: percent-encoded UTF-8, also of the characters `encodeURIComponent` keeps. */
function encodeExtValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A plain ASCII stand-in for clients that ignore `filename*`. */
function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
}

/**
 * Headers of a file download: always an attachment (`filename*=UTF-8''…` plus an ASCII fallback),
 * `nosniff`, a CSP that allows nothing and sandboxes the document, and a Content-Type from a short
 * list of harmless types (text as UTF-8) — HTML, SVG and everything else are `application/octet-stream`.
 */
export function fileResponseHeaders(file: { name: string; type: string }): Record<string, string> {
  const type = file.type.toLowerCase();
  const contentType = textTypes.has(type)
    ? `${type}; charset=utf-8`
    : servedAsIs.has(type)
      ? type
      : 'application/octet-stream';
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${asciiFallback(file.name)}"; filename*=UTF-8''${encodeExtValue(file.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
}
