// StagedNetworkPolicy: NetworkPolicy rules unless stagedAction is Delete, which must carry no policy fields.
import {stagedPolicyCrdRules, stagedPolicyRules} from './common.js';
import {checkNetworkPolicySpec} from './networkpolicy.js';

export const rules = stagedPolicyRules(checkNetworkPolicySpec);
export const crdRules = stagedPolicyCrdRules;
