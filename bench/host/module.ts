/**
 * The host benchmark's tests module (the workbench URL's `extensionTestsPath`): VS Code calls run() in
 * the extension host once its start-up activations are done. It only hands on what the probe (probe.ts,
 * preloaded into the same process) measured, as one log line the driver reads.
 */
import { GLOBAL_KEY, RESULT_PREFIX, type ProbeResult } from './protocol';

export async function run(): Promise<void> {
  const probe = (globalThis as Record<string, unknown>)[GLOBAL_KEY] as Promise<ProbeResult> | undefined;
  if (!probe) {
    const error = 'the probe is not loaded in this extension host (bench/host/driver.mjs preloads it with NODE_OPTIONS=--require)';
    console.log(`${RESULT_PREFIX} ${JSON.stringify({ error })}`);
    throw new Error(error);
  }
  const result = await probe;
  console.log(`${RESULT_PREFIX} ${JSON.stringify(result)}`);
  if (result.error) throw new Error(result.error);
}
