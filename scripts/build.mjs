#!/usr/bin/env node
// Build: TypeScript -> dist/, JSON Schemas -> precompiled validators, oclif manifest.
import {execFileSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, {cwd: root, stdio: 'inherit'});

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
run(process.execPath, ['scripts/compile-schemas.mjs']);
run(process.execPath, ['node_modules/oclif/bin/run.js', 'manifest']);
