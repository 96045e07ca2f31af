import { minimalSources } from '../../../test/fixtures/minimal-app.ts';
import { parseFilter } from '../filter/parse-filter.ts';
import type { FilterNode, PrincipalAttributes } from '../filter/types.ts';
import type { CompiledApp } from '../metadata/compile-app.ts';
import { loadMetadata } from '../metadata/load-metadata.ts';
import type { AccessDecision, Grant, Principal } from './types.ts';

/**
 * Test fixture for the access tests: the minimal app (`test/fixtures/minimal-app.ts`: accounts,
 * contacts with `account` → accounts and a `secret`, leads), and builders for grants and principals.
 */
function loadApp(): CompiledApp {
  const result = loadMetadata({ sources: minimalSources() });
  if (!result.ok) throw new Error(`minimal app should load: ${JSON.stringify(result.problems)}`);
  return result.app;
}

export const app: CompiledApp = loadApp();

/** The clock every test binds with. */
export const now = new Date('2026-03-15T12:00:00.000Z');

/** A filter JSON parsed on `module` (contacts unless told). */
export function filter(json: Record<string, unknown>, module = 'contacts'): FilterNode {
  return parseFilter({ json, module, catalog: app });
}

/** A grant: contacts, read, every record, deny-list with nothing listed — unless overridden. */
export function grant(
  overrides: Partial<Omit<Grant, 'where'>> & { where?: Record<string, unknown> } = {},
): Grant {
  const { where, ...rest } = overrides;
  const module = rest.module ?? 'contacts';
  return {
    module,
    actions: ['read'],
    fieldMode: 'denyList',
    fields: {},
    ...rest,
    where: filter(where ?? {}, module),
  };
}

export function staff(grants: readonly Grant[], attributes: PrincipalAttributes = { id: 'u1' }): Principal {
  return { kind: 'staff', id: String(attributes.id ?? 'u1'), attributes, grants };
}

export function portal(
  grants: readonly Grant[],
  attributes: PrincipalAttributes = { id: 'p1', recordId: 'c1', accountId: 'a1' },
): Principal {
  return { kind: 'portal', id: String(attributes.id ?? 'p1'), attributes, grants, portalType: 'client' };
}

/** The allowed branch of a decision; fails the test when it is a deny. */
export function allowed(decision: AccessDecision): Extract<AccessDecision, { allowed: true }> {
  if (!decision.allowed) throw new Error('expected access to be allowed');
  return decision;
}
