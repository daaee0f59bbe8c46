// HostEndpoint: Calico's validateHostEndpointSpec, EndpointPort checks and the spec's field tags.
import type {SemanticRule} from '../types.js';
import {
  checkEndpointPortProtocol,
  checkNameList,
  isIP,
  isValidInterfaceName,
  isValidName,
  isValidPortName,
  issue,
  portNameErrors,
  tagFailure,
  byteLength,
  type Issues,
} from './common.js';

interface EndpointPort {
  name: string;
  protocol: number | string;
  port: number;
}

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  const node: string = spec.node ?? '';
  const iface: string = spec.interfaceName ?? '';
  const expectedIPs: string[] = spec.expectedIPs ?? [];
  if (node !== '' && !isValidName(node)) out.push(issue('spec.node', tagFailure('Node', 'name'), node));
  if (iface !== '' && !isValidInterfaceName(iface)) out.push(issue('spec.interfaceName', tagFailure('InterfaceName', 'interface'), iface));
  for (const [i, ip] of expectedIPs.entries()) {
    if (!isIP(ip)) out.push(issue(`spec.expectedIPs[${i}]`, tagFailure('ExpectedIPs', 'ip'), ip));
  }
  checkNameList(spec.profiles, 'spec.profiles', 'Profiles', out);
  for (const [i, p] of ((spec.ports as EndpointPort[] | undefined) ?? []).entries()) {
    const at = `spec.ports[${i}]`;
    if (!isValidPortName(p.name)) {
      out.push(issue(`${at}.name`, `${tagFailure('Name', 'portName')}: ${portNameErrors(p.name).join('; ')}`, p.name));
    }
    checkEndpointPortProtocol(p.protocol, `${at}.protocol`, out, 'EndpointPort');
  }
  if (iface === '' && expectedIPs.length === 0) {
    out.push(issue('spec.interfaceName', 'no interface or expected IPs have been specified'));
  }
  if (node === '') out.push(issue('spec.node', 'no node has been specified'));
  return out;
};

/** CRD-only checks (applied by calicoctl 3.32 when writing to etcd, not by `validate`). */
export const crdRules: SemanticRule = (resource) => {
  const node: string = resource.spec?.node ?? '';
  return byteLength(node) > 253 ? [issue('spec.node', 'Too long: may not be more than 253 bytes', node)] : [];
};
