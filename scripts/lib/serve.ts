import { spawn } from "node:child_process";
import path from "node:path";
import { logger } from "../../lib/ops/logger";
import type { Prepared } from "./prepare";

/**
 * Runs the web process as a child and tears everything down when either side stops: `next dev` for
 * development, and for production our own front around Next (scripts/web-server.ts), which records
 * the socket's address in X-Forwarded-For so the client address can't be forged.
 */
export function serveNext(mode: "dev" | "start", prepared: Prepared): void {
  const port = process.env.PORT ?? "3000";
  const args =
    mode === "dev"
      ? [path.resolve("node_modules/next/dist/bin/next"), "dev", "--port", port]
      : ["--import", "tsx", path.resolve("scripts/web-server.ts")];
  const child = spawn(process.execPath, args, { stdio: "inherit", env: { ...process.env, PORT: port } });
  const childExited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 0)));
  let stopping = false;
  // The web process finishes its requests first (they may need the database), while the worker in
  // this process finishes or hands back its sends; then the simulator and the database stop.
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.all([childExited, prepared.stopWorker().catch(() => {})]);
    await prepared.stop();
    process.exit(code);
  };
  void childExited.then((code) => shutdown(code));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

  if (prepared.demoLogin) {
    // Development only (prepare gives a demo login to `npm run dev` alone): the point is to show it.
    logger.info(
      `Sign in at http://localhost:${process.env.PORT ?? 3000} as ${prepared.demoLogin.email}, password ${prepared.demoLogin.password}`,
    );
  }
}
