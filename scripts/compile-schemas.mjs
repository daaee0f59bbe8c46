#!/usr/bin/env node
// Precompiles every schema in schemas/ into one standalone ESM module (dist/generated/validators.js),
// so the CLI never compiles schemas at start-up. Exports one validator per kind, named by kind.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import {mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {buildFieldOrder} from './lib/field-order.mjs';

const dir = new URL('../schemas/', import.meta.url);
const ajv = new Ajv({allErrors: true, strict: true, code: {source: true, esm: true}, allowUnionTypes: true});
// Our annotations: x-calico-kind marks a kind's top-level schema; x-go-name gives a property's Go field
// name where it is not the JSON name capitalised (go-template output uses Go names).
ajv.addVocabulary(['x-calico-kind', 'x-go-name']);
const exportsByKind = {};
const allSchemas = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
  const schema = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  ajv.addSchema(schema);
  allSchemas.push(schema);
  const kind = schema['x-calico-kind'];
  if (kind) exportsByKind[kind] = schema.$id;
}
mkdirSync(new URL('../dist/generated/', import.meta.url), {recursive: true});
// Even in ESM mode ajv emits require() for its runtime helpers (e.g. ucs2length for maxLength).
const withRequireShim = (src) =>
  src.includes('require(') ? `import {createRequire} from 'node:module';const require = createRequire(import.meta.url);${src}` : src;
const code = Object.keys(exportsByKind).length ? withRequireShim(standaloneCode(ajv, exportsByKind)) : 'export {};\n';
// Write then rename, so a concurrent reader never sees half a file.
const target = new URL('../dist/generated/validators.js', import.meta.url);
const tmp = new URL(`../dist/generated/validators.js.${process.pid}`, import.meta.url);
writeFileSync(tmp, code);
renameSync(tmp, target);
// Also one module per kind (dist/generated/validators/<Kind>.js), so `validate` loads only the kinds it
// meets: the all-kinds module alone costs a large share of the start-up budget.
mkdirSync(new URL('../dist/generated/validators/', import.meta.url), {recursive: true});
for (const [kind, id] of Object.entries(exportsByKind)) {
  const kindTarget = new URL(`../dist/generated/validators/${kind}.js`, import.meta.url);
  const kindTmp = new URL(`../dist/generated/validators/${kind}.js.${process.pid}`, import.meta.url);
  writeFileSync(kindTmp, withRequireShim(standaloneCode(ajv, {[kind]: id})));
  renameSync(kindTmp, kindTarget);
}
// Go field order per kind, for storage values and JSON output (src/lib/codec/go-order.ts).
const orderTmp = new URL(`../dist/generated/field-order.json.${process.pid}`, import.meta.url);
writeFileSync(orderTmp, JSON.stringify(buildFieldOrder(allSchemas)));
renameSync(orderTmp, new URL('../dist/generated/field-order.json', import.meta.url));
// Go field names that are not their JSON name up to case (lower-cased Go name -> JSON name), for
// go-template field access (src/lib/printers/go-template.ts).
const goNames = {};
const collectGoNames = (node) => {
  if (Array.isArray(node)) return node.forEach(collectGoNames);
  if (!node || typeof node !== 'object') return;
  for (const [json, prop] of Object.entries(node.properties ?? {})) {
    const go = prop?.['x-go-name'];
    if (typeof go === 'string' && go.toLowerCase() !== json.toLowerCase()) goNames[go.toLowerCase()] = json;
  }
  Object.values(node).forEach(collectGoNames);
};
collectGoNames(allSchemas);
const goNamesTmp = new URL(`../dist/generated/go-names.json.${process.pid}`, import.meta.url);
writeFileSync(goNamesTmp, JSON.stringify(goNames));
renameSync(goNamesTmp, new URL('../dist/generated/go-names.json', import.meta.url));
console.error(`compiled ${Object.keys(exportsByKind).length} kind schemas`);
