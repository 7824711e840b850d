// One place that stops everything the harness started, whichever way the process ends:
// normal completion, a thrown error, Ctrl+C (SIGINT), SIGTERM or SIGHUP.
//
// Each resource registers an async `stop` (graceful, used on signals and by its owner) and a sync
// `kill` (last resort, run from process.on('exit'), where nothing async can run).

/** @type {Set<{ name: string, stop: () => Promise<void>, kill: () => void }>} */
const resources = new Set();
let handlersInstalled = false;
let stopping = false;
/** @type {number | undefined} */
let signalExitCode;

/**
 * The exit code after a signal stopped everything (default 128 + signal number, as a shell reports it).
 * A long-running command whose normal way to end is Ctrl+C (npm start) sets 0.
 * @param {number | undefined} code
 */
export function setSignalExitCode(code) {
  signalExitCode = code;
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      if (stopping) return; // a second Ctrl+C while stopping: the exit handler still kills everything
      stopping = true;
      process.stderr.write(`\n[host] ${signal}: stopping the host ...\n`);
      const deadline = new Promise((resolve) => setTimeout(resolve, 8000).unref());
      Promise.race([stopAll(), deadline]).finally(() => process.exit(signalExitCode ?? 128 + number));
    });
  }
  process.on('exit', () => {
    for (const resource of resources) {
      try {
        resource.kill();
      } catch {
        // best effort: the process is exiting
      }
    }
    resources.clear();
  });
}

/** True once a signal started stopping everything: errors that follow are its consequence, not news. */
export function isStopping() {
  return stopping;
}

/**
 * Registers a resource to stop when the process ends. Returns a function that unregisters it
 * (call it once the owner has stopped the resource itself).
 * @param {string} name
 * @param {() => Promise<void>} stop
 * @param {() => void} kill
 */
export function track(name, stop, kill) {
  installHandlers();
  const resource = { name, stop, kill };
  resources.add(resource);
  return () => resources.delete(resource);
}

/** Stops every tracked resource, most recent first. */
export async function stopAll() {
  const list = [...resources].reverse();
  for (const resource of list) {
    resources.delete(resource);
    try {
      await resource.stop();
    } catch (error) {
      process.stderr.write(`[host] could not stop ${resource.name}: ${error?.message ?? error}\n`);
      try {
        resource.kill();
      } catch {
        // already gone
      }
    }
  }
}
