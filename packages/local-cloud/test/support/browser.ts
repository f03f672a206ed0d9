import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * CHROMIUM_PATH, Debian's `chromium` (what .ci/run installs), or the Google Chrome of GitHub's ubuntu runners (the
 * verify workflow): playwright-core drives it, it downloads no browser.
 */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((path): path is string => Boolean(path));

export const chromiumPath = (): string | undefined => CANDIDATES.find((path) => existsSync(path));

/**
 * A headless Chromium, or undefined (with a loud message) when none is installed here. Under CI (`CI` set, as
 * .ci/run and GitHub Actions set it) a missing Chromium throws instead: a browser test must not pass without running.
 */
export const launchChromium = async (): Promise<Browser | undefined> => {
  const executablePath = chromiumPath();
  if (!executablePath) {
    if (process.env.CI) {
      throw new Error(`no Chromium at ${CANDIDATES.join(', ')} and CI is set: install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`);
    }
    console.warn(
      `\n${'!'.repeat(100)}\n! BROWSER TEST SKIPPED: no Chromium at ${CANDIDATES.join(', ')}.\n! Install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.\n${'!'.repeat(100)}\n`,
    );
    return undefined;
  }
  // --no-sandbox: CI and these machines run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
};
