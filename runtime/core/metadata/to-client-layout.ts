import { AppError } from '../errors.ts';
import { type IsFieldReadable, parseFilter } from '../filter/parse-filter.ts';
import { clientTitleField } from './client-title-field.ts';
import type { CompiledApp } from './compile-app.ts';
import type { ModuleAccess } from './principal-module-access.ts';
import type { CanvasCard, LayoutDoc, LayoutSection, QuickFilter, RelatedList } from './types.ts';

/** A layout as the browser gets it: the layout document cut down to what the principal may read. */
export type ClientLayout = Omit<LayoutDoc, 'kind'>;

function isUsable(args: {
  app: CompiledApp;
  module: string;
  filter: QuickFilter;
  isFieldReadable: IsFieldReadable;
}) {
  try {
    parseFilter({
      json: args.filter.filter,
      module: args.module,
      catalog: args.app,
      isFieldReadable: args.isFieldReadable,
    });
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

function clientSections(args: { sections: readonly LayoutSection[]; own: ModuleAccess }): LayoutSection[] {
  return args.sections.flatMap((section) => {
    const fields = section.fields.filter((name) => args.own.readable.has(name));
    if (fields.length === 0) return [];
    const result: LayoutSection = { label: section.label, columns: section.columns, fields };
    if (section.tab !== undefined) result.tab = section.tab;
    return [result];
  });
}

function clientRelatedLists(args: {
  relatedLists: readonly RelatedList[];
  access: ReadonlyMap<string, ModuleAccess>;
}): RelatedList[] {
  return args.relatedLists.flatMap((list) => {
    const target = args.access.get(list.module);
    if (!target?.readable.has(list.field)) return [];
    const columns = list.columns.filter((name) => target.readable.has(name));
    return [{ module: list.module, field: list.field, label: list.label, columns }];
  });
}

function clientCard(args: { card: CanvasCard; own: ModuleAccess }): CanvasCard {
  const { card, own } = args;
  const isReadable = (name: string | undefined): name is string =>
    name !== undefined && own.readable.has(name);
  const result: CanvasCard = {
    title: isReadable(card.title) ? card.title : clientTitleField(own),
    fields: card.fields.filter(isReadable),
  };
  if (isReadable(card.subtitle)) result.subtitle = card.subtitle;
  if (isReadable(card.badge)) result.badge = card.badge;
  return result;
}

/**
 * `layout` as the principal may see it, or `undefined` when it may not read the layout's module.
 * `access` holds the modules the principal may read (`principalModuleAccess`); a field is readable
 * when its module's `readable` has it. Fields it cannot read are removed from columns, sections
 * (a section left empty is dropped), the canvas card (an unreadable title falls back to the title
 * field, see `clientTitleField`) and related lists' columns; an unreadable default sort is dropped;
 * a related list whose module or link field it cannot read is dropped; a quick filter naming a field
 * it cannot read (directly or through a relation) is dropped, never rewritten. Everything returned is
 * a fresh copy.
 */
export function toClientLayout(args: {
  app: CompiledApp;
  layout: LayoutDoc;
  access: ReadonlyMap<string, ModuleAccess>;
}): ClientLayout | undefined {
  const { app, layout, access } = args;
  const own = access.get(layout.module);
  if (!own) return undefined;
  const isFieldReadable: IsFieldReadable = ({ module, field }) =>
    access.get(module)?.readable.has(field) ?? false;
  const result: ClientLayout = {
    name: layout.name,
    label: layout.label,
    module: layout.module,
    view: layout.view,
    audience: layout.audience,
  };
  if (layout.columns) result.columns = layout.columns.filter((name) => own.readable.has(name));
  if (layout.defaultSort && own.readable.has(layout.defaultSort.field)) {
    result.defaultSort = { field: layout.defaultSort.field, direction: layout.defaultSort.direction };
  }
  if (layout.quickFilters) {
    result.quickFilters = layout.quickFilters
      .filter((filter) => isUsable({ app, module: layout.module, filter, isFieldReadable }))
      .map((filter) => ({ name: filter.name, label: filter.label, filter: structuredClone(filter.filter) }));
  }
  if (layout.pageSize !== undefined) result.pageSize = layout.pageSize;
  if (layout.sections) result.sections = clientSections({ sections: layout.sections, own });
  if (layout.relatedLists)
    result.relatedLists = clientRelatedLists({ relatedLists: layout.relatedLists, access });
  if (layout.card) result.card = clientCard({ card: layout.card, own });
  return result;
}
