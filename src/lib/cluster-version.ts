// Placeholder until the datastore layer lands: the cluster side of `calicoctl version`.
import type {Output} from './io.js';

export async function printClusterVersion(_opts: {configPath: string; poll?: string}, out: Output): Promise<void> {
  out.out('Unable to detect installed Calico version\n');
}
