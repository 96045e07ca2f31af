import type { MetadataProblem } from '../../core/metadata/types.ts';
import type { FieldSummary } from './types.ts';

const missingField = [
  /^module "([^"]+)" has no field "([^"]+)"$/,
  /^filter: Unknown field '([^']+)' on module '([^']+)'\.$/,
];
const missingModule = [
  /(?:^|relation target )module "([^"]+)" does not exist$/,
  /^filter: Unknown module '([^']+)'\.$/,
];

function referencedField(message: string): { module: string; field: string } | undefined {
  const [quoted, filter] = missingField;
  const a = quoted?.exec(message);
  if (a?.[1] && a[2]) return { module: a[1], field: a[2] };
  const b = filter?.exec(message);
  if (b?.[1] && b[2]) return { module: b[2], field: b[1] };
  return undefined;
}

function referencedModule(message: string): string | undefined {
  for (const pattern of missingModule) {
    const match = pattern.exec(message);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function place(problem: MetadataProblem): string {
  return `${problem.document} ${problem.path || '/'}`;
}

/**
 * For each field or module a change removes while other documents still name it, one problem that
 * says so plainly and lists every reference (found among the link problems, which report each
 * reference to a missing field or module). The link problems themselves stay as they are.
 */
export function explainRemovalProblems(args: {
  problems: readonly MetadataProblem[];
  removedFields: readonly FieldSummary[];
  removedModules: readonly string[];
}): MetadataProblem[] {
  const fieldRefs = new Map<string, string[]>();
  const moduleRefs = new Map<string, string[]>();
  const removedFields = new Set(args.removedFields.map((f) => `${f.module}.${f.field}`));
  const removedModules = new Set(args.removedModules);
  for (const problem of args.problems) {
    const field = referencedField(problem.message);
    const key = field && `${field.module}.${field.field}`;
    if (key && removedFields.has(key)) fieldRefs.set(key, [...(fieldRefs.get(key) ?? []), place(problem)]);
    const module = referencedModule(problem.message);
    if (module && removedModules.has(module))
      moduleRefs.set(module, [...(moduleRefs.get(module) ?? []), place(problem)]);
  }
  const explained: MetadataProblem[] = [];
  for (const { module, field } of args.removedFields) {
    const refs = fieldRefs.get(`${module}.${field}`);
    if (!refs) continue;
    explained.push({
      document: `module:${module}`,
      path: `/fields/${field}`,
      message: `field "${module}.${field}" cannot be removed while it is referenced by: ${refs.join('; ')}. Remove those references first (removing a field archives its values; they are not deleted).`,
    });
  }
  for (const module of args.removedModules) {
    const refs = moduleRefs.get(module);
    if (!refs) continue;
    explained.push({
      document: `module:${module}`,
      path: '',
      message: `module "${module}" cannot be removed while it is referenced by: ${refs.join('; ')}. Remove those references first (removing a module archives its records; they are not deleted).`,
    });
  }
  return explained;
}
