import { describe, expect, it } from 'vitest';
import type { Principal } from '../access/types.ts';
import { now, starterPrincipals } from './starter-principals.test-helper.ts';
import { type ClientMetadata, type ClientModule, toClientMetadata } from './to-client-metadata.ts';
import type { RecordAction } from './types.ts';

const fixture = await starterPrincipals();
const { app } = fixture;
type Who = Exclude<keyof typeof fixture, 'app'>;

function project(who: Who, audience = 'staff'): ClientMetadata {
  return toClientMetadata({ app, principal: fixture[who], audience, now });
}

function moduleOf(meta: ClientMetadata, name: string): ClientModule {
  const module = meta.modules[name];
  if (!module) throw new Error(`expected module ${name}`);
  return module;
}

function fieldNames(meta: ClientMetadata, module: string): string[] {
  return moduleOf(meta, module).fields.map((field) => field.name);
}

/** Every key of every object in `value`, at any depth. */
function keysIn(value: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        keys.add(key);
        visit(child);
      }
    }
  };
  visit(value);
  return keys;
}

/** Whether `value` is made only of JSON types: no functions, Maps, Sets, class instances or undefined. */
function isPlainJson(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== 'object') return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isPlainJson);
}

/** Module names the projection mentions anywhere: relations, navigation, layouts, related lists. */
function mentionedModules(meta: ClientMetadata): Set<string> {
  const names = new Set<string>();
  for (const module of Object.values(meta.modules)) {
    for (const field of module.fields) if (field.relation) names.add(field.relation.module);
  }
  for (const item of [...meta.app.navigation, ...(meta.portal?.navigation ?? [])]) {
    if (item.module !== undefined) names.add(item.module);
  }
  for (const layout of meta.layouts) {
    names.add(layout.module);
    for (const list of layout.relatedLists ?? []) names.add(list.module);
  }
  return names;
}

const allModules = [...app.modules.keys()].sort();
const clientModules = ['accounts', 'cases', 'contacts', 'documents', 'quoteLines', 'quotes'];

describe('toClientMetadata: which modules a principal gets', () => {
  // biome-ignore format: one row per line reads as a table
  it.each<{ who: Who; audience: string; modules: string[] }>([
    { who: 'administrator', audience: 'staff', modules: allModules },
    { who: 'salesRep', audience: 'staff', modules: allModules },
    { who: 'support', audience: 'staff', modules: allModules.filter((name) => name !== 'leads') },
    { who: 'client', audience: 'client', modules: clientModules },
    { who: 'clientSupportOnly', audience: 'client', modules: ['accounts', 'cases', 'documents'] },
    { who: 'partner', audience: 'partner', modules: ['accounts', 'deals', 'documents'] },
    { who: 'withoutGrants', audience: 'staff', modules: [] },
    { who: 'administrator', audience: 'client', modules: [] },
    { who: 'client', audience: 'staff', modules: [] },
    { who: 'client', audience: 'partner', modules: [] },
    { who: 'partner', audience: 'client', modules: [] },
  ])('$who in audience $audience gets $modules', ({ who, audience, modules }) => {
    expect(Object.keys(project(who, audience).modules).sort()).toEqual(modules);
  });

  it.each<{ who: Who; audience: string }>([
    { who: 'administrator', audience: 'staff' },
    { who: 'support', audience: 'staff' },
    { who: 'client', audience: 'client' },
    { who: 'clientSupportOnly', audience: 'client' },
    { who: 'partner', audience: 'partner' },
  ])('never names a module $who may not read ($audience)', ({ who, audience }) => {
    const meta = project(who, audience);
    const readable = new Set(Object.keys(meta.modules));
    expect([...mentionedModules(meta)].filter((name) => !readable.has(name))).toEqual([]);
  });

  it('drops navigation to modules the principal may not read, keeping plain links', () => {
    const labels = project('support').app.navigation.map((item) => item.label);
    expect(labels).toContain('Home');
    expect(labels).not.toContain('Leads');
  });

  it('keeps a relation field but not the name of an unreadable target module', () => {
    const lead = moduleOf(project('support'), 'activities').fields.find((field) => field.name === 'lead');
    expect(lead).toMatchObject({ name: 'lead', type: 'relation' });
    expect(lead).not.toHaveProperty('relation');
  });

  it('names the target of a relation to a readable module', () => {
    const account = moduleOf(project('client', 'client'), 'cases').fields.find((f) => f.name === 'account');
    expect(account?.relation).toEqual({ module: 'accounts', cardinality: 'one' });
  });

  it('gives a principal without grants no modules, no layouts and only plain links', () => {
    const meta = project('withoutGrants');
    expect(meta.modules).toEqual({});
    expect(meta.layouts).toEqual([]);
    expect(meta.app.navigation.every((item) => item.module === undefined)).toBe(true);
  });
});

