import { Logger, PinoLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';

/**
 * Nest's own start-up narration: a line per module, per controller and per route (some 45 in
 * all) before the one line an operator needs. Written at debug level instead.
 */
const FRAMEWORK_CHATTER = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** The context Nest passes as the last argument of a log call. */
function contextOf(params: unknown[]): unknown {
  return params.at(-1);
}

/**
 * The logger of the API and the projector: nestjs-pino's, one JSON object per line, with the
 * framework's start-up lines demoted to debug. NestApplication's lines go to debug too:
 * "successfully started" comes before the server listens (so it is no news), and a listen
 * failure is reported by main.ts as one "Refusing to start" line of its own.
 */
export class AppJsonLogger extends Logger {
  constructor(logger: Pino) {
    super(new PinoLogger({ pinoHttp: { logger } }), {});
  }

  override log(message: unknown, ...params: unknown[]): void {
    const context = contextOf(params);
    if (FRAMEWORK_CHATTER.has(context as string) || context === 'NestApplication') {
      super.debug(message, ...params);
    } else {
      super.log(message, ...params);
    }
  }

  override error(message: unknown, ...params: unknown[]): void {
    if (contextOf(params) === 'NestApplication') super.debug(message, ...params);
    else super.error(message, ...params);
  }
}
