import type { TestRuntime } from './security-runtime.ts';

/** A metadata document as JSON (module, profile, role, sharing, …). */
export type MetadataJson = Record<string, unknown> & { kind: string; name: string };

/**
 * Saves the current metadata with `change` applied to a copy of its documents (as an administrator
 * would through the metadata editor), and returns a function that saves the original documents back.
 */
export async function changeMetadata(args: {
  t: TestRuntime;
  change: (documents: MetadataJson[]) => void;
}): Promise<() => Promise<void>> {
  const { metadata } = args.t.runtime;
  const current = await metadata.revision(metadata.current().number);
  if (!current) throw new Error('no current metadata revision');
  const original = structuredClone(current.documents) as unknown as MetadataJson[];
  const changed = structuredClone(original);
  args.change(changed);
  const saved = await metadata.save({ documents: changed, author: 'security-test' });
  if (!saved.ok) throw new Error(`metadata change refused: ${JSON.stringify(saved.problems)}`);
  return async () => {
    const restored = await metadata.save({ documents: original, author: 'security-test' });
    if (!restored.ok) throw new Error(`metadata restore refused: ${JSON.stringify(restored.problems)}`);
  };
}

/** The document of this kind and name (throws when missing). */
export function findDocument(args: { documents: MetadataJson[]; kind: string; name: string }): MetadataJson {
  const found = args.documents.find((doc) => doc.kind === args.kind && doc.name === args.name);
  if (!found) throw new Error(`no ${args.kind} ${args.name}`);
  return found;
}

/** Sets the level of one field in one module of a profile (`hidden`, `readOnly`, `readWrite`). */
export function setProfileFieldLevel(args: {
  documents: MetadataJson[];
  profile: string;
  module: string;
  field: string;
  level: 'hidden' | 'readOnly' | 'readWrite';
}): void {
  const profile = findDocument({ documents: args.documents, kind: 'profile', name: args.profile });
  const modules = profile.modules as Record<string, { fields?: Record<string, string> }>;
  const access = modules[args.module];
  if (!access) throw new Error(`profile ${args.profile} has no ${args.module}`);
  access.fields = { ...access.fields, [args.field]: args.level };
}