describe('toClientMetadata: fields', () => {
  it('shows deals.margin to an administrator', () => {
    expect(fieldNames(project('administrator'), 'deals')).toContain('margin');
    const detail = project('administrator').layouts.find((layout) => layout.name === 'dealsDetailStaff');
    expect(detail?.sections?.flatMap((section) => section.fields)).toContain('margin');
  });

  it('never lets the word margin reach a sales rep', () => {
    const meta = project('salesRep');
    expect(fieldNames(meta, 'deals')).not.toContain('margin');
    expect(JSON.stringify(meta)).not.toContain('margin');
  });

  it('removes a hidden field from the sections that held it', () => {
    const detail = project('salesRep').layouts.find((layout) => layout.name === 'dealsDetailStaff');
    expect(detail?.sections?.find((section) => section.label === 'Value')?.fields).toEqual(['amount']);
  });

  it('lists only the readable fields of full-text search', () => {
    expect(moduleOf(project('client', 'client'), 'cases').search).toEqual([
      'caseNumber',
      'subject',
      'description',
      'resolution',
    ]);
  });

  it('lists readable system fields after the module fields', () => {
    const names = fieldNames(project('client', 'client'), 'cases');
    expect(names.slice(-4)).toEqual(['id', 'version', 'createdAt', 'updatedAt']);
    expect(names).not.toContain('owner');
    expect(fieldNames(project('salesRep'), 'cases')).toContain('owner');
  });

  it('copies the field definition the browser needs', () => {
    const priority = moduleOf(project('client', 'client'), 'cases').fields.find((f) => f.name === 'priority');
    expect(priority).toMatchObject({
      type: 'select',
      label: expect.any(String),
      required: true,
      default: 'medium',
    });
    expect(priority?.options?.map((option) => option.value)).toContain('medium');
  });

  // biome-ignore format: one row per line reads as a table
  it.each<{ who: Who; audience: string; module: string; field: string; isReadOnly: boolean }>([
    { who: 'client', audience: 'client', module: 'cases', field: 'subject', isReadOnly: false },
    { who: 'client', audience: 'client', module: 'cases', field: 'status', isReadOnly: true },
    { who: 'client', audience: 'client', module: 'cases', field: 'account', isReadOnly: true },
    { who: 'client', audience: 'client', module: 'quotes', field: 'name', isReadOnly: true },
    { who: 'client', audience: 'client', module: 'cases', field: 'id', isReadOnly: true },
    { who: 'salesRep', audience: 'staff', module: 'deals', field: 'name', isReadOnly: false },
    { who: 'salesRep', audience: 'staff', module: 'leads', field: 'convertedAccount', isReadOnly: true },
    { who: 'salesRep', audience: 'staff', module: 'products', field: 'name', isReadOnly: true },
    { who: 'salesRep', audience: 'staff', module: 'cases', field: 'internalNote', isReadOnly: true },
    { who: 'salesRep', audience: 'staff', module: 'cases', field: 'subject', isReadOnly: false },
    { who: 'administrator', audience: 'staff', module: 'deals', field: 'margin', isReadOnly: false },
  ])('$module.$field is readOnly=$isReadOnly for $who', ({ who, audience, module, field, isReadOnly }) => {
    const found = moduleOf(project(who, audience), module).fields.find((candidate) => candidate.name === field);
    expect(found?.readOnly).toBe(isReadOnly);
  });
});

describe('toClientMetadata: actions and capabilities', () => {
  const none = { read: false, create: false, update: false, delete: false, export: false, import: false };
  // biome-ignore format: one row per line reads as a table
  it.each<{ who: Who; audience: string; module: string; allowed: RecordAction[] }>([
    { who: 'administrator', audience: 'staff', module: 'deals', allowed: ['read', 'create', 'update', 'delete', 'export', 'import'] },
    { who: 'salesRep', audience: 'staff', module: 'deals', allowed: ['read', 'create', 'update'] },
    { who: 'salesRep', audience: 'staff', module: 'products', allowed: ['read'] },
    { who: 'client', audience: 'client', module: 'cases', allowed: ['read', 'create', 'update'] },
    { who: 'client', audience: 'client', module: 'documents', allowed: ['read', 'create'] },
    { who: 'client', audience: 'client', module: 'quotes', allowed: ['read'] },
  ])('$who may $allowed on $module', ({ who, audience, module, allowed }) => {
    const expected = { ...none, ...Object.fromEntries(allowed.map((action) => [action, true])) };
    expect(moduleOf(project(who, audience), module).actions).toEqual(expected);
  });

  /** What the role's profile documents say, so the table follows the starter metadata. */
  function profilePrivileges(profile: string) {
    const privileges = app.profiles.get(profile)?.privileges;
    if (!privileges) throw new Error(`expected profile ${profile}`);
    return { ...privileges };
  }
  const noPrivileges = {
    manageMetadata: false,
    manageUsers: false,
    managePortals: false,
    managePlugins: false,
    viewAudit: false,
  };
  // biome-ignore format: one row per line reads as a table
  it.each<{ why: string; who: Who; audience: string; capabilities: () => typeof noPrivileges }>([
    { why: 'an administrator has its profile privileges', who: 'administrator', audience: 'staff', capabilities: () => profilePrivileges('administrator') },
    { why: 'a sales manager has its profile privileges', who: 'salesManager', audience: 'staff', capabilities: () => profilePrivileges('salesManager') },
    { why: 'a sales rep has its profile privileges', who: 'salesRep', audience: 'staff', capabilities: () => profilePrivileges('salesRep') },
    { why: 'a principal without a role has none', who: 'withoutGrants', audience: 'staff', capabilities: () => noPrivileges },
    { why: 'a portal user has none', who: 'client', audience: 'client', capabilities: () => noPrivileges },
    { why: 'an administrator outside its audience has none', who: 'administrator', audience: 'client', capabilities: () => noPrivileges },
  ])('$why', ({ who, audience, capabilities }) => {
    expect(project(who, audience).capabilities).toEqual(capabilities());
  });

  it('gives the administrator of the starter app every privilege', () => {
    expect(Object.values(project('administrator').capabilities).every(Boolean)).toBe(true);
  });
});

