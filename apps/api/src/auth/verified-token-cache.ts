/** Verified credentials by token, bounded, each kept until its expiry or for a minute at most. */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(private readonly capacity: number) {}

  get(token: string): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  /** `expiresAt` in unix seconds. */
  set(token: string, value: T, expiresAt: number): void {
    if (this.capacity === 0) return;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { value, until: Math.min(expiresAt * 1000, Date.now() + 60_000) });
  }

  clear(): void {
    this.entries.clear();
  }
}
