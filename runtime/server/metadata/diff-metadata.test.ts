import { describe, expect, it } from 'vitest';
import { minimalDocs } from '../../../test/fixtures/minimal-app.ts';
import type { MetadataDoc, ModuleDoc } from '../../core/metadata/types.ts';
import { diffMetadata } from './diff-metadata.ts';
import { isEmptyDiff } from './is-empty-diff.ts';

function moduleOf(docs: MetadataDoc[], name: string): ModuleDoc {
  const found = docs.find((d): d is ModuleDoc => d.kind === 'module' && d.name === name);
  if (!found) throw new Error(`no module ${name}`);
  return found;
}

describe('diffMetadata', () => {
  it('finds nothing between the same documents in another order', () => {
    const diff = diffMetadata({ before: minimalDocs(), after: minimalDocs().reverse() });
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('names documents added, removed and changed by kind and name', () => {
    const after = minimalDocs().filter((d) => d.kind !== 'group');
    after.push({ kind: 'role', name: 'intern', label: 'Intern', parent: 'rep', profiles: ['rep'] });
    moduleOf(after, 'accounts').label = 'Company';
    const diff = diffMetadata({ before: minimalDocs(), after });
    expect(diff.documents.added).toEqual(['role:intern']);
    expect(diff.documents.removed).toEqual(['group:sales']);
    expect(diff.documents.changed).toEqual([
      { document: 'module:accounts', changes: [{ path: '/label', before: 'Account', after: 'Company' }] },
    ]);
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('lists fields added, removed and retyped per module, with paths by field name', () => {
    const after = minimalDocs();
    const contacts = moduleOf(after, 'contacts');
    contacts.fields = contacts.fields.filter((f) => f.name !== 'secret');
    contacts.fields.push({ name: 'twitter', type: 'url', label: 'Twitter' });
    const lastName = contacts.fields.find((f) => f.name === 'lastName');
    if (lastName) lastName.type = 'longText';
    const diff = diffMetadata({ before: minimalDocs(), after });
    expect(diff.fields).toEqual({
      added: [{ module: 'contacts', field: 'twitter', type: 'url' }],
      removed: [{ module: 'contacts', field: 'secret', type: 'text' }],
      typeChanged: [{ module: 'contacts', field: 'lastName', from: 'text', to: 'longText' }],
    });
    expect(diff.documents.changed[0]?.changes).toEqual([
      { path: '/fields/lastName/type', before: 'text', after: 'longText' },
      { path: '/fields/secret', before: { name: 'secret', type: 'text', label: 'Secret' } },
      { path: '/fields/twitter', after: { name: 'twitter', type: 'url', label: 'Twitter' } },
    ]);
  });

  it('lists modules added and removed', () => {
    const after = minimalDocs().filter((d) => !(d.kind === 'module' && d.name === 'leads'));
    after.push({
      kind: 'module',
      name: 'vendors',
      label: 'Vendor',
      titleField: 'name',
      fields: [{ name: 'name', type: 'text', label: 'Name' }],
    });
    const diff = diffMetadata({ before: minimalDocs(), after });
    expect(diff.modules).toEqual({ added: ['vendors'], removed: ['leads'] });
  });

  it('reports a reorder of named items once, at the list', () => {
    const after = minimalDocs();
    moduleOf(after, 'accounts').fields.reverse();
    const diff = diffMetadata({ before: minimalDocs(), after });
    expect(diff.documents.changed[0]?.changes).toEqual([
      { path: '/fields', before: ['name', 'industry'], after: ['industry', 'name'] },
    ]);
  });
});
