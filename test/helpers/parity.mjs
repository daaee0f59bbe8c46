// Shared harness of the verdict-parity tables (test/fixtures/parity-*/): each document starts with
// `# valid: <why>` or `# invalid: <why>`, the verdict a calicoctl 3.32 write (create/apply) gives: Go
// decoding, the client's defaults, Calico's Go validator, the CRD rules and the client's checks. A document
// is judged as `validate -f <that document>` judges it: a decoding error or any invalid resource makes it
// invalid.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {decodeDocument, splitDocuments} from '../../dist/lib/manifest/index.js';
import {validateAsWritten} from '../../dist/lib/validation/index.js';

const EXPECT = /^#\s*(valid|invalid):\s*(.*)$/m;

/** Every case of a fixture file: {expected, title, line, text}. */
export function fixtureCases(dir, file) {
  return splitDocuments(readFileSync(dir + file))
    .map((doc) => ({doc, text: doc.bytes.toString('utf8')}))
    .filter(({text}) => text.trim() !== '')
    .map(({doc, text}) => {
      const m = EXPECT.exec(text);
      assert.ok(m, `${file}:${doc.line}: document without a "# valid:" or "# invalid:" line`);
      return {expected: m[1] === 'valid', title: m[2], line: doc.line, text};
    });
}

/** The verdict of one document, and the first problem (for the failure message). */
export async function verdict(file, c) {
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

/** One test per fixture file of `dir`, listing every case whose verdict differs from its label. */
export function parityTests(dir, label) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    test(`${label}: ${file}`, async () => {
      const mismatches = [];
      for (const c of fixtureCases(dir, file)) {
        const got = await verdict(file, c);
        if (got.valid !== c.expected) {
          mismatches.push(`${file}:${c.line} ${c.title}: expected ${c.expected ? 'valid' : 'invalid'}, got ${got.valid ? 'valid' : `invalid (${got.why})`}`);
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }
}
