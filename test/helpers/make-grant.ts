import type { Grant } from '../../runtime/core/access/types.ts';
import { parseFilter } from '../../runtime/core/filter/parse-filter.ts';
import type { CompiledApp } from '../../runtime/core/metadata/compile-app.ts';
import type { FieldLevel, RecordAction } from '../../runtime/core/metadata/types.ts';

/** A grant written as filter JSON, parsed against the app. Test helper. */
export function makeGrant(args: {
  app: CompiledApp;
  module: string;
  actions: RecordAction[];
  where?: unknown;
  fieldMode?: Grant['fieldMode'];
  fields?: Record<string, FieldLevel>;
  presets?: Record<string, string>;
}): Grant {
  return {
    module: args.module,
    actions: args.actions,
    where: parseFilter({ json: args.where ?? {}, module: args.module, catalog: args.app }),
    fieldMode: args.fieldMode ?? 'denyList',
    fields: args.fields ?? {},
    ...(args.presets ? { presets: args.presets } : {}),
  };
}
