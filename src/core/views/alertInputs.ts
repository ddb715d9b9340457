// Bridges a snapshot and the user's settings to the alert state machine (src/core/pnl/alerts.ts), and
// phrases its events for a notification.

import { formatHashprice, formatHashrate, formatInteger, formatSignedPercent } from '../format';
import type { Currency, NetworkSnapshot } from '../model';
import { t } from '../l10n';
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
      return event.changePercent === null
        ? t('Bitcoin difficulty adjusted at block {0}.', formatInteger(event.height))
        : t(
            'Bitcoin difficulty adjusted at block {0}: {1}.',
            formatInteger(event.height),
            formatSignedPercent(event.changePercent),
          );
    case 'hashrateCrossed': {
      const up = event.direction === 'up';
      const threshold = formatHashrate(event.thresholdHps);
      const now = formatHashrate(event.hashrate7dHps);
      if (event.probability === undefined)
        return up
          ? t("Bitcoin's 7-day hash rate rose above {0}: now {1}.", threshold, now)
          : t("Bitcoin's 7-day hash rate fell below {0}: now {1}.", threshold, now);
      const p = probabilityText(event.probability);
      return up
        ? t("Bitcoin's 7-day hash rate rose above {0}: now {1} ({2} likely truly above).", threshold, now, p)
        : t("Bitcoin's 7-day hash rate fell below {0}: now {1} ({2} likely truly below).", threshold, now, p);
    }
    case 'belowBreakeven':
      return t(
        'Hashprice {0} fell below your breakeven of {1}.',
        formatHashprice(event.hashpricePerPhDay, currency),
        formatHashprice(event.breakevenHashpricePerPhDay, currency),
      );
    case 'recoveredBreakeven':
      return t(
        'Hashprice {0} is back above your breakeven of {1}.',
        formatHashprice(event.hashpricePerPhDay, currency),
        formatHashprice(event.breakevenHashpricePerPhDay, currency),
      );
  }
}
