// Mocha root hooks for the UI tests (loaded through test/ui/.mocharc.json's "require").
import { closeBrowser } from './harness';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await closeBrowser();
  },
};
