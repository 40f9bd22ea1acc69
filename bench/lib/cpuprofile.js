// Summarises a V8 .cpuprofile: self time by function and by package (node_modules/<pkg>, Roster's own code,
// Node internals, GC), as markdown tables. Usage: node bench/lib/cpuprofile.js <file.cpuprofile> [top=25]
const { readFileSync } = require('node:fs');

/** Where a function lives: a package, Roster itself, Node's internals, or V8's pseudo-frames. */
function packageOf(url) {
  if (!url) return 'V8 / native';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.includes('/dist/apps/api/') || url.includes('/dist/libs/')) return 'roster';
  if (url.startsWith('node:')) return 'node (core)';
  return url;
}

function shortUrl(url) {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

/** Self time in ms per function and per package, from the samples and their time deltas. */
function summarise(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const functions = new Map();
  const packages = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    if (functionName === '(idle)') {
      idle += ms;
      continue;
    }
    total += ms;
    const key = url ? `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}` : functionName;
    functions.set(key, (functions.get(key) ?? 0) + ms);
    // V8's pseudo-frames ((garbage collector), (program)) by name; builtins without a script as one row.
    const pkg = url || !functionName.startsWith('(') ? packageOf(url) : functionName;
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { total, idle, functions: sorted(functions), packages: sorted(packages) };
}

function print(summary, top = 25, out = console.log) {
  const pct = (ms) => `${((100 * ms) / summary.total).toFixed(1)}%`;
  out(`busy ${(summary.total / 1000).toFixed(1)} s, idle ${(summary.idle / 1000).toFixed(1)} s`);
  out('| package | self ms | share of busy |');
  out('|---|---|---|');
  for (const [name, ms] of summary.packages.slice(0, 15)) out(`| ${name} | ${ms.toFixed(0)} | ${pct(ms)} |`);
  out(`\n| top ${top} functions by self time | self ms | share of busy |`);
  out('|---|---|---|');
  for (const [name, ms] of summary.functions.slice(0, top)) out(`| \`${name}\` | ${ms.toFixed(0)} | ${pct(ms)} |`);
}

module.exports = { summarise, print };

if (require.main === module) print(summarise(JSON.parse(readFileSync(process.argv[2], 'utf8'))), Number(process.argv[3] ?? 25));
