import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Principal } from '../../core/access/types.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { newRecordId } from '../records/new-record-id.ts';
import { writeAudit } from '../records/write-audit.ts';
import { badRequest } from '../records/record-errors.ts';
import { fileTooLarge } from './file-errors.ts';
import { resolveUploadType } from './resolve-upload-type.ts';
import { sanitizeFileName } from './sanitize-file-name.ts';
import { uploaderKey } from './uploader-key.ts';

/** Hard limit of one upload, whatever the field allows (25 MB). */
export const maxUploadBytes = 25 * 1024 * 1024;

/** What a file or image field holds, as the field schema describes it. */
export type FileRef = { fileId: string; name: string; size: number; type: string };

/**
 * Stores an upload, not yet attached to any record: its type is sniffed from the bytes (a declared
 * type that disagrees is refused, see `resolveUploadType`), the name is sanitised for display, and
 * the bytes go to `filesDir` (created with mode 0700) under a generated random name with no user
 * text in it. Empty uploads and uploads over 25 MB are refused. Writes an `upload` audit entry.
 */
export async function saveUpload(args: {
  store: Store;
  filesDir: string;
  principal: Principal;
  bytes: Uint8Array;
  filename: string | undefined;
  declaredType: string | undefined;
  now: Date;
}): Promise<FileRef> {
  const { bytes, principal } = args;
  if (bytes.length > maxUploadBytes) throw fileTooLarge(`A file may be at most ${maxUploadBytes} bytes`);
  if (bytes.length === 0) throw badRequest('The file is empty');
  const type = resolveUploadType({ bytes, declaredType: args.declaredType });
  const name = sanitizeFileName(args.filename ?? '');
  const storedName = randomBytes(24).toString('base64url');
  await mkdir(args.filesDir, { recursive: true, mode: 0o700 });
  const path = join(args.filesDir, storedName);
  await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
  const at = args.now.toISOString();
  const size = bytes.length;
  const doc: RecordDoc = {
    id: newRecordId(),
    version: 1,
    owner: null,
    createdAt: at,
    createdBy: principal.id,
    updatedAt: at,
    updatedBy: principal.id,
    deletedAt: null,
    name,
    size,
    type,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storedName,
    uploadedBy: uploaderKey(principal),
    attachedTo: '',
  };
  try {
    await args.store.transaction(async (tx) => {
      await tx.insert({ module: 'atriumFiles', doc });
      await writeAudit({
        tx,
        principal,
        action: 'upload',
        module: 'atriumFiles',
        recordId: doc.id,
        changes: {
          name: { from: null, to: name },
          size: { from: null, to: size },
          type: { from: null, to: type },
        },
        at,
      });
    });
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { fileId: doc.id, name, size, type };
}
