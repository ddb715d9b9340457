// Command ids, declared once (package.json contributes the same ids; a unit test keeps them in sync).
export const COMMANDS = {
  show: 'miningEconomics.show',
  refresh: 'miningEconomics.refresh',
  showLog: 'miningEconomics.showLog',
} as const;
