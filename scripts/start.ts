import "./lib/local-env";
import { existsSync } from "node:fs";
import { prepare } from "./lib/prepare";
import { logger } from "../lib/ops/logger";
import { serveNext } from "./lib/serve";

if (!existsSync(`${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`)) {
  logger.info("No production build found; run `npm run build` first.");
  process.exit(1);
}
const prepared = await prepare("production");
serveNext("start", prepared);
