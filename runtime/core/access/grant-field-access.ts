import type { CompiledField, CompiledModule } from '../metadata/compile-module.ts';
import type { FieldLevel } from '../metadata/types.ts';
import type { GrantedKind } from './trusted-kind.ts';
import type { Grant } from './types.ts';

/** The fields one grant lets a principal read and write on the records it applies to. */
export type FieldAccess = { readable: ReadonlySet<string>; writable: ReadonlySet<string> };

/** Record bookkeeping every principal who sees the record may see. */
const alwaysReadable: ReadonlySet<string> = new Set(['id', 'version', 'createdAt', 'updatedAt']);
/** System fields naming staff users: internal to the company. */
const userStamps: ReadonlySet<string> = new Set(['owner', 'createdBy', 'updatedBy']);

function listedLevel(args: { grant: Grant; name: string }): FieldLevel | 'invalid' | undefined {
  if (!Object.hasOwn(args.grant.fields, args.name)) return undefined;
  const level: unknown = args.grant.fields[args.name];
  return level === 'hidden' || level === 'readOnly' || level === 'readWrite' ? level : 'invalid';
}

function systemFieldLevel(args: { grant: Grant; field: CompiledField; kind: GrantedKind }): FieldLevel {
  const { grant, field, kind } = args;
  if (alwaysReadable.has(field.name)) return 'readOnly';
  if (!userStamps.has(field.name)) return 'hidden';
  const listed = listedLevel({ grant, name: field.name });
  if (kind === 'portal') {
    const isListed = grant.fieldMode === 'allowList' && (listed === 'readOnly' || listed === 'readWrite');
    return isListed ? 'readOnly' : 'hidden';
  }
  return listed === 'hidden' || listed === 'invalid' ? 'hidden' : 'readOnly';
}

function customFieldLevel(args: { grant: Grant; field: CompiledField }): FieldLevel {
  const listed = listedLevel({ grant: args.grant, name: args.field.name });
  if (listed === 'invalid') return 'hidden';
  if (listed !== undefined) return listed;
  return args.grant.fieldMode === 'denyList' ? 'readWrite' : 'hidden';
}

/**
 * What one grant makes of each field of `module` (fields the module does not have are ignored):
 * - module fields: the listed level; unlisted ones are `readWrite` under `denyList` and `hidden`
 *   under `allowList` (any other `fieldMode` counts as `allowList`, an unknown level as `hidden`);
 * - `id`, `version`, `createdAt`, `updatedAt`: readable, whatever the grant lists;
 * - `owner`, `createdBy`, `updatedBy`: for staff and plugins readable unless listed `hidden`; for
 *   portal principals hidden unless an `allowList` grant lists them;
 * - any other system field hidden. System fields are never writable.
 */
export function grantFieldAccess(args: {
  grant: Grant;
  module: CompiledModule;
  kind: GrantedKind;
}): FieldAccess {
  const readable = new Set<string>();
  const writable = new Set<string>();
  for (const field of args.module.fields.values()) {
    const level = field.isSystem
      ? systemFieldLevel({ grant: args.grant, field, kind: args.kind })
      : customFieldLevel({ grant: args.grant, field });
    if (level !== 'hidden') readable.add(field.name);
    if (level === 'readWrite') writable.add(field.name);
  }
  return { readable, writable };
}
