// Verdict parity for the policy family (policies, tiers, profiles, network sets, endpoints): each document
// of test/fixtures/parity-policy/*.yaml starts with `# valid: <why>` or `# invalid: <why>`, the verdict a
// calicoctl 3.32 write (create/apply) gives: Go decoding, the client's defaults, Calico's Go validator and
// the CRD OpenAPI/CEL rules. A document is judged as `validate -f <that document>` judges it: a decoding
// error or any invalid resource makes it invalid.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {decodeDocument, splitDocuments} from '../../dist/lib/manifest/index.js';
import {validateAsWritten} from '../../dist/lib/validation/index.js';

const DIR = fileURLToPath(new URL('../fixtures/parity-policy/', import.meta.url));
const EXPECT = /^#\s*(valid|invalid):\s*(.*)$/m;

function fixtureCases(file) {
  return splitDocuments(readFileSync(DIR + file))
    .map((doc) => ({doc, text: doc.bytes.toString('utf8')}))
    .filter(({text}) => text.trim() !== '')
    .map(({doc, text}) => {
      const m = EXPECT.exec(text);
      assert.ok(m, `${file}:${doc.line}: document without a "# valid:" or "# invalid:" line`);
      return {expected: m[1] === 'valid', title: m[2], line: doc.line, text};
    });
}

async function verdict(file, c) {
  let records;
  try {
    records = decodeDocument(c.text, {file, line: c.line});
  } catch (err) {
    return {valid: false, why: err.message};
  }
  if (records.length === 0) return {valid: false, why: 'no resources'};
  const results = await validateAsWritten(records);
  const bad = results.find((r) => !r.valid);
  return {valid: !bad, why: bad ? bad.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : ''};
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
  test(`policy parity verdicts: ${file}`, async () => {
    const mismatches = [];
    for (const c of fixtureCases(file)) {
      const got = await verdict(file, c);
      if (got.valid !== c.expected) {
        mismatches.push(`${file}:${c.line} ${c.title}: expected ${c.expected ? 'valid' : 'invalid'}, got ${got.valid ? 'valid' : `invalid (${got.why})`}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });
}
