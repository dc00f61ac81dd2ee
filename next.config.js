// Next.js configuration. PGlite ships WASM and resolves files by URL at run time,
// so it must stay an external package (bundling it breaks every query).
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pino', 'postgres'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
