import { generateChain, modelHashrateHps } from './chain';
const c = generateChain();
for (let back = 100; back >= 0; back -= 4) {
  const t = c.tipTimeS - back * 86400;
  const h = c.heightAtOrBefore(t);
  console.log(back, new Date(t*1000).toISOString().slice(0,10), 'model', (c.modelHashrateAt(t)/1e18).toFixed(0), 'smooth', (modelHashrateHps(t)/1e18).toFixed(0), 'est1008', (c.networkHashPs(1008,h)/1e18).toFixed(0), 'est144', (c.networkHashPs(144,h)/1e18).toFixed(0), 'D', (c.difficultyAt(h)/1e12).toFixed(1));
}
