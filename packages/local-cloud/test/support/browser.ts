import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's `chromium` (what .ci/run installs), or CHROMIUM_PATH: playwright-core drives it, it downloads no browser. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => Boolean(path));

export const chromiumPath = (): string | undefined => CANDIDATES.find((path) => existsSync(path));

/** A headless Chromium, or undefined (with a loud message) when none is installed here. */
export const launchChromium = async (): Promise<Browser | undefined> => {
  const executablePath = chromiumPath();
  if (!executablePath) {
    console.warn(
      `\n${'!'.repeat(100)}\n! BROWSER TEST SKIPPED: no Chromium at ${CANDIDATES.join(', ')}.\n! Install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.\n${'!'.repeat(100)}\n`,
    );
    return undefined;
  }
  // --no-sandbox: CI and these machines run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
};
