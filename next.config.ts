import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Parallel builds (e2e servers on several ports, benchmarks) each get their own output folder.
  distDir: process.env.TANDEM_NEXT_DIST_DIR || ".next",
  // PGlite and pg stay out of the bundle: they load wasm/native bits at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
};

export default nextConfig;
