/**
 * `npm run bench`: how fast the core indexes 1,000, 10,000 and 50,000 notes, measured in one run on the
 * same files against a floor (read every file and parse its front matter with gray-matter, one
 * thread). Prints a table and writes bench/results.json. Sizes: BENCH_SIZES=1000,10000 to pick.
 *
 * On the 10,000-note workspace it also starts the real VS Code host (bench/host/driver.mjs: the
 * server, its web workbench in headless Chromium, the Node extension host running dist/extension.js, as
 * the integration tests do) and measures, cold and warm, activation to the first complete
 * `careerLattice.getEvidenceSummary`, and the longest event-loop block in the extension host meanwhile.
 * BENCH_HOST=0 skips that part; BENCH_HOST_REPS (default 3) and BENCH_HOST_TIMEOUT (seconds per host
 * start, default 240) tune it; BENCH_HOST_VERBOSE=1 shows the workbench's log.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import matter from 'gray-matter';
import { computeEvidence } from '../src/core/evidence/evidence';
import { serializeCache } from '../src/core/index/cache';
import { buildIndex, FsNoteLoader, refreshNote } from '../src/core/index/indexer';
import { NodeFileSystem } from '../src/core/index/nodeFs';
import { NoteIndex } from '../src/core/index/noteIndex';
import { WorkerPoolLoader } from '../src/core/index/workerPool';
import { builtinLadder, loadLadder } from '../src/core/ladder/load';
import { seededRandom } from '../src/core/util/random';
import { execFileGit } from '../src/core/git/exec';
import { KnownCommits } from '../src/core/git/drafts';
import { harvest } from '../src/core/git/harvest';
import { TagInferrer } from '../src/core/tagging';
import { loadTraining } from '../scripts/tagging/corpus';
import { timing } from '../scripts/tagging/evaluate';

const REPO = path.resolve(__dirname, '../..');
const WORKER = path.join(REPO, 'dist', 'indexWorker.js');
const BUNDLE = path.join(REPO, 'dist', 'extension.js');
/** The built-in ladder and the tagging model, which the bundle reads at activation. */
const DATA = path.join(REPO, 'dist', 'data.json');
const TMP = path.join(os.tmpdir(), 'career-lattice-bench');
const GENERATOR_VERSION = 2;
const REPS = 5;
const TODAY = '2026-11-28';
const HOST_DRIVER = path.join(REPO, 'bench', 'host', 'driver.mjs');
/** The size the host part runs on. */
const HOST_SIZE = 10_000;
/** The argument object of getEvidenceSummary in the host part (bench/host/driver.mjs passes the same). */
const HOST_SUMMARY_ARGS = { track: 'ic', currentLevel: 'L5' };

function expectedFile(count: number): string {
  return path.join(TMP, `expected-${count}.json`);
}

interface Run {
  notes: number;
  floorMs: number;
  coldIndexMs: number;
  warmIndexMs: number;
  incrementalMs: number;
  summaryMs: number;
  maxEventLoopBlockMs: number;
  peakRssMb: number;
  bundleBytes: number;
  dataBytes: number;
  coldPerFloor: number;
  warmPerFloor: number;
  /** The first repetition alone: nothing compiled yet, in the floor's thread nor in ours. */
  firstRep: { floorMs: number; coldIndexMs: number; warmIndexMs: number };
  /** The real VS Code host (10,000 notes only): activation to the first complete summary, no cache (median). */
  hostColdMs?: number;
  /** The same with the index cache the cold run left in the extension's storage (median). */
  hostWarmMs?: number;
  /** The longest event-loop block in the extension host from activation to that summary, over all host runs. */
  hostMaxBlockMs?: number;
  hostColdPerFloor?: number;
  hostWarmPerFloor?: number;
  host?: HostDetail;
  hostError?: string;
}

/** One host start as bench/host/probe.ts reports it (the fields used here; see bench/host/protocol.ts). */
interface HostRun {
  summaryMs: number;
  loadMs: number;
  activatedMs: number;
  firstAnswerComplete: boolean;
  answers: number;
  maxBlockMs: number;
  longestBlocks: { ms: number; atMs: number }[];
  hostStartToActivationMs: number;
  storageFilesAtStart: number;
  storageSettledMs?: number;
  storageBytes?: number;
  peakRssMb: number;
  marks: Record<string, number>;
  log?: string[];
}

