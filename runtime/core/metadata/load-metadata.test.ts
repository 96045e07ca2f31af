import { describe, expect, it } from 'vitest';
import { minimalDocs, minimalSources } from '../../../test/fixtures/minimal-app.ts';
import { setAtPointer } from '../../../test/helpers/set-at-pointer.ts';
import { loadMetadata } from './load-metadata.ts';
import type { MetadataDoc, SourceDoc } from './types.ts';

type BrokenCase = {
  name: string;
  /** `kind:name` of the document to change. */
  document: string;
  /** JSON pointer → new value (`undefined` deletes). */
  changes: Array<[string, unknown]>;
  path: string;
  message: RegExp;
};

const relation = (module: string) => ({ module, cardinality: 'one', onDelete: 'setNull' });

const brokenCases: BrokenCase[] = [
  // Schema problems
  {
    name: 'an unknown property',
    document: 'module:accounts',
    changes: [['/colour', 'red']],
    path: '/colour',
    message: /unknown property "colour"/,
  },
  {
    name: 'a missing required property',
    document: 'module:accounts',
    changes: [['/titleField', undefined]],
    path: '/titleField',
    message: /missing required property "titleField"/,
  },
  {
    name: 'a wrong value type',
    document: 'module:accounts',
    changes: [['/fields/0/required', 'yes']],
    path: '/fields/0/required',
    message: /must be boolean/,
  },
  {
    name: 'a name breaking the pattern',
    document: 'module:accounts',
    changes: [['/fields/1/name', 'Industry-Code']],
    path: '/fields/1/name',
    message: /machine name/,
  },
  {
    name: 'an unknown enum value',
    document: 'layout:contactsListStaff',
    changes: [['/view', 'grid']],
    path: '/view',
    message: /must be one of: list, detail/,
  },
  {
    name: 'a $-prefixed key',
    document: 'profile:rep',
    changes: [['/modules/$where', { read: true }]],
    path: '/modules/$where',
    message: /not a valid machine name/,
  },
  {
    name: 'an unknown document kind',
    document: 'group:sales',
    changes: [['/kind', 'team']],
    path: '/kind',
    message: /must be one of: module, layout/,
  },
  {
    name: 'a null where a value is optional',
    document: 'role:rep',
    changes: [['/seeSubordinates', null]],
    path: '/seeSubordinates',
    message: /must be boolean/,
  },
  // Link problems: modules and fields
  {
    name: 'a relation to a missing module',
    document: 'module:contacts',
    changes: [['/fields/2/relation', relation('companies')]],
    path: '/fields/2/relation/module',
    message: /relation target module "companies" does not exist/,
  },
  {
    name: 'an unknown field type',
    document: 'module:contacts',
    changes: [['/fields/3/type', 'colour']],
    path: '/fields/3/type',
    message: /unknown field type "colour"/,
  },
  {
    name: 'a select without options',
    document: 'module:accounts',
    changes: [['/fields/1/options', undefined]],
    path: '/fields/1/options',
    message: /needs options/,
  },
  {
    name: 'a relation field without a relation',
    document: 'module:contacts',
    changes: [['/fields/2/relation', undefined]],
    path: '/fields/2/relation',
    message: /needs "relation"/,
  },
  {
    name: 'a reserved field name',
    document: 'module:contacts',
    changes: [['/fields/3/name', 'owner']],
    path: '/fields/3/name',
    message: /reserved name/,
  },
  {
    name: 'constructor as a field name',
    document: 'module:contacts',
    changes: [['/fields/3/name', 'constructor']],
    path: '/fields/3/name',
    message: /reserved name/,
  },
  {
    name: 'a field defined twice',
    document: 'module:contacts',
    changes: [['/fields/3/name', 'email']],
    path: '/fields/3/name',
    message: /defined twice/,
  },
  {
    name: 'a default of the wrong type',
    document: 'module:accounts',
    changes: [['/fields/1/default', 'mining']],
    path: '/fields/1/default',
    message: /does not fit/,
  },
  {
    name: 'a missing title field',
    document: 'module:accounts',
    changes: [['/titleField', 'title']],
    path: '/titleField',
    message: /has no field "title"/,
  },
  {
    name: 'a missing search field',
    document: 'module:accounts',
    changes: [['/search', ['name', 'notes']]],
    path: '/search/1',
    message: /has no field "notes"/,
  },
  {
    name: 'a missing index field',
    document: 'module:contacts',
    changes: [['/indexes/0/fields/1', 'firstName']],
    path: '/indexes/0/fields/1',
    message: /has no field "firstName"/,
  },
  {
    name: 'a conversion to a missing field',
    document: 'module:leads',
    changes: [['/conversion/targets/0/fields', { title: 'company' }]],
    path: '/conversion/targets/0/fields/title',
    message: /"accounts" has no field "title"/,
  },
  {
    name: 'a conversion link to a missing target key',
    document: 'module:leads',
    changes: [['/conversion/targets/1/links', { account: 'company' }]],
    path: '/conversion/targets/1/links/account',
    message: /no conversion target has key "company"/,
  },
  {
    name: 'a converted value that is not an option',
    document: 'module:leads',
    changes: [['/conversion/convertedValue', 'done']],
    path: '/conversion/convertedValue',
    message: /"done" is not an option of "status"/,
  },
  {
    name: 'a conversion rule with a bad filter',
    document: 'module:leads',
    changes: [['/conversion/rules/0/when', { revenue: { gt: 5 } }]],
    path: '/conversion/rules/0/when/revenue',
    message: /revenue/,
  },
  {
    name: 'a conversion rule to a missing portal type',
    document: 'module:leads',
    changes: [['/conversion/rules/0/portalType', 'vendor']],
    path: '/conversion/rules/0/portalType',
    message: /portal type "vendor" does not exist/,
  },
  // Layouts
  {
    name: 'a layout naming a field its module lacks',
    document: 'layout:contactsListStaff',
    changes: [['/columns/1', 'nickname']],
    path: '/columns/1',
    message: /module "contacts" has no field "nickname"/,
  },
  {
    name: 'a layout of a missing module',
    document: 'layout:contactsListStaff',
    changes: [['/module', 'people']],
    path: '/module',
    message: /module "people" does not exist/,
  },
  {
    name: 'a layout for a missing audience',
    document: 'layout:contactsListStaff',
    changes: [['/audience', 'vendor']],
    path: '/audience',
    message: /"vendor" is neither/,
  },
  {
    name: 'a list layout without columns',
    document: 'layout:contactsListStaff',
    changes: [
      ['/columns', undefined],
      ['/defaultSort', undefined],
    ],
    path: '/columns',
    message: /needs "columns"/,
  },
  {
    name: 'a sort on a missing field',
    document: 'layout:contactsListStaff',
    changes: [['/defaultSort/field', 'age']],
    path: '/defaultSort/field',
    message: /has no field "age"/,
  },
  {
    name: 'a quick filter that does not parse',
    document: 'layout:contactsListStaff',
    changes: [['/quickFilters/0/filter', { email: { between: 3 } }]],
    path: '/quickFilters/0/filter/email/between',
    message: /'between' does not apply to 'email'/,
  },
  {
    name: 'a related list through a non-relation',
    document: 'layout:accountsDetailStaff',
    changes: [['/relatedLists/0/field', 'email']],
    path: '/relatedLists/0/field',
    message: /not a relation to "accounts"/,
  },
  {
    name: 'a portal layout showing a field the portal hides',
    document: 'layout:contactsListClient',
    changes: [['/columns/1', 'secret']],
    path: '/columns/1',
    message: /not exposed by portal type "client"/,
  },
  // Access model
  {
    name: 'a profile field level naming a missing field',
    document: 'profile:rep',
    changes: [['/modules/contacts/fields', { salary: 'hidden' }]],
    path: '/modules/contacts/fields/salary',
    message: /has no field "salary"/,
  },
  {
    name: 'a profile for a missing module',
    document: 'profile:rep',
    changes: [
      [
        '/modules/invoices',
        { read: true, create: false, update: false, delete: false, export: false, import: false },
      ],
    ],
    path: '/modules/invoices',
    message: /module "invoices" does not exist/,
  },
  {
    name: 'a role with a missing parent',
    document: 'role:rep',
    changes: [['/parent', 'director']],
    path: '/parent',
    message: /parent role "director" does not exist/,
  },
  {
    name: 'roles that form a cycle',
    document: 'role:ceo',
    changes: [['/parent', 'rep']],
    path: '/parent',
    message: /roles must form a tree/,
  },
  {
    name: 'a role with a missing profile',
    document: 'role:rep',
    changes: [['/profiles', ['intern']]],
    path: '/profiles/0',
    message: /profile "intern" does not exist/,
  },
  {
    name: 'a group with a missing member role',
    document: 'group:sales',
    changes: [['/members/roles', ['intern']]],
    path: '/members/roles/0',
    message: /role "intern" does not exist/,
  },
  {
    name: 'a group containing itself',
    document: 'group:sales',
    changes: [['/members/groups', ['sales']]],
    path: '/members/groups',
    message: /contains itself/,
  },
  {
    name: 'a sharing rule naming a missing group',
    document: 'sharing:contacts',
    changes: [['/rules/0/sharedWith/name', 'support']],
    path: '/rules/0/sharedWith/name',
    message: /group "support" does not exist/,
  },
  {
    name: 'sharing criteria that do not parse',
    document: 'sharing:contacts',
    changes: [['/rules/0/criteria', { email: { gt: 'a' } }]],
    path: '/rules/0/criteria/email/gt',
    message: /'gt' does not apply to 'email'/,
  },
  // Portals
  {
    name: 'a portal scope on a missing field',
    document: 'portalType:client',
    changes: [['/modules/0/scope', { company: { eq: '$principal.accountId' } }]],
    path: '/modules/0/scope/company',
    message: /company/,
  },
  {
    name: 'a portal field level naming a missing field',
    document: 'portalType:client',
    changes: [['/modules/0/fields/phone', 'readOnly']],
    path: '/modules/0/fields/phone',
    message: /has no field "phone"/,
  },
  {
    name: 'a portal account path that is not a relation',
    document: 'portalType:client',
    changes: [['/accountPath', 'email']],
    path: '/accountPath',
    message: /must be a one-relation/,
  },
  {
    name: 'a portal identity module that does not exist',
    document: 'portalType:client',
    changes: [['/principalModule', 'vendors']],
    path: '/principalModule',
    message: /module "vendors" does not exist/,
  },
  {
    name: 'a portal layout of another audience',
    document: 'portalType:client',
    changes: [['/modules/0/layouts/list', 'contactsListStaff']],
    path: '/modules/0/layouts/list',
    message: /not a list layout of "contacts" for portal "client"/,
  },
  {
    name: 'a portal without a default group',
    document: 'portalType:client',
    changes: [['/groups/0/isDefault', false]],
    path: '/groups',
    message: /exactly one group must be the default/,
  },
  {
    name: 'a token link without a non-portal-users group',
    document: 'portalType:client',
    changes: [['/groups/1/isNonPortalUsers', false]],
    path: '/groups',
    message: /needs a group marked isNonPortalUsers/,
  },
  {
    name: 'a portal group granting an action the portal lacks',
    document: 'portalType:client',
    changes: [['/groups/0/modules/contacts', ['read', 'delete']]],
    path: '/groups/0/modules/contacts/1',
    message: /does not allow "delete"/,
  },
  {
    name: 'a preset that is not a variable',
    document: 'portalType:client',
    changes: [['/modules/0/presets', { account: 'acme' }]],
    path: '/modules/0/presets/account',
    message: /\$principal variable/,
  },
  // Names
  {
    name: 'two documents of a kind with one name',
    document: 'role:rep',
    changes: [
      ['/name', 'manager'],
      ['/parent', 'ceo'],
    ],
    path: '/name',
    message: /another role is already named "manager"/,
  },
];

