import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../core/access/types.ts';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import { systemModules } from '../records/system-modules.ts';
import { fileModules } from './file-modules.ts';
import { maxUploadBytes, saveUpload } from './save-upload.ts';

const store = createSqliteStore({ file: ':memory:' });
const filesDir = join(mkdtempSync(join(tmpdir(), 'atrium-upload-')), 'nested', 'files');
const principal: Principal = { kind: 'staff', id: 'u1', attributes: {}, grants: [] };
const now = new Date('2025-01-02T03:04:05Z');
const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

beforeAll(async () => {
  await store.ensureSchema([...systemModules.values(), ...fileModules.values()]);
});

const save = (bytes: Uint8Array, filename: string | undefined, declaredType: string | undefined) =>
  saveUpload({ store, filesDir, principal, bytes, filename, declaredType, now });

describe('saveUpload', () => {
  it('stores the bytes under a generated name in a 0700 directory and records the upload', async () => {
    const file = await save(pdf, '../a/b.pdf', 'application/pdf');
    expect(file).toEqual({
      fileId: expect.any(String),
      name: '_a_b.pdf',
      size: pdf.length,
      type: 'application/pdf',
    });
    expect(statSync(filesDir).mode & 0o777).toBe(0o700);
    const doc = await store.get({ module: 'atriumFiles', id: file.fileId, where: { kind: 'true' } });
    expect(doc).toMatchObject({
      uploadedBy: 'staff:u1',
      attachedTo: '',
      size: pdf.length,
      type: 'application/pdf',
    });
    const storedName = String(doc?.storedName);
    expect(storedName).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(readdirSync(filesDir)).toEqual([storedName]);
    expect(statSync(join(filesDir, storedName)).mode & 0o777).toBe(0o600);
    expect(new Uint8Array(readFileSync(join(filesDir, storedName)))).toEqual(pdf);
    const audit = await store.find({ module: 'atriumAudit', where: { kind: 'true' }, limit: 10 });
    expect(audit.records.map((r) => [r.action, r.recordId])).toEqual([['upload', file.fileId]]);
  });

  it('refuses a type mismatch, an empty file and one over 25 MB, storing nothing', async () => {
    const before = readdirSync(filesDir).length;
    await expect(save(new TextEncoder().encode('<html>'), 'x.pdf', 'application/pdf')).rejects.toMatchObject({
      status: 415,
    });
    await expect(save(new Uint8Array(0), 'empty.txt', 'text/plain')).rejects.toMatchObject({ status: 400 });
    await expect(save(new Uint8Array(maxUploadBytes + 1), 'big.bin', undefined)).rejects.toMatchObject({
      status: 413,
    });
    expect(readdirSync(filesDir).length).toBe(before);
  });
});
