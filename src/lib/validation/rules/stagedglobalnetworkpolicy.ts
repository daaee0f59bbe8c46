import type {SemanticRule} from '../types.js';

// Placeholder: semantic rules for this kind are added by the validation work.
export const rules: SemanticRule = () => [];
