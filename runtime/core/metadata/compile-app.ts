import { parseFilter } from '../filter/parse-filter.ts';
import type { FilterNode } from '../filter/types.ts';
import type { CompiledModule } from './compile-module.ts';
import { deepFreeze } from './deep-freeze.ts';
import type { DocsByKind } from './link-context.ts';
import type {
  AppDoc,
  GroupDoc,
  LayoutDoc,
  MetadataDoc,
  PortalModule,
  PortalTypeDoc,
  ProfileDoc,
  RoleDoc,
  SharingDoc,
  SharingRule,
} from './types.ts';

/** A role with its place in the tree worked out. */
export type CompiledRole = RoleDoc & {
  /** Parent, grandparent, … up to the root. */
  ancestors: readonly string[];
  /** Every role below this one. */
  descendants: readonly string[];
};

export type CompiledSharingRule = SharingRule & { criteriaNode: FilterNode | undefined };
export type CompiledSharing = Omit<SharingDoc, 'rules'> & { rules: readonly CompiledSharingRule[] };

export type CompiledPortalModule = PortalModule & {
  scopeNode: FilterNode;
  accountScopeNode: FilterNode | undefined;
};

export type CompiledPortalType = Omit<PortalTypeDoc, 'modules'> & {
  modules: ReadonlyMap<string, CompiledPortalModule>;
};

/** The frozen, linked form of a whole app that runtime code reads. */
export type CompiledApp = {
  app: AppDoc;
  modules: ReadonlyMap<string, CompiledModule>;
  layouts: ReadonlyMap<string, LayoutDoc>;
  profiles: ReadonlyMap<string, ProfileDoc>;
  roles: ReadonlyMap<string, CompiledRole>;
  groups: ReadonlyMap<string, GroupDoc>;
  /** Sharing by module name. */
  sharing: ReadonlyMap<string, CompiledSharing>;
  portalTypes: ReadonlyMap<string, CompiledPortalType>;
  /** The source documents, in load order. */
  documents: readonly MetadataDoc[];
};

function compileRoles(roles: ReadonlyMap<string, RoleDoc>): Map<string, CompiledRole> {
  const ancestorsOf = (role: RoleDoc): string[] => {
    const result: string[] = [];
    for (let parent = role.parent; parent !== undefined; parent = roles.get(parent)?.parent)
      result.push(parent);
    return result;
  };
  const compiled = new Map<string, CompiledRole>();
  for (const role of roles.values())
    compiled.set(role.name, { ...role, ancestors: ancestorsOf(role), descendants: [] });
  for (const role of compiled.values()) {
    for (const ancestor of role.ancestors)
      (compiled.get(ancestor)?.descendants as string[] | undefined)?.push(role.name);
  }
  return compiled;
}

/**
 * Compiles linked documents into the frozen `CompiledApp`. Call only after `linkMetadata` found no
 * problems: filters are parsed again here and a bad one throws.
 */
export function compileApp(args: {
  byKind: DocsByKind;
  modules: ReadonlyMap<string, CompiledModule>;
  documents: readonly MetadataDoc[];
}): CompiledApp {
  const { byKind, modules } = args;
  const catalog = { modules };
  const parse = (json: unknown, module: string) => parseFilter({ json, module, catalog });
  const app = [...byKind.app.values()][0];
  if (!app) throw new Error('compileApp needs an app document');
  const sharing = new Map(
    [...byKind.sharing.values()].map((doc): [string, CompiledSharing] => [
      doc.module,
      {
        ...doc,
        rules: doc.rules.map((rule) => ({
          ...rule,
          criteriaNode: rule.criteria && parse(rule.criteria, doc.module),
        })),
      },
    ]),
  );
  const portalTypes = new Map(
    [...byKind.portalType.values()].map((doc): [string, CompiledPortalType] => [
      doc.name,
      {
        ...doc,
        modules: new Map(
          doc.modules.map((m): [string, CompiledPortalModule] => [
            m.module,
            {
              ...m,
              scopeNode: parse(m.scope, m.module),
              accountScopeNode: m.accountScope && parse(m.accountScope, m.module),
            },
          ]),
        ),
      },
    ]),
  );
  return deepFreeze({
    app,
    modules,
    layouts: new Map(byKind.layout),
    profiles: new Map(byKind.profile),
    roles: compileRoles(byKind.role),
    groups: new Map(byKind.group),
    sharing,
    portalTypes,
    documents: [...args.documents],
  });
}
