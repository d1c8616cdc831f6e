import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { problem, sendProblem } from '../http/problem';
import type { ConsoleConfig } from './console-config';

/** Where `npm run build:console` (part of `npm start` and `npm test`) writes the console. */
export const DEFAULT_CONSOLE_DIR = resolve(__dirname, '../../../../dist/console');

export const CONSOLE_PATH = '/console';

/**
 * Serves the built console under /console: its settings at /console/config.json, its hashed
 * assets (cacheable: they hold no licence data), and index.html for every other path below it so
 * that a deep link or a reload opens the right page. Licence data only ever comes from /api.
 */
export function consoleMiddleware(config: ConsoleConfig, dir: string = DEFAULT_CONSOLE_DIR) {
  const assets = express.static(dir, { index: false, fallthrough: true, immutable: true, maxAge: '365d' });
  const indexFile = join(dir, 'index.html');
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.path !== CONSOLE_PATH && !request.path.startsWith(`${CONSOLE_PATH}/`)) return next();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      sendProblem(
        response,
        problem(405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed', 'The console is read with GET'),
        request.originalUrl,
      );
      return;
    }
    if (request.path === `${CONSOLE_PATH}/config.json`) {
      response.setHeader('Cache-Control', 'no-store');
      response.json(config);
      return;
    }
    if (!existsSync(indexFile)) {
      sendProblem(
        response,
        problem(
          503,
          'CONSOLE_NOT_BUILT',
          'Service Unavailable',
          `The console is not built in ${dir}: run npm run build:console`,
        ),
        request.originalUrl,
      );
      return;
    }
    const rest = request.path.slice(CONSOLE_PATH.length) || '/';
    if (rest.startsWith('/assets/')) {
      request.url = rest + (request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '');
      assets(request, response, () => {
        sendProblem(
          response,
          problem(404, 'NOT_FOUND', 'Not Found', `No console file at ${request.originalUrl}`),
          request.originalUrl,
        );
      });
      return;
    }
    // The page itself is read on every visit, so a new build is picked up at once.
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(readFileSync(indexFile));
  };
}
