#!/usr/bin/env node
// Start-up: every ESM module file costs about 1 ms to load. After tsc, this bundles two hot module graphs:
// 1. the kind registry, 25 small files (one module per kind, by design) that every command loads, into
//    dist/lib/registry/index.js; each dist/lib/registry/kinds/<kind>.js then takes its descriptor from it, so
//    there is still exactly one descriptor object per kind for modules that import a kind directly;
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
const BUNDLE = {bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, legalComments: 'none', logLevel: 'warning'};
const result = await esbuild.build({...BUNDLE, entryPoints: [new URL('index.js', dir).pathname]});
const kindsDir = new URL('kinds/', dir);
const reexports = [];
const MARK = '// Bundled into ../index.js';
for (const f of readdirSync(kindsDir).filter((n) => n.endsWith('.js'))) {
  const text = readFileSync(new URL(f, kindsDir), 'utf8');
  if (text.startsWith(MARK)) continue; // already bundled
  const name = /^export const (\w+)/m.exec(text)?.[1];
  const kind = /kind: '(\w+)'/.exec(text)?.[1];
  if (!name || !kind) throw new Error(`bundle-startup: no kind descriptor found in kinds/${f}`);
  reexports.push([f, `${MARK} at build time (scripts/bundle-startup.mjs).\nimport {kindFromManifest} from '../index.js';\n\nexport const ${name} = kindFromManifest('${kind}');\n`]);
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
const nodeStatus = await esbuild.build({...BUNDLE, entryPoints: [entry], plugins: [onlyNodeAndBird]});
writeFileSync(entry, nodeStatus.outputFiles[0].text);
