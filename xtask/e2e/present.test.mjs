// End-to-end test of presenting the workbook from the served book, in headless
// Chromium: slide view, presenter window, speaker notes, quiz, handout, and that
// nothing is loaded from anywhere but localhost. Run it with xtask/e2e/run.sh, which
// installs Chromium, playwright-core and the pinned mdBook/mdbook-quiz first.
// Screenshots go to target/e2e/.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { OUT, VIEWPORT, launchBrowser, outputDir, serveBook } from './harness.mjs';

let server;
let browser;
const requests = [];
const failures = [];
const pageErrors = [];

before(async () => {
    rmSync(OUT, { recursive: true, force: true });
    outputDir();
    server = await serveBook();
    browser = await launchBrowser();
    browser.context.on('request', (request) => requests.push(request.url()));
    browser.context.on('requestfailed', (request) =>
        failures.push(`${request.url()}: ${request.failure()?.errorText}`));
    browser.context.on('response', (response) => {
        if (response.status() >= 400) {
            failures.push(`${response.url()}: HTTP ${response.status()}`);
        }
    });
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

/** A fresh tab on `path`, with the book's fonts loaded and its JavaScript errors recorded. */
async function open(path) {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    await page.goto(server.base + path);
    await page.evaluate(() => document.fonts.ready);
    return page;
}

const deckSlide = (page) => page.evaluate(() => {
    const deck = document.querySelector('#wb-deck');
    return deck && getComputedStyle(deck).display !== 'none' ? Number(deck.dataset.slide) : null;
});

async function waitForSlide(page, index) {
    await page.waitForFunction((want) => {
        const deck = document.querySelector('#wb-deck');
        return deck && getComputedStyle(deck).display !== 'none' && Number(deck.dataset.slide) === want;
    }, index);
}

/** Everything on the shown slide that would not be readable at 1280×720. */
function unreadable(page) {
    return page.evaluate(() => {
        const problems = [];
        const stage = document.querySelector('.wb-live');
        const slide = stage.querySelector('.wb-slide');
        const box = stage.getBoundingClientRect();
        if (Math.round(box.width) !== 1280 || Math.round(box.height) !== 720) {
            problems.push(`the stage is ${box.width}×${box.height}, not 1280×720`);
        }
        if (slide.scrollHeight > slide.clientHeight + 1) {
            problems.push(`the slide overflows by ${slide.scrollHeight - slide.clientHeight}px`);
        }
        for (const code of slide.querySelectorAll('pre > code')) {
            const first = code.textContent.split('\n')[0].slice(0, 40);
            if (code.scrollWidth > code.clientWidth + 1 || code.scrollHeight > code.clientHeight + 1) {
                problems.push(`code scrolls: "${first}"`);
            }
            const px = parseFloat(getComputedStyle(code).fontSize);
            if (px < 14) {
                problems.push(`code at ${px}px is too small to read: "${first}"`);
            }
        }
        const scale = Number(getComputedStyle(slide).getPropertyValue('--wb-scale') || 1);
        if (scale < 0.7) {
            problems.push(`the slide is shrunk to ${scale}`);
        }
        if (slide.querySelector('.notes, .budget')) {
            problems.push('a speaker note or budget line is on the slide');
        }
        return problems;
    });
}

test('P toggles the slide view and the arrow keys move between slides', async () => {
    const page = await open('counter/bug-hunt.html');
    assert.equal(await deckSlide(page), null, 'the page starts as a page, not as slides');
    await page.keyboard.press('p');
    await waitForSlide(page, 0);
    await page.screenshot({ path: join(OUT, 'slide-view.png') });
    await page.keyboard.press('ArrowRight');
    await waitForSlide(page, 1);
    const count = await page.evaluate(() => workbook.slides.count());
    assert.ok(count >= 3, `bug-hunt.html has ${count} slides`);
    const footer = await page.locator('.wb-live .wb-count').textContent();
    assert.equal(footer, `2 / ${count}`);
    await page.screenshot({ path: join(OUT, 'slide-view-next.png') });
    await page.keyboard.press('ArrowLeft');
    await waitForSlide(page, 0);
    await page.keyboard.press('p');
    assert.equal(await deckSlide(page), null, 'P again leaves the slide view');
    assert.ok(await page.locator('#mdbook-content main h1').isVisible(), 'the page is back');
    await page.close();
});

test('past the last slide, the arrow keys carry the slide view across pages', async () => {
    const page = await open('counter/bug-hunt.html');
    await page.keyboard.press('p');
    await waitForSlide(page, 0);
    await page.keyboard.press('End');
    const last = (await page.evaluate(() => workbook.slides.count())) - 1;
    await waitForSlide(page, last);
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/counter\/loom\.html$/);
    await waitForSlide(page, 0);
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(/counter\/bug-hunt\.html$/);
    await waitForSlide(page, last);
    await page.close();
});

test('every slide of every page fits 1280×720 with readable code and no scrollbars', async () => {
    const page = await open('index.html');
    const paths = await page.evaluate(() => Array.from(
        new Set(Array.from(document.querySelectorAll('#mdbook-sidebar a[href$=".html"]'))
            .map((link) => new URL(link.href).pathname.replace(/^\//, '')))));
    assert.ok(paths.includes('counter/quiz.html'), `the sidebar lists the pages: ${paths}`);
    const shots = outputDir('slides');
    const problems = [];
    let total = 0;
    for (const path of paths) {
        await page.goto(server.base + path);
        await page.evaluate(() => document.fonts.ready);
        await page.evaluate(() => workbook.slides.enter(0));
        const count = await page.evaluate(() => workbook.slides.count());
        for (let index = 0; index < count; index += 1) {
            await page.evaluate((i) => workbook.slides.goTo(i), index);
            for (const problem of await unreadable(page)) {
                problems.push(`${path} slide ${index + 1}: ${problem}`);
            }
            const name = `${path.replace(/\//g, '-').replace(/\.html$/, '')}-${index + 1}.png`;
            await page.screenshot({ path: join(shots, name) });
            total += 1;
        }
        await page.evaluate(() => workbook.slides.leave());
    }
    assert.deepEqual(problems, [], `${problems.length} of ${total} slides are hard to read`);
    assert.ok(total > paths.length, `${total} slides from ${paths.length} pages`);
    await page.close();
});

test('speaker notes never reach the audience view', async () => {
    const page = await open('counter/bug-hunt.html');
    const notes = page.locator('.notes');
    assert.ok((await notes.count()) > 0, 'the page has speaker notes');
    const text = (await notes.first().textContent()).trim();
    assert.ok(text.includes('Demo:'), text);
    assert.equal(await notes.first().isVisible(), false, 'notes are hidden on the page');
    assert.equal(await page.getByText('Ask:', { exact: false }).first().isVisible(), false);
    await page.keyboard.press('p');
    await waitForSlide(page, 0);
    const count = await page.evaluate(() => workbook.slides.count());
    for (let index = 0; index < count; index += 1) {
        await page.evaluate((i) => workbook.slides.goTo(i), index);
        const shown = await page.locator('#wb-deck').innerText();
        assert.ok(!/\b(Ask|Demo|Note):/.test(shown), `slide ${index + 1} shows a note: ${shown}`);
    }
    await page.close();
});

test('the presenter window follows the slides with notes, next slide and timing', async () => {
    const page = await open('counter/bug-hunt.html');
    await page.keyboard.press('p');
    await waitForSlide(page, 0);
    const [presenter] = await Promise.all([
        browser.context.waitForEvent('page'),
        page.keyboard.press('n'),
    ]);
    presenter.on('pageerror', (error) => pageErrors.push(`presenter: ${error.message}`));
    await presenter.setViewportSize(VIEWPORT);
    await presenter.waitForLoadState('load');
    await presenter.waitForFunction(() => window.workbook?.presenterState?.slides === true);
    assert.match(presenter.url(), /counter\/bug-hunt\.html\?presenter$/);

    // The audience moves on: the presenter receives the sync message.
    await page.keyboard.press('ArrowRight');
    await presenter.waitForFunction(() => workbook.presenterState.index === 1);
    const state = await presenter.evaluate(() => workbook.presenterState);
    assert.equal(state.type, 'state');
    assert.equal(state.count, await page.evaluate(() => workbook.slides.count()));
    assert.equal(await presenter.locator('[data-field="count"]').textContent(), `slide 2 / ${state.count}`);
    assert.ok(state.next && state.next.html.length > 0, 'the next slide is sent along');
    assert.ok((await presenter.locator('[data-frame="next"] main').innerText()).trim().length > 0,
        'the next slide is shown');
    assert.equal(await presenter.locator('[data-field="page-budget"]').textContent(), 'of 7 min');
    const notes = presenter.locator('.wb-p-notes');
    await assert.doesNotReject(notes.locator('.wb-kind-demo').first().waitFor());
    assert.match(await notes.innerText(), /cargo workbook demo counter/);

    // The presenter steers: its arrow key moves the audience's slides.
    await presenter.keyboard.press('ArrowRight');
    await waitForSlide(page, 2);
    await presenter.waitForFunction(() => workbook.presenterState.index === 2);
    await presenter.waitForTimeout(1100); // let the clocks tick once
    await presenter.screenshot({ path: join(OUT, 'presenter.png') });
    await page.screenshot({ path: join(OUT, 'presenter-audience.png') });
    await presenter.close();
    await page.close();
});

test('a quiz is answered and its answers explained', async () => {
    const page = await open('counter/quiz.html');
    const quiz = page.locator('.mdbook-quiz');
    await quiz.waitFor();
    await page.keyboard.press('p');
    await waitForSlide(page, 0);
    const slideQuiz = page.locator('#wb-deck .mdbook-quiz');
    await slideQuiz.getByRole('button', { name: /start/i }).click();
    await page.screenshot({ path: join(OUT, 'quiz-slide.png') });
    // Answer every question right; each answer is picked by its text, since
    // mdbook-quiz shuffles the choices.
    const rightAnswers = [
        ['Load(A), Load(B), Store(A), Store(B)'],
        ['RacyAtomicCounter: load, then store', 'TwoLockCounter: read under the lock'],
        ['Exactly 8,000.'],
        ['Neighbouring slots share a cache line'],
    ];
    for (const answers of rightAnswers) {
        await slideQuiz.locator('.choice').first().waitFor();
        assert.doesNotMatch(await slideQuiz.innerText(), /Context/, 'no explanation before answering');
        for (const answer of answers) {
            await slideQuiz.locator('.choice', { hasText: answer }).locator('input').check();
        }
        await slideQuiz.locator('input[type="submit"]').click();
    }
    const review = slideQuiz.getByText(/You answered 4\/4 questions correctly/);
    await review.waitFor();
    const explained = await slideQuiz.innerText();
    assert.match(explained, /Context/, 'the review explains the answers');
    assert.match(explained, /false sharing/, 'including the last question');
    await page.screenshot({ path: join(OUT, 'quiz-answered.png') });
    // The review is longer than a slide: the slide scrolls to it, the text stays readable.
    const last = slideQuiz.getByText(/false sharing/);
    await last.scrollIntoViewIfNeeded();
    assert.ok(await last.isVisible(), 'the last explanation can be scrolled to on the slide');
    const scale = await page.evaluate(() =>
        Number(getComputedStyle(document.querySelector('.wb-live .wb-slide')).getPropertyValue('--wb-scale')));
    assert.ok(scale >= 0.85, `the quiz slide is shrunk to ${scale}`);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.wb-live .mdbook-quiz').length), 1);
    await page.keyboard.press('p');
    await quiz.waitFor();
    assert.ok(await quiz.isVisible(), 'the quiz goes back into the page after the slide view');
    await page.close();
});

test('the handout prints without slide chrome or notes', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`print: ${error.message}`));
    await page.addInitScript(() => { window.print = () => {}; });
    await page.goto(server.base + 'print.html');
    await page.evaluate(() => document.fonts.ready);
    await page.emulateMedia({ media: 'print' });
    assert.ok((await page.locator('.notes').count()) >= 5, 'the print page holds every page');
    for (const selector of ['.notes', '.budget', '#wb-deck', '#wb-present-button', '#mdbook-menu-bar',
        '#mdbook-sidebar', '.quiz-placeholder']) {
        const shown = await page.locator(selector).evaluateAll(
            (nodes) => nodes.filter((node) => node.checkVisibility()).length);
        assert.equal(shown, 0, `${selector} is printed`);
    }
    assert.ok(await page.getByRole('heading', { name: 'Four fixes' }).isVisible());
    await page.pdf({ path: join(OUT, 'handout.pdf'), format: 'A4', printBackground: false });
    await page.setViewportSize(VIEWPORT);
    await page.screenshot({ path: join(OUT, 'handout.png') });
    await page.close();
});

test('everything is served from localhost, and nothing failed to load', () => {
    assert.ok(requests.length > 20, `${requests.length} requests were made`);
    const outside = requests.filter((url) => {
        const { protocol, hostname } = new URL(url);
        return !['data:', 'blob:', 'about:'].includes(protocol) && hostname !== '127.0.0.1';
    });
    assert.deepEqual(outside, [], 'requests left the machine');
    assert.deepEqual(failures, [], 'requests failed');
    assert.deepEqual(pageErrors, [], 'the pages raised JavaScript errors');
});
