import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WORKSPACE } from './paths';

export interface QuickstartStep {
  /** The commands of one fenced `sh` block. */
  commands: string;
  /** The fenced `text` block right after it: the output the README promises, `…` standing for anything. */
  expected?: string;
}

/** The fenced `sh` blocks of the README's Quickstart section, each with the output shown under it. */
export function quickstartSteps(readme = readFileSync(resolve(WORKSPACE, 'README.md'), 'utf8')): QuickstartStep[] {
  const section = /^## Quickstart\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Quickstart" section');
  const steps: QuickstartStep[] = [];
  for (const [, language, body] of section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    if (language === 'sh') steps.push({ commands: body });
    else if (language === 'text' && steps.length && steps[steps.length - 1].expected === undefined) steps[steps.length - 1].expected = body;
  }
  return steps;
}

/** Output lines against the shown ones; `…` matches any run of characters. */
export function matchesShown(actual: string, shown: string): boolean {
  const pattern = shown
    .trimEnd()
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*?');
  return new RegExp(`^${pattern}$`, 's').test(actual.trimEnd());
}