describe('toClientMetadata: layouts and portals', () => {
  it('gives staff only staff layouts', () => {
    const audiences = new Set(project('administrator').layouts.map((layout) => layout.audience));
    expect([...audiences]).toEqual(['staff']);
  });

  it('gives a client portal user exactly the client layouts', () => {
    const names = project('client', 'client').layouts.map((layout) => layout.name);
    const expected = [...app.layouts.values()].filter((l) => l.audience === 'client').map((l) => l.name);
    expect(names.sort()).toEqual(expected.sort());
  });

  it('drops layouts of modules outside the permission group', () => {
    const modules = new Set(project('clientSupportOnly', 'client').layouts.map((layout) => layout.module));
    expect([...modules].sort()).toEqual(['accounts', 'cases', 'documents']);
  });

  it('describes the portal without its scopes, groups or auth', () => {
    const meta = project('client', 'client');
    expect(meta.portal).toEqual({
      name: 'client',
      label: 'Client portal',
      branding: { title: 'Customer portal', primaryColor: '#1d4ed8', accentColor: '#f59e0b' },
      navigation: meta.app.navigation,
    });
    expect(meta.portal?.navigation.map((item) => item.label)).toEqual([
      'Home',
      'Support cases',
      'Quotes',
      'Documents',
      'My company',
      'People',
    ]);
  });

  it('sends no portal section to staff', () => {
    expect(project('administrator')).not.toHaveProperty('portal');
  });

  it.each(['internalNote', '$principal', 'partner', 'Partner portal', 'Guests (token link)', 'Staff only'])(
    'never shows a client portal user %j',
    (word) => {
      expect(JSON.stringify(project('client', 'client'))).not.toContain(word);
    },
  );
});

describe('toClientMetadata: server-only parts', () => {
  const serverOnlyKeys = [
    'scope',
    'accountScope',
    'presets',
    'groups',
    'auth',
    'principalModule',
    'orgDefault',
    'rules',
    'criteria',
    'sharing',
    'profiles',
    'privileges',
    'roles',
    'seeSubordinates',
    'members',
    'conversion',
    'grants',
    'attributes',
    'plugins',
  ];

  it.each<{ who: Who; audience: string }>([
    { who: 'administrator', audience: 'staff' },
    { who: 'salesRep', audience: 'staff' },
    { who: 'client', audience: 'client' },
    { who: 'partner', audience: 'partner' },
  ])('sends $who ($audience) none of the server-only metadata', ({ who, audience }) => {
    const keys = keysIn(project(who, audience));
    expect(serverOnlyKeys.filter((key) => keys.has(key))).toEqual([]);
  });

  it('sends no profile, role or sharing rule text to an administrator', () => {
    const json = JSON.stringify(project('administrator'));
    for (const profile of app.profiles.values()) expect(json).not.toContain(profile.label);
    for (const sharing of app.sharing.values())
      for (const rule of sharing.rules) expect(json).not.toContain(rule.name);
  });

  it.each<{ who: Who; audience: string }>([
    { who: 'administrator', audience: 'staff' },
    { who: 'salesRep', audience: 'staff' },
    { who: 'client', audience: 'client' },
    { who: 'withoutGrants', audience: 'staff' },
  ])('is plain JSON for $who ($audience)', ({ who, audience }) => {
    const meta = project(who, audience);
    expect(isPlainJson(meta)).toBe(true);
    expect(JSON.parse(JSON.stringify(meta))).toStrictEqual(meta);
  });

  it('returns copies the caller may change without touching the app', () => {
    const meta = project('administrator');
    const layout = meta.layouts.find((candidate) => candidate.quickFilters?.length);
    expect(Object.isFrozen(layout?.quickFilters?.[0]?.filter)).toBe(false);
    expect(Object.isFrozen(moduleOf(meta, 'cases').fields[0])).toBe(false);
  });

  it('gives nothing to a principal of another kind', () => {
    const plugin: Principal = { ...fixture.administrator, kind: 'plugin' };
    const meta = toClientMetadata({ app, principal: plugin, audience: 'staff', now });
    expect(meta.modules).toEqual({});
    expect(meta.layouts).toEqual([]);
  });
});
