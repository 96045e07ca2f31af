import type { SessionAudience } from '../../../auth/session/types.ts';

/** The session audience of one portal type: `portal:<type>`. */
export function portalAudience(portalTypeName: string): SessionAudience {
  return `portal:${portalTypeName}`;
}
