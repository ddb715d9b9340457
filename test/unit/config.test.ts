// ConfigService reads the settings at their first use, not when activate() builds it; a change made before
// that first read fires nothing (nobody saw the old values) and the first read sees it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigService } from '../../src/vscode/config';
import { stub, workspace } from '../support/vscodeModule';
import { resetRecord } from '../support/vscodeStub';

const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn(), trace: vi.fn() });

describe('ConfigService', () => {
  const services: ConfigService[] = [];
  beforeEach(() => resetRecord(stub.record));
  afterEach(() => {
    for (const s of services.splice(0)) s.dispose();
  });

  it('reads nothing until the settings are first used', () => {
    const getConfiguration = vi.spyOn(
      workspace as unknown as { getConfiguration(section?: string): unknown },
      'getConfiguration',
    );
    try {
      const config = new ConfigService(log() as never);
      services.push(config);
      expect(getConfiguration).not.toHaveBeenCalled();
      stub.record.config['miningEconomics.currency'] = 'EUR';
      expect(config.settings.currency).toBe('EUR');
      expect(getConfiguration).toHaveBeenCalledWith('miningEconomics');
    } finally {
      getConfiguration.mockRestore();
    }
  });

  it('a change before the first read fires nothing; after it, the change is read and fired with both values', () => {
    const config = new ConfigService(log() as never);
    services.push(config);
    const changes: string[] = [];
    config.onDidChange(({ previous, current }) => changes.push(`${previous.currency}→${current.currency}`));
    stub.record.config['miningEconomics.currency'] = 'EUR';
    stub.fireConfigChange();
    expect(changes).toEqual([]);
    expect(config.settings.currency).toBe('EUR');
    stub.record.config['miningEconomics.currency'] = 'JPY';
    stub.fireConfigChange();
    expect(changes).toEqual(['EUR→JPY']);
    expect(config.settings.currency).toBe('JPY');
  });

  it('a node counts as set up only by the user’s own bitcoind.url, not a default or a workspace value', () => {
    const first = new ConfigService(log() as never);
    services.push(first);
    expect(first.settings.bitcoind).toMatchObject({ url: 'http://127.0.0.1:8332', urlSet: false });
    // Application-scoped: VS Code ignores a workspace's value (the stand-in's get() would return it).
    stub.record.workspaceConfig['miningEconomics.bitcoind.url'] = 'http://10.0.0.5:8332';
    const second = new ConfigService(log() as never);
    services.push(second);
    expect(second.settings.bitcoind).toMatchObject({ url: 'http://127.0.0.1:8332', urlSet: false });
    stub.record.config['miningEconomics.bitcoind.url'] = 'http://umbrel.local:8332';
    const third = new ConfigService(log() as never);
    services.push(third);
    expect(third.settings.bitcoind).toMatchObject({ url: 'http://umbrel.local:8332', urlSet: true });
  });
});
