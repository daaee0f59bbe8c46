import {test} from 'node:test';
import assert from 'node:assert/strict';
import {configFromEnvironment, parseConfig, parseDurationMs, requestTimeoutMs} from '../../dist/lib/config/index.js';

test('environment: CALICO_ prefix wins, datastore type detected from endpoints', () => {
  const spec = configFromEnvironment({ETCD_ENDPOINTS: 'http://a:2379', CALICO_ETCD_ENDPOINTS: 'http://b:2379', ETCD_USERNAME: 'u'});
  assert.equal(spec.etcdEndpoints, 'http://b:2379');
  assert.equal(spec.etcdUsername, 'u');
  assert.equal(spec.datastoreType, 'etcdv3');
  assert.equal(configFromEnvironment({}).datastoreType, 'kubernetes');
  assert.equal(configFromEnvironment({DATASTORE_TYPE: 'etcdv3'}).etcdEndpoints, '');
});

test('config file: YAML and JSON, strict fields, apiVersion and kind checked', async () => {
  const yaml = 'apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nmetadata:\nspec:\n  etcdEndpoints: https://e1:2379,https://e2:2379\n  etcdCACert: |\n    PEM\n';
  const spec = await parseConfig(yaml);
  assert.equal(spec.datastoreType, 'etcdv3');
  assert.equal(spec.etcdCACert, 'PEM\n');
  assert.equal((await parseConfig('{"apiVersion":"projectcalico.org/v3","kind":"CalicoAPIConfig","spec":{"datastoreType":"etcdv3"}}')).datastoreType, 'etcdv3');
  await assert.rejects(parseConfig('apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nspec:\n  bogus: 1\n'), {
    message: 'failed to parse config as YAML/JSON: error unmarshaling JSON: while decoding JSON: json: unknown field "bogus"',
  });
  await assert.rejects(parseConfig('apiVersion: v1\nkind: CalicoAPIConfig\n'), {message: "invalid config file: unknown APIVersion 'v1'"});
  await assert.rejects(parseConfig('apiVersion: projectcalico.org/v3\nkind: Other\n'), {message: "invalid config file: expected kind 'CalicoAPIConfig', got 'Other'"});
});

test('request timeout from the environment', () => {
  assert.equal(requestTimeoutMs({}), 10000);
  assert.equal(requestTimeoutMs({CALICOCTL_TIMEOUT: '2s'}), 2000);
  assert.equal(requestTimeoutMs({CALICO_ETCD_TIMEOUT: '1m30s'}), 90000);
  assert.equal(requestTimeoutMs({CALICOCTL_TIMEOUT: '3'}), 3000);
  assert.throws(() => requestTimeoutMs({CALICOCTL_TIMEOUT: 'soon'}), /invalid CALICOCTL_TIMEOUT value: soon/);
  assert.equal(parseDurationMs('500ms'), 500);
});
