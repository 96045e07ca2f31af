/** Longest display name kept, in UTF-16 code units (the field schema's `name` limit). */
const maxLength = 255;

// Control characters (C0 with NUL, DEL, C1) and bidirectional overrides that disguise extensions.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function truncate(name: string): string {
  if (name.length <= maxLength) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = '';
  for (const char of name.slice(0, name.length - extension.length)) {
    if (stem.length + char.length + extension.length > maxLength) break;
    stem += char;
  }
  return stem + extension;
}

/**
 * A file name for display only (it never becomes part of a path): NFC-normalised, without control
 * characters, NUL or bidirectional overrides, without path separators (`/`, `\`, and their
 * `%2f` / `%5c` encodings, replaced by `_`) or `..` runs, without leading dots or trailing dots and
 * spaces, at most 255 characters (the extension kept); `file` when nothing is left.
 */
export function sanitizeFileName(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    .replace(unsafe, '')
    .replace(/%2f|%5c/gi, '_')
    .replace(/[/\\]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  return truncate(cleaned) || 'file';
}
