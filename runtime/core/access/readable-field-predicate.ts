import type { IsFieldReadable } from '../filter/parse-filter.ts';
import type { CompiledApp } from '../metadata/compile-app.ts';
import { grantFieldAccess } from './grant-field-access.ts';
import { trustedKind } from './trusted-kind.ts';
import type { Principal } from './types.ts';

const noFields: ReadonlySet<string> = new Set();

function filterableFields(args: {
  app: CompiledApp;
  principal: Principal;
  module: string;
}): ReadonlySet<string> {
  const { app, principal } = args;
  const module = app.modules.get(args.module);
  const kind = trustedKind(principal);
  if (!module || kind === undefined) return noFields;
  if (kind === 'system') return new Set(module.fields.keys());
  const grants = principal.grants.filter((grant) => grant.module === module.name);
  if (!grants.some((grant) => grant.actions.includes('read'))) return noFields;
  const [first, ...rest] = grants.map((grant) => grantFieldAccess({ grant, module, kind }).readable);
  if (!first) return noFields;
  return new Set([...first].filter((name) => rest.every((readable) => readable.has(name))));
}

/**
 * The `isFieldReadable` for `parseFilter` (and for sort and group keys) for `principal`: a field of
 * a module is usable only if the principal has a `read` grant on that module and the field is
 * readable under EVERY grant of the principal for that module, whatever the grant's actions and
 * scope — a filter on a field hidden in some records would reveal it through which records match.
 * Answers for any module, so a relation path (`account.industry`) is checked in the related module,
 * which needs its own read grant. A genuine system principal may use every field; a forged one none.
 * Answers are worked out once per module and kept, so make a predicate per request.
 */
export function readableFieldPredicate(args: { app: CompiledApp; principal: Principal }): IsFieldReadable {
  const byModule = new Map<string, ReadonlySet<string>>();
  return ({ module, field }) => {
    let fields = byModule.get(module);
    if (!fields) {
      fields = filterableFields({ app: args.app, principal: args.principal, module });
      byModule.set(module, fields);
    }
    return fields.has(field);
  };
}
