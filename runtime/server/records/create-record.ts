import { checkWritable } from '../../core/access/check-writable.ts';
import type { RecordDoc } from '../../store/types.ts';
import { assignAutoNumbers } from './assign-auto-numbers.ts';
import { asInputObject } from './as-input-object.ts';
import { buildInputValidator } from './build-input-validator.ts';
import { checkFileValues } from '../files/check-file-values.ts';
import { checkRelations } from './check-relations.ts';
import { diffValues } from './diff-values.ts';
import { maskForReader } from './mask-for-reader.ts';
import { prepareValues } from './prepare-values.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { forbidden } from './record-errors.ts';
import { requireAccess } from './require-access.ts';
import { takeOwner } from './take-owner.ts';
import { writeAudit } from './write-audit.ts';

/**
 * Creates a record: hooks, owner, field write rights and presets, schema validation, relation
 * targets, autoNumbers; then, in one transaction, insert, scope re-check and audit.
 */
export async function createRecord(args: {
  ctx: RecordContext;
  request: RecordRequest;
  input: unknown;
}): Promise<Record<string, unknown>> {
  const { ctx, request } = args;
  const { principal, module: moduleName } = request;
  const { app, module, decision } = requireAccess({ ctx, request, action: 'create' });
  const draft = asInputObject(args.input);
  await ctx.hooks.runBefore('beforeValidate', {
    principal,
    module: moduleName,
    operation: 'create',
    input: draft,
  });
  const owner = takeOwner({ input: draft, principal }) ?? (principal.kind === 'staff' ? principal.id : null);
  const merged = checkWritable({
    input: draft,
    writable: decision.writableFields(draft),
    preset: decision.preset,
  });
  const { set } = buildInputValidator(module)(merged, 'create');
  const now = ctx.now();
  const at = now.toISOString();
  const values = prepareValues({ module, set, mode: 'create', now });
  const record = await ctx.store.transaction(async (tx) => {
    await checkRelations({ tx, app, principal, module, values, now });
    await assignAutoNumbers({ tx, module, values, at });
    await ctx.hooks.runBefore('beforeChange', {
      principal,
      module: moduleName,
      operation: 'create',
      input: values,
    });
    const doc: RecordDoc = {
      ...values,
      id: ctx.newId(),
      version: 1,
      owner,
      createdAt: at,
      createdBy: principal.id,
      updatedAt: at,
      updatedBy: principal.id,
      deletedAt: null,
    };
    await checkFileValues({ tx, principal, module, values: doc, recordId: doc.id, now });
    await tx.insert({ module: moduleName, doc });
    if (!(await tx.get({ module: moduleName, id: doc.id, where: decision.where }))) {
      throw forbidden('The record would be outside what you may create');
    }
    await writeAudit({
      tx,
      principal,
      action: 'create',
      module: moduleName,
      recordId: doc.id,
      changes: diffValues({ before: {}, after: doc }),
      at,
    });
    return doc;
  });
  await ctx.hooks.runAfter('afterChange', { principal, module: moduleName, operation: 'create', record });
  return maskForReader({ ctx, request, record });
}
