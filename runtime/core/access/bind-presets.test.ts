import { describe, expect, it } from 'vitest';
import type { PrincipalAttributes } from '../filter/types.ts';
import { app, grant, now } from './access-test-fixture.ts';
import { bindPresets } from './bind-presets.ts';
import { compileModule } from '../metadata/compile-module.ts';

function bind(args: { module?: string; presets: Record<string, string>[]; principal?: PrincipalAttributes }) {
  const module = app.modules.get(args.module ?? 'contacts');
  if (!module) throw new Error('fixture module missing');
  return bindPresets({
    grants: args.presets.map((presets) => grant({ module: module.name, presets })),
    module,
    principal: args.principal ?? { id: 'p1', accountId: 'a1', industry: 'tech', count: 3 },
    now,
  });
}

describe('bindPresets', () => {
  it.each<{
    name: string;
    module?: string;
    presets: Record<string, string>[];
    preset: Record<string, unknown>;
  }>([
    {
      name: 'a principal attribute',
      presets: [{ account: '$principal.accountId' }],
      preset: { account: 'a1' },
    },
    {
      name: 'a select option from an attribute',
      module: 'accounts',
      presets: [{ industry: '$principal.industry' }],
      preset: { industry: 'tech' },
    },
    { name: 'a literal', presets: [{ lastName: 'Portal' }], preset: { lastName: 'Portal' } },
    { name: 'an escaped dollar', presets: [{ lastName: '$$5' }], preset: { lastName: '$5' } },
    { name: 'no presets', presets: [{}, {}], preset: {} },
    {
      name: 'the same value from two grants',
      presets: [{ account: 'a1' }, { account: '$principal.accountId' }],
      preset: { account: 'a1' },
    },
  ])('binds $name', ({ module, presets, preset }) => {
    expect(bind({ module, presets })).toEqual(preset);
  });

  it.each<{ name: string; module?: string; presets: Record<string, string>[] }>([
    { name: 'a missing attribute', presets: [{ account: '$principal.recordId' }] },
    { name: 'an attribute of the wrong type', presets: [{ lastName: '$principal.count' }] },
    { name: 'a value that is not an option', module: 'accounts', presets: [{ industry: 'mining' }] },
    { name: 'an unknown variable', presets: [{ lastName: '$user.name' }] },
    { name: '$now on a text field', presets: [{ lastName: '$now' }] },
    { name: 'a field the module does not have', presets: [{ company: 'x' }] },
    { name: 'a system field', presets: [{ createdBy: '$principal.id' }] },
    { name: 'two different values for one field', presets: [{ account: 'a1' }, { account: 'a2' }] },
  ])('fails closed on $name', ({ module, presets }) => {
    expect(bind({ module, presets })).toBeUndefined();
  });
});

describe('bindPresets on dates and lists', () => {
  const tasks = compileModule({
    kind: 'module',
    name: 'tasks',
    label: 'Task',
    titleField: 'title',
    fields: [
      { name: 'title', type: 'text', label: 'Title' },
      { name: 'dueOn', type: 'date', label: 'Due' },
      { name: 'seenAt', type: 'dateTime', label: 'Seen' },
      {
        name: 'watchers',
        type: 'relation',
        label: 'Watchers',
        relation: { module: 'contacts', cardinality: 'many', onDelete: 'setNull' },
      },
    ],
  });
  const principal: PrincipalAttributes = { id: 'p1', groupIds: ['g1', 'g2'], mixed: ['g1'] };

  it.each<{ name: string; presets: Record<string, string>; preset: Record<string, unknown> | undefined }>([
    {
      name: '$today on a date field is today',
      presets: { dueOn: '$today' },
      preset: { dueOn: '2026-03-15' },
    },
    {
      name: '$now on a dateTime field is now',
      presets: { seenAt: '$now' },
      preset: { seenAt: '2026-03-15T12:00:00.000Z' },
    },
    {
      name: '$today on a dateTime field is midnight',
      presets: { seenAt: '$today' },
      preset: { seenAt: '2026-03-15T00:00:00.000Z' },
    },
    {
      name: 'an array attribute on a many relation is the list',
      presets: { watchers: '$principal.groupIds' },
      preset: { watchers: ['g1', 'g2'] },
    },
    {
      name: 'an array attribute on a one-value field fails closed',
      presets: { title: '$principal.groupIds' },
      preset: undefined,
    },
  ])('$name', ({ presets, preset }) => {
    expect(bindPresets({ grants: [grant({ presets })], module: tasks, principal, now })).toEqual(preset);
  });
});
