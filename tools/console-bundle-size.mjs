// Prints the console's initial bundle (what index.html loads before any lazy screen) gzipped, and fails
// above the budget of issue 17: 200 kB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 200 * 1024;
const dir = join(import.meta.dirname, '../dist/apps/console');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/console\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]);
let total = gzipSync(html).length;
for (const file of files) total += gzipSync(readFileSync(join(dir, file))).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(`console initial bundle: ${kb(total)} gzipped (index.html + ${files.join(', ')}; budget ${kb(BUDGET)})`);
if (total > BUDGET) {
  console.error('the console initial bundle is over budget');
  process.exit(1);
}
