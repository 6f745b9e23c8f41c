import type { GateTimeout, TaskPool } from '../pool/task-pool';

/** Every tier of `validation.md` §1. */
export const TIERS = [
  'quick',
  'standard',
  'full',
  'real',
  'pre-live',
  'exchange',
  'module',
  'live-parity',
] as const;
export type Tier = (typeof TIERS)[number];

/** One failing item of a gate. `message` is the whole report line (`validation.md` §4 failure formats). */
export interface GateFailure {
  readonly message: string;
  /** The play the failure belongs to, when there is one. */
  readonly play?: string;
  /** Extra machine detail for programmatic callers (never printed in the report). */
  readonly detail?: unknown;
}

/** What a gate's `run` returns; the runner adds id, name and duration. */
export interface GateOutcome {
  readonly passed: boolean;
  /** Number of items the gate really examined. */
  readonly checked: number;
  /** Catalogue detail string (`validation.md` §4), e.g. `44 indicators`. */
  readonly detail: string;
  readonly failures: readonly GateFailure[];
}

/** A gate's result as the runner records it. */
export interface GateResult extends GateOutcome {
  readonly gateId: string;
  readonly name: string;
  readonly durationSec: number;
}

/** Everything a gate may use. Gates never read process state directly. */
export interface GateContext {
  readonly tier: Tier;
  /** Working directory the run resolves `plays/` against. */
  readonly cwd: string;
  /** `plays/validation` (or a test's folder). */
  readonly validationPlaysDir: string;
  /** `--play`: the deployed play's path (pre-live). */
  readonly play: string | undefined;
  /** The run's one worker pool (`validation.md` §8). */
  readonly pool: TaskPool;
  /** The shared data folder, when found. */
  readonly sharedDir: string | undefined;
  /** `--timeout-play` in ms (threads only); undefined = no limit. */
  readonly timeoutPlayMs?: number | undefined;
  /** `--timeout-gate` in ms (`validation.md` §8, default 600 s); undefined = no limit. */
  readonly timeoutGateMs?: number | undefined;
  /** Called as a gate's pool tasks finish (the live status line, `validation.md` §9). */
  readonly onTaskDone?: ((gateId: string, done: number, total: number) => void) | undefined;
  /** Set by the runner for the gate it runs: aborted when the gate's time limit ran out. */
  readonly gateTimeout?: GateTimeout | undefined;
  /** `CI=true`: a missing shared folder is a failure, never a skip. */
  readonly ci: boolean;
  /** Real tier and real modules only (`validation.md` §11): manifest and data env settings. */
  readonly real?: RealTierSettings | undefined;
  /** Pre-live tier (`validation.md` §12): `--target` and the environment the API keys come from. */
  readonly preLive?: PreLiveSettings | undefined;
}

/** What the RD gates need beyond the common context (plain data; the gates read the manifest themselves). */
export interface RealTierSettings {
  /** `--manifest FILE`, resolved; already validated once before any gate started. */
  readonly manifestPath: string;
  /** `--sync`: RD0 syncs from Bybit REST whatever the manifest's `source` says. */
  readonly sync: boolean;
  /** Environment the data env location is resolved from (`TRADE_DATA_DIR`, `TRADE_BYBIT_REST_URL`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Overrides `TRADE_DATA_DIR` / `./data` (tests). */
  readonly dataDir?: string | undefined;
}

export interface GateDef {
  /** `G1` … `G14`, `G4b`, `RD0`…, `PL1`…, `EX1`… */
  readonly id: string;
  /** Catalogue name (`validation.md` §4). */
  readonly name: string;
  /** Module of §14, or null for gates outside every module (G1, RD0, PL*, EX*). */
  readonly module: string | null;
  run(ctx: GateContext): Promise<GateOutcome>;
}

/** One stage: gates that run concurrently; stages run in order (`validation.md` §5). */
export type Stage = readonly GateDef[];

/** How a tier stops early (`validation.md` §5). */
export type FailFastRule = 'stage' | 'sequential' | 'none';

export interface Schedule {
  /** `quick`… or `module:<name>`. */
  readonly tier: string;
  readonly stages: readonly Stage[];
  readonly failFast: FailFastRule;
}

/** `--target` of the pre-live tier (`validation.md` §12–13). */
export const PRE_LIVE_TARGETS = ['demo', 'live', 'mock'] as const;
export type PreLiveTarget = (typeof PRE_LIVE_TARGETS)[number];

/**
 * The test account the in-process mock is seeded with (the shape of `@trade/bybit-mock`'s `MockAccountSpec`,
 * restated here so the runner and the module entries do not load the mock).
 */
export interface PreLiveMockAccount {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly balanceUsdt?: number;
  readonly positions?: readonly {
    readonly symbol: string;
    readonly side: 'Buy' | 'Sell';
    readonly size: number;
    readonly avgPrice: number;
    readonly leverage?: number;
  }[];
}

/** What the PL gates need beyond the common gate context (plain data). */
export interface PreLiveSettings {
  readonly target: PreLiveTarget;
  /** Environment the API keys are read from (`BYBIT_DEMO_API_KEY`…, `cli.md` §7.4). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Target mock: the seeded test account (default: a random key pair with 1 000 000 USDT). */
  readonly mockAccount?: PreLiveMockAccount | undefined;
}
