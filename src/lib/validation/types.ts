// Contract between the validation orchestrator and the per-kind semantic rules.
import type {CalicoResource} from '../resource.js';

/** One problem found in one resource. */
export interface ValidationIssue {
  /** Path of the offending field from the resource root, e.g. `spec.ingress[0].source.selector`. */
  path: string;
  /** Human-readable reason, e.g. `invalid selector: unexpected token "=" at position 4`. */
  message: string;
  /** The offending value, when there is one (printed like calicoctl's `= '<value>'`). */
  value?: unknown;
}

/**
 * Semantic rules for one kind: everything Calico's Go validator and CRD rules check that JSON Schema
 * cannot. Called only after the resource passed its JSON Schema, so field types can be trusted.
 */
export type SemanticRule = (resource: CalicoResource) => ValidationIssue[];
