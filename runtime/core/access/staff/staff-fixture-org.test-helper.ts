import type { CompiledApp } from '../../metadata/compile-app.ts';
import { loadMetadata } from '../../metadata/load-metadata.ts';
import type {
  MetadataDoc,
  ModuleDoc,
  ProfileDoc,
  ProfileModuleAccess,
  RecordAction,
  SharingDoc,
} from '../../metadata/types.ts';
import type { StaffDirectory } from './staff-directory.ts';

/**
 * The staff fixture org (SECURITY-TESTS A.7): role tree CEO > SalesManager > Rep1, Rep2 and
 * CEO > Support (`seeSubordinates: false`) > SupportAgent; groups northTeam ⊂ salesTeam ⊂ everyone
 * and supportTeam ⊂ everyone; one module per org-wide default plus `leads` with no sharing document (private):
 *
 * | module   | org-wide default | sharing rules                                                          |
 * |----------|------------------|------------------------------------------------------------------------|
 * | accounts | private          | group salesTeam → roleAndSubordinates support, read, industry = tech;  |
 * |          |                  | role supportAgent → role salesManager, readWrite                       |
 * | deals    | private          | role rep1 → role rep2, read;                                           |
 * |          |                  | roleAndSubordinates salesManager → group supportTeam, readWrite,       |
 * |          |                  | stage = won                                                            |
 * | contacts | publicRead       |                                                                        |
 * | cases    | publicReadWrite  |                                                                        |
 * | notes    | publicFull       |                                                                        |
 * | leads    | (none: private)  |                                                                        |
 *
 * Profiles: `full` (everything), `sales` (no import; deal margin readOnly), `rep` (no export or
 * import; deal margin hidden), `importer` (deals: create and import; margin readOnly), `support`
 * (no delete or import, no leads).
 */

export const moduleNames = ['accounts', 'deals', 'contacts', 'cases', 'notes', 'leads'] as const;

const privileges: ProfileDoc['privileges'] = {
  manageMetadata: false,
  manageUsers: false,
  managePortals: false,
  managePlugins: false,
  viewAudit: false,
};

function moduleDoc(name: string, extra: ModuleDoc['fields'] = []): ModuleDoc {
  return {
    kind: 'module',
    name,
    label: name,
    titleField: 'name',
    fields: [{ name: 'name', type: 'text', label: 'Name' }, ...extra],
  };
}

function allow(
  actions: readonly RecordAction[],
  fields?: ProfileModuleAccess['fields'],
): ProfileModuleAccess {
  const has = (action: RecordAction) => actions.includes(action);
  const access: ProfileModuleAccess = {
    read: has('read'),
    create: has('create'),
    update: has('update'),
    delete: has('delete'),
    export: has('export'),
    import: has('import'),
  };
  return fields ? { ...access, fields } : access;
}

function profile(name: string, modules: ProfileDoc['modules']): ProfileDoc {
  return { kind: 'profile', name, label: name, modules, privileges };
}

function everyModule(access: ProfileModuleAccess): ProfileDoc['modules'] {
  return Object.fromEntries(moduleNames.map((module) => [module, access]));
}

function sharing(module: string, orgDefault: SharingDoc['orgDefault'], rules: SharingDoc['rules'] = []) {
  const doc: SharingDoc = { kind: 'sharing', name: module, label: module, module, orgDefault, rules };
  return doc;
}

const all: RecordAction[] = ['read', 'create', 'update', 'delete', 'export', 'import'];

