import type { Principal } from '../../core/access/types.ts';
import type { RecordService } from '../records/record-service.ts';
import { seededRandom } from './seeded-random.ts';

/** Owner ids of the demo staff who own records (administrator, manager, two reps, support). */
export type DemoOwners = { admin: string; manager: string; rep1: string; rep2: string; support: string };

const companyNames = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark Industries',
  'Wayne Enterprises',
  'Hooli',
  'Vandelay Industries',
  'Soylent',
  'Cyberdyne',
  'Wonka Industries',
  'Tyrell',
  'Massive Dynamic',
  'Oscorp',
  'Gringotts',
  'Monarch Solutions',
  'Pied Piper',
  'Dunder Mifflin',
  'Aperture Science',
  'Black Mesa',
  'Virtucon',
  'Nakatomi Trading',
  'Prestige Worldwide',
  'Sterling Cooper',
];
const firstNames = [
  'Alice',
  'Carol',
  'Bob',
  'Dana',
  'Eve',
  'Frank',
  'Grace',
  'Heidi',
  'Ivan',
  'Judy',
  'Mallory',
  'Niaj',
  'Olivia',
  'Peggy',
  'Rupert',
  'Sybil',
  'Trent',
  'Uma',
  'Victor',
  'Wendy',
  'Zoë',
  'Åsa',
  'Chloé',
  'Jürgen',
];
const lastNames = [
  'Smith',
  'Jones',
  'Garcia',
  'Müller',
  'Rossi',
  'Dubois',
  'Novak',
  'Kowalski',
  'Tanaka',
  'Okafor',
  'Larsen',
  'Silva',
  'Nguyen',
  'Patel',
  'Cohen',
  "O'Brien",
];
const industries = [
  'technology',
  'finance',
  'healthcare',
  'manufacturing',
  'retail',
  'education',
  'energy',
  'media',
];
const stages = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closedWon', 'closedLost'];
const caseSubjects = [
  'Cannot log in',
  'Invoice is wrong',
  'Printer on fire',
  'Feature request: dark mode',
  'Data export fails',
  'Slow dashboard',
  'Password reset email missing',
  'Integration returns 500',
];

const emailPart = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
const isoDay = (base: Date, offsetDays: number) =>
  new Date(base.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Fills a fresh store with demo data through the record service (as the given system principal):
 * 24 accounts (Acme and Globex first), 120 contacts, leads, deals, cases, activities and tasks,
 * spread over the demo staff. Deterministic. Returns the ids later seeding steps need.
 */
export async function seedDemoData(args: {
  records: RecordService;
  system: Principal;
  owners: DemoOwners;
  now: Date;
}) {
  const { records, system: principal, owners, now } = args;
  const random = seededRandom(20261125);
  const salesOwners = [owners.manager, owners.rep1, owners.rep2];
  const create = (module: string, input: Record<string, unknown>) =>
    records.create({ principal, module, input });

  const accounts: Array<{ id: string; name: string; owner: string }> = [];
  for (const [i, name] of companyNames.entries()) {
    const owner = i < 2 ? owners.rep1 : random.pick(salesOwners);
    const domain = `${emailPart(name)}.test`;
    const record = await create('accounts', {
      name,
      type: i === 2 ? 'partner' : random.pick(['customer', 'customer', 'prospect']),
      industry: random.pick(industries),
      website: `https://www.${domain}`,
      email: `info@${domain}`,
      employees: random.int(10, 5000),
      annualRevenue: random.int(1, 500) * 100_000,
      rating: random.int(1, 5),
      active: true,
      owner,
    });
    accounts.push({ id: String(record.id), name, owner });
  }

  const contacts: Array<{ id: string; account: string; owner: string; email: string }> = [];
  for (let i = 0; i < 120; i++) {
    const account = accounts[i % accounts.length] ?? accounts[0];
    if (!account) break;
    const firstName = random.pick(firstNames);
    const lastName = random.pick(lastNames);
    const email = `${emailPart(firstName)}.${emailPart(lastName)}.${i}@${emailPart(account.name)}.test`;
    const record = await create('contacts', {
      firstName,
      lastName,
      email,
      phone: `+1 555 ${String(1000 + i).padStart(4, '0')}`,
      title: random.pick(['CEO', 'CTO', 'Buyer', 'Office manager', 'Engineer', 'Head of support']),
      account: account.id,
      isPrimary: i < accounts.length,
      owner: account.owner,
    });
    contacts.push({ id: String(record.id), account: account.id, owner: account.owner, email });
  }

  for (let i = 0; i < 40; i++) {
    await create('leads', {
      firstName: random.pick(firstNames),
      lastName: random.pick(lastNames),
      email: `lead${i}@prospect${i}.test`,
      company: `Prospect ${i + 1} Ltd`,
      status: random.pick(['new', 'contacted', 'qualified', 'unqualified']),
      source: random.pick(['web', 'referral', 'partnerReferral', 'event', 'coldCall']),
      rating: random.int(1, 5),
      industry: random.pick(industries),
      owner: random.pick(salesOwners),
    });
  }

  for (let i = 0; i < 60; i++) {
    const contact = contacts[(i * 2) % contacts.length];
    if (!contact) break;
    await create('deals', {
      name: `Deal ${i + 1}: ${random.pick(['renewal', 'expansion', 'pilot', 'new licences'])}`,
      account: contact.account,
      contact: contact.id,
      stage: random.pick(stages),
      amount: random.int(5, 500) * 1000,
      margin: random.int(5, 60),
      probability: random.int(1, 10) * 10,
      closeDate: isoDay(now, random.int(-60, 120)),
      owner: contact.owner,
    });
  }

  for (const [i, contact] of contacts.entries()) {
    if (i >= 80) break;
    await create('cases', {
      subject: random.pick(caseSubjects),
      description: 'Reported through the demo seed.',
      status: random.pick(['new', 'open', 'pending', 'resolved']),
      priority: random.pick(['low', 'medium', 'high']),
      account: contact.account,
      contact: contact.id,
      internalNote: 'Internal: check the customer’s contract before replying.',
      owner: i % 3 === 0 ? owners.support : contact.owner,
    });
  }

  for (let i = 0; i < 100; i++) {
    const contact = random.pick(contacts);
    await create('activities', {
      type: random.pick(['call', 'email', 'meeting', 'note']),
      subject: random.pick(['Intro call', 'Follow-up', 'Demo', 'Pricing discussion', 'Check-in']),
      occurredAt: new Date(now.getTime() - random.int(0, 90) * 86_400_000).toISOString(),
      account: contact.account,
      contact: contact.id,
      owner: contact.owner,
    });
  }

  for (let i = 0; i < 50; i++) {
    const contact = random.pick(contacts);
    await create('tasks', {
      subject: random.pick([
        'Send proposal',
        'Call back',
        'Prepare demo',
        'Renewal review',
        'Update contract',
      ]),
      dueDate: isoDay(now, random.int(-10, 30)),
      status: random.pick(['notStarted', 'inProgress', 'waiting', 'completed']),
      priority: random.pick(['low', 'normal', 'high']),
      account: contact.account,
      contact: contact.id,
      owner: contact.owner,
    });
  }

  return { accounts, contacts };
}
