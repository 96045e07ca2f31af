import type { Principal } from '../access/types.ts';
import type { CompiledApp } from './compile-app.ts';

/**
 * Whether `audience` (`staff` or a portal type name) is the one `principal` belongs to: `staff` for a
 * staff principal, its own portal type (one the app has) for a portal principal. Sessions are bound
 * to one audience (DESIGN §6), so every other pairing — and every other principal kind — is `false`.
 */
export function isPrincipalAudience(args: {
  app: CompiledApp;
  principal: Principal;
  audience: string;
}): boolean {
  const { app, principal, audience } = args;
  if (principal.kind === 'staff') return audience === 'staff';
  // A portal type named `staff` must never see staff layouts.
  if (principal.kind !== 'portal' || audience === 'staff') return false;
  return principal.portalType === audience && app.portalTypes.has(audience);
}
