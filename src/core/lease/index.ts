// One fetcher for all windows of a profile: the lease (who fetches), the snapshot channel (what it
// fetched, for the others) and the focus beacon (whether anybody looks). Pure: storage and clock are
// injected (src/vscode/leaseFile.ts provides files).
export {
  Lease,
  leaseTtlMs,
  MAX_LEASE_TTL_MS,
  parseLeaseRecord,
  type LeaseOptions,
  type LeaseRecord,
  type LeaseRole,
  type LeaseState,
} from './lease';
export { SnapshotChannel, type SnapshotChannelOptions } from './snapshotChannel';
export { FocusBeacon, type FocusBeaconOptions } from './focusBeacon';
export {
  decodeSharedGlance,
  encodeSharedGlance,
  FUTURE_TOLERANCE_MS,
  type ReportError,
  type SharedGlance,
  type SharedText,
} from './records';
