import type { Random } from './create-random.ts';
import { sampleValues } from './sample-values.ts';

/** A postal address value (the `address` field type). */
export function makeAddress(random: Random): Record<string, string> {
  const place = random.pick(sampleValues.cities);
  return {
    street: `${1 + random.below(9_999)} ${random.pick(sampleValues.streets)}`,
    city: place.city,
    state: place.state,
    postalCode: String(10_000 + random.below(89_999)),
    country: place.country,
  };
}
