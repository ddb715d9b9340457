// The node features' code as a bundle of its own (dist/node.js), loaded by ./nodeBundle.ts the first time
// a node is read: the node source, the RPC connection and the second opinion's readers. Most users never
// set up a node, and every start would otherwise compile this code before the first paint.
import { installLocalisation } from '../l10n';
import { NodeSource, type NodeSourceOptions } from '../sources/nodeSource';

// This bundle has its own copy of the core's module state: give it the display language too.
installLocalisation();

export { createNodeRpc, type NodeConnectionDeps } from '../sources/nodeConnection';
export { fetchMempoolView, fetchNodeView } from '../../core/views/secondOpinionViews';

export function createNodeSource(options: NodeSourceOptions): NodeSource {
  return new NodeSource(options);
}
