// Next.js configuration. PGlite ships WASM and resolves files by URL at run time,
// so it must stay an external package (bundling it breaks every query).
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pino', 'postgres'],
  // Separate build directories let several builds of one tree coexist (parallel e2e runs).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