interface HostDetail {
  /** What the times are measured from and to. */
  measured: string;
  reps: number;
  coldMs: number[];
  warmMs: number[];
  coldMaxBlockMs: number[];
  warmMaxBlockMs: number[];
  /** Whether the first answer of each run was already the complete one. */
  firstAnswerComplete: boolean;
  /** Activation to the end of loading dist/extension.js, to VS Code calling activate() (its mark willActivateExtension), to activate() returning (medians, cold). */
  loadMs: number;
  activateCalledMs: number;
  activatedMs: number;
  /** The five longest blocks of the run with the longest one, and when they ended (ms after activation). */
  longestBlocks: { run: string; blocks: { ms: number; atMs: number }[] };
  /** The cold runs: when the extension's storage (its index cache) was written, ms after activation; its size. */
  storageSettledMs: number;
  storageBytes: number;
  /** Peak RSS of the extension host process (VS Code's own share included), the largest. */
  peakRssMb: number;
  /** Load average (1, 5, 15 min) before and after the host part: the machine is shared. */
  loadAverage: { before: number[]; after: number[] };
  /** The extension's own log lines about indexing, first cold and first warm run. */
  extensionLog: { run: string; lines: string[] }[];
}

// ---------------------------------------------------------------------------------------------------
// A deterministic synthetic workspace: ~2 KB notes, realistic front matter, spread over folders.

const rng = seededRandom;

const VERBS = ['Led', 'Shipped', 'Designed', 'Mentored', 'Cut', 'Migrated', 'Unblocked', 'Rewrote', 'Aligned', 'Automated', 'Debugged', 'Presented'];
const OBJECTS = [
  'the payments ledger',
  'checkout latency',
  'the on-call rotation',
  'three teams on one schema',
  'the search index',
  'the billing pipeline',
  'flaky integration tests',
  'the hiring loop',
  'the incident review',
  'the design review',
  'the mobile release train',
  'the data warehouse',
];
const WORDS =
  'we reduced p99 latency by forty percent after profiling the hot path and rewriting the cache layer so that reads no longer fan out across regions the rollout went in three phases behind a flag and the dashboards showed no regressions for two weeks afterwards the team adopted the pattern for two other services and the runbook was updated with the new failure modes'.split(
    ' ',
  );

function generate(dir: string, count: number): void {
  const marker = path.join(dir, `.generated-v${GENERATOR_VERSION}-${count}`);
  if (fs.existsSync(marker)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  const random = rng(count);
  const ids = builtinLadder().criterionIds();
  const types = ['brag', 'brag', 'brag', 'design-doc', 'decision', 'note'];
  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    const type = types[Math.floor(random() * types.length)]!;
    const date = new Date(start + Math.floor(random() * span)).toISOString().slice(0, 10);
    const title = `${VERBS[Math.floor(random() * VERBS.length)]} ${OBJECTS[Math.floor(random() * OBJECTS.length)]} (${i})`;
    const criteria = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ids[Math.floor(random() * ids.length)]!);
    let body = `# ${title}\n\n## What happened\n`;
    while (body.length < 1650) body += `${WORDS[Math.floor(random() * WORDS.length)]}${random() < 0.08 ? '.\n\n' : ' '}`;
    const front = [
      '---',
      `type: ${type}`,
      `title: "${title}"`,
      `date: ${date}`,
      'criteria:',
      ...[...new Set(criteria)].map((id) => `  - ${id}`),
      `impact: Saved ${Math.floor(random() * 90) + 10} engineer-hours a month`,
      'links:',
      `  - https://example.com/pr/${i}`,
      ...(type === 'decision' ? [`review: ${new Date(Date.parse(date) + 182 * 86400000).toISOString().slice(0, 10)}`] : []),
      '---',
    ].join('\n');
    const folder = path.join(dir, 'career', type, date.slice(0, 4));
    if (!made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    fs.writeFileSync(path.join(folder, `${date}-note-${i}.md`), `${front}\n${body}\n`);
  }
  fs.writeFileSync(marker, '');
}

// ---------------------------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** The floor: list the files, read each, parse its front matter with gray-matter. One thread, nothing else. */
function floor(dir: string): number {
  const t0 = performance.now();
  let n = 0;
  for (const file of walk(path.join(dir, 'career'))) {
    // Options are passed so gray-matter does not serve repeated runs from its content cache.
    const parsed = matter(fs.readFileSync(file, 'utf8'), {});
    if (parsed.data) n++;
  }
  if (n === 0) throw new Error('floor read nothing');
  return performance.now() - t0;
}

function loaders(dir: string) {
  const nodeFs = new NodeFileSystem(dir);
  const fallback = new FsNoteLoader(nodeFs);
  const pool = new WorkerPoolLoader({
    root: dir,
    workerScript: WORKER,
    fallback,
    onError: (error) => {
      throw new Error(`index threads failed: ${String(error)}`);
    },
  });
  return { nodeFs, fallback, pool };
}

