// Bridges a snapshot and the user's settings to the alert state machine (src/core/pnl/alerts.ts), and
// phrases its events for a notification.

import { formatHashprice, formatHashrate, formatInteger, formatSignedPercent } from '../format';
import type { Currency, NetworkSnapshot } from '../model';
import type { AlertEvent, AlertObservation, AlertSettings } from '../pnl/alerts';
import type { Settings } from '../settings';
import { probabilityText } from './estimateText';
import { HASHRATE_7D_BLOCKS } from './glanceEstimates';
import type { GlanceFigures } from './glanceFigures';

export function alertObservation(snapshot: NetworkSnapshot, figures: GlanceFigures): AlertObservation {
  const records = snapshot.hashrate.difficulty;
  const last = records[records.length - 1];
  return {
    lastRetargetHeight: last?.height ?? null,
    lastRetargetChangePercent: last ? (last.adjustmentRatio - 1) * 100 : null,
    hashrate7dHps: snapshot.hashrate.currentHashrateHps,
    hashrate7dBlocks: HASHRATE_7D_BLOCKS,
    hashpricePerPhDay: figures.hashprice.hashpricePerPhDay,
  };
}

export function alertSettings(settings: Settings, figures: GlanceFigures): Partial<AlertSettings> {
  const a = settings.alerts;
  return {
    enabled: {
      difficultyAdjusted: a.difficultyAdjustment,
      hashrateCrossed: a.hashrateThreshold,
      belowBreakeven: a.breakeven,
      recoveredBreakeven: a.breakeven,
    },
    hashrateThresholdHps: a.hashrateThresholdHps,
    requireSignificance: a.requireSignificance,
    confidenceLevel: settings.confidenceLevel,
    breakevenHashpricePerPhDay: figures.profitability?.breakevenHashpricePerPhDay ?? null,
  };
}

export function alertMessage(event: AlertEvent, currency: Currency): string {
  switch (event.type) {
    case 'difficultyAdjusted':
      return `Bitcoin difficulty adjusted at block ${formatInteger(event.height)}${event.changePercent === null ? '' : `: ${formatSignedPercent(event.changePercent)}`}.`;
    case 'hashrateCrossed': {
      const side = event.direction === 'up' ? 'above' : 'below';
      const likely =
        event.probability === undefined ? '' : ` (${probabilityText(event.probability)} likely truly ${side})`;
      return `Bitcoin's 7-day hash rate ${event.direction === 'up' ? 'rose above' : 'fell below'} ${formatHashrate(event.thresholdHps)}: now ${formatHashrate(event.hashrate7dHps)}${likely}.`;
    }
    case 'belowBreakeven':
      return `Hashprice ${formatHashprice(event.hashpricePerPhDay, currency)} fell below your breakeven of ${formatHashprice(event.breakevenHashpricePerPhDay, currency)}.`;
    case 'recoveredBreakeven':
      return `Hashprice ${formatHashprice(event.hashpricePerPhDay, currency)} is back above your breakeven of ${formatHashprice(event.breakevenHashpricePerPhDay, currency)}.`;
  }
}
