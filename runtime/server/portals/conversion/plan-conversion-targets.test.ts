import { describe, expect, it } from 'vitest';
import type { ConversionSpec } from '../../../core/metadata/types.ts';
import { planConversionTargets } from './plan-conversion-targets.ts';

const spec: ConversionSpec = {
  statusField: 'status',
  convertedValue: 'converted',
  targets: [
    // Listed before what it links to: the plan must still order it last.
    {
      key: 'deal',
      module: 'deals',
      mode: 'create',
      optional: true,
      fields: { name: 'company' },
      links: { account: 'account', contact: 'contact' },
      resultField: 'convertedDeal',
    },
    {
      key: 'contact',
      module: 'contacts',
      mode: 'create',
      fields: { lastName: 'lastName' },
      links: { account: 'account' },
      resultField: 'convertedContact',
    },
    {
      key: 'account',
      module: 'accounts',
      mode: 'createOrLink',
      matchOn: ['name'],
      fields: { name: 'company' },
      resultField: 'convertedAccount',
    },
  ],
};

const keys = (options: Parameters<typeof planConversionTargets>[0]['options']) =>
  planConversionTargets({ spec, options }).map((target) => target.key);

describe('planConversionTargets', () => {
  it('takes the required targets, optional ones only when asked, each after what it links to', () => {
    expect(keys({})).toEqual(['account', 'contact']);
    expect(keys({ targets: ['deal'] })).toEqual(['account', 'contact', 'deal']);
  });

  it('refuses unknown keys, options for targets not converted, and overriding a linked field', () => {
    const code = (options: Parameters<typeof keys>[0]) => {
      try {
        keys(options);
        return 'ok';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(code({ targets: ['nope'] })).toBe('INVALID_CONVERSION');
    expect(code({ overrides: { deal: { name: 'x' } } })).toBe('INVALID_CONVERSION');
    expect(code({ link: { nope: 'id' } })).toBe('INVALID_CONVERSION');
    expect(code({ overrides: { contact: { account: 'elsewhere' } } })).toBe('INVALID_CONVERSION');
    expect(code({ overrides: { contact: { title: 'CEO' } } })).toBe('ok');
  });

  it('refuses links that go round in a circle', () => {
    const circular: ConversionSpec = {
      ...spec,
      targets: [
        {
          key: 'a',
          module: 'accounts',
          mode: 'create',
          fields: {},
          links: { partner: 'b' },
          resultField: 'x',
        },
        {
          key: 'b',
          module: 'contacts',
          mode: 'create',
          fields: {},
          links: { account: 'a' },
          resultField: 'y',
        },
      ],
    };
    expect(() => planConversionTargets({ spec: circular, options: {} })).toThrow(/circle/);
  });
});
