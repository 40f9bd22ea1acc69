const TTL = /^(\d+)([smhd])$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `30m`, `1h`, `1d` → seconds. */
export function parseTtl(value: string): number {
  const ttl = TTL.exec(value);
  if (!ttl || Number(ttl[1]) === 0) throw new Error('--ttl looks like 30m, 1h or 1d');
  return Number(ttl[1]) * UNIT_SECONDS[ttl[2]];
}
