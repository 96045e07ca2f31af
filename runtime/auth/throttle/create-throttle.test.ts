import { describe, expect, it } from 'vitest';
import { createManualClock } from '../create-manual-clock.ts';
import { createThrottle } from './create-throttle.ts';

const minute = 60_000;

function setup(maxKeys?: number) {
  const clock = createManualClock();
  const throttle = createThrottle({
    clock,
    limit: 5,
    windowMs: 15 * minute,
    lockoutMs: 15 * minute,
    maxKeys,
  });
  return { clock, throttle };
}

function failTimes(args: { throttle: ReturnType<typeof createThrottle>; key: string; times: number }): void {
  for (let i = 0; i < args.times; i += 1) args.throttle.fail(args.key);
}

describe('createThrottle: lockout', () => {
  it('allows a key it has never seen, without tracking it', () => {
    const { throttle } = setup();
    expect(throttle.check('account:ada')).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(throttle.size()).toBe(0);
  });

  it('allows attempts while failures stay under the limit', () => {
    const { throttle } = setup();
    failTimes({ throttle, key: 'account:ada', times: 4 });
    expect(throttle.check('account:ada').allowed).toBe(true);
  });

  it('locks the key out on reaching the limit and says when to retry', () => {
    const { throttle } = setup();
    failTimes({ throttle, key: 'account:ada', times: 4 });
    expect(throttle.fail('account:ada')).toEqual({ allowed: false, retryAfterMs: 15 * minute });
    expect(throttle.check('account:ada')).toEqual({ allowed: false, retryAfterMs: 15 * minute });
  });

  it('counts down the time to retry', () => {
    const { throttle, clock } = setup();
    failTimes({ throttle, key: 'account:ada', times: 5 });
    clock.advance(10 * minute);
    expect(throttle.check('account:ada')).toEqual({ allowed: false, retryAfterMs: 5 * minute });
  });

  it('does not extend the lockout for failures reported while locked', () => {
    const { throttle, clock } = setup();
    failTimes({ throttle, key: 'account:ada', times: 5 });
    clock.advance(5 * minute);
    failTimes({ throttle, key: 'account:ada', times: 20 });
    expect(throttle.check('account:ada').retryAfterMs).toBe(10 * minute);
  });

  it('unlocks by itself once the lockout has passed, with a fresh allowance', () => {
    const { throttle, clock } = setup();
    failTimes({ throttle, key: 'account:ada', times: 5 });
    clock.advance(15 * minute - 1);
    expect(throttle.check('account:ada').allowed).toBe(false);
    clock.advance(1);
    expect(throttle.check('account:ada').allowed).toBe(true);
    failTimes({ throttle, key: 'account:ada', times: 4 });
    expect(throttle.check('account:ada').allowed).toBe(true);
  });

  it('unlocks at once when an administrator resets the key', () => {
    const { throttle } = setup();
    failTimes({ throttle, key: 'account:ada', times: 5 });
    throttle.reset('account:ada');
    expect(throttle.check('account:ada')).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it('forgets failures older than the window', () => {
    const { throttle, clock } = setup();
    failTimes({ throttle, key: 'account:ada', times: 4 });
    clock.advance(15 * minute);
    failTimes({ throttle, key: 'account:ada', times: 4 });
    expect(throttle.check('account:ada').allowed).toBe(true);
  });

  it('forgets failures after a success', () => {
    const { throttle } = setup();
    failTimes({ throttle, key: 'account:ada', times: 4 });
    throttle.succeed('account:ada');
    failTimes({ throttle, key: 'account:ada', times: 4 });
    expect(throttle.check('account:ada').allowed).toBe(true);
  });

  it('keeps an active lockout after a success', () => {
    const { throttle } = setup();
    failTimes({ throttle, key: 'account:ada', times: 5 });
    throttle.succeed('account:ada');
    expect(throttle.check('account:ada').allowed).toBe(false);
  });

  it('lets through at most the limit per lockout period during 1,000 wrong passwords', () => {
    const { throttle, clock } = setup();
    let attempts = 0;
    for (let i = 0; i < 1_000; i += 1) {
      clock.advance(1_000);
      if (!throttle.check('account:ada').allowed) continue;
      attempts += 1;
      throttle.fail('account:ada');
    }
    // 1,000 s is a little over one 15-minute lockout: two allowances of five.
    expect(attempts).toBe(10);
  });
});

describe('createThrottle: keys', () => {
  it('keeps keys apart: locking one account leaves another alone', () => {
    const { throttle } = setup();
    failTimes({ throttle, key: 'account:ada', times: 5 });
    expect(throttle.check('account:ada').allowed).toBe(false);
    expect(throttle.check('account:grace').allowed).toBe(true);
    expect(throttle.check('ip:192.0.2.1').allowed).toBe(true);
  });

  it('never tracks more than maxKeys keys, evicting the oldest', () => {
    const { throttle } = setup(100);
    for (let i = 0; i < 1_000; i += 1) throttle.fail(`ip:${i}`);
    expect(throttle.size()).toBe(100);
    failTimes({ throttle, key: 'ip:999', times: 4 });
    expect(throttle.check('ip:999').allowed).toBe(false);
    failTimes({ throttle, key: 'ip:0', times: 4 });
    expect(throttle.check('ip:0').allowed).toBe(true);
  });

  it('keeps a recently failing key over older ones when evicting', () => {
    const { throttle } = setup(3);
    throttle.fail('a');
    throttle.fail('b');
    throttle.fail('c');
    throttle.fail('a');
    throttle.fail('d');
    failTimes({ throttle, key: 'a', times: 3 });
    expect(throttle.check('a').allowed).toBe(false);
    expect(throttle.size()).toBe(3);
  });

  it('drops keys whose window and lockout have passed', () => {
    const { throttle, clock } = setup();
    for (let i = 0; i < 50; i += 1) throttle.fail(`ip:${i}`);
    clock.advance(15 * minute);
    throttle.fail('ip:new');
    expect(throttle.size()).toBe(1);
  });

  it('refuses a configuration that is not positive', () => {
    const clock = createManualClock();
    expect(() => createThrottle({ clock, limit: 0, windowMs: minute, lockoutMs: minute })).toThrow(
      RangeError,
    );
    expect(() => createThrottle({ clock, limit: 1.5, windowMs: minute, lockoutMs: minute })).toThrow(
      RangeError,
    );
    expect(() => createThrottle({ clock, limit: 5, windowMs: minute, lockoutMs: -1 })).toThrow(RangeError);
    expect(() =>
      createThrottle({ clock, limit: 5, windowMs: minute, lockoutMs: minute, maxKeys: 0 }),
    ).toThrow(RangeError);
  });
});
