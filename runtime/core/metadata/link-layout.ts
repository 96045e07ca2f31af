import type { LinkContext } from './link-context.ts';
import type { LayoutDoc, LayoutView } from './types.ts';

/** What each layout view must have. */
const requiredPart: Record<LayoutView, keyof LayoutDoc> = {
  list: 'columns',
  detail: 'sections',
  form: 'sections',
  convert: 'sections',
  canvas: 'card',
};

/** System fields a portal layout may show besides the portal type's allow-list. */
const portalVisibleSystemFields = new Set(['id', 'createdAt', 'updatedAt']);

/** Every field a layout shows or sorts by, with its JSON pointer. */
function layoutFields(layout: LayoutDoc): Array<{ field: string; path: string }> {
  const fields: Array<{ field: string; path: string }> = [];
  for (const [i, field] of (layout.columns ?? []).entries()) fields.push({ field, path: `/columns/${i}` });
  if (layout.defaultSort) fields.push({ field: layout.defaultSort.field, path: '/defaultSort/field' });
  for (const [i, section] of (layout.sections ?? []).entries()) {
    for (const [j, field] of section.fields.entries())
      fields.push({ field, path: `/sections/${i}/fields/${j}` });
  }
  const card = layout.card;
  if (card) {
    fields.push({ field: card.title, path: '/card/title' });
    if (card.subtitle) fields.push({ field: card.subtitle, path: '/card/subtitle' });
    if (card.badge) fields.push({ field: card.badge, path: '/card/badge' });
    for (const [i, field] of card.fields.entries()) fields.push({ field, path: `/card/fields/${i}` });
  }
  return fields;
}

/**
 * Cross-checks a layout: its module and audience exist, every field it names exists (and, for a
 * portal audience, is exposed by that portal type), quick filters parse, related lists point back.
 */
export function linkLayout(ctx: LinkContext, layout: LayoutDoc): void {
  const module = ctx.modules.get(layout.module);
  if (!module) {
    ctx.report('/module', `module "${layout.module}" does not exist`);
    return;
  }
  const portal = layout.audience === 'staff' ? undefined : ctx.docs.portalType.get(layout.audience);
  if (layout.audience !== 'staff' && !portal) {
    ctx.report('/audience', `audience must be "staff" or a portal type; "${layout.audience}" is neither`);
  }
  const exposed = portal?.modules.find((m) => m.module === layout.module);
  if (portal && !exposed) {
    ctx.report('/module', `portal type "${portal.name}" does not expose module "${layout.module}"`);
  }
  const part = requiredPart[layout.view];
  if (layout[part] === undefined) ctx.report(`/${part}`, `a ${layout.view} layout needs "${part}"`);
  for (const { field, path } of layoutFields(layout)) {
    const found = ctx.field({ module: layout.module, field, path });
    if (found && exposed && !(field in exposed.fields) && !portalVisibleSystemFields.has(field)) {
      ctx.report(path, `field "${field}" is not exposed by portal type "${layout.audience}"`);
    }
  }
  const filterNames = new Set<string>();
  layout.quickFilters?.forEach((quick, i) => {
    if (filterNames.has(quick.name))
      ctx.report(`/quickFilters/${i}/name`, `quick filter "${quick.name}" is defined twice`);
    filterNames.add(quick.name);
    ctx.filter({ json: quick.filter, module: layout.module, path: `/quickFilters/${i}/filter` });
  });
  layout.relatedLists?.forEach((related, i) => {
    const path = `/relatedLists/${i}`;
    if (!ctx.modules.has(related.module)) {
      ctx.report(`${path}/module`, `module "${related.module}" does not exist`);
      return;
    }
    const link = ctx.field({ module: related.module, field: related.field, path: `${path}/field` });
    if (link && link.relation?.module !== layout.module) {
      ctx.report(
        `${path}/field`,
        `"${related.module}.${related.field}" is not a relation to "${layout.module}"`,
      );
    }
    related.columns.forEach((field, j) => {
      ctx.field({ module: related.module, field, path: `${path}/columns/${j}` });
    });
  });
}
