// `validate` predicts writes: every manifest gets the same verdict from `validate` (offline) and from
// `create --dry-run` / `create` against a real etcd.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();
const doc = (kind, name, spec) => `apiVersion: projectcalico.org/v3\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

const CASES = [
  ['IPv6 pool without ipipMode (client default Never)', true, doc('IPPool', 'v6', '  cidr: fd00:20::/64\n')],
  ['IPv4 block size below 20', false, doc('IPPool', 'bs', '  cidr: 10.30.0.0/16\n  blockSize: 18\n')],
  ['namespaceSelector with default allowed uses (Tunnel)', false, doc('IPPool', 'ns', '  cidr: 10.31.0.0/16\n  namespaceSelector: all()\n')],
  ['BGPFilter rule without action', false, doc('BGPFilter', 'f1', '  exportV4:\n  - cidr: 10.0.0.0/8\n    matchOperator: In\n')],
  ['policy with a bad selector', false, doc('GlobalNetworkPolicy', 'p1', "  selector: app == 'x\n")],
  ['valid policy', true, doc('GlobalNetworkPolicy', 'p2', "  selector: app == 'x'\n  ingress:\n  - action: Allow\n")],
];

for (const [what, valid, text] of CASES) {
  test(`same verdict offline and on write: ${what}`, async () => {
    const f = ctx.file(`${what.replace(/\W+/g, '-')}.yaml`, text);
    const offline = await ctx.cli(['validate', '-f', f]);
    assert.equal(offline.code, valid ? 0 : 1, `validate: ${offline.stderr}`);
    const dry = await ctx.cli(['create', '--dry-run', '-f', f]);
    assert.equal(dry.code, valid ? 0 : 1, `create --dry-run: ${dry.stdout}${dry.stderr}`);
    const real = await ctx.cli(['create', '-f', f]);
    assert.equal(real.code, valid ? 0 : 1, `create: ${real.stdout}${real.stderr}`);
  });
}
