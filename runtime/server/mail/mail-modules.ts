import { type CompiledModule, compileModule } from '../../core/metadata/compile-module.ts';
import type { ModuleDoc } from '../../core/metadata/types.ts';

const text = (name: string) => ({ name, type: 'text', label: name });
const longText = (name: string) => ({ name, type: 'longText', label: name });

/** System module of the mail layer: a copy of every message, read by administrators. */
const mailModuleDocs: ModuleDoc[] = [
  {
    kind: 'module',
    name: 'atriumOutbox',
    label: 'Outbox message',
    titleField: 'subject',
    /** The outbox is listed newest first. */
    indexes: [{ fields: ['createdAt'] }],
    fields: [
      text('to'),
      text('subject'),
      longText('text'),
      /** null when the message has no HTML alternative. */
      longText('html'),
      text('purpose'),
      {
        name: 'status',
        type: 'select',
        label: 'status',
        options: ['queued', 'sending', 'sent', 'failed'].map((value) => ({ value, label: value })),
      },
      /** Why the SMTP server did not take the message (never the SMTP credentials). */
      text('error'),
      { name: 'sentAt', type: 'dateTime', label: 'sentAt' },
    ],
  },
];

/** The compiled mail modules, by name (pass to `store.ensureSchema` at start-up). */
export const mailModules: ReadonlyMap<string, CompiledModule> = new Map(
  mailModuleDocs.map((doc) => [doc.name, compileModule(doc)]),
);
