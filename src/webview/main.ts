// The webview's entry point: restores the view state, builds the page, validates every message from the
// host and routes it to the sections, and tells the host when it is ready. Sections are independent: the
// miner's P&L section plugs in next to the network trends one (see `sections` below).

import './styles.css';
import uPlot from 'uplot';
import { l10nError } from './common/l10n';
import { describeError } from '../core/errors';
import { formatAge } from '../core/format';
import { t } from '../core/l10n';
import { PROTOCOL_VERSION, isPnlScriptMessage, isPowerScriptMessage, validateHostMessage } from '../shared/protocol';
import type { HostMessage, PanelStatus, WebviewMessage } from '../shared/protocol';
import { BRIDGE_KEY, type PageBridge } from './common/bridge';
import { h, replaceChildren, setText } from './common/dom';
import { TrendChart } from './common/chart/trendChart';
import { DRAWN_EVENT, TrendsSection, type SectionHost } from './trends/section';
import { loadExtras, setExtrasSource } from './common/extras';
import { observeTheme } from './common/theme';
import { sanitizeViewState, type ViewState } from './common/viewState';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** A part of the panel with its own messages (network trends now; the miner's P&L next). */
interface PanelSection {
  readonly element: HTMLElement;
  /** Handles the message if it is this section's; returns whether it did. */
  handle(message: HostMessage): boolean;
  /** Called once the section is in the document. */
  mounted?(): void;
  tick?(): void;
  onTheme?(): void;
}

const vscode = acquireVsCodeApi();
/**
 * This script's tag: it names the P&L script (data-pnl-script) and the extras script (data-extras-script,
 * see ./common/extras.ts), and carries the page's nonce.
 */
const ownScript = document.currentScript as HTMLScriptElement | null;
setExtrasSource(ownScript?.dataset.extrasScript, ownScript?.nonce ?? '');
let viewState: ViewState = sanitizeViewState(vscode.getState());
let status: PanelStatus | null = null;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

const statusEl = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' }, t('Waiting for data…'));
const sourceEl = h('span', { class: 'source' });
const toastEl = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true });
const refreshButton = h(
  'button',
  { class: 'primary', title: t('Fetch the latest data now'), onclick: () => post({ type: 'refresh' }) },
  h('span', { 'aria-hidden': 'true' }, '⟳'),
  ` ${t('Refresh')}`,
);

let toastTimer: ReturnType<typeof setTimeout> | undefined;
const host: SectionHost = {
  post,
  state: () => viewState,
  update(patch) {
    viewState = { ...viewState, ...patch };
    vscode.setState(viewState);
  },
  announce(text, kind) {
    toastEl.textContent = text;
    toastEl.className = `toast toast-${kind}`;
    toastEl.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      toastEl.hidden = true;
    }, 6000);
  },
};

const trends = new TrendsSection(host);
const sections: PanelSection[] = [trends];

function renderStatus(): void {
  const s = status;
  if (!s) return;
  setText(sourceEl, `${s.sourceHost} · ${s.currency}`);
  const age = s.fetchedAtMs === null ? null : formatAge(Date.now() - s.fetchedAtMs);
  let text: string;
  let kind = 'ok';
  if (s.fetchedAtMs === null) {
    text = s.staleReason ? t('No data yet: {0}', s.staleReason) : t('Fetching the first data…');
    kind = s.staleReason ? 'stale' : 'ok';
  } else if (s.stale) {
    text = t('Stale: {0} · data from {1}', s.staleReason ?? t('the last refresh failed'), age!);
    kind = 'stale';
  } else if (s.origin === 'cache') {
    text = t('Cached from an earlier session, {0}', age!);
  } else {
    text = t('Updated {0}', age!);
  }
  if (s.refreshing) text += ` · ${t('refreshing…')}`;
  setText(statusEl, text);
  statusEl.className = `status-line status-${kind}`;
  refreshButton.disabled = s.refreshing;
  refreshButton.classList.toggle('is-busy', s.refreshing);
}

function onMessage(event: MessageEvent): void {
  // The P&L and power scripts validate and handle their own messages.
  if (isPnlScriptMessage(event.data) || isPowerScriptMessage(event.data)) return;
  const result = validateHostMessage(event.data);
  if (!result.ok) {
    post({ type: 'log', level: 'warn', message: `ignored a message from the host: ${result.error}` });
    return;
  }
  const message = result.value;
  if (message.type === 'status') {
    status = message.status;
    renderStatus();
    trends.setBand(status.ma7Band);
    return;
  }
  if (message.type === 'saveResult') {
    host.announce(message.message, message.ok ? 'info' : 'error');
    return;
  }
  for (const section of sections) if (section.handle(message)) return;
}

let reported = 0;
window.addEventListener('error', (e) => {
  // A few reports per page are enough to diagnose; never flood the host.
  if (reported++ < 5) post({ type: 'log', level: 'error', message: `${e.message} (${e.filename}:${e.lineno})` });
});

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app', class: 'app' }));
replaceChildren(
  app,
  h(
    'header',
    { class: 'masthead' },
    h('div', { class: 'masthead-title' }, h('h1', {}, 'Mining Economics'), sourceEl),
    statusEl,
    refreshButton,
  ),
  ...sections.map((s) => s.element),
  // The miner's P&L section: filled by the P&L script (src/webview/pnl) once it has loaded (see below).
  h('section', { class: 'section', id: 'section-pnl', hidden: true, 'aria-label': t("Miner's P&L") }),
  // The power & pools section: filled by its own script (src/webview/power), loaded like the P&L's.
  h('section', { class: 'section', id: 'section-power', hidden: true, 'aria-label': t('Power & pools') }),
  toastEl,
);
app.removeAttribute('aria-busy');
for (const s of sections) s.mounted?.();

window.addEventListener('message', onMessage);
observeTheme(() => {
  for (const s of sections) s.onTheme?.();
});
setInterval(() => {
  renderStatus();
  for (const s of sections) s.tick?.();
}, 30_000);
post({ type: 'ready', protocol: PROTOCOL_VERSION, range: viewState.range });
if (l10nError) post({ type: 'log', level: 'warn', message: `page language: ${l10nError}` });

// The miner's P&L is a separate script (src/webview/pnl), inserted with this page's nonce once the charts
// have drawn (or after 2 s without data), so it never delays them. acquireVsCodeApi works once per page:
// it posts through this script's handle. The extras script (key figures, tables, PNG: ./common/extras.ts)
// is inserted at the same time, or earlier if the user asks for a table or an image.
(window as unknown as Record<string, PageBridge>)[BRIDGE_KEY] = {
  post,
  setOverlay: (id, overlay) => trends.setOverlay(id, overlay),
  uPlot,
  TrendChart,
};
let sectionsLoaded = false;
const loadSections = (): void => {
  if (sectionsLoaded) return;
  sectionsLoaded = true;
  for (const src of [ownScript?.dataset.pnlScript, ownScript?.dataset.powerScript]) {
    if (!src) continue;
    const script = document.createElement('script');
    script.nonce = ownScript!.nonce ?? '';
    script.src = src;
    document.body.append(script);
  }
};
const loadLater = (): void => {
  loadSections();
  loadExtras().catch((error: unknown) =>
    post({ type: 'log', level: 'error', message: `extras script: ${describeError(error)}` }),
  );
};
// In a task of its own: inserting scripts from the draw that fired the event would delay the charts' paint.
window.addEventListener(DRAWN_EVENT, () => setTimeout(loadLater, 0), { once: true });
setTimeout(loadLater, 2000);
