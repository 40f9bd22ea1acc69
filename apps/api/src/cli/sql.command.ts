import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { definedStatements, Statement } from '../database/sql';

const HEADER = '-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.\n';

/** One file's text per area (the part of a statement's name before the dot), statements in name order. */
export function sqlFiles(statements: ReadonlyArray<Statement<never>>): Map<string, string> {
  const files = new Map<string, string>();
  for (const { name, text, planPerCall } of statements) {
    const area = name.slice(0, name.indexOf('.'));
    files.set(area, `${files.get(area) ?? HEADER}\n-- name: ${name}${planPerCall ? ' (planned per call, not prepared)' : ''}\n${text};\n`);
  }
  return files;
}

/**
 * `sql DIR`: writes every hand-written statement to DIR/<area>.sql, where reviewers read them (CI checks they
 * are current). Loading the application module loads every module that defines statements.
 */
export async function sqlCommand([dir]: string[]): Promise<void> {
  if (!dir) throw new Error('usage: sql DIR');
  await import('../app.module');
  const files = sqlFiles(definedStatements());
  await mkdir(dir, { recursive: true });
  for (const stale of (await readdir(dir)).filter((file) => file.endsWith('.sql') && !files.has(file.slice(0, -4)))) await rm(join(dir, stale));
  for (const [area, text] of files) await writeFile(join(dir, `${area}.sql`), text);
}
