// StagedGlobalNetworkPolicy: GlobalNetworkPolicy rules unless stagedAction is Delete, which must carry no
// policy fields.
import {checkGlobalNetworkPolicySpec} from './globalnetworkpolicy.js';
import {stagedPolicyCrdRules, stagedPolicyRules} from './common.js';

export const rules = stagedPolicyRules(checkGlobalNetworkPolicySpec);
export const crdRules = stagedPolicyCrdRules;
