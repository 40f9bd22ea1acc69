import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { WORKSPACE } from './paths';

/** Where the console tests save a screenshot per screen, and the axe results beside them. */
export const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS_DIR ?? join(WORKSPACE, 'dist/console-screenshots');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeSummary {
  screen: string;
  violations: Array<{ id: string; impact: string | null; nodes: number; help: string }>;
}

/**
 * Runs axe-core on the page as it stands (injected over the DevTools protocol, which the console's CSP does not
 * govern, so the policy under test stays as served) and saves a full-page screenshot named after the screen.
 */
export async function auditScreen(tab: Page, screen: string, results: AxeSummary[]): Promise<AxeSummary> {
  await tab.evaluate(AXE);
  const violations = await tab.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[]; help: string }> }> } }).axe;
    const run = await axe.run(document, { resultTypes: ['violations'] });
    return run.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length, help: violation.help }));
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await tab.screenshot({ path: join(SCREENSHOTS, `${screen}.png`), fullPage: true });
  const summary = { screen, violations };
  results.push(summary);
  writeFileSync(join(SCREENSHOTS, 'axe-results.json'), JSON.stringify(results, null, 2));
  return summary;
}

export const seriousOrCritical = (summary: AxeSummary) => summary.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
