// GlobalNetworkSet: nets are IPs or CIDRs (host bits allowed).
import type {SemanticRule} from '../types.js';
import {checkNetworkSet, type Issues} from './common.js';

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkNetworkSet(resource, out);
  return out;
};
