import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of Roster's own package.json, found upward from `from` (this file, in src/ or dist/), or
 * undefined when none is there. Defaults that name files (the data directory) hang off it, so the service
 * and the CLI find the same database whatever the current directory is.
 */
export function workspaceRoot(from = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isRosterPackage(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isRosterPackage(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'roster';
  } catch {
    return false;
  }
}

/** `.data` under the workspace root (under the current directory only when the code runs outside any checkout). */
export const defaultDataDir = (): string => join(workspaceRoot() ?? process.cwd(), '.data');
