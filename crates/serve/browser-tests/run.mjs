// Headless-Chromium checks of reprint's web UI, run by crates/serve/tests/browser.rs
// against a live server. Proves no XSS payload runs (no dialog, no injected
// element, handler or javascript: URL in the DOM, no CSP violation) and that
// the timeline, copy graph and diff highlights (altered quotes included)
// render, and that error pages are HTML; saves screenshots.
// Input: env REPRINT_BROWSER_CONFIG = JSON {base, out, pages: [{name, path, expect}]}.
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cfg = JSON.parse(process.env.REPRINT_BROWSER_CONFIG);
mkdirSync(cfg.out, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "reprint-chromium-"));
// A fresh profile directory each run (playwright passes it as --user-data-dir).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const failures = [];
const summary = [];
// Anything leaving the loopback server is a failure (payloads point at evil.test).
await context.route("**/*", (route) => {
  const u = route.request().url();
  if (u.startsWith(cfg.base)) return route.continue();
  failures.push(`request outside the server: ${u}`);
  return route.abort();
});
for (const p of cfg.pages) {
  const page = await context.newPage();
  const events = [];
  page.on("dialog", async (d) => { events.push(`dialog ${d.type()}: ${d.message()}`); await d.dismiss(); });
  page.on("console", (m) => { if (/Content Security Policy|Refused/i.test(m.text())) events.push(`csp: ${m.text()}`); });
  page.on("pageerror", (e) => events.push(`page error: ${e.message}`));
  const resp = await page.goto(cfg.base + p.path, { waitUntil: "load" });
  // Give timers, autofocus and animations a moment to fire.
  await page.mouse.move(300, 300);
  await page.waitForTimeout(400);
  const dom = await page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    const handlers = all.filter((e) => [...e.attributes].some((a) => a.name.toLowerCase().startsWith("on"))).length;
    const scripts = [...document.scripts].filter((s) => s.getAttribute("src") !== "/static/app.js").length;
    const jsUrls = all.filter((e) => ["href", "src", "action", "formaction", "data", "xlink:href"]
      .some((n) => /^\s*(javascript|data|vbscript):/i.test(e.getAttribute(n) || ""))).length;
    const foreign = document.querySelectorAll("iframe, object, embed, img, video, audio, math, base, meta[http-equiv], link:not([href='/static/app.css']), input[autofocus], details, x").length;
    const svgs = [...document.querySelectorAll("svg")].filter((s) => !["timeline", "graph"].includes(s.id)).length;
    return {
      handlers, scripts, jsUrls, foreign, svgs,
      timelineDots: document.querySelectorAll("#timeline circle.dot").length,
      graphEdges: document.querySelectorAll("#graph line.edge").length,
      graphNodes: document.querySelectorAll("#graph circle.dot").length,
      exact: document.querySelectorAll("#diff mark.exact, #diff mark.edited").length,
      onlyHere: document.querySelectorAll("#diff .cut, #diff .inserted").length,
      quoteLeft: document.querySelectorAll("#diff .left .quote-altered").length,
      quoteRight: document.querySelectorAll("#diff .right .quote-altered").length,
      // The highlight must show: a wavy underline from the stylesheet.
      quoteStyled: [...document.querySelectorAll("#diff .quote-altered")].every((e) =>
        getComputedStyle(e).textDecorationStyle === "wavy"),
      results: document.querySelectorAll("#results li").length,
      canary: document.body.innerText.includes("xsscanary"),
      visiblePayload: document.body.innerText.includes("<script>") || document.body.innerText.includes("onerror="),
    };
  });
  await page.screenshot({ path: join(cfg.out, `${p.name}.png`), fullPage: true });
  const bad = [];
  const wantStatus = p.status || 200;
  if (!resp || resp.status() !== wantStatus) bad.push(`status ${resp && resp.status()}, not ${wantStatus}`);
  if (resp && !(resp.headers()["content-type"] || "").startsWith("text/html")) bad.push("not an HTML page");
  bad.push(...events);
  for (const k of ["handlers", "scripts", "jsUrls", "foreign", "svgs"]) if (dom[k] > 0) bad.push(`${k}: ${dom[k]}`);
  const e = p.expect || {};
  if (e.timeline && dom.timelineDots < 2) bad.push("timeline has no dots");
  if (e.graph && (dom.graphNodes < 2 || dom.graphEdges < 1)) bad.push("graph has no nodes/edges");
  if (e.diff && dom.exact < 1) bad.push("diff has no shared highlights");
  if (e.diffOnly && dom.onlyHere < 1) bad.push("diff has no cut/inserted text");
  if (e.quoteAltered && (dom.quoteLeft < 1 || dom.quoteRight < 1 || !dom.quoteStyled))
    bad.push(`altered quote not highlighted in both columns (${dom.quoteLeft} / ${dom.quoteRight}, styled ${dom.quoteStyled})`);
  if (e.results && dom.results < 1) bad.push("no search results");
  if (e.payloadText && !dom.visiblePayload) bad.push("payload text not shown as text");
  summary.push({ page: p.name, ...dom, problems: bad });
  for (const b of bad) failures.push(`${p.name} (${p.path}): ${b}`);
  await page.close();
}
await context.close();
console.log(JSON.stringify({ pages: summary.length, failures, summary }, null, 1));
process.exit(failures.length ? 1 : 0);
