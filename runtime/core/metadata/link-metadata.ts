import type { CompiledModule } from './compile-module.ts';
import { compileModule } from './compile-module.ts';
import { linkApp } from './link-app.ts';
import { createLinkContext, type DocsByKind, type LinkContext } from './link-context.ts';
import { linkGroup } from './link-group.ts';
import { linkLayout } from './link-layout.ts';
import { linkModule } from './link-module.ts';
import { linkPortalType } from './link-portal-type.ts';
import { linkProfile } from './link-profile.ts';
import { linkRole } from './link-role.ts';
import { linkSharing } from './link-sharing.ts';
import type { MetadataDoc, MetadataKind, MetadataProblem } from './types.ts';
import type { ValidDoc } from './validate-documents.ts';

type Linker = (ctx: LinkContext, doc: never) => void;

const linkers: Record<MetadataKind, Linker> = {
  module: linkModule,
  layout: linkLayout,
  profile: linkProfile,
  role: linkRole,
  group: linkGroup,
  sharing: linkSharing,
  portalType: linkPortalType,
  app: linkApp,
};

/** Indexes documents by kind and name, reporting repeated names and a missing or repeated app document. */
export function indexDocuments(docs: readonly ValidDoc[], problems: MetadataProblem[]): DocsByKind {
  const byKind = {
    module: new Map(),
    layout: new Map(),
    profile: new Map(),
    role: new Map(),
    group: new Map(),
    sharing: new Map(),
    portalType: new Map(),
    app: new Map(),
  } as { [K in MetadataKind]: Map<string, MetadataDoc> };
  const sharedModules = new Set<string>();
  for (const { source, doc } of docs) {
    const existing = byKind[doc.kind];
    if (existing.has(doc.name)) {
      problems.push({
        document: source,
        path: '/name',
        message: `another ${doc.kind} is already named "${doc.name}"`,
      });
      continue;
    }
    if (doc.kind === 'sharing') {
      if (sharedModules.has(doc.module)) {
        problems.push({
          document: source,
          path: '/module',
          message: `module "${doc.module}" already has a sharing document`,
        });
      }
      sharedModules.add(doc.module);
    }
    existing.set(doc.name, doc);
  }
  const apps = docs.filter((d) => d.doc.kind === 'app');
  if (apps.length !== 1) {
    problems.push({
      document: apps[1]?.source ?? '(metadata)',
      path: '',
      message: `there must be exactly one app document; found ${apps.length}`,
    });
  }
  return byKind as unknown as DocsByKind;
}

/**
 * Checks every cross-reference between valid documents and returns every problem found
 * (relation targets, layout/title/search/index fields, role tree, profile and portal field levels,
 * portal scopes and sharing criteria, group members, unique names).
 */
export function linkMetadata(args: {
  docs: readonly ValidDoc[];
  fieldTypes?: ReadonlySet<string>;
  knownUsers?: ReadonlySet<string>;
}): { problems: MetadataProblem[]; byKind: DocsByKind; modules: ReadonlyMap<string, CompiledModule> } {
  const problems: MetadataProblem[] = [];
  const byKind = indexDocuments(args.docs, problems);
  const modules = new Map([...byKind.module.values()].map((doc) => [doc.name, compileModule(doc)]));
  for (const { source, doc } of args.docs) {
    const ctx = createLinkContext({
      source,
      modules,
      docs: byKind,
      fieldTypes: args.fieldTypes ?? new Set(),
      knownUsers: args.knownUsers,
      problems,
    });
    linkers[doc.kind](ctx, doc as never);
  }
  return { problems, byKind, modules };
}
