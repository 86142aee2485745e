// Renders every processes/**/*.bpmn to docs/diagrams/<name>.svg and <name>.png with the
// bpmn-js viewer in headless Chromium. Run through render.sh, which installs the packages.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const processesDir = join(repo, 'processes');
const viewerScript = join(here, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js');
const styleSheets = ['diagram-js.css', 'bpmn-js.css'].map(name => join(here, 'node_modules/bpmn-js/dist/assets', name));

const MARGIN = 30;
const PIXEL_RATIO = 2;
// Chromium refuses screenshots beyond this many pixels per side.
const MAX_PIXELS = 16000;
// Arial first keeps Latin text as bpmn-js lays it out; the CJK fonts carry the Chinese labels,
// also when the saved SVG is opened on Windows or macOS.
const FONT_FAMILY = 'Arial, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // No --user-data-dir here: puppeteer then creates a fresh one and deletes it on close.
];

async function bpmnFiles() {
  const entries = await readdir(processesDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter(entry => entry.isFile() && entry.name.endsWith('.bpmn'))
    .map(entry => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
  const seen = new Map();
  for (const file of files) {
    const name = basename(file, '.bpmn');
    if (seen.has(name)) {
      throw new Error(`两个流程文件同名，图片会互相覆盖：${relative(repo, seen.get(name))} 与 ${relative(repo, file)}`);
    }
    seen.set(name, file);
  }
  return files;
}

async function openViewerPage(browser) {
  const page = await browser.newPage();
  // Everything the page needs is injected below; any request would be a mistake, so refuse it.
  await page.setRequestInterception(true);
  page.on('request', request => request.url().startsWith('data:') ? request.continue() : request.abort());
  await page.setContent(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"></head>
<body style="margin:0;background:#fff"><div id="canvas" style="background:#fff"></div></body></html>`);
  for (const path of styleSheets) {
    await page.addStyleTag({ path });
  }
  // The drill-down breadcrumbs are for clicking in Modeler; on a picture they would cover the diagram.
  await page.addStyleTag({ content: '.bjs-breadcrumbs { display: none !important; }' });
  await page.addScriptTag({ path: viewerScript });
  return page;
}

/**
 * Imports the XML into a new viewer and shows one of its planes — the process, or the inside of a
 * collapsed sub-process (Modeler's drill-down) — sized to that plane; returns the warnings, the
 * size, the shown plane's sub-process id (null for the process) and how many planes there are.
 */
async function importDiagram(page, xml, planeIndex) {
  return page.evaluate(async (xml, margin, fontFamily, planeIndex) => {
    window.viewer?.destroy();
    const container = document.getElementById('canvas');
    container.style.width = '100px';
    container.style.height = '100px';
    const viewer = new BpmnJS({ container, textRenderer: { defaultStyle: { fontFamily }, externalStyle: { fontFamily } } });
    window.viewer = viewer;
    let warnings;
    try {
      ({ warnings } = await viewer.importXML(xml));
    } catch (error) {
      return { error: error.message, warnings: (error.warnings || []).map(warning => warning.message) };
    }
    const canvas = viewer.get('canvas');
    const planes = canvas.getRootElements().filter(root => root.businessObject);
    const plane = planes[planeIndex];
    canvas.setRootElement(plane);
    const subProcess = plane.businessObject.$type === 'bpmn:SubProcess' ? plane.businessObject.id : null;
    const inner = canvas.viewbox().inner;
    // bpmn-js' licence keeps its logo visible in the bottom right corner; give it a strip of
    // its own below the diagram so it covers no label.
    const logo = container.querySelector('.bjs-powered-by');
    const logoStrip = logo ? Math.ceil(logo.getBoundingClientRect().height) + 15 : 0;
    const width = Math.ceil(inner.width + 2 * margin);
    const height = Math.ceil(inner.height + 2 * margin + logoStrip);
    container.style.width = `${width}px`;
    container.style.height = `${height}px`;
    canvas.resized();
    // A viewbox the size of the container shows the whole diagram at scale 1, margin on every side.
    canvas.viewbox({ x: inner.x - margin, y: inner.y - margin, width, height });
    return { warnings: warnings.map(warning => warning.message), width, height, subProcess, planes: planes.length };
  }, xml, MARGIN, FONT_FAMILY, planeIndex);
}

/** bpmn-js gives arrow heads random ids; numbering them keeps an unchanged diagram's SVG byte-identical. */
function numberMarkers(svg) {
  const ids = [...svg.matchAll(/id="(marker-[0-9a-z]+)"/g)].map(match => match[1]);
  return ids.reduce((text, id, index) => text.replaceAll(id, `marker-${index + 1}`), svg);
}

/** Draws the process and each collapsed sub-process of it: <file name>.png, <file name>.<sub-process id>.png. */
async function render(page, file) {
  const xml = await readFile(file, 'utf8');
  const source = relative(repo, file);
  for (let plane = 0, planes = 1; plane < planes; plane++) {
    const result = await importDiagram(page, xml, plane);
    if (plane === 0) {
      for (const warning of result.warnings) {
        console.warn(`警告 ${source}: ${warning}`);
      }
    }
    if (result.error) {
      throw new Error(`${source} 无法导入：${result.error}`);
    }
    planes = result.planes;
    const scale = Math.min(PIXEL_RATIO, MAX_PIXELS / Math.max(result.width, result.height));
    await page.setViewport({ width: result.width, height: result.height, deviceScaleFactor: scale });
    const { svg } = await page.evaluate(() => window.viewer.saveSVG());
    const name = basename(file, '.bpmn') + (result.subProcess ? `.${result.subProcess}` : '');
    await writeFile(join(here, `${name}.svg`), numberMarkers(svg));
    const canvas = await page.$('#canvas');
    await canvas.screenshot({ path: join(here, `${name}.png`) });
    console.log(`已生成 ${relative(repo, join(here, name))}.svg 与 .png`);
  }
}

/** Pictures of a deleted or renamed process are left for the author to remove with the model. */
async function warnAboutOrphans(files) {
  const names = new Set(files.map(file => basename(file, '.bpmn')));
  for (const picture of await readdir(here)) {
    const match = picture.match(/^([^.]*)(?:\.[^.]+)?\.(svg|png)$/);
    if (match && !names.has(match[1])) {
      console.warn(`警告 docs/diagrams/${picture} 没有对应的 BPMN 文件，如流程已删除或改名请一并删除该图片`);
    }
  }
}

async function main() {
  const files = await bpmnFiles();
  if (files.length === 0) {
    throw new Error(`${relative(repo, processesDir)}/ 下没有 .bpmn 文件`);
  }
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    ignoreDefaultArgs: true,
    args: CHROMIUM_FLAGS,
    pipe: true,
  });
  const failures = [];
  try {
    const page = await openViewerPage(browser);
    for (const file of files) {
      try {
        await render(page, file);
      } catch (error) {
        failures.push(error.message);
      }
    }
  } finally {
    await browser.close();
  }
  await warnAboutOrphans(files);
  if (failures.length > 0) {
    throw new Error(`${failures.length} 个流程图未能生成：\n  ${failures.join('\n  ')}`);
  }
}

main().catch(error => {
  console.error(`错误：${error.message}`);
  process.exit(1);
});
