// The browser every Chromium user here runs: the Debian package when installed (CI installs it),
// else Playwright's own; and the flags it needs in a container without a display or network.
import fs from 'node:fs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The system Chromium when present; undefined lets Playwright use its own. */
export const chromiumPath = (): string | undefined =>
  fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
