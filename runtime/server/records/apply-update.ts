import { checkWritable } from '../../core/access/check-writable.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { asInputObject } from './as-input-object.ts';
import { buildInputValidator } from './build-input-validator.ts';
import { checkFileValues } from '../files/check-file-values.ts';
import { checkRelations } from './check-relations.ts';
import { diffValues } from './diff-values.ts';
import { prepareValues } from './prepare-values.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { forbidden, notFound, versionConflict } from './record-errors.ts';
import type { GrantedAccess } from './require-access.ts';
import { takeOwner } from './take-owner.ts';
import { writeAudit } from './write-audit.ts';

/**
 * Updates one record inside an open transaction: hooks, write rights and presets, validation,
 * relation targets, the versioned scoped write, a scope re-check and the audit entry.
 * Returns the record before and after.
 */
export async function applyUpdate(args: {
  ctx: RecordContext;
  tx: Store;
  request: RecordRequest;
  access: GrantedAccess;
  id: string;
  input: unknown;
  expectedVersion?: number;
}): Promise<{ previous: RecordDoc; record: RecordDoc }> {
  const { ctx, tx, request, access, id } = args;
  const { principal, module: moduleName } = request;
  const { app, module, decision } = access;
  const current = await tx.get({ module: moduleName, id, where: decision.where });
  if (!current) throw notFound('Record not found');
  const draft = asInputObject(args.input);
  await ctx.hooks.runBefore('beforeValidate', {
    principal,
    module: moduleName,
    operation: 'update',
    input: draft,
    current,
  });
  const owner = takeOwner({ input: draft, principal });
  const merged = checkWritable({
    input: draft,
    writable: decision.writableFields(current),
    preset: decision.preset,
  });
  const { set, unset } = buildInputValidator(module)(merged, 'update');
  const now = ctx.now();
  const at = now.toISOString();
  const values = prepareValues({ module, set, mode: 'update', now });
  if (owner !== undefined) values.owner = owner;
  await checkRelations({ tx, app, principal, module, values, now });
  await ctx.hooks.runBefore('beforeChange', {
    principal,
    module: moduleName,
    operation: 'update',
    input: values,
    current,
  });
  await checkFileValues({ tx, principal, module, values, recordId: id, now });
  const result = await tx.update({
    module: moduleName,
    id,
    where: decision.where,
    expectedVersion: args.expectedVersion,
    set: values,
    unset,
    updatedAt: at,
    updatedBy: principal.id,
  });
  if (result.kind === 'notFound') throw notFound('Record not found');
  if (result.kind === 'conflict') {
    throw versionConflict('The record was changed by someone else', {
      current: Object.fromEntries(
        Object.entries(result.current).filter(([f]) => decision.readableFields(result.current).has(f)),
      ),
    });
  }
  if (!(await tx.get({ module: moduleName, id, where: decision.where }))) {
    throw forbidden('The change would move the record outside what you may update');
  }
  const changes = diffValues({ before: current, after: result.record });
  await writeAudit({ tx, principal, action: 'update', module: moduleName, recordId: id, changes, at });
  return { previous: current, record: result.record };
}
