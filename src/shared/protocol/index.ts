// The one message protocol between the panel's host (src/vscode/panel) and its webview (src/webview).
// Both sides import these types and validate every incoming message: the webview trusts nothing it did not
// check (a message could come from a compromised extension host page or an old cached webview), and the
// host trusts nothing from the webview (its page runs third-party code: uPlot).
//
// The page runs three scripts, each validating and handling its own messages: the charts (dist/webview.js;
// ./charts.ts) and, loaded after the charts' first paint, the miner's P&L (dist/webview-pnl.js; ./pnl.ts) and
// the power & pools section (dist/webview-power.js; ./power.ts).
// The charts script ignores PNL_SCRIPT_MESSAGE_TYPES and POWER_SCRIPT_MESSAGE_TYPES without a word; anything else unknown it reports to the
// host log. The data they carry is checked by ./history.ts (datasets, key figures) and ./status.ts.
//
// Extending: add a variant to a family's message type and a validator to its table; the `satisfies`
// clause makes the compiler ask for it. Names are namespaced by section: unprefixed for the network trends
// section, 'pnl/…' for the miner's P&L section, 'power/…' for the power & pools section.

import { chartsWebviewValidators, type ChartsHostMessage, type ChartsWebviewMessage } from './charts';
import { validate, type Validated } from './check';
import { pnlWebviewValidators, type PnlHostMessage, type PnlWebviewMessage } from './pnl';
import { powerWebviewValidators, type PowerHostMessage, type PowerWebviewMessage } from './power';

export {
  MAX_PNG_CHARS,
  pngBase64,
  validateHostMessage,
  type ChartsHostMessage,
  type ChartsWebviewMessage,
} from './charts';
export type { Validated } from './check';
export {
  checkHistoryDataset,
  checkKeyFigures,
  isRangeId,
  RANGES,
  type HistoryDataset,
  type HistoryLoadState,
  type KeyFigures,
  type RangeId,
} from './history';
export {
  isPnlScriptMessage,
  PNL_SCRIPT_MESSAGE_TYPES,
  validatePnlHostMessage,
  type PnlEditField,
  type PnlEditValue,
  type PnlHostMessage,
  type PnlOverlay,
  type PnlState,
  type PnlWebviewMessage,
} from './pnl';
export {
  isPowerScriptMessage,
  POWER_REFERENCES,
  POWER_SCRIPT_MESSAGE_TYPES,
  validatePowerHostMessage,
  type PoolsState,
  type PowerHostMessage,
  type PowerReference,
  type PowerState,
  type PowerWebviewMessage,
} from './power';
export type { PanelStatus } from './status';
export { checkL10n, parseL10nAttribute, type PanelL10n } from './l10n';

/** Bumped when a message changes incompatibly; the host ignores a webview speaking another version. */
export const PROTOCOL_VERSION = 1;
export const PANEL_VIEW_TYPE = 'miningEconomics.panel';

/** Host → webview: each script's messages. */
export type HostMessage = ChartsHostMessage | PnlHostMessage | PowerHostMessage;

/** Webview → host, from either script. */
export type WebviewMessage = ChartsWebviewMessage | PnlWebviewMessage | PowerWebviewMessage;

/** Checks a message received by the host. */
export function validateWebviewMessage(value: unknown): Validated<WebviewMessage> {
  // Merged per call: messages from the page are few, and a module-level merge would keep both tables in
  // the webview bundles, which never validate their own outgoing messages.
  return validate<WebviewMessage>(
    value,
    { ...chartsWebviewValidators, ...pnlWebviewValidators, ...powerWebviewValidators },
    'webview',
  );
}
