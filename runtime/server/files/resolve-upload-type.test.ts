import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { resolveUploadType } from './resolve-upload-type.ts';

const text = (s: string) => new TextEncoder().encode(s);
const pdf = text('%PDF-1.4\n%%EOF');
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function refusal(run: () => unknown): AppError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return undefined;
}

describe('resolveUploadType', () => {
  it('takes the sniffed type when it agrees with the declared one (parameters and case ignored)', () => {
    expect(resolveUploadType({ bytes: pdf, declaredType: 'Application/PDF; name=x' })).toBe(
      'application/pdf',
    );
    expect(resolveUploadType({ bytes: png, declaredType: 'image/png' })).toBe('image/png');
  });

  it('takes the sniffed type when nothing or octet-stream is declared', () => {
    expect(resolveUploadType({ bytes: png, declaredType: undefined })).toBe('image/png');
    expect(resolveUploadType({ bytes: pdf, declaredType: 'application/octet-stream' })).toBe(
      'application/pdf',
    );
    expect(resolveUploadType({ bytes: zip, declaredType: '' })).toBe('application/zip');
  });

  it('reports a ZIP as the declared OOXML type only', () => {
    expect(resolveUploadType({ bytes: zip, declaredType: docx })).toBe(docx);
    expect(refusal(() => resolveUploadType({ bytes: pdf, declaredType: docx }))?.status).toBe(415);
    expect(refusal(() => resolveUploadType({ bytes: zip, declaredType: 'application/pdf' }))?.status).toBe(
      415,
    );
  });

  it('reports text as text/plain or, when declared so, text/csv', () => {
    expect(resolveUploadType({ bytes: text('a,b\n1,2\n'), declaredType: 'text/csv' })).toBe('text/csv');
    expect(resolveUploadType({ bytes: text('a,b\n'), declaredType: 'application/vnd.ms-excel' })).toBe(
      'text/csv',
    );
    expect(resolveUploadType({ bytes: text('notes'), declaredType: 'text/plain;charset=utf-8' })).toBe(
      'text/plain',
    );
  });

  it('refuses a declared type the content contradicts', () => {
    const html = text('<html><body>hi</body></html>');
    expect(refusal(() => resolveUploadType({ bytes: html, declaredType: 'application/pdf' }))?.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(refusal(() => resolveUploadType({ bytes: html, declaredType: 'text/html' }))?.status).toBe(415);
    expect(refusal(() => resolveUploadType({ bytes: html, declaredType: 'image/svg+xml' }))?.status).toBe(
      415,
    );
    expect(refusal(() => resolveUploadType({ bytes: png, declaredType: 'application/pdf' }))?.status).toBe(
      415,
    );
    expect(refusal(() => resolveUploadType({ bytes: png, declaredType: 'image/jpeg' }))?.status).toBe(415);
  });
});
