const MAX_AGE_MS = 60_000;
const SWEEP_EVERY_MS = 10_000;

interface Entry<T> {
  value: T;
  until: number;
  bytes: number;
}

/**
 * Verified credentials, each kept until its expiry or for a minute at most. Bounded twice: by entries and by
 * the bytes its callers say an entry holds (a few thousand large tokens must not grow the process without
 * limit). Oldest entries go first; expired ones are swept on insertion at most every ten seconds.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private bytes = 0;
  private nextSweep = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.remove(key, entry);
      return undefined;
    }
    return entry.value;
  }

  /** `expiresAt` in unix seconds; `bytes` what the entry holds, roughly. */
  set(key: string, value: T, expiresAt: number, bytes: number): void {
    if (this.maxEntries === 0 || bytes > this.maxBytes) return;
    const now = Date.now();
    if (now >= this.nextSweep) this.sweep(now);
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    while (this.entries.size >= this.maxEntries || this.bytes + bytes > this.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.remove(oldestKey, oldest);
    }
    this.entries.set(key, { value, until: Math.min(expiresAt * 1000, now + MAX_AGE_MS), bytes });
    this.bytes += bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.until <= now) this.remove(key, entry);
    this.nextSweep = now + SWEEP_EVERY_MS;
  }

  private remove(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
