// npm exec -- node scripts/render-pwa-icons.mjs: renders the installed app's icons from apps/web/public/favicon.svg
// with the system Chromium (playwright-core), into apps/web/public/icons. The PNGs are committed; rerun after the
// mark changes. `any` icons are the mark as it is; the maskable one puts the mark inside the 80% safe zone on a
// full-bleed background of the theme colour (global.css --primary), since launchers cut it to their own shape.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const web = join(import.meta.dirname, '..', 'apps', 'web');
const svg = readFileSync(join(web, 'public', 'favicon.svg'), 'utf8');
const primary = /--primary:\s*(#[0-9a-f]{6})/i.exec(readFileSync(join(web, 'src', 'styles', 'global.css'), 'utf8'))?.[1] ?? '#1f4e79';
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const icons = [
  { file: 'icon-192.png', size: 192, scale: 1, background: 'transparent' },
  { file: 'icon-512.png', size: 512, scale: 1, background: 'transparent' },
  // iOS draws its own rounded corners over an opaque square.
  { file: 'apple-touch-icon.png', size: 180, scale: 1, background: primary },
  { file: 'icon-maskable-512.png', size: 512, scale: 0.78, background: primary },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const inner = Math.round(icon.size * icon.scale);
    await page.setContent(
      `<html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;background:${icon.background};display:grid;place-items:center;overflow:hidden">
       <img src="${dataUrl}" width="${inner}" height="${inner}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({ omitBackground: icon.background === 'transparent', type: 'png' });
    writeFileSync(join(web, 'public', 'icons', icon.file), png);
    console.log(`${icon.file}: ${icon.size}×${icon.size}`);
    await page.close();
  }
} finally {
  await browser.close();
}
