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

  /** The item's visible text ("Blast Shield", "Blast Shield: waiting for the first agent action", "Blast Shield: Unprotected"). */
  async statusText() {
    return ((await this.statusItem().textContent()) || '').trim();
  }

  /** Lockdown's own status bar item ("Lockdown" or "Lockdown on"). */
  lockdownItem() {
    return this.page.locator('.statusbar-item').filter({ hasText: /^\s*lockdown/i }).first();
  }

  async lockdownOn() {
    return /lockdown on/i.test(((await this.lockdownItem().textContent()) || '').trim());
  }

  /** The modal notice an ask opens over the workbench ("Blast Shield: Cursor wants to destroy …"). */
  notice() {
    return this.page.locator('.monaco-dialog-box').filter({ hasText: /Blast Shield: .* wants to /i }).first();
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

  /**
   * Wait for an ask: the modal notice first, then (after "Review…", unless `review` is false) the
   * dialog with its phrase box. `onNotice` runs while the notice is up (for a screenshot).
   */
  async waitDialog(timeout = 30000, { review = true, onNotice } = {}) {
    const notice = this.notice();
    await notice.waitFor({ state: 'visible', timeout });
    this.lastNotice = ((await notice.innerText()) || '').replace(/\s+/g, ' ');
    if (onNotice) await onNotice(notice);
    if (!review) return this.lastNotice;
    await notice.getByRole('button', { name: /review/i }).click();
    await notice.waitFor({ state: 'hidden', timeout: 10000 });
    const body = this.dialog().locator('body');
    await body.waitFor({ state: 'visible', timeout });
    // The page renders after the host's `show` message: wait until the phrase box exists.
    await this.dialog().locator('#phrase').waitFor({ state: 'visible', timeout });
    return ((await body.innerText()) || '').replace(/\s+/g, ' ');
  }

  /**
   * Where the dialog's parts sit in its own viewport, whether the page is scrolled, and what has focus:
   * the banner, the command and the targets must be on the first screen, the caret in the phrase box.
   */
  async dialogLayout() {
    return this.dialog().locator('body').evaluate(() => {
      const box = (sel) => {
        const e = document.querySelector(sel);
        if (!e) return undefined;
        const r = e.getBoundingClientRect();
        return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
      };
      return {
        scrollY: window.scrollY,
        innerHeight: window.innerHeight,
        focused: document.activeElement ? document.activeElement.id : '',
        hasFocus: document.hasFocus(),
        banner: box('.banner'),
        title: box('#title'),
        command: box('#what'),
        targets: box('ul.targets'),
        phrase: box('#phrase'),
        allow: box('#allow'),
      };
    });
  }

  /** Dismiss notifications so they cover nothing in the next screenshot. */
  async clearNotifications() {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.keyboard.press('Escape');
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
