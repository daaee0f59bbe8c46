#!/usr/bin/env node
// Start-up: every ESM module file costs about 1 ms to load, and the kind registry is 25 small files (one
// module per kind, by design) that every command loads. After tsc, this bundles the registry into
// dist/lib/registry/index.js and turns each dist/lib/registry/kinds/<kind>.js into a re-export of it, so
// there is still exactly one descriptor object per kind for modules that import a kind directly.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';

const dir = new URL('../dist/lib/registry/', import.meta.url);
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('bundle-registry: esbuild not installed; registry left unbundled (slower start-up)');
  process.exit(0);
}
const result = await esbuild.build({
  entryPoints: [new URL('index.js', dir).pathname],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});
const kindsDir = new URL('kinds/', dir);
const reexports = [];
const MARK = '// Bundled into ../index.js';
for (const f of readdirSync(kindsDir).filter((n) => n.endsWith('.js'))) {
  if (readFileSync(new URL(f, kindsDir), 'utf8').startsWith(MARK)) continue; // already bundled
  const names = [...readFileSync(new URL(f, kindsDir), 'utf8').matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
  if (names.length === 0) throw new Error(`bundle-registry: no exports found in kinds/${f}`);
  reexports.push([f, `${MARK} at build time (scripts/bundle-registry.mjs).\nexport {${names.join(', ')}} from '../index.js';\n`]);
}
writeFileSync(new URL('index.js', dir), result.outputFiles[0].text);
for (const [f, text] of reexports) writeFileSync(new URL(f, kindsDir), text);
