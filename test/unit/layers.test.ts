// The core's layering, checked on the source: view models (src/core/views: what to show) sit above the
// domain (economics, pnl, history, glance: how to compute), and no files or sibling folders of the core
// import each other in a circle.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = resolve(__dirname, '../../src/core');
const SRC = resolve(__dirname, '../../src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c)) ?? null;
}

/** Every file below `root` → the files below it that it imports (import and export … from, type-only included). */
function importGraph(root = CORE): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(/(?:import|export)[^'";]*?from\s+'([^']+)'/g)]
      .map((m) => resolveImport(file, m[1]!))
      .filter((d): d is string => d !== null && d.startsWith(root));
    graph.set(file, deps);
  }
  return graph;
}

/** The folder below src/core a file is in ("(root)" for src/core itself). */
function folderOf(file: string): string {
  const parts = relative(CORE, file).split(sep);
  return parts.length > 1 ? parts[0]! : '(root)';
}

/** A cycle through `nodes` in a directed graph, or null (depth-first search with colours). */
function findCycle(edges: Map<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | null => {
    state.set(n, 'open');
    path.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 'open') return [...path.slice(path.indexOf(m)), m];
      if (!state.has(m)) {
        const found = visit(m);
        if (found) return found;
      }
    }
    path.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of edges.keys()) {
    if (!state.has(n)) {
      const found = visit(n);
      if (found) return found;
    }
  }
  return null;
}

describe('core layering', () => {
  const graph = importGraph();

  it('finds the imports it checks (the graph is not empty)', () => {
    expect(graph.get(join(CORE, 'views', 'pnlState.ts'))).toContain(join(CORE, 'pnl', 'profitability.ts'));
  });

  it('has no import cycle between core files', () => {
    const cycle = findCycle(graph);
    expect(cycle?.map((f) => relative(CORE, f))).toBeUndefined();
  });

  it('has no import cycle between the core sub-folders', () => {
    const folders = new Map<string, string[]>();
    for (const [file, deps] of graph) {
      const from = folderOf(file);
      if (from === '(root)') continue;
      for (const d of deps) {
        const to = folderOf(d);
        if (to !== from && to !== '(root)') folders.set(from, [...new Set([...(folders.get(from) ?? []), to])]);
      }
    }
    expect(findCycle(folders)).toBeNull();
  });

  it('only views import views', () => {
    const offenders = [...graph].flatMap(([file, deps]) =>
      folderOf(file) === 'views'
        ? []
        : deps.filter((d) => folderOf(d) === 'views').map((d) => `${relative(CORE, file)} → ${relative(CORE, d)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('format depends on nothing but the core root (constants, model, economics)', () => {
    const deps = [...graph].filter(([file]) => folderOf(file) === 'format').flatMap(([, d]) => d.map(folderOf));
    expect(deps.every((f) => f === 'format' || f === '(root)')).toBe(true);
  });
});

describe('the whole of src/', () => {
  it('has no import cycle between files (host, webview, shared and core alike)', () => {
    const graph = importGraph(SRC);
    expect(graph.get(join(SRC, 'extension.ts'))).toContain(join(SRC, 'vscode', 'dataService.ts'));
    expect(findCycle(graph)?.map((f) => relative(SRC, f))).toBeUndefined();
  });

  it('has no import cycle between sibling folders (at any depth: vscode/sources ↔ vscode/node alike)', () => {
    const graph = importGraph(SRC);
    const folders = new Map<string, Set<string>>();
    for (const [file, deps] of graph) {
      for (const d of deps) {
        // The first folders where the two paths part: siblings below their common parent.
        const a = relative(SRC, dirname(file)).split(sep);
        const b = relative(SRC, dirname(d)).split(sep);
        let i = 0;
        while (i < a.length && i < b.length && a[i] === b[i]) i++;
        if (i >= a.length || i >= b.length) continue; // same folder, or a parent and its child
        const from = a.slice(0, i + 1).join('/');
        const to = b.slice(0, i + 1).join('/');
        folders.set(from, (folders.get(from) ?? new Set()).add(to));
      }
    }
    const edges = new Map([...folders].map(([k, v]) => [k, [...v]] as const));
    expect(edges.size).toBeGreaterThan(5);
    expect(findCycle(edges)).toBeNull();
  });

  it('has no file over 400 lines (one job per file)', () => {
    const files = tsFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((f) => [relative(SRC, f), readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > 400);
    expect(long).toEqual([]);
  });
});
