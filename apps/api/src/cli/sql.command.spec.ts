import { defineStatement, Params, sql } from '../database/sql';
import { sqlFiles } from './sql.command';

describe('sqlFiles', () => {
  it('writes one file per area, each statement under its name, in the order given', () => {
    const statements = [
      defineStatement('alpha.first', (p: Params<{ id: string }>) => sql`SELECT ${p.id}`),
      defineStatement('alpha.second', () => sql`SELECT 2`),
      defineStatement('beta.only', () => sql`SELECT 3`),
      defineStatement('beta.perCall', () => sql`SELECT 4`, { planPerCall: true }),
    ];
    const files = sqlFiles(statements as never);
    expect([...files.keys()]).toEqual(['alpha', 'beta']);
    expect(files.get('alpha')).toMatch(/-- name: alpha\.first\nSELECT \$1;\n\n-- name: alpha\.second\nSELECT 2;\n$/);
    expect(files.get('beta')).toContain('-- name: beta.only\nSELECT 3;\n');
    expect(files.get('beta')).toContain('-- name: beta.perCall (planned per call, not prepared)\nSELECT 4;\n');
  });
});
