// Verdict parity for the networking/infrastructure kinds (IPPool, IPReservation, BGP*, Node,
// ClusterInformation, IPAMConfiguration, CalicoNodeStatus, FelixConfiguration, KubeControllersConfiguration):
// test/fixtures/parity-infra/*.yaml, judged by the shared harness in test/helpers/parity.mjs.
import {fileURLToPath} from 'node:url';
import {parityTests} from '../helpers/parity.mjs';

parityTests(fileURLToPath(new URL('../fixtures/parity-infra/', import.meta.url)), 'parity verdicts');
