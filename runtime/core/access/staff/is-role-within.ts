import type { CompiledApp } from '../../metadata/compile-app.ts';

/** Whether `role` is `top` or below it in the role tree (an unknown role is within nothing but itself). */
export function isRoleWithin(args: { app: CompiledApp; role: string; top: string }): boolean {
  if (args.role === args.top) return true;
  return args.app.roles.get(args.role)?.ancestors.includes(args.top) ?? false;
}
