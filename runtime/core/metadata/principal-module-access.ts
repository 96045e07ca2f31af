import { decideAccess } from '../access/decide-access.ts';
import { grantFieldAccess } from '../access/grant-field-access.ts';
import { readableFieldPredicate } from '../access/readable-field-predicate.ts';
import { trustedKind } from '../access/trusted-kind.ts';
import type { Principal } from '../access/types.ts';
import { bindVariables } from '../filter/bind-variables.ts';
import type { CompiledApp } from './compile-app.ts';
import type { CompiledModule } from './compile-module.ts';
import { isPrincipalAudience } from './is-principal-audience.ts';
import type { RecordAction } from './types.ts';

/** The record actions that write field values, for which a module lists writable fields. */
export type FieldWriteAction = 'create' | 'update';

/** What a principal may do with one module it may read, as the browser and API documents describe it. */
export type ModuleAccess = {
  module: CompiledModule;
  /** Per action, whether `decideAccess` allows it. */
  actions: Readonly<Record<RecordAction, boolean>>;
  /** Fields readable under every grant of the module (`readableFieldPredicate`), system fields included. */
  readable: ReadonlySet<string>;
  /**
   * Per write action: readable fields that some grant for that action (one whose scope does not bind
   * to FALSE) lets the principal write. Empty when the action is denied.
   */
  writable: Readonly<Record<FieldWriteAction, ReadonlySet<string>>>;
};

const noFields: ReadonlySet<string> = new Set();

function writableFor(args: {
  principal: Principal;
  module: CompiledModule;
  action: FieldWriteAction;
  readable: ReadonlySet<string>;
  now: Date;
}): ReadonlySet<string> {
  const { principal, module, action, now } = args;
  const kind = trustedKind(principal);
  if (kind === undefined || kind === 'system') return noFields;
  const writable = new Set<string>();
  for (const grant of principal.grants) {
    if (grant.module !== module.name || !grant.actions.includes(action)) continue;
    if (bindVariables({ node: grant.where, principal: principal.attributes, now }).kind === 'false') continue;
    for (const name of grantFieldAccess({ grant, module, kind }).writable) {
      if (args.readable.has(name)) writable.add(name);
    }
  }
  return writable;
}

/**
 * The modules `principal` may read when it uses `audience` (`staff` or its portal type), in app order,
 * with its actions and field access on each. Empty when the audience is not the principal's own (see
 * `isPrincipalAudience`), so a session of one audience never learns another's modules.
 */
export function principalModuleAccess(args: {
  app: CompiledApp;
  principal: Principal;
  audience: string;
  now: Date;
}): ReadonlyMap<string, ModuleAccess> {
  const { app, principal, now } = args;
  const result = new Map<string, ModuleAccess>();
  if (!isPrincipalAudience(args)) return result;
  const isReadable = readableFieldPredicate({ app, principal });
  for (const module of app.modules.values()) {
    const allows = (action: RecordAction) =>
      decideAccess({ app, principal, module: module.name, action, now }).allowed;
    const actions: Record<RecordAction, boolean> = {
      read: allows('read'),
      create: allows('create'),
      update: allows('update'),
      delete: allows('delete'),
      export: allows('export'),
      import: allows('import'),
    };
    if (!actions.read) continue;
    const readable = new Set(
      [...module.fields.keys()].filter((field) => isReadable({ module: module.name, field })),
    );
    const writable = (action: FieldWriteAction) =>
      actions[action] ? writableFor({ principal, module, action, readable, now }) : noFields;
    result.set(module.name, {
      module,
      actions,
      readable,
      writable: { create: writable('create'), update: writable('update') },
    });
  }
  return result;
}