type Loaders = ReturnType<typeof loaders>;

/**
 * A cold index: no cache, a new index. The thread pool lives across repetitions, as the extension
 * keeps it for a session and as the floor's thread keeps its compiled code between repetitions.
 */
async function cold(_dir: string, { nodeFs, pool }: Loaders): Promise<{ ms: number; blockMs: number; index: NoteIndex }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const t0 = performance.now();
  const index = new NoteIndex();
  const report = await buildIndex(index, nodeFs, pool, 'career');
  const ms = performance.now() - t0;
  histogram.disable();
  if (report.files !== index.size) throw new Error(`indexed ${index.size} of ${report.files}`);
  return { ms, blockMs: histogram.max / 1e6, index };
}

/** Start-up from the persisted cache: read and check it, then stat every file and re-read only what changed. */
async function warm(dir: string, cacheFile: string, { nodeFs, pool }: Loaders): Promise<{ ms: number; index: NoteIndex }> {
  const t0 = performance.now();
  // As the desktop extension does: an index thread reads, parses and checks the cache (while the
  // folder is walked here) and hands back the records still current.
  const cached = pool.openCache(cacheFile, dir, 'career').then((opened) => {
    if (!opened || 'missing' in opened) throw new Error('the index threads could not open the cache');
    if ('error' in opened) throw new Error(opened.error);
    return opened;
  });
  const index = new NoteIndex();
  const report = await buildIndex(index, nodeFs, pool, 'career', { cached, expectWarm: true });
  const ms = performance.now() - t0;
  if (report.parsed !== 0) throw new Error(`warm start re-read ${report.parsed} notes`);
  return { ms, index };
}

async function incremental(dir: string, index: NoteIndex, { fallback }: Loaders): Promise<number> {
  const ladder = builtinLadder();
  const ids = ladder.criterionIds();
  const paths = index.paths().slice(0, 100);
  const times: number[] = [];
  for (let i = 0; i < paths.length; i++) {
    const rel = paths[i]!;
    const abs = path.join(dir, ...rel.split('/'));
    const text = fs.readFileSync(abs, 'utf8');
    const changed = text.replace(/criteria:\n(  - .*\n)+/, `criteria:\n  - ${ids[i % ids.length]}\n`);
    fs.writeFileSync(abs, changed);
    const t0 = performance.now();
    await refreshNote(index, fallback, [rel]);
    computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY });
    times.push(performance.now() - t0);
    fs.writeFileSync(abs, text);
    await refreshNote(index, fallback, [rel]);
  }
  return median(times);
}

function summary(index: NoteIndex): number {
  const ladder = builtinLadder();
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY });
    times.push(performance.now() - t0);
  }
  return median(times);
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/**
 * One size. The floor runs in a process of its own and the index in another, so that the index's peak
 * RSS is its own (the floor's thousands of discarded strings would otherwise count). Both repeat three
 * times in their process, so both have compiled code from the second repetition on.
 */
async function measureFloor(count: number): Promise<number[]> {
  const dir = path.join(TMP, `ws-${count}`);
  const g0 = performance.now();
  generate(dir, count);
  log(`\n${count} notes in ${dir} (ready in ${fmt(performance.now() - g0)} ms)`);
  const floors: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    floors.push(floor(dir));
    log(`  floor rep ${rep + 1}: ${fmt(floors[rep]!)} ms`);
  }
  return floors;
}

