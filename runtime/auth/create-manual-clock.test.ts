import { describe, expect, it } from 'vitest';
import { createManualClock } from './create-manual-clock.ts';

describe('createManualClock', () => {
  it('stands still until advanced', () => {
    const clock = createManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(250);
    expect(clock.now()).toBe(1_250);
  });

  it('can be set to an absolute time', () => {
    const clock = createManualClock(1_000);
    clock.set(5_000);
    expect(clock.now()).toBe(5_000);
  });
});
