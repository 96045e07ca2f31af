import { hashPassword } from '../../auth/password/hash-password.ts';
import { asSystem } from '../../core/access/as-system.ts';
import type { Principal } from '../../core/access/types.ts';
import { enablePortalUser } from '../portals/users/enable-portal-user.ts';
import type { Runtime } from '../runtime-types.ts';

type DemoAccount = { id: string; name: string; owner: string };
type DemoContact = { id: string; account: string; owner: string; email: string };

/** The demo portal users: login, portal type, identity person and whether it sees the whole account. */
const demoPortalPeople = [
  {
    email: 'alice@acme.test',
    portalType: 'client',
    firstName: 'Alice',
    lastName: 'Archer',
    account: 0,
    isPrimary: true,
  },
  {
    email: 'carol@acme.test',
    portalType: 'client',
    firstName: 'Carol',
    lastName: 'Chen',
    account: 0,
    isPrimary: false,
  },
  {
    email: 'bob@globex.test',
    portalType: 'client',
    firstName: 'Bob',
    lastName: 'Brown',
    account: 1,
    isPrimary: false,
  },
  {
    email: 'pat@partner.test',
    portalType: 'partner',
    firstName: 'Pat',
    lastName: 'Parker',
    account: 2,
    isPrimary: false,
  },
] as const;

async function createCases(args: {
  runtime: Runtime;
  system: Principal;
  account: DemoAccount;
  contactId: string;
  who: string;
}) {
  const subjects = [`${args.who}: cannot export invoices`, `${args.who}: new user for our team`];
  for (const [i, subject] of subjects.entries()) {
    await args.runtime.records.create({
      principal: args.system,
      module: 'cases',
      input: {
        subject,
        description: `Raised by ${args.who} through the customer portal.`,
        status: i === 0 ? 'open' : 'new',
        priority: i === 0 ? 'high' : 'medium',
        account: args.account.id,
        contact: args.contactId,
        internalNote: `Internal: ${args.who}'s contract renews next quarter; do not promise discounts.`,
        owner: args.account.owner,
      },
    });
  }
}

/** Makes Pat the partner on the first deals (by name) and on two customer accounts. */
async function linkPartner(args: {
  runtime: Runtime;
  system: Principal;
  accounts: DemoAccount[];
  patId: string;
}) {
  const { runtime, system, patId } = args;
  const deals = await runtime.records.list({
    principal: system,
    module: 'deals',
    query: { sort: 'name', limit: 4 },
  });
  for (const deal of deals.records)
    await runtime.records.update({
      principal: system,
      module: 'deals',
      id: String(deal.id),
      input: { partner: patId },
    });
  for (const account of args.accounts.slice(3, 5))
    await runtime.records.update({
      principal: system,
      module: 'accounts',
      id: account.id,
      input: { partner: patId },
    });
}

/**
 * Adds the demo portal users to freshly seeded demo data: `alice@acme.test` (client portal, Acme's
 * primary contact, sees the whole account), `carol@acme.test` (client, Acme, own records only),
 * `bob@globex.test` (client, Globex), `pat@partner.test` (partner portal, a contact at the partner
 * account Initech, partner on a few deals and accounts) and `lee@lead.test` (lead portal, a lead).
 * Identity records and Alice's and Carol's cases (two each, with internal notes) go through the record
 * service as the system principal; all users get `password`, whatever the portal's password policy
 * (as the demo staff do). Returns the logins with their portals, to print.
 */
export async function seedDemoPortalUsers(args: {
  runtime: Runtime;
  password: string;
  accounts: DemoAccount[];
  contacts: DemoContact[];
}): Promise<string[]> {
  const { runtime, accounts } = args;
  const system = asSystem({
    reason: 'seeding demo portal users on first start',
    log: ({ reason }) => console.log(`system access: ${reason}`),
  });
  const actor = { principal: system, address: 'local' };
  const identities: Array<{
    portalType: string;
    recordId: string;
    email: string;
    seesWholeAccount: boolean;
  }> = [];
  for (const person of demoPortalPeople) {
    const account = accounts[person.account];
    if (!account) throw new Error('the demo data has too few accounts for the demo portal users');
    const contact = await runtime.records.create({
      principal: system,
      module: 'contacts',
      input: {
        firstName: person.firstName,
        lastName: person.lastName,
        email: person.email,
        title: person.portalType === 'partner' ? 'Partner manager' : 'Operations lead',
        account: account.id,
        isPrimary: person.isPrimary,
        owner: account.owner,
      },
    });
    const recordId = String(contact.id);
    if (person.account === 0)
      await createCases({ runtime, system, account, contactId: recordId, who: person.firstName });
    if (person.portalType === 'partner') await linkPartner({ runtime, system, accounts, patId: recordId });
    identities.push({
      portalType: person.portalType,
      recordId,
      email: person.email,
      seesWholeAccount: person.isPrimary,
    });
  }
  const lead = await runtime.records.create({
    principal: system,
    module: 'leads',
    input: {
      firstName: 'Lee',
      lastName: 'Lewis',
      email: 'lee@lead.test',
      company: 'Lewis Logistics',
      status: 'contacted',
      source: 'web',
      owner: accounts[0]?.owner,
    },
  });
  identities.push({
    portalType: 'lead',
    recordId: String(lead.id),
    email: 'lee@lead.test',
    seesWholeAccount: false,
  });

  const passwordHash = await hashPassword(args.password);
  const at = new Date(runtime.clock.now()).toISOString();
  for (const identity of identities) {
    const { user } = await enablePortalUser({
      runtime,
      actor,
      request: {
        portalType: identity.portalType,
        recordId: identity.recordId,
        sendInvitation: false,
        settings: identity.seesWholeAccount ? { seesWholeAccount: true } : {},
      },
    });
    await runtime.store.update({
      module: 'atriumUsers',
      id: user.id,
      where: { kind: 'true' },
      set: { passwordHash, passwordChangedAt: at },
      updatedAt: at,
      updatedBy: null,
    });
  }
  return identities.map((i) => `${i.email} (${i.portalType} portal: /portal/${i.portalType})`);
}
