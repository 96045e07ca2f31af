import type { Principal } from '../../core/access/types.ts';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import type { Store } from '../../store/types.ts';
import { validationFailed } from '../records/build-input-validator.ts';
import { matchesAccept } from './matches-accept.ts';
import type { FileRef } from './save-upload.ts';
import { uploaderKey } from './uploader-key.ts';

const everything = { kind: 'true' } as const;

function isFileRef(value: unknown): value is FileRef {
  if (value === null || typeof value !== 'object') return false;
  const ref = value as Record<string, unknown>;
  return (
    typeof ref.fileId === 'string' &&
    typeof ref.name === 'string' &&
    typeof ref.size === 'number' &&
    typeof ref.type === 'string'
  );
}

/**
 * Checks every file and image value of a write, then attaches the files to the record (inside the
 * write's transaction). A file must exist and either be an unattached upload of the same principal
 * or already be attached to this very record and field — a missing file, someone else's, and one
 * attached elsewhere are refused alike, so ids cannot be probed. Its `name`, `size` and `type` must
 * be the stored ones; its sniffed type must match the field's `accept` (an image field takes only
 * `image/*`), its size be at most `maxBytes`. Refusals are `VALIDATION_FAILED` (400) per field.
 */
export async function checkFileValues(args: {
  tx: Store;
  principal: Principal;
  module: CompiledModule;
  values: Readonly<Record<string, unknown>>;
  recordId: string;
  now: Date;
}): Promise<void> {
  const { tx, principal, module, values } = args;
  for (const field of module.customFields) {
    if (field.type !== 'file' && field.type !== 'image') continue;
    const value = values[field.name];
    if (value === undefined || value === null) continue;
    const refuse = (message: string) =>
      validationFailed(`${field.name} ${message}`, { fields: [{ field: field.name, message }] });
    if (!isFileRef(value)) throw refuse('is not an uploaded file');
    const slot = `${module.name}:${args.recordId}:${field.name}`;
    const file = await tx.get({ module: 'atriumFiles', id: value.fileId, where: everything });
    const attachedHere = file?.attachedTo === slot;
    const free = !file?.attachedTo && file?.uploadedBy === uploaderKey(principal);
    if (!file || !(attachedHere || free)) throw refuse('is not an uploaded file');
    if (value.name !== file.name || value.size !== file.size || value.type !== file.type) {
      throw refuse('does not match the uploaded file');
    }
    const type = String(file.type);
    const constraints = field.def?.constraints;
    const isImageOk = field.type !== 'image' || matchesAccept({ type, accept: ['image/*'] });
    if (!isImageOk || !matchesAccept({ type, accept: constraints?.accept })) {
      throw refuse(`does not accept ${type} files`);
    }
    if (constraints?.maxBytes !== undefined && Number(file.size) > constraints.maxBytes) {
      throw refuse(`may be at most ${constraints.maxBytes} bytes`);
    }
    if (attachedHere) continue;
    const result = await tx.update({
      module: 'atriumFiles',
      id: file.id,
      where: everything,
      expectedVersion: file.version,
      set: { attachedTo: slot },
      updatedAt: args.now.toISOString(),
      updatedBy: principal.id,
    });
    if (result.kind !== 'updated') throw refuse('is not an uploaded file');
  }
}
