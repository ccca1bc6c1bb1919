import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const helpPage = '<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/a1.css" data-precedence="next"/><link rel="preload" as="script" href="/x.js"/></head><body></body></html>';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('layoutStylesheets', () => {
  it("reads the build's prerendered /help once in production", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-css-'));
    fs.mkdirSync(path.join(dir, '.next', 'server', 'app'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.next', 'server', 'app', 'help'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.next', 'server', 'app', 'help', 'zh-CN.html'), helpPage);
    vi.stubEnv('NODE_ENV', 'production');
    vi.spyOn(process, 'cwd').mockReturnValue(dir);
    const { layoutStylesheets } = await import('./stylesheets');
    expect(await layoutStylesheets('http://unused.invalid')).toEqual(['/_next/static/chunks/a1.css']);
    fs.rmSync(dir, { recursive: true });
    // Read once: the build does not change under a running server.
    expect(await layoutStylesheets('http://unused.invalid')).toEqual(['/_next/static/chunks/a1.css']);
  });

  it('fails when the build has no such page, and tries again next time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-css-'));
    vi.stubEnv('NODE_ENV', 'production');
    vi.spyOn(process, 'cwd').mockReturnValue(dir);
    const { layoutStylesheets } = await import('./stylesheets');
    await expect(layoutStylesheets('http://unused.invalid')).rejects.toThrow();
    fs.mkdirSync(path.join(dir, '.next', 'server', 'app'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.next', 'server', 'app', 'help'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.next', 'server', 'app', 'help', 'zh-CN.html'), '<html><head></head></html>');
    await expect(layoutStylesheets('http://unused.invalid')).rejects.toThrow(/no stylesheet/);
    fs.rmSync(dir, { recursive: true });
  });

  it('asks the dev server for /help under next dev', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const server = http.createServer((req, res) => res.end(req.url === '/help' ? helpPage : 'nope'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const { layoutStylesheets } = await import('./stylesheets');
      expect(await layoutStylesheets(`http://127.0.0.1:${port}/loans/abc?x=1`)).toEqual(['/_next/static/chunks/a1.css']);
    } finally {
      server.close();
    }
  });
});
