import type { Principal } from '../../../core/access/types.ts';

/** Who manages portal users and from where: recorded in every audit entry. */
export type PortalUserActor = {
  /** The staff principal (or a system principal when seeding). */
  principal: Principal;
  /** The client address of the request (`local` when there is none). */
  address: string;
};
