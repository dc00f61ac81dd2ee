// Shown while this manager page renders on the server.
export { ManagerLoading as default } from '@/components/manager/page-loading';