function brokenSources(changes: BrokenCase['changes'], document: string): SourceDoc[] {
  const sources = minimalSources(structuredClone(minimalDocs()));
  const target = sources.find((s) => s.source === document);
  if (!target) throw new Error(`no fixture document ${document}`);
  for (const [pointer, value] of changes) setAtPointer({ target: target.doc, pointer, value });
  return sources;
}

describe('loadMetadata', () => {
  it('loads the minimal app with no problems', () => {
    const result = loadMetadata({ sources: minimalSources() });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('returns a frozen compiled app', () => {
    const result = loadMetadata({ sources: minimalSources() });
    if (!result.ok) throw new Error('fixture should load');
    const contacts = result.app.modules.get('contacts');
    expect(contacts?.fields.get('account')?.relation?.module).toBe('accounts');
    expect(() => (result.app.modules as Map<string, unknown>).set('x', {})).toThrow(/read-only/);
    expect(Object.isFrozen(contacts?.doc.fields[0])).toBe(true);
    expect(result.app.roles.get('ceo')?.descendants).toEqual(['manager', 'rep']);
    expect(result.app.roles.get('rep')?.ancestors).toEqual(['manager', 'ceo']);
  });

  it.each(brokenCases)(
    'reports $name with its document, path and message',
    ({ document, changes, path, message }) => {
      const result = loadMetadata({ sources: brokenSources(changes, document) });
      const problems = result.ok ? [] : result.problems;
      const match = problems.find((p) => p.document === document && p.path === path);
      expect(match, JSON.stringify(problems, null, 1)).toBeDefined();
      expect(match?.message).toMatch(message);
    },
  );

  it('reports every problem at once, across documents', () => {
    const docs = structuredClone(minimalDocs());
    const sources = minimalSources(docs);
    setAtPointer({ target: sources[1]?.doc, pointer: '/titleField', value: 'nothing' });
    setAtPointer({ target: sources[4]?.doc, pointer: '/columns/0', value: 'nothing' });
    setAtPointer({ target: sources[10]?.doc, pointer: '/parent', value: 'nobody' });
    const result = loadMetadata({ sources });
    expect(result.ok ? [] : result.problems.map((p) => `${p.document}${p.path}`)).toEqual([
      'module:accounts/titleField',
      'layout:contactsListStaff/columns/0',
      'role:manager/parent',
    ]);
  });

  it('requires exactly one app document', () => {
    const docs = minimalDocs().filter((d) => d.kind !== 'app');
    const result = loadMetadata({ sources: minimalSources(docs) });
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toContain(
      'there must be exactly one app document; found 0',
    );
  });

  it('refuses a module with 10,000 fields quickly and clearly', () => {
    const docs = minimalDocs();
    const accounts = docs[1] as MetadataDoc & { fields: unknown[] };
    accounts.fields = Array.from({ length: 10_000 }, (_, i) => ({ name: `f${i}`, type: 'text', label: 'F' }));
    const started = performance.now();
    const result = loadMetadata({ sources: minimalSources(docs) });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.ok ? [] : result.problems).toContainEqual({
      document: 'module:accounts',
      path: '/fields',
      message: 'must have at most 500 items',
    });
  });

  it('refuses __proto__ keys anywhere without polluting Object.prototype', () => {
    const doc = JSON.parse(
      '{"kind":"app","name":"test","label":"T","plugins":[{"name":"x","enabled":true,"options":{"__proto__":{"polluted":true}}}],"navigation":[],"branding":{"title":"T"}}',
    ) as unknown;
    const sources = minimalSources().map((s) => (s.source === 'app:test' ? { source: s.source, doc } : s));
    const result = loadMetadata({ sources });
    expect(result.ok ? [] : result.problems).toContainEqual({
      document: 'app:test',
      path: '/plugins/0/options/__proto__',
      message: 'is a reserved key and is not allowed',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a document that is not an object', () => {
    const result = loadMetadata({ sources: [...minimalSources(), { source: 'bad.json', doc: [1, 2] }] });
    expect(result.ok ? [] : result.problems).toContainEqual({
      document: 'bad.json',
      path: '',
      message: 'must be a JSON object',
    });
  });
});
