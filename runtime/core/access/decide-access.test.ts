import { describe, expect, it } from 'vitest';
import type { FilterNode } from '../filter/types.ts';
import type { FieldLevel, RecordAction } from '../metadata/types.ts';
import { allowed, app, filter, grant, now, portal, staff } from './access-test-fixture.ts';
import { asSystem } from './as-system.ts';
import { decideAccess } from './decide-access.ts';
import type { Principal, PrincipalKind } from './types.ts';

const log = () => {};
const system = asSystem({ reason: 'tests', log });

function decide(args: { principal: Principal; module?: string; action?: RecordAction }) {
  return decideAccess({
    app,
    principal: args.principal,
    module: args.module ?? 'contacts',
    action: args.action ?? 'read',
    now,
  });
}

describe('decideAccess: who is denied', () => {
  it.each<{ name: string; principal: Principal; module?: string; action?: RecordAction }>([
    { name: 'a staff user with no grants', principal: staff([]) },
    { name: 'a grant for another module', principal: staff([grant({ module: 'accounts' })]) },
    {
      name: 'a grant for another action',
      principal: staff([grant({ actions: ['read'] })]),
      action: 'update',
    },
    {
      name: 'a module the app does not have, even when a grant names it',
      principal: staff([grant(), { ...grant(), module: 'invoices' }]),
      module: 'invoices',
    },
    {
      name: 'a system principal built as an object literal',
      principal: { kind: 'system', id: 'system', attributes: {}, grants: [], reason: 'forged' },
    },
    { name: 'a copy of a genuine system principal', principal: { ...system } },
    {
      name: 'a system principal made by asSystem, for a module the app does not have',
      principal: system,
      module: 'invoices',
    },
    {
      name: 'a system principal made by asSystem, for an action that does not exist',
      principal: system,
      action: 'purge' as unknown as RecordAction,
    },
    {
      name: 'a principal of an unknown kind, whatever its grants',
      principal: { ...staff([grant()]), kind: 'admin' as unknown as PrincipalKind },
    },
    {
      name: 'a create whose preset cannot be bound (missing attribute)',
      principal: portal([grant({ actions: ['create'], presets: { account: '$principal.accountId' } })], {
        id: 'p1',
      }),
      action: 'create',
    },
    {
      name: 'an update whose preset names an unknown variable',
      principal: portal([grant({ actions: ['update'], presets: { account: '$principal.constructor' } })]),
      action: 'update',
    },
    {
      name: 'a create whose preset names a field the module does not have',
      principal: portal([grant({ actions: ['create'], presets: { company: 'acme' } })]),
      action: 'create',
    },
    {
      name: 'a create whose preset names a system field',
      principal: portal([grant({ actions: ['create'], presets: { owner: '$principal.id' } })]),
      action: 'create',
    },
    {
      name: 'an import whose preset is a __proto__ key',
      principal: portal([
        grant({ actions: ['import'], presets: JSON.parse('{"__proto__":"$principal.accountId"}') }),
      ]),
      action: 'import',
    },
    {
      name: 'a create whose two grants force one field to different values',
      principal: portal([
        grant({ actions: ['create'], presets: { account: '$principal.accountId' } }),
        grant({ actions: ['create'], presets: { account: 'a2' } }),
      ]),
      action: 'create',
    },
    {
      name: 'a create whose scope binds to nothing',
      principal: portal(
        [grant({ actions: ['create'], where: { account: { eq: '$principal.accountId' } } })],
        {
          id: 'p1',
        },
      ),
      action: 'create',
    },
  ])('denies $name', ({ principal, module, action }) => {
    expect(decide({ principal, module, action })).toEqual({ allowed: false });
  });
});

