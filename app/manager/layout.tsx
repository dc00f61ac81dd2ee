// The manager's area: only managers (signed out → sign-in; another role → 404), with its own
// section navigation.
import type { ReactNode } from 'react';
import { ManagerNav } from '@/components/manager/manager-nav';
import { requireRole } from '@/server/http/page-auth';

export default async function ManagerLayout({ children }: { children: ReactNode }) {
  await requireRole('manager', '/manager');
  return (
    <div className="space-y-6">
      <ManagerNav />
      {children}
    </div>
  );
}
