// Builds the web app when web/dist is missing or older than its sources, so `npm start` on a
// fresh clone serves the app without a separate build step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const index = 'web/dist/index.html';
const sources = Math.max(newest('web/src'), statSync('web/index.html').mtimeMs, statSync('vite.config.ts').mtimeMs);
if (!existsSync(index) || statSync(index).mtimeMs < sources) {
  console.log('Building the web app (vite build)…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
