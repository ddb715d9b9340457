// Bench-only page: the panel's plots redrawn with bare uPlot — no chart wrapper, no derivation, no
// validation, default paths and axes — from the plot specs panel.bench.ts captured in the panel itself
// (whatever series, in whatever charts, the panel draws). The time from the first `new uPlot` to the last
// plot's draw hook is the floor our panel is measured against; with its plots made before the clock, the
// stricter floor printed beside it.

import uPlot from 'uplot';

export interface BarePlotSpec {
  readonly width: number;
  readonly height: number;
  readonly scales: readonly {
    readonly key: string;
    readonly distr: number;
    readonly log: number;
    readonly time: boolean;
  }[];
  readonly axes: readonly { readonly scale: string; readonly side: number }[];
  readonly series: readonly { readonly scale: string; readonly stroke: string; readonly width: number }[];
  /** x first, then one column per series; null where there is no value. */
  readonly data: readonly (readonly (number | null)[])[];
}

let plots: uPlot[] = [];

/**
 * Draws every spec in a fresh plot; resolves with the ms from the first constructor to the last draw. With
 * `premade`, the plots are made empty before the clock starts and the clock covers only their data's draw (as
 * our panel makes its plots when the page mounts): the stricter baseline the bench prints beside the target's.
 */
async function render(specs: readonly BarePlotSpec[], premade = false): Promise<number> {
  for (const u of plots) u.destroy();
  plots = [];
  const root = document.getElementById('plots')!;
  root.replaceChildren();
  const options = specs.map((spec) => {
    const el = document.createElement('div');
    root.append(el);
    const opts: uPlot.Options = {
      width: spec.width,
      height: spec.height,
      legend: { show: false },
      scales: Object.fromEntries(
        spec.scales.map((s) => [
          s.key,
          s.time ? { time: true } : { distr: s.distr as uPlot.Scale.Distr, log: s.log as uPlot.Scale.LogBase },
        ]),
      ),
      axes: spec.axes.map((a) => ({ scale: a.scale, side: a.side as uPlot.Axis.Side })),
      series: [
        {},
        ...spec.series.map((s) => ({ scale: s.scale, stroke: s.stroke, width: s.width, points: { show: false } })),
      ],
    };
    return { el, opts, data: spec.data as unknown as uPlot.AlignedData };
  });
  let armed = !premade;
  let started = 0;
  let done: (ms: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (done = resolve));
  const drawn = new Set<number>();
  const create = (data: (i: number) => uPlot.AlignedData): void =>
    options.forEach(({ el, opts }, i) => {
      opts.hooks = {
        draw: [
          () => {
            if (!armed) return;
            drawn.add(i);
            if (drawn.size === options.length) done(performance.now() - started);
          },
        ],
      };
      plots.push(new uPlot(opts, data(i), el));
    });
  if (premade) {
    create((i) => options[i]!.data.map(() => []) as unknown as uPlot.AlignedData);
    // The empty plots' own first draw happens in a microtask: let it pass before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, 0));
    armed = true;
    started = performance.now();
    plots.forEach((u, i) => u.setData(options[i]!.data));
  } else {
    started = performance.now();
    create((i) => options[i]!.data);
  }
  return finished;
}

(window as unknown as { __renderBare: typeof render }).__renderBare = render;