/** The fixture org's documents; tests change a copy to see a change take effect. */
export function staffOrgDocs(): MetadataDoc[] {
  return [
    {
      kind: 'app',
      name: 'staffOrg',
      label: 'Staff org',
      plugins: [],
      navigation: [],
      branding: { title: 'Org' },
    },
    moduleDoc('accounts', [
      {
        name: 'industry',
        type: 'select',
        label: 'Industry',
        options: [
          { value: 'tech', label: 'Tech' },
          { value: 'retail', label: 'Retail' },
        ],
      },
    ]),
    moduleDoc('deals', [
      {
        name: 'stage',
        type: 'select',
        label: 'Stage',
        options: [
          { value: 'open', label: 'Open' },
          { value: 'won', label: 'Won' },
          { value: 'lost', label: 'Lost' },
        ],
      },
      { name: 'margin', type: 'number', label: 'Margin' },
    ]),
    moduleDoc('contacts'),
    moduleDoc('cases'),
    moduleDoc('notes'),
    moduleDoc('leads'),
    profile('full', everyModule(allow(all))),
    profile('sales', {
      ...everyModule(allow(['read', 'create', 'update', 'delete', 'export'])),
      deals: allow(['read', 'create', 'update', 'delete', 'export'], { margin: 'readOnly' }),
    }),
    profile('rep', {
      ...everyModule(allow(['read', 'create', 'update', 'delete'])),
      deals: allow(['read', 'create', 'update', 'delete'], { margin: 'hidden' }),
    }),
    profile('importer', { deals: allow(['create', 'import'], { margin: 'readOnly' }) }),
    profile('support', {
      accounts: allow(['read', 'create', 'update', 'export']),
      deals: allow(['read', 'create', 'update', 'export']),
      contacts: allow(['read', 'create', 'update', 'export']),
      cases: allow(['read', 'create', 'update', 'export']),
      notes: allow(['read', 'create', 'update', 'export']),
    }),
    { kind: 'role', name: 'ceo', label: 'CEO', profiles: ['full'] },
    { kind: 'role', name: 'salesManager', label: 'Sales manager', parent: 'ceo', profiles: ['sales'] },
    { kind: 'role', name: 'rep1', label: 'Rep 1', parent: 'salesManager', profiles: ['rep'] },
    { kind: 'role', name: 'rep2', label: 'Rep 2', parent: 'salesManager', profiles: ['rep', 'importer'] },
    {
      kind: 'role',
      name: 'support',
      label: 'Support',
      parent: 'ceo',
      profiles: ['support'],
      seeSubordinates: false,
    },
    { kind: 'role', name: 'supportAgent', label: 'Support agent', parent: 'support', profiles: ['support'] },
    // Listed before the groups it contains, so membership has to be followed against document order.
    { kind: 'group', name: 'everyone', label: 'Everyone', members: { groups: ['salesTeam', 'supportTeam'] } },
    { kind: 'group', name: 'northTeam', label: 'North team', members: { users: ['rep2a'] } },
    {
      kind: 'group',
      name: 'salesTeam',
      label: 'Sales team',
      members: { roles: ['salesManager'], groups: ['northTeam'] },
    },
    {
      kind: 'group',
      name: 'supportTeam',
      label: 'Support team',
      members: { rolesAndSubordinates: ['support'] },
    },
    sharing('accounts', 'private', [
      {
        name: 'supportReadsTechAccounts',
        ownedBy: { type: 'group', name: 'salesTeam' },
        sharedWith: { type: 'roleAndSubordinates', name: 'support' },
        access: 'read',
        criteria: { industry: { eq: 'tech' } },
      },
      {
        name: 'managerEditsAgentAccounts',
        ownedBy: { type: 'role', name: 'supportAgent' },
        sharedWith: { type: 'role', name: 'salesManager' },
        access: 'readWrite',
      },
    ]),
    sharing('deals', 'private', [
      {
        name: 'repsReadEachOther',
        ownedBy: { type: 'role', name: 'rep1' },
        sharedWith: { type: 'role', name: 'rep2' },
        access: 'read',
      },
      {
        name: 'supportWorksWonDeals',
        ownedBy: { type: 'roleAndSubordinates', name: 'salesManager' },
        sharedWith: { type: 'group', name: 'supportTeam' },
        access: 'readWrite',
        criteria: { stage: { eq: 'won' } },
      },
    ]),
    sharing('contacts', 'publicRead'),
    sharing('cases', 'publicReadWrite'),
    sharing('notes', 'publicFull'),
  ];
}

/** The fixture org's users; `gone1` is inactive, `admin1` is compiled as an administrator. */
export const staffOrgDirectory: StaffDirectory = {
  users: [
    { id: 'ceo1', role: 'ceo', active: true },
    { id: 'mgr1', role: 'salesManager', active: true },
    { id: 'rep1a', role: 'rep1', active: true },
    { id: 'rep1b', role: 'rep1', active: true },
    { id: 'rep2a', role: 'rep2', active: true },
    { id: 'gone1', role: 'rep1', active: false },
    { id: 'sup1', role: 'support', active: true },
    { id: 'agent1', role: 'supportAgent', active: true },
    { id: 'admin1', role: 'support', active: true },
  ],
};

/** Users the fixture compiles with `isAdministrator`. */
export const staffOrgAdministrators: ReadonlySet<string> = new Set(['admin1']);

/** Loads documents into a compiled app, failing loudly when they do not load. */
export function loadStaffApp(docs: MetadataDoc[] = staffOrgDocs()): CompiledApp {
  const result = loadMetadata({ sources: docs.map((doc) => ({ source: `${doc.kind}:${doc.name}`, doc })) });
  if (!result.ok) throw new Error(`staff fixture should load: ${JSON.stringify(result.problems)}`);
  return result.app;
}
