// /manager/properties/new: register a property with its units.
import type { Metadata } from 'next';
import { PropertyForm } from '@/components/manager/property-form';
import { Card } from '@/components/ui/card';
import { requireRole } from '@/server/http/page-auth';

export const metadata: Metadata = { title: 'Register a property' };

export default async function NewPropertyPage() {
  await requireRole('manager', '/manager/properties/new');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Register a property</h1>
      <Card>
        <PropertyForm />
      </Card>
    </div>
  );
}
