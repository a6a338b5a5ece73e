// Usage: node check.mjs OUT_DIR FILE.bpmn...
// Renders each file with bpmn-js (the library Camunda Modeler is built on) in headless Chromium, fails when the
// import reports errors or warnings or when two flow-node shapes overlap, and writes a PNG per file to OUT_DIR.
import { readFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error('usage: node check.mjs OUT_DIR FILE.bpmn...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const here = dirname(fileURLToPath(import.meta.url));
const viewerScript = join(here, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let passed = 0;
let failed = 0;
try {
  for (const file of files) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.setContent('<html><body style="margin:0"><div id="canvas" style="width:1600px;height:900px"></div></body></html>');
    await page.addScriptTag({ path: viewerScript });
    const result = await page.evaluate(async (xml) => {
      const viewer = new window.BpmnJS({ container: '#canvas' });
      let warnings = [];
      try {
        const imported = await viewer.importXML(xml);
        warnings = imported.warnings.map((w) => w.message);
      } catch (e) {
        return { error: String(e && e.message || e) };
      }
      viewer.get('canvas').zoom('fit-viewport');
      const shapes = viewer.get('elementRegistry').filter((e) => e.type !== 'label' && !e.waypoints
        && e.type !== 'bpmn:Process' && e.type !== 'bpmn:BoundaryEvent');
      const overlaps = [];
      for (let i = 0; i < shapes.length; i++) {
        for (let j = i + 1; j < shapes.length; j++) {
          const a = shapes[i], b = shapes[j];
          if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
            overlaps.push(`${a.id} / ${b.id}`);
          }
        }
      }
      return { warnings, overlaps, shapes: shapes.length };
    }, readFileSync(file, 'utf8'));
    const png = join(outDir, basename(file).replace(/\.bpmn$/, '') + '.png');
    await page.screenshot({ path: png });
    await page.close();
    const problems = result.error ? [result.error] : [...result.warnings, ...result.overlaps.map((o) => 'overlap ' + o)];
    if (problems.length === 0 && result.shapes > 0) {
      passed++;
      console.log(`ok   ${file}: ${result.shapes} shapes, no overlap -> ${png}`);
    } else {
      failed++;
      console.log(`FAIL ${file}: ${problems.join('; ') || 'no shapes rendered'}`);
    }
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
