import { beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime } from '../helpers/start-test-runtime.ts';

/**
 * The staff access matrix (DESIGN §5, the vtiger model) through the real HTTP API, as a data table:
 * every demo staff user × module × action (read, update, delete) × record kind, with the expected
 * outcome written out by hand from the starter's documents — `metadata/starter/profiles`, `roles`,
 * `groups` and `sharing` — and not computed by the code under test.
 *
 * What the table was derived from:
 * - Roles: administrator > salesManager > salesRep; support under administrator; all see subordinates.
 *   Users: admin (administrator, isAdministrator), manager (salesManager), rep1 and rep2 (salesRep),
 *   support (support). isAdministrator widens every row scope to all records (so admin reaches even
 *   the records of groups it is not in) but adds no action its profile lacks.
 * - Groups: salesTeam = salesManager and below (manager, rep1, rep2); supportTeam = support;
 *   allStaff = administrator + salesTeam + supportTeam. Everybody sees records owned by its groups.
 * - Profiles (read/update/delete): administrator everything; salesManager everything but delete on
 *   cases and products; salesRep read+update on accounts, contacts, deals, leads, read+update+delete on
 *   tasks, read only on cases and products; support read only on accounts, contacts, deals, products,
 *   everything on tasks and cases, nothing on leads.
 * - Org-wide defaults: private everywhere here except products (publicRead).
 * - Sharing rules: accounts of salesManager-and-below → support (read); customer/partner accounts of
 *   salesTeam → salesTeam (read); contacts of salesManager-and-below → support (read); closedWon deals
 *   of salesManager-and-below → supportTeam (read); cases of role support → salesTeam (read) and,
 *   when escalated, → role salesManager (readWrite). A `roleAndSubordinates`/`role` owner set names
 *   users, so group-owned records are not shared by those rules.
 *
 * The demo seed owns no record by a group, so the fixtures include records owned by `group:salesTeam`
 * and `group:supportTeam` (all fixtures are created by admin with an explicit owner in `beforeAll`).
 *
 * Outcomes: a profile that lacks the action is 403 whatever the record; an action the profile allows
 * on a record outside the user's scope for that action is 404 (the same answer as a missing record).
 */

const users = ['admin', 'manager', 'rep1', 'rep2', 'support'] as const;
type User = (typeof users)[number];
type Owner = User | 'group:salesTeam' | 'group:supportTeam';
type Action = 'read' | 'update' | 'delete';
const actions: readonly Action[] = ['read', 'update', 'delete'];

/** y = allowed (200, or 204 for delete), n = out of scope (404), - = the profile lacks the action (403). */
type Cell = 'y' | 'n' | '-';
/** One cell per action, in the order read, update, delete. */
type Cells = `${Cell}${Cell}${Cell}`;
/** A fixture record: who owns it, any values that make a sharing rule match, and what each user may do. */
type FixtureRow = [
  owner: Owner,
  values: Record<string, unknown>,
  variant: string,
  outcomes: [admin: Cells, manager: Cells, rep1: Cells, rep2: Cells, support: Cells],
];

const modules = ['accounts', 'contacts', 'deals', 'cases', 'leads', 'tasks', 'products'] as const;
type Module = (typeof modules)[number];

