#!/usr/bin/env node
// Static check of docker-compose.yml, since no Docker engine runs in CI: every build context, Dockerfile,
// stage (target) and npm script that the stack relies on must exist in this repository.
const { existsSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const YAML = require('yaml');

const root = resolve(__dirname, '..');
const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const compose = YAML.parse(text);
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
const problems = [];

for (const [name, service] of Object.entries(compose.services)) {
  if (!service.build) continue;
  const context = resolve(root, service.build.context ?? '.');
  const dockerfile = join(context, service.build.dockerfile ?? 'Dockerfile');
  if (!existsSync(dockerfile)) {
    problems.push(`${name}: ${dockerfile} does not exist`);
    continue;
  }
  const text = readFileSync(dockerfile, 'utf8');
  const stages = [...text.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);
  if (service.build.target && !stages.includes(service.build.target)) problems.push(`${name}: stage ${service.build.target} is not in ${dockerfile}`);
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== 'COPY' || words.some((word) => word.startsWith('--from'))) continue;
    for (const path of words.slice(1, -1)) if (!existsSync(join(context, path))) problems.push(`${name}: COPY source ${path} does not exist`);
  }
  for (const [, script] of text.matchAll(/"npm",\s*"run",\s*"([^"]+)"/g)) if (!scripts[script]) problems.push(`${name}: npm script ${script} is not in package.json`);
  for (const [, file] of text.matchAll(/"node",\s*"(dist\/[^"]+)"/g)) {
    const source = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
    if (!existsSync(join(context, source))) problems.push(`${name}: ${file} would not be built (no ${source})`);
  }
}
// Compose prints a `${VAR:?hint}` as written, `$$` and all: a hint with a `$` in it is no command a shell takes.
for (const [, variable, hint] of text.matchAll(/\$\{(\w+):\?([^}]*)\}/g)) if (hint.includes('$')) problems.push(`${variable}: its hint prints a literal "$": ${hint}`);
if (!compose.services.postgres?.healthcheck) problems.push('postgres: no healthcheck');
if (compose.services.api?.depends_on?.postgres?.condition !== 'service_healthy') problems.push('api: must wait for a healthy postgres');

if (problems.length) {
  console.error(`docker-compose.yml check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`docker-compose.yml: ${Object.keys(compose.services).length} services, builds, stages, paths and scripts all exist`);