describe('decideAccess: scope', () => {
  it.each<{ name: string; principal: Principal; action?: RecordAction; where: FilterNode }>([
    {
      name: 'binds $principal.id',
      principal: staff([grant({ where: { owner: { eq: '$principal.id' } } })]),
      where: filter({ owner: { eq: 'u1' } }),
    },
    {
      name: 'binds an array attribute into in',
      principal: staff([grant({ where: { owner: { in: '$principal.visibleOwnerIds' } } })], {
        id: 'u1',
        visibleOwnerIds: ['u1', 'u2'],
      }),
      where: filter({ owner: { in: ['u1', 'u2'] } }),
    },
    {
      name: 'ORs the scopes of two grants',
      principal: staff([
        grant({ where: { owner: { eq: '$principal.id' } } }),
        grant({ where: { email: { exists: true } } }),
      ]),
      where: filter({ or: [{ owner: { eq: 'u1' } }, { email: { exists: true } }] }),
    },
    {
      name: 'is everything when one grant is unscoped',
      principal: staff([grant({ where: { owner: { eq: '$principal.id' } } }), grant()]),
      where: { kind: 'true' },
    },
    {
      name: 'matches nothing when a variable cannot be resolved',
      principal: portal([grant({ where: { account: { eq: '$principal.accountId' } } })], { id: 'p1' }),
      where: { kind: 'false' },
    },
    {
      name: 'drops only the grant whose variable cannot be resolved',
      principal: portal(
        [
          grant({ where: { account: { eq: '$principal.accountId' } } }),
          grant({ where: { id: { eq: '$principal.recordId' } } }),
        ],
        { id: 'p1', recordId: 'c1' },
      ),
      where: filter({ id: { eq: 'c1' } }),
    },
    {
      name: 'ignores grants for other actions',
      principal: staff([
        grant({ actions: ['update'], where: { owner: { eq: '$principal.id' } } }),
        grant({ actions: ['read', 'update'], where: { email: { exists: true } } }),
      ]),
      action: 'read',
      where: filter({ email: { exists: true } }),
    },
    {
      name: 'binds $today and relative dates at now',
      principal: staff([grant({ where: { createdAt: { within: 'today' } } })]),
      where: filter({
        and: [
          { createdAt: { gte: '2026-03-15T00:00:00.000Z' } },
          { createdAt: { lte: '2026-03-15T23:59:59.999Z' } },
        ],
      }),
    },
  ])('$name', ({ principal, action, where }) => {
    expect(allowed(decide({ principal, action })).where).toEqual(where);
  });
});

describe('decideAccess: field levels under one grant', () => {
  const record = { id: 'c1', owner: 'u1', lastName: 'Lee', email: 'lee@example.com', secret: 's' };

  it.each<{
    name: string;
    kind: 'staff' | 'portal';
    fieldMode: 'denyList' | 'allowList';
    fields: Record<string, FieldLevel>;
    field: string;
    readable: boolean;
    writable: boolean;
  }>([
    {
      name: 'deny-list: an unlisted field is read-write',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: {},
      field: 'email',
      readable: true,
      writable: true,
    },
    {
      name: 'deny-list: a hidden field',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: { secret: 'hidden' },
      field: 'secret',
      readable: false,
      writable: false,
    },
    {
      name: 'deny-list: a read-only field',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: { email: 'readOnly' },
      field: 'email',
      readable: true,
      writable: false,
    },
    {
      name: 'allow-list: an unlisted field is hidden',
      kind: 'portal',
      fieldMode: 'allowList',
      fields: { email: 'readWrite' },
      field: 'secret',
      readable: false,
      writable: false,
    },
    {
      name: 'allow-list: a read-write field',
      kind: 'portal',
      fieldMode: 'allowList',
      fields: { email: 'readWrite' },
      field: 'email',
      readable: true,
      writable: true,
    },
    {
      name: 'allow-list: a read-only field',
      kind: 'portal',
      fieldMode: 'allowList',
      fields: { email: 'readOnly' },
      field: 'email',
      readable: true,
      writable: false,
    },
    {
      name: 'an unknown level counts as hidden',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: { email: 'admin' as FieldLevel },
      field: 'email',
      readable: false,
      writable: false,
    },
    {
      name: 'id is readable and never writable, even listed hidden',
      kind: 'portal',
      fieldMode: 'allowList',
      fields: { id: 'hidden' },
      field: 'id',
      readable: true,
      writable: false,
    },
    {
      name: 'version is readable and never writable, even listed read-write',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: { version: 'readWrite' },
      field: 'version',
      readable: true,
      writable: false,
    },
    {
      name: 'createdAt is readable to a portal principal',
      kind: 'portal',
      fieldMode: 'allowList',
      fields: {},
      field: 'createdAt',
      readable: true,
      writable: false,
    },
    {
      name: 'updatedAt is readable to staff',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: {},
      field: 'updatedAt',
      readable: true,
      writable: false,
    },
    {
      name: 'owner is readable to staff and not writable',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: {},
      field: 'owner',
      readable: true,
      writable: false,
    },
    {
      name: 'owner is readable to staff under an allow-list',
      kind: 'staff',
      fieldMode: 'allowList',
      fields: {},
      field: 'owner',
      readable: true,
      writable: false,
    },
    {
      name: 'owner listed hidden is hidden from staff',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: { owner: 'hidden' },
      field: 'owner',
      readable: false,
      writable: false,
    },
    {
      name: 'createdBy listed read-write is only readable to staff',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: { createdBy: 'readWrite' },
      field: 'createdBy',
      readable: true,
      writable: false,
    },
    {
      name: 'owner is hidden from a portal principal under a deny-list',
      kind: 'portal',
      fieldMode: 'denyList',
      fields: {},
      field: 'owner',
      readable: false,
      writable: false,
    },
    {
      name: 'owner is hidden from a portal principal when not allow-listed',
      kind: 'portal',
      fieldMode: 'allowList',
      fields: {},
      field: 'owner',
      readable: false,
      writable: false,
    },
    {
      name: 'updatedBy allow-listed read-write is only readable to a portal principal',
      kind: 'portal',
      fieldMode: 'allowList',
      fields: { updatedBy: 'readWrite' },
      field: 'updatedBy',
      readable: true,
      writable: false,
    },
    {
      name: 'a listed field the module does not have does not exist',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: { salary: 'readWrite' },
      field: 'salary',
      readable: false,
      writable: false,
    },
    {
      name: 'a constructor key is not a field',
      kind: 'staff',
      fieldMode: 'denyList',
      fields: {},
      field: 'constructor',
      readable: false,
      writable: false,
    },
  ])('$name', ({ kind, fieldMode, fields, field, readable, writable }) => {
    const grants = [grant({ actions: ['read'], fieldMode, fields })];
    const principal = kind === 'staff' ? staff(grants) : portal(grants);
    const decision = allowed(decide({ principal }));
    expect(decision.readableFields(record).has(field)).toBe(readable);
    expect(decision.writableFields(record).has(field)).toBe(writable);
  });
});

