// Unit tests run the sources, not dist/: each lazy bundle's loader (which require()s a built file beside
// dist/extension.js) returns the bundle's source module instead. One place for every test file.
import { vi } from 'vitest';

vi.mock('../../src/vscode/netBundle', async () => {
  const net = await import('../../src/net/index');
  return { loadNet: () => net };
});

vi.mock('../../src/vscode/node/nodeBundle', async () => {
  const node = await import('../../src/vscode/node/index');
  return { loadNode: () => node };
});

vi.mock('../../src/vscode/sources/sourcesBundle', async () => {
  const sources = await import('../../src/vscode/sources/index');
  return { loadSources: () => sources };
});
