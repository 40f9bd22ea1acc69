#!/usr/bin/env node
// Compiles apps/api (and libs it imports) like `tsc -p apps/api/tsconfig.app.json`, plus the
// @nestjs/swagger compiler plugin, which derives the OpenAPI schema of every DTO and route from the
// TypeScript types and class-validator decorators (no hand-written @ApiProperty per field).
const ts = require('typescript');
const { before } = require('@nestjs/swagger/plugin');
const { resolve } = require('node:path');

const configPath = resolve(__dirname, '../apps/api/tsconfig.app.json');
const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, resolve(__dirname, '../apps/api'));
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
const plugin = before({ dtoFileNameSuffix: ['.dto.ts'], controllerFileNameSuffix: ['.controller.ts'], classValidatorShim: true, introspectComments: true }, program);
const result = program.emit(undefined, undefined, undefined, false, { before: [plugin] });
const diagnostics = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
if (diagnostics.length) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => '\n' }));
  process.exit(1);
}
