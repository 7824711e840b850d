/**
 * What the host benchmark's three parts share: the driver (bench/host/driver.mjs, in plain Node), the
 * probe (probe.ts, preloaded into the VS Code extension host with `--require`) and the tests module
 * (module.ts, which VS Code's test runner calls inside that extension host).
 */

/** Environment variable that names the probe's configuration file (set on the server, inherited by the extension host). */
export const CONFIG_ENV = 'CAREER_LATTICE_BENCH_CONFIG';
/** Prefix of the line, logged in the extension host, that carries the result to the driver. */
export const RESULT_PREFIX = '[career-lattice-bench]';
/** Where the probe leaves its promise for the tests module (both run in the one extension host). */
export const GLOBAL_KEY = '__careerLatticeBench';

export interface ProbeConfig {
  /** 'cold' or 'warm': only for messages. */
  readonly label: string;
  /** Absolute path of the bundle whose loading starts the clock (dist/extension.js). */
  readonly bundle: string;
  /** The argument object of the careerLattice.getEvidenceSummary call. */
  readonly args: { track: string; currentLevel: string };
  /** The answer of a complete index, per criterion of the target level (from the core, same files). */
  readonly expected: readonly { id: string; count: number }[];
  /** Give up (and say why) after this long from the extension host's start. */
  readonly timeoutMs: number;
  /** After the summary, wait until the extension's storage is written and settled (the cold run, so the warm one finds the cache). */
  readonly waitForStorage: boolean;
  /** Write a CPU profile of the extension host's thread, from activation to the summary, to this file. */
  readonly profile?: string;
}

export interface Block {
  /** How long the event loop was blocked, ms. */
  readonly ms: number;
  /** When the block ended, ms after activation started. */
  readonly atMs: number;
}

export interface ProbeResult {
  readonly label: string;
  /** Activation (the extension host starts loading dist/extension.js) to the first complete summary, ms. */
  readonly summaryMs: number;
  /** Loading the bundle (require), ms. */
  readonly loadMs: number;
  /** Activation to activate() returning, ms (loading, VS Code's context set-up, activate()). */
  readonly activatedMs: number;
  /** The first answer of getEvidenceSummary was the complete one (false: it answered early; summaryMs is when a later call was complete). */
  readonly firstAnswerComplete: boolean;
  readonly answers: number;
  /** Longest event-loop delay from activation to the summary (monitorEventLoopDelay, 5 ms resolution), ms. */
  readonly maxBlockMs: number;
  /** The same from a 5 ms setInterval drift monitor, with when they happened: the five longest. */
  readonly longestBlocks: readonly Block[];
  /** From the extension host's start (its process) to activation, ms: VS Code's own start-up, not the extension's. */
  readonly hostStartToActivationMs: number;
  /** VS Code's own performance marks for this extension, ms after activation. */
  readonly marks: Record<string, number>;
  /** Files in the extension's storage when it activated (a warm start needs the cache there). */
  readonly storageFilesAtStart: number;
  /** The cold run: ms after activation until the storage was written and settled; undefined when not awaited or never. */
  readonly storageSettledMs?: number;
  readonly storageBytes?: number;
  /** Peak resident memory of the extension host process, MB (VS Code's own share included). */
  readonly peakRssMb: number;
  /** The extension's own log lines (its output channel) from activation to the summary, each with when it was written. */
  readonly log?: readonly string[];
  readonly profile?: string;
  readonly error?: string;
}
