// The node and price settings: defaults, normalisation, and bad values reported with the setting's name.
import { describe, expect, it } from 'vitest';
import { glanceSourceHostOf, readSettings } from '../../src/core/settings';

function read(values: Record<string, unknown>) {
  return readSettings((key) => values[key]);
}

describe('node settings', () => {
  it('defaults: mempool source, the local node URL, cookie auth, mempool prices', () => {
    const { settings, problems } = read({});
    expect(problems).toEqual([]);
    expect(settings.source).toBe('mempool');
    expect(settings.bitcoind).toEqual({ url: 'http://127.0.0.1:8332', cookieFile: '', user: '', urlSet: false });
    expect(settings.priceSource).toBe('mempool');
    expect(settings.manualBtcPrice).toBeNull();
    expect(glanceSourceHostOf(settings)).toBe('mempool.space');
  });

  it('a node source names itself bitcoind@host:port', () => {
    const { settings, problems } = read({
      source: 'bitcoind',
      'bitcoind.url': 'HTTP://Umbrel.local:8332/',
      'bitcoind.cookieFile': ' /data/.cookie ',
      priceSource: 'manual',
      manualBtcPrice: 61_000,
    });
    expect(problems).toEqual([]);
    expect(settings.bitcoind).toEqual({
      url: 'http://umbrel.local:8332',
      cookieFile: '/data/.cookie',
      user: '',
      urlSet: true,
    });
    expect(glanceSourceHostOf(settings)).toBe('bitcoind@umbrel.local:8332');
    expect(settings.manualBtcPrice).toBe(61_000);
  });

  it('bad values fall back and are reported by name', () => {
    const { settings, problems } = read({
      source: 'electrum',
      'bitcoind.url': 'ftp://node',
      'bitcoind.user': 'a:b',
      priceSource: 'coinbase',
      manualBtcPrice: -5,
    });
    expect(settings.source).toBe('mempool');
    expect(settings.bitcoind).toEqual({ url: 'http://127.0.0.1:8332', cookieFile: '', user: '', urlSet: false });
    expect(settings.priceSource).toBe('mempool');
    expect(settings.manualBtcPrice).toBeNull();
    expect(problems.map((p) => p.setting)).toEqual([
      'miningEconomics.source',
      'miningEconomics.bitcoind.url',
      'miningEconomics.bitcoind.user',
      'miningEconomics.priceSource',
      'miningEconomics.manualBtcPrice',
    ]);
  });

  it('manual prices without a price: reported, no fiat figures', () => {
    const { settings, problems } = read({ priceSource: 'manual' });
    expect(settings.priceSource).toBe('manual');
    expect(problems).toEqual([
      {
        setting: 'miningEconomics.manualBtcPrice',
        message: expect.stringMatching(/needed when priceSource is "manual"/),
      },
    ]);
  });
});
