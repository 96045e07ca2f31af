import type { RecordDoc } from '../../runtime/store/types.ts';
import type { Random } from './create-random.ts';
import { sampleValues } from './sample-values.ts';
import { makeAddress } from './make-address.ts';
import { makeStamps } from './make-stamps.ts';

/** One realistic starter `accounts` record, the `index`-th generated, owned by `owner`. */
export function makeAccountDoc(args: {
  random: Random;
  index: number;
  owner: string;
  id: string;
}): RecordDoc {
  const { random, index } = args;
  const word = random.pick(sampleValues.companyWords);
  const name = `${word} ${random.pick(sampleValues.companySuffixes)} ${index + 1}`;
  const domain = `${word.toLowerCase()}${index + 1}.example.com`;
  const billingAddress = makeAddress(random);
  return {
    name,
    type: random.pick(sampleValues.accountTypes),
    industry: random.pick(sampleValues.industries),
    website: `https://www.${domain}`,
    phone: `+1 555 ${String(random.below(10_000_000)).padStart(7, '0')}`,
    email: `info@${domain}`,
    billingAddress,
    shippingAddress: random.isTrue(0.7) ? billingAddress : makeAddress(random),
    annualRevenue: random.below(500) * 100_000,
    employees: 1 + random.below(20_000),
    rating: random.below(6),
    active: random.isTrue(0.9),
    customerSince: random.isTrue(0.5)
      ? `20${10 + random.below(15)}-0${1 + random.below(9)}-1${random.below(9)}`
      : undefined,
    ...makeStamps({ random, id: args.id, owner: args.owner }),
  };
}
