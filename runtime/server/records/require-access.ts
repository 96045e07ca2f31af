import { decideAccessCached } from '../../core/access/decide-access-cached.ts';
import type { AccessDecision } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import type { RecordAction } from '../../core/metadata/types.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { forbidden, notFound } from './record-errors.ts';

export type GrantedAccess = {
  app: CompiledApp;
  module: CompiledModule;
  decision: Extract<AccessDecision, { allowed: true }>;
};

/** The principal's access to `action` on the module, or 404 (unknown module) / 403 (no grant). */
export function requireAccess(args: {
  ctx: RecordContext;
  request: RecordRequest;
  action: RecordAction;
}): GrantedAccess {
  const { ctx, request, action } = args;
  const app = ctx.getApp();
  const module = app.modules.get(request.module);
  if (!module) throw notFound(`There is no module "${request.module}"`);
  const decision = decideAccessCached({
    app,
    principal: request.principal,
    module: request.module,
    action,
    now: ctx.now(),
  });
  if (!decision.allowed) throw forbidden(`You may not ${action} ${module.label} records`);
  return { app, module, decision };
}
