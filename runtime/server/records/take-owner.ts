import type { Principal } from '../../core/access/types.ts';
import { createError } from '../../core/errors.ts';

const ownerNotWritable = createError({ code: 'FIELD_NOT_WRITABLE', status: 400 });

/**
 * Removes `owner` from the input and returns it: staff and system callers may assign an owner,
 * anybody else setting one is refused.
 */
export function takeOwner(args: {
  input: Record<string, unknown>;
  principal: Principal;
}): string | undefined {
  if (!('owner' in args.input)) return undefined;
  const { owner } = args.input;
  delete args.input.owner;
  if (args.principal.kind !== 'staff' && args.principal.kind !== 'system') {
    throw ownerNotWritable('owner cannot be set here', { fields: ['owner'] });
  }
  return typeof owner === 'string' ? owner : undefined;
}
