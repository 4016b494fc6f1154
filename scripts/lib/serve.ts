import { spawn } from "node:child_process";
import path from "node:path";
import { log } from "./runtime";
import type { Prepared } from "./prepare";

/** Runs a Next.js command as a child process and tears everything down when either side stops. */
export function serveNext(args: string[], prepared: Prepared): void {
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env: process.env });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    await prepared.stop();
    process.exit(code);
  };
  child.on("exit", (code) => void shutdown(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

  if (prepared.demoLogin) {
    log("");
    log(`Sign in at http://localhost:${process.env.PORT ?? 3000}`);
    log(`  email:    ${prepared.demoLogin.email}`);
    log(`  password: ${prepared.demoLogin.password}`);
    log("");
  }
}
