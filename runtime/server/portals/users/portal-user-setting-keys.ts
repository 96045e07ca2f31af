/** What staff may set on a portal user (on enabling and with PATCH); everything else is refused. */
export const portalUserSettingKeys: ReadonlySet<string> = new Set([
  'active',
  'seesWholeAccount',
  'permissionGroup',
  'supportStart',
  'supportEnd',
  'mfaRequired',
  'componentOverrides',
  'accountIds',
]);
