import type { Logger } from "pino";

/**
 * Tests print their own output, not the app's: the process logger (lib/ops/logger.ts keeps it on
 * globalThis as `factoryLogger`) is set to warnings and errors as it is first stored. Not through
 * LOG_LEVEL, which the processes tests spawn would inherit (the worker's and tokens:reencrypt's
 * info lines are what those tests read); loggers made with createLogger (the logger's own tests)
 * keep their level. A test can still spy on the logger's methods.
 */
let processLogger: Logger | undefined;
Object.defineProperty(globalThis, "factoryLogger", {
  configurable: true,
  get: () => processLogger,
  set: (logger: Logger) => {
    logger.level = "warn";
    processLogger = logger;
  },
});
