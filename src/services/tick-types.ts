// What `callbook tick` takes and what it reports, for the CLI, its renderer and the tests.
import type { SkipCategory } from '../domain/dialing-policy.js';
import type { LeaseClock, OpenDialer } from './dialing-setup.js';
import type { TickNotifications } from './notify/after-tick.js';
import type { DialedCall, FailedCall } from './place-call.js';

export interface TickInput {
  meeting_request_id: number | null;
  max_calls: number | null;
  dry_run: boolean;
  simulate?: boolean;
  /** Skipped leads shown per reason. */
  examples?: number;
  /** Where `serve` is (--port / --base-url); default PUBLIC_BASE_URL, or 127.0.0.1:8787 for the simulator. */
  base_url?: string | null;
}

export interface TickDeps {
  openDialer?: OpenDialer;
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds, for pacing. */
  clock?: () => number;
  /** The real clock and timings of leases (tests shorten them). */
  lease?: Partial<LeaseClock>;
  /** After each claimed lead is dealt with: what a person watching a long tick is shown (the CLI, on a terminal). */
  onProgress?: (progress: TickProgress) => void;
}

export interface TickProgress {
  claimed: number;
  placed: number;
  failed: number;
}

export interface PlannedCall {
  lead_id: number;
  meeting_request_id: number;
  name: string;
  phone: string;
  local_time: string;
  checks: string[];
}
export interface SkipExample {
  lead_id: number;
  name: string;
  reason: string;
}
export interface SkipGroup {
  category: SkipCategory;
  count: number;
  examples: SkipExample[];
}

export interface TickResult {
  dry_run: boolean;
  now: string;
  meeting_request_id: number | null;
  max_calls: number;
  would_call: PlannedCall[];
  dialed: DialedCall[];
  failed: FailedCall[];
  skipped: SkipGroup[];
  summary: {
    leads: number;
    due: number;
    dialed: number;
    failed: number;
    skipped: number;
    stale_claims_released: number;
    /** Calls whose final status never came, closed so their leads are not stuck in 'calling'. */
    lost_calls_closed: number;
    marked_exhausted: number;
    /** Calls a dead tick left in "dialing", settled now (found, absent, or expired). */
    dialing_reconciled: number;
    /** ...and those still unknown: their leads are held, not re-dialed. */
    dialing_unknown: number;
  };
  /** Why the tick stopped before max_calls, when it did. */
  stopped: string | null;
  /** What the outbox sent after dialing (not on --dry-run). */
  notifications?: TickNotifications;
}
