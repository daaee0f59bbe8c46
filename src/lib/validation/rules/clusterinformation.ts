import type {SemanticRule} from '../types.js';

// ClusterInformation: Calico's validator has no rules for this spec beyond its field types (the JSON Schema).
export const rules: SemanticRule = () => [];
