// Property-based fuzzing (fast-check, fixed seeds, bounded runs) of everything that parses user input:
// manifests, calicoctl.cfg, patch documents, labels, and the etcd keys built from names. Every input
// ends in a result or an ordinary Error with a message, quickly; never a TypeError/RangeError (a crash),
// and no key outside /calico/.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {decodeDocument} from '../../dist/lib/manifest/decode.js';
import {splitDocuments} from '../../dist/lib/manifest/split.js';
import {parseConfig} from '../../dist/lib/config/index.js';
import {mergePatch} from '../../dist/lib/resources/merge-patch.js';
import {validateResources} from '../../dist/lib/validation/index.js';
import {kindFromManifest, ALL_KINDS} from '../../dist/lib/registry/index.js';
import {resourceKeyPath} from '../../dist/lib/codec/keys.js';

const SEED = 20261126;
const RUNS = 300;
const VALID = readFileSync(new URL('../fixtures/policy/valid.yaml', import.meta.url), 'utf8');
const SEEDS = splitDocuments(Buffer.from(VALID)).map((d) => d.bytes.toString('utf8'));

/** A crash is an error no user should see: a programming error or exhausted resources. */
function assertNotACrash(err, input) {
  assert.ok(err instanceof Error, `non-Error thrown for ${JSON.stringify(input).slice(0, 200)}`);
  assert.ok(!(err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError), `${err.stack}\ninput: ${JSON.stringify(input).slice(0, 300)}`);
  assert.ok(err.message.length > 0);
}

/** Random edits of a text: insertions of YAML-significant or hostile characters, deletions, duplications. */
const hostileChunk = fc.oneof(
  fc.constantFrom('\0', '\uFFFD', '\uD800', '&a ', '*a', '<<: *a', '!!binary ', '!!js/function ', '{', '}', '[', ']', ': ', '- ', '\t', '\n  ', '"', "'", '%YAML 1.1\n', '---\n', '...\n', '#', '|', '>', '?', '@', '`', '../', '%2f', '/'),
  fc.string({maxLength: 12}),
  fc.string({unit: 'binary', maxLength: 8}),
);
const edit = fc.record({at: fc.nat(), cut: fc.nat({max: 40}), insert: hostileChunk});
function applyEdits(text, edits) {
  let t = text;
  for (const e of edits) {
    const at = t.length ? e.at % t.length : 0;
    t = t.slice(0, at) + e.insert + t.slice(at + Math.min(e.cut, 8));
  }
  return t;
}

test('mutated manifests decode and validate, or fail with a message', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...SEEDS), fc.array(edit, {minLength: 1, maxLength: 6}), async (doc, edits) => {
      const text = applyEdits(doc, edits);
      const start = Date.now();
      let records = [];
      try {
        records = decodeDocument(text, {file: 'fuzz', line: 1});
      } catch (err) {
        assertNotACrash(err, text);
      }
      if (records.length) {
        try {
          const results = await validateResources(records, {namespace: ''});
          for (const r of results) for (const e of r.errors) assert.equal(typeof e.message, 'string');
        } catch (err) {
          assertNotACrash(err, text);
        }
      }
      assert.ok(Date.now() - start < 2000, `slow input: ${JSON.stringify(text).slice(0, 300)}`);
    }),
    {seed: SEED, numRuns: RUNS},
  );
});

test('arbitrary JSON values as manifests: a result or a message', async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({maxDepth: 6}), fc.constantFrom('GlobalNetworkSet', 'NetworkPolicy', 'IPPool', 'BGPPeer', 'Node'), async (spec, kind) => {
      const text = JSON.stringify({apiVersion: 'projectcalico.org/v3', kind, metadata: {name: 'fuzz', namespace: 'default'}, spec});
      try {
        const records = decodeDocument(text, {file: 'fuzz', line: 1});
        await validateResources(records, {namespace: ''});
      } catch (err) {
        assertNotACrash(err, text);
      }
    }),
    {seed: SEED, numRuns: RUNS},
  );
});

const GOOD_CONFIG = `apiVersion: projectcalico.org/v3
kind: CalicoAPIConfig
metadata: {}
spec:
  datastoreType: etcdv3
  etcdEndpoints: https://127.0.0.1:2379
  etcdUsername: calico
  etcdPassword: secret
  etcdCACertFile: /etc/ca.pem
`;

