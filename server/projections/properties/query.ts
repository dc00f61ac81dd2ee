// Moved: property search combines the properties and leases read models with the reader's scope,
// so it is a query service (server/queries/properties.ts).
// TODO(issue-10): delete once app/ and components/ import '@/server/queries/properties'.
export * from '../../queries/properties';
