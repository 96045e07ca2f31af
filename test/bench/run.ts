import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHookBus } from '../../runtime/server/records/hook-bus.ts';
import { newRecordId } from '../../runtime/server/records/new-record-id.ts';
import { createRecordService } from '../../runtime/server/records/record-service.ts';
import { systemModules } from '../../runtime/server/records/system-modules.ts';
import { createSqliteStore } from '../../runtime/store/sqlite/create-sqlite-store.ts';
import { loadStarterApp } from '../helpers/load-starter-app.ts';
import { buildBenchPrincipal } from './build-bench-principal.ts';
import { createRandom } from './create-random.ts';
import { createRawQueries } from './create-raw-queries.ts';
import { formatComparison } from './format-comparison.ts';
import { measureSideBySide } from './measure.ts';
import { parseBenchArgs } from './parse-bench-args.ts';
import { profileService } from './profile-service.ts';
import { seedBenchData } from './seed-bench-data.ts';

const accountCount = 2_000;
const listFilter = { lastName: { startsWith: 'S' } };
const listSort = 'lastName';
const pageSize = 50;
const listGoal = 0.5;
const getGoal = 0.7;

function idsOf(records: ReadonlyArray<Record<string, unknown>>): string {
  return records.map((record) => String(record.id)).join(',');
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const log = (line = '') => process.stdout.write(`${line}\n`);
  log(`atrium bench: ${args.contacts} contacts, ${args.seconds} s per measurement`);
  log(
    `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`,
  );
  log('WARNING: this machine may be shared and noisy; compare ratios, not absolute figures, and rerun.');
  log();

  const dir = await mkdtemp(join(tmpdir(), 'atrium-bench-'));
  try {
    const file = join(dir, 'bench.sqlite');
    const app = await loadStarterApp();
    const store = createSqliteStore({ file });
    try {
      await store.ensureSchema([...app.modules.values(), ...systemModules.values()]);
      const staff = buildBenchPrincipal(app);
      const random = createRandom(20_240_601);
      const seedStart = performance.now();
      const seeded = await seedBenchData({
        store,
        random,
        ownerIds: staff.userIds,
        accounts: accountCount,
        contacts: args.contacts,
      });
      const seedSeconds = (performance.now() - seedStart) / 1_000;
      const rows = accountCount + args.contacts;
      log(
        `generated ${accountCount} accounts + ${args.contacts} contacts in ${seedSeconds.toFixed(1)} s` +
          ` (${Math.round(rows / seedSeconds)} rows/s, store.insert in transactions of 5,000)`,
      );
      const visibleIds = staff.visibleUserIds.flatMap((owner) => seeded.contactIdsByOwner.get(owner) ?? []);
      const visibleOwnerIds = staff.principal.attributes.visibleOwnerIds as readonly string[];
      log(
        `principal ${staff.principal.id} (salesManager, compileStaffPrincipal): visibleOwnerIds =` +
          ` ${visibleOwnerIds.join(', ')}; ${visibleIds.length} contacts visible`,
      );

      const service = createRecordService({
        store,
        getApp: () => app,
        hooks: createHookBus({ onError: () => {} }),
        now: () => new Date(),
        newId: newRecordId,
      });
      const raw = createRawQueries({ file, visibleOwnerIds });
      try {
        const { principal } = staff;
        const module = 'contacts';
        const query = { filter: listFilter, sort: listSort, limit: pageSize };
        const listByService = () => service.list({ principal, module, query });
        const listRaw = () => raw.list({ prefix: 'S', limit: pageSize });

        const servicePage = await listByService();
        const rawPage = listRaw();
        if (idsOf(servicePage.records) !== idsOf(rawPage)) {
          throw new Error(
            'the service and the raw SQL list different contacts: the baseline is not equivalent',
          );
        }
        log(`scoped list returns ${rawPage.length} contacts per page (same ids from both)`);
        log(`raw list plan: ${raw.plans().list.join(' | ')}`);
        log(`raw get plan:  ${raw.plans().get.join(' | ')}`);
        log();

        const pickRandom = createRandom(7);
        const getOrder = Array.from({ length: 10_000 }, () => pickRandom.pick(visibleIds));
        const idAt = (iteration: number) => getOrder[iteration % getOrder.length] ?? '';
        const getByService = (iteration: number) => service.get({ principal, module, id: idAt(iteration) });
        const getRaw = (iteration: number) => {
          const row = raw.get(idAt(iteration));
          if (!row) throw new Error('raw get found nothing');
          return row;
        };

        const seconds = args.seconds;
        const list = await measureSideBySide({
          seconds,
          operations: { service: listByService, raw: listRaw },
        });
        const get = await measureSideBySide({ seconds, operations: { service: getByService, raw: getRaw } });
        const report = [
          ...formatComparison({
            title: `(1) scoped list: ${JSON.stringify(listFilter)}, sort ${listSort}, limit ${pageSize}`,
            ...list,
            goal: listGoal,
          }),
          '',
          ...formatComparison({ title: '(2) get by id (random visible contact)', ...get, goal: getGoal }),
        ];
        for (const line of report) log(line);
        if (args.isProfiling) {
          log();
          for (const line of await profileService({
            file,
            store,
            app,
            principal: staff.principal,
            seconds,
            listQuery: query,
            idAt,
          }))
            log(line);
        }
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
