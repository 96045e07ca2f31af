import type { LinkContext } from './link-context.ts';
import type { AppDoc } from './types.ts';

/** Cross-checks the app document: navigation names real modules, plugins are listed once. */
export function linkApp(ctx: LinkContext, app: AppDoc): void {
  app.navigation.forEach((item, i) => {
    if (item.module && !ctx.modules.has(item.module)) {
      ctx.report(`/navigation/${i}/module`, `module "${item.module}" does not exist`);
    }
  });
  app.plugins.forEach((plugin, i) => {
    if (app.plugins.findIndex((p) => p.name === plugin.name) !== i) {
      ctx.report(`/plugins/${i}/name`, `plugin "${plugin.name}" is listed twice`);
    }
  });
}
