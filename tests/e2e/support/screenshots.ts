// Screenshots the suite keeps: always a test artifact; copied over the README's images in
// docs/screenshots only when UPDATE_DOC_SCREENSHOTS=1 (so a test run never dirties the tree).
import fs from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

export async function docScreenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, ...options });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') {
    const docs = path.join('docs', 'screenshots', `${name}.png`);
    fs.mkdirSync(path.dirname(docs), { recursive: true });
    fs.copyFileSync(file, docs);
  }
  return file;
}
