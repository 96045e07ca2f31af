import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Principal } from '../../core/access/types.ts';
import type { Runtime } from '../runtime-types.ts';
import { notFound } from '../records/record-errors.ts';

const everything = { kind: 'true' } as const;
const storedNamePattern = /^[A-Za-z0-9_-]{16,64}$/;

/** A stored file with its display name and sniffed type. */
export type AttachedFile = { bytes: Buffer; name: string; size: number; type: string };

/**
 * The file held by one field of one record, read through the record service: the principal must be
 * able to read the record (scope) and the field (masks). A missing record, one out of scope, a
 * hidden or non-file field, an empty value and a file not attached to exactly this record and field
 * are all the same 404.
 */
export async function readAttachedFile(args: {
  runtime: Pick<Runtime, 'records' | 'store' | 'getApp' | 'filesDir'>;
  principal: Principal;
  module: string;
  id: string;
  field: string;
}): Promise<AttachedFile> {
  const { runtime, module, id, field } = args;
  const record = await runtime.records.get({ principal: args.principal, module, id });
  const type = runtime.getApp().modules.get(module)?.fields.get(field)?.type;
  const value = record[field];
  const fileId =
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>).fileId : undefined;
  if ((type !== 'file' && type !== 'image') || typeof fileId !== 'string') throw notFound('No such file');
  const file = await runtime.store.get({ module: 'atriumFiles', id: fileId, where: everything });
  const storedName = String(file?.storedName ?? '');
  if (!file || file.attachedTo !== `${module}:${id}:${field}` || !storedNamePattern.test(storedName)) {
    throw notFound('No such file');
  }
  const bytes = await readFile(join(runtime.filesDir, storedName)).catch(() => {
    throw notFound('No such file');
  });
  return { bytes, name: String(file.name), size: bytes.length, type: String(file.type) };
}
