#!/usr/bin/env node
// Baseline for bench/apply.mjs: what calicoctl does for `apply -f`, one resource after another — a get
// and a write transaction per resource on one client — using this project's own parser, defaulting and
// encoding, so the only difference from `calicoctl apply` is the batching.
// Usage: baseline-apply.mjs <file>   (ETCD_ENDPOINTS in the environment)
import {randomUUID} from 'node:crypto';

const [file] = process.argv.slice(2);
const {readManifests} = await import('../../dist/lib/manifest/read.js');
const {EtcdClient} = await import('../../dist/lib/datastore/etcd-client.js');
const {applyWriteDefaults} = await import('../../dist/lib/defaults/index.js');
const {encodeResource} = await import('../../dist/lib/codec/storage.js');
const {resourceKeyPath} = await import('../../dist/lib/codec/keys.js');
const {kindFromManifest} = await import('../../dist/lib/registry/index.js');

const records = await readManifests(file);
const client = new EtcdClient({endpoints: process.env.ETCD_ENDPOINTS.split(','), timeoutMs: 10000});
let applied = 0;
for (const {resource} of records) {
  const kind = kindFromManifest(resource.kind);
  const key = resourceKeyPath(kind, resource.metadata.name, resource.metadata.namespace);
  const current = (await client.range(key)).kvs[0];
  const res = applyWriteDefaults(resource);
  if (current) {
    const stored = JSON.parse(current.value);
    res.metadata.uid = stored.metadata.uid;
    res.metadata.creationTimestamp = stored.metadata.creationTimestamp;
  } else {
    res.metadata.uid = randomUUID();
    res.metadata.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  }
  const compare = current ? {key, target: 'MOD', value: current.modRevision} : {key, target: 'VERSION', value: '0'};
  const r = await client.txn([compare], [{put: {key, value: encodeResource(res)}}], [{range: {key}}]);
  if (r.succeeded) applied++;
}
client.close();
console.log(`Successfully applied ${applied} 'GlobalNetworkPolicy' resource(s)`);