/** Cold builds in a process of their own; the last one's index is written as the cache for the warm part. */
async function measureCold(count: number): Promise<{ colds: number[]; blockMs: number; peakRssMb: number }> {
  const dir = path.join(TMP, `ws-${count}`);
  const tools = loaders(dir);
  const colds: number[] = [];
  let block = 0;
  for (let rep = 0; rep < REPS; rep++) {
    collect();
    const c = await cold(dir, tools);
    colds.push(c.ms);
    block = Math.max(block, c.blockMs);
    log(`  cold rep ${rep + 1}: ${fmt(c.ms)} ms, longest block ${fmt(c.blockMs)} ms`);
    if (rep === REPS - 1) {
      await fs.promises.writeFile(path.join(TMP, `cache-${count}.json`), serializeCache(c.index, dir));
      // What a complete index answers (per criterion of the target level): the host part checks the extension's answer against it.
      const complete = computeEvidence(builtinLadder(), c.index, { ...HOST_SUMMARY_ARGS, today: new Date().toISOString().slice(0, 10) });
      await fs.promises.writeFile(expectedFile(count), JSON.stringify(complete.criteria.map(({ id, count: n }) => ({ id, count: n }))));
    }
  }
  tools.pool.dispose();
  return { colds, blockMs: block, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Warm starts from that cache, then one change at a time, then the summary: a process of their own. */
async function measureWarm(count: number): Promise<{ warms: number[]; incrementalMs: number; summaryMs: number; peakRssMb: number }> {
  const dir = path.join(TMP, `ws-${count}`);
  const tools = loaders(dir);
  const warms: number[] = [];
  let index: NoteIndex | undefined;
  for (let rep = 0; rep < REPS; rep++) {
    index = undefined;
    collect();
    const w = await warm(dir, path.join(TMP, `cache-${count}.json`), tools);
    warms.push(w.ms);
    index = w.index;
    log(`  warm rep ${rep + 1}: ${fmt(w.ms)} ms`);
  }
  const incrementalMs = await incremental(dir, index!, tools);
  const summaryMs = summary(index!);
  tools.pool.dispose();
  return { warms, incrementalMs, summaryMs, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function child(part: 'floor' | 'cold' | 'warm' | 'tagging' | 'harvest' | 'ladder', count: number): unknown {
  // --expose-gc: between repetitions the previous one's index is collected, as each repetition stands
  // for a fresh start of the extension (the collection itself is never inside a measured time).
  const out = execFileSync(process.execPath, ['--expose-gc', __filename, '--part', part, '--size', String(count)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(WORKER) || !fs.existsSync(BUNDLE)) throw new Error('dist/ is missing: run `node esbuild.js --production` first (npm run bench does).');
  const part = process.argv[process.argv.indexOf('--part') + 1];
  const size = Number(process.argv[process.argv.indexOf('--size') + 1]);
  if (part === 'floor') return void process.stdout.write(`${JSON.stringify(await measureFloor(size))}\n`);
  if (part === 'cold') return void process.stdout.write(`${JSON.stringify(await measureCold(size))}\n`);
  if (part === 'warm') return void process.stdout.write(`${JSON.stringify(await measureWarm(size))}\n`);
  if (part === 'tagging') return void process.stdout.write(`${JSON.stringify(measureTagging())}\n`);
  if (part === 'harvest') return void process.stdout.write(`${JSON.stringify(await measureHarvest(size))}\n`);
  if (part === 'ladder') return void process.stdout.write(`${JSON.stringify(await measureLadderLoad())}\n`);
  if (process.env['BENCH_ONLY'] === 'ladder') {
    // Only the ladder-load figure; the rest of bench/results.json is kept as it is.
    const l = child('ladder', 0) as Awaited<ReturnType<typeof measureLadderLoad>>;
    printLadderLoad(l);
    const file = path.join(REPO, 'bench', 'results.json');
    const previous = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, `${JSON.stringify({ ...previous, ladderLoad: l }, null, 2)}\n`);
    return;
  }
  if (process.env['BENCH_ONLY'] === 'harvest') {
    // Only the harvest figure; the rest of bench/results.json is kept as it is.
    const h = child('harvest', HARVEST_COMMITS) as Awaited<ReturnType<typeof measureHarvest>>;
    printHarvest(h);
    const file = path.join(REPO, 'bench', 'results.json');
    const previous = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, `${JSON.stringify({ ...previous, harvest: h }, null, 2)}\n`);
    return;
  }
  const sizes = (process.env['BENCH_SIZES'] ?? '1000,10000,50000').split(',').map(Number);
  const withHost = process.env['BENCH_HOST'] !== '0';
  if (withHost && !sizes.includes(HOST_SIZE))
    log(`(the real VS Code host part runs on the ${HOST_SIZE}-note workspace only; BENCH_SIZES has no ${HOST_SIZE}: skipped)`);
  if (!withHost) log('(BENCH_HOST=0: the real VS Code host part is skipped)');
  const loadBefore = os.loadavg();
  const runs: Run[] = [];
  const started = performance.now();
  for (const count of sizes) {
    const floors = child('floor', count) as number[];
    const c = child('cold', count) as Awaited<ReturnType<typeof measureCold>>;
    const w = child('warm', count) as Awaited<ReturnType<typeof measureWarm>>;
    const floorMs = median(floors);
    const coldMs = median(c.colds);
    const warmMs = median(w.warms);
    runs.push({
      notes: count,
      floorMs: round(floorMs),
      coldIndexMs: round(coldMs),
      warmIndexMs: round(warmMs),
      incrementalMs: round(w.incrementalMs),
      summaryMs: round(w.summaryMs),
      maxEventLoopBlockMs: round(c.blockMs),
      peakRssMb: round(Math.max(c.peakRssMb, w.peakRssMb)),
      bundleBytes: fs.statSync(BUNDLE).size,
      dataBytes: fs.statSync(DATA).size,
      coldPerFloor: round(coldMs / floorMs, 3),
      warmPerFloor: round(warmMs / floorMs, 3),
      firstRep: { floorMs: round(floors[0]!), coldIndexMs: round(c.colds[0]!), warmIndexMs: round(w.warms[0]!) },
    });
    // The real host right after its floor, so that both see the same load on the machine.
    if (withHost && count === HOST_SIZE) Object.assign(runs[runs.length - 1]!, hostPart(count, floorMs));
  }
  const tagging = child('tagging', 0) as ReturnType<typeof measureTagging>;
  const harvested = child('harvest', HARVEST_COMMITS) as Awaited<ReturnType<typeof measureHarvest>>;
  const ladderLoad = child('ladder', 0) as Awaited<ReturnType<typeof measureLadderLoad>>;
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    commit: gitCommit(),
    date: new Date().toISOString(),
    /** `uptime`'s load averages (1, 5, 15 min) when the run started and ended: the machine may be shared. */
    loadAverage: { start: loadBefore.map((n) => round(n)), end: os.loadavg().map((n) => round(n)) },
  };
  console.log(
    `\nMachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}; load average ${machine.loadAverage.start.join(', ')} at the start, ${machine.loadAverage.end.join(', ')} at the end\n`,
  );
  const header = [
    'notes',
    'floor ms',
    'cold ms',
    'cold/floor',
    'warm ms',
    'warm/floor',
    'incr ms',
    'summary ms',
    'max block ms',
    'peak RSS MB',
    'bundle KB',
    'data KB',
  ];
  const rows = runs.map((r) => [
    String(r.notes),
    fmt(r.floorMs),
    fmt(r.coldIndexMs),
    r.coldPerFloor.toFixed(2),
    fmt(r.warmIndexMs),
    r.warmPerFloor.toFixed(2),
    fmt(r.incrementalMs),
    fmt(r.summaryMs),
    fmt(r.maxEventLoopBlockMs),
    fmt(r.peakRssMb),
    (r.bundleBytes / 1024).toFixed(0),
    (r.dataBytes / 1024).toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  for (const r of runs) printHost(r);
  console.log(
    `\nAuto-tagging: ${fmt(tagging.usPer2KbNote)} µs per 2 KB note; with 500 tagged workspace notes to learn from, ${fmt(tagging.usPer2KbNoteWith500Examples)} µs (target: 1,000 µs).`,
  );
  printHarvest(harvested);
  printLadderLoad(ladderLoad);
  fs.writeFileSync(path.join(REPO, 'bench', 'results.json'), `${JSON.stringify({ machine, runs, tagging, harvest: harvested, ladderLoad }, null, 2)}\n`);
  console.log(`\nWrote bench/results.json in ${fmt((performance.now() - started) / 1000)} s.`);
  const failed = runs.filter((r) => r.hostError);
  if (failed.length) {
    console.error(`\nThe real VS Code host part failed (${failed.map((r) => r.hostError).join('; ')}). BENCH_HOST=0 skips it.`);
    process.exitCode = 1;
  }
}

/**
 * The real VS Code host on the workspace of `count` notes, cold and warm (bench/host/driver.mjs, in a
 * process of its own: it starts the server, Chromium and the extension host, and stops them).
 */
function hostPart(count: number, floorMs: number): Partial<Run> {
  const reps = Number(process.env['BENCH_HOST_REPS'] ?? 3);
  const timeout = Number(process.env['BENCH_HOST_TIMEOUT'] ?? 240);
  const before = os.loadavg();
  log(`  real VS Code host on ${count} notes: ${reps} x (cold, warm), load average ${before.map((n) => n.toFixed(2)).join(', ')} ...`);
  const args = [
    HOST_DRIVER,
    '--workspace',
    path.join(TMP, `ws-${count}`),
    '--expected',
    expectedFile(count),
    '--reps',
    String(reps),
    '--timeout',
    String(timeout),
  ];
  if (process.env['BENCH_HOST_VERBOSE'] === '1') args.push('--verbose');
  const child = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
    // The driver times each host start out itself; this only catches a driver that hangs. SIGTERM lets it stop what it started.
    timeout: (reps * 2 * (timeout + 90) + 120) * 1000,
    killSignal: 'SIGTERM',
  });
  if (child.error || child.status !== 0) {
    const why = child.error ? String(child.error) : `bench/host/driver.mjs exited with ${child.status ?? child.signal}`;
    log(`  real VS Code host: FAILED (${why}; its message is above)`);
    return { hostError: why };
  }
  const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as { cold: HostRun[]; warm: HostRun[] };
  const all = [...out.cold.map((r, i) => ({ run: `cold ${i + 1}`, r })), ...out.warm.map((r, i) => ({ run: `warm ${i + 1}`, r }))];
  const worst = all.reduce((a, b) => (b.r.maxBlockMs > a.r.maxBlockMs ? b : a));
  const hostColdMs = median(out.cold.map((r) => r.summaryMs));
  const hostWarmMs = median(out.warm.map((r) => r.summaryMs));
  const detail: HostDetail = {
    measured:
      "From the extension host starting to load dist/extension.js (VS Code's mark code/extHost/willLoadExtensionCode) to the first answer of careerLattice.getEvidenceSummary, asked as soon as activate() returns, that matches the complete index; on the extension host's clock. Blocks: monitorEventLoopDelay in the extension host over the same span.",
    reps: out.cold.length,
    coldMs: out.cold.map((r) => round(r.summaryMs)),
    warmMs: out.warm.map((r) => round(r.summaryMs)),
    coldMaxBlockMs: out.cold.map((r) => round(r.maxBlockMs)),
    warmMaxBlockMs: out.warm.map((r) => round(r.maxBlockMs)),
    firstAnswerComplete: all.every(({ r }) => r.firstAnswerComplete),
    loadMs: round(median(out.cold.map((r) => r.loadMs))),
    activateCalledMs: round(median(out.cold.map((r) => r.marks['code/extHost/willActivateExtension'] ?? NaN))),
    activatedMs: round(median(out.cold.map((r) => r.activatedMs))),
    longestBlocks: { run: worst.run, blocks: worst.r.longestBlocks },
    storageSettledMs: round(median(out.cold.map((r) => r.storageSettledMs ?? NaN))),
    storageBytes: Math.max(...out.cold.map((r) => r.storageBytes ?? 0)),
    peakRssMb: round(Math.max(...all.map(({ r }) => r.peakRssMb))),
    loadAverage: { before: before.map((n) => round(n)), after: os.loadavg().map((n) => round(n)) },
    extensionLog: [
      { run: 'cold 1', lines: out.cold[0]?.log ?? [] },
      { run: 'warm 1', lines: out.warm[0]?.log ?? [] },
    ],
  };
  return {
    hostColdMs: round(hostColdMs),
    hostWarmMs: round(hostWarmMs),
    hostMaxBlockMs: round(worst.r.maxBlockMs),
    hostColdPerFloor: round(hostColdMs / floorMs, 3),
    hostWarmPerFloor: round(hostWarmMs / floorMs, 3),
    host: detail,
  };
}

function printHost(r: Run): void {
  if (r.hostError) {
    console.log(`\nReal VS Code host, ${fmt(r.notes)} notes: failed (${r.hostError}).`);
    return;
  }
  if (r.hostColdMs === undefined || !r.host) return;
  const h = r.host;
  console.log(
    `\nReal VS Code host, ${r.notes} notes (activation to the first complete getEvidenceSummary; median of ${h.reps}; floor ${fmt(r.floorMs)} ms in this run; load average ${h.loadAverage.before.map((n) => n.toFixed(2)).join(', ')} before, ${h.loadAverage.after.map((n) => n.toFixed(2)).join(', ')} after):`,
  );
  console.log(`| host run | ms | /floor | target | runs (ms) | longest block ms |`);
  console.log(`|----------|---:|-------:|-------:|-----------|-----------------:|`);
  console.log(
    `| cold | ${fmt(r.hostColdMs)} | ${r.hostColdPerFloor!.toFixed(2)} | <= 1.2 | ${h.coldMs.map(fmt).join(', ')} | ${fmt(Math.max(...h.coldMaxBlockMs))} |`,
  );
  console.log(
    `| warm | ${fmt(r.hostWarmMs!)} | ${r.hostWarmPerFloor!.toFixed(2)} | <= 0.3 | ${h.warmMs.map(fmt).join(', ')} | ${fmt(Math.max(...h.warmMaxBlockMs))} |`,
  );
  console.log(
    `Longest event-loop block in the extension host: ${fmt(r.hostMaxBlockMs!)} ms (target <= 50), in ${h.longestBlocks.run}; its longest blocks: ${h.longestBlocks.blocks.map((b) => `${fmt(b.ms)} ms at +${fmt(b.atMs)} ms`).join(', ')}.`,
  );
  console.log(
    `Cold: loading dist/extension.js took ${fmt(h.loadMs)} ms, VS Code called activate() at +${fmt(h.activateCalledMs)} ms and it returned at +${fmt(h.activatedMs)} ms; the cold run's index cache (${fmt(h.storageBytes / 1024)} KB) was written at +${fmt(h.storageSettledMs)} ms.${h.firstAnswerComplete ? '' : ' WARNING: a first answer of getEvidenceSummary was incomplete (the figure is when a later call was complete).'}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Harvest: a repository with 10,000 commits in the period (by two authors, with merged pull requests,
// `(#123)` squashes and conventional scopes), made in one `git fast-import`; then read, grouped and
// drafted (with the tagger) as the command does, timed end to end, the longest event-loop block noted.

const HARVEST_COMMITS = 10_000;
const HARVEST_SINCE = '2026-01-01';

function harvestRepo(commits: number): string {
  const dir = path.join(TMP, `harvest-${commits}-v1`);
  if (fs.existsSync(path.join(dir, '.career-bench-done'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['config', 'user.email', 'me@example.com'], { cwd: dir });
  const random = rng(14);
  const scopes = ['billing', 'search', 'auth', 'api', 'ui', 'ci', 'docs', 'queue'];
  const chunks: string[] = [];
  const start = Date.parse(`${HARVEST_SINCE}T09:00:00Z`) / 1000;
  const step = Math.floor((180 * 86_400) / commits);
  let mark = 0;
  let mainTip = 0;
  let made = 0;
  let pr = 1;
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const commit = (ref: string, from: number, message: string, merge?: number) => {
    mark++;
    const when = start + (made + pr) * step;
    const who = random() < 0.7 ? 'Me Myself <me@example.com>' : 'Someone Else <other@example.com>';
    const lines = [`commit ${ref}`, `mark :${mark}`, `author ${who} ${when} +0000`, `committer ${who} ${when} +0000`, data(message).trimEnd()];
    if (from) lines.push(`from :${from}`);
    if (merge) lines.push(`merge :${merge}`);
    if (!merge) {
      const scope = scopes[Math.floor(random() * scopes.length)]!;
      for (let f = 0; f < 1 + Math.floor(random() * 3); f++) {
        lines.push(
          `M 100644 inline ${scope}/file${Math.floor(random() * 40)}.ts`,
          data(`// ${mark} ${WORDS.slice(0, 5 + Math.floor(random() * 20)).join(' ')}`).trimEnd(),
        );
      }
      made++;
    }
    chunks.push(`${lines.join('\n')}\n\n`);
    return mark;
  };
  while (made < commits) {
    const r = random();
    const scope = scopes[Math.floor(random() * scopes.length)]!;
    if (r < 0.1) {
      let tip = mainTip;
      for (let i = 0; i < 4; i++) tip = commit('refs/heads/topic', tip, `${VERBS[i % VERBS.length]} ${OBJECTS[(made + i) % OBJECTS.length]}`);
      mainTip = commit(
        'refs/heads/main',
        mainTip,
        `Merge pull request #${pr} from me/topic-${pr}\n\n${VERBS[pr % VERBS.length]} ${OBJECTS[pr % OBJECTS.length]}`,
        tip,
      );
      pr++;
    } else if (r < 0.3) {
      mainTip = commit('refs/heads/main', mainTip, `${VERBS[made % VERBS.length]} ${OBJECTS[made % OBJECTS.length]} (#${pr++})`);
    } else {
      mainTip = commit('refs/heads/main', mainTip, `feat(${scope}): ${VERBS[made % VERBS.length].toLowerCase()} ${OBJECTS[made % OBJECTS.length]}`);
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 28 });
  execFileSync('git', ['branch', '-D', 'topic'], { cwd: dir, stdio: 'ignore' });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  fs.writeFileSync(path.join(dir, '.career-bench-done'), '');
  return dir;
}

async function measureHarvest(
  commits: number,
): Promise<{ commits: number; mine: number; drafts: number; medianMs: number; firstMs: number; maxEventLoopBlockMs: number }> {
  const dir = harvestRepo(commits);
  const inferrer = new TagInferrer(builtinLadder());
  const suggest = (title: string, body: string) => inferrer.suggest({ title, body }, { currentLevel: 'L5' }).map((s) => s.id);
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof harvest>> | undefined;
  let block = 0;
  for (let rep = 0; rep < REPS; rep++) {
    collect();
    const monitor = monitorEventLoopDelay({ resolution: 5 });
    monitor.enable();
    const t0 = performance.now();
    last = await harvest({ git: execFileGit(), repositories: [dir], since: HARVEST_SINCE, until: '2026-12-31', known: new KnownCommits(), suggest });
    times.push(performance.now() - t0);
    monitor.disable();
    block = Math.max(block, monitor.max / 1e6);
  }
  return {
    commits: last!.commitsInPeriod,
    mine: last!.mine,
    drafts: last!.drafts.length,
    medianMs: round(median(times)),
    firstMs: round(times[0]!),
    maxEventLoopBlockMs: round(block),
  };
}

function printHarvest(h: Awaited<ReturnType<typeof measureHarvest>>): void {
  console.log(
    `\nHarvest: ${fmt(h.commits)} commits read (${fmt(h.mine)} by the person), grouped and drafted into ${fmt(h.drafts)} drafts in ${fmt(h.medianMs)} ms (median of ${REPS}; first ${fmt(h.firstMs)} ms; target 5,000 ms); longest event-loop block ${fmt(h.maxEventLoopBlockMs)} ms.`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Ladder loading (issue 16's target: under 100 ms for a ladder under 100 KB): a company-shaped ladder of
// ~100 KB (three tracks, block-style criteria with descriptions and signals), loaded as the extension
// does (bounded YAML, schema, semantic checks), median of 15 after one warm-up, CPU and wall time.

function companyLadder(targetBytes: number): string {
  const out = ['name: Bench ladder', 'tracks:'];
  let n = 0;
  for (const track of ['backend', 'sre', 'management']) {
    out.push(`  - id: ${track}`, `    title: ${track}`, '    levels:');
    for (let l = 1; l <= 7; l++) {
      out.push(`      - id: IC${l}`, `        title: Level ${l}`, `        scope: Scope of level ${l}`, '        criteria:');
      for (let c = 0; c < 14; c++, n++) {
        out.push(
          `          - id: ${track}.IC${l}.criterion-${c}`,
          `            area: ${['craft', 'delivery', 'people'][c % 3]}`,
          `            title: Criterion ${n} of level ${l}`,
          `            description: What someone at level ${l} shows, in a sentence of ordinary length, number ${n}.`,
          `            signals: [signal ${n}, another ${c}, shipped]`,
        );
      }
    }
  }
  const text = `${out.join('\n')}\n`;
  // Up to the size wanted with a long description (one line: the shape stays the same).
  const pad = targetBytes - text.length - 'description: \n'.length;
  return pad > 0
    ? text.replace('name: Bench ladder\n', `name: Bench ladder\ndescription: ${'a ladder of a company '.repeat(Math.ceil(pad / 22)).slice(0, pad)}\n`)
    : text;
}

async function measureLadderLoad(): Promise<{ bytes: number; criteria: number; medianMs: number; medianCpuMs: number; firstMs: number }> {
  const text = companyLadder(100 * 1024 - 512);
  const read = async () => text;
  const t0 = performance.now();
  const first = await loadLadder('.career/ladder.yaml', read);
  const firstMs = performance.now() - t0;
  if (first.problems.length) throw new Error(`the bench ladder has problems: ${first.problems[0]!.message}`);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 15; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await loadLadder('.career/ladder.yaml', read);
    walls.push(performance.now() - start);
    const d = process.cpuUsage(cpu);
    cpus.push((d.user + d.system) / 1000);
  }
  return {
    bytes: text.length,
    criteria: first.ladder.criterionIds().length,
    medianMs: round(median(walls)),
    medianCpuMs: round(median(cpus)),
    firstMs: round(firstMs),
  };
}

function printLadderLoad(l: Awaited<ReturnType<typeof measureLadderLoad>>): void {
  console.log(
    `\nLadder load: a ${fmt(Math.round(l.bytes / 1024))} KB ladder (${fmt(l.criteria)} criteria) in ${fmt(l.medianMs)} ms (median of 15, ${fmt(l.medianCpuMs)} ms CPU; first ${fmt(l.firstMs)} ms; target 100 ms).`,
  );
}

/** Auto-tagging: median µs per suggest() on 2 KB notes, alone and with 500 workspace examples. */
function measureTagging(): { usPer2KbNote: number; usPer2KbNoteWith500Examples: number } {
  const ladder = builtinLadder();
  const notes = loadTraining();
  return { usPer2KbNote: round(timing(ladder, notes)), usPer2KbNoteWith500Examples: round(timing(ladder, notes, 500)) };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