// biome-ignore format: a table reads better aligned
const matrix: Record<Module, FixtureRow[]> = {
  accounts: [
    // owner               values                    variant                               admin  manager rep1   rep2   support
    ['admin',              {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', 'n--']],
    ['manager',            {},                       '',                                   ['yyy', 'yyy', 'nn-', 'nn-', 'y--']],
    ['rep1',               {},                       '',                                   ['yyy', 'yyy', 'yy-', 'nn-', 'y--']],
    ['rep2',               {},                       '',                                   ['yyy', 'yyy', 'nn-', 'yy-', 'y--']],
    ['support',            {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', 'y--']],
    ['group:salesTeam',    {},                       '',                                   ['yyy', 'yyy', 'yy-', 'yy-', 'n--']],
    ['group:supportTeam',  {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', 'y--']],
    ['rep2',               { type: 'customer' },     'a customer, rule customersWithinSales', ['yyy', 'yyy', 'yn-', 'yy-', 'y--']],
  ],
  contacts: [
    ['admin',              {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', 'n--']],
    ['manager',            {},                       '',                                   ['yyy', 'yyy', 'nn-', 'nn-', 'y--']],
    ['rep1',               {},                       '',                                   ['yyy', 'yyy', 'yy-', 'nn-', 'y--']],
    ['rep2',               {},                       '',                                   ['yyy', 'yyy', 'nn-', 'yy-', 'y--']],
    ['support',            {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', 'y--']],
    ['group:salesTeam',    {},                       '',                                   ['yyy', 'yyy', 'yy-', 'yy-', 'n--']],
    ['group:supportTeam',  {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', 'y--']],
  ],
  deals: [
    ['admin',              {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', 'n--']],
    ['manager',            {},                       '',                                   ['yyy', 'yyy', 'nn-', 'nn-', 'n--']],
    ['rep1',               {},                       '',                                   ['yyy', 'yyy', 'yy-', 'nn-', 'n--']],
    ['rep2',               {},                       '',                                   ['yyy', 'yyy', 'nn-', 'yy-', 'n--']],
    ['support',            {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', 'y--']],
    ['group:salesTeam',    {},                       '',                                   ['yyy', 'yyy', 'yy-', 'yy-', 'n--']],
    ['group:supportTeam',  {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', 'y--']],
    ['rep2',               { stage: 'closedWon' },   'won, rule wonDealsToSupport',        ['yyy', 'yyy', 'nn-', 'yy-', 'y--']],
  ],
  cases: [
    ['admin',              {},                       '',                                   ['yyy', 'nn-', 'n--', 'n--', 'nnn']],
    ['manager',            {},                       '',                                   ['yyy', 'yy-', 'n--', 'n--', 'nnn']],
    ['rep1',               {},                       '',                                   ['yyy', 'yy-', 'y--', 'n--', 'nnn']],
    ['rep2',               {},                       '',                                   ['yyy', 'yy-', 'n--', 'y--', 'nnn']],
    ['support',            {},                       'not escalated, rule supportCasesToSales',['yyy', 'yn-', 'y--', 'y--', 'yyy']],
    ['group:salesTeam',    {},                       '',                                   ['yyy', 'yy-', 'y--', 'y--', 'nnn']],
    ['group:supportTeam',  {},                       '',                                   ['yyy', 'nn-', 'n--', 'n--', 'yyy']],
    ['support',            { isEscalated: true },    'escalated, rule escalationsToSalesManagers', ['yyy', 'yy-', 'y--', 'y--', 'yyy']],
  ],
  leads: [
    ['admin',              {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', '---']],
    ['manager',            {},                       '',                                   ['yyy', 'yyy', 'nn-', 'nn-', '---']],
    ['rep1',               {},                       '',                                   ['yyy', 'yyy', 'yy-', 'nn-', '---']],
    ['rep2',               {},                       '',                                   ['yyy', 'yyy', 'nn-', 'yy-', '---']],
    ['support',            {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', '---']],
    ['group:salesTeam',    {},                       '',                                   ['yyy', 'yyy', 'yy-', 'yy-', '---']],
    ['group:supportTeam',  {},                       '',                                   ['yyy', 'nnn', 'nn-', 'nn-', '---']],
  ],
  tasks: [
    ['admin',              {},                       '',                                   ['yyy', 'nnn', 'nnn', 'nnn', 'nnn']],
    ['manager',            {},                       '',                                   ['yyy', 'yyy', 'nnn', 'nnn', 'nnn']],
    ['rep1',               {},                       '',                                   ['yyy', 'yyy', 'yyy', 'nnn', 'nnn']],
    ['rep2',               {},                       '',                                   ['yyy', 'yyy', 'nnn', 'yyy', 'nnn']],
    ['support',            {},                       '',                                   ['yyy', 'nnn', 'nnn', 'nnn', 'yyy']],
    ['group:salesTeam',    {},                       '',                                   ['yyy', 'yyy', 'yyy', 'yyy', 'nnn']],
    ['group:supportTeam',  {},                       '',                                   ['yyy', 'nnn', 'nnn', 'nnn', 'yyy']],
  ],
  products: [
    // org-wide default publicRead: everybody whose profile reads products reads them all
    ['admin',              {},                       '',                                   ['yyy', 'yn-', 'y--', 'y--', 'y--']],
    ['manager',            {},                       '',                                   ['yyy', 'yy-', 'y--', 'y--', 'y--']],
    ['rep1',               {},                       '',                                   ['yyy', 'yy-', 'y--', 'y--', 'y--']],
    ['rep2',               {},                       '',                                   ['yyy', 'yy-', 'y--', 'y--', 'y--']],
    ['support',            {},                       '',                                   ['yyy', 'yn-', 'y--', 'y--', 'y--']],
    ['group:salesTeam',    {},                       '',                                   ['yyy', 'yy-', 'y--', 'y--', 'y--']],
    ['group:supportTeam',  {},                       '',                                   ['yyy', 'yn-', 'y--', 'y--', 'y--']],
  ],
};

/** How each owner stands to each user (for the row names only). */
// biome-ignore format: a table reads better aligned
const relation: Record<User, Record<Owner, string>> = {
  admin:   { admin: 'own',        manager: 'a subordinate’s', rep1: 'a subordinate’s', rep2: 'a subordinate’s', support: 'a subordinate’s', 'group:salesTeam': 'another group’s', 'group:supportTeam': 'another group’s' },
  manager: { admin: 'a superior’s', manager: 'own',           rep1: 'a subordinate’s', rep2: 'a subordinate’s', support: 'another branch’s', 'group:salesTeam': 'its group’s',    'group:supportTeam': 'another group’s' },
  rep1:    { admin: 'a superior’s', manager: 'a superior’s',  rep1: 'own',             rep2: 'a peer’s',        support: 'another branch’s', 'group:salesTeam': 'its group’s',    'group:supportTeam': 'another group’s' },
  rep2:    { admin: 'a superior’s', manager: 'a superior’s',  rep1: 'a peer’s',        rep2: 'own',             support: 'another branch’s', 'group:salesTeam': 'its group’s',    'group:supportTeam': 'another group’s' },
  support: { admin: 'a superior’s', manager: 'another branch’s', rep1: 'another branch’s', rep2: 'another branch’s', support: 'own',          'group:salesTeam': 'another group’s', 'group:supportTeam': 'its group’s' },
};

const singular: Record<Module, string> = {
  accounts: 'an account',
  contacts: 'a contact',
  deals: 'a deal',
  cases: 'a case',
  leads: 'a lead',
  tasks: 'a task',
  products: 'a product',
};

/** The smallest valid record of each module (the owner and the row's values are added). */
const baseValues = (module: Module, n: number): Record<string, unknown> =>
  ({
    accounts: { name: `Matrix account ${n}`, type: 'prospect' },
    contacts: { lastName: `Matrix ${n}` },
    deals: { name: `Matrix deal ${n}`, stage: 'prospecting' },
    cases: { subject: `Matrix case ${n}`, isEscalated: false },
    leads: { lastName: `Matrix ${n}`, company: `Matrix ${n} Ltd` },
    tasks: { subject: `Matrix task ${n}` },
    products: { name: `Matrix product ${n}`, code: `MATRIX-${n}`, price: 100 },
  })[module];

const expectedStatus = (action: Action, cell: Cell) =>
  cell === '-' ? 403 : cell === 'n' ? 404 : action === 'delete' ? 204 : 200;

type Row = {
  name: string;
  user: User;
  module: Module;
  fixture: string;
  action: Action;
  status: number;
};

const fixtures: Array<{ key: string; module: Module; owner: Owner; values: Record<string, unknown> }> = [];
const rows: Row[] = [];
for (const module of modules) {
  for (const [owner, values, variant, outcomes] of matrix[module]) {
    const key = `${module}#${fixtures.length}`;
    fixtures.push({ key, module, owner, values });
    for (const [u, user] of users.entries()) {
      for (const [a, action] of actions.entries()) {
        const cell = outcomes[u]?.[a] as Cell;
        const status = expectedStatus(action, cell);
        const kind = [relation[user][owner], variant].filter(Boolean).join('; ');
        const ownerName = owner.startsWith('group:') ? `group ${owner.slice('group:'.length)}` : owner;
        rows.push({
          name: `${user} may ${action} ${singular[module]} of ${ownerName} (${kind}): ${cell === 'y' ? 'yes' : 'no'} (${status})`,
          user,
          module,
          fixture: key,
          action,
          status,
        });
      }
    }
  }
}

/**
 * Rows where the app disagrees with the documents, by name, each with a `// FINDING:` explaining
 * why the table is right. They run with `it.fails`, so they turn red once the app is fixed.
 */
const findings = new Map<string, string>([]);

let t: Awaited<ReturnType<typeof startTestRuntime>>;
const cookies = {} as Record<User, string>;
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await startTestRuntime();
  const userIds = {} as Record<User, string>;
  for (const user of users) {
    cookies[user] = await t.login(`${user}@atrium.test`);
    const me = (await (await t.request('/api/me', { cookie: cookies[user] })).json()) as {
      data: { id: string };
    };
    userIds[user] = me.data.id;
  }
  for (const [n, fixture] of fixtures.entries()) {
    const owner = fixture.owner.startsWith('group:') ? fixture.owner : userIds[fixture.owner as User];
    const response = await t.request(`/api/records/${fixture.module}`, {
      method: 'POST',
      cookie: cookies.admin,
      body: { ...baseValues(fixture.module, n), ...fixture.values, owner },
    });
    if (response.status !== 201) {
      throw new Error(`fixture ${fixture.key}: ${response.status} ${await response.text()}`);
    }
    const { data } = (await response.json()) as { data: { id: string; owner: string } };
    expect(data.owner).toBe(owner);
    ids.set(fixture.key, data.id);
  }
}, 60_000);

async function attempt(row: Row): Promise<number> {
  const id = ids.get(row.fixture);
  const path = `/api/records/${row.module}/${id}`;
  const cookie = cookies[row.user];
  if (row.action === 'read') {
    const response = await t.request(path, { cookie });
    if (response.status === 200) {
      expect(((await response.json()) as { data: { id: string } }).data.id).toBe(id);
    }
    return response.status;
  }
  if (row.action === 'update') {
    const current = await t.request(path, { cookie: cookies.admin });
    const { version } = ((await current.json()) as { data: { version: number } }).data;
    const response = await t.request(path, {
      method: 'PATCH',
      cookie,
      body: { description: `Touched by ${row.user} at version ${version}` },
      headers: { 'if-match': String(version) },
    });
    return response.status;
  }
  const response = await t.request(path, { method: 'DELETE', cookie });
  if (response.status === 204) {
    // Keep the fixture for the rows that follow.
    const restored = await t.request(`${path}/restore`, { method: 'POST', cookie: cookies.admin });
    expect(restored.status).toBe(200);
  }
  return response.status;
}

describe('staff access matrix', () => {
  it('covers every user, module, action and record kind', () => {
    expect(rows.length).toBe(fixtures.length * users.length * actions.length);
    expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
    for (const name of findings.keys()) expect(rows.some((row) => row.name === name)).toBe(true);
  });

  const passing = rows.filter((row) => !findings.has(row.name)).map((row) => [row.name, row] as const);
  it.each(passing)('%s', async (_, row) => {
    expect(await attempt(row)).toBe(row.status);
  });

  const failing = rows.filter((row) => findings.has(row.name)).map((row) => [row.name, row] as const);
  if (failing.length > 0) {
    it.fails.each(failing)('%s', async (_, row) => {
      expect(await attempt(row)).toBe(row.status);
    });
  }
});
