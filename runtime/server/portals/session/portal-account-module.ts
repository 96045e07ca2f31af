import type { CompiledApp, CompiledPortalType } from '../../../core/metadata/compile-app.ts';

/**
 * The module that is "my company" for a portal type: the target of `accountPath` on its principal
 * module (e.g. `accounts`), or undefined when the portal type has no account relation.
 */
export function portalAccountModule(args: {
  app: CompiledApp;
  portalType: CompiledPortalType;
}): string | undefined {
  const { app, portalType } = args;
  if (!portalType.accountPath) return undefined;
  return app.modules.get(portalType.principalModule)?.fields.get(portalType.accountPath)?.relation?.module;
}
