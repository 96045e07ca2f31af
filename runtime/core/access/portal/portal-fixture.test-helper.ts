import { loadStarterApp } from '../../../../test/helpers/load-starter-app.ts';
import { evaluate } from '../../filter/evaluate.ts';
import type { CompiledApp } from '../../metadata/compile-app.ts';
import type { RecordAction } from '../../metadata/types.ts';
import { decideAccess } from '../decide-access.ts';
import type { Principal } from '../types.ts';
import { compilePortalPrincipal } from './compile-portal-principal.ts';
import type { PortalUser } from './portal-user.ts';

/**
 * The portal fixture: the starter app, portal users of each starter portal type and a few records
 * of accounts A and B. Test helper.
 */
export const app: CompiledApp = await loadStarterApp();

/** The clock the portal tests compile and bind with (a day inside every support period below). */
export const now = new Date('2026-03-15T12:00:00.000Z');

/** Portal users by name: client contacts at account A (alice is its primary contact) and B, a partner, a lead. */
export const users = {
  alice: {
    id: 'pAlice',
    portalType: 'client',
    recordId: 'contactAlice',
    accountId: 'accountA',
    seesWholeAccount: true,
    active: true,
    supportStart: '2026-01-01',
    supportEnd: '2026-12-31',
  },
  carol: {
    id: 'pCarol',
    portalType: 'client',
    recordId: 'contactCarol',
    accountId: 'accountA',
    active: true,
  },
  bob: { id: 'pBob', portalType: 'client', recordId: 'contactBob', accountId: 'accountB', active: true },
  paula: {
    id: 'pPaula',
    portalType: 'partner',
    recordId: 'contactPaula',
    accountId: 'accountP',
    active: true,
  },
  lena: { id: 'pLena', portalType: 'lead', recordId: 'leadLena', active: true },
} as const satisfies Record<string, PortalUser>;

export type UserName = keyof typeof users;

/** Records by module and id. */
export const records: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>> = {
  cases: {
    caseAlice: { id: 'caseAlice', subject: 'Printer', account: 'accountA', contact: 'contactAlice' },
    caseCarol: { id: 'caseCarol', subject: 'Login', account: 'accountA', contact: 'contactCarol' },
    caseBob: { id: 'caseBob', subject: 'Billing', account: 'accountB', contact: 'contactBob' },
  },
  deals: {
    dealPaula: { id: 'dealPaula', name: 'Via Paula', account: 'accountA', partner: 'contactPaula' },
    dealPaulaColleague: {
      id: 'dealPaulaColleague',
      name: 'Via Pete',
      account: 'accountB',
      partner: 'contactPete',
    },
    dealDirect: { id: 'dealDirect', name: 'Direct', account: 'accountB' },
  },
  leads: {
    leadLena: { id: 'leadLena', lastName: 'Lena' },
    leadOther: { id: 'leadOther', lastName: 'Other' },
  },
  contacts: {
    contactAlice: { id: 'contactAlice', account: 'accountA' },
    contactCarol: { id: 'contactCarol', account: 'accountA' },
    contactBob: { id: 'contactBob', account: 'accountB' },
    contactPaula: { id: 'contactPaula', account: 'accountP' },
    contactPete: { id: 'contactPete', account: 'accountP' },
  },
};

/** The record `id` of `module`; throws when the fixture has none. */
export function recordOf(args: { module: string; id: string }): Record<string, unknown> {
  const record = records[args.module]?.[args.id];
  if (!record) throw new Error(`no fixture record ${args.module}/${args.id}`);
  return record;
}

/** The principal of a fixture user, changed by `patch`; throws when it compiles to `null`. */
export function principalOf(args: { user: PortalUser; patch?: Partial<PortalUser> }): Principal {
  const principal = compilePortalPrincipal({ app, user: { ...args.user, ...args.patch }, now });
  if (!principal) throw new Error(`expected a principal for ${args.user.id}`);
  return principal;
}

/** Whether `principal` may take `action` on the fixture record, through `decideAccess` and `evaluate`. */
export function isAllowedOn(args: {
  principal: Principal;
  module: string;
  id: string;
  action: RecordAction;
}): boolean {
  const decision = decideAccess({
    app,
    principal: args.principal,
    module: args.module,
    action: args.action,
    now,
  });
  if (!decision.allowed) return false;
  return evaluate({
    node: decision.where,
    record: recordOf(args),
    related: ({ module, id }) => records[module]?.[id],
  });
}
