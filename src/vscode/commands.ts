// Command ids, declared once (package.json contributes the same ids; a unit test keeps them in sync).
// The panel's view type is the protocol's PANEL_VIEW_TYPE (src/shared/protocol), shared with the webview.
export const COMMANDS = {
  show: 'miningEconomics.show',
  refresh: 'miningEconomics.refresh',
  showLog: 'miningEconomics.showLog',
  setNodePassword: 'miningEconomics.setNodePassword',
  insertSnapshot: 'miningEconomics.insertSnapshot',
  copySnapshot: 'miningEconomics.copySnapshot',
} as const;
