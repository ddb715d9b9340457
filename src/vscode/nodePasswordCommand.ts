// "Bitcoin: Set Node RPC Password": the node's RPC password goes to VS Code's SecretStorage (the OS keychain),
// never to settings.json or the log; the same command clears it.
import * as vscode from 'vscode';
import type { Command } from './commandManager';
import { COMMANDS } from './commands';
import type { Log } from './log';

/** The SecretStorage key of the password (one node per profile: the user is a setting). */
export const NODE_PASSWORD_SECRET = 'miningEconomics.bitcoind.password';

export class SetNodePasswordCommand implements Command {
  readonly id = COMMANDS.setNodePassword;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly user: () => string,
    private readonly log: Log,
  ) {}

  async execute(): Promise<void> {
    const stored = (await this.secrets.get(NODE_PASSWORD_SECRET)) !== undefined;
    if (stored) {
      const choice = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Set a new password'), action: 'set' as const },
          { label: vscode.l10n.t('Clear the stored password'), action: 'clear' as const },
        ],
        { title: vscode.l10n.t('Bitcoin Core RPC password'), placeHolder: vscode.l10n.t('A password is stored') },
      );
      if (!choice) return;
      if (choice.action === 'clear') {
        await this.secrets.delete(NODE_PASSWORD_SECRET);
        this.log.info('Bitcoin Core RPC password cleared from the secret storage.');
        void vscode.window.showInformationMessage(vscode.l10n.t('Mining Economics: the node RPC password is cleared.'));
        return;
      }
    }
    const user = this.user();
    const password = await vscode.window.showInputBox({
      title: vscode.l10n.t('Bitcoin Core RPC password'),
      prompt: user
        ? vscode.l10n.t(
            'Password of RPC user "{0}" (rpcpassword or rpcauth in bitcoin.conf). Kept in VS Code\'s secret storage.',
            user,
          )
        : vscode.l10n.t(
            "Set miningEconomics.bitcoind.user too: without a user the cookie file is used. Kept in VS Code's secret storage.",
          ),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) =>
        v === ''
          ? vscode.l10n.t('The password is empty')
          : /[\r\n]/.test(v)
            ? vscode.l10n.t('One line only')
            : undefined,
    });
    if (password === undefined || password === '') return;
    await this.secrets.store(NODE_PASSWORD_SECRET, password);
    this.log.info(`Bitcoin Core RPC password stored in the secret storage${user ? ` for user "${user}"` : ''}.`);
  }
}
