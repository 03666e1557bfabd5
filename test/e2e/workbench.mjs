// Acting in the browser as the human: the command palette, the status bar, the confirm dialog
// (a webview: outer iframe.webview, inner #active-frame), screenshots.
import fs from 'node:fs';
import path from 'node:path';

export class Workbench {
  constructor(page, shotsDir) {
    this.page = page;
    this.shotsDir = shotsDir;
    this.shots = [];
  }

  async waitReady(timeout = 90000) {
    await this.page.locator('.monaco-workbench').waitFor({ timeout });
    await this.page.locator('.statusbar').waitFor({ timeout });
  }

  async runCommand(title, timeout = 15000) {
    const { page } = this;
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill('>' + title);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout });
    await page.keyboard.press('Enter');
  }

  /** The status bar item of Blast Shield (its accessible name or text mentions the product). */
  statusItem() {
    return this.page.locator('.statusbar-item').filter({ hasText: /blast shield/i }).first();
  }

  /** The item's visible text ("Blast Shield", "Blast Shield: Lockdown", "Blast Shield: Unprotected"). */
  async statusText() {
    return ((await this.statusItem().textContent()) || '').trim();
  }

  /** The visible webview's inner document (the confirm dialog while one is open). */
  dialog() {
    return this.page.frameLocator('iframe.webview >> visible=true').last().frameLocator('#active-frame');
  }

  async dialogVisible() {
    const frames = this.page.locator('iframe.webview >> visible=true');
    if ((await frames.count()) === 0) return false;
    return this.dialog().locator('body').isVisible().catch(() => false);
  }

  async waitNoDialog(timeout = 10000) {
    await this.page.locator('iframe.webview >> visible=true').first().waitFor({ state: 'detached', timeout });
  }

  async waitDialog(timeout = 30000) {
    const body = this.dialog().locator('body');
    await body.waitFor({ state: 'visible', timeout });
    // The page renders after the host's `show` message: wait until the phrase box exists.
    await this.dialog().locator('#phrase').waitFor({ state: 'visible', timeout });
    return ((await body.innerText()) || '').replace(/\s+/g, ' ');
  }

  async dialogText() {
    return ((await this.dialog().locator('body').innerText()) || '').replace(/\s+/g, ' ');
  }

  /** The phrase the dialog asks the human to type, read off the dialog. */
  async shownPhrase() {
    return ((await this.dialog().locator('#phrase-help code.phrase').textContent()) || '').trim();
  }

  async typePhrase(phrase) {
    const box = this.dialog().locator('#phrase');
    await box.fill('');
    await box.click();
    await this.page.keyboard.type(phrase, { delay: 5 });
  }

  allowButton() {
    return this.dialog().locator('#allow');
  }

  async pressAllow() {
    await this.allowButton().click();
  }

  /**
   * Submit whatever is typed even though the page keeps "Allow once" disabled for a wrong phrase:
   * what a tampered page could do. The extension host must compare the phrase itself.
   */
  async forceSubmit() {
    await this.allowButton().evaluate((b) => { b.disabled = false; b.click(); });
  }

  async pressDeny() {
    await this.dialog().locator('#deny').click();
  }

  async screenshot(name, note) {
    fs.mkdirSync(this.shotsDir, { recursive: true });
    const file = path.join(this.shotsDir, name);
    await this.page.screenshot({ path: file });
    this.shots.push({ file, note });
    return file;
  }
}
