import { decideAccess } from '../../../core/access/decide-access.ts';
import type { Principal } from '../../../core/access/types.ts';
import { AppError } from '../../../core/errors.ts';
import type { ConversionTarget } from '../../../core/metadata/types.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { applyUpdate } from '../../records/apply-update.ts';
import { maskForReader } from '../../records/mask-for-reader.ts';
import type { RecordContext, RecordRequest } from '../../records/record-context.ts';
import { notFound } from '../../records/record-errors.ts';
import { createRecordService } from '../../records/record-service.ts';
import { type GrantedAccess, requireAccess } from '../../records/require-access.ts';
import { alreadyConverted, invalidConversion } from './conversion-errors.ts';
import type { ConversionDeps, ConversionOptions, ConversionResult } from './conversion-types.ts';
import { createDeferredHookBus } from './create-deferred-hook-bus.ts';
import { findMatchingRecord } from './find-matching-record.ts';
import { grantPortalAccess, type PortalGrant } from './grant-portal-access.ts';
import { mapTargetValues } from './map-target-values.ts';
import { planConversionTargets } from './plan-conversion-targets.ts';
import { resolvePortalChoice } from './resolve-portal-choice.ts';
import { sendPortalInvitation } from './send-portal-invitation.ts';

const everything = { kind: 'true' } as const;

/** Who owns the created records: the lead's owner when the principal may hand records to it, else the default (the caller). */
function defaultOwner(args: { principal: Principal; lead: RecordDoc }): string | undefined {
  const { principal, lead } = args;
  if (typeof lead.owner !== 'string') return undefined;
  if (principal.kind === 'system') return lead.owner;
  const visible = principal.attributes.visibleOwnerIds;
  return principal.kind === 'staff' && Array.isArray(visible) && visible.includes(lead.owner)
    ? lead.owner
    : undefined;
}

/** The lead's access for the conversion's own write: the status and result fields are the conversion's to set. */
function withConversionFields(args: { access: GrantedAccess; fields: ReadonlySet<string> }): GrantedAccess {
  const { access, fields } = args;
  const { decision } = access;
  return {
    ...access,
    decision: {
      ...decision,
      writableFields: (record) => new Set([...decision.writableFields(record), ...fields]),
    },
  };
}

/**
 * Converts a record (a lead) as its module's `conversion` describes (DESIGN §7), in ONE store
 * transaction: nothing is written unless everything is.
 *
 * The caller needs `update` on the record (403 without the grant, 404 when it is out of scope) and
 * `create` on every target module it creates (403, checked before anything is written). For each
 * target (required ones, plus optional ones named in `options.targets`), in link order: link the
 * record given in `options.link`, or for `createOrLink` the oldest record the caller can see whose
 * `matchOn` fields equal the mapped values, or else create one from the mapped fields, the caller's
 * `overrides` and the links to earlier targets — through the record service bound to the
 * transaction, so validation, field rights, relation checks, hooks and audit apply. New records
 * belong to the lead's owner when the caller may see that owner's records (else to the caller),
 * unless an override names the owner. Then the record gets `convertedValue` in its status field and
 * the ids in the result fields, written with the version read at the start: of concurrent
 * conversions exactly one commits, the others roll back and get 409 `ALREADY_CONVERTED`.
 *
 * With `options.portalType`, the new identity record becomes a portal user of that type in the same
 * transaction (see `grantPortalAccess`); an invitation is mailed after commit. `afterChange` hooks of
 * every record written run after commit, never for a conversion that rolled back.
 */
