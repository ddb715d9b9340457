// The glance sources' code as a bundle of its own (dist/sources.js), loaded by ./sourcesBundle.ts at the first
// refresh, with the network bundle: the mempool source (REST snapshot, parsing) and its websocket push. The
// first paint needs none of it.
import { installLocalisation } from '../l10n';

// This bundle has its own copy of the core's module state: give it the display language too.
installLocalisation();

export { MempoolSource } from './mempoolSource';
export { LivePush, type LivePushOptions } from './livePush';
