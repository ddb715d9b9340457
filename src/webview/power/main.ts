// The power & pools section: a script of its own (dist/webview-power.js), inserted by the charts script
// after their first paint (like the P&L's), so the first-paint bundle stays small. It fills the page's
// reserved <section id="section-power">, validates the host's `power/*` messages (the charts script leaves
// them alone) and posts through the charts script's VS Code API handle; its charts are the charts script's
// chart cards, with their table view and PNG export (see ../common/bridge.ts).

import './power.css';
import '../common/l10n';
import { describeError } from '../../core/errors';
import { PROTOCOL_VERSION, isPowerScriptMessage, validatePowerHostMessage } from '../../shared/protocol';
import { BRIDGE_KEY, type PageBridge } from '../common/bridge';
import { h } from '../common/dom';
import { observeTheme } from '../common/theme';
import { PowerSection } from './section';

const bridge = (window as unknown as Record<string, PageBridge | undefined>)[BRIDGE_KEY];
if (!bridge) throw new Error('Mining Economics: the power script needs the charts script on the page.');
const { post } = bridge;

let nextRequest = 0;
const root =
  document.getElementById('section-power') ??
  (document.getElementById('app') ?? document.body).appendChild(
    h('section', { class: 'section', id: 'section-power' }),
  );
const section = new PowerSection(root, {
  selectReference: (reference) => post({ type: 'power/reference', reference }),
  savePng: (fileName, dataUrl) => post({ type: 'savePng', requestId: `power-${nextRequest++}`, fileName, dataUrl }),
  log: (message) => post({ type: 'log', level: 'warn', message: `Power: ${message}` }),
});

window.addEventListener('message', (event: MessageEvent) => {
  if (!isPowerScriptMessage(event.data)) return;
  const result = validatePowerHostMessage(event.data);
  if (!result.ok) {
    post({ type: 'log', level: 'warn', message: `Power: ignored a message from the host: ${result.error}` });
    return;
  }
  try {
    section.handle(result.value);
  } catch (error) {
    post({ type: 'log', level: 'error', message: `Power: could not show the section: ${describeError(error)}` });
  }
});
observeTheme(() => section.onTheme());
post({ type: 'power/ready', protocol: PROTOCOL_VERSION });
