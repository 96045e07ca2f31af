import { describe, expect, it } from 'vitest';
import {
  defaultFilterCaseNow,
  filterCaseCatalog,
  filterCaseRecords,
  filterCases,
} from '../../../test/fixtures/filter-cases.ts';
import { bindVariables } from './bind-variables.ts';
import { evaluateLocally } from './evaluate-locally.ts';
import { parseFilter } from './parse-filter.ts';

const recordsById = new Map(
  Object.values(filterCaseRecords)
    .flat()
    .map((record) => [String(record.id), record]),
);

function boundCase(filterCase: (typeof filterCases)[number]) {
  const node = parseFilter({
    json: filterCase.filter,
    module: filterCase.module,
    catalog: filterCaseCatalog,
  });
  return bindVariables({
    node,
    principal: filterCase.principal ?? {},
    now: new Date(filterCase.now ?? defaultFilterCaseNow),
  });
}

describe('evaluateLocally on the shared filter cases', () => {
  const answers = filterCases.flatMap((filterCase) => {
    const node = boundCase(filterCase);
    return (filterCaseRecords[filterCase.module] ?? []).map((record) => ({
      filterCase,
      id: String(record.id),
      truth: evaluateLocally({ node, record }),
    }));
  });

  it('never contradicts the expected ids: a known answer is the right one', () => {
    const wrong = answers.filter(
      ({ filterCase, id, truth }) => truth !== undefined && truth !== filterCase.expected.includes(id),
    );
    expect(wrong.map(({ filterCase, id }) => `${filterCase.name} on ${id}`)).toEqual([]);
  });

  it('decides every record of every case without a relation hop', () => {
    const undecided = answers.filter(
      ({ filterCase, truth }) => truth === undefined && !JSON.stringify(filterCase.filter).includes('.'),
    );
    expect(undecided.map(({ filterCase, id }) => `${filterCase.name} on ${id}`)).toEqual([]);
    expect(answers.filter(({ truth }) => truth !== undefined).length).toBeGreaterThan(1000);
  });

  it('leaves some answers behind relation hops undecided', () => {
    expect(answers.some(({ truth }) => truth === undefined)).toBe(true);
    expect(recordsById.size).toBeGreaterThan(0);
  });
});
