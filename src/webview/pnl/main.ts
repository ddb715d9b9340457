// The miner's P&L section: a script of its own (dist/webview-pnl.js), inserted by the charts script after
// their first paint so the charts bundle stays small and draws first. It fills the page's reserved
// <section id="section-pnl">, validates the host's `pnl/*` messages (the charts script leaves them alone)
// and posts through the charts script's VS Code API handle (see ../bridge.ts).

import './pnl.css';
import '../common/l10n';
import { PROTOCOL_VERSION, isPnlScriptMessage, validatePnlHostMessage } from '../../shared/protocol';
import { BRIDGE_KEY, type PageBridge } from '../common/bridge';
import { h } from '../common/dom';
import { breakevenOverlay } from './overlay';
import { PnlSection } from './section';

const bridge = (window as unknown as Record<string, PageBridge | undefined>)[BRIDGE_KEY];
if (!bridge) throw new Error('Mining Economics: the P&L script needs the charts script on the page.');
const { post } = bridge;
/** The overlay last handed to the hashprice chart, as JSON: a chart redraw only when it changes. */
let overlayKey = 'null';

const root =
  document.getElementById('section-pnl') ??
  (document.getElementById('app') ?? document.body).appendChild(h('section', { class: 'section', id: 'section-pnl' }));
const section = new PnlSection(root, (field, value) => post({ type: 'pnl/update', field, value }));

window.addEventListener('message', (event: MessageEvent) => {
  // The charts script's messages are not ours: skip them without a word.
  if (!isPnlScriptMessage(event.data)) return;
  const result = validatePnlHostMessage(event.data);
  if (!result.ok) {
    post({ type: 'log', level: 'warn', message: `P&L: ignored a message from the host: ${result.error}` });
    return;
  }
  const message = result.value;
  section.handle(message);
  if (message.type === 'pnl/state') {
    const key = JSON.stringify(message.state.overlay);
    if (key !== overlayKey) {
      overlayKey = key;
      bridge.setOverlay('hashprice', message.state.overlay ? breakevenOverlay(message.state.overlay) : null);
    }
  }
});
setInterval(() => section.tick(Date.now()), 30_000);
post({ type: 'pnl/ready', protocol: PROTOCOL_VERSION });
