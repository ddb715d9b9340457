import { describe, expect, it } from 'vitest';
import { offerWalkthroughOnce, WALKTHROUGH_OFFERED_KEY, type WalkthroughDeps } from '../../src/vscode/walkthrough';
import { createMemento } from '../support/vscodeStub';

function deps(over: Partial<WalkthroughDeps> = {}) {
  const executed: unknown[][] = [];
  const logged: string[] = [];
  const d: WalkthroughDeps = {
    globalState: createMemento(),
    extensionId: 'mining-economics.mining-economics',
    testMode: false,
    openOnInstall: true,
    executeCommand: async (...args: unknown[]) => void executed.push(args),
    log: { info: (m: string) => void logged.push(m), warn: (m: string) => void logged.push(m) },
    ...over,
  };
  return { d, executed, logged };
}

describe('the walkthrough on first run', () => {
  it('opens once per profile, on the first activation', async () => {
    const { d, executed } = deps();
    expect(await offerWalkthroughOnce(d)).toBe('opened');
    expect(executed).toEqual([
      ['workbench.action.openWalkthrough', 'mining-economics.mining-economics#miningEconomics.gettingStarted', false],
    ]);
    expect(await offerWalkthroughOnce(d)).toBe('already offered');
    expect(executed).toHaveLength(1);
  });

  it("respects VS Code's own setting against walkthroughs on install, and does not ask again", async () => {
    const { d, executed } = deps({ openOnInstall: false });
    expect(await offerWalkthroughOnce(d)).toBe('turned off');
    expect(d.globalState.get(WALKTHROUGH_OFFERED_KEY)).toBe(true);
    expect(await offerWalkthroughOnce({ ...d, openOnInstall: true })).toBe('already offered');
    expect(executed).toEqual([]);
  });

  it('stays shut for people who used an earlier version, and under a test runner', async () => {
    const earlier = deps();
    await earlier.d.globalState.update('miningEconomics.lastSnapshot', { schema: 1 });
    expect(await offerWalkthroughOnce(earlier.d)).toBe('used before');
    const test = deps({ testMode: true });
    expect(await offerWalkthroughOnce(test.d)).toBe('test mode');
    // Not marked: a real run of the same profile still gets it.
    expect(test.d.globalState.get(WALKTHROUGH_OFFERED_KEY)).toBeUndefined();
    expect([...earlier.executed, ...test.executed]).toEqual([]);
  });

  it('logs, and does not throw, when VS Code cannot open it', async () => {
    const { d, logged } = deps({ executeCommand: () => Promise.reject(new Error('no such command')) });
    expect(await offerWalkthroughOnce(d)).toBe('failed');
    expect(logged).toEqual(['Could not open the walkthrough: no such command']);
  });
});
