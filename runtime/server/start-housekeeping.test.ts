import { describe, expect, it } from 'vitest';
import { startTestRuntime } from '../../test/helpers/start-test-runtime.ts';
import { startHousekeeping } from './start-housekeeping.ts';

describe('startHousekeeping', () => {
  it('ends expired sessions at once, logs what it did, and logs a failed run instead of throwing', async () => {
    const { runtime } = await startTestRuntime();
    const now = runtime.clock.now();
    await runtime.sessionStore.insert({
      id: 'expired-session',
      userId: 'someone',
      audience: 'staff',
      isMfaPending: false,
      createdAt: now - 60_000,
      idleExpiresAt: now - 1,
      absoluteExpiresAt: now + 60_000,
    });
    const lines: string[] = [];
    const housekeeping = startHousekeeping({ runtime, log: (line) => lines.push(line) });
    try {
      await housekeeping.runNow();
      expect(await runtime.sessionStore.get('expired-session')).toBeNull();
      expect(lines).toEqual(['housekeeping: ended 1 expired sign-ins, purged 0 old ones']);

      await runtime.store.close();
      await housekeeping.runNow();
      expect(lines.at(-1)).toMatch(/^housekeeping failed, will retry: .*closed/);
    } finally {
      housekeeping.stop();
    }
  });
});
