import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/*
 * The framework's ceiling for the HTTP figures: NestJS on Express as the API runs it, one POST
 * route that parses a JSON body and answers 201, one GET route answering a fixed page, and nothing else (no guards, validation,
 * logging or storage). Started as its own process by the benchmark:
 *
 *   PORT=3999 node -r ./tools/register.cjs bench/bare-nest/bare-nest.app.ts
 */

const PAGE = Array.from({ length: 50 }, (_, n) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  status: 'issued',
  validUntil: '2027-06-30',
}));

@Controller()
class BareController {
  @Post('bench')
  @HttpCode(201)
  accept(@Body() body: Record<string, unknown>): { id: string; fields: number } {
    // Touch the parsed body so that the parse cannot be skipped.
    return { id: randomUUID(), fields: Object.keys(body).length };
  }

  /** A page of 50 small rows, as a list answers: the framework's floor for the query figure. */
  @Get('bench/page')
  page(): { items: { id: string; status: string; validUntil: string }[]; total: number } {
    return { items: PAGE, total: PAGE.length };
  }

  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(Number(process.env['PORT'] ?? 3999), '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
