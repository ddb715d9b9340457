// The "Get started" walkthrough, opened once: VS Code opens a walkthrough by itself only when the extension
// is installed into a running window, not when it was installed before VS Code started (a fresh profile,
// `code --install-extension`, settings sync). So the first activation opens it, as other extensions do,
// unless the user has told VS Code not to open walkthroughs on install, or has used this extension before.
import { describeError } from '../core/errors';
import type { Log } from './log';

export const WALKTHROUGH_ID = 'miningEconomics.gettingStarted';
/** globalState key: the walkthrough was offered once (opened or deliberately not). */
export const WALKTHROUGH_OFFERED_KEY = 'miningEconomics.walkthroughOffered';
/** A snapshot saved by an earlier version: the user has used the extension before this release. */
const EARLIER_USE_KEY = 'miningEconomics.lastSnapshot';

export interface WalkthroughDeps {
  readonly globalState: {
    get<T>(key: string): T | undefined;
    update(key: string, value: unknown): Thenable<void>;
  };
  /** "publisher.name" */
  readonly extensionId: string;
  /** Running under an extension test runner: never open editors there. */
  readonly testMode: boolean;
  /** VS Code's `workbench.welcomePage.walkthroughs.openOnInstall` (default true). */
  readonly openOnInstall: boolean;
  readonly executeCommand: (command: string, ...args: unknown[]) => Thenable<unknown>;
  readonly log: Pick<Log, 'info' | 'warn'>;
}

export type WalkthroughOutcome = 'opened' | 'failed' | 'already offered' | 'test mode' | 'turned off' | 'used before';

/** Opens the walkthrough on the first activation in a profile; what it did, for the log and tests. */
export async function offerWalkthroughOnce(deps: WalkthroughDeps): Promise<WalkthroughOutcome> {
  if (deps.testMode) return 'test mode';
  if (deps.globalState.get(WALKTHROUGH_OFFERED_KEY)) return 'already offered';
  await deps.globalState.update(WALKTHROUGH_OFFERED_KEY, true);
  if (!deps.openOnInstall) return 'turned off';
  if (deps.globalState.get(EARLIER_USE_KEY) !== undefined) return 'used before';
  try {
    await deps.executeCommand('workbench.action.openWalkthrough', `${deps.extensionId}#${WALKTHROUGH_ID}`, false);
    deps.log.info('Opened the "Get started" walkthrough (first run).');
    return 'opened';
  } catch (error) {
    deps.log.warn(`Could not open the walkthrough: ${describeError(error)}`);
    return 'failed';
  }
}
