// CalicoNodeStatus: the Go tags on its spec (`node` is a resource name, `classes` has no duplicates, the
// update period is at most a day). Status lists carry no `dive` tag, so Calico does not check their items;
// the CRD's enums are `crdRules`.
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {issue, NAME_REGEX, tagFailure, type Issues} from './common.js';
import {crdEnum} from './infra-helpers.js';

const MAX_UPDATE_PERIOD_SECONDS = 86400;

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  // The schema requires these fields inside `spec`; here they may still be missing with `spec` itself.
  const spec = resource.spec ?? {};
  if (typeof spec.node !== 'string' || spec.node === '') out.push(issue('spec.node', tagFailure('Node', 'required'), spec.node ?? ''));
  else if (!NAME_REGEX.test(spec.node)) out.push(issue('spec.node', tagFailure('Node', 'name'), spec.node));
  if (!Array.isArray(spec.classes)) out.push(issue('spec.classes', tagFailure('Classes', 'required')));
  else if (new Set(spec.classes).size !== spec.classes.length) out.push(issue('spec.classes', tagFailure('Classes', 'unique'), spec.classes));
  if (typeof spec.updatePeriodSeconds !== 'number') {
    out.push(issue('spec.updatePeriodSeconds', tagFailure('UpdatePeriodSeconds', 'required')));
  } else if (spec.updatePeriodSeconds > MAX_UPDATE_PERIOD_SECONDS) {
    out.push(issue('spec.updatePeriodSeconds', tagFailure('UpdatePeriodSeconds', 'lte'), spec.updatePeriodSeconds));
  }
  return out;
};

/** The CalicoNodeStatus CRD's enums (applied by Calico's client when it writes). */
export const crdRules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const classes: unknown[] = Array.isArray(resource.spec?.classes) ? resource.spec.classes : [];
  classes.forEach((c, i) => crdEnum(out, `spec.classes[${i}]`, c, ['Agent', 'BGP', 'Routes'], true));
  const status = resource.status ?? {};
  for (const daemon of ['birdV4', 'birdV6']) crdEnum(out, `status.agent.${daemon}.state`, status.agent?.[daemon]?.state, ['Ready', 'NotReady']);
  for (const list of ['peersV4', 'peersV6']) {
    const peers: any[] = Array.isArray(status.bgp?.[list]) ? status.bgp[list] : [];
    peers.forEach((p, i) => {
      crdEnum(out, `status.bgp.${list}[${i}].type`, p?.type, ['NodeMesh', 'NodePeer', 'GlobalPeer']);
      crdEnum(out, `status.bgp.${list}[${i}].state`, p?.state, ['Idle', 'Connect', 'Active', 'OpenSent', 'OpenConfirm', 'Established', 'Close']);
    });
  }
  for (const list of ['routesV4', 'routesV6']) {
    const routes: any[] = Array.isArray(status.routes?.[list]) ? status.routes[list] : [];
    routes.forEach((r, i) => {
      crdEnum(out, `status.routes.${list}[${i}].type`, r?.type, ['FIB', 'RIB']);
      const sources = ['Kernel', 'Static', 'Direct', 'NodeMesh', 'BGPPeer'];
      crdEnum(out, `status.routes.${list}[${i}].learnedFrom.sourceType`, r?.learnedFrom?.sourceType, sources);
    });
  }
  return out;
};
