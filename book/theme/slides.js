// Slide view of every book page, for presenting the workbook from the served book.
//
// P toggles the slide view; the arrow keys (also Space, Page Up/Down) move between
// slides, and past the last slide on to the next page; Home/End jump; Esc leaves.
// N opens the presenter window (presenter.js), which this window keeps in sync over a
// BroadcastChannel. A page becomes slides by cutting it at its h1/h2 headings; a
// section too tall for one 1280×720 slide continues on the next slide, and a single
// block too tall or too wide for a slide is shrunk until it fits. Speaker notes
// (`<div class="notes">`) and the time budget line never appear on a slide: they are
// sent to the presenter window. Nothing here loads anything from the network.
(function () {
    'use strict';

    const STAGE = { width: 1280, height: 720 };
    const CHANNEL = 'workbook-present';
    const MIN_CODE_PX = 15; // code on a slide is never smaller: still readable from the back
    const MIN_SCALE = 0.55;
    const MIN_INTERACTIVE_SCALE = 0.85;
    const INVISIBLE = new Set(['SCRIPT', 'LINK', 'STYLE', 'TEMPLATE']);
    const MIN_CODE_LINES = 8; // a code block split across slides shows at least this many lines first
    const MIN_CODE_TAIL = 5; // ... and leaves at least this many for the next slide
    const SHRINK_RATHER_THAN_CUT = 0.85; // a block this nearly fitting shrinks instead
    const wb = (window.workbook = window.workbook || {});
    const params = new URLSearchParams(window.location.search);
    const isPresenterWindow = params.has('presenter');
    const isPrintPage = /(^|\/)print\.html$/.test(window.location.pathname);
    const pagePath = window.location.pathname;

    // ---------------------------------------------------------------- budgets

    /** The page's budget line `⏱ N min (+ M min exercises)`, as minutes. */
    function parseBudget(text) {
        const own = (text || '').split('·')[0];
        const talk = /(\d+)\s*min/.exec(own);
        const exercises = /\+\s*(\d+)\s*min exercises/.exec(own);
        return {
            talk: talk ? Number(talk[1]) : null,
            exercises: exercises ? Number(exercises[1]) : 0,
            text: (text || '').trim(),
        };
    }

    // ---------------------------------------------------------------- sections

    /**
     * The page's sections: cut `main` at every h1 and h2. Each section lists its
     * content blocks (without speaker notes and budget lines) and its notes.
     */
    function sectionsOf(main) {
        const sections = [];
        let current = null;
        for (const node of Array.from(main.children)) {
            const heading = node.tagName === 'H1' || node.tagName === 'H2';
            if (heading || current === null) {
                current = { heading: heading ? node : null, blocks: [], notes: [] };
                sections.push(current);
                if (heading) {
                    continue;
                }
            }
            if (node.classList.contains('notes')) {
                current.notes.push(node);
            } else if (!node.classList.contains('budget') && !INVISIBLE.has(node.tagName)) {
                current.blocks.push(node);
            }
        }
        return sections.filter((s) => s.heading || s.blocks.length > 0);
    }

    // ------------------------------------------------------------- measuring

    /** A stage as the audience sees it, with its slide: `{ stage, slide, main }`. */
    function makeStage(extraClass) {
        const stage = document.createElement('div');
        stage.className = 'wb-stage ' + (extraClass || '');
        const slide = document.createElement('div');
        slide.className = 'wb-slide content';
        const main = document.createElement('main');
        slide.appendChild(main);
        stage.appendChild(slide);
        const footer = document.createElement('div');
        footer.className = 'wb-footer';
        stage.appendChild(footer);
        return { stage, slide, main, footer };
    }

    let measuring = null;
    function measuringStage() {
        if (measuring === null) {
            measuring = makeStage('wb-measure');
            measuring.stage.setAttribute('aria-hidden', 'true');
            document.body.appendChild(measuring.stage);
        }
        return measuring;
    }

    /** A copy of `node` for a slide: no ids (they stay unique), links absolute. */
    function slideCopy(node, baseUrl) {
        const copy = node.cloneNode(true);
        for (const element of [copy, ...copy.querySelectorAll('[id]')]) {
            element.removeAttribute('id');
        }
        for (const element of [copy, ...copy.querySelectorAll('[src], [href]')]) {
            for (const name of ['src', 'href']) {
                const value = element.getAttribute(name);
                if (value !== null && !value.startsWith('#')) {
                    element.setAttribute(name, new URL(value, baseUrl).href);
                }
            }
        }
        return copy;
    }

    function overflows(slide) {
        return slide.scrollHeight > slide.clientHeight + 1;
    }

    function codeOf(pre) {
        return pre.querySelector(':scope > code') || pre;
    }

    /** Shrinks each code block's font in `root` until its longest line fits. */
    function fitCodeWidth(root) {
        for (const pre of root.querySelectorAll('pre')) {
            const code = codeOf(pre);
            code.style.fontSize = '';
            let px = parseFloat(getComputedStyle(code).fontSize);
            while (code.scrollWidth > code.clientWidth + 1 && px > MIN_CODE_PX) {
                px -= 0.5;
                code.style.fontSize = px + 'px';
            }
        }
    }

    /** The largest scale (≤ 1) at which the slide's content fits its height. */
    function fitScale(parts) {
        const floor = parts.slide.classList.contains('wb-interactive') ? MIN_INTERACTIVE_SCALE : MIN_SCALE;
        let scale = 1;
        parts.slide.style.setProperty('--wb-scale', '1');
        fitCodeWidth(parts.main);
        while (overflows(parts.slide) && scale > floor) {
            scale = Math.round((scale - 0.05) * 100) / 100;
            parts.slide.style.setProperty('--wb-scale', String(scale));
            fitCodeWidth(parts.main);
        }
        return scale;
    }

    /**
     * The lines of a highlighted code element, each a fragment that keeps the
     * highlighting spans open across line breaks.
     */
    function codeLines(code) {
        const lines = [];
        let line = null;
        let chain = [];
        const container = () => (chain.length ? chain[chain.length - 1] : line);
        const newLine = (ancestors) => {
            line = document.createDocumentFragment();
            lines.push(line);
            chain = [];
            let parent = line;
            for (const ancestor of ancestors) {
                const copy = ancestor.cloneNode(false);
                parent.appendChild(copy);
                chain.push(copy);
                parent = copy;
            }
        };
        const walk = (node, ancestors) => {
            for (const child of Array.from(node.childNodes)) {
                if (child.nodeType === Node.TEXT_NODE) {
                    child.textContent.split('\n').forEach((part, i) => {
                        if (i > 0) {
                            newLine(ancestors);
                        }
                        if (part) {
                            container().appendChild(document.createTextNode(part));
                        }
                    });
                } else if (child.nodeType === Node.ELEMENT_NODE) {
                    const copy = child.cloneNode(false);
                    container().appendChild(copy);
                    chain.push(copy);
                    walk(child, [...ancestors, child]);
                    chain.pop();
                }
            }
        };
        newLine([]);
        walk(code, []);
        if (lines.length > 1 && lines[lines.length - 1].textContent === '') {
            lines.pop();
        }
        return lines;
    }

    /** A detached copy of the code block `pre` holding only `lines`. */
    function codePiece(pre, lines) {
        const piece = pre.cloneNode(false);
        const source = pre.querySelector(':scope > code');
        const code = source ? source.cloneNode(false) : piece;
        lines.forEach((line, i) => {
            if (i > 0) {
                code.appendChild(document.createTextNode('\n'));
            }
            code.appendChild(line.cloneNode(true));
        });
        if (code !== piece) {
            piece.appendChild(code);
        }
        return piece;
    }

    /**
     * How a block too long for one slide can be cut: its units (code lines, table rows,
     * list items), how to rebuild a block from some of them, and whether a unit is a
     * good place to cut (a blank line in code). Null for blocks that cannot be cut.
     */
    function splitter(block) {
        if (block.tagName === 'PRE') {
            return {
                units: codeLines(codeOf(block)),
                make: (lines) => codePiece(block, lines),
                goodCut: (line) => line.textContent.trim() === '',
                skipAtCut: true,
                minFirst: MIN_CODE_LINES,
                minLast: MIN_CODE_TAIL,
            };
        }
        const table = block.tagName === 'TABLE' ? block : block.querySelector(':scope > table');
        if (table && table.tBodies.length === 1) {
            return {
                units: Array.from(table.tBodies[0].rows),
                make: (rows) => {
                    const copy = block.cloneNode(true);
                    const body = (copy.tagName === 'TABLE' ? copy : copy.querySelector(':scope > table')).tBodies[0];
                    body.replaceChildren(...rows.map((row) => row.cloneNode(true)));
                    return copy;
                },
                goodCut: () => true,
                skipAtCut: false,
                minFirst: 3,
                minLast: 2,
            };
        }
        if (block.tagName === 'UL' || block.tagName === 'OL') {
            const items = Array.from(block.children);
            return {
                units: items,
                make: (chosen) => {
                    const copy = block.cloneNode(false);
                    if (block.tagName === 'OL') {
                        copy.start = (block.start || 1) + items.indexOf(chosen[0]);
                    }
                    copy.append(...chosen.map((item) => item.cloneNode(true)));
                    return copy;
                },
                goodCut: () => true,
                skipAtCut: false,
                minFirst: 2,
                minLast: 1,
            };
        }
        return null;
    }

    /**
     * Cuts `block`, which does not fit on the slide being laid out, in two: the units
     * that fit (cut at a good place in their second half, if there is one) and the
     * rest. Returns `{ fits, rest, count }` (`rest` null when all but `minLast` units
     * fit: the block stays whole and the slide shrinks a little; `count` the units in
     * `fits`), or null when not even one unit fits here.
     */
    function splitBlock(block, cut, parts, baseUrl) {
        const { units, make, goodCut, skipAtCut, minLast } = cut;
        let fit = 0;
        for (let count = 1; count <= units.length; count += 1) {
            const trial = place(parts, make(units.slice(0, count)), baseUrl);
            const over = overflows(parts.slide);
            trial.remove();
            if (over) {
                break;
            }
            fit = count;
        }
        // Only a few units over: keep the block whole, the slide shrinks a little.
        if (units.length - fit <= minLast && fit >= SHRINK_RATHER_THAN_CUT * units.length) {
            return { fits: block, rest: null, count: units.length };
        }
        if (fit === 0) {
            return null;
        }
        // Leave the next slide more than a stub: cut earlier if the rest would be tiny.
        const limit = Math.max(1, Math.min(fit, units.length - minLast));
        let at = limit;
        for (let i = limit; i >= Math.ceil(limit / 2); i -= 1) {
            if (i < units.length && goodCut(units[i])) {
                at = i;
                break;
            }
        }
        let rest = at;
        while (skipAtCut && rest < units.length && goodCut(units[rest])) {
            rest += 1;
        }
        return { fits: make(units.slice(0, at)), rest: make(units.slice(rest)), count: at };
    }

    /** A paragraph ending in a colon introduces the block after it. */
    function introduces(block) {
        return block.tagName === 'P' && block.textContent.trim().endsWith(':');
    }

    /** Puts a slide copy of `block` on the measuring stage, fitted to its width. */
    function place(parts, block, baseUrl) {
        const copy = slideCopy(block, baseUrl);
        parts.main.appendChild(copy);
        fitCodeWidth(copy);
        return copy;
    }

    /**
     * Lays `sections` out as slides on the measuring stage: a section's blocks go on
     * one slide while they fit, and continue on the next slide when they do not. A
     * code block too long for a slide is cut at a blank line; any other block too tall
     * is shrunk. Each slide is `{ heading, blocks, notes, continued, scale }`.
     */
    function paginate(sections, baseUrl, limit) {
        const parts = measuringStage();
        const slides = [];
        for (const section of sections) {
            let slide = null;
            const start = (continued) => {
                slide = { heading: section.heading, blocks: [], notes: section.notes, continued, scale: 1 };
                parts.main.replaceChildren();
                parts.slide.style.setProperty('--wb-scale', '1');
                if (section.heading) {
                    parts.main.appendChild(headingCopy(section.heading, baseUrl, continued));
                }
            };
            const finish = () => {
                slide.scale = fitScale(parts);
                slides.push(slide);
            };
            start(false);
            const queue = [...section.blocks];
            while (queue.length > 0) {
                const block = queue.shift();
                const copy = place(parts, block, baseUrl);
                if (!overflows(parts.slide)) {
                    slide.blocks.push(block);
                    continue;
                }
                copy.remove();
                // A long block: as many of its lines, rows or items as fit (a few at
                // least, unless the slide is empty), and the rest on the next slide.
                const cut = splitter(block);
                const pieces = cut && splitBlock(block, cut, parts, baseUrl);
                if (pieces && (slide.blocks.length === 0 || pieces.rest === null ||
                        pieces.count >= cut.minFirst)) {
                    place(parts, pieces.fits, baseUrl);
                    slide.blocks.push(pieces.fits);
                    if (pieces.rest) {
                        queue.unshift(pieces.rest);
                    }
                    continue;
                }
                if (slide.blocks.length > 0) {
                    queue.unshift(block);
                    // "See it happen:" moves on with the block it introduces.
                    const last = slide.blocks[slide.blocks.length - 1];
                    if (slide.blocks.length > 1 && introduces(last)) {
                        slide.blocks.pop();
                        parts.main.lastElementChild.remove();
                        queue.unshift(last);
                    }
                    finish();
                    start(true);
                    continue;
                }
                place(parts, block, baseUrl); // cannot be cut, too tall even alone: shrunk
                slide.blocks.push(block);
            }
            finish();
            if (limit && slides.length >= limit) {
                break;
            }
        }
        parts.main.replaceChildren();
        return slides.slice(0, limit || slides.length);
    }

    function headingCopy(heading, baseUrl, continued) {
        const copy = slideCopy(heading, baseUrl);
        if (continued) {
            copy.classList.add('wb-continued');
        }
        return copy;
    }

    /**
     * Interactive blocks (an mdbook-quiz quiz) only work as the original element, not
     * as a copy: the live slide borrows the original from the page and gives it back
     * when the slide changes or the slide view closes.
     */
    const borrowed = [];
    function isInteractive(block) {
        return block.matches('.quiz-placeholder') || block.querySelector('.quiz-placeholder') !== null;
    }
    function borrow(block) {
        const marker = document.createComment('borrowed by the slide view');
        block.before(marker);
        borrowed.push({ block, marker });
        return block;
    }
    function giveBack() {
        for (const { block, marker } of borrowed.splice(0)) {
            marker.replaceWith(block);
        }
    }

    /** Fills `parts` (a stage) with `slide`, ready to be shown; `live` on the deck. */
    function renderSlide(parts, slide, baseUrl, live) {
        if (live) {
            giveBack();
        }
        parts.main.replaceChildren();
        if (slide.heading) {
            parts.main.appendChild(headingCopy(slide.heading, baseUrl, slide.continued));
        }
        let anyInteractive = false;
        for (const block of slide.blocks) {
            const interactive = live && block.isConnected && isInteractive(block);
            anyInteractive = anyInteractive || interactive;
            parts.main.appendChild(interactive ? borrow(block) : slideCopy(block, baseUrl));
        }
        // A quiz's answer review can outgrow any slide: that slide scrolls instead of
        // shrinking its text beyond reading.
        parts.slide.classList.toggle('wb-interactive', anyInteractive);
        parts.slide.style.setProperty('--wb-scale', String(slide.scale));
        fitCodeWidth(parts.main);
    }

    /** The HTML of `slide` laid out on a stage, for the presenter window. */
    function slideHtml(slide, baseUrl) {
        const parts = measuringStage();
        renderSlide(parts, slide, baseUrl);
        const html = parts.main.innerHTML;
        parts.main.replaceChildren();
        return { html, scale: slide.scale };
    }

    function notesHtml(nodes, baseUrl) {
        return nodes.map((node) => slideCopy(node, baseUrl).innerHTML).join('\n');
    }

    // ------------------------------------------------------------ the deck

    const deck = {
        active: false,
        slides: [],
        index: 0,
        parts: null,
        root: null,
        nextPage: null, // { url, title, first: { html, scale }, budget } once fetched
        channel: null,
    };

    function pageTitle(doc) {
        const h1 = doc.querySelector('main h1');
        return h1 ? h1.textContent.trim() : doc.title;
    }

    function neighbour(rel) {
        const link = document.querySelector('.nav-chapters.' + rel);
        return link ? link.href : null;
    }

    function buildDeck() {
        const main = document.querySelector('#mdbook-content main');
        deck.slides = paginate(sectionsOf(main), window.location.href);
        deck.pageNotes = Array.from(main.querySelectorAll(':scope > .notes'));
        const budget = main.querySelector(':scope > .budget');
        deck.budget = parseBudget(budget ? budget.textContent : '');
        deck.title = pageTitle(document);
    }

    function ensureRoot() {
        if (deck.root) {
            return;
        }
        const root = document.createElement('div');
        root.id = 'wb-deck';
        root.className = 'wb-deck';
        root.setAttribute('role', 'region');
        root.setAttribute('aria-label', 'Slide view');
        const parts = makeStage('wb-live');
        root.appendChild(parts.stage);
        const hint = document.createElement('div');
        hint.className = 'wb-hint';
        hint.textContent = '← → move · N presenter window · P or Esc leaves the slide view';
        root.appendChild(hint);
        document.body.appendChild(root);
        deck.root = root;
        deck.parts = parts;
        // An opened solution or a quiz's next question changes the slide: fit it again,
        // and show the presenter window the new state.
        parts.slide.addEventListener('toggle', refitCurrent, true);
        if (typeof ResizeObserver !== 'undefined') {
            new ResizeObserver(() => refitCurrent()).observe(parts.main);
        }
        window.addEventListener('resize', placeStage);
    }

    /** Scales the 1280×720 stage to the window, centred. */
    function placeStage() {
        if (!deck.parts) {
            return;
        }
        const scale = Math.min(window.innerWidth / STAGE.width, window.innerHeight / STAGE.height);
        const stage = deck.parts.stage;
        stage.style.transform = `scale(${scale})`;
        stage.style.left = `${(window.innerWidth - STAGE.width * scale) / 2}px`;
        stage.style.top = `${(window.innerHeight - STAGE.height * scale) / 2}px`;
    }

    /** An opened `<details>` (a solution) may need a smaller scale to fit. */
    function refitCurrent() {
        if (!deck.active) {
            return;
        }
        const slide = deck.slides[deck.index];
        slide.scale = fitScale(deck.parts);
        fitCodeWidth(deck.parts.main);
        broadcast();
    }

    function show(index) {
        deck.index = Math.max(0, Math.min(index, deck.slides.length - 1));
        const slide = deck.slides[deck.index];
        renderSlide(deck.parts, slide, window.location.href, true);
        deck.parts.footer.innerHTML = '';
        const where = document.createElement('span');
        where.className = 'wb-where';
        where.textContent = document.querySelector('.menu-title').textContent + ' › ' + deck.title;
        const count = document.createElement('span');
        count.className = 'wb-count';
        count.textContent = `${deck.index + 1} / ${deck.slides.length}`;
        deck.parts.footer.append(where, count);
        deck.root.dataset.slide = String(deck.index);
        deck.root.dataset.count = String(deck.slides.length);
        try {
            sessionStorage.setItem('wb-slide:' + pagePath, String(deck.index));
        } catch (e) { /* private mode: no memory across reloads */ }
        broadcast();
        if (deck.index === deck.slides.length - 1) {
            prefetchNextPage();
        }
    }

    function enter(at) {
        if (isPrintPage || isPresenterWindow) {
            return;
        }
        ensureRoot();
        document.documentElement.classList.add('wb-slides-on');
        deck.active = true;
        placeStage();
        buildDeck();
        let index = 0;
        if (at === 'last') {
            index = deck.slides.length - 1;
        } else if (typeof at === 'number') {
            index = at;
        }
        show(index);
        try {
            sessionStorage.setItem('wb-slides', 'on');
        } catch (e) { /* ignore */ }
    }

    function leave() {
        deck.active = false;
        giveBack();
        document.documentElement.classList.remove('wb-slides-on');
        try {
            sessionStorage.removeItem('wb-slides');
        } catch (e) { /* ignore */ }
        broadcast();
    }

    /** Slides are laid out with the book's own fonts, so the cut points are final. */
    function enterWhenReady(at) {
        document.documentElement.classList.add('wb-slides-on');
        document.fonts.ready.then(() => enter(at));
    }

    function toggle() {
        if (deck.active) {
            leave();
        } else {
            enterWhenReady(0);
        }
    }

    /** Moves by `step` slides, crossing into the neighbouring page at either end. */
    function move(step) {
        const target = deck.index + step;
        if (target >= 0 && target < deck.slides.length) {
            show(target);
            return;
        }
        const url = neighbour(step > 0 ? 'next' : 'previous');
        if (url) {
            try {
                sessionStorage.setItem('wb-enter-at', step > 0 ? 'first' : 'last');
            } catch (e) { /* ignore */ }
            window.location.href = url;
        }
    }

    function act(action) {
        if (action === 'toggle') {
            toggle();
            return;
        }
        if (action === 'presenter') {
            openPresenter();
            return;
        }
        if (!deck.active) {
            enterWhenReady(0);
            return;
        }
        switch (action) {
            case 'next': move(1); break;
            case 'prev': move(-1); break;
            case 'first': show(0); break;
            case 'last': show(deck.slides.length - 1); break;
            case 'leave': leave(); break;
        }
    }

    // ------------------------------------------------- the next page's first slide

    function prefetchNextPage() {
        const url = neighbour('next');
        if (!url || (deck.nextPage && deck.nextPage.url === url) || deck.fetching === url) {
            return;
        }
        deck.fetching = url;
        fetch(url)
            .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
            .then((text) => {
                const doc = new DOMParser().parseFromString(text, 'text/html');
                const main = doc.querySelector('#mdbook-content main');
                if (!main) {
                    return;
                }
                const adopted = document.importNode(main, true);
                highlight(adopted);
                const first = paginate(sectionsOf(adopted), url, 1)[0];
                const budget = adopted.querySelector(':scope > .budget');
                deck.nextPage = {
                    url,
                    title: pageTitle(doc),
                    first: first ? slideHtml(first, url) : null,
                    budget: parseBudget(budget ? budget.textContent : ''),
                };
                broadcast();
            })
            .catch(() => { /* the preview just stays empty */ })
            .finally(() => {
                deck.fetching = null;
            });
    }

    /** Highlights code fetched from another page, as book.js does on load. */
    function highlight(root) {
        if (typeof window.hljs === 'undefined') {
            return;
        }
        for (const code of root.querySelectorAll('pre code')) {
            if (code.classList.contains('language-text')) {
                continue;
            }
            try {
                window.hljs.highlightElement(code);
                code.classList.add('hljs');
            } catch (e) { /* leave it plain */ }
        }
    }

    // ------------------------------------------------------------ sync

    function state() {
        const base = {
            type: 'state',
            url: window.location.href,
            title: deck.title || pageTitle(document),
            slides: deck.active,
        };
        if (!deck.active) {
            return base;
        }
        const slide = deck.slides[deck.index];
        const last = deck.index === deck.slides.length - 1;
        let next = null;
        if (!last) {
            next = { title: deck.title, ...slideHtml(deck.slides[deck.index + 1], window.location.href) };
        } else if (deck.nextPage && deck.nextPage.first) {
            next = { title: deck.nextPage.title, newPage: true, ...deck.nextPage.first };
        }
        return {
            ...base,
            index: deck.index,
            count: deck.slides.length,
            current: { html: deck.parts.main.innerHTML, scale: slide.scale },
            next,
            notes: notesHtml(slide.notes, window.location.href),
            pageNotes: notesHtml(deck.pageNotes, window.location.href),
            budget: deck.budget,
            nextBudget: last && deck.nextPage ? deck.nextPage.budget : null,
            hasNextPage: neighbour('next') !== null,
        };
    }

    function broadcast() {
        if (deck.channel) {
            deck.channel.postMessage(state());
        }
    }

    function openChannel() {
        if (typeof BroadcastChannel === 'undefined') {
            return;
        }
        deck.channel = new BroadcastChannel(CHANNEL);
        deck.channel.addEventListener('message', (event) => {
            const message = event.data || {};
            if (message.type === 'hello') {
                broadcast();
            } else if (message.type === 'command') {
                act(message.action);
            }
        });
    }

    function openPresenter() {
        const url = new URL(window.location.href);
        url.hash = '';
        url.search = '?presenter';
        const opened = window.open(url.href, 'workbook-presenter', 'popup,width=1280,height=720');
        if (opened) {
            opened.focus();
        }
    }

    // ------------------------------------------------------------ keys and chrome

    /** Keys typed into a text field are the field's, not the slide view's. */
    function typingIn(event) {
        const target = event.composedPath()[0] || event.target;
        if (target.nodeName === 'INPUT') {
            return !/^(?:radio|checkbox|button|submit|reset)$/i.test(target.type);
        }
        return /^(?:select|textarea)$/i.test(target.nodeName) || target.isContentEditable;
    }

    function onKey(event) {
        if (event.altKey || event.ctrlKey || event.metaKey || typingIn(event)) {
            return;
        }
        let action = null;
        if (event.key === 'p' || event.key === 'P') {
            action = 'toggle';
        } else if (event.key === 'n' || event.key === 'N') {
            action = 'presenter';
        } else if (deck.active) {
            action = {
                ArrowRight: 'next', ArrowDown: 'next', PageDown: 'next', ' ': 'next',
                ArrowLeft: 'prev', ArrowUp: 'prev', PageUp: 'prev',
                Home: 'first', End: 'last', Escape: 'leave',
            }[event.key] || null;
            if (event.key === ' ' && event.shiftKey) {
                action = 'prev';
            }
        }
        if (action === null) {
            return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        act(action);
    }

    const PRESENT_ICON =
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
        '<path fill="currentColor" d="M3 3h18v2h-1v10a2 2 0 0 1-2 2h-5v2.6l3.2 1.6-.9 1.8L12 ' +
        '21.1 8.7 23l-.9-1.8 3.2-1.6V17H6a2 2 0 0 1-2-2V5H3zm3 2v10h12V5zm3 2 6 3-6 3z"/></svg>';

    function addChrome() {
        const buttons = document.querySelector('#mdbook-menu-bar .right-buttons');
        if (buttons) {
            const button = document.createElement('button');
            button.id = 'wb-present-button';
            button.className = 'icon-button';
            button.type = 'button';
            button.title = 'Slide view (P) · presenter window (N)';
            button.setAttribute('aria-label', 'Slide view');
            button.innerHTML = PRESENT_ICON;
            button.addEventListener('click', toggle);
            buttons.prepend(button);
        }
        const help = document.querySelector('#mdbook-help-popup > div');
        if (help) {
            const line = document.createElement('p');
            line.innerHTML =
                'Press <kbd>P</kbd> for the slide view, <kbd>N</kbd> for the presenter window';
            help.appendChild(line);
        }
    }

    // ------------------------------------------------------------ start

    wb.slides = {
        STAGE,
        CHANNEL,
        parseBudget,
        makeStage,
        enter,
        leave,
        next: () => act('next'),
        prev: () => act('prev'),
        goTo: (index) => show(index),
        count: () => deck.slides.length,
        index: () => deck.index,
        active: () => deck.active,
    };

    if (isPresenterWindow || isPrintPage) {
        return; // presenter.js takes over the presenter window; print.html prints
    }
    addChrome();
    openChannel();
    window.addEventListener('keydown', onKey, true);
    let resume = null;
    try {
        if (sessionStorage.getItem('wb-slides') === 'on') {
            const at = sessionStorage.getItem('wb-enter-at');
            sessionStorage.removeItem('wb-enter-at');
            const remembered = Number(sessionStorage.getItem('wb-slide:' + pagePath) || 0);
            resume = at === 'last' ? 'last' : at === 'first' ? 0 : remembered;
        }
    } catch (e) { /* ignore */ }
    if (resume !== null) {
        enterWhenReady(resume);
    }
    // A presenter window opened earlier learns that this page is now showing.
    broadcast();
})();
