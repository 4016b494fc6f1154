import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where a checkout keeps its local state: the embedded database, generated secrets, the simulator's state. */
export const DATA_DIR = path.resolve(".data");

interface LocalSecrets {
  authSecret: string;
  tokenEncryptionKey: string;
  demoAdminPassword: string;
}

/** Secrets generated once per checkout and kept in .data/ (git-ignored), so sessions survive restarts. */
export function localSecrets(): LocalSecrets {
  const file = path.join(DATA_DIR, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  mkdirSync(DATA_DIR, { recursive: true });
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    tokenEncryptionKey: randomBytes(32).toString("base64"),
    demoAdminPassword: randomBytes(9).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
