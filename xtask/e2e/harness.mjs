// The end-to-end test's harness: serve the book with the pinned mdBook on a free
// localhost port, and launch Debian's Chromium headless with a fresh profile, the
// network cut off except for 127.0.0.1.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = join(ROOT, 'target/e2e');
export const VIEWPORT = { width: 1280, height: 720 };

/** A TCP port nobody listens on right now. */
function freePort() {
    return new Promise((done, fail) => {
        const server = createServer();
        server.unref();
        server.on('error', fail);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => done(port));
        });
    });
}

/** Serves the book with `mdbook serve` and resolves once a page answers. */
export async function serveBook() {
    const mdbook = process.env.MDBOOK;
    if (!mdbook) {
        throw new Error('MDBOOK is not set: run the test with xtask/e2e/run.sh');
    }
    const port = await freePort();
    const destination = join(OUT, 'book');
    rmSync(destination, { recursive: true, force: true });
    const child = spawn(mdbook, ['serve', '--hostname', '127.0.0.1', '--port', String(port),
        '--dest-dir', destination], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    child.stdout.on('data', (chunk) => { printed += chunk; });
    child.stderr.on('data', (chunk) => { printed += chunk; });
    let exited = null;
    child.on('exit', (code) => { exited = code; });
    const base = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 120_000;
    for (;;) {
        if (exited !== null) {
            throw new Error(`mdbook serve exited with ${exited}:\n${printed}`);
        }
        try {
            const response = await fetch(base + 'counter/index.html');
            if (response.ok) {
                break;
            }
        } catch (error) { /* not listening yet */ }
        if (Date.now() > deadline) {
            child.kill('SIGTERM');
            throw new Error(`mdbook serve did not answer on ${base} within 120 s:\n${printed}`);
        }
        await new Promise((wake) => setTimeout(wake, 250));
    }
    return {
        base,
        stop: () => new Promise((done) => {
            if (exited !== null) {
                done();
                return;
            }
            child.once('exit', () => done());
            child.kill('SIGTERM');
        }),
    };
}

/** Chromium, headless, fresh profile; requests to anything but 127.0.0.1 cannot resolve. */
export async function launchBrowser() {
    const profile = mkdtempSync(join(tmpdir(), 'workbook-e2e-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        viewport: VIEWPORT,
        args: [
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        ],
    });
    return {
        context,
        close: async () => {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
        },
    };
}

export function outputDir(...parts) {
    const dir = join(OUT, ...parts);
    mkdirSync(dir, { recursive: true });
    return dir;
}
