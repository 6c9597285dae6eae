// How a book page becomes slides (used by slides.js and presenter.js).
//
// A page is cut into sections at its h1/h2 headings; each section's blocks are laid out
// on a 1280×720 stage, off screen, and go on one slide while they fit. A section too
// long continues on the next slide: a code block is cut at a blank line, a table between
// rows, a list between items, and a paragraph ending in a colon moves on with the block
// it introduces. Code shrinks to fit its longest line, never below a readable size; a
// block that cannot be cut shrinks the whole slide. Speaker notes (`.notes`) and budget
// lines (`.budget`) never go on a slide.
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

    (window.workbook = window.workbook || {}).layout = {
        STAGE,
        CHANNEL,
        parseBudget,
        sectionsOf,
        makeStage,
        paginate,
        renderSlide,
        slideHtml,
        notesHtml,
        fitScale,
        fitCodeWidth,
        giveBack,
    };
})();