test('mutated calicoctl.cfg files: a configuration or a message, never echoing the password', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(edit, {minLength: 1, maxLength: 5}), async (edits) => {
      const text = applyEdits(GOOD_CONFIG, edits);
      try {
        const spec = await parseConfig(text);
        assert.equal(typeof spec.datastoreType, 'string');
      } catch (err) {
        assertNotACrash(err, text);
        assert.match(err.message, /^(failed to parse config as YAML\/JSON|invalid config file)/);
        assert.ok(!err.message.includes('secret'), err.message);
      }
    }),
    {seed: SEED, numRuns: RUNS},
  );
});

test('merge patches: any JSON patch gives a value; an empty patch changes nothing; re-decoding never crashes', () => {
  const stored = {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkSet',
    metadata: {name: 's', labels: {a: 'b'}, resourceVersion: '5'},
    spec: {nets: ['10.0.0.0/8']},
  };
  fc.assert(
    fc.property(fc.dictionary(fc.string({maxLength: 10}), fc.jsonValue({maxDepth: 5}), {maxKeys: 6}), (patch) => {
      const before = structuredClone(stored);
      assert.deepEqual(mergePatch(structuredClone(stored), {}), stored);
      const result = mergePatch(structuredClone(stored), patch);
      assert.deepEqual(stored, before, 'the stored object is not modified');
      try {
        decodeDocument(JSON.stringify(result), {file: 'patch', line: 1});
      } catch (err) {
        assertNotACrash(err, patch);
      }
    }),
    {seed: SEED, numRuns: RUNS},
  );
});

test('label keys and values of any shape are validated, never crash', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({maxLength: 300}), fc.string({maxLength: 100}), async (key, value) => {
      const text = JSON.stringify({apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: {name: 's', labels: {[key]: value}}, spec: {}});
      try {
        const records = decodeDocument(text, {file: 'label', line: 1});
        const [r] = await validateResources(records, {namespace: ''});
        // Kubernetes label keys are at most 253 + 1 + 63 characters: anything longer is refused.
        if (key.length > 317) assert.equal(r.valid, false);
      } catch (err) {
        assertNotACrash(err, {key, value});
      }
    }),
    {seed: SEED, numRuns: RUNS},
  );
});

test('keys built from any name and namespace stay under /calico/', () => {
  const kinds = [...ALL_KINDS];
  fc.assert(
    fc.property(fc.constantFrom(...kinds), fc.string({maxLength: 40}), fc.string({maxLength: 20}), (kind, name, namespace) => {
      const key = resourceKeyPath(kindFromManifest(kind.kind), name, kind.namespaced ? namespace : undefined);
      assert.ok(key.startsWith('/calico/resources/v3/projectcalico.org/'), key);
    }),
    {seed: SEED, numRuns: RUNS},
  );
});

test('the datastore refuses names with "/" and bad namespaces before any request; the client writes only under /calico/', async () => {
  const {EtcdClient} = await import('../../dist/lib/datastore/etcd-client.js');
  const {EtcdDatastore} = await import('../../dist/lib/datastore/etcd.js');
  // Nothing listens on port 1: a request reaching the network would fail differently.
  const client = new EtcdClient({endpoints: ['http://127.0.0.1:1'], timeoutMs: 200});
  const ds = new EtcdDatastore(client);
  try {
    await fc.assert(
      fc.asyncProperty(fc.string({maxLength: 20}), fc.string({maxLength: 20}), fc.boolean(), async (a, b, namespaced) => {
        const name = `${a}/${b}`;
        const res = namespaced
          ? {apiVersion: 'projectcalico.org/v3', kind: 'NetworkSet', metadata: {name: 'ok', namespace: name}, spec: {}}
          : {apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: {name}, spec: {}};
        await assert.rejects(ds.create(res), (err) => err.name === 'ValidationFailedError' && /error with field Metadata\.Name(space)? /.test(err.message));
      }),
      {seed: SEED, numRuns: RUNS},
    );
    await fc.assert(
      fc.asyncProperty(fc.string({maxLength: 30}).filter((k) => !k.startsWith('/calico/')), async (key) => {
        await assert.rejects(client.txn([], [{put: {key, value: 'x'}}]), /refusing to write etcd key outside \/calico\//);
        await assert.rejects(client.txn([], [{del: {key}}]), /refusing to write etcd key outside \/calico\//);
      }),
      {seed: SEED, numRuns: RUNS},
    );
  } finally {
    await ds.close();
  }
});
