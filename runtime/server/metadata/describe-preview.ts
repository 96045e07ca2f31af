import type { PreviewResult } from './metadata-host.ts';

type Preview = Extract<PreviewResult, { ok: true }>;

/**
 * The plan of an import as lines a person reviews: documents added, changed and removed; fields
 * added; modules and fields that will be archived; type changes with their dry-run counts.
 */
export function describePreview(args: { preview: Preview; source: string }): string[] {
  const { preview, source } = args;
  const { diff } = preview;
  const lines: string[] = [];
  const section = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`);
    for (const item of items) lines.push(`  ${item}`);
  };
  section('Documents added', diff.documents.added);
  section(
    'Documents changed',
    diff.documents.changed.map(
      (c) => `${c.document}: ${c.changes.map((change) => change.path || '/').join(', ')}`,
    ),
  );
  section('Documents removed', diff.documents.removed);
  section(
    'Fields added',
    diff.fields.added.map((f) => `${f.module}.${f.field} (${f.type})`),
  );
  section('Modules archived (records kept)', diff.modules.removed);
  section(
    'Fields archived (values kept)',
    diff.fields.removed.map((f) => `${f.module}.${f.field} (${f.type})`),
  );
  section(
    'Type changes (confirm with --confirm-type-changes)',
    preview.typeChanges.map(
      (t) =>
        `${t.module}.${t.field} ${t.fromType} → ${t.toType}: ${t.total} records, ${t.convertible} convert, ${t.unconvertible} do not, ${t.empty} empty` +
        t.samples
          .slice(0, 5)
          .map((s) => `\n    ${s.id}: ${JSON.stringify(s.value)} (${s.reason})`)
          .join(''),
    ),
  );
  if (lines.length === 0) return [`No changes: ${source} matches revision ${preview.base}.`];
  return [`Plan for ${source} against revision ${preview.base}:`, ...lines];
}
