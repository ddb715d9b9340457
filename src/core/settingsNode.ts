// The source choice, the Bitcoin Core connection and the price source: read and validated like every setting.
import { normaliseMempoolUrl, quoteSettingValue, sourceHostOf, type RawSettings } from './settingsValues';

export const GLANCE_SOURCES = ['mempool', 'bitcoind'] as const;
export type GlanceSourceKind = (typeof GLANCE_SOURCES)[number];
export const PRICE_SOURCES = ['mempool', 'manual', 'none'] as const;
export type PriceSourceKind = (typeof PRICE_SOURCES)[number];
export const DEFAULT_BITCOIND_URL = 'http://127.0.0.1:8332';
export const SECOND_OPINIONS = ['auto', 'off'] as const;
export type SecondOpinionSetting = (typeof SECOND_OPINIONS)[number];

export interface BitcoindSettings {
  /** Normalised like mempoolUrl. */
  readonly url: string;
  /** '' = the platform's default data directory's `.cookie`. */
  readonly cookieFile: string;
  /** '' = cookie authentication; otherwise this user with the password from SecretStorage. */
  readonly user: string;
  /**
   * The user set a valid `bitcoind.url`: the default URL alone is not a node anyone set up, so nothing polls it
   * (the second opinion's `auto`). The settings reader passes the user's own value for this key, not the default.
   */
  readonly urlSet: boolean;
}

export type NodeSettings = {
  readonly source: GlanceSourceKind;
  readonly bitcoind: BitcoindSettings;
  readonly priceSource: PriceSourceKind;
  readonly manualBtcPrice: number | null;
  /** `auto`: the hover compares with the other source when both are configured; `off`: never. */
  readonly secondOpinion: SecondOpinionSetting;
};

export const DEFAULT_NODE_SETTINGS: NodeSettings = {
  source: 'mempool',
  bitcoind: { url: DEFAULT_BITCOIND_URL, cookieFile: '', user: '', urlSet: false },
  priceSource: 'mempool',
  manualBtcPrice: null,
  secondOpinion: 'auto',
};

/** A file path setting: a string without control characters, bounded; anything else is a problem. */
function readPath(get: RawSettings, key: string, problem: (key: string, message: string) => void): string {
  const raw = get(key);
  if (raw === undefined || raw === null || raw === '') return '';
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (typeof raw !== 'string' || raw.length > 1024 || /[\u0000-\u001f]/.test(raw)) {
    problem(
      key,
      `must be a text of at most 1024 characters without control characters, got ${quoteSettingValue(raw)}. Ignoring it.`,
    );
    return '';
  }
  return raw.trim();
}

/** The source choice, the node's connection and the price source (see README "Your own node"). */
export function readNodeSettings(get: RawSettings, problem: (key: string, message: string) => void): NodeSettings {
  const d = DEFAULT_NODE_SETTINGS;
  const rawSource = get('source');
  let source = d.source;
  if (rawSource !== undefined) {
    if ((GLANCE_SOURCES as readonly unknown[]).includes(rawSource)) source = rawSource as GlanceSourceKind;
    else
      problem('source', `${quoteSettingValue(rawSource)} is not one of ${GLANCE_SOURCES.join(', ')}. Using mempool.`);
  }

  let url = d.bitcoind.url;
  let urlSet = false;
  const rawUrl = get('bitcoind.url');
  if (rawUrl !== undefined && rawUrl !== '') {
    const result = normaliseMempoolUrl(rawUrl, DEFAULT_BITCOIND_URL);
    if ('url' in result) {
      url = result.url;
      urlSet = true;
    } else problem('bitcoind.url', `${result.problem}. Using ${DEFAULT_BITCOIND_URL}.`);
  }
  const cookieFile = readPath(get, 'bitcoind.cookieFile', problem);
  let user = readPath(get, 'bitcoind.user', problem);
  if (user.includes(':')) {
    // Basic auth splits at the first colon: such a name can never authenticate.
    problem('bitcoind.user', 'must not contain ":". Using the cookie file instead.');
    user = '';
  }

  const rawPriceSource = get('priceSource');
  let priceSource = d.priceSource;
  if (rawPriceSource !== undefined) {
    if ((PRICE_SOURCES as readonly unknown[]).includes(rawPriceSource)) priceSource = rawPriceSource as PriceSourceKind;
    else
      problem(
        'priceSource',
        `${quoteSettingValue(rawPriceSource)} is not one of ${PRICE_SOURCES.join(', ')}. Using mempool.`,
      );
  }
  const rawManual = get('manualBtcPrice');
  let manualBtcPrice: number | null = null;
  if (rawManual !== undefined && rawManual !== null) {
    if (typeof rawManual === 'number' && Number.isFinite(rawManual) && rawManual > 0 && rawManual < 1e9)
      manualBtcPrice = rawManual;
    else
      problem(
        'manualBtcPrice',
        `must be a positive BTC price in the chosen currency, got ${quoteSettingValue(rawManual)}. Ignoring it.`,
      );
  }
  if (priceSource === 'manual' && manualBtcPrice === null)
    problem(
      'manualBtcPrice',
      'is needed when priceSource is "manual": set the BTC price in the chosen currency. Showing no fiat figures until then.',
    );
  const rawOpinion = get('secondOpinion');
  let secondOpinion = d.secondOpinion;
  if (rawOpinion !== undefined) {
    if ((SECOND_OPINIONS as readonly unknown[]).includes(rawOpinion))
      secondOpinion = rawOpinion as SecondOpinionSetting;
    else problem('secondOpinion', `${quoteSettingValue(rawOpinion)} is not one of auto, off. Using auto.`);
  }
  return { source, bitcoind: { url, cookieFile, user, urlSet }, priceSource, manualBtcPrice, secondOpinion };
}

/** "bitcoind@127.0.0.1:8332" — how the hover, cache and shared snapshots name a node source. */
export function nodeSourceHostOf(nodeUrl: string): string {
  return `bitcoind@${nodeUrl.replace(/^https?:\/\//, '')}`;
}

/** The source host of the glance for these settings (the cache and shared snapshots are per source). */
export function glanceSourceHostOf(
  settings: Pick<NodeSettings, 'source' | 'bitcoind'> & { readonly mempoolUrl: string },
): string {
  return settings.source === 'bitcoind' ? nodeSourceHostOf(settings.bitcoind.url) : sourceHostOf(settings.mempoolUrl);
}
