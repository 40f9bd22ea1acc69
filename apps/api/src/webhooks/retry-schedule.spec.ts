import { nextAttemptAt } from './retry-schedule';

describe('nextAttemptAt', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const day = new Date(now.getTime() + 24 * 3600 * 1000);
  const delays = (random: () => number) => [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => (nextAttemptAt(attempt, now, day, 5000, random)!.getTime() - now.getTime()) / 1000);

  it('grows 4 times per attempt from the base, up to 4 hours (without jitter: the middle of its range)', () => {
    expect(delays(() => 0.5)).toEqual([5, 20, 80, 320, 1280, 5120, 14_400, 14_400]);
  });

  it('jitters each delay within 75–125%', () => {
    expect(delays(() => 0)).toEqual([3.75, 15, 60, 240, 960, 3840, 10_800, 10_800]);
    expect(delays(() => 0.999999).map(Math.round)).toEqual([6, 25, 100, 400, 1600, 6400, 18_000, 18_000]);
  });

  it('makes the last attempt at the end of the retry window, and none after it', () => {
    const soon = new Date(now.getTime() + 60_000);
    expect(nextAttemptAt(8, now, soon, 5000)).toEqual(soon);
    expect(nextAttemptAt(8, soon, soon, 5000)).toBeUndefined();
  });
});
