import { type CompiledModule, compileModule } from '../../core/metadata/compile-module.ts';
import type { ModuleDoc } from '../../core/metadata/types.ts';

const text = (name: string) => ({ name, type: 'text', label: name });

/** System module of uploads: one record per stored file. Never part of the app's metadata. */
const fileModuleDocs: ModuleDoc[] = [
  {
    kind: 'module',
    name: 'atriumFiles',
    label: 'File',
    titleField: 'name',
    indexes: [{ fields: ['attachedTo'] }, { fields: ['uploadedBy'] }],
    fields: [
      /** Display name, sanitised; never part of a path. */
      text('name'),
      { name: 'size', type: 'integer', label: 'size' },
      /** Media type sniffed from the content (never from the name or the declared type). */
      text('type'),
      text('sha256'),
      /** Generated name of the bytes inside the files directory. */
      { ...text('storedName'), unique: true },
      /** `kind:id` of the principal that uploaded the file. */
      text('uploadedBy'),
      /** `module:id:field` of the record field holding the file; empty until attached. */
      text('attachedTo'),
    ],
  },
];

/** The compiled file modules, by name (pass to `store.ensureSchema` at start-up). */
export const fileModules: ReadonlyMap<string, CompiledModule> = new Map(
  fileModuleDocs.map((doc) => [doc.name, compileModule(doc)]),
);