describe('decideAccess: field levels under grants that disagree', () => {
  // Own contacts show the secret read-only; contacts with an email hide it; own ones may edit the email.
  const mine = grant({
    where: { owner: { eq: '$principal.id' } },
    fields: { secret: 'readOnly' },
  });
  const withEmail = grant({
    where: { email: { exists: true } },
    fields: { secret: 'hidden', email: 'readOnly' },
  });
  const viaTechAccount = grant({
    where: { 'account.industry': { eq: 'tech' } },
    fields: { secret: 'readWrite' },
  });
  const mineOrTech = grant({
    where: { or: [{ owner: { eq: '$principal.id' } }, { 'account.industry': { eq: 'tech' } }] },
    fields: { secret: 'readWrite' },
  });

  /** The fields each case looks at, and all of them. */
  const all = ['email', 'id', 'lastName', 'owner', 'secret'];

  it.each<{
    name: string;
    grants: ReturnType<typeof grant>[];
    record: Record<string, unknown>;
    readable: string[];
    writable: string[];
  }>([
    {
      name: 'a record matching only the grant that shows the field shows it',
      grants: [mine, withEmail],
      record: { owner: 'u1' },
      readable: all,
      writable: ['email', 'lastName'],
    },
    {
      name: 'a record matching only the grant that hides the field hides it',
      grants: [mine, withEmail],
      record: { owner: 'u2', email: 'x@example.com' },
      readable: ['email', 'id', 'lastName', 'owner'],
      writable: ['lastName'],
    },
    {
      name: 'a record matching both grants shows what either shows and allows what either allows',
      grants: [mine, withEmail],
      record: { owner: 'u1', email: 'x@example.com' },
      readable: all,
      writable: ['email', 'lastName'],
    },
    {
      name: 'a record matching no grant shows nothing, not even its id',
      grants: [mine, withEmail],
      record: { owner: 'u2' },
      readable: [],
      writable: [],
    },
    {
      name: 'a grant scoped through a relation does not apply when other grants disagree',
      grants: [mine, viaTechAccount],
      record: { owner: 'u1', account: 'a1' },
      readable: all,
      writable: ['email', 'lastName'],
    },
    {
      name: 'a record only a relation-scoped grant could match shows nothing when grants disagree',
      grants: [mine, viaTechAccount],
      record: { owner: 'u2', account: 'a1' },
      readable: [],
      writable: [],
    },
    {
      name: 'a grant with a relation hop applies when the record alone decides its scope',
      grants: [withEmail, mineOrTech],
      record: { owner: 'u1', email: 'x@example.com' },
      readable: all,
      writable: ['email', 'lastName', 'secret'],
    },
    {
      name: 'a sole grant scoped through a relation applies without evaluation',
      grants: [viaTechAccount],
      record: { owner: 'u2' },
      readable: all,
      writable: ['email', 'lastName', 'secret'],
    },
  ])('$name', ({ grants, record, readable, writable }) => {
    const decision = allowed(decide({ principal: staff(grants) }));
    const pick = (fields: ReadonlySet<string>) => all.filter((name) => fields.has(name));
    expect(pick(decision.readableFields(record))).toEqual(readable);
    expect(pick(decision.writableFields(record))).toEqual(writable);
  });

  it('answers field levels without reading the record when the grants agree', () => {
    const trap = new Proxy<Record<string, unknown>>(
      {},
      {
        get: () => {
          throw new Error('the record was read');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('the record was read');
        },
        has: () => {
          throw new Error('the record was read');
        },
        ownKeys: () => {
          throw new Error('the record was read');
        },
      },
    );
    const decision = allowed(
      decide({
        principal: staff([
          grant({ where: { owner: { eq: '$principal.id' } }, fields: { secret: 'hidden' } }),
          grant({ where: { 'account.industry': { eq: 'tech' } }, fields: { secret: 'hidden' } }),
        ]),
      }),
    );
    expect(decision.readableFields(trap).has('secret')).toBe(false);
    expect(decision.writableFields(trap).has('email')).toBe(true);
  });

  it('ignores field levels of a grant whose scope binds to nothing', () => {
    const decision = allowed(
      decide({
        principal: portal(
          [
            grant({
              where: { id: { eq: '$principal.recordId' } },
              fieldMode: 'allowList',
              fields: { email: 'readWrite' },
            }),
            grant({
              where: { account: { eq: '$principal.accountId' } },
              fieldMode: 'allowList',
              fields: { secret: 'readOnly' },
            }),
          ],
          { id: 'p1', recordId: 'c1' },
        ),
      }),
    );
    const trap = new Proxy<Record<string, unknown>>(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error('the record was read');
        },
      },
    );
    expect([...decision.readableFields(trap)].sort()).toEqual([
      'createdAt',
      'email',
      'id',
      'updatedAt',
      'version',
    ]);
  });
});

