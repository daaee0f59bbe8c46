// Verdict parity for the policy family (policies, tiers, profiles, network sets, endpoints):
// test/fixtures/parity-policy/*.yaml, judged by the shared harness in test/helpers/parity.mjs.
import {fileURLToPath} from 'node:url';
import {parityTests} from '../helpers/parity.mjs';

parityTests(fileURLToPath(new URL('../fixtures/parity-policy/', import.meta.url)), 'policy parity verdicts');
