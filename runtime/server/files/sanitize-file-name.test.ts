import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from './sanitize-file-name.ts';

describe('sanitizeFileName', () => {
  it('keeps ordinary names, Unicode included', () => {
    expect(sanitizeFileName('Q3 report (final).pdf')).toBe('Q3 report (final).pdf');
    expect(sanitizeFileName('Angebot für Müller – 名前.docx')).toBe('Angebot für Müller – 名前.docx');
  });

  it.each([
    '../../etc/passwd',
    '..\\..\\windows\\system32',
    '../../etc/passwd%2f\u0000x',
    '..%2F..%5Csecret',
    '/absolute/path.txt',
    '.../....//x',
    'a\u0000b\u0007c\u001bd\u007fe\u0085.txt',
  ])('leaves no separator, `..`, NUL or control character in %j', (raw) => {
    const name = sanitizeFileName(raw);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that none are left.
    expect(name).not.toMatch(/[/\\\u0000-\u001f\u007f-\u009f]|\.\.|%2f|%5c/i);
    expect(name.startsWith('.')).toBe(false);
    expect(name.length).toBeGreaterThan(0);
  });

  it('drops bidirectional overrides that disguise an extension', () => {
    expect(sanitizeFileName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
  });

  it('names an empty or all-dots name `file`', () => {
    expect(sanitizeFileName('')).toBe('file');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName(' \u0000 ')).toBe('file');
  });

  it('keeps at most 255 characters and the extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(400)}.pdf`);
    expect(name.length).toBe(255);
    expect(name.endsWith('.pdf')).toBe(true);
    const emoji = sanitizeFileName('😀'.repeat(200));
    expect(emoji.length).toBeLessThanOrEqual(255);
    expect(emoji).toBe('😀'.repeat(127));
  });
});
