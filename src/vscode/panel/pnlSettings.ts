// The panel's one write: a P&L input, saved to the user settings (ConfigurationTarget.Global) after it is
// checked again — the page checked it, but the host trusts nothing from it. The status bar, hover and
// panel then follow the configuration change like any other. Reading stays with ConfigService.
import * as vscode from 'vscode';
import { PNL_EDIT_SETTING_KEYS, type FleetUnit, type PnlEditField } from '../../core/pnl/panelFieldNames';
import { validatePnlEdit } from '../../core/views/pnlFields';
import { SETTINGS_SECTION } from '../../core/settings';
import { describeFailure } from '../../core/transport';
import type { Log } from '../log';

/** `message`: why it was refused, or (saved) that a workspace value still wins; null when nothing to say. */
export async function savePnlSetting(
  field: PnlEditField,
  value: unknown,
  fleetUnit: FleetUnit,
  log: Log,
): Promise<{ ok: boolean; message: string | null }> {
  const key = PNL_EDIT_SETTING_KEYS[field];
  const checked = validatePnlEdit(field, value, fleetUnit);
  if (!checked.ok) {
    log.warn(`Panel: refused to save ${SETTINGS_SECTION}.${key}: ${checked.message}`);
    return { ok: false, message: checked.message };
  }
  try {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    await config.update(key, checked.value, vscode.ConfigurationTarget.Global);
    log.info(`Panel: saved ${SETTINGS_SECTION}.${key} = ${JSON.stringify(checked.value)} to the user settings.`);
    // A workspace (folder) value wins over the user setting: say so, or the edit would seem ignored.
    const inspected = config.inspect(key);
    const override = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    return {
      ok: true,
      message:
        override === undefined
          ? null
          : `Saved to your user settings, but this workspace sets ${SETTINGS_SECTION}.${key} to ${JSON.stringify(override)}, which takes precedence.`,
    };
  } catch (error) {
    const message = `Could not save ${SETTINGS_SECTION}.${key}: ${describeFailure(error)}`;
    log.error(`Panel: ${message}`);
    return { ok: false, message };
  }
}