export async function convertRecord(args: {
  ctx: RecordContext;
  request: RecordRequest & { id: string };
  options: ConversionOptions;
  deps: ConversionDeps;
}): Promise<ConversionResult> {
  const { ctx, options, deps } = args;
  const { principal, module: moduleName, id } = args.request;
  const request: RecordRequest = { principal, module: moduleName };
  const access = requireAccess({ ctx, request, action: 'update' });
  const { app, module } = access;
  const spec = module.doc.conversion;
  if (!spec) throw invalidConversion(`${module.label} records cannot be converted`);
  const targets = planConversionTargets({ spec, options });
  const portal = options.portalType
    ? resolvePortalChoice({ app, principal, portalType: options.portalType, targets })
    : undefined;
  const now = ctx.now();
  const deferred = createDeferredHookBus(ctx.hooks);

  const run = () =>
    ctx.store.transaction(async (tx) => {
      const txCtx: RecordContext = { ...ctx, store: tx, hooks: deferred.hooks };
      const records = createRecordService(txCtx);
      const lead = await tx.get({ module: moduleName, id, where: access.decision.where });
      if (!lead) throw notFound('Record not found');
      if (lead[spec.statusField] === spec.convertedValue) {
        throw alreadyConverted(`This ${module.label.toLowerCase()} was converted already`);
      }
      const read = decideAccess({ app, principal, module: moduleName, action: 'read', now });
      const readable = (read.allowed ? read : access.decision).readableFields(lead);
      const valuesFor = (target: ConversionTarget, resolved: ReadonlyMap<string, string>) =>
        mapTargetValues({
          tx,
          app,
          principal,
          now,
          target,
          source: lead,
          readable,
          overrides: options.overrides?.[target.key],
          resolved,
        });

      // Reads only: which targets link an existing record.
      const linked = new Map<string, string>();
      for (const target of targets) {
        const given = options.link?.[target.key];
        if (given !== undefined) {
          try {
            await records.get({ principal, module: target.module, id: given });
          } catch (error) {
            if (error instanceof AppError && error.status === 404) {
              throw invalidConversion(`link.${target.key}: no such ${target.module} record`);
            }
            throw error;
          }
          linked.set(target.key, given);
          continue;
        }
        if (target.mode !== 'createOrLink') continue;
        const waitsForNewRecord = (target.matchOn ?? []).some((field) => {
          const key = target.links?.[field];
          return key !== undefined && !linked.has(key);
        });
        if (waitsForNewRecord) continue;
        const match = await findMatchingRecord({
          records,
          app,
          principal,
          now,
          target,
          values: await valuesFor(target, linked),
        });
        if (match) linked.set(target.key, match);
      }
      // Every create right, before the first write.
      const toCreate = targets.filter((target) => !linked.has(target.key));
      for (const target of toCreate) {
        requireAccess({ ctx: txCtx, request: { principal, module: target.module }, action: 'create' });
      }

      const ids = new Map(linked);
      const created: Record<string, string> = {};
      const owner = defaultOwner({ principal, lead });
      for (const target of toCreate) {
        const input = await valuesFor(target, ids);
        if (owner !== undefined && !('owner' in input)) input.owner = owner;
        const record = await records.create({ principal, module: target.module, input });
        ids.set(target.key, String(record.id));
        created[target.key] = String(record.id);
      }

      const set: Record<string, unknown> = { [spec.statusField]: spec.convertedValue };
      for (const target of targets) set[target.resultField] = ids.get(target.key);
      const { previous, record } = await applyUpdate({
        ctx: txCtx,
        tx,
        request,
        access: withConversionFields({ access, fields: new Set(Object.keys(set)) }),
        id,
        input: set,
        expectedVersion: lead.version,
      });
      await deferred.hooks.runAfter('afterChange', {
        principal,
        module: moduleName,
        operation: 'update',
        record,
        previous,
      });

      let grant: PortalGrant | undefined;
      if (portal) {
        const identityId = ids.get(portal.identityTarget.key) ?? '';
        const identity = await tx.get({
          module: portal.identityTarget.module,
          id: identityId,
          where: everything,
        });
        if (!identity) throw notFound('The new identity record is gone');
        grant = await grantPortalAccess({
          tx,
          app,
          principal,
          portalType: portal.portalType,
          source: { module: moduleName, id },
          identity,
          clock: deps.clock,
        });
      }
      return { record, created, linked: Object.fromEntries(linked), grant };
    });

  let outcome: Awaited<ReturnType<typeof run>>;
  try {
    outcome = await run();
  } catch (error) {
    // A concurrent conversion committed first: this one rolled back on the lead's version.
    if (error instanceof AppError && error.code === 'CONFLICT') {
      const current = await ctx.store.get({ module: moduleName, id, where: access.decision.where });
      if (current?.[spec.statusField] === spec.convertedValue) {
        throw alreadyConverted(`This ${module.label.toLowerCase()} was converted already`);
      }
    }
    throw error;
  }

  await deferred.flush();
  const { grant } = outcome;
  const invitationMailed =
    grant?.invitation && portal
      ? await sendPortalInvitation({
          mailer: deps.mailer,
          publicUrl: deps.publicUrl,
          portalType: portal.portalType,
          to: grant.invitation.to,
          token: grant.invitation.token,
        })
      : false;
  return {
    lead: maskForReader({ ctx, request, record: outcome.record }),
    created: outcome.created,
    linked: outcome.linked,
    ...(grant
      ? {
          portal: { userId: grant.userId, invited: grant.invited, moved: grant.moved, invitationMailed },
        }
      : {}),
  };
}
