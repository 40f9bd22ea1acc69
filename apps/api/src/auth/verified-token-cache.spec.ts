import { VerifiedTokenCache } from './verified-token-cache';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('VerifiedTokenCache', () => {
  afterEach(() => jest.useRealTimers());

  it('stays within its byte bound with many large tokens, evicting the oldest', () => {
    const cache = new VerifiedTokenCache<string>(50_000, 1_000_000);
    const entryBytes = 2 * 15_000 + 512; // a ~15 KB token, as the verifier charges it
    for (let i = 0; i < 3000; i++) {
      cache.set(`token-${i}`, `principal-${i}`, inAnHour(), entryBytes);
      expect(cache.totalBytes).toBeLessThanOrEqual(1_000_000);
    }
    expect(cache.size).toBe(Math.floor(1_000_000 / entryBytes));
    expect(cache.get('token-2999')).toBe('principal-2999');
    expect(cache.get('token-0')).toBeUndefined();
  });

  it('stays within its entry bound', () => {
    const cache = new VerifiedTokenCache<number>(3, 1_000_000);
    for (let i = 0; i < 10; i++) cache.set(`t${i}`, i, inAnHour(), 10);
    expect(cache.size).toBe(3);
    expect([cache.get('t6'), cache.get('t7'), cache.get('t9')]).toEqual([undefined, 7, 9]);
  });

  it('keeps nothing larger than the whole bound, and nothing when switched off', () => {
    const cache = new VerifiedTokenCache<number>(10, 100);
    cache.set('huge', 1, inAnHour(), 101);
    expect(cache.size).toBe(0);
    const off = new VerifiedTokenCache<number>(0, 100);
    off.set('t', 1, inAnHour(), 1);
    expect(off.size).toBe(0);
  });

  it('counts a replaced entry once', () => {
    const cache = new VerifiedTokenCache<number>(10, 1000);
    cache.set('t', 1, inAnHour(), 100);
    cache.set('t', 2, inAnHour(), 300);
    expect([cache.size, cache.totalBytes, cache.get('t')]).toEqual([1, 300, 2]);
  });

  it('sweeps expired entries on insertion, without their being read', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const cache = new VerifiedTokenCache<number>(100, 1_000_000);
    for (let i = 0; i < 50; i++) cache.set(`old-${i}`, i, Math.floor(Date.now() / 1000) + 5, 1000);
    expect(cache.totalBytes).toBe(50_000);
    jest.advanceTimersByTime(61_000); // past every expiry and past the sweep interval
    cache.set('new', 1, inAnHour(), 1000);
    expect([cache.size, cache.totalBytes]).toEqual([1, 1000]);
  });

  it('serves an entry for a minute at most, and never past its expiry', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const cache = new VerifiedTokenCache<number>(10, 1000);
    cache.set('long', 1, inAnHour(), 1);
    cache.set('short', 2, Math.floor(Date.now() / 1000) + 10, 1);
    jest.advanceTimersByTime(11_000);
    expect([cache.get('long'), cache.get('short')]).toEqual([1, undefined]);
    jest.advanceTimersByTime(50_000);
    expect(cache.get('long')).toBeUndefined();
    expect(cache.totalBytes).toBe(0);
  });
});
