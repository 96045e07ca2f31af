/** Record keys the store maintains itself; `update` may set none of them except `owner`. */
export const systemKeys: ReadonlySet<string> = new Set([
  'id',
  'version',
  'owner',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'deletedAt',
  'deletedBy',
]);

/** A module field's key: plain letters and digits (metadata names), so never `$…`, dotted or `_id`. */
export const fieldKeyPattern = /^[a-zA-Z][a-zA-Z0-9]*$/;
