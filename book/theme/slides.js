// Slide view of every book page, for presenting the workbook from the served book.
//
// P toggles the slide view; the arrow keys (also Space, Page Up/Down) move between
// slides, and past the last slide on to the next page; Home/End jump; Esc leaves.
// N opens the presenter window (presenter.js), which this window keeps in sync over a
// BroadcastChannel: each move sends the current and next slide, the section's notes and
// the page's budget. The layout (which blocks go on which slide) is slide-layout.js.
// Nothing here loads anything from the network.
(function () {
    'use strict';

    const {
        STAGE, CHANNEL, parseBudget, sectionsOf, makeStage, paginate, renderSlide, slideHtml,
        notesHtml, fitScale, fitCodeWidth, giveBack,
    } = window.workbook.layout;
    const wb = window.workbook;
    const params = new URLSearchParams(window.location.search);
    const isPresenterWindow = params.has('presenter');
    const isPrintPage = /(^|\/)print\.html$/.test(window.location.pathname);
    const pagePath = window.location.pathname;

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
                // Relative images and links belong to the fetched page, not this one.
                const base = new URL(url, location.href);
                main.querySelectorAll('[src], a[href]').forEach((element) => {
                    const name = element.hasAttribute('src') ? 'src' : 'href';
                    element.setAttribute(name, new URL(element.getAttribute(name), base).href);
                });
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
