import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * Child processes of a cluster run. Each runs under plain Node with tsx as a loader (not tsx's
 * wrapper CLI), so the pid is the process itself and `kill -9` hits it; its output goes to a log
 * file of its own, named in failures.
 */
export interface Running {
  name: string;
  child: ChildProcess;
  logFile: string;
}

export function startProcess(name: string, script: string, env: NodeJS.ProcessEnv, logDir: string): Running {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(script)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once("exit", () => log.end());
  return { name, child, logFile };
}

/** Resolves once the process has printed `text`; rejects if it exits or stays silent for `timeoutMs`. */
export function printed(running: Running, text: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(`${running.name} did not print "${text}" within ${timeoutMs} ms (${running.logFile})`),
      );
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes(text)) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${running.name} exited with ${code} before it was ready (${running.logFile})`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      running.child.stdout?.off("data", onData);
      running.child.off("exit", onExit);
    };
    running.child.stdout?.on("data", onData);
    running.child.once("exit", onExit);
  });
}

/** Resolves once `url` answers 200; rejects if the process exits first or `timeoutMs` passes. */
export async function answering(running: Running, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) {
      throw new Error(`${running.name} exited with ${running.child.exitCode} (${running.logFile})`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${running.logFile})`);
}

/** Stops a process and waits for it to be gone. */
export async function stopProcess(running: Running, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => running.child.once("exit", () => resolve()));
  running.child.kill(signal);
  await gone;
}
