#!/usr/bin/env node
// Start-up: every ESM module file costs about 1 ms to load. After tsc, this bundles two hot module graphs:
// 1. the kind registry, 25 small files (one module per kind, by design) that every command loads, into
//    dist/lib/registry/index.js; each dist/lib/registry/kinds/<kind>.js becomes a re-export of it, so there
//    is still exactly one descriptor object per kind for modules that import a kind directly;
// 2. `node status` (budget: 1.5x `node -e 0`): its action with the stateless lib/node and lib/bird modules
//    it uses, into dist/lib/actions/node-status.js; everything else (errors.js: CliError identity) stays
//    an import of the shared module.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';

const dir = new URL('../dist/lib/registry/', import.meta.url);
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('bundle-startup: esbuild not installed; modules left unbundled (slower start-up)');
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
  if (names.length === 0) throw new Error(`bundle-startup: no exports found in kinds/${f}`);
  reexports.push([f, `${MARK} at build time (scripts/bundle-startup.mjs).\nexport {${names.join(', ')}} from '../index.js';\n`]);
}
writeFileSync(new URL('index.js', dir), result.outputFiles[0].text);
for (const [f, text] of reexports) writeFileSync(new URL(f, kindsDir), text);

// 2. node status. Only modules under lib/node and lib/bird are inlined; any other import keeps its path,
// which stays valid because lib/actions, lib/node and lib/bird are siblings (all imports are `../x.js`).
const lib = new URL('../dist/lib/', import.meta.url).pathname;
const inlined = [`${lib}node/`, `${lib}bird/`];
const entry = `${lib}actions/node-status.js`;
const onlyNodeAndBird = {
  name: 'only-node-and-bird',
  setup(build) {
    build.onResolve({filter: /^\.\.?\//}, (args) => {
      const target = new URL(args.path, `file://${args.resolveDir}/`).pathname;
      if (target === entry || inlined.some((d) => target.startsWith(d))) return undefined;
      return {path: args.path, external: true};
    });
  },
};
const nodeStatus = await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [onlyNodeAndBird],
});
writeFileSync(entry, nodeStatus.outputFiles[0].text);
