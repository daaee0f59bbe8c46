import {test} from 'node:test';
import assert from 'node:assert/strict';
import {goJson, toGoOrder} from '../../dist/lib/codec/go-order.js';
import {decodeResource, encodeResource} from '../../dist/lib/codec/storage.js';
import {parseResourceKeyPath, resourceKeyPath} from '../../dist/lib/codec/keys.js';
import {kindFromManifest} from '../../dist/lib/registry/index.js';

const pool = kindFromManifest('IPPool');
const np = kindFromManifest('NetworkPolicy');

test('keys', () => {
  assert.equal(resourceKeyPath(pool, 'p'), '/calico/resources/v3/projectcalico.org/ippools/p');
  assert.equal(resourceKeyPath(np, 'x', 'ns'), '/calico/resources/v3/projectcalico.org/networkpolicies/ns/x');
  assert.deepEqual(parseResourceKeyPath(np, '/calico/resources/v3/projectcalico.org/networkpolicies/ns/x'), {namespace: 'ns', name: 'x'});
  assert.equal(parseResourceKeyPath(np, '/calico/resources/v3/projectcalico.org/networkpolicies/x'), undefined);
});

test('Go field order, sorted maps, HTML escaping', () => {
  const ordered = toGoOrder({
    apiVersion: 'projectcalico.org/v3',
    spec: {nodeSelector: 'a && b', cidr: '10.0.0.0/8'},
    metadata: {labels: {z: '1', a: '2'}, name: 'p'},
    kind: 'IPPool',
  });
  assert.equal(goJson(ordered), '{"kind":"IPPool","apiVersion":"projectcalico.org/v3","metadata":{"name":"p","labels":{"a":"2","z":"1"}},"spec":{"cidr":"10.0.0.0/8","nodeSelector":"a \\u0026\\u0026 b"}}');
});

test('encode drops resourceVersion; decode sets it and applies read rules', () => {
  const value = encodeResource({apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: {name: 'p', resourceVersion: '7', labels: {}}, spec: {cidr: '10.0.0.0/8'}});
  assert.equal(value, '{"kind":"IPPool","apiVersion":"projectcalico.org/v3","metadata":{"name":"p"},"spec":{"cidr":"10.0.0.0/8"}}');
  const back = decodeResource(pool, 'k', value, '42');
  assert.equal(back.metadata.resourceVersion, '42');
  assert.equal(back.spec.blockSize, 26);
  assert.deepEqual(back.spec.allowedUses, ['Workload', 'Tunnel']);
  const legacy = decodeResource(np, 'k', '{"kind":"NetworkPolicy","metadata":{"name":"default.x","namespace":"n"},"spec":{}}', '3');
  assert.equal(legacy.metadata.name, 'x');
  assert.deepEqual(legacy.metadata.labels, {'projectcalico.org/tier': 'default'});
  const annotated = decodeResource(np, 'k', '{"kind":"NetworkPolicy","metadata":{"name":"t.x","annotations":{"projectcalico.org/metadata":"{\\"name\\":\\"y\\"}"}},"spec":{"tier":"t"}}', '3');
  assert.equal(annotated.metadata.name, 'y');
  assert.equal(annotated.metadata.annotations, undefined);
  assert.throws(() => decodeResource(pool, 'k', '{bad', '1'), /failed to parse datastore entry key=k; value=\{bad/);
});
