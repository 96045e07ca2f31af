import type { RecordDoc } from '../../runtime/store/types.ts';
import type { Random } from './create-random.ts';

type Stamps = Pick<
  RecordDoc,
  'id' | 'version' | 'owner' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'deletedAt'
>;

const dayMs = 86_400_000;
const origin = Date.UTC(2022, 0, 1);

/** The system fields of a live record created by its owner some time in the last three years. */
export function makeStamps(args: { random: Random; id: string; owner: string }): Stamps {
  const created = origin + args.random.below(3 * 365) * dayMs + args.random.below(dayMs);
  const updated = created + args.random.below(90) * dayMs;
  return {
    id: args.id,
    version: 1,
    owner: args.owner,
    createdAt: new Date(created).toISOString(),
    createdBy: args.owner,
    updatedAt: new Date(updated).toISOString(),
    updatedBy: args.owner,
    deletedAt: null,
  };
}
