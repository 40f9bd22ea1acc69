/** An If-Match header as the profile update reads it: no condition, one version of ours, or nothing that can match. */
export type IfMatch = { kind: 'any' } | { kind: 'version'; version: number } | { kind: 'never' };

const INT4_MAX = 2_147_483_647; // the version column is an int4

/** None or `*` is any; an ETag of ours (`"7"`, `W/"7"`, `7`) its version; anything else matches no version. */
export function parseIfMatch(header: string | undefined): IfMatch {
  if (header === undefined || header.trim() === '*') return { kind: 'any' };
  const digits = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim())?.[1];
  const version = Number(digits);
  return digits !== undefined && version <= INT4_MAX ? { kind: 'version', version } : { kind: 'never' };
}

export function matchesVersion(ifMatch: IfMatch, version: number): boolean {
  return ifMatch.kind === 'any' || (ifMatch.kind === 'version' && ifMatch.version === version);
}
