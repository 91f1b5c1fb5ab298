// Renders the HTML exposure report in real headless Chromium: charts and table present, no raw secret
// in the DOM even when the input JSON carried --show-secrets values, and a screenshot for the README.
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { githubToken } from "../helpers/tokens.js";
import { findChromium } from "../helpers/chromium.js";

const chromium = findChromium();
const OUT_DIR = resolve(__dirname, "../../test-output");
const README_SHOT = resolve(__dirname, "../../docs/html-report.png");

let dir: string;
let cleanup: () => void;
let html: string;
const secrets: string[] = [];

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  const shared = githubToken();
  secrets.push(shared);
  for (const [target, files] of Object.entries({
    "repo-a": { "config/prod.env": `GITHUB_TOKEN=${shared}\n`, "src/app.ts": `const t = "${githubToken("gho")}";\n` },
    "repo-b": { "deploy/dev.env": `GITHUB_TOKEN=${shared}\n`, "ci/run.sh": `export GH=${githubToken("ghs")}\n` },
  })) {
    for (const [p, c] of Object.entries(files)) {
      mkdirSync(join(dir, target, p, ".."), { recursive: true });
      writeFileSync(join(dir, target, p), c);
      secrets.push(...(c.match(/gh[a-z]_[A-Za-z0-9]{36}/g) ?? []));
    }
    const r = runCli(["scan", target, "-f", "json", "--show-secrets", "-o", `${target}.json`, "--now", "2026-11-21T10:00:00Z"], { cwd: dir });
    expect(r.code).toBe(1);
  }
  const out = join(dir, "report.html");
  const r = runCli(["report", "repo-a.json", "repo-b.json", "-o", out], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  html = readFileSync(out, "utf8");
});
afterAll(() => cleanup());

describe("HTML exposure report", () => {
  it("is self-contained and never holds a raw secret", () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org)/);
    for (const s of secrets) expect(html).not.toContain(s);
  });

  it.skipIf(!chromium)(`renders in headless Chromium${chromium ? "" : " (skipped: no Chromium found; .ci/run installs Debian's chromium package)"}`, async () => {
    const { chromium: pw } = await import("playwright-core");
    const browser = await pw.launch({
      executablePath: chromium!,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
      const file = join(dir, "report.html");
      await page.goto(pathToFileURL(file).href);
      expect(await page.locator("svg.chart").count()).toBe(5);
      expect(await page.locator("svg.chart rect.bar").count()).toBeGreaterThan(0);
      const rows = page.locator("#findings tbody tr");
      expect(await rows.count()).toBe(4);
      const dom = await page.content();
      const text = await page.evaluate(() => document.body.innerText);
      for (const s of secrets) {
        expect(dom).not.toContain(s);
        expect(text).not.toContain(s);
      }
      // The filter and the sort work.
      await page.fill("#filter", "prod.env");
      expect(await page.locator("#findings tbody tr:visible").count()).toBe(1);
      await page.fill("#filter", "");
      await page.click("#findings th:nth-child(3)");
      expect(await page.locator("#findings th.sorted-asc").count()).toBe(1);
      mkdirSync(OUT_DIR, { recursive: true });
      const shot = join(OUT_DIR, "html-report.png");
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
      if (process.env.UPDATE_README_SCREENSHOT) {
        mkdirSync(join(README_SHOT, ".."), { recursive: true });
        copyFileSync(shot, README_SHOT);
      }
    } finally {
      await browser.close();
    }
  });
});
