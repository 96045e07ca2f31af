import type { CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { badRequest } from '../../records/record-errors.ts';

/** Validated settings: values to set, and fields to remove (sent as `null`). */
export type PortalUserSettings = { set: Record<string, unknown>; unset: string[] };

/** Whether `value` is a real calendar day written `YYYY-MM-DD`. */
function isDay(value: unknown): value is string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function readFlag(args: { input: Record<string, unknown>; key: string; settings: PortalUserSettings }) {
  const value = args.input[args.key];
  if (typeof value !== 'boolean') throw badRequest(`${args.key} must be true or false`, { field: args.key });
  args.settings.set[args.key] = value;
}

function readGroup(args: { portalType: CompiledPortalType; value: unknown; settings: PortalUserSettings }) {
  const { portalType, value, settings } = args;
  if (value === null) {
    settings.unset.push('permissionGroup');
    return;
  }
  const group = portalType.groups.find((g) => g.name === value);
  if (!group || group.isNonPortalUsers === true)
    throw badRequest(`permissionGroup must name a permission group of the ${portalType.name} portal`, {
      field: 'permissionGroup',
      groups: portalType.groups.filter((g) => g.isNonPortalUsers !== true).map((g) => g.name),
    });
  settings.set.permissionGroup = group.name;
}

function readOverrides(args: {
  portalType: CompiledPortalType;
  value: unknown;
  settings: PortalUserSettings;
}) {
  const { portalType, value, settings } = args;
  if (value === null) {
    settings.unset.push('componentOverrides');
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value))
    throw badRequest('componentOverrides must map module names to lists of actions', {
      field: 'componentOverrides',
    });
  const overrides: Record<string, string[]> = {};
  for (const [module, actions] of Object.entries(value)) {
    const exposed = portalType.modules.get(module);
    if (!exposed)
      throw badRequest(`The ${portalType.name} portal does not expose ${module}`, {
        field: 'componentOverrides',
        module,
      });
    const isValid =
      Array.isArray(actions) &&
      new Set(actions).size === actions.length &&
      actions.every((action) => typeof action === 'string' && exposed.actions.some((a) => a === action));
    if (!isValid)
      throw badRequest(`componentOverrides.${module} must list actions the portal offers on it`, {
        field: 'componentOverrides',
        module,
        actions: exposed.actions,
      });
    overrides[module] = actions as string[];
  }
  settings.set.componentOverrides = overrides;
}

/**
 * One person linked to contacts at several accounts: the accounts the user may switch between
 * (`PUT /portal/<type>/api/me/account`). The user's own account must stay among them.
 */
function readAccountIds(args: { value: unknown; current?: RecordDoc; settings: PortalUserSettings }) {
  const { value, current, settings } = args;
  if (value === null) {
    settings.unset.push('accountIds');
    return;
  }
  const isValid =
    Array.isArray(value) &&
    value.length <= 50 &&
    value.every((id) => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id));
  if (!isValid)
    throw badRequest('accountIds must be a list of up to 50 account ids', { field: 'accountIds' });
  const own = current?.accountId;
  if (typeof own === 'string' && !value.includes(own)) {
    throw badRequest('accountIds must include the account the user is at now', { field: 'accountIds' });
  }
  settings.set.accountIds = [...new Set(value as string[])];
}

/**
 * Checks the portal-user settings in `input` against the portal type (only the keys present are
 * read; the caller refuses any other key): flags are booleans, `permissionGroup` names one of the
 * type's groups (not the token-link one), support dates are real `YYYY-MM-DD` days with the start not
 * after the end (taking the stored values of `current` into account), MFA cannot be required where
 * the type turns it off, and overrides name exposed modules and actions the type offers on them.
 * `null` clears a group, a support date or the overrides. Throws a 400 naming the field.
 */
export function readPortalUserSettings(args: {
  portalType: CompiledPortalType;
  input: Record<string, unknown>;
  current?: RecordDoc;
}): PortalUserSettings {
  const { portalType, input, current } = args;
  const settings: PortalUserSettings = { set: {}, unset: [] };
  for (const key of ['active', 'seesWholeAccount', 'mfaRequired'])
    if (key in input) readFlag({ input, key, settings });
  if (settings.set.mfaRequired === true && portalType.auth.mfa === 'off')
    throw badRequest(`The ${portalType.name} portal has MFA turned off`, { field: 'mfaRequired' });
  if ('permissionGroup' in input) readGroup({ portalType, value: input.permissionGroup, settings });
  if ('componentOverrides' in input) readOverrides({ portalType, value: input.componentOverrides, settings });
  for (const key of ['supportStart', 'supportEnd']) {
    if (!(key in input)) continue;
    const value = input[key];
    if (value === null) settings.unset.push(key);
    else if (isDay(value)) settings.set[key] = value;
    else throw badRequest(`${key} must be a date written YYYY-MM-DD, or null`, { field: key });
  }
  if ('accountIds' in input) readAccountIds({ value: input.accountIds, current, settings });
  const effective = (key: string) =>
    key in settings.set ? settings.set[key] : settings.unset.includes(key) ? undefined : current?.[key];
  const start = effective('supportStart');
  const end = effective('supportEnd');
  if (isDay(start) && isDay(end) && start > end)
    throw badRequest('supportStart must not be after supportEnd', { field: 'supportStart' });
  return settings;
}
