import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh database per `vitest run`; test files share it and create their own rows. */
export default async function setup(project: TestProject) {
  const database = await createTestDatabase("vitest");
  process.env.DATABASE_URL = database.url;
  project.provide("databaseUrl", database.url);
  return () => database.drop();
}
