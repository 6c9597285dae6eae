// The presenter window: any book page opened with `?presenter` (N in the slide view
// opens one). It shows what the audience sees, the next slide, the speaker notes, and
// the time spent on this page against its budget and on the whole talk. It follows the
// audience window over a BroadcastChannel and steers it: the arrow keys here move the
// slides there. It renders only what the audience window sends, so both always agree.
(function () {
    'use strict';

    const wb = window.workbook || {};
    if (!new URLSearchParams(window.location.search).has('presenter') || !wb.layout) {
        return;
    }
    const { STAGE, CHANNEL, makeStage } = wb.layout;
    const TALK_START = 'wb-talk-start';
    const root = document.documentElement;
    root.classList.add('wb-presenter-on');

    // ------------------------------------------------------------ layout

    const ui = document.createElement('div');
    ui.id = 'wb-presenter';
    ui.innerHTML = `
        <header class="wb-p-header">
            <span class="wb-p-title" data-field="title">Waiting for the slide view…</span>
            <span class="wb-p-clock" aria-label="Time">
                <span class="wb-p-timer" data-timer="page">
                    <span class="wb-p-label">page</span>
                    <span class="wb-p-time" data-field="page-time">0:00</span>
                    <span class="wb-p-budget" data-field="page-budget"></span>
                    <span class="wb-p-meter"><span data-field="meter"></span></span>
                </span>
                <span class="wb-p-timer" data-timer="talk">
                    <span class="wb-p-label">talk</span>
                    <span class="wb-p-time" data-field="talk-time">0:00</span>
                    <button type="button" data-action="reset" title="Restart both clocks (R)">⟲</button>
                </span>
            </span>
            <span class="wb-p-count" data-field="count"></span>
        </header>
        <section class="wb-p-current" aria-label="Current slide">
            <div class="wb-p-frame" data-frame="current"></div>
        </section>
        <section class="wb-p-next" aria-label="Next slide">
            <div class="wb-p-next-preview">
                <h2>Next <span data-field="next-title"></span></h2>
                <div class="wb-p-frame" data-frame="next"></div>
            </div>
            <nav class="wb-p-controls" aria-label="Slide controls">
                <button type="button" data-action="next">next ▶</button>
                <button type="button" data-action="prev">◀ back</button>
                <button type="button" data-action="toggle">slides on/off</button>
            </nav>
        </section>
        <section class="wb-p-notes" aria-label="Speaker notes">
            <div data-field="notes"><p class="wb-p-waiting">Open the slide view (P) in the
            audience window, or press → here.</p></div>
        </section>`;
    document.body.appendChild(ui);

    const field = (name) => ui.querySelector(`[data-field="${name}"]`);
    const frames = {};
    for (const name of ['current', 'next']) {
        const frame = ui.querySelector(`[data-frame="${name}"]`);
        const parts = makeStage('wb-preview');
        frame.appendChild(parts.stage);
        frames[name] = { frame, parts };
    }

    /** Scales each preview stage to the width (and height) of its frame. */
    function placePreviews() {
        for (const { frame, parts } of Object.values(frames)) {
            const scale = Math.min(frame.clientWidth / STAGE.width, frame.clientHeight / STAGE.height);
            parts.stage.style.transform = `scale(${scale})`;
            parts.stage.style.left = `${(frame.clientWidth - STAGE.width * scale) / 2}px`;
        }
    }
    window.addEventListener('resize', placePreviews);

    // ------------------------------------------------------------ clocks

    let pageUrl = null;
    let pageStartedAt = Date.now();
    let budget = null;

    function talkStart() {
        let start = Number(localStorage.getItem(TALK_START) || 0);
        if (!start) {
            start = Date.now();
            localStorage.setItem(TALK_START, String(start));
        }
        return start;
    }

    function clock(ms) {
        const seconds = Math.max(0, Math.floor(ms / 1000));
        const h = Math.floor(seconds / 3600);
        const m = Math.floor((seconds % 3600) / 60);
        const s = String(seconds % 60).padStart(2, '0');
        return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
    }

    function tick() {
        const now = Date.now();
        const onPage = now - pageStartedAt;
        field('page-time').textContent = clock(onPage);
        field('talk-time').textContent = clock(now - talkStart());
        const timer = ui.querySelector('[data-timer="page"]');
        const meter = field('meter');
        if (budget && budget.talk) {
            const share = onPage / (budget.talk * 60000);
            timer.dataset.pace = share > 1 ? 'over' : share > 0.8 ? 'close' : 'ok';
            meter.style.width = `${Math.min(100, share * 100)}%`;
            meter.dataset.pace = timer.dataset.pace;
            field('page-budget').textContent =
                share > 1 ? `of ${budget.talk} min: ${clock(onPage - budget.talk * 60000)} over`
                    : `of ${budget.talk} min`;
        } else {
            delete timer.dataset.pace;
            meter.style.width = '0';
            field('page-budget').textContent = 'no budget on this page';
        }
    }
    setInterval(tick, 1000);

    function restartClocks() {
        localStorage.setItem(TALK_START, String(Date.now()));
        pageStartedAt = Date.now();
        tick();
    }

    // ------------------------------------------------------------ rendering

    /** Marks the "Ask:", "Demo:", "Note:" at the start of each bullet. */
    function labelNotes(container) {
        for (const item of container.querySelectorAll('li')) {
            const first = item.firstChild;
            if (!first || first.nodeType !== Node.TEXT_NODE) {
                continue;
            }
            const match = /^\s*(Ask|Demo|Note):/.exec(first.textContent);
            if (match) {
                const label = document.createElement('strong');
                label.className = `wb-kind wb-kind-${match[1].toLowerCase()}`;
                label.textContent = match[1];
                first.textContent = first.textContent.slice(match[0].length);
                item.prepend(label);
            }
        }
    }

    function renderFrame(name, slide) {
        const { parts } = frames[name];
        if (!slide) {
            parts.main.innerHTML = name === 'next' ? '<p class="wb-p-end">— the end —</p>' : '';
            parts.slide.style.setProperty('--wb-scale', '1');
            return;
        }
        parts.main.innerHTML = slide.html;
        parts.slide.style.setProperty('--wb-scale', String(slide.scale));
    }

    function render(message) {
        wb.presenterState = message;
        ui.dataset.slides = message.slides ? 'on' : 'off';
        if (message.url !== pageUrl) {
            pageUrl = message.url;
            pageStartedAt = Date.now();
        }
        field('title').textContent = message.title;
        if (!message.slides) {
            ui.dataset.slide = '';
            field('count').textContent = 'slide view is off in the audience window';
            renderFrame('current', null);
            renderFrame('next', null);
            budget = null;
            tick();
            return;
        }
        ui.dataset.slide = String(message.index);
        field('count').textContent = `slide ${message.index + 1} / ${message.count}`;
        renderFrame('current', message.current);
        renderFrame('next', message.next);
        field('next-title').textContent = message.next
            ? (message.next.newPage ? `page: ${message.next.title}` : '')
            : (message.hasNextPage ? '(loading the next page…)' : '');
        budget = message.budget;
        const notes = field('notes');
        if (message.notes.trim()) {
            notes.innerHTML = message.notes;
        } else if (message.pageNotes.trim()) {
            notes.innerHTML = '<p class="wb-p-aside">No notes for this slide. The page\'s notes:</p>' +
                message.pageNotes;
        } else {
            notes.innerHTML = '<p class="wb-p-aside">No notes on this page.</p>';
        }
        if (message.budget && message.budget.exercises) {
            notes.insertAdjacentHTML('beforeend',
                `<p class="wb-p-aside">Exercises on this page: ${message.budget.exercises} min (optional break-out).</p>`);
        }
        labelNotes(notes);
        placePreviews();
        tick();
    }

    // ------------------------------------------------------------ sync

    if (typeof BroadcastChannel === 'undefined') {
        field('notes').textContent = 'This browser has no BroadcastChannel: the presenter window cannot follow the slides.';
        return;
    }
    const channel = new BroadcastChannel(CHANNEL);
    channel.addEventListener('message', (event) => {
        if (event.data && event.data.type === 'state') {
            render(event.data);
        }
    });
    const command = (action) => channel.postMessage({ type: 'command', action });

    ui.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-action]');
        if (!button) {
            return;
        }
        if (button.dataset.action === 'reset') {
            restartClocks();
        } else {
            command(button.dataset.action);
        }
    });

    window.addEventListener('keydown', (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        const action = {
            ArrowRight: 'next', ArrowDown: 'next', PageDown: 'next', ' ': 'next',
            ArrowLeft: 'prev', ArrowUp: 'prev', PageUp: 'prev',
            Home: 'first', End: 'last', p: 'toggle', P: 'toggle',
        }[event.key];
        if (event.key === 'r' || event.key === 'R') {
            restartClocks();
        } else if (action) {
            command(action);
        } else {
            return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
    }, true);

    document.title = 'Presenter — ' + document.title;
    talkStart();
    placePreviews();
    tick();
    channel.postMessage({ type: 'hello' });
})();
