import { resolve } from 'node:path';

export const WORKSPACE = resolve(__dirname, '../../../..');
export const MAIN_JS = resolve(WORKSPACE, 'dist/apps/api/src/main.js');
export const CLI_JS = resolve(WORKSPACE, 'dist/apps/api/src/cli.js');
