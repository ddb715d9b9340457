// The messages of the charts script (dist/webview.js, the page's own script): host → page (status, key
// figures, history datasets and their loading state, the outcome of a save) and page → host (ready, range
// choice, refresh, exports, log lines).

import { bool, fail, num, obj, oneOf, str, strOrNull, validate, type Validated, type Validators } from './check';
import {
  checkHistoryDataset,
  checkKeyFigures,
  isRangeId,
  type HistoryDataset,
  type HistoryLoadState,
  type KeyFigures,
  type RangeId,
} from './history';
import { checkStatus, type PanelStatus } from './status';

export type ChartsHostMessage =
  | { readonly type: 'status'; readonly status: PanelStatus }
  | { readonly type: 'figures'; readonly figures: KeyFigures | null }
  | { readonly type: 'history'; readonly dataset: HistoryDataset }
  | {
      readonly type: 'historyState';
      readonly range: RangeId;
      readonly state: HistoryLoadState;
      /** Failure reason for 'error'. */
      readonly message: string | null;
      /** A long fill from the user's node: heights done of total (the page offers Cancel). */
      readonly progress?: { readonly done: number; readonly total: number };
    }
  | { readonly type: 'saveResult'; readonly requestId: string; readonly ok: boolean; readonly message: string };

export type ChartsWebviewMessage =
  /** The page is listening; `range` is the range it restored (so the host loads the right one first). */
  | { readonly type: 'ready'; readonly protocol: number; readonly range: RangeId }
  | { readonly type: 'selectRange'; readonly range: RangeId }
  | { readonly type: 'refresh' }
  /** Stop filling the range from the node (what was fetched stays). */
  | { readonly type: 'cancelHistory'; readonly range: RangeId }
  /**
   * CSV of every series over the visible window [fromS, toS] of the range's dataset. The host builds it
   * from the dataset it posted (the webview only says which days), then asks where to save it.
   */
  | {
      readonly type: 'exportCsv';
      readonly requestId: string;
      readonly range: RangeId;
      readonly fromS: number;
      readonly toS: number;
    }
  /** A chart as a `data:image/png;base64,…` URL (drawn by the webview: only it has the canvas). */
  | { readonly type: 'savePng'; readonly requestId: string; readonly fileName: string; readonly dataUrl: string }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

const chartsHostValidators = {
  status: (o) => checkStatus(o.status, 'status'),
  figures: (o) => {
    if (o.figures !== null) checkKeyFigures(o.figures);
  },
  history: (o) => checkHistoryDataset(o.dataset),
  historyState: (o) => {
    if (!isRangeId(o.range)) fail('range is not a known range');
    oneOf(o.state, ['loading', 'loaded', 'error'] as const, 'state');
    strOrNull(o.message, 'message', 2000);
    if (o.progress !== undefined) {
      const p = obj(o.progress, 'progress');
      const done = num(p.done, 'progress.done');
      const total = num(p.total, 'progress.total');
      if (done < 0 || total < done) fail('progress.done should be within 0 … total');
    }
  },
  saveResult: (o) => {
    str(o.requestId, 'requestId', 64);
    bool(o.ok, 'ok');
    str(o.message, 'message', 2000);
  },
} satisfies Validators<ChartsHostMessage>;

/** Checks a message received by the charts script (the P&L script's own types are unknown to it). */
export function validateHostMessage(value: unknown): Validated<ChartsHostMessage> {
  return validate<ChartsHostMessage>(value, chartsHostValidators, 'host');
}

/** Largest image accepted from the webview (a PNG of a 4K chart is ~1–3 MB as base64). */
export const MAX_PNG_CHARS = 32 * 1024 * 1024;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,99}$/;
const PNG_DATA_URL = 'data:image/png;base64,';

function requestId(value: unknown): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(str(value, 'requestId', 64))) fail('requestId has unexpected characters');
}

export const chartsWebviewValidators = {
  ready: (o) => {
    num(o.protocol, 'protocol');
    if (!isRangeId(o.range)) fail('range is not a known range');
  },
  selectRange: (o) => {
    if (!isRangeId(o.range)) fail('range is not a known range');
  },
  refresh: () => undefined,
  cancelHistory: (o) => {
    if (!isRangeId(o.range)) fail('range is not a known range');
  },
  exportCsv: (o) => {
    requestId(o.requestId);
    if (!isRangeId(o.range)) fail('range is not a known range');
    if (num(o.fromS, 'fromS') > num(o.toS, 'toS')) fail('fromS is after toS');
  },
  savePng: (o) => {
    requestId(o.requestId);
    const fileName = str(o.fileName, 'fileName', 100);
    if (!FILE_NAME.test(fileName) || fileName.includes('..') || !fileName.toLowerCase().endsWith('.png'))
      fail('fileName is not a plain .png file name');
    const data = str(o.dataUrl, 'dataUrl', MAX_PNG_CHARS);
    if (!data.startsWith(PNG_DATA_URL)) fail('dataUrl should be a PNG data URL');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data.slice(PNG_DATA_URL.length))) fail('dataUrl is not base64');
  },
  log: (o) => {
    oneOf(o.level, ['info', 'warn', 'error'] as const, 'level');
    str(o.message, 'message', 4000);
  },
} satisfies Validators<ChartsWebviewMessage>;

/** The base64 payload of a validated PNG data URL. */
export function pngBase64(dataUrl: string): string {
  return dataUrl.slice(PNG_DATA_URL.length);
}
