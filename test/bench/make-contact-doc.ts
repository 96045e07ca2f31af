import type { RecordDoc } from '../../runtime/store/types.ts';
import type { Random } from './create-random.ts';
import { makeAddress } from './make-address.ts';
import { makeStamps } from './make-stamps.ts';
import { sampleValues } from './sample-values.ts';

function phone(random: Random): string {
  return `+1 ${200 + random.below(800)} ${String(random.below(10_000_000)).padStart(7, '0')}`;
}

function emailPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();
}

/**
 * One realistic starter `contacts` record (every field but `photo`), the `index`-th generated:
 * its email is unique through the index; `reportsTo`, when set, is an earlier contact.
 */
export function makeContactDoc(args: {
  random: Random;
  index: number;
  id: string;
  owner: string;
  account: string;
  reportsTo: string | undefined;
}): RecordDoc {
  const { random } = args;
  const firstName = random.pick(sampleValues.firstNames);
  const lastName = random.pick(sampleValues.lastNames);
  const email = `${emailPart(firstName)}.${emailPart(lastName)}.${args.index + 1}@example.com`;
  const year = 1950 + random.below(50);
  const month = String(1 + random.below(12)).padStart(2, '0');
  const day = String(1 + random.below(28)).padStart(2, '0');
  return {
    salutation: random.pick(sampleValues.salutations),
    firstName,
    lastName,
    email,
    phone: phone(random),
    mobile: random.isTrue(0.6) ? phone(random) : undefined,
    title: random.pick(sampleValues.titles),
    department: random.pick(sampleValues.departments),
    account: args.account,
    reportsTo: args.reportsTo,
    isPrimary: random.isTrue(0.1),
    mailingAddress: makeAddress(random),
    birthday: `${year}-${month}-${day}`,
    leadSource: random.pick(sampleValues.leadSources),
    doNotCall: random.isTrue(0.05),
    emailOptOut: random.isTrue(0.15),
    linkedIn: `https://www.linkedin.com/in/${emailPart(firstName)}-${emailPart(lastName)}-${args.index + 1}`,
    description: `${firstName} ${lastName} works in ${random.pick(sampleValues.departments)}; met at ${random.pick(sampleValues.cities).city}.`,
    ...makeStamps({ random, id: args.id, owner: args.owner }),
  };
}
