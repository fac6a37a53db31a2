import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite and pg stay out of the bundle: they load wasm/native bits at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
