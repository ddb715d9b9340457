import { generateChain, clearChainCache } from './chain';
const t0 = performance.now();
const c = generateChain();
console.log('gen ms', (performance.now()-t0).toFixed(0), c.generationMs.toFixed(0));
console.log('tip', c.tipHeight, new Date(c.tipTimeS*1000).toISOString());
console.log('cur H EH', (c.currentHashrateHps/1e18).toFixed(1), 'D', c.currentDifficulty.toExponential(4), 'D*2^32/600 EH', (c.currentDifficulty*2**32/600/1e18).toFixed(1));
console.log('prices', c.pricesNow);
const t1=performance.now(); const days = c.days; console.log('days', days.length, (performance.now()-t1).toFixed(0),'ms', days.slice(0,3), days.slice(-2));
const rt = c.retargets; console.log('retargets', rt.length, rt.slice(0,3), rt.slice(-3));
for (const back of [0, 14, 30, 45, 60, 90]) { const h = c.heightAtOrBefore(c.tipTimeS - back*86400); console.log('7d est', back, 'days ago', (c.networkHashPs(1008,h)/1e18).toFixed(1)); }
const checkpoints: [number, number][] = [[32256,1262153464],[210000,1354116278],[420000,1468082773],[630000,1589225023],[840000,1713571767],[887040,1741535926]];
for (const [h, t] of checkpoints) { const hh = c.heightAtOrBefore(t); console.log('real', h, 'sim at that time', hh, hh-h); }
console.log(c.rewardStats(144));
const b = c.blocks; console.log(b.length, b[b.length-1]);
for (const s of [1,2,3,4,5,6,7]) { clearChainCache(); const x = generateChain({seed:s}); console.log('seed', s, x.tipHeight, (x.currentHashrateHps/1e18).toFixed(1), x.pricesNow.USD, x.generationMs.toFixed(0), 'max7d 30-60 ago', Math.max(...[30,35,40,45,50,55,60].map(k=>x.networkHashPs(1008, x.heightAtOrBefore(x.tipTimeS-k*86400))/1e18)).toFixed(1)); }
for (const s of [21,1,2,3,4,5,6,7,8,9,10]) { clearChainCache(); const x = generateChain({seed:s}); const d = x.retargets.find(r=>r.height>0 && r.difficulty>1)!; console.log('seed', s, 'scale', x.tailScale.toFixed(3), 'first change', d.height, new Date(d.timeS*1000).toISOString().slice(0,10), 'h@2025-03-09', x.heightAtOrBefore(1741535926)); }
