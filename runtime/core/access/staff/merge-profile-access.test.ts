import { describe, expect, it } from 'vitest';
import type { MetadataDoc, ProfileDoc } from '../../metadata/types.ts';
import { mergeProfileAccess } from './merge-profile-access.ts';
import { loadStaffApp, staffOrgDocs } from './staff-fixture-org.test-helper.ts';

const app = loadStaffApp();

function withProfiles(changes: Record<string, (doc: ProfileDoc) => ProfileDoc>): MetadataDoc[] {
  return staffOrgDocs().map((doc) => {
    const change = doc.kind === 'profile' ? changes[doc.name] : undefined;
    return change && doc.kind === 'profile' ? change(doc) : doc;
  });
}

describe('mergeProfileAccess', () => {
  it.each([
    {
      why: 'one profile',
      roleId: 'rep1',
      module: 'deals',
      merged: { actions: ['read', 'create', 'update', 'delete'], fields: { margin: 'hidden' } },
    },
    {
      why: 'two profiles unite actions and keep the higher field level',
      roleId: 'rep2',
      module: 'deals',
      merged: { actions: ['read', 'create', 'update', 'delete', 'import'], fields: { margin: 'readOnly' } },
    },
    {
      why: 'a module only one of two profiles lists',
      roleId: 'rep2',
      module: 'cases',
      merged: { actions: ['read', 'create', 'update', 'delete'], fields: {} },
    },
    { why: 'a module no profile lists', roleId: 'support', module: 'leads', merged: undefined },
    { why: 'an unknown role', roleId: 'noSuchRole', module: 'deals', merged: undefined },
  ])('$roleId on $module ($why)', ({ roleId, module, merged }) => {
    expect(mergeProfileAccess({ app, roleId, module })).toEqual(merged);
  });

  it('lifts a hidden field to readWrite when another profile allowing the module does not list it', () => {
    const docs = withProfiles({
      importer: (doc) => ({
        ...doc,
        modules: { deals: { ...doc.modules.deals, fields: {} } as ProfileDoc['modules'][string] },
      }),
    });
    expect(mergeProfileAccess({ app: loadStaffApp(docs), roleId: 'rep2', module: 'deals' })?.fields).toEqual(
      {},
    );
  });

  it('ignores the field levels of a profile that allows no action on the module', () => {
    const docs = withProfiles({
      importer: (doc) => ({
        ...doc,
        modules: {
          deals: { read: false, create: false, update: false, delete: false, export: false, import: false },
        },
      }),
    });
    expect(mergeProfileAccess({ app: loadStaffApp(docs), roleId: 'rep2', module: 'deals' })).toEqual({
      actions: ['read', 'create', 'update', 'delete'],
      fields: { margin: 'hidden' },
    });
  });
});
