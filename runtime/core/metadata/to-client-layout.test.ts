import { describe, expect, it } from 'vitest';
import { loadStarterApp } from '../../../test/helpers/load-starter-app.ts';
import { makeGrant } from '../../../test/helpers/make-grant.ts';
import type { Principal } from '../access/types.ts';
import { principalModuleAccess } from './principal-module-access.ts';
import { type ClientLayout, toClientLayout } from './to-client-layout.ts';
import type { LayoutDoc } from './types.ts';

const app = await loadStarterApp();
const now = new Date('2026-03-15T12:00:00.000Z');

/** Reads deals (margin and nextStep hidden), accounts (industry hidden), tasks, activities (deal hidden). */
const principal: Principal = {
  kind: 'staff',
  id: 'u1',
  attributes: { id: 'u1' },
  grants: [
    makeGrant({ app, module: 'deals', actions: ['read'], fields: { margin: 'hidden', nextStep: 'hidden' } }),
    makeGrant({ app, module: 'accounts', actions: ['read'], fields: { industry: 'hidden' } }),
    makeGrant({ app, module: 'tasks', actions: ['read'], fields: { priority: 'hidden' } }),
    makeGrant({ app, module: 'activities', actions: ['read'], fields: { deal: 'hidden' } }),
  ],
};
const access = principalModuleAccess({ app, principal, audience: 'staff', now });

const layout: LayoutDoc = {
  kind: 'layout',
  name: 'dealsTest',
  label: 'Deals (test)',
  module: 'deals',
  view: 'list',
  audience: 'staff',
  columns: ['name', 'margin', 'amount', 'nextStep'],
  defaultSort: { field: 'margin', direction: 'desc' },
  pageSize: 25,
  quickFilters: [
    { name: 'open', label: 'Open', filter: { stage: { nin: ['closedWon', 'closedLost'] } } },
    { name: 'mine', label: 'Mine', filter: { owner: { eq: '$principal.id' } } },
    { name: 'highMargin', label: 'High margin', filter: { margin: { gt: 30 } } },
    {
      name: 'nested',
      label: 'Nested',
      filter: { or: [{ stage: { eq: 'closedWon' } }, { not: { margin: { exists: true } } }] },
    },
    { name: 'readableHop', label: 'A accounts', filter: { 'account.name': { startsWith: 'A' } } },
    { name: 'hiddenHop', label: 'Tech', filter: { 'account.industry': { eq: 'technology' } } },
    { name: 'unreadableModule', label: 'Lee', filter: { 'contact.lastName': { eq: 'Lee' } } },
  ],
  sections: [
    { label: 'Deal', columns: 2, fields: ['name', 'margin', 'stage'], tab: 'main' },
    { label: 'Secrets', columns: 1, fields: ['margin', 'nextStep'] },
  ],
  relatedLists: [
    { module: 'tasks', field: 'deal', label: 'Tasks', columns: ['subject', 'priority', 'status'] },
    { module: 'activities', field: 'deal', label: 'Activities', columns: ['subject'] },
    { module: 'quotes', field: 'deal', label: 'Quotes', columns: ['name'] },
  ],
  card: { title: 'margin', subtitle: 'nextStep', badge: 'stage', fields: ['amount', 'margin'] },
};

function projected(doc: LayoutDoc = layout): ClientLayout {
  const result = toClientLayout({ app, layout: doc, access });
  if (!result) throw new Error('expected the layout');
  return result;
}

describe('toClientLayout', () => {
  // biome-ignore format: one row per line reads as a table
  it.each<{ behaviour: string; part: keyof ClientLayout; expected: unknown }>([
    { behaviour: 'removes hidden fields from columns', part: 'columns', expected: ['name', 'amount'] },
    { behaviour: 'drops a default sort on a hidden field', part: 'defaultSort', expected: undefined },
    { behaviour: 'keeps the page size', part: 'pageSize', expected: 25 },
    { behaviour: 'removes hidden fields from sections and drops sections left empty', part: 'sections', expected: [{ label: 'Deal', columns: 2, fields: ['name', 'stage'], tab: 'main' }] },
    { behaviour: 'drops related lists to unreadable modules or through hidden link fields, and hidden columns', part: 'relatedLists', expected: [{ module: 'tasks', field: 'deal', label: 'Tasks', columns: ['subject', 'status'] }] },
    { behaviour: 'falls back to the title field for a hidden card title and drops hidden card parts', part: 'card', expected: { title: 'name', badge: 'stage', fields: ['amount'] } },
  ])('$behaviour', ({ part, expected }) => {
    expect(projected()[part]).toEqual(expected);
  });

  // biome-ignore format: one row per line reads as a table
  it.each<{ behaviour: string; name: string; isKept: boolean }>([
    { behaviour: 'keeps a quick filter on readable fields', name: 'open', isKept: true },
    { behaviour: 'keeps a quick filter with principal variables', name: 'mine', isKept: true },
    { behaviour: 'drops a quick filter on a hidden field', name: 'highMargin', isKept: false },
    { behaviour: 'drops a quick filter with a hidden field nested in or/not', name: 'nested', isKept: false },
    { behaviour: 'keeps a quick filter through a relation to a readable field', name: 'readableHop', isKept: true },
    { behaviour: 'drops a quick filter through a relation to a hidden field', name: 'hiddenHop', isKept: false },
    { behaviour: 'drops a quick filter through a relation to an unreadable module', name: 'unreadableModule', isKept: false },
  ])('$behaviour', ({ name, isKept }) => {
    const names = projected().quickFilters?.map((filter) => filter.name);
    expect(names?.includes(name)).toBe(isKept);
  });

  it('keeps a default sort on a readable field', () => {
    expect(projected({ ...layout, defaultSort: { field: 'amount', direction: 'asc' } }).defaultSort).toEqual({
      field: 'amount',
      direction: 'asc',
    });
  });

  it('returns nothing for a layout of a module the principal cannot read', () => {
    expect(toClientLayout({ app, layout: { ...layout, module: 'quotes' }, access })).toBeUndefined();
  });

  it('never mentions a hidden field', () => {
    const json = JSON.stringify(projected());
    expect(json).not.toContain('margin');
    expect(json).not.toContain('nextStep');
    expect(json).not.toContain('industry');
  });

  it('copies quick filters instead of sharing the app document', () => {
    const filter = projected().quickFilters?.[0]?.filter;
    expect(filter).toEqual(layout.quickFilters?.[0]?.filter);
    expect(filter).not.toBe(layout.quickFilters?.[0]?.filter);
  });
});
