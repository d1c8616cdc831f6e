import type { LogLevel } from '@nestjs/common';
import { AppJsonLogger } from '../logging/app-json.logger';
import { jsonLogger } from '../logging/json-logger';

/**
 * The logger of a long-running process (the projector; the API builds its own in createApp):
 * one JSON object per line on stdout at LOG_LEVEL and above, framework chatter at debug.
 */
export class AppLogger extends AppJsonLogger {
  constructor(level: LogLevel) {
    super(jsonLogger(level));
  }
}
