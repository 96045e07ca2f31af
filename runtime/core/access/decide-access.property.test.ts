import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindVariables } from '../filter/bind-variables.ts';
import { evaluate } from '../filter/evaluate.ts';
import type { PrincipalAttributes } from '../filter/types.ts';
import type { FieldLevel } from '../metadata/types.ts';
import { allowed, app, grant, now, portal, staff } from './access-test-fixture.ts';
import { decideAccess } from './decide-access.ts';
import { maskRecord } from './mask-record.ts';
import type { Grant } from './types.ts';

type Kind = 'staff' | 'portal';

const contactFields = new Set(app.modules.get('contacts')?.fields.keys());

/** Scope conditions on contacts, without relation hops so every grant can be evaluated in memory. */
const atoms: Record<string, unknown>[] = [
  { owner: { eq: '$principal.id' } },
  { owner: { eq: 'u2' } },
  { email: { exists: true } },
  { lastName: { eq: 'a' } },
  { lastName: { startsWith: 'b' } },
  { account: { eq: '$principal.accountId' } },
  { account: { in: ['a1', 'a2'] } },
  { secret: { exists: false } },
  { account: { eq: '$principal.missing' } },
];

const { node: whereJson } = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3 },
    fc.constantFrom(...atoms),
    fc.array(tie('node'), { maxLength: 3 }).map((children) => ({ and: children })),
    fc.array(tie('node'), { maxLength: 3 }).map((children) => ({ or: children })),
    tie('node').map((child) => ({ not: child })),
  ),
}));

const level = fc.constantFrom<FieldLevel>('hidden', 'readOnly', 'readWrite');
const levels = fc.record(
  { lastName: level, email: level, account: level, secret: level, owner: level, createdBy: level, id: level },
  { requiredKeys: [] },
);

const grants = fc.array(
  fc
    .record({ where: whereJson, fieldMode: fc.constantFrom('denyList', 'allowList'), fields: levels })
    .map(({ where, fieldMode, fields }) => grant({ where, fieldMode, fields })),
  { minLength: 1, maxLength: 4 },
);

const attributes = fc.record({
  id: fc.constant('u1'),
  accountId: fc.option(fc.constantFrom('a1', 'a2'), { nil: undefined }),
});

const records = fc.record(
  {
    id: fc.constant('c1'),
    version: fc.constant(1),
    owner: fc.constantFrom('u1', 'u2', null),
    createdBy: fc.constantFrom('u1', 'u2'),
    lastName: fc.constantFrom('a', 'b', 'bob', 'A'),
    email: fc.option(fc.constantFrom('x@example.com', ''), { nil: null }),
    account: fc.constantFrom('a1', 'a2', 'a3', null),
    secret: fc.string(),
    deletedAt: fc.constant(null),
    passwordHash: fc.string(),
  },
  { requiredKeys: [] },
);

const kinds = fc.constantFrom<Kind>('staff', 'portal');

/** An independent statement of the field-level rules, for one grant. */
function referenceLevel(args: { grant: Grant; field: string; kind: Kind }): FieldLevel {
  const { grant: subject, field, kind } = args;
  const listed = Object.hasOwn(subject.fields, field) ? subject.fields[field] : undefined;
  if (!contactFields.has(field)) return 'hidden';
  if (['id', 'version', 'createdAt', 'updatedAt'].includes(field)) return 'readOnly';
  if (['owner', 'createdBy', 'updatedBy'].includes(field)) {
    if (kind === 'staff') return listed === 'hidden' ? 'hidden' : 'readOnly';
    return subject.fieldMode === 'allowList' && listed !== undefined && listed !== 'hidden'
      ? 'readOnly'
      : 'hidden';
  }
  return listed ?? (subject.fieldMode === 'denyList' ? 'readWrite' : 'hidden');
}

function setup(args: { kind: Kind; grants: Grant[]; attributes: PrincipalAttributes }) {
  const principal =
    args.kind === 'staff' ? staff(args.grants, args.attributes) : portal(args.grants, args.attributes);
  const decision = allowed(decideAccess({ app, principal, module: 'contacts', action: 'read', now }));
  const isInGrant = (subject: Grant, record: Record<string, unknown>) =>
    evaluate({ node: bindVariables({ node: subject.where, principal: args.attributes, now }), record });
  return { decision, isInGrant };
}

describe('decideAccess properties', () => {
  it('matches a record with its where exactly when some grant’s bound where matches it', () => {
    fc.assert(
      fc.property(kinds, grants, attributes, records, (kind, given, attrs, record) => {
        const { decision, isInGrant } = setup({ kind, grants: given, attributes: attrs });
        const isInSome = given.some((subject) => isInGrant(subject, record));
        expect(evaluate({ node: decision.where, record })).toBe(isInSome);
      }),
      { numRuns: 500 },
    );
  });

  it('never unmasks a field hidden under every grant that applies to the record', () => {
    fc.assert(
      fc.property(kinds, grants, attributes, records, (kind, given, attrs, record) => {
        const { decision, isInGrant } = setup({ kind, grants: given, attributes: attrs });
        fc.pre(evaluate({ node: decision.where, record }));
        const applicable = given.filter((subject) => isInGrant(subject, record));
        const masked = maskRecord({ record, readable: decision.readableFields(record) });
        const levelsOf = (field: string) =>
          applicable.map((subject) => referenceLevel({ grant: subject, field, kind }));
        for (const field of Object.keys(masked)) {
          expect(
            levelsOf(field).some((found) => found !== 'hidden'),
            field,
          ).toBe(true);
        }
        const expected = Object.keys(record).filter((field) =>
          levelsOf(field).some((found) => found !== 'hidden'),
        );
        expect(Object.keys(masked)).toEqual(expected);
        const writable = [...contactFields].filter((field) => levelsOf(field).includes('readWrite'));
        expect([...decision.writableFields(record)].sort()).toEqual(writable.sort());
      }),
      { numRuns: 500 },
    );
  });
});