describe('decideAccess: presets', () => {
  it.each<{
    name: string;
    presets: Record<string, string>[];
    action: RecordAction;
    attributes?: Record<string, string>;
    preset: Record<string, unknown>;
  }>([
    {
      name: 'binds $principal.accountId on create',
      presets: [{ account: '$principal.accountId' }],
      action: 'create',
      preset: { account: 'a1' },
    },
    {
      name: 'binds presets on update',
      presets: [{ account: '$principal.accountId' }],
      action: 'update',
      preset: { account: 'a1' },
    },
    {
      name: 'keeps a literal, and $$ escapes a leading dollar',
      presets: [{ lastName: 'Portal', email: '$$shared@example.com' }],
      action: 'create',
      preset: { lastName: 'Portal', email: '$shared@example.com' },
    },
    {
      name: 'takes the union of two grants’ presets',
      presets: [{ account: '$principal.accountId' }, { lastName: 'Portal', account: 'a1' }],
      action: 'create',
      preset: { account: 'a1', lastName: 'Portal' },
    },
    {
      name: 'is empty for reads, even when a preset cannot be bound',
      presets: [{ account: '$principal.missing' }],
      action: 'read',
      preset: {},
    },
  ])('$name', ({ presets, action, preset }) => {
    const grants = presets.map((values) => grant({ actions: ['read', 'create', 'update'], presets: values }));
    expect(allowed(decide({ principal: portal(grants), action })).preset).toEqual(preset);
  });
});

describe('decideAccess: system access', () => {
  it.each<{ module: string; action: RecordAction }>(
    ['accounts', 'contacts', 'leads'].flatMap((module) =>
      (['read', 'create', 'update', 'delete', 'export', 'import'] as const).map((action) => ({
        module,
        action,
      })),
    ),
  )('allows a principal made by asSystem to $action $module', ({ module, action }) => {
    expect(decide({ principal: system, module, action }).allowed).toBe(true);
  });

  it('gives a system principal every record and field, and no system field to write', () => {
    const decision = allowed(decide({ principal: system, action: 'update' }));
    expect(decision.where).toEqual({ kind: 'true' });
    expect(decision.preset).toEqual({});
    expect([...decision.readableFields({})].sort()).toEqual([
      'account',
      'createdAt',
      'createdBy',
      'email',
      'id',
      'lastName',
      'owner',
      'secret',
      'updatedAt',
      'updatedBy',
      'version',
    ]);
    expect([...decision.writableFields({})].sort()).toEqual(['account', 'email', 'lastName', 'secret']);
  });
});
