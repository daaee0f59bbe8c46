import type {SemanticRule} from '../types.js';

// IPAMConfiguration: every Calico rule (maxBlocksPerHost 0..1000000, ipCooldownSeconds 0..1200, the
// kubeVirtVMAddressPersistence enum) is a plain range or enum, so the JSON Schema enforces all of them.
export const rules: SemanticRule = () => [];
