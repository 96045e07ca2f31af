import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './sniff-media-type.ts';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', 'application/pdf', bytes('%PDF-1.7\n')],
    ['a PNG', 'image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
    ['a JPEG', 'image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0])],
    ['a GIF89a', 'image/gif', bytes('GIF89a', [0, 0])],
    ['a GIF87a', 'image/gif', bytes('GIF87a', [0, 0])],
    ['a WebP', 'image/webp', bytes('RIFF', [1, 0, 0, 0], 'WEBPVP8 ')],
    ['a ZIP (OOXML)', 'application/zip', bytes([0x50, 0x4b, 0x03, 0x04, 0])],
    ['an OLE file', 'application/x-cfb', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])],
    ['UTF-8 text', 'text/plain', bytes('Grüße, 名前\n')],
    ['HTML', 'text/plain', bytes('<html><script>alert(1)</script>')],
    ['SVG', 'text/plain', bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['text with NUL', 'application/octet-stream', bytes('a', [0], 'b')],
    ['invalid UTF-8', 'application/octet-stream', bytes([0xc3, 0x28])],
    ['a RIFF that is not WebP', 'application/octet-stream', bytes('RIFF', [1, 0, 0, 0], 'WAVEfmt ')],
    ['an executable', 'application/octet-stream', bytes([0x4d, 0x5a, 0x90, 0x00])],
    ['a truncated PNG signature', 'application/octet-stream', bytes([0x89, 0x50, 0x4e])],
  ])('reports %s as %s', (_, type, input) => {
    expect(sniffMediaType(input)).toBe(type);
  });
});
