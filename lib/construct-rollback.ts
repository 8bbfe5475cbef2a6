import { Construct } from 'constructs';
import { OutputPass } from './synth/output-pass';

/**
 * Called from a construct's constructor when it throws: removes the half-built construct (and
 * every object it already added) from its parent, so a later synth of the same app emits nothing
 * of it. Returns the error for the caller to rethrow.
 */
export function rollback(construct: Construct, error: unknown): unknown {
  OutputPass.of(construct).unregister(construct);
  construct.node.scope?.node.tryRemoveChild(construct.node.id);
  return error;
}
